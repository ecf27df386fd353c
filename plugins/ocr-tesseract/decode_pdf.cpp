// The decode-pdf stage (libpoppler-cpp): pages with a usable text layer give their text without
// OCR; pages without one are rasterised (grey, 300 dpi by default) for the `ocr` stage.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <limits>
#include <memory>

#include "cjk_text.h"
#include "lept.h"
#include "pingcha/utf8.h"
#include "stages.h"

namespace pingcha::ocr {

namespace {

// A text layer is usable when it has enough characters and few replacement or private-use
// ones (fonts without a ToUnicode map extract as junk).
bool usable_text(const std::string& text, long min_chars) {
    long chars = 0, junk = 0;
    for (char32_t c : utf8::decode(text)) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == 0x3000) continue;
        ++chars;
        if (c == 0xFFFD || (c >= 0xE000 && c <= 0xF8FF) || c < 0x20) ++junk;
    }
    return chars >= min_chars && junk * 10 <= chars;
}

class DecodePdf : public Stage {
public:
    explicit DecodePdf(const Params& p)
        : dpi_(static_cast<int>(p.get_int("dpi"))), min_chars_(p.get_int("min_text_chars")) {
        limits_.max_mpixels = p.get_number("max_mpixels");
        limits_.max_total_mpixels = p.get_number("max_total_mpixels");
        if (dpi_ < 72 || dpi_ > 600) throw std::invalid_argument("decode-pdf dpi must be within 72..600");
    }

    void process(Document& doc, const RunContext&) override {
        const std::string& what = doc.source.path;
        const std::string& b = doc.input_bytes;
        if (b.empty()) throw DocumentError("corrupt", what + ": empty file (0 bytes)");
        if (b.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
            throw DocumentError("too_large", what + ": PDF over 2 GB");
        std::unique_ptr<poppler::document> pdf(poppler::document::load_from_raw_data(b.data(), static_cast<int>(b.size())));
        if (!pdf) throw DocumentError("corrupt", what + ": not a readable PDF");
        if (pdf->is_locked()) throw DocumentError("encrypted", what + ": the PDF is encrypted with a password");
        const int n = pdf->pages();
        if (n <= 0) throw DocumentError("corrupt", what + ": the PDF has no pages");
        poppler::page_renderer renderer;
        renderer.set_image_format(poppler::image::format_gray8);
        renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
        renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
        double total = 0;
        bool all_text = true;
        for (int i = 0; i < n; ++i) {
            const std::string label = what + " page " + std::to_string(i + 1);
            std::unique_ptr<poppler::page> pg(pdf->create_page(i));
            if (!pg) throw DocumentError("corrupt", label + " cannot be read");
            Page page;
            page.number = i + 1;
            const poppler::byte_array bytes = pg->text().to_utf8();
            std::string text(bytes.begin(), bytes.end());
            if (usable_text(text, min_chars_)) {
                page.text = clean_cjk_spaces(text);
                page.is_ocr = false;
            } else {
                all_text = false;
                const poppler::rectf r = pg->page_rect(poppler::media_box);
                const double w = r.width() * dpi_ / 72.0, h = r.height() * dpi_ / 72.0;
                check_dimensions(static_cast<long>(w + 0.5), static_cast<long>(h + 0.5), limits_, total, label);
                poppler::image img = renderer.render_page(pg.get(), dpi_, dpi_);
                if (!img.is_valid() || img.format() != poppler::image::format_gray8)
                    throw DocumentError("corrupt", label + " cannot be rendered");
                auto raster = std::make_shared<Raster>();
                raster->width = img.width();
                raster->height = img.height();
                raster->channels = 1;
                raster->dpi = dpi_;
                raster->pixels.resize(static_cast<std::size_t>(raster->width) * raster->height);
                const char* src = img.const_data();
                for (int y = 0; y < raster->height; ++y)
                    std::copy_n(reinterpret_cast<const std::uint8_t*>(src + static_cast<long>(y) * img.bytes_per_row()),
                                raster->width, raster->pixels.data() + static_cast<std::size_t>(y) * raster->width);
                page.image = std::move(raster);
            }
            doc.pages.push_back(std::move(page));
        }
        doc.source.pages = n;
        // A PDF whose every page has text needs no OCR: the text is the document's now, so that
        // pipelines without an `ocr` stage read it too. Mixed PDFs are assembled by `ocr`.
        if (all_text) doc.join_page_texts();
    }

private:
    int dpi_;
    long min_chars_;
    ImageLimits limits_;
};

void quiet_poppler(const std::string&, void*) {}

}  // namespace

void register_decode_pdf(Registry& registry) {
    poppler::set_debug_error_function(quiet_poppler, nullptr);
    registry.add_stage({"decode-pdf",
                        "PDF through libpoppler-cpp: text-layer pages give their text; others are rasterised for `ocr`",
                        {{"dpi", ParamType::integer, "300", "resolution for pages rasterised for OCR"},
                         {"min_text_chars", ParamType::integer, "20", "fewer text-layer characters than this: OCR the page"},
                         {"max_mpixels", ParamType::number, "100", "refuse a page larger than this (too_large)"},
                         {"max_total_mpixels", ParamType::number, "1500", "refuse a document whose pages add up to more"}},
                        {"application/pdf"},
                        [](const Params& p) { return std::make_unique<DecodePdf>(p); }});
}

}  // namespace pingcha::ocr
