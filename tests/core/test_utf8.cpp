// Tests for the UTF-8 helpers.
#include <gtest/gtest.h>

#include "pingcha/utf8.h"

using namespace pingcha;

TEST(Utf8, RoundTripsChineseAndAstral) {
    const std::string s = "二〇二二年 A😀";
    const std::u32string u = utf8::decode(s);
    EXPECT_EQ(u.size(), 8u);
    EXPECT_EQ(u[1], U'〇');
    EXPECT_EQ(utf8::encode(u), s);
    EXPECT_EQ(utf8::count(s), 8u);
}

TEST(Utf8, FindsInvalidSequences) {
    EXPECT_EQ(utf8::find_invalid("abc"), std::string::npos);
    EXPECT_EQ(utf8::find_invalid("ab\xC0\x80"), 2u);          // overlong
    EXPECT_EQ(utf8::find_invalid("\xE4\xB8"), 0u);            // truncated
    EXPECT_EQ(utf8::find_invalid("\xED\xA0\x80"), 0u);        // surrogate
    EXPECT_EQ(utf8::decode("a\xFF" "b"), std::u32string(U"a\uFFFDb"));
}

TEST(Utf8, SubstrByCodePoints) {
    EXPECT_EQ(utf8::substr("本溪市中级人民法院", 2, 5), "市中级");
    EXPECT_EQ(utf8::substr("本溪", 1, 2), "溪");
    EXPECT_EQ(utf8::substr("本溪", 2, 2), "");
}
