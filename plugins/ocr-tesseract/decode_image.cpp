// The decode-image stage: PNG, JPEG and TIFF (multi-page; 1-bit, grey, colour) through Leptonica.
// Dimensions are read from the headers and checked before any pixel is allocated.
#include <cstdint>
#include <string_view>

#include "lept.h"
#include "stages.h"

namespace pingcha::ocr {

namespace {

// Walks the IFD chain of a classic TIFF and checks that every page's directory and strips lie
// inside the file: a truncated TIFF is refused as corrupt instead of silently losing pages.
// Returns the page count; 0 when the file is not a classic TIFF (BigTIFF: left to libtiff).
int tiff_pages_checked(std::string_view b, const std::string& what, int max_pages) {
    if (b.size() < 8) throw DocumentError("corrupt", what + ": truncated TIFF header");
    const bool le = b[0] == 'I';
    auto u16 = [&](std::uint64_t at) -> std::uint32_t {
        if (at + 2 > b.size()) throw DocumentError("corrupt", what + ": truncated TIFF (directory beyond end of file)");
        const auto* p = reinterpret_cast<const unsigned char*>(b.data() + at);
        return le ? (p[0] | (p[1] << 8)) : ((p[0] << 8) | p[1]);
    };
    auto u32 = [&](std::uint64_t at) -> std::uint32_t {
        if (at + 4 > b.size()) throw DocumentError("corrupt", what + ": truncated TIFF (directory beyond end of file)");
        const auto* p = reinterpret_cast<const unsigned char*>(b.data() + at);
        return le ? (std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24)
                  : (std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | std::uint32_t(p[3]));
    };
    if (u16(2) != 42) return 0;
    std::uint64_t ifd = u32(4);
    int pages = 0;
    while (ifd != 0) {
        if (++pages > max_pages)
            throw DocumentError("too_large", what + ": more than " + std::to_string(max_pages) + " pages");
        const std::uint32_t n = u16(ifd);
        // Strip (273/279) or tile (324/325) offsets and byte counts, each SHORT or LONG, one or many.
        std::vector<std::uint64_t> offs, counts;
        for (std::uint32_t e = 0; e < n; ++e) {
            const std::uint64_t at = ifd + 2 + 12ull * e;
            const std::uint32_t tag = u16(at), type = u16(at + 2), count = u32(at + 4);
            if (tag != 273 && tag != 279 && tag != 324 && tag != 325) continue;
            if (type != 3 && type != 4) continue;
            const std::uint64_t size = (type == 3 ? 2ull : 4ull) * count;
            const std::uint64_t base = size <= 4 ? at + 8 : u32(at + 8);
            if (base + size > b.size()) throw DocumentError("corrupt", what + ": truncated TIFF (strip table beyond end of file)");
            auto& dst = (tag == 273 || tag == 324) ? offs : counts;
            for (std::uint32_t k = 0; k < count && k < 1000000; ++k)
                dst.push_back(type == 3 ? u16(base + 2ull * k) : u32(base + 4ull * k));
        }
        for (std::size_t k = 0; k < offs.size() && k < counts.size(); ++k)
            if (offs[k] + counts[k] > b.size())
                throw DocumentError("corrupt", what + ": truncated TIFF (page " + std::to_string(pages) +
                                                   " image data beyond end of file)");
        ifd = u32(ifd + 2 + 12ull * n);
    }
    return pages;
}

bool is_tiff_format(l_int32 f) {
    return f == IFF_TIFF || f == IFF_TIFF_PACKBITS || f == IFF_TIFF_RLE || f == IFF_TIFF_G3 || f == IFF_TIFF_G4 ||
           f == IFF_TIFF_LZW || f == IFF_TIFF_ZIP || f == IFF_TIFF_JPEG;
}

// PNG ends with an IEND chunk and JPEG with an EOI marker; a file cut short has neither.
void check_complete(std::string_view b, l_int32 format, const std::string& what) {
    if (format == IFF_PNG) {
        const std::string_view iend("IEND\xAE\x42\x60\x82", 8);
        if (b.size() < 8 || b.substr(b.size() - 8) != iend)
            throw DocumentError("corrupt", what + ": truncated PNG (no IEND chunk at the end)");
    } else if (format == IFF_JFIF_JPEG) {
        const std::size_t from = b.size() > 4096 ? b.size() - 4096 : 0;
        if (b.substr(from).find("\xFF\xD9") == std::string_view::npos)
            throw DocumentError("corrupt", what + ": truncated JPEG (no end-of-image marker)");
    }
}

class DecodeImage : public Stage {
public:
    explicit DecodeImage(const Params& p) {
        limits_.max_mpixels = p.get_number("max_mpixels");
        limits_.max_total_mpixels = p.get_number("max_total_mpixels");
        max_pages_ = static_cast<int>(p.get_int("max_pages"));
    }

    void process(Document& doc, const RunContext&) override {
        const std::string& what = doc.source.path;
        const std::string_view b(doc.input_bytes);
        if (b.empty()) throw DocumentError("corrupt", what + ": empty file (0 bytes)");
        const auto* data = reinterpret_cast<const l_uint8*>(b.data());
        l_int32 format = IFF_UNKNOWN;
        if (b.size() < 12 || findFileFormatBuffer(data, &format) != 0 || format == IFF_UNKNOWN)
            throw DocumentError("corrupt", what + ": not a readable image (" + std::to_string(b.size()) + " bytes)");
        double total = 0;
        if (is_tiff_format(format)) {
            int n = tiff_pages_checked(b, what, max_pages_);
            if (n == 0) n = 1;  // BigTIFF: read the first page only
            for (int i = 0; i < n; ++i) {
                l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, cmap = 0, fmt = 0;
                if (readHeaderMemTiff(data, b.size(), i, &w, &h, &bps, &spp, &res, &cmap, &fmt) != 0)
                    throw DocumentError("corrupt", what + ": page " + std::to_string(i + 1) + " has no readable TIFF header");
                check_dimensions(w, h, limits_, total, what + " page " + std::to_string(i + 1));
                PixPtr pix(pixReadMemTiff(data, b.size(), i));
                if (!pix) throw DocumentError("corrupt", what + ": page " + std::to_string(i + 1) + " cannot be decoded");
                add_page(doc, pix.get());
            }
        } else {
            if (format != IFF_PNG && format != IFF_JFIF_JPEG)
                throw DocumentError("unsupported", what + ": image format " + std::to_string(format) +
                                                       " is not PNG, JPEG or TIFF");
            check_complete(b, format, what);
            l_int32 fmt = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
            if (pixReadHeaderMem(data, b.size(), &fmt, &w, &h, &bps, &spp, &cmap) != 0)
                throw DocumentError("corrupt", what + ": unreadable image header");
            check_dimensions(w, h, limits_, total, what);
            PixPtr pix(pixReadMem(data, b.size()));
            if (!pix) throw DocumentError("corrupt", what + ": the image cannot be decoded");
            add_page(doc, pix.get());
        }
        doc.source.pages = static_cast<int>(doc.pages.size());
    }

private:
    ImageLimits limits_;
    int max_pages_ = 2000;

    static void add_page(Document& doc, PIX* pix) {
        Page page;
        page.number = static_cast<int>(doc.pages.size()) + 1;
        page.image = to_raster(pix);
        doc.pages.push_back(std::move(page));
    }
};

}  // namespace

void register_decode_image(Registry& registry) {
    registry.add_stage({"decode-image",
                        "PNG, JPEG and TIFF scans (multi-page; 1-bit, grey, colour) through Leptonica; pages go to `ocr`",
                        {{"max_mpixels", ParamType::number, "100", "refuse a page larger than this (too_large)"},
                         {"max_total_mpixels", ParamType::number, "1500", "refuse a document whose pages add up to more"},
                         {"max_pages", ParamType::integer, "2000", "refuse a TIFF with more pages"}},
                        {"image/png", "image/jpeg", "image/tiff"},
                        [](const Params& p) { return std::make_unique<DecodeImage>(p); }});
}

}  // namespace pingcha::ocr
