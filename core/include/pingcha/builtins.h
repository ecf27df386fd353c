// Stages built into core: `decode` (dispatch to the decoder plugin for the media type) and
// `criteria` (run every registered criterion).
#pragma once

#include "pingcha/registry.h"

namespace pingcha {

void register_builtins(Registry& registry);

}  // namespace pingcha
