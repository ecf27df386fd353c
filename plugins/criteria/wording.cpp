// wording.* (规范用语): improper terms from a data file; a bare "没有事实和法律依据，本院不予支持".
// Sources: 法〔2016〕221号 (规范用语、称谓); 法发〔2018〕10号 (释法说理).
#include "criteria.h"

namespace pingcha::criteria {

namespace {

// ---- wording.terms
void check_terms(const Document& doc, std::vector<Finding>& out, const Tables& t, const Matcher& m) {
    const u32v v = doc.view;
    const Layout& L = cached_layout(doc);
    m.scan(v, 0, L.body_end, [&](std::size_t k, std::size_t p) {
        const Term& term = t.terms[k];
        const std::size_t e = p + term.wrong.size();
        if (!term.not_followed_by.empty() && e < v.size() && term.not_followed_by.find(v[e]) != u32::npos) return;
        if (p > 0 && !term.not_preceded_by.empty() && term.not_preceded_by.find(v[p - 1]) != u32::npos) return;
        if (!term.domains.empty() && term.domains.find(L.domain) == std::string::npos) return;
        if (term.since) {
            // without a signature date, the latest date in the body stands in for it
            std::optional<Date> when = L.decided;
            if (!when)
                for (const auto& d : arabic_dates(v, 0, L.body_end))
                    if (d.date.valid() && (!when || *when < d.date)) when = d.date;
            // no date at all (二〇一五年二月××日, a masked signature date; no dated body): the norm applies
            // only when the structure stage's lower bound is on or after its date
            if (!when && !doc.facts.decided_not_before.empty()) {
                const auto bound = parse_iso(doc.facts.decided_not_before);
                if (!bound || *bound < *term.since) return;
            } else if (!when) {
                return;
            }
            if (when && *when < *term.since) return;
        }
        emit(out, "wording.terms", Severity::error,
             "用语不规范：“" + S(term.wrong) + "”应为“" + S(term.right) + "”（" + term.note + "）", p, e);
    });
}

// ---- wording.bare-rejection
void check_bare(const Document& doc, std::vector<Finding>& out) {
    const u32v v = doc.view;
    const Layout& L = cached_layout(doc);
    static const std::vector<u32> phrases = {
        U("没有事实和法律依据"), U("没有事实及法律依据"), U("没有事实与法律依据"), U("无事实和法律依据"),
        U("缺乏事实和法律依据"), U("缺乏事实及法律依据"), U("没有法律依据"), U("无法律依据"), U("缺乏法律依据"),
        U("于法无据"), U("没有事实依据"), U("缺乏事实依据"), U("无事实依据")};
    static const std::vector<u32> reasons = {
        U("因"), U("由于"), U("鉴于"), U("根据"), U("依照"), U("依据《"), U("按照"), U("故"), U("因此"), U("所以"), U("未"),
        U("不能"), U("无法"), U("证据"), U("约定"), U("规定"), U("既然"), U("且"), U("但"), U("虽"), U("亦"), U("并非"),
        U("不属于"), U("不符合"), U("不存在"), U("超出"), U("超过"), U("已"), U("综上")};
    const std::size_t from = L.reasoning.empty() ? 0 : L.reasoning.start;
    const std::size_t to = L.reasoning.empty() ? L.body_end : L.reasoning.end;
    std::size_t last = u32::npos;
    for (const auto& ph : phrases) {
        for (std::size_t p : find_all(v, ph, from, to)) {
            if (last != u32::npos && p < last) continue;
            const std::size_t e = p + ph.size();
            const u32v tail = v.substr(e, std::min<std::size_t>(10, v.size() - e));
            if (tail.find(U("不予支持")) == u32v::npos && tail.find(U("不予采纳")) == u32v::npos &&
                tail.find(U("不予采信")) == u32v::npos)
                continue;
            // the clause before the phrase, back to the last sentence end
            std::size_t s = p;
            while (s > from && v[s - 1] != U'。' && v[s - 1] != U'；' && v[s - 1] != U'：') --s;
            const u32v clause = v.substr(s, p - s);
            bool reasoned = false;
            for (const auto& r : reasons)
                if (clause.find(r) != u32v::npos) reasoned = true;
            if (reasoned) continue;
            // a closing sentence after the grounds were weighed (…上诉理由缺乏事实和法律依据，本院不予支持) is not bare
            std::size_t weighed = 0;
            for (std::size_t k = from; k < s; ++k) weighed += is_han(v[k]);
            if (weighed >= 150) continue;
            std::size_t end = e;
            while (end < v.size() && end - e < 10 && v[end] != U'。' && v[end] != U'；') ++end;
            emit(out, "wording.bare-rejection", Severity::warning,
                 "仅以“" + S(ph) + "”驳回，未说明不予支持的具体理由", s, end);
            last = end;
        }
    }
}

}  // namespace

std::vector<CriterionSpec> wording_criteria(std::shared_ptr<const Tables> t) {
    auto m = std::make_shared<Matcher>();
    for (const auto& term : t->terms) m->add(term.wrong);
    std::vector<CriterionSpec> out(2);
    out[0] = {"wording.terms", "规范用语", Severity::error,
              "法院自称“本院”，2016年样式称“委托诉讼代理人”，不用俗语、方言和贬损性称谓",
              "《人民法院民事裁判文书制作规范》（法〔2016〕221号）规范用语", false,
              [t, m](const Document& d, std::vector<Finding>& f) { check_terms(d, f, *t, *m); }};
    out[1] = {"wording.bare-rejection", "说理缺失", Severity::warning,
              "“没有事实和法律依据，本院不予支持”前应有具体理由",
              "《关于加强和规范裁判文书释法说理的指导意见》（法发〔2018〕10号）", false, &check_bare};
    return out;
}

}  // namespace pingcha::criteria
