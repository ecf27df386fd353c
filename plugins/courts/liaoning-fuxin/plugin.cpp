// liaoning-fuxin: 阜新中院 (辽09) and its basic courts: roster of signers, the appeal-fee notice of
// first-instance civil judgments, the 2023 campaign sheet and its pipeline.
#include <array>
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

constexpr const char* kPlugin = "liaoning-fuxin";
constexpr const char* kVersion = "1.0.0";
const std::string kRosterId = std::string("court.") + kPlugin + ".roster";
const std::string kFeeId = std::string("court.") + kPlugin + ".appeal-fee";

bool starts_signature(std::u32string_view line) {
    const std::u32string c = pingcha::court::compact(line);
    for (std::u32string_view r : {U"审判长", U"审判员", U"代理审判员", U"人民陪审员", U"书记员"})
        if (c.compare(0, r.size(), r) == 0) return true;
    return false;
}

// Local rule: a basic court's first-instance civil judgment that tells the parties they may appeal
// also tells them to prepay the appeal fee and that an unpaid fee counts as a withdrawn appeal
// (《诉讼费用交纳办法》第二十二条; 民诉法解释 on 未交上诉费 按自动撤回上诉处理). Appeals dropped for an
// unpaid fee the party never heard of are what the 阜新 campaign office follows up; Benxi checks
// the court's name instead, so the two plugins show two different local rules side by side.
// Local, not national: of 980 Liaoning first-instance civil notices in the shared civil set, 165
// mention the prepayment and 117 the consequence, so most courts' judgments would fail it.
void check_appeal_fee(const CourtData& data, const Document& doc, std::vector<Finding>& out) {
    const auto ref = pingcha::court::case_ref(doc);
    const pingcha::court::Court* court = ref.found ? data.court(ref.court_code) : nullptr;
    if (!court || court->appeal_court.empty() || ref.type_code != "民初") return;
    const std::u32string& v = doc.view;
    const std::size_t at = v.rfind(U"如不服本判决");
    if (at == std::u32string::npos) return;
    // the notice: its paragraph and any that follow, up to the signature block (at most 400 characters)
    std::size_t end = at;
    while (end < v.size() && end - at < 400) {
        std::size_t nl = v.find(U'\n', end);
        if (nl == std::u32string::npos) nl = v.size();
        if (end > at && starts_signature(std::u32string_view(v).substr(end, nl - end))) break;
        end = nl < v.size() ? nl + 1 : nl;
    }
    end = std::min(end, at + 400);
    while (end > at && (v[end - 1] == U'\n' || v[end - 1] == U' ' || v[end - 1] == U'\u3000')) --end;
    const std::u32string notice = pingcha::court::compact(std::u32string_view(v).substr(at, end - at));
    bool has_prepay = false;
    for (std::u32string_view p : {U"预交上诉案件受理费", U"交纳上诉案件受理费", U"缴纳上诉案件受理费", U"预交上诉费"})
        if (notice.find(p) != std::u32string::npos) has_prepay = true;
    const bool has_consequence = notice.find(U"撤回上诉处理") != std::u32string::npos;
    if (has_prepay && has_consequence) return;
    std::string missing;
    if (!has_prepay) missing += "预交上诉案件受理费";
    if (!has_consequence) missing += std::string(missing.empty() ? "" : "和") + "逾期不交按自动撤回上诉处理";
    out.push_back({kFeeId, has_prepay ? Severity::warning : Severity::error,
                   "一审民事判决的上诉告知应告知当事人预交上诉案件受理费及逾期不交的后果，此处未告知" + missing, at,
                   end, 0});
}

void register_all(pingcha::Registry& registry, const std::string& plugin_dir) {
    const std::string data_dir = CourtData::plugin_data_dir(plugin_dir, kPlugin);
    const auto data = CourtData::load_plugin_data(plugin_dir, kPlugin, {"pipelines/fuxin-review.pipeline", "pipelines/sheets/liaoning-fuxin-2023.json"});

    registry.add_criterion({kRosterId, "署名人员名册", Severity::error,
                            "落款的审判人员、书记员在作出裁判的法院（阜新两级法院）名册中，且署名身份相符",
                            "阜新市中级人民法院人员名册（插件数据 roster.tsv）；《人民法院民事裁判文书制作规范》落款",
                            false, [data](const Document& d, std::vector<Finding>& o) {
                                pingcha::court::check_roster(*data, kRosterId, d, o);
                            }});
    registry.add_criterion({kFeeId, "上诉费告知", Severity::error,
                            "阜新基层法院一审民事判决的上诉告知写明预交上诉案件受理费及逾期不交按自动撤回上诉处理",
                            "阜新中院2023年度评查要点（示例规则）；《诉讼费用交纳办法》第二十二条", false,
                            [data](const Document& d, std::vector<Finding>& o) { check_appeal_fee(*data, d, o); }});
    registry.add_resource("pipelines-dir", data_dir + "/pipelines");
    registry.add_resource("lexicon", data_dir + "/lexicon.txt");
}

}  // namespace

PINGCHA_PLUGIN(kPlugin, kVersion, register_all)
