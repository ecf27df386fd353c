// The correct synthetic judgments in testdata/judgments (civil first and second instance,
// criminal and administrative first instance) produce no finding from the structure-based criteria, as files and in
// the space-joined layout of the shared criminal set.
#include "judgment_fixtures.h"

using namespace pingcha;
using namespace pingcha::test;

namespace {

bool structure_based(const std::string& id) {
    for (const char* p : {"structure.", "case-number.", "court.", "date.", "efficiency.", "sentence.", "panel.", "notice.",
                          "party."})
        if (id.rfind(p, 0) == 0) return true;
    return false;
}

}  // namespace

class CleanJudgments : public StructuredCriteria {};

TEST_F(CleanJudgments, NoFindings) {
    for (const auto* text : {&civil_first(), &civil_second(), &criminal_first(), &administrative_first()}) {
        for (const auto& t : {*text, space_joined(*text)}) {
            auto d = harness().run_text("decode ! structure ! criteria", t);
            ASSERT_FALSE(d.failed());
            std::string seen;
            for (const auto& f : d.findings)
                if (structure_based(f.criterion))
                    seen += f.criterion + ": " + f.message + " [" + d.view_utf8(f.start, f.end) + "]\n";
            EXPECT_TRUE(seen.empty()) << t.substr(0, 60) << "\n" << seen;
        }
    }
}

TEST_F(CleanJudgments, EveryCriterionOfTheFamilyIsRegistered) {
    const char* ids[] = {"structure.title", "structure.sections", "structure.order", "structure.signature",
                         "structure.costs", "structure.artifacts", "case-number.format", "case-number.court",
                         "case-number.type-roles", "case-number.level", "case-number.original", "court.appeal-target",
                         "date.signature", "date.body", "date.order", "efficiency.time-limit", "sentence.term",
                         "panel.composition", "notice.procedure", "party.details", "party.names", "party.roles"};
    for (const char* id : ids) {
        const auto* c = harness().registry().find_criterion(id);
        ASSERT_NE(c, nullptr) << id;
        EXPECT_FALSE(c->source.empty()) << id;
        EXPECT_FALSE(c->description.empty()) << id;
    }
}
