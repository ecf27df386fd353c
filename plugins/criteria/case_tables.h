// Tables for the case-number, court, notice and time-limit criteria (court-codes.tsv,
// case-type-codes.tsv, appeal-periods.tsv, time-limits.tsv), loaded once at registration.
#pragma once

#include <map>
#include <unordered_set>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pingcha::criteria {

struct CourtRow {
    std::string code, court, status, evidence;
    std::string key;  // court_key(court), computed at load
};

struct CaseType {
    std::string code, category, instance;  // instance: first, second, retrial, review, execution, other
    std::vector<std::string> roles;
};

struct TimeLimit {
    int amount = 0;
    bool months = true;
    std::string source;
};

struct CaseTables {
    std::vector<CourtRow> courts;
    std::map<std::string, std::size_t> court_by_code;
    std::map<std::string, CaseType> types;
    // (category, 判决|裁定, first|小额|二审) → days, 0 = final
    std::map<std::string, int> appeal_days;
    std::map<std::string, std::string> appeal_source;
    // (category, procedure) → limit
    std::map<std::string, TimeLimit> time_limits;
    // Every court's name as listed and without its province (court-names.tsv), for near misses.
    std::unordered_set<std::u32string> court_names;
    std::map<std::size_t, std::vector<std::u32string>> court_names_by_length;

    const CourtRow* court(const std::string& code) const;
    // The code whose court name matches (with or without the province prefix), or nullptr.
    const CourtRow* court_by_name(const std::string& name) const;
    const CaseType* type(const std::string& code) const;
    // A listed court name one character away from a name no court has (江苏省南京市中级人法院), or "".
    std::string near_court_name(const std::string& name) const;
    std::optional<int> appeal(const std::string& category, const std::string& kind, const std::string& procedure) const;
    std::optional<TimeLimit> limit(const std::string& category, const std::string& procedure) const;
};

// Reads the four tables from dir; throws std::runtime_error naming the file when one is missing.
std::shared_ptr<const CaseTables> load_case_tables(const std::string& dir);

// Court names compared without spaces and without a leading province name (辽宁省).
std::string court_key(const std::string& name);

}  // namespace pingcha::criteria
