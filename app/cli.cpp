// Shared CLI plumbing: option parsing and plugin/search-path set-up.
#include "cli.h"

#include <unistd.h>

#include <cstdio>
#include <thread>

#include "pingcha/builtins.h"
#include "pingcha/pipeline.h"

namespace pingcha::app {

void Options::parse(const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") {
            positional_.insert(positional_.end(), args.begin() + static_cast<long>(i) + 1, args.end());
            break;
        }
        if (a.size() < 2 || a.compare(0, 2, "--") != 0 || a == "-") {
            if (a.size() > 1 && a[0] == '-' && a != "-") throw UsageError("unknown option " + a);
            positional_.push_back(a);
            continue;
        }
        std::string name = a.substr(2), value;
        bool has_value = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            has_value = true;
        }
        const Spec* spec = nullptr;
        for (const auto& s : specs_)
            if (s.name == name) spec = &s;
        if (!spec) throw UsageError("unknown option --" + name + " (see --help)");
        if (spec->takes_value && !has_value) {
            if (i + 1 >= args.size()) throw UsageError("option --" + name + " needs a value");
            value = args[++i];
        } else if (!spec->takes_value && has_value) {
            throw UsageError("option --" + name + " takes no value");
        }
        if (!spec->repeatable && values_.count(name)) throw UsageError("option --" + name + " given twice");
        values_.emplace(name, value);
    }
}

std::string Options::get(const std::string& name, const std::string& fallback) const {
    auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
}

std::vector<std::string> Options::all(const std::string& name) const {
    std::vector<std::string> out;
    auto [b, e] = values_.equal_range(name);
    for (auto it = b; it != e; ++it) out.push_back(it->second);
    return out;
}

std::vector<Options::Spec> common_specs() {
    return {{"help", false, false}, {"plugin-path", true, true}, {"pipelines-dir", true, true}};
}

const char* common_help =
    "  --plugin-path DIR     look for plugins in DIR first (repeatable; also PINGCHA_PLUGIN_PATH)\n"
    "  --pipelines-dir DIR   look for pipelines and sheets in DIR first (repeatable; also\n"
    "                        PINGCHA_PIPELINES_PATH)\n"
    "  --help                this help\n";

std::string self_exe_path() {
    char buf[4096];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return {};
    buf[n] = 0;
    return buf;
}

std::unique_ptr<Setup> load_setup(const Options& opts) {
    auto setup = std::make_unique<Setup>();
    setup->exe_path = self_exe_path();
    register_builtins(setup->registry);
    setup->host = std::make_unique<PluginHost>(setup->registry);
    setup->host->load_dirs(PluginHost::search_path(opts.all("plugin-path"), setup->exe_path));
    setup->data_dirs = pipelines_search_path(opts.all("pipelines-dir"), setup->exe_path, &setup->registry);
    return setup;
}

int report_config_error(const char* command, const ConfigError& e, const Setup& setup) {
    std::fprintf(stderr, "pingcha %s: %s\n", command, e.what());
    if (!dynamic_cast<const NeededPluginRefused*>(&e))
        for (const auto& r : setup.host->refused())
            std::fprintf(stderr, "pingcha %s: refused plugin %s: %s\n", command, r.file.c_str(), r.reason.c_str());
    return exit_usage;
}

void warn_refused_plugins(const char* command, const Setup& setup, const std::string& pipeline) {
    for (const auto& r : setup.host->refused())
        std::fprintf(stderr,
                     "pingcha %s: warning: plugin %s was refused (%s); pipeline %s does not need it and runs "
                     "without it\n",
                     command, r.file.c_str(), r.reason.c_str(), pipeline.c_str());
}

int parse_jobs(const std::string& value) {
    if (value.empty()) return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    char* end = nullptr;
    const long n = std::strtol(value.c_str(), &end, 10);
    if (*end != 0 || n < 1 || n > 256) throw UsageError("--jobs wants a number from 1 to 256, got '" + value + "'");
    return static_cast<int>(n);
}

}  // namespace pingcha::app
