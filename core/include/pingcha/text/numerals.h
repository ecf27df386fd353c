// Chinese numerals as judgments write them (header-only, shared by structure and criteria plugins).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pingcha::text {

// The value of a Chinese digit 〇一二…九 (and 零, 两), or -1.
inline int chinese_digit(char32_t c) {
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

// Characters that stand where a 〇 should in a signature date: 零 ○ O Ｏ 0 o ο ０ (and 〇 itself).
inline bool is_zero_lookalike(char32_t c) {
    return c == U'零' || c == U'○' || c == U'O' || c == U'Ｏ' || c == U'0' || c == U'o' || c == U'ο' ||
           c == U'０' || c == U'〇';
}

inline bool is_chinese_numeral_char(char32_t c) {
    return chinese_digit(c) >= 0 || c == U'十' || c == U'百' || c == U'千' || c == U'万';
}

inline bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
inline bool is_fullwidth_digit(char32_t c) { return c >= U'０' && c <= U'９'; }
inline int digit_value(char32_t c) {
    if (is_ascii_digit(c)) return static_cast<int>(c - U'0');
    if (is_fullwidth_digit(c)) return static_cast<int>(c - U'０');
    return -1;
}

// Parses 一, 十, 十二, 二十一, 一百零七, 三百四十七, 一千二百六十, 三万 (up to 99,999,999); nullopt if not a numeral.
inline std::optional<long> parse_chinese_number(std::u32string_view s) {
    if (s.empty()) return std::nullopt;
    long total = 0, section = 0;
    int digit = -1;
    bool any = false;
    for (char32_t c : s) {
        const int d = chinese_digit(c);
        if (d >= 0) {
            digit = d;
            any = true;
            continue;
        }
        long unit = 0;
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

// Digit-by-digit Chinese year (二〇二二), look-alike zeros accepted; nullopt when not four such chars.
inline std::optional<int> parse_chinese_year(std::u32string_view s) {
    if (s.size() != 4) return std::nullopt;
    int y = 0;
    for (char32_t c : s) {
        int d = chinese_digit(c);
        if (d < 0 && is_zero_lookalike(c)) d = 0;
        if (d < 0) return std::nullopt;
        y = y * 10 + d;
    }
    return y;
}

// Arabic digits (ASCII or full-width) to a number; nullopt if empty or not all digits.
inline std::optional<long> parse_arabic(std::u32string_view s) {
    if (s.empty() || s.size() > 12) return std::nullopt;
    long v = 0;
    for (char32_t c : s) {
        const int d = digit_value(c);
        if (d < 0) return std::nullopt;
        v = v * 10 + d;
    }
    return v;
}

// A number written either way (第107条 or 第一百零七条).
inline std::optional<long> parse_any_number(std::u32string_view s) {
    if (auto a = parse_arabic(s)) return a;
    return parse_chinese_number(s);
}

}  // namespace pingcha::text
