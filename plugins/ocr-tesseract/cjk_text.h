// Text clean-up for OCR and PDF text layers: no spaces between Chinese characters.
#pragma once

#include <string>

namespace pingcha::ocr {

// True for Han ideographs, CJK punctuation and full-width forms.
bool is_cjk(char32_t c);

// Removes runs of spaces and tabs inside a line when one neighbour is CJK and the other is CJK,
// a digit or punctuation (OCR engines and PDF text extraction put spaces there; Chinese has none).
// Spaces between Latin words stay. Trailing spaces of a line go; runs of more than one blank line
// become one blank line.
std::string clean_cjk_spaces(const std::string& utf8);

}  // namespace pingcha::ocr
