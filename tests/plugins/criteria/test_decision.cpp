// Tests for decision.claims: every numbered claim is answered in the decision.
#include "criteria_texts.h"

using namespace pingcha;
using namespace pingcha::test;

class DecisionCriteria : public CriteriaTest {};

const std::string kSecondItem = "二、被告本溪某商贸有限公司于本判决生效之日起十日内支付原告王某某违约金5000元。\n";

TEST_F(DecisionCriteria, AllClaimsAnswered) {
    expect_silent(kCivil, "decision.claims");
    expect_silent(kCriminal, "decision.claims");
}

TEST_F(DecisionCriteria, ClaimLeftUnanswered) {
    auto text = edit(kCivil, kSecondItem, "");
    text = edit(text, "一、被告本溪某商贸有限公司于本判决生效之日起十日内支付原告王某某货款100000元；",
                "被告本溪某商贸有限公司于本判决生效之日起十日内支付原告王某某货款100000元。");
    expect_fires(text, "decision.claims", "被告本溪某商贸有限公司于");
    // 驳回原告其他诉讼请求 covers the rest
    expect_silent(edit(kCivil, kSecondItem, "二、驳回原告王某某的其他诉讼请求。\n"), "decision.claims");
}
