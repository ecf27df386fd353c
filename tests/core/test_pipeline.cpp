// Tests for pipeline parsing and checking: positions in errors, parameters, defaults.
#include <gtest/gtest.h>

#include "pingcha/builtins.h"
#include "pingcha/pipeline.h"

using namespace pingcha;

namespace {
struct Nop : Stage {
    void process(Document&, const RunContext&) override {}
};
Registry make_registry() {
    Registry r;
    register_builtins(r);
    r.add_stage({"ocr", "", {{"lang", ParamType::string, "chi_sim", ""}, {"dpi", ParamType::integer, "300", ""}}, {},
                 [](const Params&) { return std::make_unique<Nop>(); }});
    return r;
}
}  // namespace

TEST(PipelineParse, OneLineWithParams) {
    auto d = parse_pipeline("decode ! ocr lang=chi_sim dpi=300 ! criteria\n", "p", "p");
    ASSERT_EQ(d.stages.size(), 3u);
    EXPECT_EQ(d.stages[1].name, "ocr");
    EXPECT_EQ(d.stages[1].params.at("dpi"), "300");
    EXPECT_EQ(d.stages[2].line, 1);
    EXPECT_EQ(d.stages[2].column, 37);
}

TEST(PipelineParse, CommentsLinesAndQuotes) {
    auto d = parse_pipeline("# comment\ndecode !\n  ocr lang=\"chi sim\" # trailing\n", "f", "n");
    ASSERT_EQ(d.stages.size(), 2u);
    EXPECT_EQ(d.stages[1].params.at("lang"), "chi sim");
    EXPECT_EQ(d.stages[1].line, 3);
    EXPECT_EQ(d.stages[1].column, 3);
}

TEST(PipelineParse, SyntaxErrorsNamePosition) {
    EXPECT_THROW(parse_pipeline("", "f", "n"), ConfigError);
    EXPECT_THROW(parse_pipeline("decode !", "f", "n"), ConfigError);
    EXPECT_THROW(parse_pipeline("! decode", "f", "n"), ConfigError);
    try {
        parse_pipeline("decode ocr", "f.pipeline", "n");
        FAIL();
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("f.pipeline:1:8"), std::string::npos) << e.what();
    }
}

TEST(PipelineCheck, UnknownStageListsKnownOnes) {
    Registry r = make_registry();
    try {
        Pipeline p(parse_pipeline("decode !\n segmnt", "x.pipeline", "x"), r);
        FAIL();
    } catch (const ConfigError& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("x.pipeline:2:2"), std::string::npos) << m;
        EXPECT_NE(m.find("segmnt"), std::string::npos);
        EXPECT_NE(m.find("decode, criteria, ocr"), std::string::npos) << m;
    }
}

TEST(PipelineCheck, UnknownOrBadParameter) {
    Registry r = make_registry();
    try {
        Pipeline p(parse_pipeline("decode ! ocr langg=eng", "x", "x"), r);
        FAIL();
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("x:1:14"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("known: lang, dpi"), std::string::npos) << e.what();
    }
    EXPECT_THROW(Pipeline(parse_pipeline("ocr dpi=high", "x", "x"), r), ConfigError);
}

TEST(PipelineCheck, DefaultsAndOverrides) {
    Registry r = make_registry();
    Pipeline p(parse_pipeline("ocr dpi=200", "x", "x"), r, {{"ocr", {{"lang", "eng"}}}});
    ASSERT_NE(p.params_of("ocr"), nullptr);
    EXPECT_EQ(p.params_of("ocr")->get_int("dpi"), 200);
    EXPECT_EQ(p.params_of("ocr")->get("lang"), "eng");
    Pipeline q(parse_pipeline("ocr", "x", "x"), r);
    EXPECT_EQ(q.params_of("ocr")->get("lang"), "chi_sim");
}

TEST(PipelineLoad, FindsByNameAndListsKnown) {
    const std::vector<std::string> dirs = {std::string(PINGCHA_SOURCE_DIR) + "/pipelines"};
    auto d = load_pipeline("judgment-review", dirs);
    EXPECT_EQ(d.name, "judgment-review");
    EXPECT_EQ(d.stages.front().name, "decode");
    try {
        load_pipeline("nope", dirs);
        FAIL();
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("judgment-review"), std::string::npos);
    }
}
