// RAII and conversions around Leptonica images (Pix) for the ocr-tesseract plugin.
#pragma once

#include <allheaders.h>

#include <memory>
#include <string>

#include "pingcha/document.h"

namespace pingcha::ocr {

struct PixDeleter {
    void operator()(PIX* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

// Limits that keep a hostile or broken file from allocating without bound.
struct ImageLimits {
    long max_side = 30000;          // pixels, width or height
    double max_mpixels = 100;       // one page
    double max_total_mpixels = 1500;  // all pages of one document
};

// Throws DocumentError("too_large") when a w x h page would pass a limit; adds it to `total`.
void check_dimensions(long w, long h, const ImageLimits& limits, double& total_mpixels, const std::string& what);

// A Pix of any depth as a Raster: 8-bit grey, or 24-bit RGB when the page really has colour.
std::shared_ptr<Raster> to_raster(PIX* pix);

// A Raster back to an 8-bit grey Pix (colour by luminance).
// `bilevel` is set when every pixel is 0 or 255 (a 1-bit scan), so OCR can skip thresholding.
PixPtr to_grey_pix(const Raster& raster, bool* bilevel = nullptr);

// Leptonica prints its errors to stderr; the plugin reports through DocumentError instead.
void silence_leptonica();

}  // namespace pingcha::ocr
