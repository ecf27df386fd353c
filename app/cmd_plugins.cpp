// `pingcha plugins`: what was found, what each provides, and what was refused and why.
#include <cstdio>

#include "cli.h"
#include "pingcha/plugin/abi.h"

namespace pingcha::app {

int cmd_plugins(const std::vector<std::string>& args) {
    Options opts(common_specs());
    opts.parse(args);
    if (opts.has("help")) {
        std::printf(
            "usage: pingcha plugins [options]\n\nLists each plugin found (name, version, ABI, file, stages and\n"
            "their parameters, criteria) and each plugin file refused, with the reason.\n"
            "Exit code 0 when all loaded, 1 when any was refused.\n\noptions:\n%s",
            common_help);
        return exit_ok;
    }
    auto setup = load_setup(opts);
    const Registry& reg = setup->registry;
    std::printf("pingcha plugin ABI %d\n", PINGCHA_PLUGIN_ABI);
    std::printf("built-in stages: ");
    bool first = true;
    for (const auto& s : reg.stages())
        if (reg.owner_of_stage(s.name) == "core") {
            std::printf("%s%s", first ? "" : ", ", s.name.c_str());
            first = false;
        }
    std::printf("\n");
    for (const auto& p : reg.plugins()) {
        std::printf("\n%s %s (ABI %d)\n  file: %s\n", p.name.c_str(), p.version.c_str(), p.abi_version, p.file.c_str());
        for (const auto& name : p.stages) {
            const StageSpec* s = reg.find_stage(name);
            std::printf("  stage %s: %s\n", name.c_str(), s->help.c_str());
            for (const auto& mt : s->media_types) std::printf("    reads %s\n", mt.c_str());
            for (const auto& prm : s->params)
                std::printf("    %s (%s, default '%s'): %s\n", prm.name.c_str(), to_string(prm.type),
                            prm.default_value.c_str(), prm.help.c_str());
        }
        if (!p.criteria.empty()) std::printf("  criteria: %zu (see `pingcha criteria`)\n", p.criteria.size());
    }
    for (const auto& r : setup->host->refused()) std::printf("\nREFUSED %s\n  %s\n", r.file.c_str(), r.reason.c_str());
    return setup->host->refused().empty() ? exit_ok : exit_failed_documents;
}

}  // namespace pingcha::app
