// The three stages of the ocr-tesseract plugin, registered by plugin.cpp.
#pragma once

#include "pingcha/registry.h"

namespace pingcha::ocr {

void register_decode_image(Registry& registry);
void register_decode_pdf(Registry& registry);
void register_ocr(Registry& registry);

}  // namespace pingcha::ocr
