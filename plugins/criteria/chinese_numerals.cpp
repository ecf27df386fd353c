// Chinese numeral parsing for dates, article numbers and amounts: the criteria's names for the shared
// helpers in pingcha/text/numerals.h (one implementation for the structure stage and the criteria).
#include "chinese_numerals.h"

#include "pingcha/text/numerals.h"

namespace pingcha::criteria {

int chinese_digit(char32_t c) { return text::chinese_digit(c); }

bool is_zero_lookalike(char32_t c) { return text::is_zero_lookalike(c); }

std::optional<int> parse_chinese_number(std::u32string_view s) {
    const auto v = text::parse_chinese_number(s);
    if (!v) return std::nullopt;
    return static_cast<int>(*v);
}

}  // namespace pingcha::criteria
