// The criteria plugin's units: each returns the spec of one criterion.
#pragma once

#include "pingcha/criterion.h"

namespace pingcha::criteria {

CriterionSpec date_signature();

}  // namespace pingcha::criteria
