// Scoring sheets (评分表): versioned data that turns findings into a 100-point score and a grade.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pingcha/document.h"

namespace pingcha {

struct SheetRule {
    double deduction = 0;  // per finding
    double cap = 0;        // at most this much for the criterion; 0 = no cap
};

struct Grade {
    std::string name;
    double min_score = 0;
};

struct Sheet {
    std::string name;
    std::string version;
    std::string title;
    std::string norm;
    double max = 100;
    std::vector<Grade> grades;                 // highest first
    std::map<std::string, SheetRule> rules;    // by criterion id
    std::optional<SheetRule> default_rule;     // for error criteria not listed
    std::string file;

    // The rule for a criterion id: exact id, then longest dotted prefix ("court.liaoning-benxi.*"),
    // then the default rule.
    std::optional<SheetRule> rule_for(const std::string& criterion) const;
    // Sets each finding's deduction and fills doc.score.
    void apply(Document& doc) const;
};

// Reads NAME.json from the sheets/ subfolder of each search folder, or a path. Throws ConfigError.
Sheet load_sheet(const std::string& name_or_path, const std::vector<std::string>& dirs);
Sheet parse_sheet(const std::string& json_text, const std::string& file);

}  // namespace pingcha
