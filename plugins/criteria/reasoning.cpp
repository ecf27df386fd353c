// reasoning.* (soft, 说理): length of the reasoning against facts and claims, disputed issues named
// and answered, reasons for admitting or rejecting evidence. They feed the reasoning sub-score.
// Source: 《关于加强和规范裁判文书释法说理的指导意见》（法发〔2018〕10号）.
#include "criteria.h"

namespace pingcha::criteria {

namespace {

const char* kSource = "《关于加强和规范裁判文书释法说理的指导意见》（法发〔2018〕10号）";

std::size_t han_count(u32v v, Region r) {
    std::size_t n = 0;
    for (std::size_t i = r.start; i < std::min(r.end, v.size()); ++i)
        if (is_han(v[i])) ++n;
    return n;
}

bool has_any(u32v s, std::initializer_list<const char*> words) {
    for (const char* w : words)
        if (s.find(U(w)) != u32v::npos) return true;
    return false;
}

// ---- reasoning.length
void check_length(const Document& doc, std::vector<Finding>& out) {
    const u32v v = doc.view;
    const Layout& L = cached_layout(doc);
    if (L.reasoning.empty()) return;
    // the basis sentence (依照《…》…之规定) is citation, not reasoning
    Region own = L.reasoning;
    const u32v reasons_text = v.substr(L.reasoning.start, L.reasoning.end - L.reasoning.start);
    for (const char* w : {"依照", "根据《", "依据《"}) {
        const std::size_t basis = reasons_text.rfind(U(w));
        if (basis != u32v::npos && basis > 0 && L.reasoning.start + basis < own.end) own.end = L.reasoning.start + basis;
    }
    const std::size_t reasons = han_count(v, own);
    const std::size_t facts = han_count(v, L.facts);
    const std::size_t claims = han_count(v, L.claims);
    const std::size_t at = L.reasoning.start, e = std::min(L.reasoning.end, at + 4);
    // Only the absolute floor: proportions to the facts and claims misjudge judgments that answer the
    // grounds before 本院认为 or recite long lower-court findings (the annotated set: 0 of 27 right).
    (void)facts;
    (void)claims;
    if (reasons < 60)
        emit(out, "reasoning.length", Severity::info, "说理部分仅" + std::to_string(reasons) + "字，说理过简", at, e);
}

// ---- reasoning.issues
void check_issues(const Document& doc, std::vector<Finding>& out) {
    const u32v v = doc.view;
    const Layout& L = cached_layout(doc);
    if (L.reasoning.empty()) return;
    const u32v before = v.substr(L.head.end, L.reasoning.start - std::min(L.head.end, L.reasoning.start));
    const u32v reasons = v.substr(L.reasoning.start, L.reasoning.end - L.reasoning.start);
    const std::size_t at = L.reasoning.start, e = std::min(L.reasoning.end, at + 4);
    if (L.domain == 'x') {
        // a defence was put (a counsel's submission, not a plea of guilty): the reasoning, or the answers to
        // the grounds just before it (经查，…不予采纳), respond to it; mitigation answered counts as a response
        const std::size_t put = std::min(before.find(U("辩护人提出")), before.find(U("辩护意见")));
        if (put == u32v::npos) return;
        const u32v answer = v.substr(L.head.end + put, L.reasoning.end - std::min(L.reasoning.end, L.head.end + put));
        if (!has_any(answer, {"辩护", "辩解", "意见", "经查", "采纳", "不能成立", "不予支持", "予以支持", "自首", "坦白",
                              "从轻", "减轻", "酌情", "认罪"}))
            emit(out, "reasoning.issues", Severity::info, "被告人的辩解或辩护意见未在说理中回应", at, e);
        return;
    }
    const bool contested = has_any(before, {"辩称", "答辩称", "抗辩"}) && !has_any(before, {"未到庭", "未答辩", "未作答辩", "未提交答辩"});
    if (!contested) return;
    if (has_any(reasons, {"争议焦点", "焦点", "争议的", "争执", "辩称", "抗辩", "主张", "辩解", "异议", "答辩"})) return;
    emit(out, "reasoning.issues", Severity::info, "被告有答辩，说理部分未归纳争议焦点或回应答辩意见", at, e);
}

// ---- reasoning.evidence
void check_evidence(const Document& doc, std::vector<Finding>& out) {
    const u32v v = doc.view;
    const Layout& L = cached_layout(doc);
    const std::size_t to = L.reasoning.empty() ? L.body_end : L.reasoning.end;
    const u32v body = v.substr(L.head.end, to - std::min(L.head.end, to));
    if (!has_any(body, {"证据", "证言", "笔录", "鉴定", "陈述"})) return;
    if (has_any(body, {"予以确认", "予以采信", "不予采信", "采信", "予以认定", "足以认定", "本院认定", "证明力", "真实性",
                       "认证如下", "予以证实", "证据证实", "可以认定", "予以确定", "证实", "能够作为", "可以作为",
                       "作为定案"}))
        return;
    // evidence nobody contests (被告人对指控的事实和证据无异议, 认罪认罚, 供认不讳) may be listed without
    // weighing it (法发〔2018〕10号 第八条: 简化说理)
    if (has_any(body, {"无异议", "没有异议", "未提出异议", "认罪认罚", "供认不讳", "当庭认罪", "均无异议"})) return;
    const std::size_t at = L.reasoning.empty() ? L.facts.start : L.reasoning.start;
    emit(out, "reasoning.evidence", Severity::info, "列举了证据，但未说明采信与否的理由", at, std::min(at + 4, v.size()));
}

}  // namespace

std::vector<CriterionSpec> reasoning_criteria() {
    std::vector<CriterionSpec> out(3);
    out[0] = {"reasoning.length", "说理充分", Severity::info, "说理部分的篇幅与事实、诉请相称", kSource, true, &check_length};
    out[1] = {"reasoning.issues", "争议焦点", Severity::info, "有答辩或辩护意见时归纳争议焦点并逐一回应", kSource, true,
              &check_issues};
    out[2] = {"reasoning.evidence", "证据说理", Severity::info, "对证据说明采信或不予采信的理由", kSource, true,
              &check_evidence};
    // Rulings are short by form (法发〔2018〕10号 第八条: 繁简分流); weighing evidence is a first-instance task.
    for (auto& c : out) c.applies.kinds = {"判决书"};
    out[0].applies.procedures = {"普通"};  // 简易, 速裁 and 小额 judgments may be brief (法发〔2018〕10号 第八条)
    out[2].applies.procedures = {"普通"};  // the summary procedures (简易, 速裁) admit uncontested evidence in a line
    return out;
}

}  // namespace pingcha::criteria
