// The criteria plugin: registers every criterion of CRITERIA.md that is implemented.
#include "criteria.h"

#include "case_tables.h"

#include "pingcha/plugin/abi.h"
#include "pingcha/registry.h"

namespace {

void register_all(pingcha::Registry& registry, const std::string& plugin_dir) {
    using namespace pingcha::criteria;
    registry.add_criterion(date_signature());
    // The data tables sit next to the plugin (build tree: plugins/criteria-data/), read once here.
    const auto tables = load_tables(plugin_dir + "/criteria-data");
    for (auto* family : {&citation_criteria, &amount_criteria, &wording_criteria, &typo_criteria})
        for (auto& c : (*family)(tables)) registry.add_criterion(std::move(c));
    registry.add_criterion(punctuation());
    registry.add_criterion(privacy_unmasked());
    registry.add_criterion(decision_claims());
    for (auto& c : reasoning_criteria()) registry.add_criterion(std::move(c));
    const auto case_tables = load_case_tables(plugin_dir + "/criteria-data");
    for (auto& c : structure_criteria(case_tables)) registry.add_criterion(std::move(c));
    for (auto* family : {&case_number_criteria, &date_criteria, &trial_criteria})
        for (auto& c : (*family)(case_tables)) registry.add_criterion(std::move(c));
    for (auto& c : party_criteria()) registry.add_criterion(std::move(c));
}

}  // namespace

PINGCHA_PLUGIN("criteria", "0.1.0", register_all)
