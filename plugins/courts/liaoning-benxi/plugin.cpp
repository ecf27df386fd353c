// liaoning-benxi: 本溪中院 (辽05) and its basic courts: roster of signers, appeal-court full name,
// the 2023 campaign sheet and its pipeline.
#include <memory>
#include <stdexcept>

#include "pingcha/court.h"
#include "pingcha/plugin/abi.h"
#include "pingcha/registry.h"
#include "pingcha/utf8.h"

namespace {

using pingcha::court::CourtData;
using pingcha::Document;
using pingcha::Finding;
using pingcha::Severity;
using pingcha::utf8::encode;

constexpr const char* kPlugin = "liaoning-benxi";
constexpr const char* kVersion = "1.0.0";
const std::string kRosterId = std::string("court.") + kPlugin + ".roster";
const std::string kAppealId = std::string("court.") + kPlugin + ".appeal-court";

// Local rule: a basic court's appeal notice names the appellate court by its full official name
// (辽宁省本溪市中级人民法院), not 本溪市中级人民法院 / 本溪中院 / another court. The generic
// court.appeal-target rule accepts any name that resolves to the right court; the campaign office
// wants the name a party can put on an appeal without guessing. A rare slip: 3 of 980 Liaoning
// first-instance civil notices in the shared civil set leave out 辽宁省.
void check_appeal_court(const CourtData& data, const Document& doc, std::vector<Finding>& out) {
    const auto ref = pingcha::court::case_ref(doc);
    const pingcha::court::Court* court = ref.found ? data.court(ref.court_code) : nullptr;
    if (!court || court->appeal_court.empty()) return;
    if (ref.type_code.size() < 3 || ref.type_code.compare(ref.type_code.size() - 3, 3, "初") != 0) return;
    const std::u32string& v = doc.view;
    const std::size_t at = v.rfind(U"上诉于");
    if (at == std::u32string::npos) return;
    std::size_t s = at + 3;
    while (s < v.size() && (v[s] == U' ' || v[s] == U'\u3000')) ++s;
    // the named court: up to 法院, or to the end of the clause when 法院 never comes
    std::size_t e = v.find(U"法院", s);
    if (e != std::u32string::npos && e - s <= 24) e += 2;
    else {
        e = s;
        while (e < v.size() && e - s < 24 && v[e] != U'。' && v[e] != U'，' && v[e] != U'；' && v[e] != U'\n') ++e;
    }
    if (e == s) return;
    const std::string named = encode(pingcha::court::compact(std::u32string_view(v).substr(s, e - s)));
    const std::string& expected = data.court(court->appeal_court)->name;
    if (named == expected) return;
    out.push_back({kAppealId, Severity::error,
                   "上诉法院应写全称“" + expected + "”，此处写作“" + named + "”", s, e, 0});
}

void register_all(pingcha::Registry& registry, const std::string& plugin_dir) {
    const std::string data_dir = CourtData::plugin_data_dir(plugin_dir, kPlugin);
    const auto data = CourtData::load_plugin_data(plugin_dir, kPlugin, {"pipelines/benxi-review.pipeline", "pipelines/sheets/liaoning-benxi-2023.json"});

    registry.add_criterion({kRosterId, "署名人员名册", Severity::error,
                            "落款的审判人员、书记员在作出裁判的法院（本溪两级法院）名册中，且署名身份相符",
                            "本溪市中级人民法院人员名册（插件数据 roster.tsv）；《人民法院民事裁判文书制作规范》落款",
                            false, [data](const Document& d, std::vector<Finding>& o) { pingcha::court::check_roster(*data, kRosterId, d, o); }});
    registry.add_criterion({kAppealId, "上诉法院全称", Severity::error,
                            "本溪基层法院一审裁判的上诉告知写明“辽宁省本溪市中级人民法院”全称",
                            "本溪中院2023年度评查要点（示例规则）；《民事诉讼文书样式》上诉告知",
                            false,
                            [data](const Document& d, std::vector<Finding>& o) { check_appeal_court(*data, d, o); }});
    registry.add_resource("pipelines-dir", data_dir + "/pipelines");
    registry.add_resource("lexicon", data_dir + "/lexicon.txt");
}

}  // namespace

PINGCHA_PLUGIN(kPlugin, kVersion, register_all)
