// sentence.term, panel.composition and notice.procedure: the custody window of a prison term, the
// trial organisation in the signature, and the appeal notice against procedure and document kind.
// Sources: 刑法 第四十一条、第四十四条、第四十七条; 民事诉讼法 第四十条、第一百七十一条; 人民陪审员法
// 第二十条; 刑事诉讼法 第二百三十条; table appeal-periods.tsv.
#include <array>
#include <optional>
#include <memory>
#include <string>

#include "case_tables.h"
#include "criteria.h"
#include "doc_facts.h"
#include "pingcha/utf8.h"

namespace pingcha::criteria {

namespace {

using text::Date;

std::string show(const Date& d) {
    return std::to_string(d.y) + "年" + std::to_string(d.m) + "月" + std::to_string(d.d) + "日";
}

bool numeral_char(char32_t c) { return text::is_chinese_numeral_char(c) || text::digit_value(c) >= 0; }

struct Term {
    int months = 0, days = 0;
};

// Reads a term like 三年六个月, 一年零六个月, 七个月, 四个月十五日, 2年 at v[i]; nullopt when none.
std::optional<Term> read_term(std::u32string_view v, std::size_t i, std::size_t end) {
    Term t;
    bool any = false;
    auto number = [&](std::size_t& j) -> std::optional<long> {
        const std::size_t s = j;
        while (j < end && numeral_char(v[j])) ++j;
        return j > s ? text::parse_any_number(v.substr(s, j - s)) : std::nullopt;
    };
    std::size_t j = i;
    auto n = number(j);
    if (!n) return std::nullopt;
    if (j < end && v[j] == U'年') {
        t.months = static_cast<int>(*n) * 12;
        any = true;
        ++j;
        if (j < end && v[j] == U'零') ++j;
        const std::size_t k = j;
        n = number(j);
        if (!n) return t;
        if (j >= end || v[j] != U'个') {
            j = k;
            return t;
        }
    }
    if (j + 1 < end && v[j] == U'个' && v[j + 1] == U'月') {
        t.months += static_cast<int>(*n);
        any = true;
        j += 2;
        if (j < end && v[j] == U'零') ++j;
        const std::size_t k = j;
        auto d = number(j);
        if (d && j < end && (v[j] == U'日' || v[j] == U'天')) t.days = static_cast<int>(*d);
        else j = k;
        return t;
    }
    if (!any && j < end && (v[j] == U'日' || v[j] == U'天')) {
        t.days = static_cast<int>(*n);
        return t;
    }
    return any ? std::optional<Term>(t) : std::nullopt;
}

// ---- sentence.term
void check_sentence(const Document& doc, std::vector<Finding>& out) {
    const DocInfo info = doc_info(doc);
    if (info.category != "刑事") return;
    const std::u32string_view v(doc.view);
    // The window is checked only when custody was one unbroken stretch: no bail, release or earlier
    // custody credited, so that the term alone fixes the end date.
    for (const Section* p : sections_of(doc, "parties"))
        for (auto w : {U"取保候审", U"监视居住", U"释放", U"假释", U"在逃", U"脱逃", U"暂予监外执行", U"行政拘留", U"司法拘留"})
            if (contains_u(v, w, p->start, p->end)) return;
    for (const Section* sec : sections_of(doc, "decision")) {
        const auto dates = text::find_dates(v, sec->start, sec->end);
        for (std::size_t k = 0; k + 1 < dates.size(); ++k) {
            const auto& a = dates[k];
            const auto& b = dates[k + 1];
            if (!a.complete() || !b.complete() || a.numerals != text::Numerals::arabic) continue;
            if (a.start == 0 || v[a.start - 1] != U'自') continue;
            if (v.substr(a.end, 2) != U"起至" || b.start != a.end + 2) continue;
            if (b.end >= v.size() || v[b.end] != U'止') continue;
            if (!text::is_valid(a.date()) || !text::is_valid(b.date())) continue;
            // The term this window belongs to: the last 有期徒刑/拘役 before it in the same item.
            const std::size_t lo = a.start > sec->start + 300 ? a.start - 300 : sec->start;
            std::size_t best = std::u32string_view::npos, word = 0;
            for (auto w : {std::u32string_view(U"有期徒刑"), std::u32string_view(U"拘役"), std::u32string_view(U"管制")}) {
                std::size_t p = lo;
                while (true) {
                    const std::size_t q = find_u(v, w, p, a.start);
                    if (q == std::u32string_view::npos) break;
                    if (best == std::u32string_view::npos || q > best) {
                        best = q;
                        word = w.size();
                    }
                    p = q + 1;
                }
            }
            if (best == std::u32string_view::npos || (word == 2 && v.substr(best, 2) == U"管制")) continue;
            bool credited = false;
            for (auto w : {U"缓刑", U"扣除", U"已羁押", U"已服", U"另案", U"余刑", U"剩余刑期", U"减刑", U"合并"})
                if (contains_u(v, w, best, a.start)) credited = true;
            for (auto w : {U"扣除", U"折抵", U"已羁押"})
                if (contains_u(v, w, b.end, std::min(sec->end, b.end + 30))) credited = true;
            if (credited) continue;
            const auto term = read_term(v, best + word, a.start);
            if (!term || (term->months <= 0 && term->days <= 0)) continue;
            const Date expected =
                text::from_day_number(text::day_number(text::add_months(a.date(), term->months)) + term->days - 1);
            const long diff = text::day_number(b.date()) - text::day_number(expected);
            // Courts differ by a day on the last day (and at month ends); a planted or real error is larger.
            const long tolerance = a.date().d >= 28 ? 1 : 0;
            if (diff < -tolerance - 1 || diff > tolerance + 1) {
                add_finding(out, "sentence.term", Severity::error,
                            "刑期起止日期与判处刑期不符：自" + show(a.date()) + "起计" + std::to_string(term->months) + "个月" +
                                (term->days ? std::to_string(term->days) + "日" : std::string()) + "应至" + show(expected) + "止，文中为" + show(b.date()),
                            a.start - 1, b.end + 1);
            }
        }
    }
}

// ---- panel.composition
bool is_signer(const std::string& r) {
    return r == "审判长" || r == "审判员" || r == "代理审判员" || r == "助理审判员" || r == "人民陪审员" || r == "陪审员" ||
           r == "代审判长" || r == "独任审判员" || r == "人民审判员";
}

void check_panel(const Document& doc, std::vector<Finding>& out) {
    const auto sigs = sections_of(doc, "signature");
    if (sigs.empty()) return;
    const std::size_t s = sigs.front()->start, e = sigs.back()->end;
    int signers = 0, presiding = 0, assessors = 0;
    for (const auto& j : doc.facts.judges) {
        if (!is_signer(j.role)) continue;
        ++signers;
        if (j.role == "审判长" || j.role == "代审判长") ++presiding;
        if (j.role == "人民陪审员" || j.role == "陪审员") ++assessors;
    }
    if (signers == 0) return;
    const std::u32string_view v(doc.view);
    const Section* proc = doc.section("procedure");
    const std::size_t ps = proc ? proc->start : 0, pe = proc ? proc->end : 0;
    const bool collegial = contains_u(v, U"合议庭", ps, pe);
    const bool sole = contains_u(v, U"独任", ps, pe);
    // A lay assessor never presides (人民陪审员法 第二十条): same name as 审判长 and 人民陪审员.
    for (const auto& a : doc.facts.judges)
        for (const auto& b : doc.facts.judges)
            if (a.role == "审判长" && (b.role == "人民陪审员" || b.role == "陪审员") && a.name == b.name && !a.name.empty()) {
                add_finding(out, "panel.composition", Severity::error, "人民陪审员不得担任审判长", s, e);
                return;
            }
    if (proc && contains_u(v, U"人民陪审员", ps, pe) && contains_u(v, U"担任审判长", ps, pe)) {
        const std::size_t p = find_u(v, U"担任审判长", ps, pe);
        const std::size_t q = find_u(v, U"人民陪审员", p > ps + 20 ? p - 20 : ps, p);
        if (q != std::u32string_view::npos) {
            add_finding(out, "panel.composition", Severity::error, "人民陪审员不得担任审判长", q, p + 5);
            return;
        }
    }
    if (presiding > 1) {
        add_finding(out, "panel.composition", Severity::error, "落款中有两名以上审判长", s, e);
        return;
    }
    if ((collegial || presiding == 1) && !sole) {
        if (signers < 3)
            add_finding(out, "panel.composition", Severity::error,
                        "合议庭应由三名以上审判人员组成，落款仅" + std::to_string(signers) + "人", s, e);
        else if (presiding == 0)
            add_finding(out, "panel.composition", Severity::error, "合议庭落款缺少审判长", s, e);
        else if (signers % 2 == 0)
            add_finding(out, "panel.composition", Severity::error, "合议庭成员人数应为单数，落款为" + std::to_string(signers) + "人", s, e);
        return;
    }
    if (sole && !collegial && (signers > 1 || presiding > 0 || assessors > 0))
        add_finding(out, "panel.composition", Severity::error, "独任审判只应由一名审判员署名", s, e);
}

// ---- notice.procedure
void check_notice(const std::shared_ptr<const CaseTables>& t, const Document& doc, std::vector<Finding>& out) {
    const DocInfo info = doc_info(doc);
    if (info.category.empty() || (!info.ruling && !info.judgment)) return;
    const auto notices = sections_of(doc, "notice");
    if (notices.empty()) return;
    const std::string kind = info.ruling ? "裁定" : "判决";
    std::string proc;
    if (info.second) proc = "二审";
    else if (info.procedure == "小额") proc = "小额";
    else if (info.first) proc = "first";
    if (proc.empty()) return;
    const auto days = t->appeal(info.category, kind, proc);
    if (!days) return;
    const std::u32string_view v(doc.view);
    const std::size_t s = notices.front()->start, e = notices.back()->end;
    const bool appeal = contains_u(v, U"上诉", s, e);
    const bool final_ = contains_u(v, U"终审", s, e) || contains_u(v, U"即发生法律效力", s, e) ||
                        contains_u(v, U"立即生效", s, e) || contains_u(v, U"一经作出即", s, e);
    if (*days == 0) {
        if (appeal && contains_u(v, U"如不服", s, e)) {
            const std::size_t p = find_u(v, U"如不服", s, e);
            add_finding(out, "notice.procedure", Severity::error,
                        std::string(proc == "小额" ? "小额诉讼" : "二审") + kind + "为终审" + kind + "，不应告知上诉", p,
                        std::min(e, p + 30));
        }
        return;
    }
    if (info.ruling && !appeal) return;  // most rulings take effect at once; an appealable one says so
    // Before 2022 a small claim was tried under 简易程序 and is final without saying 小额.
    if (!appeal && info.procedure == "简易" && info.category == "民事" && !info.ruling) return;
    if (!appeal) {
        const std::size_t p = final_ ? find_u(v, U"终审", s, e) : s;
        add_finding(out, "notice.procedure", Severity::error,
                    "一审" + kind + "应告知上诉权利及" + std::to_string(*days) + "日上诉期限，不应为终审",
                    p == std::u32string_view::npos ? s : p, std::min(e, (p == std::u32string_view::npos ? s : p) + 20));
        return;
    }
    // The first period in the notice: …之日起十五日内 / 第二日起十日内.
    for (std::size_t p = find_u(v, U"日内", s, e); p != std::u32string_view::npos; p = find_u(v, U"日内", p + 2, e)) {
        std::size_t q = p;
        while (q > s && numeral_char(v[q - 1]) && p - q < 4) --q;
        if (q == p) continue;
        const auto n = text::parse_any_number(v.substr(q, p - q));
        if (!n) continue;
        if (*n != *days)
            add_finding(out, "notice.procedure", Severity::error,
                        "上诉期限应为" + std::to_string(*days) + "日（" + info.category + kind + "），此处为" +
                            std::to_string(*n) + "日",
                        q, p + 2);
        return;
    }
}

}  // namespace

std::vector<CriterionSpec> trial_criteria(std::shared_ptr<const CaseTables> t) {
    return {
        {"sentence.term", "刑期折抵", Severity::error,
         "“即自……起至……止”与判处的有期徒刑或拘役刑期一致（先行羁押一日折抵一日）",
         "《刑法》第四十一条、第四十四条、第四十七条；《刑事诉讼文书样式》", false, &check_sentence},
        {"panel.composition", "审判组织", Severity::error,
         "合议庭至少三人、单数、一名审判长；独任审判一人署名；人民陪审员不担任审判长",
         "《民事诉讼法》第四十条、第四十一条；《刑事诉讼法》第一百八十三条；《人民陪审员法》第二十条", false, &check_panel},
        {"notice.procedure", "告知事项", Severity::error,
         "尾部告知与程序和文书种类相符：一审告知上诉及期限（民事、行政判决15日、裁定10日；刑事判决10日、裁定5日），二审和小额诉讼为终审",
         "《民事诉讼法》第一百六十五条、第一百七十一条、第一百八十二条；《行政诉讼法》第八十五条；《刑事诉讼法》第二百三十条（appeal-periods.tsv）",
         false, [t](const Document& d, std::vector<Finding>& out) { check_notice(t, d, out); }},
    };
}

}  // namespace pingcha::criteria
