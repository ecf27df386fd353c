// What every subcommand shares: option parsing, exit codes, plugin loading, search paths.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "pingcha/plugin_host.h"
#include "pingcha/registry.h"

namespace pingcha::app {

enum ExitCode { exit_ok = 0, exit_failed_documents = 1, exit_usage = 2, exit_unavailable = 3 };

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A tiny getopt for subcommands: --name VALUE, --name=VALUE, flags, repeatable options.
class Options {
public:
    struct Spec {
        std::string name;
        bool takes_value;
        bool repeatable;
    };
    Options(std::vector<Spec> specs) : specs_(std::move(specs)) {}
    // Throws UsageError for an unknown option or a missing value.
    void parse(const std::vector<std::string>& args);
    bool has(const std::string& name) const { return values_.count(name) != 0; }
    std::string get(const std::string& name, const std::string& fallback = "") const;
    std::vector<std::string> all(const std::string& name) const;
    const std::vector<std::string>& positional() const { return positional_; }

private:
    std::vector<Spec> specs_;
    std::multimap<std::string, std::string> values_;
    std::vector<std::string> positional_;
};

// The options every subcommand that loads plugins takes.
std::vector<Options::Spec> common_specs();
extern const char* common_help;

// Plugins and search paths, set up from --plugin-path / --pipelines-dir and the environment.
struct Setup {
    Registry registry;
    std::unique_ptr<PluginHost> host;
    std::vector<std::string> data_dirs;
    std::string exe_path;
};
std::unique_ptr<Setup> load_setup(const Options& opts);
// Prints a configuration error of `command` and, unless it names them itself (NeededPluginRefused),
// every refused plugin, which may be why. Returns exit_usage.
int report_config_error(const char* command, const ConfigError& e, const Setup& setup);
// One warning line on stderr for each refused plugin that `pipeline` runs without (it needs none of
// them: load_checked_pipeline said so), so that a court's own rules never drop out unseen.
void warn_refused_plugins(const char* command, const Setup& setup, const std::string& pipeline);
std::string self_exe_path();
int parse_jobs(const std::string& value);

int cmd_score(const std::vector<std::string>& args);
int cmd_plugins(const std::vector<std::string>& args);
int cmd_criteria(const std::vector<std::string>& args);
int cmd_segment(const std::vector<std::string>& args);
int cmd_watch(const std::vector<std::string>& args);
int cmd_rescore(const std::vector<std::string>& args);
int cmd_report(const std::vector<std::string>& args);

}  // namespace pingcha::app
