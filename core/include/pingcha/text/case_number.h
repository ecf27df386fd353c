// Case numbers (案号): finding and parsing （2022）辽05民终1234号 and its defective variants (header-only, shared).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pingcha/text/numerals.h"
#include "pingcha/utf8.h"

namespace pingcha::text {

// Province-level abbreviations as case numbers use them (内 for Inner Mongolia, 云 for Yunnan, 兵 for the
// Xinjiang Production and Construction Corps courts), with the province name.
struct Province {
    char32_t abbr;
    const char* name;   // as courts write it: 辽宁省, 北京市, 广西壮族自治区
    const char* short_name;  // 辽宁, 北京, 广西
};
inline const std::vector<Province>& provinces() {
    static const std::vector<Province> p = {
        {U'京', "北京市", "北京"}, {U'津', "天津市", "天津"}, {U'冀', "河北省", "河北"}, {U'晋', "山西省", "山西"},
        {U'内', "内蒙古自治区", "内蒙古"}, {U'辽', "辽宁省", "辽宁"}, {U'吉', "吉林省", "吉林"}, {U'黑', "黑龙江省", "黑龙江"},
        {U'沪', "上海市", "上海"}, {U'苏', "江苏省", "江苏"}, {U'浙', "浙江省", "浙江"}, {U'皖', "安徽省", "安徽"},
        {U'闽', "福建省", "福建"}, {U'赣', "江西省", "江西"}, {U'鲁', "山东省", "山东"}, {U'豫', "河南省", "河南"},
        {U'鄂', "湖北省", "湖北"}, {U'湘', "湖南省", "湖南"}, {U'粤', "广东省", "广东"}, {U'桂', "广西壮族自治区", "广西"},
        {U'琼', "海南省", "海南"}, {U'渝', "重庆市", "重庆"}, {U'川', "四川省", "四川"}, {U'黔', "贵州省", "贵州"},
        {U'云', "云南省", "云南"}, {U'藏', "西藏自治区", "西藏"}, {U'陕', "陕西省", "陕西"}, {U'甘', "甘肃省", "甘肃"},
        {U'青', "青海省", "青海"}, {U'宁', "宁夏回族自治区", "宁夏"}, {U'新', "新疆维吾尔自治区", "新疆"},
        {U'兵', "新疆维吾尔自治区高级人民法院生产建设兵团分院", "兵团"}};
    return p;
}
inline const Province* find_province(char32_t abbr) {
    for (const auto& p : provinces())
        if (p.abbr == abbr) return &p;
    return nullptr;
}

inline bool is_open_bracket(char32_t c) { return c == U'（' || c == U'(' || c == U'〔' || c == U'[' || c == U'【' || c == U'［' || c == U'﹝'; }
inline bool is_close_bracket(char32_t c) { return c == U'）' || c == U')' || c == U'〕' || c == U']' || c == U'】' || c == U'］' || c == U'﹞'; }
inline bool is_cjk(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }
inline bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u3000' || c == U'\u00A0'; }

// The first character of a type code: 刑 民 行 执 赔 …
inline bool is_type_head(char32_t c) {
    return c == U'刑' || c == U'民' || c == U'行' || c == U'执' || c == U'赔' || c == U'财' || c == U'司' || c == U'破' ||
           c == U'知' || c == U'商' || c == U'法' || c == U'委' || c == U'认' || c == U'请' || c == U'协';
}
// True when a 字第 follows within ten CJK characters (the pre-2016 form).
inline bool old_form_ahead(std::u32string_view v, std::size_t j) {
    for (std::size_t k = j; k < v.size() && k < j + 11; ++k) {
        if (v.substr(k, 2) == U"字第") return true;
        if (!is_cjk(v[k])) return false;
    }
    return false;
}

struct ParsedCaseNumber {
    std::size_t start = 0, end = 0;  // view coordinates, end exclusive
    int year = 0;
    std::string court_code;          // 辽05, 辽0502, 最高法
    std::string special_code;        // 知 ...
    std::string type_code;           // 民终 (without 字 in the old form)
    long serial = 0;
    std::string serial_text;
    // Defects against 法〔2015〕137号.
    bool wrong_brackets = false;     // not full-width （）
    bool has_spaces = false;
    bool old_form = false;           // …字第…号
    bool leading_zero = false;
    bool missing_hao = false;
    std::size_t open_pos = 0, close_pos = 0;
    std::string text(std::u32string_view v) const { return utf8::encode(v.substr(start, end - start)); }
};

// Parses a case number starting at v[i] (an opening bracket). Spaces between parts are tolerated
// and flagged. Returns nullopt when this is not a case number.
inline std::optional<ParsedCaseNumber> parse_case_number_at(std::u32string_view v, std::size_t i) {
    if (i >= v.size() || !is_open_bracket(v[i])) return std::nullopt;
    ParsedCaseNumber r;
    r.start = i;
    r.open_pos = i;
    r.wrong_brackets = v[i] != U'（';
    std::size_t j = i + 1;
    // One of several decisions in a case keeps the case's number with a sub-number: 第191-3号, 121号之一.
    auto take_sub_number = [&] {
        if (j + 1 < v.size() && (v[j] == U'-' || v[j] == U'－' || v[j] == U'—') && digit_value(v[j + 1]) >= 0) {
            ++j;
            while (j < v.size() && digit_value(v[j]) >= 0) ++j;
        }
    };
    auto take_zhi = [&](std::size_t end) {
        return end + 1 < v.size() && v[end] == U'之' && is_chinese_numeral_char(v[end + 1]) ? end + 2 : end;
    };
    auto skip = [&] {
        while (j < v.size() && is_space(v[j]) && j - i < 60) {
            r.has_spaces = true;
            ++j;
        }
    };
    skip();
    const std::size_t ys = j;
    while (j < v.size() && digit_value(v[j]) >= 0 && j - ys < 5) ++j;
    if (j - ys != 4) return std::nullopt;
    r.year = static_cast<int>(*parse_arabic(v.substr(ys, 4)));
    skip();
    if (j >= v.size() || !is_close_bracket(v[j])) return std::nullopt;
    r.close_pos = j;
    if (v[j] != U'）') r.wrong_brackets = true;
    ++j;
    skip();
    if (j >= v.size()) return std::nullopt;
    // Court code: province abbreviation + 0/2/4 digits, or 最高法.
    if (v.substr(j, 3) == U"最高法") {
        r.court_code = "最高法";
        j += 3;
    } else if (!find_province(v[j]) || (j + 1 < v.size() && !is_space(v[j + 1]) && digit_value(v[j + 1]) < 0 &&
                                        old_form_ahead(v, j))) {
        // Before 2016: （2015）嘉刑初字第1987号, a local abbreviation then the type, then 字第.
        const std::size_t cs = j;
        while (j < v.size() && is_cjk(v[j]) && j - cs < 10 && v.substr(j, 2) != U"字第") ++j;
        if (v.substr(j, 2) != U"字第" || j == cs) return std::nullopt;
        std::size_t t = cs;
        while (t < j && !is_type_head(v[t])) ++t;
        if (t == j) t = cs;
        r.court_code = utf8::encode(v.substr(cs, t - cs));
        r.type_code = utf8::encode(v.substr(t, j - t));
        r.old_form = true;
        j += 2;
        const std::size_t ss = j;
        while (j < v.size() && digit_value(v[j]) >= 0 && j - ss < 9) ++j;
        if (j == ss) return std::nullopt;
        r.serial = *parse_arabic(v.substr(ss, j - ss));
        r.serial_text = utf8::encode(v.substr(ss, j - ss));
        r.leading_zero = digit_value(v[ss]) == 0;
        take_sub_number();
        if (j < v.size() && v[j] == U'号') r.end = take_zhi(j + 1);
        else {
            r.missing_hao = true;
            r.end = j;
        }
        return r;
    } else {
        std::string code;
        utf8::append(code, v[j]);
        ++j;
        skip();
        const std::size_t ds = j;
        while (j < v.size() && digit_value(v[j]) >= 0 && j - ds < 7) {
            utf8::append(code, v[j]);
            ++j;
        }
        r.court_code = code;
    }
    skip();
    if (j < v.size() && v[j] == U'知') {
        r.special_code = "知";
        ++j;
    }
    const std::size_t ts = j;
    while (j < v.size() && is_cjk(v[j]) && v[j] != U'第' && j - ts < 6) {
        if (v[j] == U'字' && j + 1 < v.size() && v[j + 1] == U'第') break;
        ++j;
    }
    if (j == ts) return std::nullopt;
    r.type_code = utf8::encode(v.substr(ts, j - ts));
    if (j < v.size() && v[j] == U'字') {
        r.old_form = true;
        ++j;
    }
    if (j < v.size() && v[j] == U'第') {
        r.old_form = true;
        ++j;
    }
    skip();
    const std::size_t ss = j;
    while (j < v.size() && digit_value(v[j]) >= 0 && j - ss < 9) ++j;
    if (j == ss) return std::nullopt;
    r.serial = *parse_arabic(v.substr(ss, j - ss));
    r.serial_text = utf8::encode(v.substr(ss, j - ss));
    r.leading_zero = digit_value(v[ss]) == 0;
    take_sub_number();
    std::size_t after = j;
    skip();
    if (j < v.size() && v[j] == U'号') {
        r.end = take_zhi(j + 1);
    } else {
        r.missing_hao = true;
        r.end = after;
    }
    return r;
}

// Every case number in v[from, to).
inline std::vector<ParsedCaseNumber> find_case_numbers(std::u32string_view v, std::size_t from = 0,
                                                       std::size_t to = std::u32string_view::npos) {
    std::vector<ParsedCaseNumber> out;
    if (to > v.size()) to = v.size();
    for (std::size_t i = from; i < to; ++i) {
        if (!is_open_bracket(v[i])) continue;
        if (auto c = parse_case_number_at(v, i)) {
            out.push_back(*c);
            i = c->end - 1;
        }
    }
    return out;
}

// Court level by code: 0 high (辽), 1 intermediate (辽05, 辽71), 2 basic (辽0502, 辽7102), -1 unknown.
// Special courts (two digits 71–99) are intermediate, their four-digit children basic.
inline int court_level(const std::string& code) {
    if (code == "最高法") return -2;
    const std::u32string c = utf8::decode(code);
    if (c.empty() || !find_province(c[0])) return -1;
    const std::size_t digits = c.size() - 1;
    if (digits == 0) return 0;
    if (digits == 2) return 1;
    if (digits == 4) return 2;
    return -1;
}
// The code of the court an appeal from this court goes to: 辽0502 → 辽05, 辽05 → 辽, 辽7102 → 辽71.
inline std::string parent_court_code(const std::string& code) {
    const std::u32string c = utf8::decode(code);
    const int level = court_level(code);
    if (level == 2) return utf8::encode(c.substr(0, 3));
    if (level == 1) return utf8::encode(c.substr(0, 1));
    return {};
}

}  // namespace pingcha::text
