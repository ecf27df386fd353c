// Tests for party.details, party.names and party.roles.
#include "judgment_fixtures.h"

using namespace pingcha;
using namespace pingcha::test;

class PartyCriteria : public StructuredCriteria {};

TEST_F(PartyCriteria, CorrectJudgmentsAreSilent) {
    for (const char* id : {"party.details", "party.names", "party.roles"}) {
        expect_silent(civil_first(), id);
        expect_silent(civil_second(), id);
        expect_silent(criminal_first(), id);
        expect_silent(space_joined(criminal_first()), id);
    }
}

TEST_F(PartyCriteria, PersonWithoutBirthAndEthnicity) {
    expect_fires(plant(civil_first(), "王某某，男，1980年3月5日出生，汉族，", "王某某，男，"), "party.details", "王某某");
}

// A natural person's home address is deleted from published copies: its absence is never reported.
TEST_F(PartyCriteria, PersonWithoutHomeAddress) {
    const auto text = plant(civil_first(), "法定代表人：张某，该公司总经理。\n",
                            "法定代表人：张某，该公司总经理。\n第三人：李某某，女，1985年1月1日出生，汉族。\n");
    expect_silent(text, "party.details");
}

TEST_F(PartyCriteria, DefendantWithoutSex) {
    expect_fires(plant(space_joined(criminal_first()), "赵某某，男，", "赵某某，"), "party.details", "赵某某");
}

TEST_F(PartyCriteria, CompanyWithoutLegalRepresentative) {
    expect_fires(plant(civil_first(), "法定代表人：张某，该公司总经理。\n", ""), "party.details", "本溪某建材有限公司");
}

TEST_F(PartyCriteria, NameChangedInTheDecision) {
    const auto text = plant(civil_first(), "被告本溪某建材有限公司于本判决生效", "被告本溪某建才有限公司于本判决生效");
    expect_fires(text, "party.names", "本溪某建才有限公司");
}

TEST_F(PartyCriteria, PersonNameChangedInTheReasoning) {
    const auto text = plant(civil_first(), "本院认为，原告王某某与被告", "本院认为，原告王某东与被告");
    expect_fires(text, "party.names", "王某东");
}

TEST_F(PartyCriteria, DefendantNameChangedInSpaceJoinedText) {
    const auto text = plant(space_joined(criminal_first()), "被告人赵某某犯盗窃罪，判处", "被告人赵某菜犯盗窃罪，判处");
    expect_fires(text, "party.names", "赵某菜");
}

TEST_F(PartyCriteria, AppellantWithoutOriginalRole) {
    expect_fires(plant(civil_second(), "上诉人（原审被告）：本溪某建材有限公司", "上诉人：本溪某建材有限公司"),
                 "party.roles", "上诉人：本溪某建材有限公司");
}

TEST_F(PartyCriteria, AppellantTitleInFirstInstance) {
    expect_fires(plant(civil_first(), "原告：王某某", "上诉人：王某某"), "party.roles", "上诉人：王某某");
}

TEST_F(PartyCriteria, FirstInstanceTitleInAppeal) {
    expect_fires(plant(civil_second(), "被上诉人（原审原告）：王某某", "原告：王某某"), "party.roles", "原告：王某某");
}

// Two-character names: the common slip keeps the surname (刘军 → 刘艳); a role followed by a verb
// that starts with the surname (原告陈述) is no slip.
TEST_F(PartyCriteria, TwoCharacterNameSlipInTheDecision) {
    std::string text = civil_first();
    for (const char* from : {"王某某"}) {
        std::size_t p;
        while ((p = text.find(from)) != std::string::npos) text.replace(p, std::string(from).size(), "刘军");
    }
    expect_silent(text, "party.names");
    expect_fires(plant(text, "本院认为，原告刘军与被告", "本院认为，原告刘艳与被告"), "party.names", "刘艳");
    std::string chen = text;
    std::size_t p;
    while ((p = chen.find("刘军")) != std::string::npos) chen.replace(p, std::string("刘军").size(), "陈艳");
    expect_silent(plant(chen, "本院认为，原告陈艳与被告", "本院认为，原告陈述与被告"), "party.names");
}

// An organisation's name with one character dropped in the body (本溪某建材有限司 for 本溪某建材有限公司).
TEST_F(PartyCriteria, OrganisationNameWithACharacterDropped) {
    const auto text = plant(civil_first(), "本院认为，", "被告本溪某建材有限司未按期付款。本院认为，");
    expect_fires(text, "party.names", "本溪某建材有限司");
}

// 被申请人（一审原告，二审被上诉人）：… in the body: the bracket holds the earlier roles, not a name.
TEST_F(PartyCriteria, RoleBracketIsNoName) {
    const auto text = plant(civil_first(), "本院认为，", "被告（一审原告）对此有异议。本院认为，");
    expect_silent(text, "party.names");
}
