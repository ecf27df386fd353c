// Scanners for the typed tokens; plain loops over code points, no regex (the segment stage runs
// on every judgment and must stay within a small multiple of ICU's own speed).
#include "patterns.h"

#include "text_util.h"

namespace pingcha::chinese {
namespace {

bool is_open(char32_t c) {
    return c == U'（' || c == U'(' || c == U'〔' || c == U'［' || c == U'[' || c == U'【';
}
bool is_close(char32_t c) {
    return c == U'）' || c == U')' || c == U'〕' || c == U'］' || c == U']' || c == U'】';
}
// Characters of a year written in Chinese numerals, with the look-alikes found in real text.
bool is_year_char(char32_t c) {
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
        case U'O':
        case U'Ｏ':
        case U'0':
        case U'０':
            return true;
        default:
            return false;
    }
}
bool is_small_cn(char32_t c) {
    switch (c) {
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
        case U'〇':
        case U'零':
            return true;
        default:
            return false;
    }
}

std::size_t run(std::u32string_view v, std::size_t i, bool (*pred)(char32_t), std::size_t max) {
    std::size_t j = i;
    while (j < v.size() && j - i < max && pred(v[j])) ++j;
    return j;
}
bool digit(char32_t c) { return is_ascii_digit(c); }

// （2022）辽05民终1234号
std::size_t case_number(std::u32string_view v, std::size_t i) {
    if (i + 6 >= v.size() || !is_open(v[i])) return 0;
    if (run(v, i + 1, digit, 4) != i + 5 || !is_close(v[i + 5])) return 0;
    std::size_t j = i + 6;
    bool han = false;
    for (; j < v.size() && j < i + 30; ++j) {
        const char32_t c = v[j];
        if (c == U'号') break;
        if (is_han(c))
            han = true;
        else if (!is_ascii_digit(c))
            return 0;
    }
    if (j >= v.size() || v[j] != U'号' || !han || !is_ascii_digit(v[j - 1])) return 0;
    return j + 1;
}

// A month or day number: 1-2 ASCII digits or 1-3 small Chinese numerals; returns its end.
std::size_t md_number(std::u32string_view v, std::size_t i) {
    std::size_t j = run(v, i, digit, 2);
    if (j > i) return j;
    return run(v, i, is_small_cn, 3);
}

// 2022年5月10日, 二〇二二年五月十日, 2022年5月, 2022年, 5月10日
std::size_t date(std::u32string_view v, std::size_t i) {
    std::size_t j = run(v, i, digit, 5);
    bool year = false;
    if (j - i == 4 && j < v.size() && v[j] == U'年') {
        year = true;
    } else {
        j = run(v, i, is_year_char, 5);
        if (j - i == 4 && j < v.size() && v[j] == U'年') year = true;
    }
    if (year) {
        std::size_t end = j + 1;
        const std::size_t m = md_number(v, end);
        if (m > end && m < v.size() && v[m] == U'月') {
            end = m + 1;
            const std::size_t d = md_number(v, end);
            if (d > end && d < v.size() && v[d] == U'日') end = d + 1;
        }
        return end;
    }
    const std::size_t m = md_number(v, i);
    if (m > i && m < v.size() && v[m] == U'月') {
        const std::size_t d = md_number(v, m + 1);
        if (d > m + 1 && d < v.size() && v[d] == U'日') return d + 1;
    }
    return 0;
}

bool amount_digit(char32_t c) { return is_ascii_digit(c) || c == U'.' || c == U','; }
bool amount_cn(char32_t c) { return is_cn_digit(c) && c != U'○' && c != U'〇'; }

// 1234.5元, 10万元, 3,000余元, 伍仟元
std::size_t amount(std::u32string_view v, std::size_t i) {
    std::size_t j;
    if (is_ascii_digit(v[i])) {
        j = run(v, i, amount_digit, 24);
        while (j > i && !is_ascii_digit(v[j - 1])) --j;  // a trailing comma or full stop is punctuation
        if (j < v.size() && (v[j] == U'万' || v[j] == U'亿' || v[j] == U'千')) ++j;
    } else {
        j = run(v, i, amount_cn, 24);
    }
    if (j == i) return 0;
    if (j < v.size() && v[j] == U'余') ++j;
    if (j < v.size() && v[j] == U'元') return j + 1;
    return 0;
}

bool article_digit(char32_t c) { return is_ascii_digit(c) || is_cn_digit(c); }

// 第五百七十七条, 第2款, 第三项
std::size_t article(std::u32string_view v, std::size_t i) {
    if (v[i] != U'第') return 0;
    const std::size_t j = run(v, i + 1, article_digit, 12);
    if (j == i + 1 || j >= v.size()) return 0;
    if (v[j] == U'条' || v[j] == U'款' || v[j] == U'项') return j + 1;
    return 0;
}

}  // namespace

void find_patterns(std::u32string_view v, std::vector<TypedSpan>& out) {
    const std::size_t n = v.size();
    for (std::size_t i = 0; i < n;) {
        const char32_t c = v[i];
        std::size_t e = 0;
        const char* type = "";
        if (is_open(c)) {
            e = case_number(v, i);
            type = "case_number";
        } else if (c == U'第') {
            e = article(v, i);
            type = "article";
        } else if (is_ascii_digit(c) || is_cn_digit(c) || is_year_char(c)) {
            // Only at the start of a number: 12345元 is not 2345元.
            const bool starts = i == 0 || !(is_ascii_digit(v[i - 1]) || is_cn_digit(v[i - 1]) ||
                                            is_year_char(v[i - 1]) || v[i - 1] == U'.');
            if (starts) {
                e = date(v, i);
                type = "date";
                if (!e) {
                    e = amount(v, i);
                    type = "amount";
                }
            }
        }
        if (e > i) {
            out.push_back({i, e, type});
            i = e;
        } else {
            ++i;
        }
    }
}

}  // namespace pingcha::chinese
