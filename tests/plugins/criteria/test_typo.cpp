// Tests for typo.lexicon and typo.repeat.
#include "criteria_texts.h"

using namespace pingcha;
using namespace pingcha::test;

class TypoCriteria : public CriteriaTest {};

TEST_F(TypoCriteria, CorrectJudgmentsAreSilent) {
    for (const char* id : {"typo.lexicon", "typo.repeat"}) {
        expect_silent(kCivil, id);
        expect_silent(kCriminal, id);
    }
}

TEST_F(TypoCriteria, KnownConfusions) {
    expect_fires(edit(kCivil, "本溪某商贸有限公司辩称", "本溪某商贸有限公司辨称"), "typo.lexicon", "辨称");
    expect_fires(edit(kCivil, "被告应按约定支付价款", "被告应按约定承当付款责任"), "typo.lexicon", "承当");
    expect_fires(edit(kCriminal, "价格认定结论书", "辩认笔录、价格认定结论书"), "typo.lexicon", "辩认");
    // mined from ECSpell law.test
    expect_fires(edit(kCivil, "签订买卖合同，约定", "签订买卖合同，根锯合同约定"), "typo.lexicon", "根锯");
}

TEST_F(TypoCriteria, WordBoundaryExceptions) {
    // 答辩认可: 答辩 + 认可, not 辩认
    expect_silent(edit(kCivil, "本溪某商贸有限公司辩称，对货款数额有异议", "本溪某商贸有限公司答辩认可货款数额，但"),
                  "typo.lexicon");
}

TEST_F(TypoCriteria, DoubledCharacter) {
    expect_fires(edit(kCivil, "被告至今未付款", "被告至今的的未付款"), "typo.repeat", "的的");
    expect_fires(edit(kCivil, "被告应按约定支付价款", "被告应按约定约定支付价款"), "typo.repeat", "约定约定");
    // legitimate: 被被告人 (被 + 被告人), 对对方, 合同目的的实现
    expect_silent(edit(kCriminal, "窃得被害人李某手机一部", "窃得被害人李某手机一部，李某被被告人推倒，对对方的行为"),
                  "typo.repeat");
    expect_silent(edit(kCivil, "合法有效。", "合法有效，合同目的的实现并无障碍。"), "typo.repeat");
}

// issue 12's repeats across words: a phrase written twice across a comma, 于本于本; anadiplosis
// (恶意透支，恶意透支数额较大) is good style and stays silent.
TEST_F(TypoCriteria, PhraseWrittenTwice) {
    expect_fires(edit(kCivil, "本院认为，", "本院认为，本院认为，"), "typo.repeat", "本院认为，本院认为");
    expect_fires(edit(kCivil, "被告至今未付款", "被告于本于本判决生效前未付款"), "typo.repeat", "于本于本");
    expect_silent(edit(kCivil, "被告至今未付款", "被告恶意拖欠，恶意拖欠数额较大，至今未付款"), "typo.repeat");
}

// issue 12's typos outside the first list: 自已, 巿 (U+5DFF), 釆 (U+91C6), 违法诚信原则.
TEST_F(TypoCriteria, ReviewersTypos) {
    expect_fires(edit(kCivil, "被告至今未付款", "被告以自已名义至今未付款"), "typo.lexicon", "自已");
    expect_fires(edit(kCivil, "被告至今未付款", "被告称房地产巿场低迷至今未付款"), "typo.lexicon", "巿");
    expect_fires(edit(kCivil, "被告至今未付款", "被告的抗辩本院不予釆纳，被告至今未付款"), "typo.lexicon", "釆");
    expect_fires(edit(kCivil, "被告至今未付款", "被告严重违法诚信原则，至今未付款"), "typo.lexicon", "违法诚信原则");
}

// issue 11's word-boundary false alarms: 女的的 (女的 + 的), 本案犯意 (本案 + 犯意), 给附带民事诉讼 (给 + 附带).
TEST_F(TypoCriteria, WordBoundariesFromRealJudgments) {
    expect_silent(edit(kCriminal, "窃得被害人李某手机一部", "窃得一名女的的手机一部"), "typo.repeat");
    expect_silent(edit(kCriminal, "窃得被害人李某手机一部", "本案犯意产生于饮酒之后，窃得被害人李某手机一部"),
                  "wording.terms");
    expect_silent(edit(kCriminal, "窃得被害人李某手机一部", "窃得被害人李某手机一部，应赔偿给附带民事诉讼原告人"),
                  "typo.lexicon");
    // and still caught where they are slips
    expect_fires(edit(kCriminal, "窃得被害人李某手机一部", "窃得被害人李某手机一部，被告人系案犯"), "wording.terms", "案犯");
    expect_fires(edit(kCivil, "被告应按约定支付价款", "被告应按约定给附价款"), "typo.lexicon", "给附");
}

// 1977年5月7曰出生: 曰 for 日 after the day's number; 曰 elsewhere (子曰) is left alone.
TEST_F(TypoCriteria, YueForRiInADate) {
    expect_fires(edit(kCivil, "1980年3月5日出生", "1980年3月5曰出生"), "typo.lexicon", "曰");
    expect_silent(edit(kCivil, "本院认为，", "本院认为，古人曰“和为贵”，"), "typo.lexicon");
}

// 再审申请人申请人民法院委托鉴定: 申请人 + 申请 + 人民法院, no word written twice.
TEST_F(TypoCriteria, ApplicantAppliesToTheCourt) {
    expect_silent(edit(kCivil, "本院认为，", "本院认为，再审申请人申请人民法院委托鉴定的，"), "typo.repeat");
}
