// Tests for the shipped scoring sheets (spc-2016, liaoning-2023): deductions, caps, prefix rules,
// grade bands, and that every criterion of the criteria plugin is priced in both.
#include "plugins/criteria/criteria_texts.h"
#include "pingcha/sheet.h"

using namespace pingcha;
using namespace pingcha::test;

namespace {

Sheet sheet(const std::string& name) { return load_sheet(name, {source_path("pipelines")}); }

Document with_findings(const std::vector<std::pair<std::string, Severity>>& found) {
    Document d;
    for (const auto& [id, sev] : found) {
        Finding f;
        f.criterion = id;
        f.severity = sev;
        d.findings.push_back(f);
    }
    return d;
}

}  // namespace

TEST(ShippedSheets, LoadWithTheirVersions) {
    const Sheet spc = sheet("spc-2016");
    EXPECT_EQ(spc.version, "2");
    EXPECT_EQ(spc.max, 100);
    ASSERT_EQ(spc.grades.size(), 4u);
    EXPECT_EQ(spc.grades.front().name, "优秀");
    EXPECT_EQ(spc.grades.back().name, "不合格");
    const Sheet ln = sheet("liaoning-2023");
    EXPECT_EQ(ln.name, "liaoning-2023");
    EXPECT_FALSE(ln.norm.empty());
}

TEST(ShippedSheets, EveryErrorCriterionIsPricedExplicitly) {
    Harness h({"decode-text", "criteria"});
    const Sheet spc = sheet("spc-2016"), ln = sheet("liaoning-2023");
    ASSERT_GT(h.registry().criteria().size(), 20u);
    for (const auto& c : h.registry().criteria()) {
        for (const Sheet* s : {&spc, &ln}) {
            // the default rule is a fallback for court plugins' own criteria, not for the catalogue
            const bool listed = s->rules.count(c.id) != 0 ||
                                s->rules.count(c.id.substr(0, c.id.find('.')) + ".*") != 0;
            EXPECT_TRUE(listed) << s->name << " does not price " << c.id;
            const auto rule = s->rule_for(c.id);
            ASSERT_TRUE(rule) << c.id;
            if (c.is_soft) EXPECT_EQ(rule->deduction, 0) << c.id << " is soft: reasoning sub-score, no deduction";
            else if (c.severity == Severity::error) {
                EXPECT_GE(rule->deduction, 0.5) << s->name << " " << c.id;
                EXPECT_LE(rule->deduction, 5) << s->name << " " << c.id;
                EXPECT_GE(rule->cap, rule->deduction) << s->name << " " << c.id;
            }
        }
    }
}

TEST(ShippedSheets, CapPerCriterion) {
    Document d = with_findings({{"typo.lexicon", Severity::error},
                                {"typo.lexicon", Severity::error},
                                {"typo.lexicon", Severity::error},
                                {"typo.lexicon", Severity::error},
                                {"typo.lexicon", Severity::error}});
    sheet("spc-2016").apply(d);
    ASSERT_TRUE(d.score);
    EXPECT_DOUBLE_EQ(d.score->deducted, 3);  // 1 each, capped at 3
    EXPECT_DOUBLE_EQ(d.findings[3].deduction, 0);
    EXPECT_DOUBLE_EQ(d.score->value, 97);
    EXPECT_EQ(d.score->sheet_version, "2");
}

TEST(ShippedSheets, PrefixRulesForCourtPluginCriteria) {
    const Sheet spc = sheet("spc-2016"), ln = sheet("liaoning-2023");
    auto r = spc.rule_for("court.liaoning-benxi.roster");
    ASSERT_TRUE(r);
    EXPECT_DOUBLE_EQ(r->deduction, 1);
    EXPECT_DOUBLE_EQ(r->cap, 3);
    r = ln.rule_for("court.liaoning-benxi.roster");
    ASSERT_TRUE(r);
    EXPECT_DOUBLE_EQ(r->deduction, 2);
    // an exact id wins over its prefix
    EXPECT_DOUBLE_EQ(ln.rule_for("court.appeal-target")->deduction, 3);
    // a case-number criterion added later is still priced by the campaign's case-number.* rule
    EXPECT_DOUBLE_EQ(ln.rule_for("case-number.future-check")->deduction, 3);
}

TEST(ShippedSheets, WarningsAndInfoDeductNothing) {
    Document d = with_findings({{"amount.court-fee", Severity::warning}, {"reasoning.length", Severity::info}});
    sheet("spc-2016").apply(d);
    EXPECT_DOUBLE_EQ(d.score->value, 100);
    EXPECT_EQ(d.score->grade, "优秀");
}

TEST(ShippedSheets, CampaignWeighsCaseNumbersAndCitationsHeavierAndGradesDiffer) {
    const std::vector<std::pair<std::string, Severity>> found = {{"case-number.format", Severity::error},
                                                                 {"citation.repealed", Severity::error},
                                                                 {"efficiency.time-limit", Severity::error}};
    Document a = with_findings(found), b = with_findings(found);
    sheet("spc-2016").apply(a);
    sheet("liaoning-2023").apply(b);
    EXPECT_DOUBLE_EQ(a.score->deducted, 2 + 3 + 2);
    EXPECT_DOUBLE_EQ(b.score->deducted, 3 + 5 + 5);
    EXPECT_EQ(a.score->grade, "良好");   // 93 in 90..95
    EXPECT_EQ(b.score->grade, "良好");   // 87 in 80..90
    Document c = with_findings({{"typo.lexicon", Severity::error}, {"typo.lexicon", Severity::error},
                                {"wording.terms", Severity::error}, {"wording.terms", Severity::error},
                                {"wording.terms", Severity::error}, {"punctuation", Severity::error}});
    Document c2 = c;
    sheet("spc-2016").apply(c);
    sheet("liaoning-2023").apply(c2);
    EXPECT_DOUBLE_EQ(c.score->value, 94.5);
    EXPECT_EQ(c.score->grade, "良好");
    EXPECT_EQ(c2.score->grade, "优秀");  // the campaign's bands start 优秀 at 90
}

TEST(ShippedSheets, EndToEndThroughTheScoreStage) {
    Harness h({"decode-text", "criteria", "score"});
    std::string text = kCivil;
    for (int i = 0; i < 4; ++i) text = edit(text, "本院", "我院");
    auto d = h.run_text("decode ! criteria only=wording.terms ! score sheet=liaoning-2023", text);
    ASSERT_FALSE(d.failed()) << d.failure->message;
    ASSERT_EQ(d.findings.size(), 4u);
    ASSERT_TRUE(d.score);
    EXPECT_EQ(d.score->sheet, "liaoning-2023");
    EXPECT_DOUBLE_EQ(d.score->deducted, 3);  // 1 each, capped at 3
    EXPECT_EQ(d.score->grade, "优秀");
}
