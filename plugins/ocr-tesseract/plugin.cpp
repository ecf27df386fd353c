// The ocr-tesseract plugin: scans in. Registers decode-image, decode-pdf and ocr.
#include "lept.h"
#include "pingcha/plugin/abi.h"
#include "stages.h"

namespace {

void register_all(pingcha::Registry& registry, const std::string&) {
    pingcha::ocr::silence_leptonica();
    pingcha::ocr::register_decode_image(registry);
    pingcha::ocr::register_decode_pdf(registry);
    pingcha::ocr::register_ocr(registry);
}

}  // namespace

PINGCHA_PLUGIN("ocr-tesseract", "0.1.0", register_all)
