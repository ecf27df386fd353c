// Loading and lookups of the case-number, court, appeal-period and time-limit tables.
#include "case_tables.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "pingcha/text/case_number.h"
#include "pingcha/text/numerals.h"
#include "pingcha/utf8.h"
#include "scan.h"

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

std::string CaseTables::near_court_name(const std::string& name) const {
    const std::u32string full = utf8::decode(name), key = utf8::decode(court_key(name));
    if (full.size() < 5 || court_names.count(full) || court_names.count(key)) return {};
    // 县 → 区, 县 → 市 renames leave old names in older judgments: a different unit word is no slip
    static const std::u32string_view units = U"县区市旗盟州";
    for (const std::u32string* probe : {&full, &key}) {
        for (std::size_t len = probe->size() - 1; len <= probe->size() + 1; ++len) {
            const auto it = court_names_by_length.find(len);
            if (it == court_names_by_length.end()) continue;
            for (const auto& known : it->second) {
                if (edit_distance(*probe, known, 1) != 1) continue;
                if (known.size() == probe->size()) {
                    std::size_t k = 0;
                    while (known[k] == (*probe)[k]) ++k;
                    if (units.find(known[k]) != std::u32string_view::npos && units.find((*probe)[k]) != std::u32string_view::npos)
                        continue;
                    if (text::is_chinese_numeral_char(known[k]) && text::is_chinese_numeral_char((*probe)[k])) continue;
                }
                return utf8::encode(known);
            }
        }
    }
    return {};
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
    for (const auto& r : read_tsv(dir + "/court-names.tsv")) {
        if (r.empty() || r[0].empty()) continue;
        for (const std::u32string& n : {utf8::decode(r[0]), utf8::decode(court_key(r[0]))})
            if (t->court_names.insert(n).second) t->court_names_by_length[n.size()].push_back(n);
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
