// Court plugins in-process: the roster rule and each court's local rule on planted defects, their
// sheets, and the refusals (wrong ABI, duplicate criterion id, broken data files).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "harness.h"
#include "pingcha/plugin/abi.h"
#include "pingcha/sheet.h"

namespace fs = std::filesystem;
using pingcha::Document;
using pingcha::Finding;
using pingcha::test::cp_find;
using pingcha::test::Harness;

namespace {

// A first-instance civil judgment in the shape the rules read: title, case number, notice, block.
std::string judgment(const std::string& court, const std::string& case_number, const std::string& notice,
                     const std::string& block) {
    return court + "\n民事判决书\n" + case_number +
           "\n原告王某某，男，1970年1月1日出生。\n被告李某某，男，1975年2月3日出生。\n"
           "本院认为，原告的诉讼请求成立。\n判决如下：\n被告于本判决生效之日起十日内偿还原告借款10000元。\n" +
           notice + "\n" + block + "\n";
}

const std::string kBenxiBasic = "本溪市平山区人民法院";
const std::string kBenxiNumber = "（2023）辽0502民初123号";
const std::string kBenxiNotice =
    "如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，并按对方当事人的人数提出副本，"
    "上诉于辽宁省本溪市中级人民法院。";
// Every signer on the 辽0502 roster in the role signed.
const std::string kBenxiBlock = "审判长　姚某刚\n审判员　潘某洋\n人民陪审员　郝某英\n二〇二三年五月十日\n书记员　孔某平";

const std::string kFuxinBasic = "阜新市海州区人民法院";
const std::string kFuxinNumber = "（2023）辽0902民初45号";
const std::string kFuxinNotice =
    "如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，并按对方当事人的人数提出副本，"
    "上诉于辽宁省阜新市中级人民法院。\n上诉人应在提交上诉状时预交上诉案件受理费，逾期不交的，按自动撤回上诉处理。";
const std::string kFuxinBlock = "审判员　许某勇\n二〇二三年六月一日\n书记员　郝某磊";

std::vector<Finding> of(const Document& d, const std::string& id) {
    std::vector<Finding> out;
    for (const auto& f : d.findings)
        if (f.criterion == id) out.push_back(f);
    return out;
}

std::string dump(const Document& d) {
    std::string s;
    for (const auto& f : d.findings) s += f.criterion + ": " + f.message + "\n";
    return s;
}

class Courts : public ::testing::Test {
protected:
    Harness h{{"decode-text", "criteria", "score", "liaoning-benxi", "liaoning-fuxin"}};
    Document run(const std::string& text) { return h.run_text("decode ! criteria only=court.liaoning-benxi,court.liaoning-fuxin", text); }
};

TEST_F(Courts, RosterSilentOnACorrectRoster) {
    const auto d = run(judgment(kBenxiBasic, kBenxiNumber, kBenxiNotice, kBenxiBlock));
    EXPECT_TRUE(of(d, "court.liaoning-benxi.roster").empty()) << dump(d);
    EXPECT_TRUE(d.findings.empty()) << dump(d);
}

TEST_F(Courts, RosterFiresOnAnUnknownSignerWithItsSpan) {
    std::string block = kBenxiBlock;
    block.replace(block.find("孔某平"), std::string("孔某平").size(), "石某军");
    const std::string text = judgment(kBenxiBasic, kBenxiNumber, kBenxiNotice, block);
    const auto d = run(text);
    const auto f = of(d, "court.liaoning-benxi.roster");
    ASSERT_EQ(f.size(), 1u) << dump(d);
    EXPECT_EQ(f[0].severity, pingcha::Severity::error);
    EXPECT_EQ(f[0].start, cp_find(text, "石某军"));
    EXPECT_EQ(f[0].end, f[0].start + 3);
    EXPECT_NE(f[0].message.find("书记员“石某军”不在本溪市平山区人民法院（辽0502）"), std::string::npos) << f[0].message;
    EXPECT_EQ(f[0].message.find("是否为"), std::string::npos) << "no roster name is one character off: " << f[0].message;
}

// The shipped roster is demonstration data in masked names (张某华): a judgment signed with real names
// (a real Benxi judgment) cannot be judged against it and raises nothing.
TEST_F(Courts, MaskedDemonstrationRosterLeavesRealNamesAlone) {
    std::string block = kBenxiBlock;
    block.replace(block.find("孔某平"), std::string("孔某平").size(), "王纯");
    const auto d = run(judgment(kBenxiBasic, kBenxiNumber, kBenxiNotice, block));
    EXPECT_TRUE(of(d, "court.liaoning-benxi.roster").empty()) << dump(d);
}

TEST_F(Courts, RosterSuggestsTheNameOneCharacterOff) {
    std::string block = kBenxiBlock;
    block.replace(block.find("潘某洋"), std::string("潘某洋").size(), "潘某样");  // an OCR-like slip
    const std::string text = judgment(kBenxiBasic, kBenxiNumber, kBenxiNotice, block);
    const auto d = run(text);
    const auto f = of(d, "court.liaoning-benxi.roster");
    ASSERT_EQ(f.size(), 1u) << dump(d);
    EXPECT_EQ(f[0].start, cp_find(text, "潘某样"));
    EXPECT_NE(f[0].message.find("是否为“潘某洋”"), std::string::npos) << f[0].message;
}

TEST_F(Courts, RosterNamesTheOtherCourtAndTheNearName) {
    // 姚某涛 is a judge of the intermediate court, not of 平山区; 姚某刚 of 平山区 is one character off
    std::string block = kBenxiBlock;
    block.replace(block.find("姚某刚"), std::string("姚某刚").size(), "姚某涛");
    const auto d = run(judgment(kBenxiBasic, kBenxiNumber, kBenxiNotice, block));
    const auto f = of(d, "court.liaoning-benxi.roster");
    ASSERT_EQ(f.size(), 1u) << dump(d);
    EXPECT_NE(f[0].message.find("辽宁省本溪市中级人民法院法官"), std::string::npos) << f[0].message;
    EXPECT_NE(f[0].message.find("是否为“姚某刚”"), std::string::npos) << f[0].message;
}

TEST_F(Courts, RosterChecksTheRoleSigned) {
    // 郝某英 is a people's assessor: she may not sign as 审判员
    std::string block = kBenxiBlock;
    block.replace(block.find("审判员　潘某洋"), std::string("审判员　潘某洋").size(), "审判员　郝某英");
    block.replace(block.find("人民陪审员　郝某英"), std::string("人民陪审员　郝某英").size(), "人民陪审员　廖某强");
    const auto d = run(judgment(kBenxiBasic, kBenxiNumber, kBenxiNotice, block));
    const auto f = of(d, "court.liaoning-benxi.roster");
    ASSERT_EQ(f.size(), 1u) << dump(d);
    EXPECT_NE(f[0].message.find("名册中是人民陪审员，不能以审判员署名"), std::string::npos) << f[0].message;
}

TEST_F(Courts, RosterReadsSpacedRolesAndNames) {
    const std::string block = "审 判 长　姚 某 刚\n审　判　员　潘某洋\n人民陪审员　郝 某 英\n二〇二三年五月十日\n书 记 员　孔某乎";
    const std::string text = judgment(kBenxiBasic, kBenxiNumber, kBenxiNotice, block);
    const auto d = run(text);
    const auto f = of(d, "court.liaoning-benxi.roster");
    ASSERT_EQ(f.size(), 1u) << dump(d);
    EXPECT_EQ(f[0].start, cp_find(text, "孔某乎"));
    EXPECT_NE(f[0].message.find("是否为“孔某平”"), std::string::npos) << f[0].message;
}

TEST_F(Courts, RosterUsesTheCourtOfTheCaseNumber) {
    // the same signers are strangers at the intermediate court (辽05民终)
    const auto d = run(judgment("辽宁省本溪市中级人民法院", "（2023）辽05民终77号", "本判决为终审判决。", kBenxiBlock));
    EXPECT_EQ(of(d, "court.liaoning-benxi.roster").size(), 4u) << dump(d);
    // and another city's judgment is none of Benxi's business (Fuxin's roster does not know them either)
    const auto other = run(judgment("辽宁省沈阳市中级人民法院", "（2023）辽01民终5号", "本判决为终审判决。", kBenxiBlock));
    EXPECT_TRUE(other.findings.empty()) << dump(other);
}

// The structure stage's judges, as it would fill them, for a block the line reader cannot read.
Document with_judge(const std::string& text, const std::string& name, std::size_t start, std::size_t end) {
    Document doc;
    doc.text = text;
    doc.reset_view();
    pingcha::Person judge;
    judge.role = "审判长";
    judge.name = name;
    judge.start = start;
    judge.end = end;
    doc.facts.judges.push_back(judge);
    pingcha::CaseNumber cn;
    cn.court_code = "辽0502";
    cn.type_code = "民初";
    doc.facts.case_number = cn;
    return doc;
}

TEST_F(Courts, RosterTakesSignersOnlyTheStructureStageFound) {
    // paragraphs joined by spaces on one line (as in exported records): no signer line to read
    const std::string text = kBenxiBasic + " 民事判决书 " + kBenxiNumber + " " + kBenxiNotice + " 审判长 姚某钢 二〇二三年五月十日";
    const auto* c = h.registry().find_criterion("court.liaoning-benxi.roster");
    ASSERT_NE(c, nullptr);
    std::vector<Finding> out;
    const std::size_t at = cp_find(text, "姚某钢");
    c->check(with_judge(text, "姚某钢", at, at + 3), out);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].start, at);
    EXPECT_NE(out[0].message.find("是否为“姚某刚”"), std::string::npos) << out[0].message;
}

TEST_F(Courts, RosterKeepsTheLineReaderWhereBothFoundASigner) {
    // a spaced name the structure stage cut short (姚 of 姚　某　刚) is read whole from the line
    const std::string block = "审　判　长　　姚　某　刚\n审判员　潘某洋\n人民陪审员　郝某英\n二〇二三年五月十日\n书记员　孔某平";
    const std::string text = judgment(kBenxiBasic, kBenxiNumber, kBenxiNotice, block);
    const auto* c = h.registry().find_criterion("court.liaoning-benxi.roster");
    ASSERT_NE(c, nullptr);
    std::vector<Finding> out;
    const std::size_t at = cp_find(text, "姚");
    c->check(with_judge(text, "姚", at, at + 1), out);
    EXPECT_TRUE(out.empty()) << out[0].message;
}

TEST_F(Courts, RosterAfterTheRealStructureStage) {
    if (!fs::exists(pingcha::test::plugin_file("structure"))) GTEST_SKIP() << "structure plugin not built";
    Harness hs{{"decode-text", "structure", "criteria", "liaoning-benxi"}};
    const std::string block = "审　判　长　　姚　某　刚\n审　判　员　　潘某样\n人民陪审员　　郝某英\n二〇二三年五月十日\n书　记　员　　孔某乎";
    const std::string text = judgment("辽宁省" + kBenxiBasic, kBenxiNumber, kBenxiNotice, block);
    const auto d = hs.run_text("decode ! structure ! criteria only=court.liaoning-benxi", text);
    const auto f = of(d, "court.liaoning-benxi.roster");
    ASSERT_EQ(f.size(), 2u) << dump(d);
    EXPECT_EQ(f[0].start, cp_find(text, "潘某样"));
    EXPECT_EQ(f[1].start, cp_find(text, "孔某乎"));
    EXPECT_NE(f[1].message.find("是否为“孔某平”"), std::string::npos) << f[1].message;
}

TEST_F(Courts, BenxiAppealCourtWantsTheFullName) {
    std::string notice = kBenxiNotice;
    notice.replace(notice.find("辽宁省本溪市中级人民法院"), std::string("辽宁省本溪市中级人民法院").size(), "本溪市中级人民法院");
    const std::string text = judgment(kBenxiBasic, kBenxiNumber, notice, kBenxiBlock);
    const auto d = run(text);
    const auto f = of(d, "court.liaoning-benxi.appeal-court");
    ASSERT_EQ(f.size(), 1u) << dump(d);
    EXPECT_EQ(f[0].start, cp_find(text, "本溪市中级人民法院"));
    EXPECT_EQ(f[0].end, f[0].start + 9);
    EXPECT_NE(f[0].message.find("“辽宁省本溪市中级人民法院”"), std::string::npos) << f[0].message;

    std::string wrong = kBenxiNotice;
    wrong.replace(wrong.find("本溪市"), std::string("本溪市").size(), "抚顺市");
    EXPECT_EQ(of(run(judgment(kBenxiBasic, kBenxiNumber, wrong, kBenxiBlock)), "court.liaoning-benxi.appeal-court").size(), 1u);
    // the intermediate court's own judgments and Fuxin's are not checked by this rule
    EXPECT_TRUE(of(run(judgment("辽宁省本溪市中级人民法院", "（2023）辽05民终77号", notice, kBenxiBlock)),
                   "court.liaoning-benxi.appeal-court").empty());
    EXPECT_TRUE(of(run(judgment(kFuxinBasic, kFuxinNumber, notice, kFuxinBlock)), "court.liaoning-benxi.appeal-court").empty());
}

TEST_F(Courts, FuxinSilentOnACompleteNoticeAndRoster) {
    const auto d = run(judgment(kFuxinBasic, kFuxinNumber, kFuxinNotice, kFuxinBlock));
    EXPECT_TRUE(d.findings.empty()) << dump(d);
}

TEST_F(Courts, FuxinAppealFeeNoticeMissing) {
    const std::string notice = kFuxinNotice.substr(0, kFuxinNotice.find('\n'));
    const std::string text = judgment(kFuxinBasic, kFuxinNumber, notice, kFuxinBlock);
    const auto d = run(text);
    const auto f = of(d, "court.liaoning-fuxin.appeal-fee");
    ASSERT_EQ(f.size(), 1u) << dump(d);
    EXPECT_EQ(f[0].severity, pingcha::Severity::error);
    EXPECT_EQ(f[0].start, cp_find(text, "如不服本判决"));
    EXPECT_EQ(f[0].end, cp_find(text, "上诉于辽宁省阜新市中级人民法院。") + 16);
    EXPECT_NE(f[0].message.find("预交上诉案件受理费"), std::string::npos) << f[0].message;
}

TEST_F(Courts, FuxinAppealFeeConsequenceMissingIsAWarning) {
    std::string notice = kFuxinNotice;
    notice.erase(notice.find("，逾期不交的"), std::string("，逾期不交的，按自动撤回上诉处理").size());
    const auto d = run(judgment(kFuxinBasic, kFuxinNumber, notice, kFuxinBlock));
    const auto f = of(d, "court.liaoning-fuxin.appeal-fee");
    ASSERT_EQ(f.size(), 1u) << dump(d);
    EXPECT_EQ(f[0].severity, pingcha::Severity::warning);
    EXPECT_NE(f[0].message.find("自动撤回上诉"), std::string::npos) << f[0].message;
}

TEST_F(Courts, FuxinAppealFeeOnlyForBasicCourtCivilFirstInstance) {
    const std::string notice = kFuxinNotice.substr(0, kFuxinNotice.find('\n'));
    EXPECT_TRUE(of(run(judgment(kFuxinBasic, "（2023）辽0902刑初45号", notice, kFuxinBlock)), "court.liaoning-fuxin.appeal-fee").empty());
    EXPECT_TRUE(of(run(judgment(kBenxiBasic, kBenxiNumber, notice, kBenxiBlock)), "court.liaoning-fuxin.appeal-fee").empty());
}

TEST_F(Courts, FuxinRosterSuggests) {
    std::string block = kFuxinBlock;
    block.replace(block.find("许某勇"), std::string("许某勇").size(), "许某永");
    const std::string text = judgment(kFuxinBasic, kFuxinNumber, kFuxinNotice, block);
    const auto f = of(run(text), "court.liaoning-fuxin.roster");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].start, cp_find(text, "许某永"));
    EXPECT_NE(f[0].message.find("阜新市海州区人民法院（辽0902）"), std::string::npos) << f[0].message;
    EXPECT_NE(f[0].message.find("是否为“许某勇”"), std::string::npos) << f[0].message;
}

TEST_F(Courts, SheetsComeWithThePlugins) {
    const auto benxi = pingcha::load_sheet("liaoning-benxi-2023", h.data_dirs());
    EXPECT_EQ(benxi.rule_for("court.liaoning-benxi.roster")->deduction, 2);
    const auto fuxin = pingcha::load_sheet("liaoning-fuxin-2023", h.data_dirs());
    EXPECT_EQ(fuxin.rule_for("court.liaoning-fuxin.roster")->deduction, 3);
    // scored end to end with the court's sheet: one roster slip costs 2 points in Benxi
    std::string block = kBenxiBlock;
    block.replace(block.find("潘某洋"), std::string("潘某洋").size(), "潘某样");
    const auto d = h.run_text("decode ! criteria only=court.liaoning-benxi,court.liaoning-fuxin ! score sheet=liaoning-benxi-2023",
                              judgment(kBenxiBasic, kBenxiNumber, kBenxiNotice, block));
    ASSERT_TRUE(d.score.has_value());
    EXPECT_EQ(d.score->sheet, "liaoning-benxi-2023");
    EXPECT_EQ(d.score->deducted, 2);
}

// The words a segment run produced, as UTF-8.
std::vector<std::string> words(const Document& d) {
    std::vector<std::string> out;
    for (const auto& t : d.tokens) out.push_back(d.view_utf8(t.start, t.end));
    return out;
}

TEST(CourtLexicon, SegmentTakesTheCourtsWords) {
    if (!fs::exists(pingcha::test::plugin_file("chinese"))) GTEST_SKIP() << "chinese plugin not built";
    const std::string text = "被告住本溪满族自治县草河口镇。";
    Harness with{{"decode-text", "chinese", "liaoning-benxi"}};
    const auto lexicons = with.registry().resources("lexicon");
    ASSERT_EQ(lexicons.size(), 1u);
    EXPECT_TRUE(fs::exists(lexicons[0])) << lexicons[0];
    const auto w = words(with.run_text("decode ! segment", text));
    EXPECT_NE(std::find(w.begin(), w.end(), "草河口镇"), w.end()) << ::testing::PrintToString(w);
    Harness without{{"decode-text", "chinese"}};
    const auto w0 = words(without.run_text("decode ! segment", text));
    EXPECT_EQ(std::find(w0.begin(), w0.end(), "草河口镇"), w0.end())
        << "the built-in lexicon knows 草河口镇 already: pick another local word for this test";
}

// --- refusals --------------------------------------------------------------------------------

std::string fixture(const std::string& name) { return std::string(PINGCHA_COURT_FIXTURES) + "/" + name + ".so"; }

struct Loaded {
    pingcha::Registry registry;
    pingcha::PluginHost host{registry};
    std::string reason_for(const std::string& file_part) const {
        for (const auto& r : host.refused())
            if (r.file.find(file_part) != std::string::npos) return r.reason;
        return {};
    }
};

TEST(CourtRefusals, WrongAbiNamesBothNumbers) {
    Loaded l;
    EXPECT_FALSE(l.host.load_file(fixture("court-wrong-abi")));
    const std::string want = "plugin 'court-wrong-abi.so' has ABI " + std::to_string(PINGCHA_PLUGIN_ABI + 1) +
                             ", pingcha expects " + std::to_string(PINGCHA_PLUGIN_ABI);
    EXPECT_NE(l.reason_for("court-wrong-abi").find(want), std::string::npos) << l.reason_for("court-wrong-abi");
    EXPECT_EQ(l.registry.plugin("liaoning-benxi-next"), nullptr);
}

TEST(CourtRefusals, DuplicateCriterionIdIsRefusedAndRolledBack) {
    Loaded l;
    ASSERT_TRUE(l.host.load_file(pingcha::test::plugin_file("liaoning-benxi")));
    EXPECT_FALSE(l.host.load_file(fixture("court-dup-roster")));
    EXPECT_NE(l.reason_for("court-dup-roster")
                  .find("criterion 'court.liaoning-benxi.roster' is already provided by plugin 'liaoning-benxi'"),
              std::string::npos)
        << l.reason_for("court-dup-roster");
    // nothing of the refused plugin stays; Benxi keeps its own rule
    EXPECT_EQ(l.registry.find_criterion("court.dup-roster.other"), nullptr);
    EXPECT_EQ(l.registry.owner_of_criterion("court.liaoning-benxi.roster"), "liaoning-benxi");
    EXPECT_EQ(l.registry.plugin("court-dup-roster"), nullptr);
}

// A copy of the built Benxi plugin with its data, in a private folder, to break the data.
class BrokenData : public ::testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/pingcha-court-XXXXXX";
        ASSERT_NE(::mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
        const std::string built = PINGCHA_BINARY_DIR "/plugins/";
        fs::copy_file(built + "liaoning-benxi.so", dir_ / "liaoning-benxi.so");
        fs::copy(built + "liaoning-benxi-data", dir_ / "liaoning-benxi-data", fs::copy_options::recursive);
        fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
    }
    void TearDown() override { fs::remove_all(dir_); }
    fs::path data(const std::string& f) const { return dir_ / "liaoning-benxi-data" / f; }
    void append(const std::string& f, const std::string& line) const {
        std::ofstream(data(f), std::ios::app) << line;
    }
    // Loads the copy; returns the refusal reason ("" when it loaded).
    std::string load() {
        Loaded l;
        const bool ok = l.host.load_file((dir_ / "liaoning-benxi.so").string());
        if (ok) {
            EXPECT_NE(l.registry.find_criterion("court.liaoning-benxi.roster"), nullptr);
            return {};
        }
        EXPECT_EQ(l.registry.find_criterion("court.liaoning-benxi.roster"), nullptr);
        EXPECT_EQ(l.registry.plugin("liaoning-benxi"), nullptr);
        return l.reason_for("liaoning-benxi.so");
    }
    fs::path dir_;
};

TEST_F(BrokenData, TheIntactCopyLoads) { EXPECT_EQ(load(), ""); }

TEST_F(BrokenData, MissingRoster) {
    fs::remove(data("roster.tsv"));
    const std::string r = load();
    EXPECT_NE(r.find("registration failed: liaoning-benxi: cannot read the roster"), std::string::npos) << r;
    EXPECT_NE(r.find("roster.tsv (missing or unreadable)"), std::string::npos) << r;
}

TEST_F(BrokenData, MissingDataFolder) {
    fs::remove_all(dir_ / "liaoning-benxi-data");
    EXPECT_NE(load().find("liaoning-benxi: no data folder"), std::string::npos);
}

TEST_F(BrokenData, MalformedRosterLine) {
    std::ifstream in(data("roster.tsv"));
    const auto lines = std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n');
    append("roster.tsv", "辽0502\t张某华\n");
    const std::string r = load();
    EXPECT_NE(r.find("roster.tsv line " + std::to_string(lines + 1) + ": expected 3 tab-separated columns, got 2"),
              std::string::npos)
        << r;
}

TEST_F(BrokenData, UnknownCourtRoleOrName) {
    append("roster.tsv", "辽0599\t法官\t张某华\n");
    EXPECT_NE(load().find("unknown court code 辽0599"), std::string::npos);
    fs::copy_file(PINGCHA_BINARY_DIR "/plugins/liaoning-benxi-data/roster.tsv", data("roster.tsv"),
                  fs::copy_options::overwrite_existing);
    append("roster.tsv", "辽0502\t庭长\t张某华\n");
    EXPECT_NE(load().find("unknown role '庭长'"), std::string::npos);
    fs::copy_file(PINGCHA_BINARY_DIR "/plugins/liaoning-benxi-data/roster.tsv", data("roster.tsv"),
                  fs::copy_options::overwrite_existing);
    append("roster.tsv", "辽0502\t法官\tZhang Mouhua\n");
    EXPECT_NE(load().find("'Zhang Mouhua' is not a name"), std::string::npos);
}

TEST_F(BrokenData, EmptyRosterAndInvalidUtf8) {
    std::ofstream(data("roster.tsv")) << "# version: 1\n# nobody\n";
    EXPECT_NE(load().find("has no entries"), std::string::npos);
    std::ofstream(data("roster.tsv")) << "辽0502\t法官\t\xE5\xBC\xA0\xFF\n";
    EXPECT_NE(load().find("roster.tsv line 1: invalid UTF-8"), std::string::npos);
}

TEST_F(BrokenData, MissingSheet) {
    fs::remove(data("pipelines/sheets/liaoning-benxi-2023.json"));
    EXPECT_NE(load().find("missing data file"), std::string::npos);
}

}  // namespace
