// Tests for case-number.format, case-number.court, case-number.type-roles, case-number.level,
// case-number.original and court.appeal-target.
#include "judgment_fixtures.h"

using namespace pingcha;
using namespace pingcha::test;

class CaseNumberCriteria : public StructuredCriteria {};

TEST_F(CaseNumberCriteria, CorrectJudgmentsAreSilent) {
    for (const char* id : {"case-number.format", "case-number.court", "case-number.type-roles", "case-number.level",
                           "case-number.original", "court.appeal-target"}) {
        expect_silent(civil_first(), id);
        expect_silent(civil_second(), id);
        expect_silent(criminal_first(), id);
        expect_silent(space_joined(criminal_first()), id);
    }
}

TEST_F(CaseNumberCriteria, HalfWidthBrackets) {
    expect_fires(plant(civil_first(), "（2022）辽0502民初1234号", "(2022)辽0502民初1234号"), "case-number.format",
                 "(2022)辽0502民初1234号");
}

TEST_F(CaseNumberCriteria, OldFormAfter2016) {
    expect_fires(plant(civil_first(), "（2022）辽0502民初1234号", "（2022）辽0502民初字第1234号"), "case-number.format",
                 "（2022）辽0502民初字第1234号");
}

TEST_F(CaseNumberCriteria, LeadingZeroAndSpaces) {
    expect_fires(plant(criminal_first(), "（2022）辽0502刑初88号", "（2022）辽0502刑初0088号"), "case-number.format",
                 "（2022）辽0502刑初0088号");
    expect_fires(plant(criminal_first(), "（2022）辽0502刑初88号", "（2022）辽0502 刑初88号"), "case-number.format",
                 "（2022）辽0502 刑初88号");
}

TEST_F(CaseNumberCriteria, UnknownTypeCode) {
    expect_fires(plant(civil_first(), "（2022）辽0502民初1234号", "（2022）辽0502民一1234号"), "case-number.format",
                 "（2022）辽0502民一1234号");
}

TEST_F(CaseNumberCriteria, OldFormBefore2016IsNotAFormatDefect) {
    auto text = plant(civil_first(), "（2022）辽0502民初1234号", "（2015）平民初字第00234号");
    expect_silent(text, "case-number.format");
}

TEST_F(CaseNumberCriteria, CourtCodeOfAnotherCourt) {
    // 辽0503 is 本溪市溪湖区人民法院 in the court table.
    expect_fires(plant(civil_first(), "（2022）辽0502民初1234号", "（2022）辽0503民初1234号"), "case-number.court",
                 "（2022）辽0503民初1234号");
}

TEST_F(CaseNumberCriteria, CourtCodeOfAnotherProvinceOrLevel) {
    expect_fires(plant(civil_first(), "（2022）辽0502民初1234号", "（2022）吉0502民初1234号"), "case-number.court",
                 "（2022）吉0502民初1234号");
    expect_fires(plant(civil_second(), "（2022）辽05民终1456号", "（2022）辽0502民终1456号"), "case-number.court",
                 "（2022）辽0502民终1456号");
}

TEST_F(CaseNumberCriteria, TypeCodeAgainstKind) {
    expect_fires(plant(criminal_first(), "（2022）辽0502刑初88号", "（2022）辽0502民初88号"), "case-number.type-roles",
                 "（2022）辽0502民初88号");
}

TEST_F(CaseNumberCriteria, TypeCodeAgainstRoles) {
    // An appeal number over first-instance party titles.
    const auto text = plant(civil_first(), "（2022）辽0502民初1234号", "（2022）辽0502民终1234号");
    expect_fires(text, "case-number.type-roles", "原告：王某某");
}

TEST_F(CaseNumberCriteria, SecondInstanceCodeAtBasicCourt) {
    const auto text = plant(civil_first(), "（2022）辽0502民初1234号", "（2022）辽0502民终1234号");
    expect_fires(text, "case-number.level", "（2022）辽0502民终1234号");
    expect_silent(civil_second(), "case-number.level");
}

TEST_F(CaseNumberCriteria, OriginalNumberLaterThanAppeal) {
    expect_fires(plant(civil_second(), "（2022）辽0502民初1234号", "（2023）辽0502民初1234号"), "case-number.original",
                 "（2023）辽0502民初1234号");
}

TEST_F(CaseNumberCriteria, OriginalNumberFromAnotherDistrict) {
    expect_fires(plant(civil_second(), "（2022）辽0502民初1234号", "（2022）辽0602民初1234号"), "case-number.original",
                 "（2022）辽0602民初1234号");
}

TEST_F(CaseNumberCriteria, OriginalNumberNotFirstInstance) {
    expect_fires(plant(civil_second(), "（2022）辽0502民初1234号", "（2022）辽0502民终1234号"), "case-number.original",
                 "（2022）辽0502民终1234号");
}

TEST_F(CaseNumberCriteria, AppealToAnotherCity) {
    expect_fires(plant(civil_first(), "上诉于辽宁省本溪市中级人民法院", "上诉于辽宁省丹东市中级人民法院"),
                 "court.appeal-target", "辽宁省丹东市中级人民法院");
}

TEST_F(CaseNumberCriteria, AppealSkippingALevel) {
    expect_fires(plant(criminal_first(), "直接向辽宁省本溪市中级人民法院", "直接向辽宁省高级人民法院"),
                 "court.appeal-target", "辽宁省高级人民法院");
}

TEST_F(CaseNumberCriteria, AppealToAnotherProvince) {
    expect_fires(plant(civil_first(), "上诉于辽宁省本溪市中级人民法院", "上诉于吉林省本溪市中级人民法院"),
                 "court.appeal-target", "吉林省本溪市中级人民法院");
}

TEST_F(CaseNumberCriteria, AppealToAnotherCityWithoutTheCourtTable) {
    // 吉0102 is not in the (Liaoning) court table: the city in the court names decides.
    auto text = plant(civil_first(), "辽宁省本溪市平山区人民法院", "吉林省长春市南关区人民法院");
    text = plant(text, "（2022）辽0502民初1234号", "（2022）吉0102民初1234号");
    expect_silent(plant(text, "上诉于辽宁省本溪市中级人民法院", "上诉于吉林省长春市中级人民法院"), "court.appeal-target");
    expect_fires(plant(text, "上诉于辽宁省本溪市中级人民法院", "上诉于吉林省吉林市中级人民法院"), "court.appeal-target",
                 "吉林省吉林市中级人民法院");
}
