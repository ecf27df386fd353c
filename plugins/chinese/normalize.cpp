// The normalize stage: an analysis view with Latin letters and digits at ASCII width, unified
// dashes and quotes, and spaced or stray-spaced Han text joined; the map to `text` stays exact.
// Punctuation width and the look-alikes criteria judge (〇 ○ O Ｏ 0 零) are left as they are.
#include <unicode/uchar.h>

#include "stages.h"
#include "text_util.h"

namespace pingcha::chinese {
namespace {

bool is_zero_width(char32_t c) {
    return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0xAD;
}

// Dashes and quotes that mean the same as the ones judgments normally use.
char32_t unify(char32_t c) {
    switch (c) {
        case 0x2010:
        case 0x2011:
        case 0x2012:
        case 0x2013:
        case 0x2212:
        case 0xFE63:
            return U'-';
        case 0x2015:
        case 0xFE58:
            return 0x2014;  // —
        case 0x201E:
        case 0x201F:
        case 0x301D:
        case 0x300C:
            return 0x201C;  // “
        case 0x301E:
        case 0x301F:
        case 0x300D:
            return 0x201D;  // ”
        case 0x201A:
        case 0x201B:
        case 0x300E:
            return 0x2018;  // ‘
        case 0x300F:
            return 0x2019;  // ’
        case 0xA0:
            return U' ';
        default:
            return c;
    }
}

bool in_ranges(const std::vector<Span>& ranges, std::size_t pos) {
    for (const auto& r : ranges)
        if (pos >= r.start && pos < r.end) return true;
    return false;
}

class Normalize : public Stage {
   public:
    void process(Document& doc, const RunContext&) override {
        if (doc.view_to_text.size() != doc.view.size() + 1) doc.reset_view();
        const std::u32string& v = doc.view;
        const std::size_t n = v.size();
        const auto ocr = ocr_text_ranges(doc);
        // A Han character standing alone between spaces or line ends: part of a spaced title.
        auto isolated = [&](std::size_t k) {
            const bool left = k == 0 || is_space(v[k - 1]);
            const bool right = k + 1 >= n || is_space(v[k + 1]);
            return left && right;
        };
        ViewBuilder out(v, doc.view_to_text);
        for (std::size_t i = 0; i < n; ++i) {
            const char32_t c = v[i];
            if (is_zero_width(c)) continue;
            if (is_hspace(c)) {
                std::size_t j = i;
                while (j < n && is_hspace(v[j])) ++j;
                const bool between_han = i > 0 && j < n && is_han(v[i - 1]) && is_han(v[j]);
                if (between_han && (isolated(i - 1) || isolated(j) ||
                                    (!ocr.empty() && in_ranges(ocr, doc.view_to_text[i])))) {
                    i = j - 1;  // dropped: covered by the character before
                    continue;
                }
                for (std::size_t k = i; k < j; ++k) out.emit(unify(v[k]), k);
                i = j - 1;
                continue;
            }
            if (c >= 0xFF10 && c <= 0xFF19) {
                // ０ beside Chinese numerals is how 二０一八 is mistyped: keep it visible.
                const bool cn_near =
                    c == 0xFF10 && ((i > 0 && (is_cn_digit(v[i - 1]) || v[i - 1] == 0xFF2F)) ||
                                    (i + 1 < n && (is_cn_digit(v[i + 1]) || v[i + 1] == 0xFF2F)));
                out.emit(cn_near ? c : U'0' + (c - 0xFF10), i);
                continue;
            }
            if ((c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)) {
                // Ｏ/ｏ stay: folding them to O would hide a full-width letter where 〇 belongs.
                out.emit(c == 0xFF2F || c == 0xFF4F ? c : c - 0xFF21 + U'A', i);
                continue;
            }
            out.emit(unify(c), i);
        }
        out.finish(doc);
    }
};

}  // namespace

std::unique_ptr<Stage> make_normalize(const Params&) { return std::make_unique<Normalize>(); }

}  // namespace pingcha::chinese
