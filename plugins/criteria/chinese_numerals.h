// Chinese numerals as judgments write them: digits with 〇/零, 十百千万, and their look-alikes.
#pragma once

#include <optional>
#include <string_view>

namespace pingcha::criteria {

// The value of a Chinese digit 〇一二…九 (and 零), or -1.
int chinese_digit(char32_t c);
// Characters that stand where a 〇 should: 零 ○ O Ｏ 0 o ο 。.
bool is_zero_lookalike(char32_t c);
// Parses 一, 十, 十二, 二十, 二十一, 一百零七, 三百四十七, 一千二百六十 (up to 9999); nullopt if not a numeral.
std::optional<int> parse_chinese_number(std::u32string_view s);

}  // namespace pingcha::criteria
