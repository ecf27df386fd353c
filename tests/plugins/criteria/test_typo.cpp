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
