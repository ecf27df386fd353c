// Tests for the amount.* criteria: capital numerals, totals and cost shares, court-fee tiers.
#include "criteria_texts.h"

using namespace pingcha;
using namespace pingcha::test;

class AmountCriteria : public CriteriaTest {};

TEST_F(AmountCriteria, CorrectJudgmentsAreSilent) {
    for (const char* id : {"amount.capital", "amount.sum", "amount.court-fee"}) {
        expect_silent(kCivil, id);
        expect_silent(kCriminal, id);
    }
}

TEST_F(AmountCriteria, CapitalDisagreesWithArabic) {
    const auto bad = edit(kCivil, "违约金5000元。\n", "违约金5000元（大写：伍仟伍佰元）。\n");
    expect_fires(bad, "amount.capital", "伍仟伍佰元");
    expect_silent(edit(kCivil, "违约金5000元。\n", "违约金5000元（大写：伍仟元整）。\n"), "amount.capital");
    // capital first, Arabic in brackets; with jiao and fen
    const auto bad2 = edit(kCivil, "货款100000元；\n", "货款人民币壹拾万零叁佰元（¥100,030.00）；\n");
    expect_fires(bad2, "amount.capital", "壹拾万零叁佰元");
    expect_silent(edit(kCivil, "货款100000元；\n", "货款人民币壹拾万零叁拾元伍角（¥100,030.50）；\n"), "amount.capital");
}

TEST_F(AmountCriteria, ItemsDoNotAddUpToTheTotal) {
    const std::string tail = "本院对违约金5000元予以支持。";
    const auto bad = edit(kCivil, tail, tail + "原告另支出鉴定费1000元、公告费2000元、交通费300元，合计3500元。");
    expect_fires(bad, "amount.sum", "3500元");
    expect_silent(edit(kCivil, tail, tail + "原告另支出鉴定费1000元、公告费2000元、交通费300元，合计3300元。"), "amount.sum");
    // a party's own arithmetic (in its claims) is not the court's
    expect_silent(edit(kCivil, "3.本案诉讼费用由被告负担。",
                       "3.本案诉讼费用由被告负担。原告另支出鉴定费1000元、公告费2000元、交通费300元，合计3500元。"),
                  "amount.sum");
    // the figure before the colon heads the list, it is not one of its items
    expect_silent(edit(kCivil, tail, tail + "原告共支付4，847.5万元，具体为：500万元、260万元、850万元，合计1，610万元。"),
                  "amount.sum");
}

TEST_F(AmountCriteria, CostSharesDoNotAddUp) {
    const auto bad = edit(kCivil, "案件受理费2400元，由被告本溪某商贸有限公司负担。",
                          "案件受理费2400元，由原告王某某负担400元，被告本溪某商贸有限公司负担1800元。");
    expect_fires(bad, "amount.sum", "400元，被告本溪某商贸有限公司负担1800元");
    expect_silent(edit(kCivil, "案件受理费2400元，由被告本溪某商贸有限公司负担。",
                       "案件受理费2400元，由原告王某某负担400元，被告本溪某商贸有限公司负担2000元。"),
                  "amount.sum");
}

TEST_F(AmountCriteria, HalvedFeeIsNotHalf) {
    const auto bad = edit(kCivil, "案件受理费2400元，由", "案件受理费2400元，减半收取1300元，由");
    expect_fires(bad, "amount.sum", "1300元");
    expect_silent(edit(kCivil, "案件受理费2400元，由", "案件受理费2400元，减半收取1200元，由"), "amount.sum");
}

TEST_F(AmountCriteria, CourtFeeBelowTheTier) {
    // 105,000 yuan claimed: 50 + 90,000 × 2.5% + 5,000 × 2% = 2,400 yuan
    const auto bad = edit(kCivil, "案件受理费2400元", "案件受理费800元");
    expect_fires(bad, "amount.court-fee", "800元");
    auto d = harness().run_text("decode ! structure min_parts=0 ! criteria only=amount.court-fee", bad);
    ASSERT_EQ(d.findings.size(), 1u);
    EXPECT_EQ(d.findings[0].severity, Severity::warning);
    // halved under summary procedure: 1,200 is right
    expect_silent(edit(kCivil, "案件受理费2400元，由", "案件受理费2400元，减半收取1200元，由"), "amount.court-fee");
}
