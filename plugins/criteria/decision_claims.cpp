// decision.claims (回应诉请): each numbered claim is granted, dismissed, or covered by 驳回其他诉讼请求.
// Source: 《民事诉讼文书样式》（法〔2016〕221号）判决主文; 民事诉讼法 (裁判应针对诉讼请求).
#include "chinese_numerals.h"
#include "criteria.h"

namespace pingcha::criteria {

namespace {

struct Item {
    std::size_t start, end;
};

// Numbered items 1. 2. / 1、 / （1） / 一、 二、 in v[from, to), counted while they run 1, 2, 3 …
std::vector<Item> numbered_items(u32v v, std::size_t from, std::size_t to) {
    std::vector<std::size_t> starts;
    int expect = 1;
    for (std::size_t i = from; i < to; ++i) {
        int n = -1;
        std::size_t len = 0;
        if (is_digit(v[i]) && (i == from || !is_digit(v[i - 1])) && i + 1 < to &&
            (v[i + 1] == U'.' || v[i + 1] == U'．' || v[i + 1] == U'、')) {
            if (i + 2 < to && is_digit(v[i + 2])) continue;  // 1.5 is a number
            n = digit_value(v[i]);
            len = 2;
        } else if ((v[i] == U'（' || v[i] == U'(') && i + 2 < to && (v[i + 2] == U'）' || v[i + 2] == U')')) {
            n = is_digit(v[i + 1]) ? digit_value(v[i + 1]) : chinese_digit(v[i + 1]);
            len = 3;
        } else if (chinese_digit(v[i]) > 0 && i + 1 < to && v[i + 1] == U'、' && (i == from || !is_han(v[i - 1]))) {
            n = chinese_digit(v[i]);
            len = 2;
        }
        if (n == expect) {
            starts.push_back(i);
            ++expect;
            i += len - 1;
        }
    }
    std::vector<Item> items;
    for (std::size_t k = 0; k < starts.size(); ++k) {
        // an item runs to the next one, and the last one to its line or sentence end (the costs follow)
        std::size_t e = k + 1 < starts.size() ? starts[k + 1] : to;
        if (k + 1 == starts.size())
            for (std::size_t q = starts[k]; q < e; ++q)
                if (v[q] == U'\n' || v[q] == U'。') {
                    e = q + 1;
                    break;
                }
        items.push_back({starts[k], e});
    }
    return items;
}

void check(const Document& doc, std::vector<Finding>& out) {
    const u32v v = doc.view;
    const Layout& L = cached_layout(doc);
    if (L.domain != 'm' || L.is_ruling || L.claims.empty() || L.decision.empty()) return;
    if (L.type_code.find("终") != std::string::npos) return;  // appeals answer the appeal, not the claims
    const auto claims = numbered_items(v, L.claims.start, L.claims.end);
    // claims other than costs, and whether the decision names each (its amount or its subject)
    static const std::vector<u32> subjects = {U("违约金"), U("利息"), U("货款"), U("借款"), U("租金"), U("工资"),
                                              U("赔偿"), U("损失"), U("返还"), U("离婚"), U("抚养"), U("解除"),
                                              U("确认"), U("过户"), U("交付"), U("腾退"), U("迁出"), U("排除"),
                                              U("停止"), U("恢复"), U("赔礼"), U("撤销"), U("分割"), U("继承")};
    const u32v dec_text = v.substr(L.decision.start, L.decision.end - L.decision.start);
    std::size_t n = 0, unanswered = 0;
    for (const auto& c : claims) {
        const u32v s = v.substr(c.start, c.end - c.start);
        if (s.find(U("诉讼费")) != u32v::npos || s.find(U("受理费")) != u32v::npos || s.find(U("费用由")) != u32v::npos)
            continue;
        ++n;
        bool named = false;
        for (const auto& a : arabic_amounts(v, c.start, c.end))
            if (dec_text.find(v.substr(a.start, a.end - a.start)) != u32v::npos) named = true;
        for (const auto& w : subjects)
            if (s.find(w) != u32v::npos && dec_text.find(w) != u32v::npos) named = true;
        if (!named) ++unanswered;
    }
    if (unanswered == 0) return;
    if (n < 2) return;
    const u32v dec = v.substr(L.decision.start, L.decision.end - L.decision.start);
    if (dec.find(U("驳回")) != u32v::npos || dec.find(U("准许")) != u32v::npos) return;
    std::size_t m = 0;
    for (const auto& it : numbered_items(v, L.decision.start, L.decision.end)) {
        const u32v s = v.substr(it.start, it.end - it.start);
        if (s.find(U("受理费")) == u32v::npos && s.find(U("诉讼费")) == u32v::npos) ++m;
    }
    if (m == 0) m = 1;
    if (m >= n) return;
    emit(out, "decision.claims", Severity::warning,
         "原告提出" + std::to_string(n) + "项诉讼请求，判决主文仅" + std::to_string(m) + "项且未“驳回其他诉讼请求”",
         L.decision.start, std::min(L.decision.end, L.decision.start + 12));
}

}  // namespace

CriterionSpec decision_claims() {
    return {"decision.claims", "回应诉请", Severity::warning,
            "每项诉讼请求均在判决主文中支持或驳回，或以“驳回原告其他诉讼请求”兜底",
            "《民事诉讼文书样式》（法〔2016〕221号）判决主文；《人民法院民事裁判文书制作规范》", false, &check};
}

}  // namespace pingcha::criteria
