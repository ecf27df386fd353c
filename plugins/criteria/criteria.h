// The criteria plugin's units: each returns the spec of one criterion.
#pragma once

#include <memory>
#include <vector>

#include "pingcha/criterion.h"
#include "scan.h"
#include "tables.h"

namespace pingcha::criteria {

CriterionSpec date_signature();

// Citations, amounts, wording, typos, punctuation, privacy, claims, reasoning (tables from criteria-data/).
std::vector<CriterionSpec> citation_criteria(std::shared_ptr<const Tables> t);
std::vector<CriterionSpec> amount_criteria(std::shared_ptr<const Tables> t);
std::vector<CriterionSpec> wording_criteria(std::shared_ptr<const Tables> t);
std::vector<CriterionSpec> typo_criteria(std::shared_ptr<const Tables> t);
CriterionSpec punctuation();
CriterionSpec privacy_unmasked();
CriterionSpec decision_claims();
std::vector<CriterionSpec> reasoning_criteria();

// Structure, case number, court, dates, sentence, panel, notice and party criteria (read the structure
// stage's sections and facts; tables court-codes, case-type-codes, appeal-periods, time-limits).
struct CaseTables;
std::vector<CriterionSpec> structure_criteria(std::shared_ptr<const CaseTables> t);
std::vector<CriterionSpec> case_number_criteria(std::shared_ptr<const CaseTables> t);
std::vector<CriterionSpec> date_criteria(std::shared_ptr<const CaseTables> t);
std::vector<CriterionSpec> trial_criteria(std::shared_ptr<const CaseTables> t);
std::vector<CriterionSpec> party_criteria();

}  // namespace pingcha::criteria
