// Tests for wording.terms and wording.bare-rejection.
#include "criteria_texts.h"

using namespace pingcha;
using namespace pingcha::test;

class WordingCriteria : public CriteriaTest {};

TEST_F(WordingCriteria, CorrectJudgmentsAreSilent) {
    for (const char* id : {"wording.terms", "wording.bare-rejection"}) {
        expect_silent(kCivil, id);
        expect_silent(kCriminal, id);
    }
}

TEST_F(WordingCriteria, CourtCallsItselfWoYuan) {
    expect_fires(edit(kCivil, "本院于2022年3月1日立案", "我院于2022年3月1日立案"), "wording.terms", "我院");
}

TEST_F(WordingCriteria, OldAgentTitleAfter2016) {
    const auto text = edit(kCivil, "委托诉讼代理人：李某", "委托代理人：李某");
    expect_fires(text, "wording.terms", "委托代理人");
    // before the 2016 forms took effect
    auto old = edit(edit(text, "二〇二二年六月十五日", "二〇一五年六月十五日"), "（2022）", "（2015）");
    expect_silent(old, "wording.terms");
}

TEST_F(WordingCriteria, CriminalSlangButNotTheWordCrime) {
    expect_fires(edit(kCriminal, "被告人张某到案后", "该犯到案后"), "wording.terms", "该犯");
    expect_silent(edit(kCriminal, "其行为已构成盗窃罪", "该犯罪行为已构成盗窃罪"), "wording.terms");
}

TEST_F(WordingCriteria, BareRejection) {
    const std::string tail = "本院对违约金5000元予以支持。";
    const std::string bare = "原告要求被告赔偿精神损失的诉讼请求，没有事实和法律依据，本院不予支持。";
    expect_fires(edit(kCivil, tail, tail + bare), "wording.bare-rejection", "原告要求被告赔偿精神损失的诉讼请求，没有事实和法律依据，本院不予支持");
    const std::string reasoned = "因原告未提供证据证明其精神损失，其该项请求没有事实和法律依据，本院不予支持。";
    expect_silent(edit(kCivil, tail, tail + reasoned), "wording.bare-rejection");
}

// Fixed phrases written wrong (readers of the annotated set): 如不服从本判决, 判处免予刑事处罚, 下称简称.
TEST_F(WordingCriteria, FixedPhrasesWrittenWrong) {
    expect_fires(edit(kCriminal, "如不服本判决", "如不服从本判决"), "wording.terms", "如不服从本判决");
    expect_fires(edit(kCivil, "被告应按约定支付价款", "被告（下称简称某公司）应按约定支付价款"), "wording.terms", "下称简称");
}

TEST_F(WordingCriteria, DaiJianchayuan) {
    const auto text = edit(kCriminal, "公开开庭审理了本案。", "公开开庭审理了本案。本溪市平山区人民检察院指派代检察员王某出庭支持公诉。");
    expect_fires(text, "wording.terms", "代检察员");
}

// A norm with a start date is not held against a document whose date cannot be read (二〇一五年二月××日):
// the 2016 title 委托诉讼代理人 is not demanded of it.
TEST_F(WordingCriteria, DatedNormNeedsADate) {
    auto text = edit(kCivil, "委托诉讼代理人：李某", "委托代理人：李某");
    expect_fires(text, "wording.terms", "委托代理人");
    text = edit(edit(text, "二〇二二年六月十五日", "二〇一五年二月××日"), "（2022）", "（2015）");
    for (const char* d : {"2022年3月1日", "2021年5月10日", "2021年5月10日", "2021年6月1日"})
        if (text.find(d) != std::string::npos) text = edit(text, d, "同日");
    expect_silent(text, "wording.terms");
}
