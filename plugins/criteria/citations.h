// Legal citations as the citation.* criteria see them: 《title》 (or a bare law name) followed by a
// chain of 第…条[第…款][第…项], with the spans and the form of each part kept for span-exact findings.
#pragma once

#include <optional>
#include <vector>

#include "scan.h"
#include "tables.h"

namespace pingcha::criteria {

// A character of an article number: 一…九, 十百千, 〇/○ and Arabic digits.
bool is_numeral(char32_t c);

struct ArticleRef {
    std::size_t start = 0, end = 0;  // 第 … 条 (with its 款/项 parts)
    std::size_t comma_before = 0;    // where a lone comma separates it from the article before (第一条，第二条), or 0
    std::optional<int> article;
    bool arabic = false;              // 第107条
    bool circle_zero = false;         // 第一百〇七条 (〇 where 零 belongs)
    bool missing_di = false;          // 《刑事诉讼法》二百二十五条: no 第 (only right after a title)
    std::size_t number_start = 0, number_end = 0;
    // 款 list after the article: "第一款", "一款" (no 第), "一、四款"
    bool paragraph_missing_di = false;
    bool paragraph_shared_di = false;  // 第一、四款: one 第 for several 款 (written 第一款、第四款)
    std::size_t paragraph_start = 0, paragraph_end = 0;
    std::optional<int> paragraph;
    // 项: "第一项", or "第（一）项" (bracketed)
    bool item_bracketed = false;
    bool item_missing_di = false;  // 第一款（一）项
    bool item_shared_di = false;   // 第一、二项
    std::size_t item_start = 0, item_end = 0;
    std::optional<int> item;
};

struct Cite {
    u32 title;            // as written inside 《》 (inner 〈〉 kept), or the bare law name
    u32 full;             // full title from the law table, else title
    bool bracketed = true;
    std::size_t title_start = 0, title_end = 0;  // 《…》 or the bare name
    std::size_t end = 0;                         // end of the last article
    std::vector<ArticleRef> articles;
    bool preceded_by_court = false;  // 最高人民法院《关于…》: a judicial interpretation
};

// Every citation in v[from, to).
std::vector<Cite> find_citations(u32v v, std::size_t from, std::size_t to, const Tables& t);

// Whether the sentence holding pos is a legal-basis sentence (依照…之规定，判决如下).
bool in_basis_sentence(u32v v, std::size_t pos, std::size_t lo, std::size_t hi);

// Rank for citation.order: 1 law, 2 administrative regulation, 3 local regulation, 4 judicial interpretation.
int citation_rank(const Cite& c, const Tables& t);
bool citation_procedural(const Cite& c, const Tables& t);

}  // namespace pingcha::criteria
