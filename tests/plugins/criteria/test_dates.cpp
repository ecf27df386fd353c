// Tests for date.signature, date.body, date.order and efficiency.time-limit.
#include "judgment_fixtures.h"

using namespace pingcha;
using namespace pingcha::test;

class DateCriteria : public StructuredCriteria {};

TEST_F(DateCriteria, CorrectJudgmentsAreSilent) {
    for (const char* id : {"date.signature", "date.body", "date.order", "efficiency.time-limit"}) {
        expect_silent(civil_first(), id);
        expect_silent(civil_second(), id);
        expect_silent(criminal_first(), id);
        expect_silent(space_joined(criminal_first()), id);
    }
}

TEST_F(DateCriteria, SignatureDateWithLatinO) {
    expect_fires(plant(civil_first(), "二〇二二年九月五日", "二O二二年九月五日"), "date.signature", "二O二二年九月五日");
}

TEST_F(DateCriteria, SignatureDateThatDoesNotExist) {
    expect_fires(plant(space_joined(criminal_first()), "二〇二二年五月十八日", "二〇二二年二月三十日"), "date.signature",
                 "二〇二二年二月三十日");
}

TEST_F(DateCriteria, BodyDateThatDoesNotExist) {
    expect_fires(plant(civil_first(), "2021年3月15日", "2021年2月30日"), "date.body", "2021年2月30日");
}

TEST_F(DateCriteria, BodyDateIncomplete) {
    expect_fires(plant(civil_first(), "2021年3月15日", "2021年月15日"), "date.body", "2021年月15日");
}

TEST_F(DateCriteria, BodyDateInChineseNumerals) {
    expect_fires(plant(criminal_first(), "2022年2月26日，被告人", "二〇二二年二月二十六日，被告人"), "date.body",
                 "二〇二二年二月二十六日");
    // a year alone names a year, not a date
    expect_silent(plant(criminal_first(), "2022年2月26日，被告人", "2022年2月26日（二〇二二年第三次审判委员会讨论），被告人"),
                  "date.body");
}

TEST_F(DateCriteria, HearingBeforeFiling) {
    expect_fires(plant(criminal_first(), "于2022年5月10日公开开庭", "于2022年4月10日公开开庭"), "date.order",
                 "2022年4月10日");
}

TEST_F(DateCriteria, CaseNumberYearAfterDecision) {
    expect_fires(plant(civil_first(), "（2022）辽0502民初1234号", "（2023）辽0502民初1234号"), "date.order",
                 "（2023）辽0502民初1234号");
}

TEST_F(DateCriteria, FactsAfterDecision) {
    expect_fires(plant(civil_first(), "2021年3月15日，原告向被告交付", "2022年10月15日，原告向被告交付"), "date.order",
                 "2022年10月15日");
}

TEST_F(DateCriteria, BirthAfterFiling) {
    expect_fires(plant(criminal_first(), "1985年6月12日出生", "2022年6月12日出生"), "date.order", "2022年6月12日");
}

TEST_F(DateCriteria, TimeLimitExceeded) {
    const auto text = plant(civil_first(), "本院于2022年5月10日立案后", "本院于2021年12月10日立案后");
    expect_fires(text, "efficiency.time-limit", "2021年12月10日");
    // An extension stated in the judgment silences it.
    expect_silent(plant(text, "本案现已审理终结。", "经本院院长批准，本案延长审限六个月。本案现已审理终结。"),
                  "efficiency.time-limit");
}

TEST_F(DateCriteria, SecondInstanceTimeLimit) {
    expect_fires(plant(civil_second(), "本院于2022年10月10日立案后", "本院于2022年8月10日立案后"),
                 "efficiency.time-limit", "2022年8月10日");
}
