// The criteria plugin: registers every criterion of CRITERIA.md that is implemented.
#include "criteria.h"

#include "pingcha/plugin/abi.h"
#include "pingcha/registry.h"

namespace {

void register_all(pingcha::Registry& registry, const std::string&) {
    using namespace pingcha::criteria;
    registry.add_criterion(date_signature());
}

}  // namespace

PINGCHA_PLUGIN("criteria", "0.1.0", register_all)
