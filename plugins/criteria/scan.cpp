// Text helpers shared by the criteria (see scan.h).
#include "scan.h"

#include <algorithm>

#include "chinese_numerals.h"
#include "pingcha/utf8.h"

namespace pingcha::criteria {

u32 U(std::string_view s) { return utf8::decode(s); }
std::string S(u32v s) { return utf8::encode(s); }

bool is_han(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == U'〇'; }
bool is_digit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }
int digit_value(char32_t c) {
    if (c >= U'0' && c <= U'9') return int(c - U'0');
    if (c >= U'０' && c <= U'９') return int(c - U'０');
    return -1;
}
bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'　'; }

std::vector<std::size_t> find_all(u32v v, u32v needle, std::size_t from, std::size_t to) {
    std::vector<std::size_t> out;
    to = std::min(to, v.size());
    if (needle.empty()) return out;
    for (std::size_t p = v.find(needle, from); p != u32::npos && p + needle.size() <= to; p = v.find(needle, p + 1))
        out.push_back(p);
    return out;
}

std::size_t find(u32v v, u32v needle, std::size_t from, std::size_t to) {
    const std::size_t p = v.find(needle, from);
    if (p == u32::npos || p + needle.size() > std::min(to, v.size())) return u32::npos;
    return p;
}

std::size_t rfind(u32v v, u32v needle, std::size_t before) {
    if (before < needle.size()) return u32::npos;
    return v.rfind(needle, before - needle.size());
}

std::size_t Matcher::add(u32 pattern) {
    const std::size_t k = patterns_.size();
    if (!pattern.empty()) {
        by_first_[pattern[0]].push_back(k);
        if (first_.empty()) first_.assign(0x10000, false);
        if (pattern[0] < 0x10000) first_[pattern[0]] = true;
        else astral_ = true;
    }
    patterns_.push_back(std::move(pattern));
    return k;
}

std::size_t edit_distance(u32v a, u32v b, std::size_t cap) {
    if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > cap) return cap + 1;
    std::vector<std::size_t> row(b.size() + 1), next(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        next[0] = i;
        std::size_t best = next[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            next[j] = std::min({row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            best = std::min(best, next[j]);
        }
        if (best > cap) return cap + 1;
        row.swap(next);
    }
    return std::min(row[b.size()], cap + 1);
}

bool starts_with_at(u32v v, std::size_t pos, u32v needle) {
    return pos <= v.size() && v.substr(pos, needle.size()) == needle;
}

std::optional<Date> parse_iso(const std::string& iso) {
    if (iso.size() < 10) return std::nullopt;
    Date d = date_from_string(iso);
    if (!d.valid()) return std::nullopt;
    return d;
}

Date date_from_string(const std::string& s) {
    Date d;
    if (s.size() >= 10) {
        try {
            d.y = std::stoi(s.substr(0, 4));
            d.m = std::stoi(s.substr(5, 2));
            d.d = std::stoi(s.substr(8, 2));
        } catch (...) {
            d = {};
        }
    }
    return d;
}

namespace {

std::size_t first_of(u32v v, const std::vector<u32>& needles, std::size_t from, std::size_t to) {
    std::size_t best = u32::npos;
    for (const auto& n : needles) {
        const std::size_t p = find(v, n, from, to);
        if (p != u32::npos && (best == u32::npos || p < best)) best = p;
    }
    return best;
}

const std::vector<u32>& appendix_markers() {
    static const std::vector<u32> m = {U("附："), U("附:"), U("附本"), U("附相关"), U("附法律"), U("附适用"),
                                       U("附录"), U("附件"), U("附：本案")};
    return m;
}
Region union_of(const Document& doc, std::initializer_list<const char*> kinds) {
    Region r{u32::npos, 0};
    for (const auto& s : doc.sections)
        for (const char* k : kinds)
            if (s.kind == k) {
                r.start = std::min(r.start, s.start);
                r.end = std::max(r.end, s.end);
            }
    if (r.start == u32::npos) return {};
    return r;
}

}  // namespace

std::vector<DateHit> arabic_dates(u32v v, std::size_t from, std::size_t to) {
    std::vector<DateHit> out;
    to = std::min(to, v.size());
    for (std::size_t i = from; i + 4 < to; ++i) {
        if (!is_digit(v[i]) || (i > 0 && is_digit(v[i - 1]))) continue;
        std::size_t j = i;
        int y = 0;
        while (j < to && is_digit(v[j]) && j - i < 5) y = y * 10 + digit_value(v[j++]);
        if (j - i != 4 || j >= to || v[j] != U'年') continue;
        ++j;
        int m = 0, mn = 0;
        while (j < to && is_digit(v[j]) && mn < 3) m = m * 10 + digit_value(v[j++]), ++mn;
        if (mn == 0 || j >= to || v[j] != U'月') continue;
        ++j;
        int d = 0, dn = 0;
        while (j < to && is_digit(v[j]) && dn < 3) d = d * 10 + digit_value(v[j++]), ++dn;
        if (dn == 0 || j >= to || (v[j] != U'日' && v[j] != U'号')) continue;
        out.push_back({{y, m, d}, i, j + 1});
        i = j;
    }
    return out;
}

std::vector<AmountHit> arabic_amounts(u32v v, std::size_t from, std::size_t to) {
    std::vector<AmountHit> out;
    to = std::min(to, v.size());
    for (std::size_t i = from; i < to; ++i) {
        if (!is_digit(v[i]) || (i > 0 && (is_digit(v[i - 1]) || v[i - 1] == U'.' || v[i - 1] == U','))) continue;
        std::size_t j = i;
        double whole = 0, frac = 0, scale = 0.1;
        bool in_frac = false;
        while (j < to) {
            const char32_t c = v[j];
            if (is_digit(c)) {
                if (in_frac) {
                    frac += digit_value(c) * scale;
                    scale /= 10;
                } else {
                    whole = whole * 10 + digit_value(c);
                }
                ++j;
            } else if ((c == U',' || c == U'，') && !in_frac && j + 3 < to && is_digit(v[j + 1]) && is_digit(v[j + 2]) &&
                       is_digit(v[j + 3]) && (j + 4 >= to || !is_digit(v[j + 4]))) {
                // a thousands separator: exactly three digits follow; the full-width comma too when the
                // number goes on to its unit (1，610万元, 1，198，471元), not in a list (3，4，5项)
                if (c == U'，') {
                    std::size_t k = j + 4;
                    while (k + 3 < to && (v[k] == U'，' || v[k] == U',') && is_digit(v[k + 1]) && is_digit(v[k + 2]) &&
                           is_digit(v[k + 3]))
                        k += 4;
                    if (k < to && v[k] == U'.' ) ++k;
                    while (k < to && is_digit(v[k])) ++k;
                    if (!(k < to && (v[k] == U'元' || v[k] == U'万'))) break;
                }
                ++j;
            } else if ((c == U'.' || c == U'．') && !in_frac && j + 1 < to && is_digit(v[j + 1])) {
                in_frac = true;
                ++j;
            } else {
                break;
            }
        }
        double value = whole + frac;
        std::size_t k = j;
        if (k < to && v[k] == U'万') {
            value *= 10000;
            ++k;
        }
        if (k < to && v[k] == U'元') {
            out.push_back({value, i, k + 1});
        }
        i = j;
    }
    return out;
}

Region sentence_at(u32v v, std::size_t pos, std::size_t lo, std::size_t hi) {
    hi = std::min(hi, v.size());
    auto stop = [](char32_t c) { return c == U'。' || c == U'；' || c == U';' || c == U'！' || c == U'？' || c == U'\n'; };
    std::size_t s = pos;
    while (s > lo && !stop(v[s - 1])) --s;
    std::size_t e = pos;
    while (e < hi && !stop(v[e])) ++e;
    return {s, e};
}

Layout layout(const Document& doc) {
    const u32v v = doc.view;
    Layout L;
    L.body_end = v.size();
    // The appendix (附：本案适用的法律条文) after the signature block is quotation, not the court's text;
    // so is what follows the clerk's line (a letter to the lower court, 本件与原本核对无异).
    if (const Region clerk = union_of(doc, {"clerk"}); !clerk.empty()) {
        const std::size_t a = first_of(v, appendix_markers(), clerk.end, v.size());
        L.body_end = a != u32::npos ? std::min(a, clerk.end) : clerk.end;
    } else if (const Region sig = union_of(doc, {"signature", "date"}); !sig.empty()) {
        const std::size_t a = first_of(v, appendix_markers(), sig.end, v.size());
        if (a != u32::npos) L.body_end = a;
    }
    L.head = union_of(doc, {"title", "case_number"});
    L.parties = union_of(doc, {"parties"});
    L.reasoning = union_of(doc, {"reasoning", "legal_basis"});
    L.decision = union_of(doc, {"decision", "costs"});
    L.notice = union_of(doc, {"notice"});
    L.facts = union_of(doc, {"facts", "procedure", "claims", "defence"});
    L.claims = union_of(doc, {"claims"});

    // Document kind, procedure domain, ruling or judgment: the structure stage's facts.
    L.kind_text = doc.facts.kind;
    const u32 kind = U(L.kind_text);
    if (kind.find(U("刑事")) != u32::npos) L.domain = 'x';
    else if (kind.find(U("行政")) != u32::npos) L.domain = 'a';
    else if (kind.find(U("民事")) != u32::npos) L.domain = 'm';
    // the operative phrase decides when the title and the text disagree
    const bool judges = !L.decision.empty() && find(v, U("判决如下"), L.reasoning.empty() ? 0 : L.reasoning.start,
                                                    L.decision.end) != u32::npos;
    L.is_ruling = !judges && kind.find(U("裁定书")) != u32::npos;
    if (!doc.facts.decided_on.empty()) L.decided = parse_iso(doc.facts.decided_on);
    if (doc.facts.case_number) L.type_code = doc.facts.case_number->type_code;
    if (L.domain == '?' && !L.type_code.empty()) {
        const u32 t = U(L.type_code);
        if (t.find(U'刑') != u32::npos) L.domain = 'x';
        else if (t.find(U'行') != u32::npos) L.domain = 'a';
        else if (t.find(U'民') != u32::npos) L.domain = 'm';
    }
    return L;
}

DocKey doc_key(const Document& doc) {
    DocKey k;
    k.doc = &doc;
    k.size = doc.view.size();
    k.sections = doc.sections.size();
    k.facts = doc.facts.citations.size() + doc.facts.parties.size() + doc.facts.decided_on.size();
    // the library's byte hash (murmur): a few microseconds for a judgment, and every criterion asks
    k.hash = std::hash<std::u32string_view>{}(doc.view);
    return k;
}

const Layout& cached_layout(const Document& doc) { return cached_layout(doc, doc_key(doc)); }

const Layout& cached_layout(const Document& doc, const DocKey& k) {
    thread_local DocKey key;
    thread_local Layout cached;
    if (!(k == key)) {
        cached = layout(doc);
        key = k;
    }
    return cached;
}

}  // namespace pingcha::criteria
