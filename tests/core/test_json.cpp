// Tests for the result writer: schema keys, escaping, spans mapped from view to text, nulls.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include "pingcha/json.h"

using namespace pingcha;

TEST(ResultJson, KeysNullsAndEscaping) {
    Document doc;
    doc.id = "a\"b";
    doc.text = "第一行\n<script>";
    doc.reset_view();
    const std::string j = result_to_json(doc, false);
    Poco::JSON::Parser parser;
    auto o = parser.parse(j).extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(o->getValue<std::string>("schema"), "pingcha.result/1");
    EXPECT_EQ(o->getValue<std::string>("id"), "a\"b");
    EXPECT_EQ(o->getValue<std::string>("text"), doc.text);
    EXPECT_EQ(o->getValue<std::string>("status"), "ok");
    EXPECT_TRUE(o->isNull("error"));
    EXPECT_TRUE(o->isNull("score"));
    auto d = o->getObject("document");
    EXPECT_TRUE(d->isNull("court"));
    EXPECT_TRUE(d->isNull("case_number"));
    EXPECT_TRUE(d->isNull("duration_days"));
}

TEST(ResultJson, FindingSpansMapThroughTheView) {
    Document doc;
    doc.text = "民 事 判 决 书，二O一八年";
    doc.reset_view();
    // A normaliser that removed the spaces: view "民事判决书，二O一八年" maps back with gaps.
    doc.view = U"民事判决书，二O一八年";
    doc.view_to_text = {0, 2, 4, 6, 8, 9, 10, 11, 12, 13, 14, 15};
    doc.findings.push_back({"date.signature", Severity::error, "m", 6, 11, 1});
    doc.findings.push_back({"structure.title", Severity::error, "m", 0, 5, 1});
    const std::string j = result_to_json(doc, true);
    Poco::JSON::Parser parser;
    auto o = parser.parse(j).extract<Poco::JSON::Object::Ptr>();
    auto f = o->getArray("findings");
    EXPECT_EQ(f->getObject(0)->getValue<int>("start"), 10);
    EXPECT_EQ(f->getObject(0)->getValue<int>("end"), 15);
    EXPECT_EQ(f->getObject(0)->getValue<std::string>("excerpt"), "二O一八年");
    EXPECT_EQ(f->getObject(1)->getValue<std::string>("excerpt"), "民 事 判 决 书");
}

TEST(ResultJson, FailedResultHasErrorAndNoScore) {
    Document doc;
    doc.failure = Failure{"corrupt", "bad bytes"};
    doc.score = Score{};
    Poco::JSON::Parser parser;
    auto o = parser.parse(result_to_json(doc, false)).extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(o->getValue<std::string>("status"), "failed");
    EXPECT_EQ(o->getObject("error")->getValue<std::string>("class"), "corrupt");
    EXPECT_TRUE(o->isNull("score"));
}

TEST(ResultJson, InvalidUtf8IsReplacedNotPassedThrough) {
    std::string out;
    append_json_string(out, "a\xFF\x01");
    EXPECT_EQ(out, "\"a\xEF\xBF\xBD\\u0001\"");
}
