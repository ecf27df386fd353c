// Calendar dates in judgments: Arabic body dates and Chinese signature dates (header-only, shared).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pingcha/text/numerals.h"

namespace pingcha::text {

struct Date {
    int y = 0, m = 0, d = 0;
    friend bool operator==(const Date&, const Date&) = default;
    friend auto operator<=>(const Date&, const Date&) = default;
};

inline bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
inline int days_in_month(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    return days[m - 1] + ((m == 2 && is_leap(y)) ? 1 : 0);
}
inline bool is_valid(const Date& d) { return d.y >= 1900 && d.y <= 2100 && d.m >= 1 && d.m <= 12 && d.d >= 1 && d.d <= days_in_month(d.y, d.m); }

// Days since 1970-01-01 (proleptic Gregorian).
inline long day_number(const Date& dt) {
    long y = dt.y;
    const long m = dt.m, d = dt.d;
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
inline Date from_day_number(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long y = yoe + era * 400;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long d = doy - (153 * mp + 2) / 5 + 1;
    const long m = mp + (mp < 10 ? 3 : -9);
    return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}
// Adds months, clamping the day to the month's end (2021-01-31 + 1 month = 2021-02-28).
inline Date add_months(const Date& d, int months) {
    long idx = static_cast<long>(d.y) * 12 + (d.m - 1) + months;
    Date r{static_cast<int>(idx / 12), static_cast<int>(idx % 12) + 1, d.d};
    const int dim = days_in_month(r.y, r.m);
    if (r.d > dim) r.d = dim;
    return r;
}
inline std::string to_iso(const Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.y % 10000, d.m % 100, d.d % 100);
    return buf;
}
inline std::optional<Date> from_iso(const std::string& s) {
    if (s.size() != 10) return std::nullopt;
    Date d{std::atoi(s.substr(0, 4).c_str()), std::atoi(s.substr(5, 2).c_str()), std::atoi(s.substr(8, 2).c_str())};
    if (!is_valid(d)) return std::nullopt;
    return d;
}

enum class Numerals { arabic, chinese, mixed };

// A date written as YEAR年[MONTH月[DAY日]], found in a view.
struct DateMatch {
    std::size_t start = 0, end = 0;   // view coordinates, end exclusive
    Numerals numerals = Numerals::arabic;
    int year = 0;
    std::optional<int> month, day;    // empty when the part is absent or unreadable
    bool has_month_mark = false;      // 月 present
    bool has_day_mark = false;        // 日 (or 号) present
    bool empty_part = false;          // 年月28日 / 2017年4月日: a mark without its number
    std::size_t year_start = 0, month_start = 0, month_end = 0, day_start = 0, day_end = 0;
    bool complete() const { return month && day; }
    Date date() const { return {year, month.value_or(0), day.value_or(0)}; }
};

namespace detail {
inline bool is_zero_like_or_digit(char32_t c) { return chinese_digit(c) >= 0 || is_zero_lookalike(c); }
inline bool small_char(char32_t c) { return is_ascii_digit(c) || is_fullwidth_digit(c) || chinese_digit(c) >= 0 || c == U'十' || is_zero_lookalike(c); }
inline std::optional<int> small_value(std::u32string_view s, bool& chinese, bool& arabic) {
    if (s.empty()) return std::nullopt;
    bool all_arabic = true;
    for (char32_t c : s)
        if (digit_value(c) < 0) all_arabic = false;
    if (all_arabic) {
        arabic = true;
        return static_cast<int>(*parse_arabic(s));
    }
    chinese = true;
    std::u32string t(s);
    for (auto& c : t)
        if (is_zero_lookalike(c)) c = U'〇';
    auto v = parse_chinese_number(t);
    if (!v) return std::nullopt;
    return static_cast<int>(*v);
}
}  // namespace detail

// Finds every YEAR年… date in v[from, to). Year: 4 Arabic digits, or 4 Chinese digits (look-alike
// zeros allowed when at least two real Chinese digits are present).
inline std::vector<DateMatch> find_dates(std::u32string_view v, std::size_t from = 0, std::size_t to = std::u32string_view::npos) {
    std::vector<DateMatch> out;
    if (to > v.size()) to = v.size();
    for (std::size_t i = from + 4; i < to; ++i) {
        if (v[i] != U'年') continue;
        const std::size_t ys = i - 4;
        if (ys < from) continue;
        DateMatch m;
        bool arabic = true, chinese = true;
        int real_chinese = 0;
        for (std::size_t k = ys; k < i; ++k) {
            if (digit_value(v[k]) < 0) arabic = false;
            if (!detail::is_zero_like_or_digit(v[k])) chinese = false;
            if (chinese_digit(v[k]) > 0) ++real_chinese;
        }
        if (arabic) {
            if (ys > 0 && digit_value(v[ys - 1]) >= 0) continue;
            m.year = static_cast<int>(*parse_arabic(v.substr(ys, 4)));
            m.numerals = Numerals::arabic;
        } else if (chinese && real_chinese >= 2) {
            if (ys > 0 && detail::is_zero_like_or_digit(v[ys - 1])) continue;
            m.year = *parse_chinese_year(v.substr(ys, 4));
            m.numerals = Numerals::chinese;
        } else {
            continue;
        }
        m.start = ys;
        m.year_start = ys;
        std::size_t j = i + 1;
        const std::size_t ms = j;
        while (j < to && j - ms < 3 && detail::small_char(v[j])) ++j;
        m.end = i + 1;
        if (j < to && v[j] == U'月') {
            m.has_month_mark = true;
            m.month_start = ms;
            m.month_end = j;
            bool c = false, a = false;
            m.month = detail::small_value(v.substr(ms, j - ms), c, a);
            if (ms == j) m.empty_part = true;
            if ((c && m.numerals == Numerals::arabic) || (a && m.numerals == Numerals::chinese)) m.numerals = Numerals::mixed;
            const std::size_t ds = ++j;
            while (j < to && j - ds < 3 && detail::small_char(v[j])) ++j;
            m.end = ms == m.month_end ? m.month_end + 1 : m.month_end + 1;
            if (j < to && (v[j] == U'日' || v[j] == U'号')) {
                m.has_day_mark = true;
                m.day_start = ds;
                m.day_end = j;
                bool c2 = false, a2 = false;
                m.day = detail::small_value(v.substr(ds, j - ds), c2, a2);
                if (ds == j) m.empty_part = true;
                if ((c2 && m.numerals == Numerals::arabic) || (a2 && m.numerals == Numerals::chinese)) m.numerals = Numerals::mixed;
                m.end = j + 1;
            }
        } else if (ms == j && j < to && v[j] == U'月') {
            m.empty_part = true;
        }
        out.push_back(m);
    }
    return out;
}

}  // namespace pingcha::text
