// Loads a court plugin's courts and roster, and reads the case number and signature block of a judgment.
#include "pingcha/court.h"

#include <algorithm>
#include <filesystem>
#include <array>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "pingcha/utf8.h"

namespace pingcha::court {

namespace {

using pingcha::utf8::decode;

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u3000' || c == U'\u00A0' || c == U'\r'; }
bool is_cjk(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }
bool is_digit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }

// Tab-separated rows of a data file: '#' lines and blank lines skipped, CR and a BOM tolerated.
struct Row {
    int line = 0;
    std::vector<std::string> cols;
};

std::vector<Row> read_rows(const std::string& path, std::size_t columns, const std::string& what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read the " + what + " " + path + " (missing or unreadable)");
    std::vector<Row> rows;
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (n == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        const std::string where = path + " line " + std::to_string(n);
        if (pingcha::utf8::find_invalid(line) != std::string::npos)
            throw std::runtime_error(what + " " + where + ": invalid UTF-8");
        Row row{n, {}};
        std::stringstream ss(line);
        std::string col;
        while (std::getline(ss, col, '\t')) row.cols.push_back(col);
        if (!line.empty() && line.back() == '\t') row.cols.push_back("");
        if (row.cols.size() != columns)
            throw std::runtime_error(what + " " + where + ": expected " + std::to_string(columns) +
                                     " tab-separated columns, got " + std::to_string(row.cols.size()));
        for (const auto& c : row.cols)
            if (c.empty()) throw std::runtime_error(what + " " + where + ": an empty column");
        rows.push_back(std::move(row));
    }
    if (rows.empty()) throw std::runtime_error("the " + what + " " + path + " has no entries");
    return rows;
}

const std::set<std::string> kRosterRoles = {"法官", "人民陪审员", "书记员", "法官助理"};

// Longest first, so that 代理审判员 is not read as 审判员 with a name starting 代理.
const std::array<std::u32string_view, 6> kSigningRoles = {U"代理审判员", U"人民陪审员", U"法官助理",
                                                          U"审判长",     U"审判员",     U"书记员"};

std::size_t role_at(const std::u32string& s, std::size_t at) {
    for (auto r : kSigningRoles)
        if (s.compare(at, r.size(), r) == 0) return r.size();
    return 0;
}

bool is_name_char(char32_t c) { return is_cjk(c) || c == U'·' || c == U'•'; }

// One line of the view with whitespace removed, and where each kept character came from.
struct CompactLine {
    std::u32string text;
    std::vector<std::size_t> at;
};

CompactLine compact_line(const std::u32string& v, std::size_t s, std::size_t e) {
    CompactLine out;
    for (std::size_t i = s; i < e; ++i)
        if (!is_space(v[i])) {
            out.text.push_back(v[i]);
            out.at.push_back(i);
        }
    return out;
}

// Signer lines: a line that is nothing but roles and names ("审判长 张某华", "审 判 员　李 某 明",
// "审判长张某华 审判员李某明"). Anything else on the line means it is prose, not the block.
std::vector<Signer> signers_from_view(const std::u32string& v) {
    std::vector<std::pair<std::size_t, std::size_t>> lines;
    std::size_t end = v.size();
    // the block sits at the end; 40 lines is generous even with an appendix of cited articles
    for (std::size_t i = v.size(); i-- > 0 && lines.size() < 40;) {
        if (v[i] == U'\n' || v[i] == U'\u2028') {
            if (i + 1 < end) lines.emplace_back(i + 1, end);
            end = i;
        }
    }
    if (lines.size() < 40 && end > 0) lines.emplace_back(0, end);
    std::reverse(lines.begin(), lines.end());

    std::vector<Signer> out;
    for (auto [s, e] : lines) {
        const CompactLine c = compact_line(v, s, e);
        if (c.text.empty() || role_at(c.text, 0) == 0) continue;
        std::vector<Signer> found;
        bool is_block = true;
        std::size_t p = 0;
        while (p < c.text.size() && is_block) {
            const std::size_t rl = role_at(c.text, p);
            if (rl == 0) {
                is_block = false;
                break;
            }
            const std::size_t ns = p + rl;
            std::size_t ne = ns;
            while (ne < c.text.size() && role_at(c.text, ne) == 0) ++ne;
            std::size_t te = ne;
            while (te > ns && !is_name_char(c.text[te - 1])) --te;  // trailing punctuation
            if (te == ns || te - ns > 6) {
                // a role with no name or with a long run after it: prose, not a signer line
                is_block = false;
                break;
            }
            for (std::size_t k = ns; k < te; ++k)
                if (!is_name_char(c.text[k])) is_block = false;
            if (!is_block) break;
            found.push_back({c.text.substr(p, rl), c.text.substr(ns, te - ns), c.at[ns], c.at[te - 1] + 1});
            p = ne;
        }
        if (is_block) out.insert(out.end(), found.begin(), found.end());
    }
    return out;
}

// Where a name last occurs in the view (the clerk signs last), for a clerk known only by name.
std::pair<std::size_t, std::size_t> last_span_of(const std::u32string& v, const std::u32string& name) {
    const std::size_t at = v.rfind(name);
    if (at == std::u32string::npos) return {0, 0};
    return {at, at + name.size()};
}

}  // namespace

std::u32string compact(std::u32string_view s) {
    std::u32string out;
    for (char32_t c : s)
        if (!is_space(c) && c != U'\n') out.push_back(c);
    return out;
}

std::shared_ptr<const CourtData> CourtData::load(const std::string& dir) {
    auto data = std::make_shared<CourtData>();
    const std::string courts_file = dir + "/courts.tsv";
    for (const auto& row : read_rows(courts_file, 3, "court list")) {
        Court c{row.cols[0], row.cols[1], row.cols[2] == "-" ? "" : row.cols[2]};
        if (data->courts_.count(c.code))
            throw std::runtime_error("court list " + courts_file + " line " + std::to_string(row.line) +
                                     ": court " + c.code + " listed twice");
        data->courts_.emplace(c.code, c);
    }
    for (const auto& [code, c] : data->courts_)
        if (!c.appeal_court.empty() && !data->courts_.count(c.appeal_court))
            throw std::runtime_error("court list " + courts_file + ": court " + code + " appeals to " +
                                     c.appeal_court + ", which is not listed");

    const std::string roster_file = dir + "/roster.tsv";
    for (const auto& row : read_rows(roster_file, 3, "roster")) {
        const std::string where = "roster " + roster_file + " line " + std::to_string(row.line) + ": ";
        const std::string& code = row.cols[0];
        if (!data->courts_.count(code))
            throw std::runtime_error(where + "unknown court code " + code + " (not in courts.tsv)");
        if (!kRosterRoles.count(row.cols[1]))
            throw std::runtime_error(where + "unknown role '" + row.cols[1] +
                                     "' (法官, 人民陪审员, 书记员 or 法官助理)");
        const std::u32string name = decode(row.cols[2]);
        if (name.size() < 2 || name.size() > 6 || !std::all_of(name.begin(), name.end(), is_name_char))
            throw std::runtime_error(where + "'" + row.cols[2] + "' is not a name (2 to 6 Chinese characters)");
        auto& list = data->members_[code];
        for (const auto& m : list)
            if (m.name == name && m.role == row.cols[1])
                throw std::runtime_error(where + row.cols[2] + " is listed twice for " + code);
        list.push_back({code, row.cols[1], name});
    }
    return data;
}

const Court* CourtData::court(const std::string& code) const {
    auto it = courts_.find(code);
    return it == courts_.end() ? nullptr : &it->second;
}

const std::vector<Member>& CourtData::members(const std::string& code) const {
    static const std::vector<Member> none;
    auto it = members_.find(code);
    return it == members_.end() ? none : it->second;
}

std::vector<const Member*> CourtData::find_name(const std::u32string& name) const {
    std::vector<const Member*> out;
    for (const auto& [code, list] : members_)
        for (const auto& m : list)
            if (m.name == name) out.push_back(&m);
    return out;
}

CaseRef case_ref(const pingcha::Document& doc) {
    if (doc.facts.case_number && !doc.facts.case_number->court_code.empty())
        return {true, doc.facts.case_number->court_code, doc.facts.case_number->type_code};
    const std::u32string& v = doc.view;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] != U'（' && v[i] != U'(' && v[i] != U'〔') continue;
        std::size_t j = i + 1, digits = 0;
        while (j < v.size() && is_digit(v[j]) && digits < 5) ++j, ++digits;
        if (digits != 4 || j >= v.size() || (v[j] != U'）' && v[j] != U')' && v[j] != U'〕')) continue;
        ++j;
        if (j >= v.size() || !is_cjk(v[j])) continue;
        const std::size_t code_start = j++;
        while (j < v.size() && v[j] >= U'0' && v[j] <= U'9' && j - code_start <= 4) ++j;
        const std::size_t type_start = j;
        while (j < v.size() && is_cjk(v[j]) && j - type_start < 5) ++j;
        if (j == type_start) continue;
        const std::size_t type_end = j;
        std::size_t serial = 0;
        while (j < v.size() && is_digit(v[j])) ++j, ++serial;
        if (serial == 0 || j >= v.size() || v[j] != U'号') continue;
        return {true, pingcha::utf8::encode(v.substr(code_start, type_start - code_start)),
                pingcha::utf8::encode(v.substr(type_start, type_end - type_start))};
    }
    return {};
}

std::vector<Signer> signers(const pingcha::Document& doc) {
    // Two readers, merged: the line reader here copes with spaced names (审　判　长　姚　某　刚); the
    // structure stage copes with blocks that are not one signer a line. A signer found by both
    // (overlapping spans, or the same role and name) is taken once, from the line reader.
    std::vector<Signer> out = signers_from_view(doc.view);
    const std::size_t from_view = out.size();
    auto known = [&](const Signer& s) {
        for (std::size_t i = 0; i < from_view; ++i) {
            const Signer& o = out[i];
            if ((s.end > s.start && o.start < s.end && s.start < o.end) || (o.role == s.role && o.name == s.name))
                return true;
        }
        return false;
    };
    for (const auto& j : doc.facts.judges) {
        Signer s{compact(decode(j.role)), compact(decode(j.name)), j.start, j.end};
        if (!s.name.empty() && !known(s)) out.push_back(std::move(s));
    }
    const bool has_clerk = std::any_of(out.begin(), out.end(), [](const Signer& s) { return s.role == U"书记员"; });
    if (!has_clerk && !doc.facts.clerk.empty()) {
        const std::u32string name = compact(decode(doc.facts.clerk));
        auto [s, e] = last_span_of(doc.view, name);
        out.push_back({U"书记员", name, s, e});
    }
    return out;
}

std::string roster_role(const std::u32string& signing_role) {
    if (signing_role == U"人民陪审员") return "人民陪审员";
    if (signing_role == U"书记员") return "书记员";
    if (signing_role == U"法官助理") return "法官助理";
    return "法官";
}

std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

// Every signer is on the deciding court's roster in the role signed; a name one character off a
// roster name is most often an OCR or typing slip, so the roster name is suggested.
void check_roster(const CourtData& data, const std::string& id, const pingcha::Document& doc,
                  std::vector<pingcha::Finding>& out) {
    const auto ref = case_ref(doc);
    const Court* court = ref.found ? data.court(ref.court_code) : nullptr;
    if (!court) return;  // another court's judgment: not this roster's business
    const auto& roster = data.members(court->code);
    // A roster of masked names (张某华: the demonstration data a court replaces with its own) can only
    // judge signers written the same way; a real name is never "missing" from it.
    const bool masked_roster = !roster.empty() && std::all_of(roster.begin(), roster.end(), [](const Member& m) {
        return m.name.find(U'某') != std::u32string::npos;
    });
    for (const auto& s : signers(doc)) {
        if (masked_roster && s.name.find(U'某') == std::u32string::npos) continue;
        const std::string role = roster_role(s.role);
        const Member* same = nullptr;
        const Member* other_role = nullptr;
        for (const auto& m : roster) {
            if (m.name != s.name) continue;
            if (m.role == role) same = &m;
            else other_role = &m;
        }
        if (same) continue;
        const std::string who = pingcha::utf8::encode(s.role) + "“" + pingcha::utf8::encode(s.name) + "”";
        std::string msg;
        if (other_role) {
            msg = who + "在" + court->name + "名册中是" + other_role->role + "，不能以" + pingcha::utf8::encode(s.role) + "署名";
        } else {
            msg = who + "不在" + court->name + "（" + court->code + "）的" + role + "名册中";
            for (const auto* m : data.find_name(s.name))
                if (m->court_code != court->code) {
                    msg += "（名册中为" + data.court(m->court_code)->name + m->role + "）";
                    break;
                }
            std::vector<std::u32string> near;
            for (const auto& m : roster)
                if (m.role == role && edit_distance(m.name, s.name) == 1) near.push_back(m.name);
            if (!near.empty()) {
                msg += "；是否为";
                for (std::size_t i = 0; i < near.size() && i < 3; ++i)
                    msg += (i ? "或“" : "“") + pingcha::utf8::encode(near[i]) + "”";
                msg += "？";
            }
        }
        out.push_back({id, pingcha::Severity::error, msg, s.start, s.end, 0});
    }
}

std::shared_ptr<const CourtData> CourtData::load_plugin_data(const std::string& plugin_dir, const std::string& plugin,
                                                            const std::vector<std::string>& required_files) {
    namespace fs = std::filesystem;
    const std::string data_dir = plugin_data_dir(plugin_dir, plugin);
    if (!fs::is_directory(data_dir))
        throw std::runtime_error(plugin + ": no data folder " + data_dir + " (it is installed beside the plugin)");
    std::shared_ptr<const CourtData> data;
    try {
        data = load(data_dir);
    } catch (const std::exception& e) {
        throw std::runtime_error(plugin + ": " + e.what());
    }
    for (const auto& f : required_files)
        if (!fs::is_regular_file(data_dir + "/" + f))
            throw std::runtime_error(plugin + ": missing data file " + data_dir + "/" + f);
    return data;
}

}  // namespace pingcha::court
