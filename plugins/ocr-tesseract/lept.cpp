// Leptonica helpers: dimension limits, Pix <-> Raster conversion, quiet error output.
#include "lept.h"

#include <cstdlib>

#include "pingcha/stage.h"

namespace pingcha::ocr {

void check_dimensions(long w, long h, const ImageLimits& limits, double& total_mpixels, const std::string& what) {
    if (w <= 0 || h <= 0) throw DocumentError("corrupt", what + ": the image has no pixels (" +
                                                           std::to_string(w) + "x" + std::to_string(h) + ")");
    const double mp = static_cast<double>(w) * static_cast<double>(h) / 1e6;
    if (w > limits.max_side || h > limits.max_side || mp > limits.max_mpixels)
        throw DocumentError("too_large", what + ": the image claims " + std::to_string(w) + "x" + std::to_string(h) +
                                             " pixels, over the limit of " + std::to_string(limits.max_side) +
                                             " per side and " + std::to_string(static_cast<long>(limits.max_mpixels)) +
                                             " megapixels per page");
    total_mpixels += mp;
    if (total_mpixels > limits.max_total_mpixels)
        throw DocumentError("too_large", what + ": the pages add up to more than " +
                                             std::to_string(static_cast<long>(limits.max_total_mpixels)) +
                                             " megapixels");
}

namespace {

// True when more than 0.2% of a sample of pixels are clearly coloured.
bool has_colour(PIX* pix32) {
    const int w = pixGetWidth(pix32), h = pixGetHeight(pix32), wpl = pixGetWpl(pix32);
    const l_uint32* data = pixGetData(pix32);
    long coloured = 0, sampled = 0;
    for (int y = 0; y < h; y += 4) {
        const l_uint32* line = data + static_cast<long>(y) * wpl;
        for (int x = 0; x < w; x += 4) {
            l_int32 r, g, b;
            extractRGBValues(line[x], &r, &g, &b);
            const int mx = std::max(r, std::max(g, b)), mn = std::min(r, std::min(g, b));
            if (mx - mn > 48) ++coloured;
            ++sampled;
        }
    }
    return sampled > 0 && coloured * 500 > sampled;
}

}  // namespace

std::shared_ptr<Raster> to_raster(PIX* pix) {
    auto r = std::make_shared<Raster>();
    r->width = pixGetWidth(pix);
    r->height = pixGetHeight(pix);
    r->dpi = pixGetXRes(pix);
    const int d = pixGetDepth(pix);
    const bool maybe_colour = d == 32 || (pixGetColormap(pix) != nullptr && d > 1);
    PixPtr p32;
    if (maybe_colour) {
        p32.reset(pixConvertTo32(pix));
        if (!p32) throw DocumentError("corrupt", "cannot convert the image to RGB");
    }
    if (p32 && has_colour(p32.get())) {
        r->channels = 3;
        r->pixels.resize(static_cast<std::size_t>(r->width) * r->height * 3);
        const int wpl = pixGetWpl(p32.get());
        const l_uint32* data = pixGetData(p32.get());
        std::uint8_t* out = r->pixels.data();
        for (int y = 0; y < r->height; ++y) {
            const l_uint32* line = data + static_cast<long>(y) * wpl;
            for (int x = 0; x < r->width; ++x) {
                l_int32 cr, cg, cb;
                extractRGBValues(line[x], &cr, &cg, &cb);
                *out++ = static_cast<std::uint8_t>(cr);
                *out++ = static_cast<std::uint8_t>(cg);
                *out++ = static_cast<std::uint8_t>(cb);
            }
        }
        return r;
    }
    PixPtr p8(p32 ? pixConvertRGBToLuminance(p32.get()) : pixConvertTo8(pix, 0));
    if (!p8) throw DocumentError("corrupt", "cannot convert the image to grey");
    r->channels = 1;
    r->pixels.resize(static_cast<std::size_t>(r->width) * r->height);
    const int wpl = pixGetWpl(p8.get());
    const l_uint32* data = pixGetData(p8.get());
    std::uint8_t* out = r->pixels.data();
    for (int y = 0; y < r->height; ++y) {
        const l_uint32* line = data + static_cast<long>(y) * wpl;
        for (int x = 0; x < r->width; ++x) *out++ = static_cast<std::uint8_t>(GET_DATA_BYTE(line, x));
    }
    return r;
}

PixPtr to_grey_pix(const Raster& raster, bool* bilevel) {
    if (raster.width <= 0 || raster.height <= 0 || (raster.channels != 1 && raster.channels != 3) ||
        raster.pixels.size() != static_cast<std::size_t>(raster.width) * raster.height * raster.channels)
        throw DocumentError("internal", "page image has an inconsistent size");
    PixPtr pix(pixCreate(raster.width, raster.height, raster.channels == 1 ? 8 : 32));
    if (!pix) throw DocumentError("too_large", "cannot allocate the page image");
    if (raster.dpi > 0) pixSetResolution(pix.get(), raster.dpi, raster.dpi);
    const int wpl = pixGetWpl(pix.get());
    l_uint32* data = pixGetData(pix.get());
    const std::uint8_t* in = raster.pixels.data();
    bool mid = raster.channels != 1;
    for (int y = 0; y < raster.height; ++y) {
        l_uint32* line = data + static_cast<long>(y) * wpl;
        if (raster.channels == 1) {
            for (int x = 0; x < raster.width; ++x) {
                mid |= static_cast<std::uint8_t>(*in - 1) < 254;  // neither 0 nor 255
                SET_DATA_BYTE(line, x, *in++);
            }
        } else {
            for (int x = 0; x < raster.width; ++x, in += 3) composeRGBPixel(in[0], in[1], in[2], line + x);
        }
    }
    if (bilevel) *bilevel = !mid;
    if (raster.channels == 1) return pix;
    // Luminance, as Tesseract converts colour itself: the brightest channel (which drops red seals)
    // read one character worse on the colour scan in bench/RESULTS.md.
    PixPtr grey(pixConvertRGBToLuminance(pix.get()));
    if (!grey) throw DocumentError("internal", "cannot convert the page to grey");
    return grey;
}

namespace {
void quiet_handler(const char*) {}
}  // namespace

void silence_leptonica() {
    leptSetStderrHandler(quiet_handler);
    setMsgSeverity(L_SEVERITY_NONE);
}

}  // namespace pingcha::ocr
