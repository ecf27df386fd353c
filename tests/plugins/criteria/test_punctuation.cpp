// Tests for the punctuation criterion.
#include "criteria_texts.h"

using namespace pingcha;
using namespace pingcha::test;

class PunctuationCriteria : public CriteriaTest {};

TEST_F(PunctuationCriteria, CorrectJudgmentsAreSilent) {
    expect_silent(kCivil, "punctuation");
    expect_silent(kCriminal, "punctuation");
}

TEST_F(PunctuationCriteria, HalfWidthColonAfterPanJueRuXia) {
    expect_fires(edit(kCivil, "判决如下：", "判决如下:"), "punctuation", "判决如下:");
}

TEST_F(PunctuationCriteria, HalfWidthCommaInChinese) {
    expect_fires(edit(kCivil, "合法有效。本案", "合法有效,本案"), "punctuation", ",");
    // thousands separators are not punctuation
    expect_silent(edit(kCivil, "价款100000元", "价款100,000元"), "punctuation");
}

TEST_F(PunctuationCriteria, DoubledMarks) {
    expect_fires(edit(kCivil, "被告至今未付款。", "被告至今未付款，。"), "punctuation", "，。");
}

TEST_F(PunctuationCriteria, UnbalancedTitleMarksAndBrackets) {
    expect_fires(edit(kCivil, "《中华人民共和国民法典》第五百七十七条", "《中华人民共和国民法典第五百七十七条"), "punctuation", "《");
    expect_fires(edit(kCivil, "（2022）辽0502民初1234号", "（2022辽0502民初1234号"), "punctuation", "（");
    expect_fires(edit(kCivil, "双方真实意思表示", "双方“真实意思表示"), "punctuation", "“");
}

// “真实意思表示“: the closing mark written the wrong way round is reported, not the right opening one.
TEST_F(PunctuationCriteria, QuoteClosedTheWrongWayRound) {
    const auto text = edit(kCivil, "双方真实意思表示", "双方“真实意思表示“");
    expect_fires(text, "punctuation", "“", 1);
    for (const auto& p : pipelines("punctuation")) EXPECT_EQ(run(p, text, "punctuation").size(), 1u) << p;
}

// 《最高人民法院关于适用﹤中华人民共和国合同法﹥若干问题的解释》: the inner title takes 〈〉, not ﹤﹥, in a
// copy that writes 〈〉 elsewhere (copies with ﹤﹥ throughout come from a publishing platform's conversion).
TEST_F(PunctuationCriteria, InnerTitleInLookAlikeMarks) {
    const std::string look_alike = "第五百八十五条，《最高人民法院关于适用﹤中华人民共和国民法典﹥合同编通则若干问题的解释》第一条，";
    const auto mixed = edit(edit(kCivil, "第五百八十五条，", look_alike), "违约金5000元予以支持。",
                            "违约金5000元予以支持。参照《关于〈某规定〉的说明》。");
    expect_fires(mixed, "punctuation", "﹤中华人民共和国民法典﹥");
    expect_silent(edit(kCivil, "第五百八十五条，", look_alike), "punctuation");
    expect_silent(edit(kCivil, "第五百八十五条，", "第五百八十五条，《最高人民法院关于适用〈中华人民共和国民法典〉合同编通则若干问题的解释》第一条，"),
                  "punctuation");
}

// &rdquo；。: the ； closes an HTML entity left by an export, not a doubled mark of the judgment.
TEST_F(PunctuationCriteria, HtmlEntityLeftByTheExport) {
    expect_silent(edit(kCivil, "合法有效。", "合法有效，被告称&ldquo；已付清&rdquo；。"), "punctuation");
    expect_fires(edit(kCivil, "合法有效。", "合法有效；。"), "punctuation", "；。");
}
