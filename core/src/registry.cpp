// The registry: what the loaded plugins provide, with ownership for listing and rollback.
#include "pingcha/registry.h"

#include <stdexcept>

namespace pingcha {

void Registry::add_stage(StageSpec spec) {
    if (spec.name.empty() || !spec.make) throw std::runtime_error("stage without a name or factory");
    auto it = stage_owner_.find(spec.name);
    if (it != stage_owner_.end())
        throw std::runtime_error("stage '" + spec.name + "' is already provided by plugin '" +
                                 it->second + "'");
    stage_owner_[spec.name] = current_plugin_;
    stages_.push_back(std::move(spec));
}

void Registry::add_criterion(CriterionSpec spec) {
    if (spec.id.empty() || !spec.check) throw std::runtime_error("criterion without an id or check");
    auto it = criterion_owner_.find(spec.id);
    if (it != criterion_owner_.end())
        throw std::runtime_error("criterion '" + spec.id + "' is already provided by plugin '" +
                                 it->second + "'");
    criterion_owner_[spec.id] = current_plugin_;
    criteria_.push_back(std::move(spec));
}

void Registry::add_resource(const std::string& kind, const std::string& path) {
    resources_.push_back({kind, path, current_plugin_});
}

const StageSpec* Registry::find_stage(const std::string& name) const {
    for (const auto& s : stages_)
        if (s.name == name) return &s;
    return nullptr;
}

const CriterionSpec* Registry::find_criterion(const std::string& id) const {
    for (const auto& c : criteria_)
        if (c.id == id) return &c;
    return nullptr;
}

std::vector<std::string> Registry::resources(const std::string& kind) const {
    std::vector<std::string> out;
    for (const auto& r : resources_)
        if (r.kind == kind) out.push_back(r.path);
    return out;
}

std::string Registry::owner_of_stage(const std::string& name) const {
    auto it = stage_owner_.find(name);
    return it == stage_owner_.end() ? std::string() : it->second;
}

std::string Registry::owner_of_criterion(const std::string& id) const {
    auto it = criterion_owner_.find(id);
    return it == criterion_owner_.end() ? std::string() : it->second;
}

const PluginInfo* Registry::plugin(const std::string& name) const {
    for (const auto& p : plugins_)
        if (p.name == name) return &p;
    return nullptr;
}

void Registry::begin_plugin(const PluginInfo& info) {
    current_plugin_ = info.name;
    auto slash = info.file.find_last_of('/');
    current_dir_ = slash == std::string::npos ? "." : info.file.substr(0, slash);
    mark_stages_ = stages_.size();
    mark_criteria_ = criteria_.size();
    mark_resources_ = resources_.size();
    plugins_.push_back(info);
}

void Registry::commit_plugin() {
    auto& info = plugins_.back();
    for (std::size_t i = mark_stages_; i < stages_.size(); ++i) info.stages.push_back(stages_[i].name);
    for (std::size_t i = mark_criteria_; i < criteria_.size(); ++i)
        info.criteria.push_back(criteria_[i].id);
    current_plugin_ = "core";
    current_dir_.clear();
}

void Registry::rollback_plugin() {
    for (std::size_t i = mark_stages_; i < stages_.size(); ++i) stage_owner_.erase(stages_[i].name);
    for (std::size_t i = mark_criteria_; i < criteria_.size(); ++i)
        criterion_owner_.erase(criteria_[i].id);
    stages_.resize(mark_stages_);
    criteria_.resize(mark_criteria_);
    resources_.resize(mark_resources_);
    plugins_.pop_back();
    current_plugin_ = "core";
    current_dir_.clear();
}

}  // namespace pingcha
