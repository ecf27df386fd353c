// date.body, date.order and efficiency.time-limit: dates in the body are complete, valid and in
// Arabic numerals; birth, facts, filing, hearing and decision come in that order; the trial ends
// within the time limit of its procedure. Source: 法〔2016〕221号; GB/T 15835-2011; 民事诉讼法
// 第一百五十二条、第一百六十四条、第一百八十三条; 刑事诉讼法 第二百零八条 (table time-limits.tsv).
#include <array>
#include <memory>
#include <string>

#include "case_tables.h"
#include "criteria.h"
#include "doc_facts.h"
#include "pingcha/utf8.h"

namespace pingcha::criteria {

namespace {

using text::Date;
using text::DateMatch;

std::string show(const Date& d) {
    return std::to_string(d.y) + "年" + std::to_string(d.m) + "月" + std::to_string(d.d) + "日";
}

// The body: after the case number (or the title) and before the signature block.
std::pair<std::size_t, std::size_t> body_range(const Document& doc) {
    std::size_t s = 0;
    if (const Section* p = doc.section("parties")) s = p->start;
    else if (const Section* c = doc.section("case_number")) s = c->end;
    return {s, body_end(doc)};
}

// ---- date.body
void check_body(const Document& doc, std::vector<Finding>& out) {
    const auto [s, e] = body_range(doc);
    const std::u32string_view v(doc.view);
    for (const DateMatch& d : text::find_dates(v, s, e)) {
        if (d.numerals != text::Numerals::arabic) {
            // A Chinese year alone (二○一四年第三次审判委员会, 二〇一五年度) names a year, not a date.
            if (!d.has_month_mark) continue;
            // A Chinese year inside a quoted title or a document number is not a body date.
            add_finding(out, "date.body", Severity::error, "正文中的日期应使用阿拉伯数字", d.start, d.end);
            continue;
        }
        if (d.empty_part) {
            add_finding(out, "date.body", Severity::error, "日期不完整（缺少月或日的数字）", d.start, d.end);
            continue;
        }
        if (d.has_month_mark && (!d.month || *d.month < 1 || *d.month > 12)) {
            add_finding(out, "date.body", Severity::error, "日期中的月份不存在", d.start, d.end);
            continue;
        }
        if (d.has_day_mark && d.month && (!d.day || *d.day < 1 || *d.day > text::days_in_month(d.year, *d.month))) {
            add_finding(out, "date.body", Severity::error, "日期不存在（" + std::to_string(d.year) + "年" +
                                                            std::to_string(*d.month) + "月没有" +
                                                            std::to_string(d.day.value_or(0)) + "日）",
                        d.start, d.end);
        }
    }
}

// Complete, valid Arabic dates in [s, e) followed (within a few characters) by one of the words.
std::vector<DateMatch> dated(const std::u32string_view v, std::size_t s, std::size_t e,
                             std::initializer_list<std::u32string_view> words, std::size_t reach) {
    std::vector<DateMatch> out;
    for (const DateMatch& d : text::find_dates(v, s, e)) {
        if (d.numerals != text::Numerals::arabic || !d.complete() || !text::is_valid(d.date())) continue;
        std::size_t stop = std::min(e, d.end + reach);
        for (std::size_t i = d.end; i < stop; ++i)
            if (v[i] == U'。' || v[i] == U'，' || v[i] == U'；') {
                stop = i;
                break;
            }
        for (auto w : words)
            if (contains_u(v, w, d.end, stop)) {
                out.push_back(d);
                break;
            }
    }
    return out;
}

// ---- date.order
void check_order(const Document& doc, std::vector<Finding>& out) {
    const DocInfo info = doc_info(doc);
    const std::u32string_view v(doc.view);
    const Section* proc = doc.section("procedure");
    std::optional<DateMatch> filed, hearing;
    if (proc) {
        auto f = dated(v, proc->start, proc->end, {U"立案", U"受理", U"提起公诉", U"起诉", U"收案"}, 14);
        if (!f.empty()) filed = f.front();
        auto h = dated(v, proc->start, proc->end, {U"开庭", U"审理了本案", U"公开审理", U"进行了审理"}, 14);
        if (!h.empty()) hearing = h.front();
    }
    const Section* date_sec = doc.section("date");
    const std::size_t ds = date_sec ? date_sec->start : 0, de = date_sec ? date_sec->end : 0;
    if (filed && hearing && hearing->date() < filed->date())
        add_finding(out, "date.order", Severity::error, "开庭日期（" + show(hearing->date()) + "）早于立案日期（" +
                                                             show(filed->date()) + "）",
                    hearing->start, hearing->end);
    if (info.decided) {
        if (filed && *info.decided < filed->date())
            add_finding(out, "date.order", Severity::error, "立案日期（" + show(filed->date()) + "）晚于裁判日期（" +
                                                                 show(*info.decided) + "）",
                        filed->start, filed->end);
        if (hearing && *info.decided < hearing->date())
            add_finding(out, "date.order", Severity::error, "开庭日期（" + show(hearing->date()) + "）晚于裁判日期（" +
                                                                 show(*info.decided) + "）",
                        hearing->start, hearing->end);
        if (doc.facts.case_number && doc.facts.case_number->year && *doc.facts.case_number->year > info.decided->y)
            add_finding(out, "date.order", Severity::error,
                        "案号年度（" + std::to_string(*doc.facts.case_number->year) + "）晚于裁判年度（" +
                            std::to_string(info.decided->y) + "）",
                        doc.facts.case_number->start, doc.facts.case_number->end);
        // Facts found and the procedure happened before the decision.
        for (const char* kind : {"facts", "procedure"})
            for (const Section* s : sections_of(doc, kind))
                for (const DateMatch& d : text::find_dates(v, s->start, s->end)) {
                    if (d.numerals != text::Numerals::arabic || !d.complete() || !text::is_valid(d.date())) continue;
                    const bool reported = (filed && d.start == filed->start) || (hearing && d.start == hearing->start);
                    // the end of a term (刑期…至2015年9月5日止, 缓刑考验期至…) may lie after the decision
                    const bool term_end = d.start >= 1 && (v[d.start - 1] == U'至' || v[d.start - 1] == U'到') &&
                                          d.end < v.size() && (v[d.end] == U'止' || v[d.end] == U'。' || v[d.end] == U'；');
                    if (*info.decided < d.date() && !reported && !term_end) {
                        add_finding(out, "date.order", Severity::error,
                                    "日期（" + show(d.date()) + "）晚于裁判日期（" + show(*info.decided) + "）", d.start,
                                    d.end);
                    }
                }
    }
    // Birth dates of the parties come before everything else.
    const std::optional<Date> ref = filed ? std::optional<Date>(filed->date()) : info.decided;
    if (ref)
        for (const Section* s : sections_of(doc, "parties"))
            for (const DateMatch& d : dated(v, s->start, s->end, {U"出生", U"生"}, 3))
                if (!(d.date() < *ref))
                    add_finding(out, "date.order", Severity::error,
                                "出生日期（" + show(d.date()) + "）不早于" + (filed ? "立案" : "裁判") + "日期", d.start,
                                d.end);
    (void)ds;
    (void)de;
}

// ---- efficiency.time-limit
void check_time_limit(const std::shared_ptr<const CaseTables>& t, const Document& doc, std::vector<Finding>& out) {
    const DocInfo info = doc_info(doc);
    if (!info.filed || !info.decided || info.category.empty()) return;
    std::string proc = info.second ? "二审" : info.procedure;
    if (proc.empty() && info.first && info.category != "刑事") proc = "普通";
    if (proc.empty()) return;
    const auto limit = t->limit(info.category, proc);
    if (!limit) return;
    const std::u32string_view v(doc.view);
    const std::size_t end = body_end(doc);
    static constexpr std::u32string_view stops[] = {
        U"延长", U"中止", U"扣除", U"鉴定", U"管辖权异议", U"管辖异议", U"审计", U"评估", U"补充侦查", U"延期审理",
        U"退回", U"恢复审理", U"变更起诉", U"改变管辖", U"审限", U"公告"};
    for (auto s : stops)
        if (contains_u(v, s, 0, end)) return;
    const Date deadline = limit->months ? text::add_months(*info.filed, limit->amount)
                                        : text::from_day_number(text::day_number(*info.filed) + limit->amount);
    if (!(deadline < *info.decided)) return;
    const long days = text::day_number(*info.decided) - text::day_number(*info.filed);
    std::size_t s = 0, e = 0;
    if (const Section* p = doc.section("procedure")) {
        for (const auto& d : dated(v, p->start, p->end, {U"立案", U"受理", U"提起公诉", U"起诉", U"收案"}, 14)) {
            s = d.start;
            e = d.end;
            break;
        }
        if (e == 0) {
            s = p->start;
            e = std::min(p->end, p->start + 20);
        }
    }
    add_finding(out, "efficiency.time-limit", Severity::warning,
                "自立案（" + show(*info.filed) + "）至裁判（" + show(*info.decided) + "）共" + std::to_string(days) +
                    "日，超过" + info.category + proc + "程序审限（" + std::to_string(limit->amount) +
                    (limit->months ? "个月" : "日") + "），且未载明延长或扣除审限",
                s, e);
}

}  // namespace

std::vector<CriterionSpec> date_criteria(std::shared_ptr<const CaseTables> t) {
    return {
        {"date.body", "正文日期", Severity::error, "正文日期用阿拉伯数字，年月日完整，为真实日期",
         "GB/T 15835-2011《出版物上数字用法》；《人民法院民事裁判文书制作规范》（法〔2016〕221号）", false, &check_body},
        {"date.order", "时间逻辑", Severity::error,
         "出生早于立案，立案不晚于开庭，开庭与查明事实不晚于裁判日期，案号年度不晚于裁判年度",
         "《人民法院民事裁判文书制作规范》（法〔2016〕221号）", false, &check_order},
        {"efficiency.time-limit", "审限", Severity::warning,
         "立案至裁判的期间在该程序审限内（民事普通6个月、简易3个月、二审3个月等），或载明延长、扣除审限",
         "《民事诉讼法》第一百五十二条、第一百六十四条、第一百八十三条；《行政诉讼法》第八十一条、第八十八条；《刑事诉讼法》第二百零八条、第二百二十条、第二百二十五条（time-limits.tsv）",
         false, [t](const Document& d, std::vector<Finding>& out) { check_time_limit(t, d, out); }},
    };
}

}  // namespace pingcha::criteria
