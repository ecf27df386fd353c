// Tests for the soft reasoning criteria (info severity, reasoning sub-score).
#include "criteria_texts.h"

using namespace pingcha;
using namespace pingcha::test;

class ReasoningCriteria : public CriteriaTest {};

const std::string kReasons =
    "原、被告之间的买卖合同系双方真实意思表示，合法有效。本案的争议焦点为被告应否支付货款及违约金。"
    "原告已依约交付货物，被告应按约定支付价款。被告辩称违约金过高，但未提供证据证明原告的实际损失，本院对违约金5000元予以支持。";

TEST_F(ReasoningCriteria, CorrectJudgmentsAreSilent) {
    for (const char* id : {"reasoning.length", "reasoning.issues", "reasoning.evidence"}) {
        expect_silent(kCivil, id);
        expect_silent(kCriminal, id);
    }
}

TEST_F(ReasoningCriteria, TooShort) {
    expect_fires(edit(kCivil, kReasons, "原告请求成立。"), "reasoning.length", "本院认为");
    auto d = harness().run_text("decode ! structure min_parts=0 ! criteria only=reasoning.length", edit(kCivil, kReasons, "原告请求成立。"));
    ASSERT_EQ(d.findings.size(), 1u);
    EXPECT_EQ(d.findings[0].severity, Severity::info);
    EXPECT_TRUE(harness().registry().find_criterion("reasoning.length")->is_soft);
}

TEST_F(ReasoningCriteria, DefenceNotAnswered) {
    const std::string silent_on_defence =
        "原、被告之间的买卖合同系双方真实意思表示，合法有效。原告已依约交付货物，被告应按约定支付价款及违约金，"
        "买卖合同对付款期限和违约责任约定明确，被告逾期付款，应承担相应的违约责任。";
    expect_fires(edit(kCivil, kReasons, silent_on_defence), "reasoning.issues", "本院认为");
}

TEST_F(ReasoningCriteria, EvidenceNotAssessed) {
    const auto text = edit(kCivil, "上述事实，有买卖合同、送货单及当事人陈述在案为证，本院予以确认。",
                           "原告提交了买卖合同、送货单作为证据。");
    expect_fires(text, "reasoning.evidence", "本院认为");
    // evidence nobody contests may be listed without weighing it
    expect_silent(edit(kCivil, "上述事实，有买卖合同、送货单及当事人陈述在案为证，本院予以确认。",
                       "原告提交了买卖合同、送货单作为证据，被告对上述证据无异议。"),
                  "reasoning.evidence");
}
