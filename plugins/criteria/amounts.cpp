// amount.* (金额): capital numerals agree with the Arabic amount, totals and cost shares add up,
// the court fee follows the tiers of 《诉讼费用交纳办法》 art. 13.
#include <cmath>

#include "criteria.h"

namespace pingcha::criteria {

namespace {

int capital_digit(char32_t c) {
    switch (c) {
        case U'零': return 0;
        case U'壹': return 1;
        case U'贰': return 2;
        case U'叁': return 3;
        case U'肆': return 4;
        case U'伍': return 5;
        case U'陆': return 6;
        case U'柒': return 7;
        case U'捌': return 8;
        case U'玖': return 9;
        default: return -1;
    }
}

// Lower-case numerals that slip into a capital amount (叁万陆千, 元四角): read with it, not as a break.
bool lower_in_capital(char32_t c) {
    return c == U'千' || c == U'百' || c == U'十' || c == U'一' || c == U'二' || c == U'三' || c == U'四' || c == U'五' ||
           c == U'六' || c == U'七' || c == U'八' || c == U'九';
}

int lower_digit(char32_t c) {
    switch (c) {
        case U'一': return 1;
        case U'二': return 2;
        case U'三': return 3;
        case U'四': return 4;
        case U'五': return 5;
        case U'六': return 6;
        case U'七': return 7;
        case U'八': return 8;
        case U'九': return 9;
        default: return -1;
    }
}

bool capital_char(char32_t c) {
    return capital_digit(c) >= 0 || c == U'拾' || c == U'佰' || c == U'仟' || c == U'万' || c == U'亿' || c == U'元' ||
           c == U'圆' || c == U'角' || c == U'分' || c == U'整' || c == U'正';
}

struct Capital {
    double yuan = 0;
    std::size_t start = 0, end = 0;
};

// 壹万贰仟叁佰元伍角 → 12300.5
std::optional<double> parse_capital(u32v s) {
    double total = 0, section = 0, yuan_part = -1;
    int digit = -1;
    bool any = false;
    for (char32_t c : s) {
        if (c == U'千') c = U'仟';
        else if (c == U'百') c = U'佰';
        else if (c == U'十') c = U'拾';
        const int d = capital_digit(c) >= 0 ? capital_digit(c) : lower_digit(c);
        if (d >= 0) {
            digit = d;
            any = true;
            continue;
        }
        switch (c) {
            case U'拾': section += (digit < 0 ? 1 : digit) * 10; digit = -1; break;
            case U'佰': section += std::max(digit, 0) * 100; digit = -1; break;
            case U'仟': section += std::max(digit, 0) * 1000; digit = -1; break;
            case U'万':
                section += std::max(digit, 0);
                total += section * 10000;
                section = 0;
                digit = -1;
                break;
            case U'亿':
                section += std::max(digit, 0);
                total = (total + section) * 100000000;
                section = 0;
                digit = -1;
                break;
            case U'元': case U'圆':
                section += std::max(digit, 0);
                yuan_part = total + section;
                total = section = 0;
                digit = -1;
                break;
            case U'角': total += std::max(digit, 0) * 0.1; digit = -1; break;
            case U'分': total += std::max(digit, 0) * 0.01; digit = -1; break;
            default: break;
        }
    }
    if (!any) return std::nullopt;
    if (yuan_part < 0) return total + section + std::max(digit, 0);
    return yuan_part + total;
}

std::vector<Capital> capitals(u32v v, std::size_t from, std::size_t to) {
    std::vector<Capital> out;
    for (std::size_t i = from; i < to; ++i) {
        if (v[i] < 0x4E00 || !capital_char(v[i]) || capital_digit(v[i]) <= 0) continue;
        if (i > from && capital_char(v[i - 1]) && v[i - 1] != U'元') continue;
        std::size_t j = i;
        int real_digits = 0;
        while (j < to && (capital_char(v[j]) || lower_in_capital(v[j]))) {
            if (capital_digit(v[j]) > 0) ++real_digits;
            ++j;
        }
        // at least one unit so that a lone 伍 (a name) is not an amount
        const u32v s = v.substr(i, j - i);
        const bool has_unit = s.find_first_of(U("拾佰仟万亿元圆")) != u32v::npos;
        if (real_digits >= 1 && has_unit) {
            if (auto val = parse_capital(s)) {
                std::size_t e = j;
                while (e > i && (v[e - 1] == U'整' || v[e - 1] == U'正')) --e;
                out.push_back({*val, i, e});
            }
        }
        i = j;
    }
    return out;
}

// ¥12,000.00 / ￥12000 (no 元)
std::vector<AmountHit> yen_amounts(u32v v, std::size_t from, std::size_t to) {
    std::vector<AmountHit> out;
    for (std::size_t i = from; i + 1 < to; ++i) {
        if (v[i] != U'¥' && v[i] != U'￥') continue;
        std::size_t j = i + 1;
        while (j < to && v[j] == U' ') ++j;
        double whole = 0, frac = 0, scale = 0.1;
        bool in_frac = false, any = false;
        while (j < to) {
            if (is_digit(v[j])) {
                any = true;
                if (in_frac) frac += digit_value(v[j]) * (scale), scale /= 10;
                else whole = whole * 10 + digit_value(v[j]);
            } else if (v[j] == U',' && !in_frac) {
            } else if (v[j] == U'.' && !in_frac) {
                in_frac = true;
            } else {
                break;
            }
            ++j;
        }
        if (any) out.push_back({whole + frac, i, j});
    }
    return out;
}

std::string yuan_text(double y) {
    char buf[64];
    if (std::fabs(y - std::round(y)) < 0.005) std::snprintf(buf, sizeof buf, "%.0f", y);
    else std::snprintf(buf, sizeof buf, "%.2f", y);
    return buf;
}

// ---- amount.capital
void check_capital(const Document& doc, std::vector<Finding>& out) {
    const u32v v = doc.view;
    const Layout& L = cached_layout(doc);
    for (const auto& c : capitals(v, 0, L.body_end)) {
        const Region sent = sentence_at(v, c.start, 0, L.body_end);
        const std::size_t lo = std::max(sent.start, c.start >= 30 ? c.start - 30 : 0);
        const std::size_t hi = std::min(sent.end, c.end + 30);
        auto near = arabic_amounts(v, lo, hi);
        for (const auto& y : yen_amounts(v, lo, hi)) near.push_back(y);
        const AmountHit* best = nullptr;
        std::size_t best_dist = u32::npos;
        for (const auto& a : near) {
            const std::size_t dist = a.end <= c.start ? c.start - a.end : a.start >= c.end ? a.start - c.end : 0;
            if (dist < best_dist) {
                best_dist = dist;
                best = &a;
            }
        }
        if (!best || best_dist > 12) continue;
        // the two forms stand side by side: only brackets and labels (大写、小写、人民币) between them
        const std::size_t gs = best->end <= c.start ? best->end : c.end;
        const std::size_t ge = best->end <= c.start ? c.start : best->start;
        bool adjacent = true;
        for (std::size_t k = gs; k < ge; ++k) {
            static const u32 ok = U("（）()：:大写小写人民币¥￥即 　整");
            if (ok.find(v[k]) == u32::npos) adjacent = false;
        }
        if (!adjacent) continue;
        if (std::fabs(best->yuan - c.yuan) > 0.005)
            emit(out, "amount.capital", Severity::error,
                 "大写金额（" + yuan_text(c.yuan) + "元）与阿拉伯数字金额（" + yuan_text(best->yuan) + "元）不一致", c.start,
                 c.end);
    }
}

bool sentence_has_any(u32v s, std::initializer_list<const char*> words) {
    for (const char* w : words)
        if (s.find(U(w)) != u32v::npos) return true;
    return false;
}

// ---- amount.sum
void check_sum(const Document& doc, std::vector<Finding>& out) {
    const u32v v = doc.view;
    const Layout& L = cached_layout(doc);
    const auto amounts = arabic_amounts(v, 0, L.body_end);
    // totals: 合计/共计/总计 X元 after two or more listed amounts in the same sentence
    for (const char* kw : {"合计", "共计", "总计"}) {
        for (std::size_t p : find_all(v, U(kw), 0, L.body_end)) {
            const Region sent = sentence_at(v, p, 0, L.body_end);
            const u32v s = v.substr(sent.start, sent.end - sent.start);
            if (sentence_has_any(s, {"扣除", "减去", "已支付", "已付", "已给付", "已偿还", "已归还", "尚欠", "剩余", "下欠",
                                     "余款", "基数", "其中", "每月", "每日", "每年", "/月", "标准", "减半", "已还", "尚余",
                                     "折合", "以上", "利息", "倍", "%", "％", "单价", "×", "＊", "*", "／", "/", "每套",
                                     "每平方", "每天", "每人", "每亩", "Ｘ", "亩", "价值"}))
                continue;
            const AmountHit* total = nullptr;
            std::vector<const AmountHit*> before;
            for (const auto& a : amounts) {
                if (a.start < sent.start || a.start >= sent.end) continue;
                if (a.start < p) before.push_back(&a);
                else if (!total && a.start - (p + 2) <= 4) total = &a;
            }
            // the listed items: walking back from the keyword while the gaps are list-sized and no
            // earlier total intervenes
            std::vector<const AmountHit*> parts;
            std::size_t edge = p;
            for (auto it = before.rbegin(); it != before.rend(); ++it) {
                if (edge - (*it)->end > 30) break;
                const u32v gap = v.substr((*it)->end, edge - (*it)->end);
                if (gap.find(U("合计")) != u32v::npos || gap.find(U("共计")) != u32v::npos || gap.find(U("总计")) != u32v::npos)
                    break;
                // a colon opens the list (…4847.5万元，具体为：500万元、260万元…): what stands before it is
                // the heading, not an item
                if (gap.find(U'：') != u32v::npos || gap.find(U':') != u32v::npos) break;
                // an earlier total (合计47392元，…，合计41392元) closes the list
                const std::size_t a = (*it)->start;
                const u32v lead = v.substr(a >= 4 ? a - 4 : 0, a >= 4 ? 4 : a);
                if (lead.find(U("合计")) != u32v::npos || lead.find(U("共计")) != u32v::npos || lead.find(U("总计")) != u32v::npos)
                    break;
                parts.push_back(*it);
                edge = (*it)->start;
            }
            if (!total || parts.size() < 2) continue;
            // a party's own figures (诉称, 申请再审称, 辩称) are the party's arithmetic, not the court's
            const bool party_words = std::any_of(doc.sections.begin(), doc.sections.end(), [&](const Section& sec) {
                return (sec.kind == "claims" || sec.kind == "defence") && total->start >= sec.start && total->start < sec.end;
            });
            if (party_words) continue;
            // the listed items run straight to the keyword: no other figures in between
            double sum = 0;
            for (const auto* a : parts) sum += a->yuan;
            // fewer than three items under the total may be the rest of an earlier list: only an
            // overcount is then certain
            const bool certain = sum > total->yuan || parts.size() >= 3;
            if (certain && std::fabs(sum - total->yuan) > 0.01)
                emit(out, "amount.sum", Severity::error,
                     "所列各项金额之和为" + yuan_text(sum) + "元，与" + kw + "金额" + yuan_text(total->yuan) + "元不一致",
                     total->start, total->end);
        }
    }
    // cost shares: 案件受理费X元，减半收取Y元，由原告负担A元，被告负担B元
    for (std::size_t p : find_all(v, U("受理费"), 0, L.body_end)) {
        const Region sent = sentence_at(v, p, 0, L.body_end);
        if (p > sent.start + 12) continue;  // the costs sentence starts with the fee
        std::vector<const AmountHit*> in;
        for (const auto& a : amounts)
            if (a.start >= p && a.start < sent.end) in.push_back(&a);
        if (in.empty() || in[0]->start - p > 6) continue;
        const AmountHit* fee = in[0];
        double total = fee->yuan;
        std::size_t k = 1;
        const std::size_t half = find(v, U("减半收取"), p, sent.end);
        if (half != u32::npos && k < in.size() && in[k]->start > half && in[k]->start - half <= 8) {
            if (std::fabs(in[k]->yuan - fee->yuan / 2) > 1.0)
                emit(out, "amount.sum", Severity::error,
                     "受理费" + yuan_text(fee->yuan) + "元减半应为" + yuan_text(fee->yuan / 2) + "元，此处为" +
                         yuan_text(in[k]->yuan) + "元",
                     in[k]->start, in[k]->end);
            total = in[k]->yuan;
            ++k;
        }
        // shares: each amount directly after 负担/承担
        std::vector<const AmountHit*> shares;
        bool other = false;
        for (; k < in.size(); ++k) {
            const std::size_t a = in[k]->start;
            const u32v before = v.substr(a >= 4 ? a - 4 : 0, a >= 4 ? 4 : a);
            if (before.find(U("负担")) != u32v::npos || before.find(U("承担")) != u32v::npos) shares.push_back(in[k]);
            else other = true;
        }
        if (other || shares.size() < 2) continue;
        const u32v s = v.substr(p, sent.end - p);
        if (s.find(U("各负担")) != u32v::npos || s.find(U("各承担")) != u32v::npos) continue;  // per head
        std::size_t bearers = find_all(s, U("负担")).size() + find_all(s, U("承担")).size();
        if (bearers != shares.size()) continue;
        double sum = 0;
        for (const auto* a : shares) sum += a->yuan;
        if (std::fabs(sum - total) > 1.0)
            emit(out, "amount.sum", Severity::error,
                 "各方负担的诉讼费用之和为" + yuan_text(sum) + "元，与应收" + yuan_text(total) + "元不一致", shares.front()->start,
                 shares.back()->end);
    }
}

// ---- amount.court-fee
void check_court_fee(const Document& doc, std::vector<Finding>& out, const Tables& t) {
    const u32v v = doc.view;
    const Layout& L = cached_layout(doc);
    if (L.domain != 'm' || L.is_ruling || L.claims.empty() || L.type_code.find("终") != std::string::npos) return;
    const u32v claims = v.substr(L.claims.start, L.claims.end - L.claims.start);
    // non-property, divorce and labour cases have fixed fees
    for (const char* w : {"离婚", "抚养", "赡养", "劳动", "名誉", "人格", "确认", "排除妨害", "恢复原状", "停止侵害"})
        if (claims.find(U(w)) != u32v::npos || L.kind_text.find(w) != std::string::npos) return;
    const auto claimed = arabic_amounts(v, L.claims.start, L.claims.end);
    if (claimed.empty()) return;
    // the first-instance fee, not the appeal fee of the notice (预交上诉案件受理费)
    std::size_t p = u32::npos;
    for (std::size_t q : find_all(v, U("受理费"), L.reasoning.empty() ? 0 : L.reasoning.start, L.body_end)) {
        const u32v lead = v.substr(q >= 6 ? q - 6 : 0, q >= 6 ? 6 : q);
        if (lead.find(U("上诉")) == u32v::npos) {
            p = q;
            break;
        }
    }
    if (p == u32::npos) return;
    const auto fees = arabic_amounts(v, p, std::min(L.body_end, p + 12));
    if (fees.empty()) return;
    const AmountHit& fee = fees.front();
    const Region sent = sentence_at(v, p, 0, L.body_end);
    // 受理费X元，减半收取Y元: X is the full fee; 受理费X元（已减半） or 减半收取X元: X is the half
    // (summary-procedure fees are often stated already halved without a word: the full fee is
    // certain only when 减半收取Y元 follows it)
    const std::size_t half_at = find(v, U("减半"), sent.start, sent.end);
    const bool full_stated = half_at != u32::npos && half_at > fee.end && starts_with_at(v, half_at, U("减半收取")) &&
                             !arabic_amounts(v, half_at, std::min(sent.end, half_at + 10)).empty();
    const bool halved = !full_stated;
    const double charged = fee.yuan;
    double sum = 0, largest = 0;
    std::vector<double> candidates;
    for (const auto& a : claimed) {
        sum += a.yuan;
        largest = std::max(largest, a.yuan);
        candidates.push_back(a.yuan);
    }
    candidates.push_back(sum);
    // 2%: a claim amended or rounded at filing moves the fee a little
    auto close = [](double a, double b) { return std::fabs(a - b) <= std::max(1.0, 0.02 * b); };
    for (double c : candidates) {
        const double f = t.court_fee(c);
        if (close(charged, f) || close(charged, std::round(f)) || (halved && close(charged * 2, f))) return;
    }
    // interest claimed to the filing date can only raise the fee: only a fee below the largest
    // claimed amount's tier, or above the tier of everything claimed when nothing accrues, is wrong
    const bool accrues = sentence_has_any(claims, {"利息", "违约金", "逾期", "滞纳金", "至实际", "至付清", "至还清", "计算至"});
    const double low = t.court_fee(largest), high = t.court_fee(sum);
    if (charged + 1 < 0.98 * low / (halved ? 2 : 1))
        emit(out, "amount.court-fee", Severity::warning,
             "诉讼请求金额" + yuan_text(largest) + "元按《诉讼费用交纳办法》第十三条应收受理费" + yuan_text(low) + "元，此处为" +
                 yuan_text(charged) + "元",
             fee.start, fee.end);
    else if (!accrues && charged > high + 1 && !close(charged, high))
        emit(out, "amount.court-fee", Severity::warning,
             "诉讼请求金额合计" + yuan_text(sum) + "元按《诉讼费用交纳办法》第十三条应收受理费" + yuan_text(high) + "元，此处为" +
                 yuan_text(charged) + "元",
             fee.start, fee.end);
}

}  // namespace

std::vector<CriterionSpec> amount_criteria(std::shared_ptr<const Tables> t) {
    std::vector<CriterionSpec> out(3);
    out[0] = {"amount.capital", "大写金额", Severity::error, "大写金额与其旁的阿拉伯数字金额一致",
              "《人民法院民事裁判文书制作规范》（法〔2016〕221号）数字用法；GB/T 15835-2011", false, &check_capital};
    out[1] = {"amount.sum", "金额合计", Severity::error, "合计金额等于各项之和；诉讼费用负担之和等于应收金额；减半收取为一半",
              "《诉讼费用交纳办法》第十五条、第十六条；《民事诉讼文书样式》（法〔2016〕221号）", false, &check_sum};
    out[2] = {"amount.court-fee", "受理费", Severity::warning, "案件受理费符合《诉讼费用交纳办法》第十三条的分段累计标准",
              "《诉讼费用交纳办法》第十三条", false,
              [t](const Document& d, std::vector<Finding>& f) { check_court_fee(d, f, *t); }};
    return out;
}

}  // namespace pingcha::criteria
