// Tests for the score stage end to end with the date.signature criterion and the shipped sheets.
#include "harness.h"

using namespace pingcha;
using pingcha::test::Harness;

TEST(ScoreStage, DeductsForFindingsAndNamesSheet) {
    Harness h({"decode-text", "criteria", "score"});
    const std::string bad = "审判员　张某\n二O一八年五月二十八日\n书记员　李某\n";
    auto d = h.run_text("decode ! criteria only=date.signature ! score sheet=spc-2016", bad);
    ASSERT_FALSE(d.failed()) << d.failure->message;
    ASSERT_TRUE(d.score);
    EXPECT_EQ(d.score->sheet, "spc-2016");
    EXPECT_LT(d.score->value, 100);
    EXPECT_GT(d.findings.at(0).deduction, 0);
    auto good = h.run_text("decode ! criteria only=date.signature ! score", "审判员　张某\n二〇一八年五月二十八日\n");
    EXPECT_DOUBLE_EQ(good.score->value, 100);
}

TEST(ScoreStage, UnknownSheetFailsTheDocumentClearly) {
    Harness h({"decode-text", "score"});
    auto d = h.run_text("decode ! score sheet=no-such-sheet", "文本");
    ASSERT_TRUE(d.failed());
    EXPECT_NE(d.failure->message.find("no-such-sheet"), std::string::npos);
}
