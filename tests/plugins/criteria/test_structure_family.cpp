// Tests for structure.title, structure.sections, structure.order, structure.signature,
// structure.costs and structure.artifacts on planted defects in correct synthetic judgments.
#include "judgment_fixtures.h"

using namespace pingcha;
using namespace pingcha::test;

class StructureCriteria : public StructuredCriteria {};

TEST_F(StructureCriteria, CorrectJudgmentsAreSilent) {
    for (const char* id : {"structure.title", "structure.sections", "structure.order", "structure.signature",
                           "structure.costs", "structure.artifacts"}) {
        expect_silent(civil_first(), id);
        expect_silent(civil_second(), id);
        expect_silent(criminal_first(), id);
        expect_silent(space_joined(criminal_first()), id);
        expect_silent(space_joined(civil_first()), id);
    }
}

TEST_F(StructureCriteria, TitleWithoutCaseNumber) {
    const auto text = plant(civil_first(), "（2022）辽0502民初1234号\n", "");
    expect_fires(text, "structure.title", "辽宁省本溪市平山区人民法院\n民 事 判 决 书");
}

TEST_F(StructureCriteria, TitleWithoutCourt) {
    const auto text = plant(criminal_first(), "辽宁省本溪市平山区人民法院\n", "");
    expect_fires(text, "structure.title", "刑 事 判 决 书");
}

TEST_F(StructureCriteria, MissingReasoning) {
    const auto reasoning = civil_first().substr(civil_first().find("本院认为"));
    const auto line = reasoning.substr(0, reasoning.find('\n') + 1);
    const auto text = plant(civil_first(), line, "");
    expect_fires(text, "structure.sections", line_prefix(text, "依照《中华人民共和国民法典》", 20));
}

// The answer missing altogether is reported; an answer written inside another paragraph (…一案，被告辩称…)
// is there, and a reviewer would not deduct for it.
TEST_F(StructureCriteria, MissingDefenceUnlessStatedInline) {
    const std::string answer = "本溪某建材有限公司辩称，对欠款数额无异议，但因资金周转困难，请求分期给付。\n";
    const auto missing = plant(civil_first(), answer, "");
    expect_fires(missing, "structure.sections", line_prefix(missing, "当事人围绕诉讼请求", 20));
    const auto inline_answer = plant(missing, "现已审理终结。", "现已审理终结。被告当庭答辩，对欠款数额无异议。");
    expect_silent(inline_answer, "structure.sections");
}

TEST_F(StructureCriteria, MissingNoticeInCriminalJudgment) {
    const auto notice = criminal_first().substr(criminal_first().find("如不服本判决"));
    const auto text = plant(criminal_first(), notice.substr(0, notice.find('\n') + 1), "");
    expect_fires(text, "structure.sections", "审　判　员　吴某");
}

TEST_F(StructureCriteria, ReasoningBeforeFacts) {
    // Move the 本院认为 paragraph before the evidence and facts paragraphs.
    const std::string& t = civil_first();
    const auto rs = t.find("本院认为");
    const auto reasoning = t.substr(rs, t.find('\n', rs) + 1 - rs);
    auto text = plant(t, reasoning, "");
    text = plant(text, "当事人围绕诉讼请求", reasoning + "当事人围绕诉讼请求");
    expect_fires(text, "structure.order", line_prefix(text, "当事人围绕诉讼请求", 20));
}

TEST_F(StructureCriteria, DateBeforeSignature) {
    const auto text = plant(criminal_first(), "审　判　员　吴某\n二〇二二年五月十八日\n", "二〇二二年五月十八日\n审　判　员　吴某\n");
    expect_fires(text, "structure.order", "审　判　员　吴某");
}

TEST_F(StructureCriteria, MissingClerk) {
    const auto text = plant(civil_first(), "书　记　员　周某\n", "");
    expect_fires(text, "structure.signature", "审　判　长　刘某某\n审　判　员　陈某\n人民陪审员　孙某某");
}

TEST_F(StructureCriteria, MissingDateInSpaceJoinedText) {
    const auto text = plant(space_joined(criminal_first()), " 二〇二二年五月十八日", "");
    expect_fires(text, "structure.signature", "审　判　员　吴某");
}

TEST_F(StructureCriteria, MissingCosts) {
    const auto text = plant(civil_first(), "案件受理费1050元，由被告本溪某建材有限公司负担。\n", "");
    expect_fires(text, "structure.costs", line_prefix(text, "被告本溪某建材有限公司于本判决生效", 30));
}

TEST_F(StructureCriteria, CostsWithoutWhoBears) {
    const auto text = plant(civil_first(), "案件受理费1050元，由被告本溪某建材有限公司负担。",
                            "案件受理费1050元，减半收取525元，免予负担部分由本院退还。");
    expect_silent(text, "structure.costs");  // waived or refunded costs need no bearer
    const auto bad = plant(civil_first(), "案件受理费1050元，由被告本溪某建材有限公司负担。",
                           "案件受理费由被告本溪某建材有限公司负担。");
    expect_fires(bad, "structure.costs", "案件受理费由被告本溪某建材有限公司负担。");
}

TEST_F(StructureCriteria, CriminalJudgmentNeedsNoCosts) { expect_silent(criminal_first(), "structure.costs"); }

TEST_F(StructureCriteria, Artifacts) {
    expect_fires(plant(civil_first(), "审　判　长", "（此页无正文）\n审　判　长"), "structure.artifacts", "此页无正文");
    expect_fires(plant(civil_first(), "书　记　员　周某\n", "书　记　员　周某\n第 1 页 共 3 页\n"), "structure.artifacts",
                 "第 1 页 共 3 页");
    expect_fires(plant(civil_first(), "本院认为，", "本院认为，<br/>"), "structure.artifacts", "<br/>");
    expect_fires(plant(criminal_first(), "书　记　员　郑某", "书　记　员　郑某 。PAGE"), "structure.artifacts", "PAGE");
    expect_fires(plant(civil_first(), "本院认为，", "本院认为，&nbsp;"), "structure.artifacts", "&nbsp;");
}

// A court name one character away from a listed court (issue 12's examples); renamed units (县→区)
// and listed names stay silent.
TEST_F(StructureCriteria, MisspeltCourtName) {
    const std::string& t = civil_second();
    const std::string court = "辽宁省本溪市中级人民法院";
    ASSERT_EQ(t.rfind(court, 0), 0u) << t.substr(0, 60);
    expect_fires(plant(t, court, "辽宁省本溪市中级人法院"), "structure.title", "辽宁省本溪市中级人法院");
    expect_fires(plant(t, court, "中国人民共和国最高人民法院"), "structure.title", "中国人民共和国最高人民法院");
    expect_silent(t, "structure.title");
    expect_silent(plant(t, court, "江苏省南京市中级人民法院"), "structure.title");
}
