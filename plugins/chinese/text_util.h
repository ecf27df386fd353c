// Small character helpers shared by the chinese stages: Han tests, width folding, view rebuilding.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pingcha/document.h"

namespace pingcha::chinese {

// Han ideographs (ICU's Ideographic property: includes 〇) plus the CJK blocks by range.
bool is_han(char32_t c);
// Chinese numerals as they appear in dates and amounts, including the 〇/○/零 look-alikes.
bool is_cn_digit(char32_t c);
bool is_ascii_digit(char32_t c);
// Horizontal whitespace (not line breaks).
bool is_hspace(char32_t c);
bool is_space(char32_t c);

// Rebuilds a view char by char while keeping the map to `text` exact. Characters that are
// not emitted are covered by the view character before them.
class ViewBuilder {
   public:
    ViewBuilder(const std::u32string& old_view, const std::vector<std::size_t>& old_map);
    void emit(char32_t c, std::size_t old_index) {
        view_.push_back(c);
        map_.push_back(old_map_[old_index]);
    }
    // Moves the result into the document.
    void finish(Document& doc);

   private:
    const std::vector<std::size_t>& old_map_;
    std::size_t old_size_;
    std::u32string view_;
    std::vector<std::size_t> map_;
};

// Replaces view[start, end) by `to`, keeping view_to_text right (new characters map to the
// text positions of the characters they replace, in order; extra ones to the last).
void replace_in_view(Document& doc, std::size_t start, std::size_t end, std::u32string_view to);

// Text code point ranges of the pages whose text came from OCR.
std::vector<Span> ocr_text_ranges(const Document& doc);

std::u32string to_u32(std::string_view utf8);
std::string to_utf8(std::u32string_view s);

}  // namespace pingcha::chinese
