// The criteria's data tables (plugins/criteria/data/*.tsv), loaded once at registration from the
// criteria-data folder next to the plugin and shared read-only by every check.
#pragma once

#include <map>
#include <unordered_set>
#include <memory>
#include <string>
#include <vector>

#include "scan.h"

namespace pingcha::criteria {

struct LawTitle {
    u32 full;
    std::vector<u32> shorts;
    int rank = 1;          // 1 law, 2 administrative regulation, 3 local regulation, 4 judicial interpretation
    bool procedural = false;
};

struct RepealedLaw {
    u32 full, short_title;
    Date repealed_on;
    std::string replaced_by;
};

struct ArticleVersion {
    u32 law, keyword;
    std::string topic;
    Date from;
    int article = 0;
};

struct ArticleCount {
    u32 law;
    Date from;
    int count = 0;
};

struct FeeTier {
    double upper = 0;  // 0: no upper bound
    double rate = 0;
};

struct TypoPair {
    u32 wrong, right, not_preceded_by;
    std::string source;
    u32 not_followed_by;  // 给附带民事诉讼: 给 + 附带, not 给附 for 给付
};

struct Term {
    u32 wrong, right, not_followed_by, not_preceded_by;
    std::optional<Date> since;
    std::string domains;  // layout domains the term applies to (m, x, a); empty: all
    std::string note;
};

struct NotABasis {
    u32 contains;
    std::string reason;
};

struct ProcedureArticles {
    u32 law;
    std::vector<int> articles;
};

struct Tables {
    std::vector<LawTitle> laws;
    std::unordered_set<u32> national_titles;                // every national normative title (〈〉 inside)
    std::map<std::size_t, std::vector<u32>> titles_by_length;  // the same, for near-miss look-ups
    std::vector<RepealedLaw> repealed;
    std::vector<u32> transition_markers;
    std::vector<ArticleVersion> article_versions;
    std::vector<ArticleCount> article_counts;
    std::vector<FeeTier> fee_tiers;
    std::vector<TypoPair> typos;
    std::vector<char32_t> doubled_chars;
    std::vector<u32> doubled_words;  // two-character words whose doubling is always a slip
    std::vector<u32> doubled_legit;
    std::vector<Term> terms;
    std::vector<NotABasis> not_a_basis;
    std::map<std::string, ProcedureArticles> procedure;  // default, appeal-m, appeal-x, appeal-a
    std::map<std::string, std::string> versions;  // file -> "# version: N"

    // The law a title (as written inside 《》, short or full) names, or nullptr.
    const LawTitle* law(u32v title) const;
    // A known title one character away from an unknown one (a misspelt title), or nullptr.
    const u32* near_title(u32v title) const;
    // The full title for a title as written: itself when unknown.
    u32 full_title(u32v title) const;
    // Articles of the law in force on a date; 0 when unknown.
    int article_count(u32v full, const std::optional<Date>& on) const;
    // The property-case fee of 《诉讼费用交纳办法》 art. 13 for an amount claimed.
    double court_fee(double claimed) const;
};

// Reads every table from dir (…/criteria-data). Throws std::runtime_error naming a missing or bad file.
std::shared_ptr<const Tables> load_tables(const std::string& dir);

}  // namespace pingcha::criteria
