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
