// Page pre-processing with Leptonica. Order matters: scale first (the filters below are tuned for
// 300 dpi), flatten the background (uneven light, faint print), find skew on a quick binary image,
// rotate the grey page, then binarise it with Sauvola, which copes with noise on grey scans better
// than a global threshold.
#include "preprocess.h"

#include <cmath>

#include "pingcha/stage.h"

namespace pingcha::ocr {

namespace {

PixPtr checked(PIX* p, const char* what) {
    if (!p) throw DocumentError("internal", std::string("image pre-processing failed: ") + what);
    return PixPtr(p);
}

}  // namespace

Prepared preprocess(PIX* grey8, int source_dpi, const PrepOptions& options) {
    Prepared out;
    // Unknown or implausible resolutions are taken as 300 dpi, the archive standard.
    const int dpi = (source_dpi >= 70 && source_dpi <= 1200) ? source_dpi : 300;
    PixPtr page;
    if (std::abs(dpi - options.target_dpi) * 10 > options.target_dpi) {
        const float f = static_cast<float>(options.target_dpi) / static_cast<float>(dpi);
        page = checked(pixScale(grey8, f, f), "scale");
    } else {
        page = checked(pixClone(grey8), "clone");
    }
    out.dpi = options.target_dpi;
    pixSetResolution(page.get(), out.dpi, out.dpi);

    // Flatten the background to white; keeps faint print on grey or unevenly lit paper.
    if (PIX* flat = pixBackgroundNormSimple(page.get(), nullptr, nullptr)) page.reset(flat);

    if (options.deskew) {
        PIX* quick = nullptr;
        if (pixOtsuAdaptiveThreshold(page.get(), 2000, 2000, 0, 0, 0.1f, nullptr, &quick) == 0 && quick) {
            PixPtr q(quick);
            l_float32 angle = 0, conf = 0;
            if (pixFindSkewSweepAndSearch(q.get(), &angle, &conf, 4, 2, 7.0f, 1.0f, 0.01f) == 0 && conf >= 1.8f &&
                std::abs(angle) >= 0.1f) {
                const float radians = angle * static_cast<float>(M_PI / 180.0);
                page = checked(pixRotate(page.get(), radians, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0), "rotate");
                out.skew_degrees = angle;
            }
        }
    }

    switch (options.binarize) {
    case Binarize::sauvola: {
        PIX* bin = nullptr;
        // Half-window of 25 px at 300 dpi is about one character: local enough for stains and
        // gradients, wide enough that strokes keep their interior.
        if (pixSauvolaBinarizeTiled(page.get(), options.sauvola_half_window, options.sauvola_k, 1, 1, nullptr, &bin) != 0 || !bin)
            throw DocumentError("internal", "image pre-processing failed: binarize");
        out.binary.reset(bin);
        break;
    }
    case Binarize::otsu: {
        PIX* bin = nullptr;
        if (pixOtsuAdaptiveThreshold(page.get(), 300, 300, 0, 0, 0.1f, nullptr, &bin) != 0 || !bin)
            throw DocumentError("internal", "image pre-processing failed: binarize");
        out.binary.reset(bin);
        break;
    }
    case Binarize::none:
        out.binary = checked(pixClone(page.get()), "clone");
        break;
    }
    pixSetResolution(out.binary.get(), out.dpi, out.dpi);
    out.grey = std::move(page);
    return out;
}

}  // namespace pingcha::ocr
