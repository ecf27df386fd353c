// The registry that plugins fill: stages, criteria and data resources, each owned by a plugin.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "pingcha/criterion.h"
#include "pingcha/stage.h"

namespace pingcha {

struct PluginInfo {
    std::string name;
    std::string version;
    int abi_version = 0;
    std::string file;
    std::vector<std::string> stages;
    std::vector<std::string> criteria;
};

// A data file a plugin contributes: kind is "lexicon", "court-table", "sheets-dir", "roster", ...
struct Resource {
    std::string kind;
    std::string path;
    std::string plugin;
};

class Registry {
public:
    // Throws std::runtime_error on a duplicate name or id.
    void add_stage(StageSpec spec);
    void add_criterion(CriterionSpec spec);
    void add_resource(const std::string& kind, const std::string& path);

    const StageSpec* find_stage(const std::string& name) const;
    const CriterionSpec* find_criterion(const std::string& id) const;
    const std::vector<StageSpec>& stages() const { return stages_; }
    const std::vector<CriterionSpec>& criteria() const { return criteria_; }
    std::vector<std::string> resources(const std::string& kind) const;
    const std::vector<PluginInfo>& plugins() const { return plugins_; }
    // Which plugin provided a stage or criterion ("core" for built-ins).
    std::string owner_of_stage(const std::string& name) const;
    std::string owner_of_criterion(const std::string& id) const;
    const PluginInfo* plugin(const std::string& name) const;

    // Used by the plugin host: everything added between begin and commit belongs to that plugin;
    // rollback removes it (registration failed).
    void begin_plugin(const PluginInfo& info);
    void commit_plugin();
    void rollback_plugin();
    const std::string& current_plugin_dir() const { return current_dir_; }

private:
    std::vector<StageSpec> stages_;
    std::vector<CriterionSpec> criteria_;
    std::vector<Resource> resources_;
    std::vector<PluginInfo> plugins_;
    std::map<std::string, std::string> stage_owner_;
    std::map<std::string, std::string> criterion_owner_;
    std::string current_plugin_ = "core";
    std::string current_dir_;
    std::size_t mark_stages_ = 0, mark_criteria_ = 0, mark_resources_ = 0;
};

}  // namespace pingcha
