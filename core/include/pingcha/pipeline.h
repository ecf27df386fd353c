// Pipelines: a line of named stages with parameters, parsed from text and run on documents.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "pingcha/registry.h"

namespace pingcha {

struct StageCall {
    std::string name;
    std::map<std::string, std::string> params;  // as written
    int line = 0, column = 0;                   // where the stage name stands
    std::map<std::string, std::pair<int, int>> param_positions;
};

struct PipelineDesc {
    std::string name;
    std::string file;  // where it was read from, or "<string>"
    std::vector<StageCall> stages;
};

// A pipeline or sheet that cannot be used: message says file:line:column and what is known.
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Parses `decode ! ocr lang=chi_sim ! score sheet=spc-2016` (lines joined; '#' starts a comment).
PipelineDesc parse_pipeline(const std::string& text, const std::string& file, const std::string& name);

// Finds a pipeline by name in the search folders (NAME.pipeline) or reads it from a path.
PipelineDesc load_pipeline(const std::string& name_or_path, const std::vector<std::string>& dirs);

// The folders for pipelines and sheets: --pipelines-dir values, PINGCHA_PIPELINES_PATH, the
// pipelines/ folder of the source tree or install prefix beside the executable, and each
// plugin's "pipelines-dir" resource.
std::vector<std::string> pipelines_search_path(const std::vector<std::string>& cli_dirs,
                                               const std::string& exe_path, const Registry* registry);

// A pipeline checked against the registry, ready to make instances (one per worker).
class Pipeline {
public:
    // Throws ConfigError naming file:line:column for an unknown stage or parameter or bad value.
    Pipeline(PipelineDesc desc, const Registry& registry,
             const std::map<std::string, std::map<std::string, std::string>>& overrides = {});

    struct Instance {
        std::vector<std::pair<std::string, std::unique_ptr<Stage>>> stages;
    };
    std::unique_ptr<Instance> instantiate() const;

    // Runs every stage on the document; a DocumentError or any exception fails the document
    // (recorded in doc.failure) and stops its pipeline. Records per-stage timings.
    void run(Instance& instance, Document& doc, const RunContext& ctx) const;

    const PipelineDesc& desc() const { return desc_; }
    const std::map<std::string, std::string>& plugin_versions() const { return plugin_versions_; }
    // The checked parameters of the first stage with this name, or nullptr.
    const Params* params_of(const std::string& stage) const;

private:
    PipelineDesc desc_;
    const Registry& registry_;
    std::vector<Params> params_;
    std::map<std::string, std::string> plugin_versions_;
};

}  // namespace pingcha
