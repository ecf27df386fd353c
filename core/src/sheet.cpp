// Scoring sheets: read from JSON data files and applied to a document's findings.
#include "pingcha/sheet.h"

#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pingcha/pipeline.h"

namespace fs = std::filesystem;

namespace pingcha {

std::optional<SheetRule> Sheet::rule_for(const std::string& criterion) const {
    if (auto it = rules.find(criterion); it != rules.end()) return it->second;
    std::string prefix = criterion;
    while (true) {
        const auto dot = prefix.find_last_of('.');
        if (dot == std::string::npos) break;
        prefix = prefix.substr(0, dot);
        if (auto it = rules.find(prefix + ".*"); it != rules.end()) return it->second;
    }
    return default_rule;
}

void Sheet::apply(Document& doc) const {
    std::map<std::string, double> taken;
    double deducted = 0;
    for (auto& f : doc.findings) {
        f.deduction = 0;
        if (f.severity != Severity::error) continue;
        const auto rule = rule_for(f.criterion);
        if (!rule) continue;
        double d = rule->deduction;
        if (rule->cap > 0) d = std::max(0.0, std::min(d, rule->cap - taken[f.criterion]));
        taken[f.criterion] += d;
        f.deduction = d;
        deducted += d;
    }
    Score s;
    s.sheet = name;
    s.sheet_version = version;
    s.max = max;
    s.deducted = std::min(deducted, max);
    s.value = max - s.deducted;
    for (const auto& g : grades)
        if (s.value >= g.min_score) {
            s.grade = g.name;
            break;
        }
    doc.score = s;
}

Sheet parse_sheet(const std::string& json_text, const std::string& file) {
    Sheet sheet;
    sheet.file = file;
    try {
        Poco::JSON::Parser parser;
        auto root = parser.parse(json_text).extract<Poco::JSON::Object::Ptr>();
        sheet.name = root->getValue<std::string>("name");
        sheet.version = root->getValue<std::string>("version");
        sheet.title = root->optValue<std::string>("title", "");
        sheet.norm = root->optValue<std::string>("norm", "");
        sheet.max = root->optValue<double>("max", 100.0);
        if (auto grades = root->getArray("grades")) {
            for (std::size_t i = 0; i < grades->size(); ++i) {
                auto g = grades->getObject(i);
                sheet.grades.push_back({g->getValue<std::string>("name"), g->getValue<double>("min")});
            }
        }
        std::sort(sheet.grades.begin(), sheet.grades.end(),
                  [](const Grade& a, const Grade& b) { return a.min_score > b.min_score; });
        auto read_rule = [](const Poco::JSON::Object::Ptr& o) {
            SheetRule r;
            r.deduction = o->getValue<double>("deduction");
            r.cap = o->optValue<double>("cap", 0.0);
            if (r.deduction < 0 || r.cap < 0) throw ConfigError("negative deduction or cap");
            return r;
        };
        if (auto def = root->getObject("default")) sheet.default_rule = read_rule(def);
        if (auto crit = root->getObject("criteria")) {
            for (const auto& key : crit->getNames()) sheet.rules[key] = read_rule(crit->getObject(key));
        }
    } catch (const ConfigError& e) {
        throw ConfigError(file + ": " + e.what());
    } catch (const Poco::Exception& e) {
        throw ConfigError(file + ": not a valid scoring sheet: " + e.displayText());
    }
    if (sheet.grades.empty()) throw ConfigError(file + ": the sheet has no grades");
    return sheet;
}

Sheet load_sheet(const std::string& name_or_path, const std::vector<std::string>& dirs) {
    auto read = [](const std::string& p) {
        std::ifstream in(p, std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        return ss.str();
    };
    if (name_or_path.find('/') != std::string::npos || name_or_path.find(".json") != std::string::npos) {
        std::error_code ec;
        if (!fs::is_regular_file(name_or_path, ec)) throw ConfigError("no sheet file " + name_or_path);
        return parse_sheet(read(name_or_path), name_or_path);
    }
    std::vector<std::string> known;
    for (const auto& d : dirs) {
        const fs::path p = fs::path(d) / "sheets" / (name_or_path + ".json");
        std::error_code ec;
        if (fs::is_regular_file(p, ec)) return parse_sheet(read(p.string()), p.string());
        for (const auto& e : fs::directory_iterator(fs::path(d) / "sheets", ec))
            if (e.path().extension() == ".json") known.push_back(e.path().stem().string());
    }
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
    throw ConfigError("unknown sheet '" + name_or_path + "'; known: " + (list.empty() ? "(none)" : list));
}

}  // namespace pingcha
