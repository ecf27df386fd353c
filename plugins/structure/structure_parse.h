// Internals of the structure stage shared by its units (labelling and fact extraction).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pingcha/document.h"

namespace pingcha::structure {

struct Paragraph {
    std::size_t start, end;  // view coordinates
    std::string kind;        // section kind, or "" when not labelled
};

std::vector<Paragraph> split_paragraphs(const std::u32string& view);
std::vector<Paragraph> label_paragraphs(const std::u32string& view);
std::vector<Section> merge_sections(const std::u32string& view, const std::vector<Paragraph>& paras);
// Parses one party paragraph starting at s (role, original role in brackets, name).
// The party role word at v[pos] (被上诉人, 委托诉讼代理人 …), longest first; empty when none.
std::u32string_view role_at(std::u32string_view v, std::size_t pos);
std::optional<Person> parse_party(std::u32string_view v, std::size_t s, std::size_t e);
bool is_agent_role(const std::string& role);
// Fills doc.facts from doc.view and doc.sections.
void extract_facts(Document& doc);

// When a text is refused instead of scored (gate.cpp).
struct GateParams {
    int min_parts = 3;                      // of title, case number, court, parties, reasoning/decision, signature
    double min_ocr_confidence = 45;         // below: unreadable whatever was found
    double doubtful_ocr_confidence = 75;    // below, and not a judgment: unreadable rather than not_a_judgment
};
// A rejection (not_a_judgment, unreadable) with its reason, or nullopt when the text is a decision to score.
std::optional<Failure> not_scorable(const Document& doc, const GateParams& p);

}  // namespace pingcha::structure
