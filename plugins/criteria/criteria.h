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

}  // namespace pingcha::criteria
