// Tests for the structure stage: sections and facts on the layouts real judgments come in
// (one paragraph per line, paragraphs joined by spaces, spaced titles, hard-wrapped OCR lines),
// civil, criminal, first and second instance, judgments and rulings, and on real criminal records.
#include <fstream>
#include <sstream>

#include "harness.h"

using namespace pingcha;
using namespace pingcha::test;

namespace {

std::string joined(std::string t) {
    while (!t.empty() && t.back() == '\n') t.pop_back();
    for (auto& c : t)
        if (c == '\n') c = ' ';
    return t;
}

std::vector<std::string> kinds(const Document& d) {
    std::vector<std::string> out;
    for (const auto& s : d.sections) out.push_back(s.kind);
    return out;
}

std::string section_text(const Document& d, const std::string& kind) {
    const Section* s = d.section(kind);
    return s ? d.view_utf8(s->start, s->end) : "";
}

Harness& harness() {
    static Harness* h = new Harness({"decode-text", "structure"});
    return *h;
}

}  // namespace

TEST(Structure, CivilFirstInstanceSections) {
    const auto d = harness().run_text("decode ! structure", read_source("testdata/judgments/civil-first-instance.txt"));
    ASSERT_FALSE(d.failed());
    const std::vector<std::string> want = {"title",     "case_number", "parties",     "procedure", "claims",
                                           "defence",   "facts",       "reasoning",   "legal_basis", "decision",
                                           "costs",     "notice",      "signature",   "date",      "clerk"};
    EXPECT_EQ(kinds(d), want);
    EXPECT_EQ(section_text(d, "title"), "辽宁省本溪市平山区人民法院\n民 事 判 决 书");
    EXPECT_EQ(section_text(d, "case_number"), "（2022）辽0502民初1234号");
    EXPECT_EQ(section_text(d, "legal_basis").rfind("依照《中华人民共和国民法典》", 0), 0u);
    EXPECT_EQ(section_text(d, "date"), "二〇二二年九月五日");
}

TEST(Structure, CivilFirstInstanceFacts) {
    const auto d = harness().run_text("decode ! structure", read_source("testdata/judgments/civil-first-instance.txt"));
    const Facts& f = d.facts;
    EXPECT_EQ(f.kind, "民事判决书");
    EXPECT_EQ(f.court, "辽宁省本溪市平山区人民法院");
    ASSERT_TRUE(f.case_number.has_value());
    EXPECT_EQ(f.case_number->year, 2022);
    EXPECT_EQ(f.case_number->court_code, "辽0502");
    EXPECT_EQ(f.case_number->type_code, "民初");
    EXPECT_EQ(f.case_number->serial, 1234);
    EXPECT_EQ(f.procedure, "普通");
    EXPECT_EQ(f.filed_on, "2022-05-10");
    EXPECT_EQ(f.decided_on, "2022-09-05");
    EXPECT_EQ(f.duration_days, 118);
    ASSERT_EQ(f.judges.size(), 3u);
    EXPECT_EQ(f.judges[0].role, "审判长");
    EXPECT_EQ(f.judges[0].name, "刘某某");
    EXPECT_EQ(f.judges[2].role, "人民陪审员");
    EXPECT_EQ(f.clerk, "周某");
    ASSERT_EQ(f.parties.size(), 2u);  // agents and representatives are not parties
    EXPECT_EQ(f.parties[0].role, "原告");
    EXPECT_EQ(f.parties[0].name, "王某某");
    EXPECT_EQ(f.parties[1].role, "被告");
    EXPECT_EQ(f.parties[1].name, "本溪某建材有限公司");
    ASSERT_EQ(f.citations.size(), 4u);
    EXPECT_EQ(f.citations[0].law, "中华人民共和国民法典");
    EXPECT_EQ(f.citations[0].article, 509);
    EXPECT_EQ(f.citations[1].article, 626);
    EXPECT_EQ(f.citations[3].law, "中华人民共和国民事诉讼法");
    EXPECT_EQ(f.citations[3].article, 260);
    bool claim = false;
    for (const auto& a : f.amounts)
        if (a.yuan == 50000 && a.text == "50000元") claim = true;
    EXPECT_TRUE(claim);
}

TEST(Structure, SecondInstanceRolesAndCitation) {
    const auto d = harness().run_text("decode ! structure", read_source("testdata/judgments/civil-second-instance.txt"));
    const Facts& f = d.facts;
    EXPECT_EQ(f.procedure, "二审");
    ASSERT_EQ(f.parties.size(), 2u);
    EXPECT_EQ(f.parties[0].role, "上诉人");
    EXPECT_EQ(f.parties[0].original_role, "原审被告");
    EXPECT_EQ(f.parties[1].role, "被上诉人");
    EXPECT_EQ(f.parties[1].original_role, "原审原告");
    ASSERT_EQ(f.citations.size(), 1u);
    EXPECT_EQ(f.citations[0].article, 177);
    EXPECT_EQ(f.citations[0].paragraph, 1);
    EXPECT_EQ(f.citations[0].item, 1);
    // 一审法院认为 is part of the recounted first instance, not this court's reasoning.
    EXPECT_EQ(section_text(d, "reasoning").rfind("本院认为", 0), 0u);
    EXPECT_EQ(section_text(d, "notice"), "本判决为终审判决。");
}

TEST(Structure, SpaceJoinedCriminalJudgment) {
    const auto lines = harness().run_text("decode ! structure", read_source("testdata/judgments/criminal-first-instance.txt"));
    const auto d = harness().run_text("decode ! structure", joined(read_source("testdata/judgments/criminal-first-instance.txt")));
    EXPECT_EQ(kinds(d), kinds(lines));
    EXPECT_EQ(section_text(d, "title"), "辽宁省本溪市平山区人民法院 刑 事 判 决 书");
    EXPECT_EQ(d.facts.kind, "刑事判决书");
    EXPECT_EQ(d.facts.procedure, "简易");
    EXPECT_EQ(d.facts.filed_on, "2022-04-20");
    EXPECT_EQ(d.facts.decided_on, "2022-05-18");
    ASSERT_EQ(d.facts.judges.size(), 1u);
    EXPECT_EQ(d.facts.judges[0].name, "吴某");
    EXPECT_EQ(d.facts.clerk, "郑某");
    ASSERT_EQ(d.facts.citations.size(), 4u);
    EXPECT_EQ(d.facts.citations[1].article, 67);
    EXPECT_EQ(d.facts.citations[1].paragraph, 3);
    EXPECT_EQ(section_text(d, "decision").rfind("被告人赵某某犯盗窃罪", 0), 0u);
}

TEST(Structure, HardWrappedOcrLinesAndSpacedSignature) {
    const std::string text =
        "辽宁省本溪市明山区人民法院\n民事裁定书\n（2021）辽0504民初77号\n"
        "原告：本溪某物业服务有限公司，住所地辽宁省本\n溪市明山区。\n"
        "法定代表人：钱某，该公司经理。\n"
        "被告：孙某，女，1970年1月1日出生，汉族，住辽\n宁省本溪市明山区。\n"
        "原告本溪某物业服务有限公司与被告孙某物业服务合同纠纷一案，本院于2021年3月2日立案。原告于2021年3月20日向本院提出撤诉申请。\n"
        "本院认为，原告的撤诉申请符合法律规定，应予准许。依照《中华人民共和国民事诉讼法》第一百四十五条第一款、第一百五十四条第一款第（五）项规定，裁定如下：\n"
        "准许原告本溪某物业服务有限公司撤诉。\n"
        "案件受理费50元，减半收取25元，由原告负担。\n"
        "审 判 员  李 某\n二〇二一年三月二十二日\n书 记 员  王 某\n";
    const auto d = harness().run_text("decode ! structure", text);
    EXPECT_EQ(d.facts.kind, "民事裁定书");
    ASSERT_EQ(d.facts.parties.size(), 2u);
    EXPECT_EQ(d.facts.parties[1].name, "孙某");
    // the wrapped tail of a party paragraph stays in the parties section
    const auto parties = section_text(d, "parties");
    EXPECT_NE(parties.find("宁省本溪市明山区。"), std::string::npos);
    EXPECT_EQ(section_text(d, "decision"), "准许原告本溪某物业服务有限公司撤诉。");
    ASSERT_EQ(d.facts.citations.size(), 2u);
    EXPECT_EQ(d.facts.citations[1].article, 154);
    EXPECT_EQ(d.facts.citations[1].paragraph, 1);
    EXPECT_EQ(d.facts.citations[1].item, 5);
    ASSERT_EQ(d.facts.judges.size(), 1u);
    EXPECT_EQ(d.facts.judges[0].role, "审判员");
    EXPECT_EQ(d.facts.decided_on, "2021-03-22");
    EXPECT_FALSE(d.facts.clerk.empty());
}

TEST(Structure, AdministrativeJudgment) {
    const auto d = harness().run_text("decode ! structure", read_source("testdata/judgments/administrative-first-instance.txt"));
    EXPECT_EQ(d.facts.kind, "行政判决书");
    ASSERT_TRUE(d.facts.case_number.has_value());
    EXPECT_EQ(d.facts.case_number->type_code, "行初");
    ASSERT_EQ(d.facts.parties.size(), 2u);
    EXPECT_EQ(d.facts.parties[1].name, "本溪市明山区某局");
    EXPECT_EQ(section_text(d, "defence").rfind("被告本溪市明山区某局辩称", 0), 0u);
    EXPECT_EQ(section_text(d, "costs"), "案件受理费50元，由原告李某某负担。");
    EXPECT_EQ(d.facts.duration_days, 70);
}

TEST(Structure, SpansPointIntoTheText) {
    const auto text = read_source("testdata/judgments/civil-first-instance.txt");
    const auto d = harness().run_text("decode ! structure", text);
    ASSERT_TRUE(d.facts.case_number.has_value());
    EXPECT_EQ(d.facts.case_number->start, cp_find(text, "（2022）辽0502民初1234号"));
    for (const auto& s : d.sections) {
        EXPECT_LT(s.start, s.end);
        EXPECT_LE(s.end, d.view.size());
    }
    for (std::size_t i = 1; i < d.sections.size(); ++i) EXPECT_LE(d.sections[i - 1].end, d.sections[i].start);
}

TEST(Structure, RealCriminalJudgments) {
    const std::string path = shared_data("judgments/criminal-full-judge-test.jsonl");
    if (path.empty()) GTEST_SKIP() << "shared data absent: judgments/criminal-full-judge-test.jsonl";
    std::ifstream in(path);
    std::string line;
    int n = 0, full = 0, dated = 0, numbered = 0;
    while (n < 100 && std::getline(in, line)) {
        // The fd field, read without a JSON library: "fd": "…" is the last string field of the record.
        const auto k = line.find("\"fd\": \"");
        ASSERT_NE(k, std::string::npos);
        std::string fd;
        for (std::size_t i = k + 7; i < line.size() && line[i] != '"'; ++i) {
            if (line[i] == '\\' && i + 1 < line.size()) {
                ++i;
                if (line[i] == 'u') {  // \uXXXX
                    const unsigned cp = static_cast<unsigned>(std::stoul(line.substr(i + 1, 4), nullptr, 16));
                    utf8::append(fd, static_cast<char32_t>(cp));
                    i += 4;
                    continue;
                }
                fd.push_back(line[i] == 'n' ? '\n' : line[i]);
                continue;
            }
            fd.push_back(line[i]);
        }
        const auto d = harness().run_text("decode ! structure", fd);
        ++n;
        bool all = true;
        for (const char* k2 : {"title", "parties", "procedure", "reasoning", "legal_basis", "decision", "notice", "signature"})
            if (!d.section(k2)) all = false;
        full += all;
        dated += !d.facts.decided_on.empty();
        numbered += d.facts.case_number.has_value();
    }
    EXPECT_EQ(n, 100);
    EXPECT_GE(full, 95) << "judgments with every main section";
    EXPECT_GE(dated, 95);
    EXPECT_GE(numbered, 90);
}

// A retrial-review ruling in the form the Supreme People's Court used until 2015: parties under the
// older name 申请再审人, the basis closed by a bare 裁定： (no 如下), and reasoning that recounts what the
// lower court found (一审法院查明…) — still this court's reasoning, not its fact-finding.
TEST(Structure, OlderRetrialReviewRuling) {
    const std::string text =
        "中华人民共和国最高人民法院\n民事裁定书\n（2014）民申字第1679号\n"
        "申请再审人（一审原告、二审上诉人）：石某，男，1960年1月1日出生。\n"
        "被申请再审人（一审被告、二审被上诉人）：某房地产开发有限公司。住所地吉林省长春市。\n"
        "法定代表人：王某，该公司董事长。\n"
        "申请再审人石某因与被申请再审人某房地产开发有限公司合同纠纷一案，不服吉林省高级人民法院（2013）吉民一终字第1号民事判决，向本院申请再审。"
        "本院依法组成合议庭对本案进行了审查，现已审查终结。\n"
        "石某申请再审称：原判决认定事实错误，请求再审。\n"
        "某房地产开发有限公司提交意见称：原判决正确，应驳回再审申请。\n"
        "本院认为，（一）关于合同价款问题。双方约定的价款以结算为准，证据足以证明结算数额。\n"
        "（二）关于鉴定费问题。一审法院查明，鉴定费由石某预交，原判决由其负担并无不当。\n"
        "综上，石某的再审申请不符合《中华人民共和国民事诉讼法》第二百条规定的情形。"
        "依照《中华人民共和国民事诉讼法》第二百零四条第一款之规定，裁定：\n"
        "驳回石某的再审申请。\n审判长李某\n审判员张某\n审判员高某\n二〇一五年九月十七日\n书记员代某\n";
    const auto d = harness().run_text("decode ! structure", text);
    ASSERT_FALSE(d.failed());
    const std::vector<std::string> want = {"title",     "case_number", "parties", "procedure", "claims", "defence",
                                           "reasoning", "legal_basis", "decision", "signature", "date", "clerk"};
    EXPECT_EQ(kinds(d), want);
    EXPECT_EQ(section_text(d, "decision"), "驳回石某的再审申请。");
    ASSERT_GE(d.facts.parties.size(), 2u);
    EXPECT_EQ(d.facts.parties[0].role, "申请再审人");
    EXPECT_EQ(d.facts.parties[1].role, "被申请再审人");
    EXPECT_EQ(d.facts.procedure, "再审审查");
    // the older retrial codes: 民提 (提审) and 民抗 (抗诉) are retrials, not appeals
    for (const std::string code : {"民提", "民抗"}) {
        std::string retrial = text;
        retrial.replace(retrial.find("民申"), std::string("民申").size(), code);
        EXPECT_EQ(harness().run_text("decode ! structure", retrial).facts.procedure, "再审") << code;
    }
}

// A name ends at its line: 法定代表人：王丽⏎原审被告：… is the representative and then the next party,
// not one long name that swallows the party after it.
TEST(Structure, PartyNameEndsAtTheLine) {
    const std::string text =
        "中华人民共和国最高人民法院\n民事裁定书\n（2015）民二终字第300号\n"
        "上诉人（原审被告）：某汽车维修有限公司。住所地：内蒙古鄂尔多斯市东胜区。\n法定代表人：郑某\n"
        "被上诉人（原审原告）：某信托有限公司，住所地：西安市东新街232号。\n法定代表人：徐某，该公司董事长。\n"
        "原审被告：某汽车销售有限公司。住所地：内蒙古自治区鄂尔多斯市。\n法定代表人：王某\n"
        "原审被告：某肉业有限公司。住所地：内蒙古自治区鄂尔多斯市乌审旗。\n法定代表人：李某\n"
        "原审被告：郑某。\n"
        "上诉人某汽车维修有限公司因与被上诉人某信托有限公司合同纠纷一案，不服陕西省高级人民法院民事判决，向本院提起上诉。\n"
        "本院认为，上诉人的请求于法有据。依照《中华人民共和国民事诉讼法》第一百五十四条之规定，裁定如下：\n"
        "准许上诉人撤回上诉。\n本裁定为终审裁定。\n审判长张某\n审判员刘某\n审判员陈某\n二〇一五年九月十七日\n书记员孙某\n";
    const auto d = harness().run_text("decode ! structure", text);
    ASSERT_FALSE(d.failed());
    std::vector<std::string> names;
    for (const auto& p : d.facts.parties) names.push_back(p.name);
    const std::vector<std::string> want = {"某汽车维修有限公司", "某信托有限公司", "某汽车销售有限公司", "某肉业有限公司", "郑某"};
    EXPECT_EQ(names, want);
}

// An acting clerk (书记员（代）李某), the appellate form of the prosecutor's line (原审公诉机关…), and a
// sentence that opens with a role (自诉人某以被告人某犯…) is prose, not a party.
TEST(Structure, ActingClerkProsecutorLineAndProseAfterARole) {
    const std::string text =
        "河北省石家庄市中级人民法院\n刑事裁定书\n（2013）石刑终字第00440号\n"
        "原审公诉机关石家庄市裕华区人民检察院。\n"
        "上诉人（原审被告人）司某，男，1980年1月1日出生，汉族。\n"
        "自诉人万某以被告人马某犯拒不执行判决、裁定罪，于2018年向本院提起自诉。\n"
        "石家庄市裕华区人民法院审理石家庄市裕华区人民检察院指控原审被告人司某犯抢劫罪一案，于2013年作出刑事判决。原审被告人司某不服，提出上诉。本院依法组成合议庭审理了本案，现已审理终结。\n"
        "本院认为，原判认定事实清楚，证据确实、充分。依照《中华人民共和国刑事诉讼法》第二百二十五条第一款第（一）项之规定，裁定如下：\n"
        "驳回上诉，维持原判。\n本裁定为终审裁定。\n审判长于某\n审判员祁某\n二〇一三年三月十日\n书记员（代）李某\n";
    const auto d = harness().run_text("decode ! structure", text);
    ASSERT_FALSE(d.failed());
    EXPECT_EQ(d.facts.clerk, "李某");
    ASSERT_FALSE(d.facts.parties.empty());
    EXPECT_EQ(d.facts.parties[0].role, "原审公诉机关");
    for (const auto& p : d.facts.parties) EXPECT_EQ(p.name.find("以被告人"), std::string::npos) << p.name;
}
