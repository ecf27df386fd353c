// Page pre-processing with Leptonica. Scale to 300 dpi first (the filters are tuned for it), measure
// noise and contrast on a half-size copy, find skew on a binary half-size copy (cheap), rotate the
// grey page only when it is skewed. Noisy or faint pages get background flattening and Sauvola
// binarisation, which copes with noise on grey scans better than a global threshold; clean pages
// go to Tesseract as they are (its Otsu does as well there, and Sauvola costs about as much as
// recognition itself).
#include "preprocess.h"

#include <cmath>
#include <cstdlib>

#include "pingcha/stage.h"

namespace pingcha::ocr {

namespace {

PixPtr checked(PIX* p, const char* what) {
    if (!p) throw DocumentError("internal", std::string("image pre-processing failed: ") + what);
    return PixPtr(p);
}

struct PageStats {
    int p1 = 0;        // 1st percentile grey level (the ink)
    int p50 = 255;     // median (the paper)
    double noise = 0;  // mean |difference| of horizontal neighbours on the paper
};

PageStats measure(PIX* half) {
    PageStats s;
    const int w = pixGetWidth(half), h = pixGetHeight(half), wpl = pixGetWpl(half);
    const l_uint32* data = pixGetData(half);
    long hist[256] = {0};
    for (int y = 0; y < h; ++y) {
        const l_uint32* line = data + static_cast<long>(y) * wpl;
        for (int x = 0; x < w; ++x) ++hist[GET_DATA_BYTE(line, x)];
    }
    const long n = static_cast<long>(w) * h;
    long acc = 0;
    bool got1 = false, got50 = false;
    for (int v = 0; v < 256; ++v) {
        acc += hist[v];
        if (!got1 && acc * 100 >= n) s.p1 = v, got1 = true;
        if (!got50 && acc * 2 >= n) s.p50 = v, got50 = true;
    }
    const int paper = s.p50 - 40;
    double diff = 0;
    long count = 0;
    for (int y = 0; y < h; y += 2) {
        const l_uint32* line = data + static_cast<long>(y) * wpl;
        for (int x = 0; x + 1 < w; ++x) {
            const int a = GET_DATA_BYTE(line, x), b = GET_DATA_BYTE(line, x + 1);
            if (a > paper && b > paper) {
                diff += std::abs(a - b);
                ++count;
            }
        }
    }
    s.noise = count > 0 ? diff / static_cast<double>(count) : 0;
    return s;
}

// Measured on the synthetic scans (bench/RESULTS.md): clean pages 0.0-0.7 and contrast >= 250,
// noisy ones 4.2-4.7, faint ones contrast ~78.
constexpr double kNoisy = 2.0;
constexpr int kFaint = 120;

}  // namespace

int plausible_dpi(int source_dpi) { return (source_dpi >= 70 && source_dpi <= 1200) ? source_dpi : 300; }

Prepared preprocess(PIX* grey8, int source_dpi, bool bilevel, const PrepOptions& options) {
    Prepared out;
    const int dpi = plausible_dpi(source_dpi);
    PixPtr page;
    // Only resolutions far from the target are scaled: Tesseract normalises line height itself, and
    // 200-dpi pages read better unscaled (bench/RESULTS.md); 600-dpi pages halve OCR time.
    if (dpi * 5 < options.target_dpi * 3 || dpi * 2 > options.target_dpi * 3) {
        const float f = static_cast<float>(options.target_dpi) / static_cast<float>(dpi);
        page = checked(pixScale(grey8, f, f), "scale");
        out.dpi = options.target_dpi;
    } else {
        page = checked(pixClone(grey8), "clone");
        out.dpi = dpi;
    }
    pixSetResolution(page.get(), out.dpi, out.dpi);

    PixPtr half = checked(pixScaleAreaMap2(page.get()), "reduce");
    const PageStats stats = measure(half.get());
    out.noise = stats.noise;
    out.contrast = stats.p50 - stats.p1;
    out.degraded = stats.noise >= kNoisy || out.contrast < kFaint;
    Binarize mode = options.binarize;
    if (mode == Binarize::automatic) mode = out.degraded ? Binarize::sauvola : Binarize::none;

    if (options.deskew) {
        // Half size is plenty for line angles; the threshold sits between ink and paper.
        PixPtr quick(pixThresholdToBinary(half.get(), (stats.p1 + stats.p50) / 2));
        l_float32 angle = 0, conf = 0;
        if (quick && pixFindSkewSweepAndSearch(quick.get(), &angle, &conf, 2, 1, 7.0f, 1.0f, 0.01f) == 0 &&
            conf >= 1.8f && std::abs(angle) >= 0.1f) {
            const float radians = angle * static_cast<float>(M_PI / 180.0);
            page = checked(pixRotate(page.get(), radians, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0), "rotate");
            out.skew_degrees = angle;
        }
    }
    half.reset();

    if (mode == Binarize::sauvola || mode == Binarize::otsu) {
        // Flatten the background to white; keeps faint print on grey or unevenly lit paper.
        if (PIX* flat = pixBackgroundNormSimple(page.get(), nullptr, nullptr)) page.reset(flat);
    }
    switch (mode) {
    case Binarize::sauvola: {
        PIX* bin = nullptr;
        // Defaults (half-window 40 px at 300 dpi, about 1.5 characters; k 0.27) were the best of
        // those tried on the noisy and faint scans (bench/RESULTS.md).
        if (pixSauvolaBinarizeTiled(page.get(), options.sauvola_half_window, options.sauvola_k, 1, 1, nullptr, &bin) != 0 ||
            !bin)
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
    case Binarize::automatic:
    case Binarize::none:
        // A 1-bit scan goes back to 1 bit: Tesseract then skips its own thresholding, which costs
        // about a tenth of the recognition time on a page.
        if (bilevel) out.binary = checked(pixConvertTo1(page.get(), 128), "to 1 bit");
        else out.binary = checked(pixClone(page.get()), "clone");
        break;
    }
    pixSetResolution(out.binary.get(), out.dpi, out.dpi);
    out.grey = std::move(page);
    return out;
}

}  // namespace pingcha::ocr
