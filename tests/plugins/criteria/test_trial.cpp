// Tests for sentence.term, panel.composition and notice.procedure.
#include "judgment_fixtures.h"

using namespace pingcha;
using namespace pingcha::test;

class TrialCriteria : public StructuredCriteria {};

TEST_F(TrialCriteria, CorrectJudgmentsAreSilent) {
    for (const char* id : {"sentence.term", "panel.composition", "notice.procedure"}) {
        expect_silent(civil_first(), id);
        expect_silent(civil_second(), id);
        expect_silent(criminal_first(), id);
        expect_silent(space_joined(criminal_first()), id);
    }
}

TEST_F(TrialCriteria, CustodyWindowTooLong) {
    expect_fires(plant(criminal_first(), "至2022年8月31日止", "至2022年9月30日止"), "sentence.term",
                 "自2022年3月1日起至2022年9月30日止");
}

TEST_F(TrialCriteria, CustodyWindowTooShortForTheTerm) {
    expect_fires(plant(criminal_first(), "犯盗窃罪，判处有期徒刑六个月", "犯盗窃罪，判处有期徒刑一年"), "sentence.term",
                 "自2022年3月1日起至2022年8月31日止");
}

TEST_F(TrialCriteria, CustodyWindowWithYearsMonthsAndDays) {
    auto text = plant(criminal_first(), "犯盗窃罪，判处有期徒刑六个月", "犯盗窃罪，判处有期徒刑一年二个月十日");
    expect_silent(plant(text, "至2022年8月31日止", "至2023年5月10日止"), "sentence.term");
    expect_fires(plant(text, "至2022年8月31日止", "至2023年5月20日止"), "sentence.term",
                 "自2022年3月1日起至2023年5月20日止");
}

TEST_F(TrialCriteria, InterruptedCustodyIsNotChecked) {
    auto text = plant(criminal_first(), "同年3月15日被逮捕", "同年3月5日被取保候审，同年3月15日被逮捕");
    expect_silent(plant(text, "至2022年8月31日止", "至2022年9月10日止"), "sentence.term");
}

TEST_F(TrialCriteria, CollegialPanelOfTwo) {
    expect_fires(plant(civil_first(), "审　判　员　陈某\n", ""), "panel.composition", "审　判　长　刘某某\n人民陪审员　孙某某");
}

TEST_F(TrialCriteria, TwoPresidingJudges) {
    expect_fires(plant(civil_second(), "审　判　员　郑某", "审　判　长　郑某"), "panel.composition",
                 "审　判　长　吴某某\n审　判　长　郑某\n审　判　员　冯某某");
}

TEST_F(TrialCriteria, SoleJudgeWithThreeSigners) {
    expect_fires(plant(criminal_first(), "审　判　员　吴某\n", "审　判　员　吴某\n审　判　员　钱某\n人民陪审员　冯某\n"),
                 "panel.composition", "审　判　员　吴某\n审　判　员　钱某\n人民陪审员　冯某");
}

TEST_F(TrialCriteria, LayAssessorPresiding) {
    const auto text = plant(civil_first(), "组成合议庭，", "由审判员陈某、刘某某和人民陪审员孙某某组成合议庭，由人民陪审员孙某某担任审判长，");
    expect_fires(text, "panel.composition", "人民陪审员孙某某担任审判长");
}

TEST_F(TrialCriteria, WrongCivilAppealPeriod) {
    const auto text = plant(civil_first(), "送达之日起十五日内", "送达之日起十日内");
    const auto found = run(text, "notice.procedure");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(span(found[0]), "十日内");
    EXPECT_EQ(found[0].start, cp_find(text, "送达之日起十日内") + 5);
}

TEST_F(TrialCriteria, WrongCriminalAppealPeriod) {
    expect_fires(plant(space_joined(criminal_first()), "第二日起十日内", "第二日起十五日内"), "notice.procedure",
                 "十五日内");
}

TEST_F(TrialCriteria, SecondInstanceOffersAppeal) {
    const auto text = plant(civil_second(), "本判决为终审判决。",
                            "如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于辽宁省高级人民法院。");
    expect_fires(text, "notice.procedure", "如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉");
}

TEST_F(TrialCriteria, FirstInstanceDeclaredFinal) {
    const auto notice = civil_first().substr(civil_first().find("如不服本判决"));
    const auto text = plant(civil_first(), notice.substr(0, notice.find('\n')), "本判决为终审判决。");
    expect_fires(text, "notice.procedure", "终审判决。");
}
