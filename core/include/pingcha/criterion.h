// A quality criterion: one check with a stable id that emits findings.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "pingcha/document.h"

namespace pingcha {

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
};

}  // namespace pingcha
