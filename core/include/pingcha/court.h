// The court plugin kit of the SDK: a court's data (courts, roster) and what it reads from a judgment
// (case number, signers). Court-agnostic: every court plugin uses it through pingcha::core.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "pingcha/document.h"

namespace pingcha::court {

struct Court {
    std::string code;          // 辽0502
    std::string name;          // 本溪市平山区人民法院
    std::string appeal_court;  // 辽05, empty when not in this plugin
};

struct Member {
    std::string court_code;
    std::string role;  // 法官, 人民陪审员, 书记员, 法官助理
    std::u32string name;
};

class CourtData {
public:
    // Reads courts.tsv and roster.tsv from dir. Throws std::runtime_error naming the file and line
    // of the first problem: a court plugin with a broken roster must be refused, not run half-blind.
    static std::shared_ptr<const CourtData> load(const std::string& dir);
    // What a court plugin's registration does first: loads `<plugin_dir>/<plugin>-data/` and checks
    // that every required file (relative to it) is there. Throws std::runtime_error starting with the
    // plugin's name, so that the refusal says which plugin and which file.
    static std::shared_ptr<const CourtData> load_plugin_data(const std::string& plugin_dir, const std::string& plugin,
                                                             const std::vector<std::string>& required_files);
    static std::string plugin_data_dir(const std::string& plugin_dir, const std::string& plugin) {
        return plugin_dir + "/" + plugin + "-data";
    }

    const Court* court(const std::string& code) const;
    const std::vector<Member>& members(const std::string& code) const;
    // Every roster entry with this name, in any court of the plugin.
    std::vector<const Member*> find_name(const std::u32string& name) const;

private:
    std::map<std::string, Court> courts_;
    std::map<std::string, std::vector<Member>> members_;
};

// A signer of the judgment: role as signed (审判长 …), name without spaces, view span of the name.
struct Signer {
    std::u32string role;
    std::u32string name;
    std::size_t start = 0;
    std::size_t end = 0;
};

// The document's own case number: from the structure stage's facts, else the first （YYYY）辽05民终N号
// in the view.
struct CaseRef {
    bool found = false;
    std::string court_code;  // 辽05
    std::string type_code;   // 民终
};

CaseRef case_ref(const pingcha::Document& doc);
// The signature block: 审判长/审判员/代理审判员/人民陪审员/书记员/法官助理 lines near the end of the
// view, plus the structure stage's judges and clerk (when it filled them) that those lines lack.
std::vector<Signer> signers(const pingcha::Document& doc);
// The roster role a signing role needs (审判长 → 法官).
std::string roster_role(const std::u32string& signing_role);
std::size_t edit_distance(const std::u32string& a, const std::u32string& b);
// Whitespace (ASCII, ideographic, no-break) removed.
std::u32string compact(std::u32string_view s);

// The roster criterion: every signer is on the deciding court's roster in the role signed, with the
// roster name suggested when a signed name is one character off. Silent on other courts' judgments.
void check_roster(const CourtData& data, const std::string& id, const pingcha::Document& doc,
                  std::vector<pingcha::Finding>& out);

}  // namespace pingcha::court
