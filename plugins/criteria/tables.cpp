// Loads the criteria's versioned data tables (see tables.h).
#include "tables.h"

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace pingcha::criteria {

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == sep) {
            out.push_back(cur);
            cur.clear();
        } else if (c != '\r') {
            cur.push_back(c);
        }
    }
    out.push_back(cur);
    return out;
}

// Rows of a TSV file without comment lines; records the "# version: N" line.
std::vector<std::vector<std::string>> read_rows(const std::string& dir, const std::string& file, std::size_t min_cols,
                                                Tables& t) {
    const std::string path = dir + "/" + file;
    std::ifstream in(path);
    if (!in) throw std::runtime_error("criteria: missing data file " + path);
    std::vector<std::vector<std::string>> rows;
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.rfind("# version:", 0) == 0) t.versions[file] = line.substr(10);
        if (line.empty() || line[0] == '#') continue;
        auto cols = split(line, '\t');
        if (cols.size() < min_cols)
            throw std::runtime_error("criteria: " + path + ":" + std::to_string(n) + ": expected " +
                                     std::to_string(min_cols) + " tab-separated columns");
        rows.push_back(std::move(cols));
    }
    if (!t.versions.count(file)) throw std::runtime_error("criteria: " + path + " has no '# version:' line");
    return rows;
}

Date checked_date(const std::string& s, const std::string& file) {
    const Date d = date_from_string(s);
    if (!d.valid()) throw std::runtime_error("criteria: " + file + ": bad date " + s);
    return d;
}

}  // namespace

const LawTitle* Tables::law(u32v title) const {
    for (const auto& l : laws) {
        if (l.full == title) return &l;
        for (const auto& s : l.shorts)
            if (s == title) return &l;
    }
    return nullptr;
}

u32 Tables::full_title(u32v title) const {
    if (const LawTitle* l = law(title)) return l->full;
    return u32(title);
}

int Tables::article_count(u32v full, const std::optional<Date>& on) const {
    int count = 0;
    std::optional<Date> best;
    for (const auto& a : article_counts) {
        if (a.law != full) continue;
        if (on && *on < a.from) continue;
        // without a date, the latest version
        if (!best || *best < a.from) {
            best = a.from;
            count = a.count;
        }
    }
    return count;
}

double Tables::court_fee(double claimed) const {
    if (claimed <= 0) return 0;
    double fee = 50, lower = 0;
    for (const auto& t : fee_tiers) {
        const double upper = t.upper > 0 ? t.upper : claimed;
        if (claimed > lower && t.rate > 0) fee += (std::min(claimed, upper) - lower) * t.rate;
        if (t.upper <= 0 || claimed <= t.upper) break;
        lower = t.upper;
    }
    return fee;
}

// Only the national laws and regulations (中华人民共和国…) are listed near completely: a title one
// character away from one of them is a slip; judicial interpretations are too many and too alike
// (…解释（一）/（二）) to judge a near miss, unless the slip is in 最高人民法院关于.
const u32* Tables::near_title(u32v title) const {
    static const u32 kPrc = U("中华人民共和国"), kSpc = U("最高人民法院关于");
    if (title.size() < 8 || national_titles.count(u32(title))) return nullptr;
    for (std::size_t len = title.size() - 1; len <= title.size() + 1; ++len) {
        const auto it = titles_by_length.find(len);
        if (it == titles_by_length.end()) continue;
        for (const u32& known : it->second) {
            const bool prc = known.compare(0, kPrc.size(), kPrc) == 0;
            const bool spc_prefix = known.compare(0, kSpc.size(), kSpc) == 0 &&
                                    title.size() + 1 >= known.size() &&
                                    u32v(title).substr(title.size() + 8 - known.size()) == u32v(known).substr(8);
            if ((prc || spc_prefix) && edit_distance(title, known, 1) == 1) return &known;
        }
    }
    return nullptr;
}

std::shared_ptr<const Tables> load_tables(const std::string& dir) {
    auto t = std::make_shared<Tables>();
    for (const auto& r : read_rows(dir, "law-titles.tsv", 4, *t)) {
        LawTitle l;
        l.full = U(r[0]);
        if (r[1] != "-")
            for (const auto& s : split(r[1], ',')) l.shorts.push_back(U(s));
        l.rank = r[2] == "law" ? 1 : r[2] == "admin" ? 2 : r[2] == "local" ? 3 : 4;
        l.procedural = r[3] == "1";
        t->laws.push_back(std::move(l));
    }
    for (const auto& r : read_rows(dir, "national-law-titles.tsv", 2, *t)) {
        u32 title = U(r[0]);
        if (t->national_titles.insert(title).second) t->titles_by_length[title.size()].push_back(std::move(title));
    }
    for (const auto& l : t->laws)
        if (t->national_titles.insert(l.full).second) t->titles_by_length[l.full.size()].push_back(l.full);
    for (const auto& r : read_rows(dir, "repealed-laws.tsv", 4, *t))
        t->repealed.push_back({U(r[0]), U(r[1]), checked_date(r[2], "repealed-laws.tsv"), r[3]});
    for (const auto& r : read_rows(dir, "transition-markers.txt", 1, *t)) t->transition_markers.push_back(U(r[0]));
    for (const auto& r : read_rows(dir, "article-versions.tsv", 5, *t))
        t->article_versions.push_back({U(r[0]), U(r[2]), r[1], checked_date(r[3], "article-versions.tsv"), std::stoi(r[4])});
    for (const auto& r : read_rows(dir, "article-counts.tsv", 3, *t))
        t->article_counts.push_back({U(r[0]), checked_date(r[1], "article-counts.tsv"), std::stoi(r[2])});
    for (const auto& r : read_rows(dir, "fee-tiers.tsv", 2, *t)) t->fee_tiers.push_back({std::stod(r[0]), std::stod(r[1])});
    std::set<std::string> typo_seen;  // a wrong form listed twice would report each slip twice
    for (const auto& r : read_rows(dir, "typo-pairs.tsv", 4, *t)) {
        if (!typo_seen.insert(r[0]).second)
            throw std::runtime_error(dir + "/typo-pairs.tsv lists '" + r[0] + "' twice");
        t->typos.push_back({U(r[0]), U(r[1]), r[2] == "-" ? u32() : U(r[2]), r[3],
                            r.size() > 4 && r[4] != "-" ? U(r[4]) : u32()});
    }
    for (const auto& r : read_rows(dir, "doubled.tsv", 2, *t)) {
        const u32 v = U(r[1]);
        if (r[0] == "char" && v.size() == 1) t->doubled_chars.push_back(v[0]);
        else if (r[0] == "legit") t->doubled_legit.push_back(v);
        else if (r[0] == "word" && v.size() == 2) t->doubled_words.push_back(v);
        else throw std::runtime_error("criteria: doubled.tsv: bad row " + r[0] + " " + r[1]);
    }
    for (const auto& r : read_rows(dir, "wording-terms.tsv", 7, *t)) {
        Term term{U(r[0]), U(r[1]), r[3] == "-" ? u32() : U(r[3]), r[4] == "-" ? u32() : U(r[4]), std::nullopt,
                  r[5] == "-" ? std::string() : r[5], r[6]};
        if (r[2] != "-") term.since = checked_date(r[2], "wording-terms.tsv");
        t->terms.push_back(std::move(term));
    }
    for (const auto& r : read_rows(dir, "not-a-basis.tsv", 2, *t)) t->not_a_basis.push_back({U(r[0]), r[1]});
    for (const auto& r : read_rows(dir, "procedure-articles.tsv", 3, *t)) {
        ProcedureArticles pa{U(r[1]), {}};
        for (const auto& n : split(r[2], ',')) pa.articles.push_back(std::stoi(n));
        t->procedure[r[0]] = std::move(pa);
    }
    return t;
}

}  // namespace pingcha::criteria
