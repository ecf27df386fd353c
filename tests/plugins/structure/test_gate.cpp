// The structure stage's refusal of texts that are not court decisions, and the real-judgment
// patterns that used to confuse it: a quoted lower-court judgment, 我院认为, a 法官助理 line before
// the clerk, a ruling whose decision has no 裁定如下.
#include <fstream>
#include <sstream>

#include "harness.h"

using namespace pingcha;
using namespace pingcha::test;

namespace {

Harness& harness() {
    static Harness* h = new Harness({"decode-text", "structure"});
    return *h;
}

std::string section_text(const Document& d, const std::string& kind) {
    const Section* s = d.section(kind);
    return s ? d.view_utf8(s->start, s->end) : "";
}

// A second-instance ruling that quotes the first-instance judgment, decision and all.
const std::string kAppeal =
    "辽宁省本溪市中级人民法院\n民事判决书\n（2015）本民终字第88号\n"
    "上诉人（原审被告）：本溪某建材有限公司。住所地：本溪市平山区。\n法定代表人：张某，该公司经理。\n"
    "被上诉人（原审原告）：王某，男，1970年1月1日出生，汉族，住本溪市。\n"
    "上诉人本溪某建材有限公司因与被上诉人王某买卖合同纠纷一案，不服本溪市平山区人民法院（2014）平民初字第12号民事判决，"
    "向本院提起上诉。本院依法组成合议庭审理了本案。现已审理终结。\n"
    "原审法院查明：王某向建材公司供应水泥，货款30000元未付。\n"
    "原审法院认为：双方买卖关系合法有效，建材公司应支付货款。依照《中华人民共和国合同法》第一百五十九条之规定，判决如下："
    "建材公司于判决生效之日起十日内给付王某货款30000元。\n"
    "宣判后，建材公司不服，上诉称：货款已部分支付，原判认定数额错误。\n"
    "被上诉人王某答辩称：原判认定事实清楚，请求驳回上诉。\n"
    "本院经审理查明的事实与原审一致。\n"
    "我院认为，建材公司未提交付款凭证，其上诉理由不能成立。依照《中华人民共和国民事诉讼法》第一百七十条第一款第（一）项之规定，"
    "判决如下：\n驳回上诉，维持原判。\n二审案件受理费550元，由建材公司负担。\n本判决为终审判决。\n"
    "审　判　长　李某\n审　判　员　赵某\n审　判　员　钱某\n二〇一五年三月二日\n法官助理　孙某\n书　记　员　周某\n";

}  // namespace

TEST(StructureGate, TextsThatAreNotJudgmentsAreRejected) {
    for (const char* name : {"news", "notice", "contract", "english", "hello"}) {
        auto d = harness().run_text("decode ! structure", read_source(std::string("testdata/not-judgments/") + name + ".txt"), name);
        ASSERT_TRUE(d.failed()) << name << " was taken for a judgment";
        EXPECT_EQ(d.failure->error_class, "not_a_judgment") << name;
        EXPECT_STREQ(d.status(), "rejected") << name;
        EXPECT_NE(d.failure->message.find("not a court decision"), std::string::npos) << d.failure->message;
    }
    for (const std::string& text : {std::string(), std::string(3000, 'x'), std::string("判决书\n")}) {
        auto d = harness().run_text("decode ! structure", text + "\n");
        ASSERT_TRUE(d.failed());
        EXPECT_STREQ(d.status(), text.empty() ? "failed" : "rejected") << d.failure->message;
    }
}

TEST(StructureGate, BundledJudgmentsAndTheAppealAreTaken) {
    for (const char* name : {"administrative-first-instance", "civil-first-instance", "civil-second-instance",
                             "criminal-first-instance"}) {
        auto d = harness().run_text("decode ! structure", read_source(std::string("testdata/judgments/") + name + ".txt"), name);
        EXPECT_FALSE(d.failed()) << name << ": " << (d.failure ? d.failure->message : "");
    }
    auto d = harness().run_text("decode ! structure", kAppeal);
    EXPECT_FALSE(d.failed()) << d.failure->message;
}

TEST(StructureGate, EveryAnnotatedRealJudgmentIsTaken) {
    std::ifstream in(source_path("testdata/annotated/documents.jsonl"));
    ASSERT_TRUE(in) << "testdata/annotated/documents.jsonl";
    std::string line;
    int n = 0, rejected = 0;
    std::string which;
    while (std::getline(in, line)) {
        // the texts are JSON strings: let the decode stage's jsonl reader do the unescaping
        Document doc;
        doc.id = "line" + std::to_string(n);
        const auto k = line.find("\"text\": \"");
        ASSERT_NE(k, std::string::npos);
        std::string text;
        for (std::size_t i = k + 9; i < line.size() && line[i] != '"'; ++i) {
            if (line[i] == '\\' && i + 1 < line.size()) {
                const char e = line[++i];
                if (e == 'n') text.push_back('\n');
                else if (e == 'u') i += 4;  // no \u escapes in these texts but quotes; skip any
                else text.push_back(e);
            } else {
                text.push_back(line[i]);
            }
        }
        auto d = harness().run_text("decode ! structure", text, doc.id);
        ++n;
        if (d.failed()) {
            ++rejected;
            which += doc.id + ": " + d.failure->message + "\n";
        }
    }
    EXPECT_EQ(n, 779);
    EXPECT_EQ(rejected, 0) << which;
}

TEST(StructureQuotation, TheLowerCourtsDecisionIsNotThisCourts) {
    auto d = harness().run_text("decode ! structure", kAppeal);
    ASSERT_FALSE(d.failed());
    // this court's reasoning opens with 我院认为 (wording.terms reports the word; the section is still there)
    EXPECT_EQ(section_text(d, "reasoning").rfind("我院认为", 0), 0u) << section_text(d, "reasoning");
    EXPECT_EQ(section_text(d, "decision"), "驳回上诉，维持原判。");
    // the quoted judgment is part of the facts; the appeal's grounds and the answer are found after it
    EXPECT_NE(section_text(d, "claims").find("上诉称"), std::string::npos) << section_text(d, "claims");
    EXPECT_NE(section_text(d, "defence").find("答辩称"), std::string::npos) << section_text(d, "defence");
    EXPECT_EQ(section_text(d, "facts").rfind("原审法院查明", 0), 0u) << section_text(d, "facts");
    int decisions = 0;
    for (const auto& s : d.sections) decisions += s.kind == "decision";
    EXPECT_EQ(decisions, 1);
}

TEST(StructureSignature, AssistantJudgeLineAndSpacedClerkKeepTheClerk) {
    auto d = harness().run_text("decode ! structure", kAppeal);
    ASSERT_FALSE(d.failed());
    EXPECT_EQ(d.facts.clerk, "周某");
    EXPECT_EQ(d.facts.judges.size(), 3u);
    EXPECT_EQ(d.facts.decided_on, "2015-03-02");
}

TEST(StructureRuling, DecisionWithoutMarkerAndItsSubkind) {
    const std::string ruling =
        "中华人民共和国最高人民法院\n民事裁定书\n（2015）民二终字第12号\n"
        "上诉人（一审被告）：某铸造有限公司。住所地：新疆维吾尔自治区鄯善县。\n法定代表人：杨某，该公司董事长。\n"
        "被上诉人（一审原告）：龙某。\n"
        "上诉人某铸造有限公司因与被上诉人龙某借款合同纠纷一案，不服新疆维吾尔自治区高级人民法院（2014）新民二初字第3号民事判决，"
        "向本院提起上诉，但未在指定的期限内交纳上诉案件受理费。依照《诉讼费用交纳办法》第二十二条第四款的规定，\n"
        "本案按自动撤回上诉处理。\n本裁定为终审裁定。\n审判长　尹某\n代理审判员　李某\n代理审判员　冯某\n"
        "二〇一五年三月二十六日\n书记员　刘某\n";
    auto d = harness().run_text("decode ! structure", ruling);
    ASSERT_FALSE(d.failed()) << d.failure->message;
    EXPECT_EQ(section_text(d, "decision"), "本案按自动撤回上诉处理。");
    EXPECT_EQ(d.facts.subkind, "按撤回上诉处理");
    EXPECT_EQ(d.facts.clerk, "刘某");
}
