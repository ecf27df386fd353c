// Character helpers and view rebuilding for the chinese stages.
#include "text_util.h"

#include <unicode/uchar.h>

#include "pingcha/utf8.h"

namespace pingcha::chinese {

bool is_han(char32_t c) {
    if (c >= 0x4E00 && c <= 0x9FFF) return true;  // the common block: skip the ICU lookup
    if (c < 0x3000) return false;
    return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_IDEOGRAPHIC);
}

bool is_cn_digit(char32_t c) {
    switch (c) {
        case U'〇':
        case U'○':
        case U'零':
        case U'一':
        case U'二':
        case U'三':
        case U'四':
        case U'五':
        case U'六':
        case U'七':
        case U'八':
        case U'九':
        case U'十':
        case U'百':
        case U'千':
        case U'万':
        case U'亿':
        case U'两':
        case U'壹':
        case U'贰':
        case U'叁':
        case U'肆':
        case U'伍':
        case U'陆':
        case U'柒':
        case U'捌':
        case U'玖':
        case U'拾':
        case U'佰':
        case U'仟':
            return true;
        default:
            return false;
    }
}

bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

bool is_hspace(char32_t c) { return c == U' ' || c == U'\t' || c == 0x3000 || c == 0xA0; }

bool is_space(char32_t c) { return is_hspace(c) || c == U'\n' || c == U'\r' || c == U'\f' || c == U'\v'; }

ViewBuilder::ViewBuilder(const std::u32string& old_view, const std::vector<std::size_t>& old_map)
    : old_map_(old_map), old_size_(old_view.size()) {
    view_.reserve(old_view.size());
    map_.reserve(old_view.size() + 1);
}

void ViewBuilder::finish(Document& doc) {
    map_.push_back(old_map_[old_size_]);
    doc.view = std::move(view_);
    doc.view_to_text = std::move(map_);
}

void replace_in_view(Document& doc, std::size_t start, std::size_t end, std::u32string_view to) {
    const std::size_t old_len = end - start;
    if (old_len == to.size()) {
        for (std::size_t i = 0; i < old_len; ++i) doc.view[start + i] = to[i];
        return;
    }
    std::vector<std::size_t> mapped;
    mapped.reserve(to.size());
    for (std::size_t i = 0; i < to.size(); ++i) {
        const std::size_t src = old_len == 0 ? start : start + std::min(i, old_len - 1);
        mapped.push_back(doc.view_to_text[src]);
    }
    doc.view.replace(start, old_len, to.data(), to.size());
    doc.view_to_text.erase(doc.view_to_text.begin() + static_cast<std::ptrdiff_t>(start),
                           doc.view_to_text.begin() + static_cast<std::ptrdiff_t>(end));
    doc.view_to_text.insert(doc.view_to_text.begin() + static_cast<std::ptrdiff_t>(start), mapped.begin(),
                            mapped.end());
}

std::vector<Span> ocr_text_ranges(const Document& doc) {
    std::vector<Span> out;
    for (const auto& p : doc.pages)
        if (p.is_ocr && p.text_end > p.text_start) out.push_back({p.text_start, p.text_end});
    return out;
}

std::u32string to_u32(std::string_view utf8) { return utf8::decode(utf8); }
std::string to_utf8(std::u32string_view s) { return utf8::encode(s); }

}  // namespace pingcha::chinese
