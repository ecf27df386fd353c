// What the structure-based criteria need to know about a document, derived from the structure
// stage's sections and facts: category, kind, instance, section lookups and a finding helper.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pingcha/document.h"
#include "pingcha/text/case_number.h"
#include "pingcha/text/dates.h"

namespace pingcha::criteria {

struct DocInfo {
    std::string category;  // 民事 刑事 行政 执行 赔偿, or "" when unknown
    bool ruling = false;   // 裁定书
    bool judgment = false; // 判决书
    bool second = false;   // second instance (民终, 刑终, 二审)
    bool first = false;    // first instance (…初, or a first-instance procedure)
    std::string procedure; // facts.procedure
    std::optional<text::Date> decided, filed;
};
DocInfo doc_info(const Document& doc);

std::vector<const Section*> sections_of(const Document& doc, std::string_view kind);
// Where the body ends: the signature block, or the end of the view.
std::size_t body_end(const Document& doc);
// lit in v[from, to), or npos.
std::size_t find_u(std::u32string_view v, std::u32string_view lit, std::size_t from = 0,
                   std::size_t to = std::u32string_view::npos);
bool contains_u(std::u32string_view v, std::u32string_view lit, std::size_t from = 0,
                std::size_t to = std::u32string_view::npos);
void add_finding(std::vector<Finding>& out, const char* id, Severity sev, std::string message, std::size_t start,
                 std::size_t end);
// Where a party's role word starts (the name span follows it, maybe after （原审被告） and a colon).
std::size_t role_start(const Document& doc, const Person& p);
// The document's own case number re-parsed with its defects, or nullopt.
std::optional<text::ParsedCaseNumber> own_case_number(const Document& doc);

}  // namespace pingcha::criteria
