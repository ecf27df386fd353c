// Chinese numeral parsing for dates, article numbers and amounts.
#include "chinese_numerals.h"

namespace pingcha::criteria {

int chinese_digit(char32_t c) {
    switch (c) {
        case U'〇': case U'零': return 0;
        case U'一': return 1;
        case U'二': case U'两': return 2;
        case U'三': return 3;
        case U'四': return 4;
        case U'五': return 5;
        case U'六': return 6;
        case U'七': return 7;
        case U'八': return 8;
        case U'九': return 9;
        default: return -1;
    }
}

bool is_zero_lookalike(char32_t c) {
    return c == U'零' || c == U'○' || c == U'O' || c == U'Ｏ' || c == U'0' || c == U'o' || c == U'ο' ||
           c == U'０' || c == U'〇';
}

std::optional<int> parse_chinese_number(std::u32string_view s) {
    if (s.empty()) return std::nullopt;
    int total = 0, section = 0, digit = -1;
    bool any = false;
    for (char32_t c : s) {
        const int d = chinese_digit(c);
        if (d >= 0) {
            digit = d;
            any = true;
            continue;
        }
        int unit = 0;
        if (c == U'十') unit = 10;
        else if (c == U'百') unit = 100;
        else if (c == U'千') unit = 1000;
        else if (c == U'万') unit = 10000;
        else return std::nullopt;
        if (unit == 10000) {
            section += digit > 0 ? digit : 0;
            total += (section == 0 ? 1 : section) * 10000;
            section = 0;
        } else {
            section += (digit < 0 ? 1 : digit) * unit;
        }
        digit = -1;
        any = true;
    }
    if (!any) return std::nullopt;
    if (digit > 0) section += digit;
    return total + section;
}

}  // namespace pingcha::criteria
