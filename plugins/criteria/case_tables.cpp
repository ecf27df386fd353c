// Loading and lookups of the case-number, court, appeal-period and time-limit tables.
#include "case_tables.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "pingcha/text/case_number.h"
#include "pingcha/utf8.h"

namespace pingcha::criteria {

namespace {

std::vector<std::vector<std::string>> read_tsv(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("criteria: missing data table " + path);
    std::vector<std::vector<std::string>> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cols;
        std::stringstream ss(line);
        std::string col;
        while (std::getline(ss, col, '\t')) cols.push_back(col);
        rows.push_back(std::move(cols));
    }
    return rows;
}

std::string key(const std::string& a, const std::string& b, const std::string& c = "") { return a + "|" + b + "|" + c; }

}  // namespace

std::string court_key(const std::string& name) {
    std::u32string s;
    for (char32_t c : utf8::decode(name))
        if (!text::is_space(c)) s.push_back(c);
    for (const auto& p : text::provinces()) {
        const std::u32string pn = utf8::decode(p.name);
        // the province is the whole name of its high court (浙江省高级人民法院 is not 辽宁省高级人民法院)
        if (s.rfind(pn, 0) == 0 && s.compare(pn.size(), 2, U"高级") != 0) {
            s.erase(0, pn.size());
            break;
        }
    }
    return utf8::encode(s);
}

const CourtRow* CaseTables::court(const std::string& code) const {
    auto it = court_by_code.find(code);
    return it == court_by_code.end() ? nullptr : &courts[it->second];
}

const CourtRow* CaseTables::court_by_name(const std::string& name) const {
    const std::string k = court_key(name);
    for (const auto& c : courts)
        if (c.key == k) return &c;
    return nullptr;
}

const CaseType* CaseTables::type(const std::string& code) const {
    auto it = types.find(code);
    return it == types.end() ? nullptr : &it->second;
}

std::optional<int> CaseTables::appeal(const std::string& category, const std::string& kind,
                                      const std::string& procedure) const {
    auto it = appeal_days.find(key(category, kind, procedure));
    if (it == appeal_days.end()) return std::nullopt;
    return it->second;
}

std::optional<TimeLimit> CaseTables::limit(const std::string& category, const std::string& procedure) const {
    auto it = time_limits.find(key(category, procedure));
    if (it == time_limits.end()) return std::nullopt;
    return it->second;
}

std::shared_ptr<const CaseTables> load_case_tables(const std::string& dir) {
    auto t = std::make_shared<CaseTables>();
    for (const auto& r : read_tsv(dir + "/court-codes.tsv")) {
        if (r.size() < 3) continue;
        t->court_by_code[r[0]] = t->courts.size();
        t->courts.push_back({r[0], r[1], r[2], r.size() > 3 ? r[3] : "", court_key(r[1])});
    }
    for (const auto& r : read_tsv(dir + "/case-type-codes.tsv")) {
        if (r.size() < 3) continue;
        CaseType ct{r[0], r[1], r[2], {}};
        if (r.size() > 3) {
            std::stringstream ss(r[3]);
            std::string role;
            while (std::getline(ss, role, '|'))
                if (!role.empty()) ct.roles.push_back(role);
        }
        t->types[r[0]] = ct;
    }
    for (const auto& r : read_tsv(dir + "/appeal-periods.tsv")) {
        if (r.size() < 4) continue;
        t->appeal_days[key(r[0], r[1], r[2])] = std::stoi(r[3]);
        t->appeal_source[key(r[0], r[1], r[2])] = r.size() > 4 ? r[4] : "";
    }
    for (const auto& r : read_tsv(dir + "/time-limits.tsv")) {
        if (r.size() < 4) continue;
        t->time_limits[key(r[0], r[1])] = {std::stoi(r[2]), r[3] == "months", r.size() > 4 ? r[4] : ""};
    }
    return t;
}

}  // namespace pingcha::criteria
