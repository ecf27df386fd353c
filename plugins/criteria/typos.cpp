// typo.* (错别字): known legal confusions from typo-pairs.tsv; accidentally doubled characters and words.
// Source: 《人民法院民事裁判文书制作规范》（法〔2016〕221号）文字规范; GB/T 15834/15835; ECSpell law.test.
#include "criteria.h"

namespace pingcha::criteria {

namespace {

// ---- typo.lexicon
void check_lexicon(const Document& doc, std::vector<Finding>& out, const Tables& t, const Matcher& m) {
    const u32v v = doc.view;
    const Layout& L = cached_layout(doc);
    m.scan(v, 0, L.body_end, [&](std::size_t k, std::size_t p) {
        const TypoPair& tp = t.typos[k];
        if (p > 0 && !tp.not_preceded_by.empty() && tp.not_preceded_by.find(v[p - 1]) != u32::npos) return;
        const std::size_t e = p + tp.wrong.size();
        if (e < v.size() && !tp.not_followed_by.empty() && tp.not_followed_by.find(v[e]) != u32::npos) return;
        emit(out, "typo.lexicon", Severity::error, "疑似错别字：“" + S(tp.wrong) + "”应为“" + S(tp.right) + "”", p,
             p + tp.wrong.size());
    });
    // 1977年5月7曰出生: 曰 (to say) for 日 right after the day's number
    for (std::size_t p : find_all(v, U("曰"), 1, L.body_end))
        if (is_digit(v[p - 1]) && p >= 3 && (v[p - 2] == U'月' || v[p - 3] == U'月' || is_digit(v[p - 2])))
            emit(out, "typo.lexicon", Severity::error, "疑似错别字：日期中的“曰”应为“日”", p, p + 1);
}

bool maskish(char32_t c) { return c == U'某' || c == U'×' || c == U'*' || c == U'Ｘ' || c == U'X' || c == U'x'; }

// ---- typo.repeat
void check_repeat(const Document& doc, std::vector<Finding>& out, const Tables& t) {
    const u32v v = doc.view;
    const Layout& L = cached_layout(doc);
    const std::size_t end = L.body_end;
    auto legit = [&](std::size_t s) {
        for (const auto& l : t.doubled_legit) {
            for (std::size_t i = 0; i + 1 < l.size(); ++i) {
                if (l[i] != v[s] || l[i + 1] != v[s]) continue;
                if (s >= i && s - i + l.size() <= v.size() && v.compare(s - i, l.size(), l) == 0) return true;
            }
        }
        return false;
    };
    // the parties block names people; doubled characters are common in names (王丽丽)
    const std::size_t from = L.head.end;
    for (std::size_t i = from; i + 1 < end; ++i) {
        const char32_t c = v[i];
        if (!is_han(c)) continue;
        // a doubled function word
        if (v[i + 1] == c && std::find(t.doubled_chars.begin(), t.doubled_chars.end(), c) != t.doubled_chars.end() &&
            (i + 2 >= end || v[i + 2] != c) && !legit(i)) {
            emit(out, "typo.repeat", Severity::warning, "疑似重复用字：“" + S(v.substr(i, 2)) + "”", i, i + 2);
            ++i;
            continue;
        }
        // a doubled word of two to four characters (被告被告, 本院认为本院认为)
        for (std::size_t n = 2; n <= 4; ++n) {
            if (i + 2 * n > end) break;
            if (v[i] != v[i + n] || v[i + 1] != v[i + n + 1]) continue;  // cheap test first
            if (v.compare(i, n, v, i + n, n) != 0) continue;
            bool ok = true;
            for (std::size_t k = i; k < i + n; ++k)
                if (!is_han(v[k]) || maskish(v[k])) ok = false;
            if (!ok || v[i] == v[i + 1]) continue;  // AAAA is a reduplication (某某某某), not a doubled word
            // two characters double across word boundaries (食品药品监督, 一级一级): only listed words
            if (n == 2 && std::find(t.doubled_words.begin(), t.doubled_words.end(), u32(v.substr(i, 2))) ==
                              t.doubled_words.end())
                continue;
            if (i >= n && v.compare(i - n, n, v, i, n) == 0) continue;  // tripled: a list, not a slip
            // 再审申请人申请人民法院…: the second 人 opens 人民法院
            if (v[i + 2 * n - 1] == U'人' && i + 2 * n + 2 < v.size() && v[i + 2 * n] == U'民' && v[i + 2 * n + 1] == U'法')
                continue;
            emit(out, "typo.repeat", Severity::warning, "疑似重复词语：“" + S(v.substr(i, n)) + "”重复出现", i, i + 2 * n);
            i += 2 * n - 1;
            break;
        }
        // a phrase written twice across a comma (本院认为，本院认为，; 经审理查明，经审理查明：). When the second
        // copy goes on (恶意透支，恶意透支数额较大) it is anadiplosis, good style: only a copy that ends at a
        // punctuation mark is a slip.
        if (i == from || !is_han(v[i - 1]))
            for (std::size_t n = 4; n <= 8; ++n) {
                const std::size_t e = i + 2 * n + 1;
                if (e >= end) break;
                if (v[i + n] != U'，' || v.compare(i, n, v, i + n + 1, n) != 0) continue;
                static const u32v stops = U"，。：；";
                if (stops.find(v[e]) == u32v::npos) continue;
                bool ok = true;
                for (std::size_t k = i; k < i + n; ++k)
                    if (!is_han(v[k]) || maskish(v[k])) ok = false;
                if (!ok) continue;
                emit(out, "typo.repeat", Severity::warning, "疑似重复语句：“" + S(v.substr(i, n)) + "”重复出现", i, e);
                i = e - 1;
                break;
            }
    }
}

}  // namespace

std::vector<CriterionSpec> typo_criteria(std::shared_ptr<const Tables> t) {
    auto m = std::make_shared<Matcher>();
    for (const auto& tp : t->typos) m->add(tp.wrong);
    std::vector<CriterionSpec> out(2);
    out[0] = {"typo.lexicon", "错别字", Severity::error, "法律文书中常见的错别字（承当/承担、辨称/辩称 …），依据数据文件",
              "《人民法院民事裁判文书制作规范》（法〔2016〕221号）；typo-pairs.tsv（含 ECSpell law.test 挖掘）", false,
              [t, m](const Document& d, std::vector<Finding>& f) { check_lexicon(d, f, *t, *m); }};
    out[1] = {"typo.repeat", "重复字词", Severity::warning, "误重复的字或词（“的的”“被告被告”），合法叠词除外",
              "《人民法院民事裁判文书制作规范》（法〔2016〕221号）文字规范", false,
              [t](const Document& d, std::vector<Finding>& f) { check_repeat(d, f, *t); }};
    return out;
}

}  // namespace pingcha::criteria
