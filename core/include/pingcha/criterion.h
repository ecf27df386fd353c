// A quality criterion: one check with a stable id that emits findings.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "pingcha/document.h"

namespace pingcha {

// Where a criterion applies, checked by the criteria stage against the structure stage's facts
// before the check runs; a criterion skipped is listed in the result with the reason. Empty: any.
struct Applicability {
    std::vector<std::string> kinds;           // the title ends with one of these: 判决书, 裁定书, 调解书 …
    std::vector<std::string> categories;      // the title names one of these: 民事, 刑事, 行政 …
    std::vector<std::string> procedures;      // facts.procedure is one of these (一审 = none of 二审/再审…)
    std::vector<std::string> not_subkinds;    // skipped for rulings that only decide one of these
    std::string in_force_from;                // ISO date of the norm; earlier decisions are skipped
    bool needs_decision_date = false;         // skipped when the decision date is unknown
};

struct CriterionSpec {
    std::string id;           // e.g. date.signature, court.liaoning-benxi.roster
    std::string name;         // 落款日期
    Severity severity = Severity::error;
    std::string description;  // one line, Chinese or English
    std::string source;       // the norm it rests on
    bool is_soft = false;     // feeds the reasoning sub-score
    // Reads the document (view, sections, facts) and appends findings. Must be thread-safe:
    // criteria are shared by all pipeline instances.
    std::function<void(const Document&, std::vector<Finding>&)> check;
    Applicability applies = {};
};

// Why `applies` rules the criterion out for this document, or "" when it applies.
std::string skip_reason(const Applicability& a, const Document& doc);

}  // namespace pingcha
