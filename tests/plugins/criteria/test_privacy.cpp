// Tests for privacy.unmasked: ID numbers with a valid check digit, mobile numbers, bank cards.
#include "criteria_texts.h"

using namespace pingcha;
using namespace pingcha::test;

class PrivacyCriteria : public CriteriaTest {};

TEST_F(PrivacyCriteria, CorrectJudgmentsAreSilent) {
    expect_silent(kCivil, "privacy.unmasked");
    expect_silent(kCriminal, "privacy.unmasked");
}

TEST_F(PrivacyCriteria, IdCardNumber) {
    // 11010519491231002X: the GB 11643 example, check digit X
    expect_fires(edit(kCivil, "汉族，住辽宁省", "汉族，公民身份号码11010519491231002X，住辽宁省"), "privacy.unmasked",
                 "11010519491231002X");
    // a wrong check digit is not an ID number; masked ones are fine
    expect_silent(edit(kCivil, "汉族，住辽宁省", "汉族，公民身份号码110105194912310021，住辽宁省"), "privacy.unmasked");
    expect_silent(edit(kCivil, "汉族，住辽宁省", "汉族，公民身份号码110105**********2X，住辽宁省"), "privacy.unmasked");
}

TEST_F(PrivacyCriteria, MobileAndBankCard) {
    expect_fires(edit(kCivil, "汉族，住辽宁省", "汉族，联系电话13812345678，住辽宁省"), "privacy.unmasked", "13812345678");
    // 6222021234567890128 passes the Luhn check
    expect_fires(edit(kCivil, "被告至今未付款", "原告银行卡号6222021234567890128，被告至今未付款"), "privacy.unmasked",
                 "6222021234567890128");
    expect_silent(edit(kCivil, "被告至今未付款", "原告银行卡号6222****0128，被告至今未付款"), "privacy.unmasked");
}

// A victim's or witness's name left whole where the same copy masks that surname (法释〔2016〕19号 第八条);
// a copy that masks nothing (an original) and the masks themselves (张甲, 李某某) are left alone.
TEST_F(PrivacyCriteria, NameLeftWholeBesideItsMaskedForm) {
    const auto masked = edit(kCriminal, "窃得被害人李某手机一部", "窃得被害人李某手机一部，证人李建国的证言证实");
    expect_fires(masked, "privacy.unmasked", "李建国");
    expect_silent(edit(kCriminal, "窃得被害人李某手机一部", "窃得被害人李某手机一部，证人李甲的证言证实"),
                  "privacy.unmasked");
    expect_silent(edit(kCriminal, "窃得被害人李某手机一部", "窃得被害人李某手机一部，被害人陈述证实"), "privacy.unmasked");
}

// A criminal judgment published with its persons masked (被告人张某, 被害人李某) must mask every victim and
// witness: 证人王建国 is reported once, however often named; a list after the role is followed
// (被害人李某、陈忠); an original that masks no one and a civil witness are left alone.
TEST_F(PrivacyCriteria, VictimOrWitnessUnmaskedInAMaskedCriminalCopy) {
    const auto witness = edit(kCriminal, "证人王某的证言", "证人王建国的证言");
    expect_fires(witness, "privacy.unmasked", "王建国");
    const auto listed = edit(kCriminal, "并有被害人李某的陈述", "并有被害人李某、陈忠的陈述");
    expect_fires(listed, "privacy.unmasked", "陈忠");
    // one finding per person, however often named; a co-offender tried elsewhere is not a witness under the rule
    const auto twice = edit(witness, "足以认定。", "足以认定。王建国，男，系目击者。");
    for (const auto& p : pipelines("privacy.unmasked")) EXPECT_EQ(run(p, twice, "privacy.unmasked").size(), 1u) << p;
    expect_silent(edit(witness, "足以认定。", "足以认定。王建国（已判刑）系同伙。"), "privacy.unmasked");
    // a two-character name run into the verb after it is the two-character name
    expect_fires(edit(kCriminal, "窃得被害人李某手机一部", "窃得被害人李某手机一部，被害人陈伟交出钱款"), "privacy.unmasked", "陈伟");
    // words after the role that are no names
    expect_silent(edit(kCriminal, "窃得被害人李某手机一部", "窃得被害人李某手机一部及被害人钱包"), "privacy.unmasked");
    expect_silent(edit(kCriminal, "并有被害人李某的陈述", "并有被害人陈述以及李某的陈述"), "privacy.unmasked");
    expect_silent(edit(kCriminal, "窃得被害人李某手机一部", "窃得被害人李某手机一部，抢走被害人项链的过程"), "privacy.unmasked");
    // a copy that masks no one: every person named in full
    std::string original = kCriminal;
    for (auto [from, to] : {std::pair{"张某", "张大伟"}, {"李某", "李小红"}, {"王某", "王建国"}, {"刘某", "刘明"}})
        for (std::size_t p; (p = original.find(from)) != std::string::npos;) original.replace(p, std::string(from).size(), to);
    expect_silent(original, "privacy.unmasked");
    // the civil witness of a civil judgment is not under the rule
    expect_silent(edit(kCivil, "汉族，住辽宁省", "汉族，住辽宁省。证人王建国出庭作证"), "privacy.unmasked");
}
