// The plugin host: finds plugin files, loads them with dlopen and records what each provided or why it was refused.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pingcha/pipeline.h"
#include "pingcha/registry.h"
#include "pingcha/sheet.h"

namespace pingcha {

struct RefusedPlugin {
    std::string file;
    std::string reason;
};

// A plugin refused at load that a pipeline needs: a run would quietly lack one of its stages or
// its sheet's criteria, so it is a configuration error (the CLI exits 2), never a warning.
class NeededPluginRefused : public ConfigError {
public:
    using ConfigError::ConfigError;
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
    const Registry& registry() const { return registry_; }

    // A refused plugin is needed when a stage the pipeline names, or a criterion its sheet lists (an
    // id, or a prefix rule such as court.liaoning-benxi.*), is provided by no loaded plugin. A refused
    // file registered nothing, so which one would have provided it is read from its name: the file
    // named after the stage (structure.so for `structure`, ocr-tesseract.so for `ocr`) or after the
    // plugin a criterion's id names (liaoning-benxi.so for court.liaoning-benxi.*); when no refused
    // file is named so, every refused file is named. Throws NeededPluginRefused saying which stage
    // or criterion, which plugin file and why it was refused; do nothing when none was refused.
    void require_stages(const PipelineDesc& desc) const;
    void require_criteria(const Sheet& sheet) const;

    // The folders to search, in order: --plugin-path values, PINGCHA_PLUGIN_PATH, then the
    // folder beside the executable (build tree or install prefix).
    static std::vector<std::string> search_path(const std::vector<std::string>& cli_dirs,
                                                const std::string& exe_path);

    // The refused plugins that may provide something: the one whose file is named after `wanted`
    // (a stage or plugin name) when there is one, else every refused one; with the reasons.
    std::string refusals_that_may_provide(const std::string& wanted) const;

private:
    Registry& registry_;
    std::vector<RefusedPlugin> refused_;
    std::vector<std::string> loaded_files_;
};

// Reads a pipeline for a run (by name or path, --sheet and other overrides applied) and checks it
// against what was loaded: unknown stages or parameters, the sheet its score stage names, refused
// plugins it needs (NeededPluginRefused, see require_stages). Throws ConfigError. `sheet`, when
// given, receives the sheet of a pipeline that scores.
std::unique_ptr<Pipeline> load_checked_pipeline(
    const std::string& name_or_path, const PluginHost& host, const std::vector<std::string>& data_dirs,
    const std::map<std::string, std::map<std::string, std::string>>& overrides = {},
    std::optional<Sheet>* sheet = nullptr);

}  // namespace pingcha
