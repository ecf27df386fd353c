// Tests for the citation.* criteria: each fires on a planted defect at its span and stays silent on
// the correct judgment.
#include "criteria_texts.h"

using namespace pingcha;
using namespace pingcha::test;

class CitationCriteria : public CriteriaTest {};

const std::string kBasis = "依照《中华人民共和国民法典》第五百七十七条、第五百七十九条、第五百八十五条，《中华人民共和国民事诉讼法》第六十七条之规定";

TEST_F(CitationCriteria, CorrectJudgmentsAreSilent) {
    for (const char* id : {"citation.title", "citation.article", "citation.order", "citation.not-a-basis",
                           "citation.repealed", "citation.version", "citation.exists", "citation.procedure"}) {
        expect_silent(kCivil, id);
        expect_silent(kCriminal, id);
    }
}

TEST_F(CitationCriteria, TitleShortTitleWithoutDefinition) {
    const auto text = edit(kCivil, "依照《中华人民共和国民法典》", "依照《民法典》");
    expect_fires(text, "citation.title", "《民法典》");
    // defined first: （以下简称《民法典》）
    const auto defined = edit(text, "合法有效。", "合法有效，应受《中华人民共和国民法典》（以下简称《民法典》）调整。");
    expect_silent(defined, "citation.title");
}

TEST_F(CitationCriteria, TitleBareLawNameInTheBasis) {
    const auto text = edit(kCriminal, "依照《中华人民共和国刑法》第二百六十四条", "依照中华人民共和国刑法第二百六十四条");
    expect_fires(text, "citation.title", "中华人民共和国刑法");
}

TEST_F(CitationCriteria, ArticleInArabicNumerals) {
    expect_fires(edit(kCivil, "第五百七十九条", "第579条"), "citation.article", "第579条");
}

TEST_F(CitationCriteria, ParagraphWithoutDi) {
    expect_fires(edit(kCriminal, "第六十七条第三款", "第六十七条三款"), "citation.article", "三款");
}

// 《刑法》二百六十四条: the article without its 第 is still read as a citation (so no criterion calls the
// article absent) and reported as written wrong.
TEST_F(CitationCriteria, ArticleWithoutDi) {
    const auto text = edit(kCriminal, "《中华人民共和国刑法》第二百六十四条", "《中华人民共和国刑法》二百六十四条");
    expect_fires(text, "citation.article", "二百六十四条");
    expect_silent(text, "citation.exists");
    // in a list after 、, and the 条/款 slips right after an article
    expect_fires(edit(kCriminal, "第二百六十四条、第六十七条第三款", "第二百六十四条、六十七条第三款"), "citation.article",
                 "六十七条");
    expect_fires(edit(kCriminal, "第二百六十四条、第六十七条第三款", "第二百六十四条、第六十七第三款"), "citation.article",
                 "第六十七第三款");
    expect_fires(edit(kCriminal, "第二百六十四条、第六十七条第三款", "第二百六十四条、第六十七条第三条款"), "citation.article",
                 "第三条款");
}

TEST_F(CitationCriteria, BracketedItemAndCircleZero) {
    expect_fires(edit(kCivil, "第五百八十五条，", "第五百八十五条第一款第（一）项，"), "citation.article", "第（一）项");
    expect_fires(edit(kCivil, "第五百七十七条、", "第五百七十七条、第一百〇七条、"), "citation.article", "第一百〇七条");
}

TEST_F(CitationCriteria, OrderProceduralBeforeSubstantive) {
    const auto text = edit(kCivil, kBasis,
                           "依照《中华人民共和国民事诉讼法》第六十七条，《中华人民共和国民法典》第五百七十七条之规定");
    expect_fires(text, "citation.order", "《中华人民共和国民法典》");
}

TEST_F(CitationCriteria, OrderInterpretationBeforeLaw) {
    const auto text = edit(kCivil, kBasis,
                           "依照《最高人民法院关于审理买卖合同纠纷案件适用法律问题的解释》第十八条，《中华人民共和国民法典》第五百七十七条之规定");
    expect_fires(text, "citation.order", "《中华人民共和国民法典》");
}

// The order of a basis quoted from another court's judgment (一审法院…依照…判决如下) is that court's, not
// this one's: reported only in this court's own basis.
TEST_F(CitationCriteria, OrderOfAQuotedBasisIsNotThisCourts) {
    const auto quoted = edit(kCivil, "上述事实，有买卖合同",
                             "另查明，一审法院依照《最高人民法院关于审理买卖合同纠纷案件适用法律问题的解释》第十八条，"
                             "《中华人民共和国民法典》第五百七十七条之规定，判决如下：驳回原告的诉讼请求。\n上述事实，有买卖合同");
    expect_silent(quoted, "citation.order");
}

TEST_F(CitationCriteria, NotABasisConstitutionAndMinutes) {
    const auto text = edit(kCivil, "依照《中华人民共和国民法典》第五百七十七条",
                           "依照《中华人民共和国宪法》第十三条、《中华人民共和国民法典》第五百七十七条");
    expect_fires(text, "citation.not-a-basis", "《中华人民共和国宪法》");
    const auto minutes = edit(kCivil, "，《中华人民共和国民事诉讼法》第六十七条之规定",
                              "，《全国法院民商事审判工作会议纪要》第五十条，《中华人民共和国民事诉讼法》第六十七条之规定");
    expect_fires(minutes, "citation.not-a-basis", "《全国法院民商事审判工作会议纪要》");
    // in the reasoning, not the basis: allowed
    const auto reasoning = edit(kCivil, "合法有效。", "合法有效。根据《中华人民共和国宪法》确立的平等原则，双方地位平等。");
    expect_silent(reasoning, "citation.not-a-basis");
}

TEST_F(CitationCriteria, RepealedLawAfter2021WithFactsAfter2021IsAnError) {
    const auto text = edit(kCivil, "《中华人民共和国民法典》第五百七十七条", "《中华人民共和国合同法》第一百零七条");
    expect_fires(text, "citation.repealed", "《中华人民共和国合同法》");
    auto d = harness().run_text("decode ! structure min_parts=0 ! criteria only=citation.repealed", text);
    ASSERT_EQ(d.findings.size(), 1u);
    EXPECT_EQ(d.findings[0].severity, Severity::error);
}

TEST_F(CitationCriteria, RepealedLawForOldFactsIsAWarningUnlessTheTransitionRuleIsCited) {
    auto text = edit(kCivil, "《中华人民共和国民法典》第五百七十七条", "《中华人民共和国合同法》第一百零七条");
    text = edit(edit(edit(text, "2021年5月10日", "2020年5月10日"), "2021年5月10日", "2020年5月10日"), "2021年6月1日",
                "2020年6月1日");
    auto d = harness().run_text("decode ! structure min_parts=0 ! criteria only=citation.repealed", text);
    ASSERT_EQ(d.findings.size(), 1u);
    EXPECT_EQ(d.findings[0].severity, Severity::warning);
    const auto with_rule = edit(text, "依照《中华人民共和国合同法》",
                                "依照《最高人民法院关于适用〈中华人民共和国民法典〉时间效力的若干规定》第一条，《中华人民共和国合同法》");
    expect_silent(with_rule, "citation.repealed");
    // decided before 2021: the law was in force
    const auto before = edit(edit(text, "二〇二二年六月十五日", "二〇二〇年六月十五日"), "（2022）", "（2020）");
    expect_silent(before, "citation.repealed");
}

TEST_F(CitationCriteria, VersionOfTheLatePaymentArticle) {
    expect_fires(edit(kCivil, "第二百六十条之规定，加倍", "第二百五十三条之规定，加倍"), "citation.version", "第二百五十三条");
    const auto y2024 = edit(kCivil, "二〇二二年六月十五日", "二〇二四年六月十五日");
    expect_fires(y2024, "citation.version", "第二百六十条");
    expect_silent(edit(y2024, "第二百六十条之规定，加倍", "第二百六十四条之规定，加倍"), "citation.version");
}

TEST_F(CitationCriteria, ArticleThatDoesNotExist) {
    expect_fires(edit(kCivil, "第五百八十五条", "第一千二百六十一条"), "citation.exists", "第一千二百六十一条");
    expect_fires(edit(kCriminal, "第五十三条之规定", "第四百五十三条之规定"), "citation.exists", "第四百五十三条");
    expect_silent(edit(kCivil, "第五百八十五条", "第一千二百六十条"), "citation.exists");
}

TEST_F(CitationCriteria, ProcedureLatePaymentNoticeMissing) {
    const auto text = edit(kCivil,
                           "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十条之规定，加倍支付迟延履行期间的债务利息。\n",
                           "");
    expect_fires(text, "citation.procedure", "100000元", 2);
}

TEST_F(CitationCriteria, ProcedureDefaultJudgment) {
    const auto text = edit(kCivil, "公开开庭进行了审理。", "公开开庭进行了审理。被告经本院传票传唤无正当理由拒不到庭，本院依法缺席判决。");
    expect_fires(text, "citation.procedure", "缺席判决");
    expect_silent(edit(text, "第六十七条之规定", "第六十七条、第一百四十七条之规定"), "citation.procedure");
}

TEST_F(CitationCriteria, ProcedureAppealWithoutTheSecondInstanceArticle) {
    auto text = edit(kCivil, "（2022）辽0502民初1234号", "（2022）辽05民终1234号");
    expect_fires(text, "citation.procedure", "判决如下");
    expect_silent(edit(text, "第六十七条之规定", "第六十七条、第一百七十七条第一款第二项之规定"), "citation.procedure");
}

// A criminal appeal that sends the case back for a violation of procedure cites 刑事诉讼法 第二百二十七条
// (2012; 第二百三十八条 since 2018), a second-instance article like 第二百二十五条.
TEST_F(CitationCriteria, ProcedureCriminalRemandForProcedure) {
    const auto text = edit(kCriminal, "（2021）辽0502刑初88号", "（2021）辽05刑终88号");
    expect_fires(text, "citation.procedure", "判决如下");
    expect_silent(edit(text, "第五十三条之规定", "第五十三条，《中华人民共和国刑事诉讼法》第二百二十七条第一款第（五）项之规定"),
                  "citation.procedure");
}

// A title one character away from a national law's (issue 12's examples): named with the right title.
TEST_F(CitationCriteria, MisspeltNationalLawTitles) {
    expect_fires(edit(kCriminal, "依照《中华人民共和国刑法》", "依照《中国人民共和国刑法》"), "citation.title",
                 "《中国人民共和国刑法》");
    expect_fires(edit(kCivil, "《中华人民共和国民事诉讼法》第六十七条", "《中华人民共和国民事诉讼》第六十七条"),
                 "citation.title", "《中华人民共和国民事诉讼》");
    expect_fires(edit(kCivil, "《中华人民共和国民事诉讼法》第六十七条", "《中华人民共和国民事诉论法》第六十七条"),
                 "citation.title", "《中华人民共和国民事诉论法》");
    // a real title that differs from another by one character is no slip (公司法 / 公证法)
    expect_silent(edit(kCivil, "《中华人民共和国民法典》第五百七十七条、", "《中华人民共和国公证法》第三十六条、"),
                  "citation.title");
}

// 第一、四款 is one 第 for two 款 (第一款、第四款); （一）项 lacks its 第.
TEST_F(CitationCriteria, SharedOrMissingDiInParagraphsAndItems) {
    expect_fires(edit(kCriminal, "第六十七条第三款", "第六十七条第一、三款"), "citation.article", "第一、三款");
    expect_fires(edit(kCriminal, "第六十七条第三款", "第六十七条第三款（一）项"), "citation.article", "（一）项");
}

// Articles of one law are separated by 、 (第二百六十四条、第六十七条第三款), not by a comma.
TEST_F(CitationCriteria, ArticlesSeparatedByAComma) {
    const auto text = edit(kCriminal, "第二百六十四条、第六十七条第三款", "第二百六十四条，第六十七条第三款");
    const auto at = cp_find(text, "第二百六十四条，") + 7;
    bool hit = false;
    for (const auto& p : pipelines("citation.article"))
        for (const auto& f : run(p, text, "citation.article")) hit |= f.start == at && f.end == at + 1;
    EXPECT_TRUE(hit);
    // a two-level list: 、 inside an article, commas between articles
    expect_silent(edit(kCriminal, "第二百六十四条、第六十七条第三款", "第二百六十四条，第六十七条第一款、第三款"),
                  "citation.article");
    // a sentence that goes on after the article is no list
    expect_silent(edit(kCivil, "合法有效。", "合法有效，依照《中华人民共和国民法典》第五百零九条，当事人应当全面履行。"),
                  "citation.article");
}
