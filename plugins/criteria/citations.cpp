// Finds legal citations and their article chains in the view (see citations.h).
#include "citations.h"

#include "chinese_numerals.h"

namespace pingcha::criteria {

bool is_numeral(char32_t c) {
    return chinese_digit(c) >= 0 || c == U'十' || c == U'百' || c == U'千' || is_digit(c) || c == U'〇' || c == U'○';
}

namespace {

std::optional<int> numeral_value(u32v s, bool& arabic, bool& circle) {
    arabic = false;
    circle = false;
    if (s.empty()) return std::nullopt;
    if (is_digit(s[0])) {
        int n = 0;
        for (char32_t c : s) {
            if (!is_digit(c)) return std::nullopt;
            n = n * 10 + digit_value(c);
        }
        arabic = true;
        return n;
    }
    u32 norm(s);
    for (auto& c : norm)
        if (c == U'〇' || c == U'○') {
            circle = true;
            c = U'零';
        }
    return parse_chinese_number(norm);
}

// Skips connectors between articles: 、，, 和 及 以及 与 (and spaces).
std::size_t skip_connectors(u32v v, std::size_t p, std::size_t to) {
    while (p < to) {
        const char32_t c = v[p];
        if (c == U'、' || c == U'，' || c == U',' || c == U'和' || c == U'及' || c == U'与' || c == U' ') {
            ++p;
        } else if (c == U'以' && p + 1 < to && v[p + 1] == U'及') {
            p += 2;
        } else {
            break;
        }
    }
    return p;
}

// A list of 款 or 项 at p: [第]N[、[第]N]*款 (or 项, items may be bracketed （一）). Returns end or npos.
std::size_t parse_list(u32v v, std::size_t p, std::size_t to, char32_t unit, bool& missing_di, bool& bracketed,
                       std::optional<int>& first, bool& shared_di) {
    missing_di = false;
    bracketed = false;
    shared_di = false;
    first.reset();
    std::size_t q = p;
    bool any = false;
    while (q < to && q - p < 24) {
        bool di = false;
        if (v[q] == U'第') {
            di = true;
            ++q;
        }
        bool br = false;
        if (q < to && (v[q] == U'（' || v[q] == U'(')) {
            br = true;
            ++q;
        }
        const std::size_t ns = q;
        while (q < to && is_numeral(v[q]) && q - ns < 6) ++q;
        if (q == ns) return u32::npos;
        bool arabic = false, circle = false;
        const auto n = numeral_value(v.substr(ns, q - ns), arabic, circle);
        if (!n) return u32::npos;
        if (br) {
            if (q < to && (v[q] == U'）' || v[q] == U')')) ++q;
            else return u32::npos;
            bracketed = true;
        }
        if (!first) {
            first = n;
            // 第一、三款 is a list under one 第; 三百四十七条一款 has none
            if (!di) missing_di = true;
        } else if (!di && !missing_di) {
            shared_di = true;
        }
        any = true;
        if (q < to && v[q] == unit) return any ? q + 1 : u32::npos;
        if (q < to && (v[q] == U'、' || v[q] == U'和' || v[q] == U'及')) {
            ++q;
            continue;
        }
        return u32::npos;
    }
    return u32::npos;
}

// One article at p ("第…条…"); returns false when p does not start one. With no_di_ok, the article
// may lack its 第 (二百二十五条, right after a law's title), which is recorded.
bool parse_article(u32v v, std::size_t p, std::size_t to, ArticleRef& a, bool no_di_ok = false) {
    if (p >= to) return false;
    const bool di = v[p] == U'第';
    if (!di && !(no_di_ok && chinese_digit(v[p]) > 0)) return false;
    std::size_t q = di ? p + 1 : p;
    const std::size_t ns = q;
    while (q < to && is_numeral(v[q]) && q - ns < 8) ++q;
    if (q == ns || q >= to || v[q] != U'条') return false;
    a = {};
    a.start = p;
    a.missing_di = !di;
    a.number_start = ns;
    a.number_end = q;
    a.article = numeral_value(v.substr(ns, q - ns), a.arabic, a.circle_zero);
    if (!a.article) return false;
    ++q;
    if (q + 1 < to && v[q] == U'之' && chinese_digit(v[q + 1]) > 0) q += 2;  // 第二百六十四条之一
    // 款 (possibly without 第), then 项
    bool missing = false, br = false, shared = false;
    std::optional<int> first;
    std::size_t e = parse_list(v, q, to, U'款', missing, br, first, shared);
    if (e != u32::npos && !br) {
        a.paragraph = first;
        a.paragraph_missing_di = missing;
        a.paragraph_shared_di = shared;
        a.paragraph_start = q;
        a.paragraph_end = e;
        q = e;
    }
    e = parse_list(v, q, to, U'项', missing, br, first, shared);
    if (e != u32::npos) {
        a.item = first;
        a.item_bracketed = br;
        a.item_missing_di = missing;
        a.item_shared_di = shared && !br;
        a.item_start = q;
        a.item_end = e;
        q = e;
    }
    a.end = q;
    return true;
}

void parse_chain(u32v v, std::size_t p, std::size_t to, Cite& c) {
    c.end = p;
    while (true) {
        const std::size_t s = c.articles.empty() ? p : skip_connectors(v, p, to);
        ArticleRef a;
        // the first article after a title, or one after 、 in a list (第一百条、一百零二条), may lack its 第
        const bool no_di_ok = c.articles.empty() || (s == p + 1 && v[p] == U'、');
        if (!parse_article(v, s, to, a, no_di_ok)) break;
        if (!c.articles.empty() && s == p + 1 && (v[p] == U'，' || v[p] == U',')) a.comma_before = p;
        c.articles.push_back(a);
        p = a.end;
        c.end = a.end;
    }
}

// The closing 》 of a title opened at p (inner 〈〉﹤﹥<> allowed), or npos.
std::size_t title_close(u32v v, std::size_t p, std::size_t to) {
    for (std::size_t q = p + 1; q < to && q - p < 90; ++q) {
        const char32_t c = v[q];
        if (c == U'》') return q;
        if (c == U'《' || c == U'。' || c == U'\n') return u32::npos;
    }
    return u32::npos;
}

}  // namespace

std::vector<Cite> find_citations(u32v v, std::size_t from, std::size_t to, const Tables& t) {
    std::vector<Cite> out;
    to = std::min(to, v.size());
    std::vector<std::pair<std::size_t, std::size_t>> bracketed;  // spans of 《…》
    for (std::size_t p = v.find(U'《', from); p != u32::npos && p < to; p = v.find(U'《', p + 1)) {
        const std::size_t close = title_close(v, p, to);
        if (close == u32::npos) continue;
        bracketed.push_back({p, close + 1});
        Cite c;
        c.title = u32(v.substr(p + 1, close - p - 1));
        c.full = t.full_title(c.title);
        c.title_start = p;
        c.title_end = close + 1;
        // 最高人民法院《关于…》 and 最高人民法院、最高人民检察院《关于…》: the issuer right before the title
        const u32v before = v.substr(p >= 7 ? p - 7 : 0, p >= 7 ? 7 : p);
        c.preceded_by_court = before.size() >= 6 && (before.substr(before.size() - 6) == U("最高人民法院") ||
                                                     before.substr(before.size() - 5) == U("人民检察院"));
        parse_chain(v, close + 1, to, c);
        out.push_back(std::move(c));
    }
    // Bare law names directly followed by 第…条 (依照中华人民共和国刑法第二百六十四条).
    auto inside_brackets = [&](std::size_t pos) {
        for (const auto& [s, e] : bracketed)
            if (pos >= s && pos < e) return true;
        return false;
    };
    // Scanned from each 第…条 backwards, so the cost does not grow with the size of the law table.
    for (std::size_t p = v.find(U'第', from); p != u32::npos && p < to; p = v.find(U'第', p + 1)) {
        if (p == 0 || !is_han(v[p - 1]) || inside_brackets(p)) continue;
        ArticleRef probe;
        if (!parse_article(v, p, to, probe)) continue;
        const LawTitle* hit = nullptr;
        u32v name;
        for (const auto& law : t.laws) {
            auto try_name = [&](u32v n) {
                if (n.size() > p || v.substr(p - n.size(), n.size()) != n) return;
                if (n.size() > name.size()) {
                    hit = &law;
                    name = n;
                }
            };
            try_name(law.full);
            for (const auto& s : law.shorts) try_name(s);
        }
        if (!hit) continue;
        Cite c;
        c.title = u32(name);
        c.full = hit->full;
        c.bracketed = false;
        c.title_start = p - name.size();
        c.title_end = p;
        parse_chain(v, p, to, c);
        if (!c.articles.empty()) {
            p = c.end > p ? c.end - 1 : p;
            out.push_back(std::move(c));
        }
    }
    std::sort(out.begin(), out.end(), [](const Cite& a, const Cite& b) { return a.title_start < b.title_start; });
    return out;
}

bool in_basis_sentence(u32v v, std::size_t pos, std::size_t lo, std::size_t hi) {
    const Region s = sentence_at(v, pos, lo, hi);
    const u32v sent = v.substr(s.start, s.end - s.start);
    if (sent.find(U("如下")) != u32v::npos) return true;
    if (sent.find(U("依照")) == u32v::npos && sent.find(U("根据")) == u32v::npos && sent.find(U("依据")) == u32v::npos &&
        sent.find(U("按照")) == u32v::npos)
        return false;
    std::size_t n = s.end + 1;
    while (n < hi && is_space(v[n])) ++n;
    return starts_with_at(v, n, U("判决如下")) || starts_with_at(v, n, U("裁定如下"));
}

int citation_rank(const Cite& c, const Tables& t) {
    if (const LawTitle* l = t.law(c.title)) return l->rank;
    const u32& s = c.title;
    auto has = [&](const char* x) { return s.find(U(x)) != u32::npos; };
    if (c.preceded_by_court || has("最高人民法院") || has("解释") || has("批复") || has("若干规定") ||
        has("若干问题的规定"))
        return 4;
    if ((has("省") || has("市") || has("自治区") || has("自治州")) && (has("条例") || has("规定") || has("办法"))) return 3;
    if (has("条例") || has("办法") || has("实施细则")) return 2;
    return 1;
}

bool citation_procedural(const Cite& c, const Tables& t) {
    if (const LawTitle* l = t.law(c.title)) return l->procedural;
    return c.title.find(U("诉讼法")) != u32::npos || c.title.find(U("诉讼费用")) != u32::npos;
}

}  // namespace pingcha::criteria
