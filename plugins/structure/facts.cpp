// Fact extraction for the structure stage: court, kind, case number, procedure, dates, judges,
// clerk, parties, amounts and legal citations, read from the labelled sections of the view.
#include <algorithm>
#include <array>
#include <string>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <tuple>

#include "pingcha/text/case_number.h"
#include "pingcha/text/dates.h"
#include "pingcha/text/numerals.h"
#include "pingcha/utf8.h"
#include "structure_parse.h"

namespace pingcha::structure {

namespace {

using std::u32string_view;
using text::is_space;

constexpr auto npos = u32string_view::npos;

std::size_t find_in(u32string_view v, std::size_t from, std::size_t to, u32string_view lit) {
    if (to > v.size()) to = v.size();
    if (from >= to || lit.size() > to - from) return npos;
    const auto p = v.substr(from, to - from).find(lit);
    return p == npos ? p : from + p;
}

std::u32string compact(u32string_view v, std::size_t s, std::size_t e) {
    std::u32string out;
    for (std::size_t i = s; i < e && i < v.size(); ++i)
        if (!is_space(v[i]) && v[i] != U'\n') out.push_back(v[i]);
    return out;
}

bool ends_with(u32string_view s, u32string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

void extract_title(Document& doc) {
    const u32string_view v(doc.view);
    for (const auto& s : doc.sections) {
        if (s.kind != "title") continue;
        const std::u32string c = compact(v, s.start, s.end);
        // A title may hold the court and the kind on one line: 上海市奉贤区人民法院刑事判决书.
        if (doc.facts.court.empty()) {
            auto p = c.find(U"法院");
            if (p != std::u32string::npos) {
                // The court name starts after any case-name prefix ending in 判决书 on the same line.
                std::size_t from = 0;
                for (auto k : {U"判决书", U"裁定书", U"调解书", U"决定书"}) {
                    auto q = c.find(k);
                    if (q != std::u32string::npos && q + 3 <= p) from = std::max(from, q + 3);
                }
                // Stamps before the name (终稿, 正本) end where a province name starts.
                for (const auto& prov : text::provinces()) {
                    const std::u32string pn = utf8::decode(prov.name);
                    const auto q = c.find(pn, from);
                    if (q != std::u32string::npos && q > from && q < p && q - from <= 4) from = q;
                }
                if (p + 2 - from <= 30) doc.facts.court = utf8::encode(c.substr(from, p + 2 - from));
            }
        }
        for (auto k : {U"判决书", U"裁定书", U"调解书", U"决定书", U"通知书"}) {
            // The last kind word of the title block (a case-name line may come first).
            const auto kp = c.rfind(k);
            if (kp == std::u32string::npos) continue;
            const std::u32string_view upto = std::u32string_view(c).substr(0, kp + 3);
            if (!doc.facts.kind.empty() && utf8::decode(doc.facts.kind).size() > 3) continue;
            std::u32string kind = U"";
            static constexpr u32string_view cats[] = {U"刑事附带民事", U"国家赔偿", U"民事", U"刑事",
                                                               U"行政", U"执行", U"赔偿"};
            for (auto cat : cats) {
                const std::u32string want = std::u32string(cat) + k;
                if (ends_with(upto, want)) {
                    kind = want;
                    break;
                }
            }
            if (kind.empty()) kind = k;
            doc.facts.kind = utf8::encode(kind);
        }
    }
}

void extract_case_number(Document& doc) {
    const u32string_view v(doc.view);
    std::size_t from = 0, to = std::min<std::size_t>(v.size(), 400);
    if (const Section* s = doc.section("case_number")) {
        from = s->start;
        to = s->end;
    } else if (const Section* p = doc.section("parties")) {
        to = p->start;
    }
    const auto found = text::find_case_numbers(v, from, to);
    if (found.empty()) return;
    const auto& n = found.front();
    CaseNumber cn;
    cn.text = n.text(v);
    cn.year = n.year;
    cn.court_code = n.court_code;
    cn.type_code = n.special_code + n.type_code;
    cn.serial = n.serial;
    cn.start = n.start;
    cn.end = n.end;
    doc.facts.case_number = cn;
}

bool title_says(const Document& doc, u32string_view word) {
    for (const auto& s : doc.sections)
        if (s.kind == "title" && find_in(doc.view, s.start, s.end, word) != npos) return true;
    return false;
}

void extract_procedure(Document& doc) {
    const u32string_view v(doc.view);
    std::string& p = doc.facts.procedure;
    if (doc.facts.case_number) {
        const std::string& t = doc.facts.case_number->type_code;
        if (t.find("终") != std::string::npos) p = "二审";
        // 民再 since 2016; 民提 (提审) and 民抗 (抗诉) are the retrial codes of the older case numbers
        else if (t.find("再") != std::string::npos || t.find("提") != std::string::npos || t.find("抗") != std::string::npos)
            p = "再审";
        else if (t.find("申") != std::string::npos || t.find("监") != std::string::npos) p = "再审审查";
        else if (t.rfind("执", 0) == 0) p = "执行";
        if (!p.empty()) return;
    }
    std::size_t s = 0, e = std::min<std::size_t>(v.size(), 1500);
    if (const Section* sec = doc.section("procedure")) {
        s = sec->start;
        e = sec->end;
    }
    auto has = [&](u32string_view lit) { return find_in(v, s, e, lit) != npos; };
    if (has(U"转为普通程序") || has(U"转换为普通程序") || has(U"转入普通程序")) p = "普通";
    else if (has(U"小额诉讼")) p = "小额";
    else if (has(U"速裁程序")) p = "速裁";
    else if (has(U"简易程序")) p = "简易";
    else if (has(U"普通程序")) p = "普通";
    else if (title_says(doc, U"二审") || (!title_says(doc, U"一审") && has(U"不服") && has(U"上诉") &&
                                          (has(U"原审") || has(U"一审"))))
        p = "二审";
    else if (has(U"合议庭")) p = "普通";
}

// What a ruling or decision only decides, read from its decision section (the first match wins:
// a ruling that allows a withdrawal of appeal is that, even if it also mentions the costs).
void extract_subkind(Document& doc) {
    const std::string& k = doc.facts.kind;
    if (k.find("裁定书") == std::string::npos && k.find("决定书") == std::string::npos) return;
    const Section* d = doc.section("decision");
    if (!d) return;
    const u32string_view v(doc.view);
    const std::size_t s = d->start, e = std::min(d->end, d->start + 200);
    auto has = [&](u32string_view lit) { return find_in(v, s, e, lit) != npos; };
    static constexpr std::pair<u32string_view, const char*> kinds[] = {
        {U"按撤回上诉处理", "按撤回上诉处理"}, {U"按自动撤回上诉处理", "按撤回上诉处理"}, {U"撤回上诉", "准许撤回上诉"}, {U"撤回起诉", "准许撤诉"}, {U"撤诉", "准许撤诉"},
        {U"撤回再审申请", "准许撤回再审申请"}, {U"撤回申请", "准许撤回申请"}, {U"撤回抗诉", "准许撤回抗诉"},
        {U"驳回起诉", "驳回起诉"}, {U"不予受理", "不予受理"}, {U"发回", "发回重审"}, {U"减刑", "减刑"},
        {U"假释", "假释"}, {U"驳回再审申请", "驳回再审申请"}, {U"驳回申请", "驳回申请"}, {U"提审", "提审"},
        {U"指令", "指令再审"}, {U"再审", "再审"}, {U"中止", "中止"}, {U"终结", "终结"}, {U"管辖", "管辖"},
        {U"移送", "移送"}, {U"保全", "保全"}, {U"查封", "保全"}, {U"冻结", "保全"}, {U"扣押", "保全"}, {U"补正", "补正"}, {U"驳回上诉", "驳回上诉"}};
    for (const auto& [cue, name] : kinds)
        if (has(cue)) {
            doc.facts.subkind = name;
            return;
        }
}

std::optional<text::Date> first_dated_event(u32string_view v, std::size_t s, std::size_t e,
                                            std::initializer_list<u32string_view> events) {
    for (const auto& d : text::find_dates(v, s, e)) {
        if (!d.complete() || d.numerals != text::Numerals::arabic) continue;
        const std::size_t limit = std::min(e, d.end + 14);
        std::size_t stop = limit;
        for (std::size_t i = d.end; i < limit; ++i)
            if (v[i] == U'。' || v[i] == U'，' || v[i] == U'；') {
                stop = i;
                break;
            }
        for (auto ev : events)
            if (find_in(v, d.end, stop, ev) != npos && text::is_valid(d.date())) return d.date();
    }
    return std::nullopt;
}

void extract_dates(Document& doc) {
    const u32string_view v(doc.view);
    if (const Section* p = doc.section("procedure")) {
        auto filed = first_dated_event(v, p->start, p->end, {U"立案", U"受理", U"提起公诉", U"起诉", U"收案", U"移送"});
        if (filed) doc.facts.filed_on = text::to_iso(*filed);
    }
    for (const auto& s : doc.sections) {
        if (s.kind != "date") continue;
        for (const auto& d : text::find_dates(v, s.start, s.end)) {
            if (d.complete() && text::is_valid(d.date())) {
                doc.facts.decided_on = text::to_iso(d.date());
                break;
            }
        }
        if (!doc.facts.decided_on.empty()) break;
    }
    if (doc.facts.decided_on.empty()) {
        // No signature date: the decision came after every date of the body and not before the year of
        // its case number; criteria whose norm took effect before that bound still apply.
        std::optional<text::Date> bound;
        for (const auto& s : doc.sections) {
            if (s.kind == "signature" || s.kind == "date" || s.kind == "clerk" || s.kind == "title") continue;
            for (const auto& d : text::find_dates(v, s.start, s.end))
                if (d.complete() && text::is_valid(d.date()) && (!bound || *bound < d.date())) {
                    bound = d.date();
                    doc.facts.decided_bounds_from = "the latest date in the body";
                }
        }
        if (doc.facts.case_number && doc.facts.case_number->year) {
            const text::Date jan1{*doc.facts.case_number->year, 1, 1};
            if (!bound || *bound < jan1) {
                bound = jan1;
                doc.facts.decided_bounds_from = "the year of the case number";
            }
        }
        if (bound) doc.facts.decided_not_before = text::to_iso(*bound);
    }
    const auto f = text::from_iso(doc.facts.filed_on), d = text::from_iso(doc.facts.decided_on);
    if (f && d) doc.facts.duration_days = static_cast<int>(text::day_number(*d) - text::day_number(*f));
}

constexpr u32string_view kJudgeRoles[] = {U"代理审判员", U"助理审判员", U"独任审判员", U"人民陪审员", U"代审判长",
                                                     U"审判长", U"审判员", U"陪审员", U"执行员", U"人民审判员", U"首席审判员"};

// Reads a short name after a role: skips spaces and a colon, stops at a space, a role or a date.
std::pair<std::size_t, std::size_t> read_name(u32string_view v, std::size_t i, std::size_t e) {
    while (i < e && (is_space(v[i]) || v[i] == U'：' || v[i] == U':')) ++i;
    const std::size_t s = i;
    auto name_char = [](char32_t c) {
        return text::is_cjk(c) || c == U'·' || c == U'•' || text::digit_value(c) >= 0 || (c >= U'A' && c <= U'z');
    };
    while (i < e && i - s < 8 && name_char(v[i])) {
        bool role = false;
        for (auto r : kJudgeRoles)
            if (i > s && v.substr(i, r.size()) == r) role = true;
        if (i > s && v.substr(i, 3) == U"书记员") role = true;
        if (role) break;
        if (i > s + 1 && text::chinese_digit(v[i]) >= 0 && i + 1 < e && (text::chinese_digit(v[i + 1]) >= 0 || text::is_zero_lookalike(v[i + 1]))) break;
        ++i;
    }
    return {s, i};
}

void extract_people(Document& doc) {
    const u32string_view v(doc.view);
    for (const auto& s : doc.sections) {
        if (s.kind == "signature") {
            // Scan the block with spaces removed logically: roles may be spaced (审 判 长).
            std::size_t i = s.start;
            while (i < s.end) {
                // match a role allowing spaces between its characters
                bool matched = false;
                for (auto r : kJudgeRoles) {
                    std::size_t j = i, k = 0;
                    while (j < s.end && k < r.size()) {
                        if (is_space(v[j]) && k > 0) {
                            ++j;
                            continue;
                        }
                        if (v[j] != r[k]) break;
                        ++j;
                        ++k;
                    }
                    if (k == r.size()) {
                        auto [ns, ne] = read_name(v, j, s.end);
                        Person p;
                        p.role = utf8::encode(r);
                        p.name = utf8::encode(v.substr(ns, ne - ns));
                        p.start = ns;
                        p.end = ne;
                        // A signature block repeated on a later page names the same people again.
                        bool dup = false;
                        for (const auto& q : doc.facts.judges)
                            if (q.role == p.role && q.name == p.name) dup = true;
                        if (!dup) doc.facts.judges.push_back(p);
                        i = std::max(ne, j);
                        matched = true;
                        break;
                    }
                }
                if (!matched) ++i;
            }
        } else if (s.kind == "clerk" && doc.facts.clerk.empty()) {
            std::size_t i = s.start;
            const std::u32string c = compact(v, s.start, s.end);
            auto p = find_in(v, s.start, s.end, U"书记员");
            if (p == npos) {
                // spaced: 书 记 员
                if (c.find(U"书记员") == std::u32string::npos) continue;
                p = s.start;
                int seen = 0;
                while (p < s.end && seen < 3) {
                    if (!is_space(v[p])) ++seen;
                    ++p;
                }
                i = p;
            } else {
                i = p + 3;
            }
            // 书记员（代）李淼: an acting clerk's remark before the name
            {
                std::size_t k = i;
                while (k < s.end && is_space(v[k])) ++k;
                if (k < s.end && (v[k] == U'（' || v[k] == U'(')) {
                    const std::size_t close = std::min(find_in(v, k, std::min(s.end, k + 5), U"）"),
                                                       find_in(v, k, std::min(s.end, k + 5), U")"));
                    if (close != npos) i = close + 1;
                }
            }
            auto [ns, ne] = read_name(v, i, s.end);
            if (ne == ns && ne < v.size()) {
                // the name may be in the next clerk unit
                std::size_t j = ne;
                while (j < v.size() && j < s.end + 3 && (is_space(v[j]) || v[j] == U'\n')) ++j;
                std::tie(ns, ne) = read_name(v, j, std::min(v.size(), j + 8));
            }
            doc.facts.clerk = utf8::encode(v.substr(ns, ne - ns));
        }
    }
}

bool is_agent(u32string_view r) {
    return r.find(U"代理人") != npos || r == U"法定代表人" || r == U"辩护人" || r == U"指定辩护人" || r == U"近亲属" ||
           r == U"被害人" || r == U"负责人" || r == U"代表人" ||
           r == U"诉讼代表人" || r == U"监护人";
}


}  // namespace

// Parses one party paragraph starting at s: role, original role in brackets, name.
std::optional<Person> parse_party(u32string_view v, std::size_t s, std::size_t e) {
    const u32string_view role = role_at(v, s);
    if (role.empty()) return std::nullopt;
    Person p;
    p.role = utf8::encode(role);
    std::size_t i = s + role.size();
    if (i < e && (v[i] == U'（' || v[i] == U'(')) {
        // the earlier roles may be long: （一审被告、反诉原告，二审上诉人）
        const std::size_t close = std::min(find_in(v, i, std::min(e, i + 40), U"）"), find_in(v, i, std::min(e, i + 40), U")"));
        if (close != npos) {
            p.original_role = utf8::encode(v.substr(i + 1, close - i - 1));
            i = close + 1;
        }
    }
    while (i < e && (is_space(v[i]) || v[i] == U'：' || v[i] == U':')) ++i;
    const std::size_t ns = i;
    // the name ends at the line's end too (法定代表人：王丽⏎原审被告：… is two paragraphs)
    while (i < e && i - ns < 60 && v[i] != U'，' && v[i] != U',' && v[i] != U'。' && v[i] != U'、' && v[i] != U'；' &&
           !is_space(v[i]) && v[i] != U'\n' && v[i] != U'\r' && v[i] != U'\f') {
        if ((v[i] == U'（' || v[i] == U'(') && i > ns + 1) {
            // a bracket inside a name (重庆轮船（集团）有限公司) is short and followed by more of the name;
            // otherwise it starts a remark (张某（曾用名…），) and ends the name
            const std::size_t close = std::min(find_in(v, i, std::min(e, i + 8), U"）"), find_in(v, i, std::min(e, i + 8), U")"));
            if (close == npos || close + 1 >= e || !text::is_cjk(v[close + 1])) break;
            i = close + 1;
            continue;
        }
        ++i;
    }
    p.name = utf8::encode(v.substr(ns, i - ns));
    p.start = ns;
    p.end = i;
    if (p.name.empty()) return std::nullopt;
    // 自诉人万会民以被告人马保全犯…: a sentence that opens with a role, not a party line (a name holds
    // no other role)
    for (std::size_t k = ns + 1; k < i; ++k)
        if (!role_at(v, k).empty() && (v.substr(k, 3) == U"被告人" || v.substr(k, 2) == U"原告" || v.substr(k, 3) == U"上诉人"))
            return std::nullopt;
    return p;
}

bool is_agent_role(const std::string& role) { return is_agent(utf8::decode(role)); }

namespace {

void extract_parties(Document& doc) {
    const u32string_view v(doc.view);
    for (const auto& s : doc.sections) {
        if (s.kind != "parties") continue;
        // Each party paragraph starts after a break or a sentence end; scan for role words there.
        for (std::size_t i = s.start; i < s.end; ++i) {
            const bool at_para = i == s.start || v[i - 1] == U'\n' || v[i - 1] == U' ' || v[i - 1] == U'\u3000' ||
                                 v[i - 1] == U'\f';
            if (!at_para) continue;
            auto p = parse_party(v, i, s.end);
            if (!p) continue;
            if (!is_agent(utf8::decode(p->role))) doc.facts.parties.push_back(*p);
            i = p->end;
        }
    }
}

// Amounts in Arabic digits followed by 元 or 万元, with an optional 人民币 before them.
void extract_amounts(Document& doc) {
    const u32string_view v(doc.view);
    std::size_t limit = v.size();
    if (const Section* sig = doc.section("signature")) limit = sig->start;
    for (std::size_t i = 0; i < limit; ++i) {
        if (v[i] != U'元') continue;
        std::size_t e = i + 1, j = i;
        double mult = 1;
        if (j > 0 && v[j - 1] == U'万') {
            mult = 10000;
            --j;
        }
        std::size_t s = j;
        while (s > 0 && (text::digit_value(v[s - 1]) >= 0 || v[s - 1] == U'.' || v[s - 1] == U',' || v[s - 1] == U'，')) {
            if (v[s - 1] == U'，') {
                // a full-width comma separates thousands only before a group of three digits (1，382.5万元)
                std::size_t k = s;
                while (k < j && text::digit_value(v[k]) >= 0) ++k;
                if (!(s >= 2 && text::digit_value(v[s - 2]) >= 0 && k - s == 3)) break;
            }
            --s;
        }
        while (s < j && (v[s] == U'.' || v[s] == U',' || v[s] == U'，')) ++s;
        if (s == j) continue;
        std::string num;
        for (std::size_t k = s; k < j; ++k) {
            const int d = text::digit_value(v[k]);
            if (d >= 0) num.push_back(static_cast<char>('0' + d));
            else if (v[k] == U'.') num.push_back('.');
        }
        if (num.empty() || num == ".") continue;
        Amount a;
        a.yuan = std::strtod(num.c_str(), nullptr) * mult;
        if (s >= 3 && v.substr(s - 3, 3) == U"人民币") s -= 3;
        a.start = s;
        a.end = e;
        a.text = utf8::encode(v.substr(s, e - s));
        doc.facts.amounts.push_back(a);
    }
}

// Reads a number written in Chinese or Arabic numerals at v[i]; returns its end.
std::size_t read_number(u32string_view v, std::size_t i, std::optional<long>& value) {
    std::size_t j = i;
    while (j < v.size() && j - i < 10 && (text::is_chinese_numeral_char(v[j]) || text::digit_value(v[j]) >= 0)) ++j;
    value = j > i ? text::parse_any_number(v.substr(i, j - i)) : std::nullopt;
    return j;
}

void extract_citations(Document& doc) {
    const u32string_view v(doc.view);
    std::size_t limit = v.size();
    if (const Section* sig = doc.section("signature")) limit = sig->start;
    for (std::size_t i = 0; i < limit; ++i) {
        if (v[i] != U'《') continue;
        const std::size_t close = find_in(v, i + 1, std::min(limit, i + 80), U"》");
        if (close == npos) continue;
        const std::string law = utf8::encode(v.substr(i + 1, close - i - 1));
        std::size_t j = close + 1;
        std::size_t cite_start = i;
        bool any = false;
        while (j < limit) {
            std::size_t k = j;
            while (k < limit && is_space(v[k])) ++k;
            if (k >= limit || v[k] != U'第') break;
            std::optional<long> art;
            std::size_t n = read_number(v, k + 1, art);
            if (!art || n >= limit || v[n] != U'条') break;
            std::size_t end = n + 1;
            if (v.substr(end, 2) == U"之一" || v.substr(end, 2) == U"之二" || v.substr(end, 2) == U"之三") end += 2;
            // paragraphs: 第一款、第三款 or 一、四款 (without 第)
            std::vector<long> paras;
            std::vector<std::size_t> para_ends;
            std::size_t m = end;
            while (m < limit) {
                std::size_t q = m;
                if (q < limit && v[q] == U'、' && !paras.empty()) ++q;
                const bool di = q < limit && v[q] == U'第';
                std::optional<long> pv;
                std::size_t r = read_number(v, q + (di ? 1 : 0), pv);
                if (!pv) break;
                if (r < limit && v[r] == U'款') {
                    paras.push_back(*pv);
                    para_ends.push_back(r + 1);
                    m = r + 1;
                    continue;
                }
                if (!di && r < limit && v[r] == U'、') {  // 一、四款
                    std::optional<long> pv2;
                    std::size_t r2 = read_number(v, r + 1, pv2);
                    if (pv2 && r2 < limit && v[r2] == U'款') {
                        paras.push_back(*pv);
                        paras.push_back(*pv2);
                        para_ends.push_back(r2 + 1);
                        para_ends.push_back(r2 + 1);
                        m = r2 + 1;
                        continue;
                    }
                }
                break;
            }
            // item: 第（一）项 or 第一项
            std::optional<long> item;
            std::size_t item_end = m;
            if (m < limit && v[m] == U'第') {
                std::size_t q = m + 1;
                const bool br = q < limit && (v[q] == U'（' || v[q] == U'(');
                if (br) ++q;
                std::optional<long> iv;
                std::size_t r = read_number(v, q, iv);
                if (br && r < limit && (v[r] == U'）' || v[r] == U')')) ++r;
                if (iv && r < limit && v[r] == U'项') {
                    item = iv;
                    item_end = r + 1;
                }
            }
            const std::size_t all_end = item ? item_end : m;
            auto emit = [&](std::optional<int> para, std::size_t e) {
                Citation c;
                c.law = law;
                c.article = static_cast<int>(*art);
                c.paragraph = para;
                if (item && (!para || para == paras.back())) c.item = static_cast<int>(*item);
                c.start = any ? k : cite_start;
                c.end = e;
                c.text = utf8::encode(v.substr(c.start, c.end - c.start));
                doc.facts.citations.push_back(c);
            };
            if (paras.empty()) emit(std::nullopt, all_end);
            else
                for (std::size_t x = 0; x < paras.size(); ++x)
                    emit(static_cast<int>(paras[x]), x + 1 == paras.size() ? all_end : para_ends[x]);
            any = true;
            j = all_end;
            // list separators: 、 ， and 及 和 以及
            if (j < limit && (v[j] == U'、' || v[j] == U'，' || v[j] == U',' || v[j] == U'及' || v[j] == U'和')) {
                if (j + 1 < limit && v[j + 1] == U'第') {
                    ++j;
                    continue;
                }
            }
            if (v.substr(j, 3) == U"以及第") {
                j += 2;
                continue;
            }
            break;
        }
        i = close;
    }
}

}  // namespace

void extract_facts(Document& doc) {
    doc.facts = Facts{};
    extract_title(doc);
    extract_case_number(doc);
    extract_procedure(doc);
    extract_subkind(doc);
    extract_dates(doc);
    extract_people(doc);
    extract_parties(doc);
    extract_amounts(doc);
    extract_citations(doc);
}

}  // namespace pingcha::structure
