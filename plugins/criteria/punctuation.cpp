// punctuation (标点): full-width punctuation in Chinese text, balanced 《》“”（）, no doubled marks,
// 判决如下 with a full-width colon. Source: GB/T 15834-2011; 法〔2016〕221号 标点符号用法.
#include "chinese_numerals.h"
#include "criteria.h"

namespace pingcha::criteria {

namespace {

constexpr std::size_t kMaxHalfWidth = 10;  // one document written in half-width marks needs no 200 findings

const char* full_width_of(char32_t c) {
    switch (c) {
        case U',': return "，";
        case U';': return "；";
        case U':': return "：";
        case U'?': return "？";
        case U'!': return "！";
        case U'(': return "（";
        case U')': return "）";
        default: return nullptr;
    }
}

bool sentence_mark(char32_t c) {
    return c == U'，' || c == U'。' || c == U'；' || c == U'：' || c == U'、' || c == U'！' || c == U'？';
}

void check(const Document& doc, std::vector<Finding>& out) {
    const u32v v = doc.view;
    const Layout& L = cached_layout(doc);
    const std::size_t end = L.body_end;
    std::size_t half = 0;
    std::vector<std::size_t> parens, quotes;
    const bool uses_angle_titles = v.substr(0, end).find(U'〈') != u32v::npos;
    for (std::size_t i = 0; i < end; ++i) {
        const char32_t c = v[i];
        // half-width marks next to Chinese text
        if (const char* fw = full_width_of(c); fw && half < kMaxHalfWidth) {
            const char32_t prev = i > 0 ? v[i - 1] : U' ';
            const char32_t next = i + 1 < end ? v[i + 1] : U' ';
            bool bad;
            if (c == U'(') bad = is_han(next);
            else if (c == U')') bad = is_han(prev);
            else bad = (is_han(prev) || is_han(next)) && !(is_digit(prev) && is_digit(next));
            if (bad) {
                ++half;
                emit(out, "punctuation", Severity::error,
                     std::string("中文文本中应使用全角标点“") + fw + "”，此处为半角“" + S(v.substr(i, 1)) + "”", i, i + 1);
            }
        }
        // doubled marks: ，。 。。 ，，; not the ； that ends an HTML entity an export left behind
        // (&rdquo；。 is a closing quote and a full stop)
        const bool entity_tail = [&] {
            std::size_t k = i;
            while (k > 0 && i - k < 8 && ((v[k - 1] >= U'a' && v[k - 1] <= U'z') || (v[k - 1] >= U'A' && v[k - 1] <= U'Z'))) --k;
            return k < i && k > 0 && v[k - 1] == U'&';
        }();
        if (sentence_mark(c) && !entity_tail && i + 1 < end && sentence_mark(v[i + 1]) &&
            !((c == U'？' && v[i + 1] == U'！') || (c == U'！' && v[i + 1] == U'？'))) {
            emit(out, "punctuation", Severity::error, "标点重复或连用：“" + S(v.substr(i, 2)) + "”", i, i + 2);
            ++i;
            continue;
        }
        // 《》: a title closes before the next title or sentence end
        if (c == U'《') {
            bool closed = false;
            std::size_t q = i + 1;
            for (; q < end && q - i < 90; ++q) {
                if (v[q] == U'》') {
                    closed = true;
                    break;
                }
                if (v[q] == U'《' || v[q] == U'。' || v[q] == U'\n') break;
            }
            if (!closed) emit(out, "punctuation", Severity::error, "书名号“《”未闭合", i, i + 1);
            // a title inside a title takes 〈〉, not the look-alike ﹤﹥ ＜＞ <> (GB/T 15834-2011 4.15). Whole
            // published collections show ﹤﹥ throughout (a conversion of the publishing platform): only a
            // copy that writes 〈〉 elsewhere is held to it.
            // Only in this court's own reasoning and decision: a lower court's recited basis and the
            // parties' grounds keep the marks they were written with.
            const bool own = L.reasoning.contains(i) || L.decision.contains(i);
            for (std::size_t k = i + 1; closed && uses_angle_titles && own && k < q; ++k)
                if (v[k] == U'﹤' || v[k] == U'＜' || v[k] == U'<') {
                    std::size_t close = k + 1;
                    while (close < q && v[close] != U'﹥' && v[close] != U'＞' && v[close] != U'>') ++close;
                    if (close < q)
                        emit(out, "punctuation", Severity::error, "书名号内的书名应使用单书名号“〈〉”，此处为“" +
                             S(v.substr(k, 1)) + S(v.substr(close, 1)) + "”", k, close + 1);
                    break;
                }
        } else if (c == U'》') {
            bool opened = false;
            for (std::size_t q = i; q > 0 && i - q < 90; --q) {
                if (v[q - 1] == U'《') {
                    opened = true;
                    break;
                }
                if (v[q - 1] == U'》' || v[q - 1] == U'。' || v[q - 1] == U'\n') break;
            }
            if (!opened) emit(out, "punctuation", Severity::error, "书名号“》”缺少对应的“《”", i, i + 1);
        } else if (c == U'（' || c == U'(') {
            parens.push_back(i);
        } else if (c == U'）' || c == U')') {
            if (parens.empty()) {
                // 1) numbered items are a legitimate lone closing bracket
                const bool numbered = i > 0 && (is_digit(v[i - 1]) || chinese_digit(v[i - 1]) >= 0);
                if (!numbered) emit(out, "punctuation", Severity::error, "括号“）”缺少对应的“（”", i, i + 1);
            } else {
                parens.pop_back();
            }
        } else if (c == U'“') {
            quotes.push_back(i);
        } else if (c == U'”') {
            if (quotes.empty()) emit(out, "punctuation", Severity::error, "引号“””缺少对应的“““", i, i + 1);
            else quotes.pop_back();
        }
    }
    for (std::size_t p : parens) emit(out, "punctuation", Severity::error, "括号“（”未闭合", p, p + 1);
    // “…“ with nothing closed between: the second mark is the closing one written the wrong way round
    for (std::size_t k = 0; k < quotes.size(); ++k) {
        if (k + 1 < quotes.size() && quotes[k + 1] - quotes[k] < 80) {
            emit(out, "punctuation", Severity::error, "引号方向有误：此处应为右引号“””", quotes[k + 1], quotes[k + 1] + 1);
            ++k;
            continue;
        }
        emit(out, "punctuation", Severity::error, "引号“““未闭合", quotes[k], quotes[k] + 1);
    }
    // 判决如下： with a full-width colon
    for (const char* m : {"判决如下", "裁定如下"}) {
        for (std::size_t p : find_all(v, U(m), 0, end)) {
            const std::size_t e = p + 4;
            if (e < v.size() && v[e] == U'：') continue;
            emit(out, "punctuation", Severity::error, std::string("“") + m + "”后应使用全角冒号“：”", p,
                 std::min(e + 1, v.size()));
        }
    }
}

}  // namespace

CriterionSpec punctuation() {
    return {"punctuation", "标点", Severity::error,
            "中文使用全角标点；《》“”（）成对；不连用“，。”“。。”；“判决如下：”用全角冒号",
            "GB/T 15834-2011《标点符号用法》；《人民法院民事裁判文书制作规范》（法〔2016〕221号）", false, &check};
}

}  // namespace pingcha::criteria
