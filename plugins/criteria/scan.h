// Text helpers shared by the criteria: finding strings, regions and dates in the view, with or
// without the sections and facts of the structure stage.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pingcha/document.h"

namespace pingcha::criteria {

using u32 = std::u32string;
using u32v = std::u32string_view;

u32 U(std::string_view utf8);  // UTF-8 literal to code points
std::string S(u32v s);         // code points to UTF-8

bool is_han(char32_t c);
bool is_digit(char32_t c);  // ASCII or full-width digit
int digit_value(char32_t c);
bool is_space(char32_t c);

// Every start of needle in v[from, to).
std::vector<std::size_t> find_all(u32v v, u32v needle, std::size_t from = 0, std::size_t to = u32::npos);
std::size_t find(u32v v, u32v needle, std::size_t from = 0, std::size_t to = u32::npos);
std::size_t rfind(u32v v, u32v needle, std::size_t before);
bool starts_with_at(u32v v, std::size_t pos, u32v needle);
// Levenshtein distance of two short strings, or cap + 1 once it exceeds cap.
std::size_t edit_distance(u32v a, u32v b, std::size_t cap);

// Many fixed strings matched in one pass (lexicons of typos and terms).
class Matcher {
public:
    std::size_t add(u32 pattern);
    // Calls fn(pattern index, start) for every occurrence in v[from, to).
    template <class Fn>
    void scan(u32v v, std::size_t from, std::size_t to, Fn&& fn) const {
        to = std::min(to, v.size());
        if (first_.empty()) return;
        for (std::size_t i = from; i < to; ++i) {
            // a bitmap of first characters keeps the hash lookup off almost every position
            if (v[i] < 0x10000 ? !first_[v[i]] : !astral_) continue;
            const auto it = by_first_.find(v[i]);
            if (it == by_first_.end()) continue;
            for (std::size_t k : it->second) {
                const u32& p = patterns_[k];
                if (i + p.size() <= to && v.compare(i, p.size(), p) == 0) fn(k, i);
            }
        }
    }
    const u32& pattern(std::size_t k) const { return patterns_[k]; }

private:
    std::vector<u32> patterns_;
    std::unordered_map<char32_t, std::vector<std::size_t>> by_first_;
    std::vector<bool> first_;
    bool astral_ = false;
};

struct Region {
    std::size_t start = 0, end = 0;
    bool empty() const { return end <= start; }
    bool contains(std::size_t p) const { return p >= start && p < end; }
};

struct Date {
    int y = 0, m = 0, d = 0;
    bool operator<(const Date& o) const { return y != o.y ? y < o.y : m != o.m ? m < o.m : d < o.d; }
    bool operator>=(const Date& o) const { return !(*this < o); }
    bool valid() const { return y > 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31; }
};
std::optional<Date> parse_iso(const std::string& iso);
Date date_from_string(const std::string& ymd);  // "2021-01-01" (data files)

// What the criteria need to know about a document's layout, read from the structure stage's sections
// and facts (the one owner of the judgment's shape: criteria never re-derive it from the text); a
// document the structure stage did not analyse has empty regions and no kind, and criteria stay silent.
struct Layout {
    std::size_t body_end = 0;   // before an appendix of cited articles (附：…)
    Region head;                // title, case number (first 200 code points or the title section)
    Region parties;             // parties block, when known
    Region claims;              // 诉讼请求 … (civil)
    Region facts;               // from after the parties to 本院认为
    Region reasoning;           // 本院认为 … 判决如下
    Region decision;            // after 判决如下 to the notice or signature
    Region notice;              // 如不服本判决 … / 本判决为终审判决
    std::string kind_text;      // 民事判决书 ... (from facts or the head)
    char domain = '?';          // 'm' civil, 'x' criminal, 'a' administrative, '?'
    bool is_ruling = false;     // 裁定书
    std::optional<Date> decided;
    std::string type_code;      // 民初, 刑初 ... from facts or the case number in the head
};
Layout layout(const Document& doc);
// The layout of the document, computed once per document and thread (every criterion needs it).
const Layout& cached_layout(const Document& doc);

// Identifies a document's current view and structure cheaply, for per-thread caches.
struct DocKey {
    const void* doc = nullptr;
    std::size_t size = 0, sections = 0, facts = 0;
    std::uint64_t hash = 0;
    bool operator==(const DocKey&) const = default;
};
DocKey doc_key(const Document& doc);
const Layout& cached_layout(const Document& doc, const DocKey& key);

// Dates written 2021年3月5日 (Arabic), all in [from, to).
struct DateHit {
    Date date;
    std::size_t start, end;
};
std::vector<DateHit> arabic_dates(u32v v, std::size_t from, std::size_t to);

// An Arabic amount like 12,000.50元 / 1.2万元; value in yuan.
struct AmountHit {
    double yuan = 0;
    std::size_t start = 0, end = 0;  // number through 元
};
std::vector<AmountHit> arabic_amounts(u32v v, std::size_t from, std::size_t to);

// Sentence bounds (。；！？ and, for the joined paragraphs of real data, "： " breaks are not used).
Region sentence_at(u32v v, std::size_t pos, std::size_t lo, std::size_t hi);

inline void emit(std::vector<Finding>& out, const char* id, Severity sev, std::string message, std::size_t start,
                 std::size_t end) {
    Finding f;
    f.criterion = id;
    f.severity = sev;
    f.message = std::move(message);
    f.start = start;
    f.end = end;
    out.push_back(std::move(f));
}

}  // namespace pingcha::criteria
