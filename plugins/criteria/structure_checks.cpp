// structure.* criteria: title elements, required sections, their order, the signature block,
// the costs statement and layout debris. Source: 《人民法院民事裁判文书制作规范》《民事诉讼文书样式》
// (法〔2016〕221号) and 《刑事诉讼文书样式》; they read the structure stage's sections and facts.
#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>

#include "case_tables.h"
#include "criteria.h"
#include "doc_facts.h"
#include "pingcha/utf8.h"

namespace pingcha::criteria {

namespace {

constexpr const char* kNorm = "《人民法院民事裁判文书制作规范》《民事诉讼文书样式》（法〔2016〕221号）";

const char* section_name(std::string_view k) {
    static const std::map<std::string_view, const char*> names = {
        {"title", "标题"}, {"case_number", "案号"}, {"parties", "当事人"}, {"procedure", "案件由来和审理经过"},
        {"claims", "诉讼请求（指控）"}, {"defence", "答辩（辩解）意见"}, {"facts", "认定事实（经审理查明）"},
        {"reasoning", "裁判理由（本院认为）"}, {"legal_basis", "裁判依据（依照……判决如下）"}, {"decision", "裁判主文"},
        {"costs", "诉讼费用负担"}, {"notice", "上诉权利告知（尾部）"}, {"signature", "合议庭或独任审判员署名"},
        {"date", "落款日期"}, {"clerk", "书记员署名"}};
    auto it = names.find(k);
    return it == names.end() ? "段落" : it->second;
}

// A short span at the start of a section, for findings about something missing around it.
std::pair<std::size_t, std::size_t> head_of(const Section& s) { return {s.start, std::min(s.end, s.start + 20)}; }

std::pair<std::size_t, std::size_t> doc_head(const Document& doc) {
    if (!doc.sections.empty()) return head_of(doc.sections.front());
    return {0, std::min<std::size_t>(doc.view.size(), 20)};
}

// ---- structure.title
void check_title(const Document& doc, std::vector<Finding>& out, const CaseTables& t) {
    const Section* parties = doc.section("parties");
    const std::size_t first_party = parties ? parties->start : std::min<std::size_t>(doc.view.size(), 400);
    auto [hs, he] = doc_head(doc);
    if (const Section* t = doc.section("title")) {
        hs = t->start;
        he = std::min(t->end, t->start + 40);
    }
    // A court name one character away from a listed court (中级人法院, 延边朝族自治州, 中国人民共和国最高人民法院)
    if (!doc.facts.court.empty()) {
        if (const std::string near = t.near_court_name(doc.facts.court); !near.empty()) {
            const std::u32string court = utf8::decode(doc.facts.court);
            const std::size_t at = find_u(doc.view, court, hs, std::min(doc.view.size(), he + 40));
            if (at != std::u32string_view::npos)
                add_finding(out, "structure.title", Severity::error,
                            "法院名称有误：“" + doc.facts.court + "”应为“" + near + "”", at, at + court.size());
        }
    }
    std::vector<std::string> missing;
    if (doc.facts.court.empty()) missing.push_back("法院名称");
    if (doc.facts.kind.empty()) missing.push_back("文书名称（如民事判决书）");
    if (!doc.facts.case_number || doc.facts.case_number->start > first_party) missing.push_back("案号");
    if (missing.empty()) return;
    std::string m = "首部在当事人之前应写明";
    for (std::size_t i = 0; i < missing.size(); ++i) m += (i ? "、" : "") + missing[i];
    m += "，此处缺少";
    add_finding(out, "structure.title", Severity::error, m, hs, he);
}

// ---- structure.sections
bool absent_defendant(const Document& doc) {
    static constexpr std::u32string_view cues[] = {U"未答辩", U"未到庭", U"缺席", U"未作答辩", U"未出庭",
                                                            U"下落不明", U"公告送达", U"未提交答辩", U"未发表"};
    const std::size_t end = body_end(doc);
    for (auto c : cues)
        if (contains_u(doc.view, c, 0, end)) return true;
    return false;
}

std::vector<std::string> required_sections(const Document& doc, const DocInfo& info) {
    // A ruling that only settles a step of the procedure (按撤回上诉处理, 提审, 指令再审 …) may state it
    // without reasons or a cited basis (最高人民法院 rulings of that kind often do).
    static const std::set<std::string> procedural = {"按撤回上诉处理", "准许撤回上诉", "准许撤诉", "准许撤回申请",
                                                     "准许撤回再审申请", "准许撤回抗诉", "提审", "指令再审", "中止",
                                                     "终结", "保全", "补正", "移送", "管辖"};
    if (info.ruling && procedural.count(doc.facts.subkind)) return {"parties", "procedure", "decision"};
    if (info.ruling) return {"parties", "procedure", "reasoning", "legal_basis", "decision"};
    if (!info.judgment) return {};
    if (info.category == "刑事") {
        // The charge may be stated in the procedure paragraph (…起诉书指控被告人…犯…罪，…提起公诉).
        const Section* proc = doc.section("procedure");
        const bool charged = proc && contains_u(doc.view, U"指控", proc->start, proc->end);
        if (charged) return {"parties", "procedure", "reasoning", "legal_basis", "decision", "notice"};
        return {"parties", "procedure", "claims", "reasoning", "legal_basis", "decision", "notice"};
    }
    if (info.category == "民事" || info.category == "行政") {
        // Summary and small-claims judgments may use the shortened forms of 法〔2016〕221号 (令状式,
        // 要素式, 表格式) without separate defence and fact-finding parts.
        std::vector<std::string> r = {"parties", "procedure", "claims"};
        const bool simple = info.procedure == "简易" || info.procedure == "小额";
        if (!absent_defendant(doc) && !simple) r.push_back("defence");
        if (!simple) r.push_back("facts");
        for (const char* k : {"reasoning", "legal_basis", "decision", "notice"}) r.push_back(k);
        return r;
    }
    return {};
}

const std::array<std::string_view, 15> kCanonical = {"title",     "case_number", "parties",     "procedure", "claims",
                                                     "defence",   "facts",       "reasoning",   "legal_basis", "decision",
                                                     "costs",     "notice",      "signature",   "date",      "clerk"};

int rank_of(std::string_view k) {
    for (std::size_t i = 0; i < kCanonical.size(); ++i)
        if (kCanonical[i] == k) return static_cast<int>(i);
    return -1;
}

// Claims and answers that the structure stage did not set apart (上诉请求 inside the procedure paragraph,
// 某公司提交意见认为 in a retrial): their words stand between the parties and the reasoning, so the part
// is there and a reviewer would not deduct for it.
bool stated_inline(const Document& doc, std::string_view kind) {
    static constexpr std::u32string_view claims[] = {U"诉讼请求", U"上诉请求", U"再审请求", U"诉称", U"上诉称",
                                                     U"申请再审称", U"申诉称", U"请求判令", U"请求撤销", U"请求改判",
                                                     U"请求依法", U"指控"};
    static constexpr std::u32string_view defence[] = {U"答辩", U"辩称", U"提交意见称", U"提交意见认为", U"书面意见称",
                                                      U"书面意见认为", U"陈述意见称", U"辩解", U"辩护意见"};
    const Section* parties = doc.section("parties");
    const Section* reasoning = doc.section("reasoning");
    const std::size_t from = parties ? parties->end : 0;
    const std::size_t to = reasoning ? reasoning->start : body_end(doc);
    if (from >= to) return false;
    if (kind == "claims") {
        for (auto c : claims)
            if (contains_u(doc.view, c, from, to)) return true;
    } else if (kind == "defence") {
        for (auto c : defence)
            if (contains_u(doc.view, c, from, to)) return true;
    }
    return false;
}

void check_sections(const Document& doc, std::vector<Finding>& out) {
    if (doc.sections.empty()) return;
    const DocInfo info = doc_info(doc);
    for (const auto& k : required_sections(doc, info)) {
        if (doc.section(k) || stated_inline(doc, k)) continue;
        // Point at the section that follows the missing one in the canonical order.
        const int r = rank_of(k);
        const Section* next = nullptr;
        for (const auto& s : doc.sections)
            if (rank_of(s.kind) > r && (!next || s.start < next->start)) next = &s;
        const Section& at = next ? *next : doc.sections.back();
        const auto [s, e] = head_of(at);
        add_finding(out, "structure.sections", Severity::error,
                    std::string("缺少“") + section_name(k) + "”部分（" + doc.facts.kind + "应具备）", s, e);
    }
}

// ---- structure.order
void check_order(const Document& doc, std::vector<Finding>& out) {
    const DocInfo info = doc_info(doc);
    std::map<std::string, const Section*> first;
    for (const auto& s : doc.sections)
        if (!first.count(s.kind)) first[s.kind] = &s;
    // Compared: each section's first occurrence against every earlier one. An appeal restates the
    // first-instance claims after the appeal's defence, so claims/defence are not compared there.
    const Section* reported = nullptr;
    for (const auto& [kind, s] : first) {
        const int r = rank_of(kind);
        if (r <= 1) continue;
        for (const auto& [k2, s2] : first) {
            const int r2 = rank_of(k2);
            if (r2 <= 1 || s2->start >= s->start || r2 <= r) continue;
            if (info.second && (kind == "claims" || kind == "defence") && (k2 == "claims" || k2 == "defence")) continue;
            // appeals and retrials recite the first-instance findings before the grounds and the answer
            if ((info.second || doc.facts.procedure == "再审" || doc.facts.procedure == "再审审查") &&
                (kind == "claims" || kind == "defence") && k2 == "facts")
                continue;
            if ((kind == "costs" || kind == "decision") && (k2 == "costs" || k2 == "decision")) continue;
            if (reported == s) continue;
            reported = s;
            const auto [a, b] = head_of(*s);
            add_finding(out, "structure.order", Severity::error,
                        std::string("“") + section_name(kind) + "”应在“" + section_name(k2) + "”之前", a, b);
        }
    }
}

// ---- structure.signature
void check_signature(const Document& doc, std::vector<Finding>& out) {
    if (doc.sections.empty() || !doc.section("decision")) return;
    const auto sigs = sections_of(doc, "signature");
    const Section* last = &doc.sections.back();
    std::size_t s = last->start, e = last->end;
    if (!sigs.empty()) {
        s = sigs.front()->start;
        e = sigs.back()->end;
    }
    std::vector<std::string> missing;
    bool any_judge = false, unnamed = false;
    for (const auto& j : doc.facts.judges) {
        any_judge = true;
        if (j.name.empty()) unnamed = true;
    }
    if (!any_judge) missing.push_back("审判人员署名（审判长、审判员或人民陪审员）");
    if (unnamed) missing.push_back("审判人员姓名");
    if (!doc.section("date")) missing.push_back("落款日期");
    if (!doc.section("clerk")) missing.push_back("书记员署名");
    else if (doc.facts.clerk.empty()) missing.push_back("书记员姓名");
    if (missing.empty()) return;
    std::string m = "落款缺少";
    for (std::size_t i = 0; i < missing.size(); ++i) m += (i ? "、" : "") + missing[i];
    if (sigs.empty()) e = std::min(e, s + 20);
    add_finding(out, "structure.signature", Severity::error, m, s, e);
}

// ---- structure.costs
void check_costs(const Document& doc, std::vector<Finding>& out) {
    const DocInfo info = doc_info(doc);
    if (!info.judgment || !(info.category == "民事" || info.category == "行政")) return;
    const auto costs = sections_of(doc, "costs");
    const Section* decision = doc.section("decision");
    if (!decision) return;
    // A ruling under a judgment title (裁定如下) is checked as a ruling: no costs required.
    if (const Section* basis = doc.section("legal_basis"); basis && contains_u(doc.view, U"裁定", basis->start, basis->end))
        return;
    if (costs.empty()) {
        const auto decisions = sections_of(doc, "decision");
        const Section* d = decisions.back();
        add_finding(out, "structure.costs", Severity::error, "判决未写明案件受理费等诉讼费用的负担", d->start,
                    std::min(d->end, d->start + 30));
        return;
    }
    const std::u32string_view v(doc.view);
    for (const Section* c : costs) {
        const bool waived = contains_u(v, U"免", c->start, c->end) || contains_u(v, U"退还", c->start, c->end) ||
                            contains_u(v, U"退回", c->start, c->end) || contains_u(v, U"不予收取", c->start, c->end);
        const bool who = contains_u(v, U"负担", c->start, c->end) || contains_u(v, U"承担", c->start, c->end) || waived;
        bool amount = waived;
        for (std::size_t i = c->start; i < c->end && !amount; ++i)
            if (v[i] == U'元' && i > c->start && (text::digit_value(v[i - 1]) >= 0 || text::is_chinese_numeral_char(v[i - 1])))
                amount = true;
        if (!who) add_finding(out, "structure.costs", Severity::error, "诉讼费用未写明由谁负担", c->start, c->end);
        else if (!amount) add_finding(out, "structure.costs", Severity::error, "诉讼费用未写明金额", c->start, c->end);
    }
}

// ---- structure.artifacts
void check_artifacts(const Document& doc, std::vector<Finding>& out) {
    const std::u32string_view v(doc.view);
    auto is_alpha = [](char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); };
    for (std::size_t i = 0; i < v.size(); ++i) {
        const char32_t c = v[i];
        if (c == U'<' && i + 1 < v.size() && (is_alpha(v[i + 1]) || v[i + 1] == U'/')) {
            std::size_t j = i + 1;
            while (j < v.size() && j - i < 40 && v[j] != U'>' && v[j] != U'<' && v[j] != U'\n') ++j;
            if (j < v.size() && v[j] == U'>') {
                add_finding(out, "structure.artifacts", Severity::error, "文中残留排版标记（HTML标签）", i, j + 1);
                i = j;
                continue;
            }
        }
        if (c == U'&' && i + 2 < v.size() && is_alpha(v[i + 1])) {
            std::size_t j = i + 1;
            while (j < v.size() && j - i < 8 && is_alpha(v[j])) ++j;
            if (j < v.size() && v[j] == U';') {
                add_finding(out, "structure.artifacts", Severity::error, "文中残留转义字符（如&nbsp;）", i, j + 1);
                i = j;
                continue;
            }
        }
        if (c == U'此' || c == U'本') {
            if (v.substr(i + 1, 4) == U"页无正文") {
                add_finding(out, "structure.artifacts", Severity::error, "文中残留“此页无正文”", i, i + 5);
                i += 4;
                continue;
            }
        }
        if (c == U'P' && v.substr(i, 4) == U"PAGE" && (i == 0 || !is_alpha(v[i - 1])) &&
            (i + 4 >= v.size() || !is_alpha(v[i + 4]))) {
            add_finding(out, "structure.artifacts", Severity::error, "文中残留页码域代码“PAGE”", i, i + 4);
            i += 3;
            continue;
        }
        if (c == U'M' && v.substr(i, 11) == U"MERGEFORMAT") {
            add_finding(out, "structure.artifacts", Severity::error, "文中残留域代码“MERGEFORMAT”", i, i + 11);
            i += 10;
            continue;
        }
        // Page furniture: 第 1 页 共 3 页 / 第1页/共3页
        if (c == U'第') {
            std::size_t j = i + 1;
            while (j < v.size() && text::is_space(v[j])) ++j;
            const std::size_t ds = j;
            while (j < v.size() && text::digit_value(v[j]) >= 0 && j - ds < 4) ++j;
            if (j == ds) continue;
            while (j < v.size() && text::is_space(v[j])) ++j;
            if (j >= v.size() || v[j] != U'页') continue;
            std::size_t k = j + 1;
            while (k < v.size() && (text::is_space(v[k]) || v[k] == U'/' || v[k] == U'，' || v[k] == U',')) ++k;
            if (k < v.size() && v[k] == U'共') {
                std::size_t m = k + 1;
                while (m < v.size() && text::is_space(v[m])) ++m;
                const std::size_t ms = m;
                while (m < v.size() && text::digit_value(v[m]) >= 0 && m - ms < 4) ++m;
                while (m < v.size() && text::is_space(v[m])) ++m;
                if (m > ms && m < v.size() && v[m] == U'页') {
                    add_finding(out, "structure.artifacts", Severity::error, "文中残留页眉页脚（页码）", i, m + 1);
                    i = m;
                }
            }
        }
    }
}

}  // namespace

std::vector<CriterionSpec> structure_criteria(std::shared_ptr<const CaseTables> t) {
    return {
        {"structure.title", "标题要素", Severity::error,
         "首部（当事人之前）写明法院名称（与法院名录一致）、文书名称（含“民 事 判 决 书”式分字标题）和案号",
         kNorm, false, [t](const Document& d, std::vector<Finding>& out) { check_title(d, out, *t); }},
        {"structure.sections", "正文要素齐全", Severity::error,
         "按文书种类和程序应有的部分齐全：当事人、审理经过、诉讼请求、答辩、查明事实、本院认为、依照……判决如下、主文、尾部告知",
         kNorm, false, &check_sections},
        {"structure.order", "段落顺序", Severity::error, "各部分按规范顺序排列（如“经审理查明”在“本院认为”之前）", kNorm,
         false, &check_order},
        {"structure.signature", "落款", Severity::error, "落款有审判长/审判员/人民陪审员及姓名、日期、书记员及姓名",
         kNorm, false, &check_signature},
        {"structure.costs", "诉讼费用负担", Severity::error,
         "民事、行政判决写明诉讼费用由谁负担、负担多少（或免交、退还）",
         "《诉讼费用交纳办法》第二十九条；《民事诉讼文书样式》（法〔2016〕221号）", false, &check_costs},
        {"structure.artifacts", "排版残留", Severity::error, "文中无HTML标记、转义字符、页码页眉和“此页无正文”等排版残留",
         kNorm, false, &check_artifacts},
    };
}

}  // namespace pingcha::criteria
