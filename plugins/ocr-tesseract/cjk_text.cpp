// Removes the spaces OCR and PDF text extraction put between Chinese characters.
#include "cjk_text.h"

#include <cctype>

#include "pingcha/utf8.h"

namespace pingcha::ocr {

bool is_cjk(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2FA1F) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) ||
           (c >= 0x2E80 && c <= 0x2FDF) || c == 0x00B7 || c == 0x2014 || c == 0x2026 ||
           (c >= 0x2018 && c <= 0x201D);
}

namespace {

bool is_glue(char32_t c) {
    // Digits and ASCII punctuation sit next to Chinese without spaces: （2022）辽05民终, 第1条.
    return (c >= '0' && c <= '9') || (c < 0x80 && std::ispunct(static_cast<int>(c)));
}

bool joins(char32_t a, char32_t b) {
    return (is_cjk(a) && (is_cjk(b) || is_glue(b))) || (is_cjk(b) && is_glue(a)) ||
           // "(2022) 辽" and "1234 号" are covered above; also "2022 )" style digit-punct pairs
           (is_glue(a) && is_glue(b) && !(std::ispunct(static_cast<int>(a)) && std::ispunct(static_cast<int>(b))) &&
            ((a >= '0' && a <= '9') != (b >= '0' && b <= '9')));
}

}  // namespace

std::string clean_cjk_spaces(const std::string& utf8) {
    const std::u32string in = utf8::decode(utf8);
    std::u32string out;
    out.reserve(in.size());
    std::size_t i = 0;
    int newlines = 0;
    while (i < in.size()) {
        const char32_t c = in[i];
        if (c == ' ' || c == '\t') {
            std::size_t j = i;
            while (j < in.size() && (in[j] == ' ' || in[j] == '\t')) ++j;
            const bool at_line_end = j == in.size() || in[j] == '\n' || in[j] == '\r';
            const bool at_line_start = out.empty() || out.back() == '\n';
            if (at_line_end) {
                i = j;
                continue;
            }
            if (!at_line_start && joins(out.back(), in[j])) {
                i = j;
                continue;
            }
            out.append(in, i, j - i);
            i = j;
            newlines = 0;
            continue;
        }
        if (c == '\n') {
            if (++newlines > 2) {
                ++i;
                continue;
            }
        } else {
            newlines = 0;
        }
        out.push_back(c);
        ++i;
    }
    return utf8::encode(out);
}

}  // namespace pingcha::ocr
