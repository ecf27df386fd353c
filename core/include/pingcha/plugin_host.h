// The plugin host: finds plugin files, loads them with dlopen and records what each provided or why it was refused.
#pragma once

#include <string>
#include <vector>

#include "pingcha/registry.h"

namespace pingcha {

struct RefusedPlugin {
    std::string file;
    std::string reason;
};

class PluginHost {
public:
    explicit PluginHost(Registry& registry) : registry_(registry) {}

    // Loads every plugin file (lib*.so / *.so) in each folder, in name order. Never throws for a
    // bad plugin: it is recorded in refused(). Plugins are never unloaded.
    void load_dirs(const std::vector<std::string>& dirs);
    // Loads one file; returns false and records the refusal when it cannot be used.
    bool load_file(const std::string& path);

    const std::vector<RefusedPlugin>& refused() const { return refused_; }

    // The folders to search, in order: --plugin-path values, PINGCHA_PLUGIN_PATH, then the
    // folder beside the executable (build tree or install prefix).
    static std::vector<std::string> search_path(const std::vector<std::string>& cli_dirs,
                                                const std::string& exe_path);

private:
    Registry& registry_;
    std::vector<RefusedPlugin> refused_;
    std::vector<std::string> loaded_files_;
};

}  // namespace pingcha
