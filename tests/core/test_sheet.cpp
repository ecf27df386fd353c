// Tests for scoring sheets: deductions, caps, prefix rules, grades, and bad sheet files.
#include <gtest/gtest.h>

#include "pingcha/pipeline.h"
#include "pingcha/sheet.h"

using namespace pingcha;

namespace {
const char* sheet_json = R"({
  "name": "t", "version": "7", "max": 100,
  "grades": [{"name": "合格", "min": 80}, {"name": "优秀", "min": 95}, {"name": "不合格", "min": 0}],
  "default": {"deduction": 0.5},
  "criteria": {"date.signature": {"deduction": 2, "cap": 3}, "court.benxi.*": {"deduction": 10}}
})";

Finding f(const std::string& id, Severity s = Severity::error) { return {id, s, "", 0, 1, 0}; }
}  // namespace

TEST(Sheet, AppliesDeductionsCapsAndGrades) {
    const Sheet sheet = parse_sheet(sheet_json, "t.json");
    Document doc;
    doc.findings = {f("date.signature"), f("date.signature"), f("other"), f("x", Severity::warning)};
    sheet.apply(doc);
    ASSERT_TRUE(doc.score);
    EXPECT_DOUBLE_EQ(doc.findings[0].deduction, 2);
    EXPECT_DOUBLE_EQ(doc.findings[1].deduction, 1);  // capped at 3 in all
    EXPECT_DOUBLE_EQ(doc.findings[2].deduction, 0.5);
    EXPECT_DOUBLE_EQ(doc.findings[3].deduction, 0);  // warnings never count
    EXPECT_DOUBLE_EQ(doc.score->value, 96.5);
    EXPECT_EQ(doc.score->grade, "优秀");
    EXPECT_EQ(doc.score->sheet_version, "7");
}

TEST(Sheet, PrefixRulesAndFloor) {
    const Sheet sheet = parse_sheet(sheet_json, "t.json");
    Document doc;
    for (int i = 0; i < 12; ++i) doc.findings.push_back(f("court.benxi.roster"));
    sheet.apply(doc);
    EXPECT_DOUBLE_EQ(doc.score->value, 0);
    EXPECT_EQ(doc.score->grade, "不合格");
}

TEST(Sheet, BadFilesAreConfigErrors) {
    EXPECT_THROW(parse_sheet("{", "bad.json"), ConfigError);
    EXPECT_THROW(parse_sheet(R"({"name":"x","version":"1","grades":[]})", "g.json"), ConfigError);
    EXPECT_THROW(parse_sheet(R"({"name":"x","version":"1","grades":[{"name":"a","min":0}],
        "criteria":{"a":{"deduction":-1}}})", "n.json"), ConfigError);
    EXPECT_THROW(load_sheet("no-such-sheet", {std::string(PINGCHA_SOURCE_DIR) + "/pipelines"}), ConfigError);
}

TEST(Sheet, ShippedBaselineLoads) {
    const Sheet s = load_sheet("spc-2016", {std::string(PINGCHA_SOURCE_DIR) + "/pipelines"});
    EXPECT_EQ(s.name, "spc-2016");
    EXPECT_DOUBLE_EQ(s.max, 100);
    EXPECT_TRUE(s.rule_for("date.signature").has_value());
}
