// date.signature (落款日期): the signature date uses Chinese numerals with 〇 and is a real date.
// Source: 《人民法院民事裁判文书制作规范》(法〔2016〕221号) 落款; GB/T 15835-2011.
#include <string>
#include <vector>

#include "chinese_numerals.h"
#include "criteria.h"

namespace pingcha::criteria {

namespace {

bool is_year_char(char32_t c) { return chinese_digit(c) >= 0 || is_zero_lookalike(c); }

bool is_small_numeral_char(char32_t c) { return chinese_digit(c) >= 0 || c == U'十' || is_zero_lookalike(c); }

struct DateMatch {
    std::size_t start, end;      // whole date, view coordinates
    std::size_t year_start;      // four year characters
    std::size_t month_start, month_end, day_start, day_end;
};

// Finds dates written as four year characters + 年 + month + 月 + day + 日, year in Chinese
// numerals or their look-alikes (at least one real Chinese digit, so Arabic dates are skipped).
std::vector<DateMatch> find_chinese_dates(const std::u32string& v) {
    std::vector<DateMatch> out;
    for (std::size_t i = 4; i < v.size(); ++i) {
        if (v[i] != U'年') continue;
        const std::size_t ys = i - 4;
        int chinese = 0;
        bool ok = true;
        for (std::size_t k = ys; k < i; ++k) {
            if (!is_year_char(v[k])) ok = false;
            if (chinese_digit(v[k]) > 0) ++chinese;
        }
        if (!ok || chinese < 2) continue;
        if (ys > 0 && is_year_char(v[ys - 1])) continue;
        std::size_t j = i + 1, ms = j;
        while (j < v.size() && j - ms < 3 && is_small_numeral_char(v[j])) ++j;
        if (j == ms || j >= v.size() || v[j] != U'月') continue;
        const std::size_t me = j;
        std::size_t ds = ++j;
        while (j < v.size() && j - ds < 4 && is_small_numeral_char(v[j])) ++j;
        if (j == ds || j >= v.size() || (v[j] != U'日' && v[j] != U'号')) continue;
        out.push_back({ys, j + 1, ys, ms, me, ds, j});
    }
    return out;
}

const char* zero_name(char32_t c) {
    switch (c) {
        case U'零': return "汉字“零”";
        case U'○': return "圆圈符号“○”";
        case U'O': case U'o': return "拉丁字母O";
        case U'Ｏ': return "全角字母Ｏ";
        case U'0': case U'０': return "阿拉伯数字0";
        case U'ο': return "希腊字母ο";
        default: return "其他字符";
    }
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

void check(const Document& doc, std::vector<Finding>& out) {
    const auto dates = find_chinese_dates(doc.view);
    if (dates.empty()) return;
    // The signature date: inside the date section when structure found one, else the last one.
    std::vector<const DateMatch*> picked;
    if (const Section* s = doc.section("date")) {
        for (const auto& d : dates)
            if (d.start >= s->start && d.end <= s->end) picked.push_back(&d);
    } else if (doc.section("decision")) {
        return;  // structure found no signature date: structure.signature reports it, body dates are not it
    }
    if (picked.empty()) picked.push_back(&dates.back());
    for (const DateMatch* d : picked) {
        const std::u32string& v = doc.view;
        bool reported = false;
        for (std::size_t k = d->year_start; k < d->year_start + 4; ++k) {
            if (v[k] != U'〇' && is_zero_lookalike(v[k])) {
                out.push_back({"date.signature", Severity::error,
                               std::string("落款日期应使用汉字“〇”，此处为") + zero_name(v[k]), d->start, d->end, 0});
                reported = true;
                break;
            }
        }
        if (reported) continue;
        for (std::size_t k = d->month_start; k < d->day_end; ++k) {
            if (is_zero_lookalike(v[k])) {
                out.push_back({"date.signature", Severity::error, "落款日期的月、日不应含“〇”或“零”（如“十月”“二十日”）",
                               d->start, d->end, 0});
                reported = true;
                break;
            }
        }
        if (reported) continue;
        int year = 0;
        for (std::size_t k = d->year_start; k < d->year_start + 4; ++k) year = year * 10 + chinese_digit(v[k]);
        const auto month = parse_chinese_number(std::u32string_view(v).substr(d->month_start, d->month_end - d->month_start));
        const auto day = parse_chinese_number(std::u32string_view(v).substr(d->day_start, d->day_end - d->day_start));
        static const int days_in[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        const bool valid = month && day && *month >= 1 && *month <= 12 && *day >= 1 &&
                           *day <= days_in[*month - 1] + ((*month == 2 && is_leap(year)) ? 1 : 0);
        if (!valid)
            out.push_back({"date.signature", Severity::error, "落款日期不是真实存在的日期", d->start, d->end, 0});
    }
}

}  // namespace

CriterionSpec date_signature() {
    return {"date.signature", "落款日期", Severity::error,
            "落款日期用汉字数字，零写作“〇”，且为真实日期",
            "《人民法院民事裁判文书制作规范》（法〔2016〕221号）落款；GB/T 15835-2011", false, &check};
}

}  // namespace pingcha::criteria
