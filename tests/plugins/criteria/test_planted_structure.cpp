// Planted defects on real judgments: one known defect is planted in each of the first 160 criminal
// judgments of the shared set (signature date numerals, case-number brackets, a missing clerk, a
// defendant's name changed in the decision, a wrong appeal period, a wrong custody end date, an
// impossible body date, an appeal court a level too high), and the planted criterion must fire at
// the edited place on the edited text and not there before. Prints the detection rate per criterion.
#include <fstream>
#include <map>

#include "judgment_fixtures.h"

using namespace pingcha;
using namespace pingcha::test;

namespace {

// The string value of "key": "…" in one JSON line (\uXXXX escapes and surrogate pairs decoded).
std::string json_field(const std::string& line, const std::string& key) {
    const auto k = line.find("\"" + key + "\": \"");
    if (k == std::string::npos) return {};
    std::string out;
    for (std::size_t i = k + key.size() + 5; i < line.size() && line[i] != '"'; ++i) {
        if (line[i] != '\\' || i + 1 >= line.size()) {
            out.push_back(line[i]);
            continue;
        }
        const char e = line[++i];
        if (e == 'u') {
            unsigned cp = static_cast<unsigned>(std::stoul(line.substr(i + 1, 4), nullptr, 16));
            i += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && line.compare(i + 1, 2, "\\u") == 0) {
                const unsigned lo = static_cast<unsigned>(std::stoul(line.substr(i + 3, 4), nullptr, 16));
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 6;
            }
            utf8::append(out, static_cast<char32_t>(cp));
        } else {
            out.push_back(e == 'n' ? '\n' : e == 't' ? '\t' : e);
        }
    }
    return out;
}

struct Plant {
    std::string criterion;
    std::string text;        // edited text
    std::size_t at = 0;      // code point where the edit starts in the edited text
    std::size_t len = 1;     // code points of the inserted text
};

// Byte offset → code point offset.
std::size_t cp_of(const std::string& s, std::size_t byte) { return utf8::count(std::string_view(s).substr(0, byte)); }

std::optional<Plant> replace_in(const std::string& text, const std::string& criterion, std::size_t from_byte,
                                std::size_t to_byte, const std::string& needle, const std::string& with) {
    const auto p = text.find(needle, from_byte);
    if (p == std::string::npos || p >= to_byte) return std::nullopt;
    Plant pl{criterion, text, cp_of(text, p), utf8::count(with)};
    pl.text.replace(p, needle.size(), with);
    if (pl.len == 0) pl.len = 1;
    return pl;
}

std::size_t byte_of(const std::string& s, std::size_t cp) {
    std::size_t b = 0;
    for (std::size_t i = 0; i < cp && b < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[b]);
        b += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    return b;
}

}  // namespace

class PlantedStructure : public StructuredCriteria {};

TEST_F(PlantedStructure, DefectsInRealCriminalJudgmentsAreFoundWhereTheyWerePlanted) {
    const std::string path = shared_data("judgments/criminal-full-judge-test.jsonl");
    if (path.empty()) GTEST_SKIP() << "shared data absent: judgments/criminal-full-judge-test.jsonl";
    std::ifstream in(path);
    std::string line;
    std::map<std::string, std::pair<int, int>> rate;  // criterion → (planted, found)
    std::vector<std::string> misses;
    int docs = 0;
    for (int n = 0; n < 160 && std::getline(in, line); ++n) {
        const std::string text = json_field(line, "fd");
        auto d = harness().run_text("decode ! structure", text);
        if (d.failed()) continue;
        ++docs;
        auto sec = [&](const char* kind) -> std::pair<std::size_t, std::size_t> {
            const Section* s = d.section(kind);
            if (!s) return {std::string::npos, std::string::npos};
            return {byte_of(text, s->start), byte_of(text, s->end)};
        };
        std::optional<Plant> p;
        // Each document gets the first plant that applies, starting at a rotating kind.
        for (int k = 0; k < 8 && !p; ++k) {
            switch ((n + k) % 8) {
                case 0: {
                    auto [s, e] = sec("date");
                    if (s != std::string::npos) p = replace_in(text, "date.signature", s, e, "〇", "O");
                    break;
                }
                case 1: {
                    auto [s, e] = sec("case_number");
                    if (s != std::string::npos) p = replace_in(text, "case-number.format", s, e, "（", "(");
                    break;
                }
                case 2: {
                    auto [s, e] = sec("clerk");
                    if (s != std::string::npos && d.section("signature")) {
                        const auto sig = sec("signature");
                        Plant pl{"structure.signature", text, cp_of(text, sig.first), 1};
                        pl.text.erase(s, e - s);
                        p = pl;
                    }
                    break;
                }
                case 3: {
                    auto [s, e] = sec("decision");
                    for (const auto& party : d.facts.parties) {
                        const std::u32string name = utf8::decode(party.name);
                        if (party.role != "被告人" || name.size() < 3 || name.find(U'某') != std::u32string::npos) continue;
                        if (s == std::string::npos) break;
                        std::u32string changed = name;
                        changed.back() = changed.back() == U'峰' ? U'锋' : U'峰';
                        p = replace_in(text, "party.names", s, e, "被告人" + party.name,
                                       "被告人" + utf8::encode(changed));
                        if (p) {
                            p->at += 3;
                            p->len = name.size();
                        }
                        break;
                    }
                    break;
                }
                case 4: {
                    auto [s, e] = sec("notice");
                    if (s != std::string::npos) p = replace_in(text, "notice.procedure", s, e, "十日内", "十五日内");
                    break;
                }
                case 5: {
                    // the custody window's end day moved by ten days
                    auto [s, e] = sec("decision");
                    if (s == std::string::npos) break;
                    const auto w = text.find("日起至", s);
                    if (w == std::string::npos || w >= e) break;
                    const auto stop = text.find("日止", w);
                    if (stop == std::string::npos || stop > w + 40) break;
                    std::size_t ds = stop;
                    while (ds > w && text[ds - 1] >= '0' && text[ds - 1] <= '9') --ds;
                    if (ds == stop) break;
                    const int day = std::stoi(text.substr(ds, stop - ds));
                    const std::string nd = std::to_string(day > 15 ? day - 10 : day + 10);
                    Plant pl{"sentence.term", text, cp_of(text, text.rfind("自", w)), 1};
                    pl.text.replace(ds, stop - ds, nd);
                    pl.len = cp_of(pl.text, stop) - pl.at;
                    // only where the window is checked: one unbroken custody, judged consistent as written
                    auto b = harness().run_text("decode ! structure ! criteria only=sentence.term", text);
                    bool interrupted = false;  // the criterion's own list: custody not one stretch
                    for (const char* w : {"取保候审", "监视居住", "释放", "假释", "在逃", "脱逃", "暂予监外执行", "行政拘留",
                                          "司法拘留"})
                        if (text.find(w) != std::string::npos) interrupted = true;
                    if (b.findings.empty() && !interrupted) p = pl;
                    break;
                }
                case 6: {
                    auto [s, e] = sec("claims");
                    if (s == std::string::npos) std::tie(s, e) = sec("facts");
                    if (s == std::string::npos) break;
                    // an impossible day in the first body date: 2017年4月28日 → 2017年2月30日
                    for (auto y = text.find("年", s); y != std::string::npos && y < e; y = text.find("年", y + 3)) {
                        if (y < s + 4 || !std::isdigit(static_cast<unsigned char>(text[y - 1]))) continue;
                        const auto m = text.find("月", y);
                        const auto dd = text.find("日", y);
                        if (m == std::string::npos || dd == std::string::npos || dd > y + 14 || m > dd) continue;
                        Plant pl{"date.body", text, cp_of(text, y - 4), 1};
                        pl.text.replace(y + 3, dd - (y + 3), "2月30");
                        pl.len = cp_of(pl.text, y + 3 + 7) - pl.at;
                        p = pl;
                        break;
                    }
                    break;
                }
                case 7: {
                    if (!d.facts.case_number || d.facts.case_number->court_code.size() != 7) break;  // 辽0502: 3+4 bytes
                    auto [s, e] = sec("notice");
                    if (s != std::string::npos) p = replace_in(text, "court.appeal-target", s, e, "中级人民法院", "高级人民法院");
                    break;
                }
            }
        }
        if (!p) continue;
        auto hits = [&](const std::string& t) {
            auto r = harness().run_text("decode ! structure ! criteria only=" + p->criterion, t);
            for (const auto& f : r.findings)
                if (f.criterion == p->criterion && f.start <= p->at + p->len && p->at < std::max(f.end, f.start + 1))
                    return true;
            return false;
        };
        // "there before": the same place in the original text
        const bool before = hits(text);
        if (before) continue;  // the original already has this defect here: nothing planted
        auto& r = rate[p->criterion];
        ++r.first;
        if (hits(p->text)) ++r.second;
        else misses.push_back(p->criterion + " in document " + std::to_string(n));
    }
    int planted = 0, found = 0;
    for (const auto& [id, r] : rate) {
        std::printf("planted %-22s %3d  found %3d  (%.0f%%)\n", id.c_str(), r.first, r.second,
                    r.first ? 100.0 * r.second / r.first : 0.0);
        planted += r.first;
        found += r.second;
    }
    std::printf("documents %d, planted %d, found %d (%.1f%%)\n", docs, planted, found, planted ? 100.0 * found / planted : 0.0);
    for (const auto& m : misses) std::printf("missed: %s\n", m.c_str());
    EXPECT_GE(planted, 100);
    EXPECT_GE(found * 100, planted * 95);
}
