// Tests for decode-text: UTF-8 with/without BOM, GB18030, UTF-16, CRLF; junk and empty inputs fail clearly.
#include <iconv.h>

#include "harness.h"

using namespace pingcha;
using pingcha::test::Harness;

namespace {
std::string to_gb18030(const std::string& utf8) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    std::string out(utf8.size() * 2, '\0');
    char* src = const_cast<char*>(utf8.data());
    std::size_t sl = utf8.size(), dl = out.size();
    char* dst = out.data();
    iconv(cd, &src, &sl, &dst, &dl);
    iconv_close(cd);
    out.resize(out.size() - dl);
    return out;
}
}  // namespace

TEST(DecodeText, Utf8WithAndWithoutBom) {
    Harness h({"decode-text"});
    auto a = h.run_text("decode", "辽宁省本溪市中级人民法院\n");
    ASSERT_FALSE(a.failed()) << a.failure->message;
    EXPECT_EQ(a.text, "辽宁省本溪市中级人民法院\n");
    EXPECT_EQ(a.view.size(), 13u);
    auto b = h.run_text("decode", "\xEF\xBB\xBF民事判决书");
    EXPECT_EQ(b.text, "民事判决书");
    EXPECT_EQ(b.source.media_type, "text/plain");
    ASSERT_EQ(b.pages.size(), 1u);
    EXPECT_FALSE(b.pages[0].is_ocr);
    EXPECT_EQ(b.pages[0].text_end, 5u);
}

TEST(DecodeText, Gb18030IsDetected) {
    Harness h({"decode-text"});
    const std::string utf8 = "（2022）辽05民终1234号 上诉人（原审被告）本溪某建材有限公司";
    const std::string gb = to_gb18030(utf8);
    ASSERT_NE(gb, utf8);
    auto d = h.run_text("decode", gb);
    ASSERT_FALSE(d.failed()) << d.failure->message;
    EXPECT_EQ(d.text, utf8);
}

TEST(DecodeText, Utf16BomAndCrlf) {
    Harness h({"decode-text"});
    std::string le = "\xFF\xFE";
    for (char16_t c : std::u16string(u"判决\r\n如下")) {
        le.push_back(static_cast<char>(c & 0xFF));
        le.push_back(static_cast<char>(c >> 8));
    }
    auto d = h.run_text("decode", le);
    ASSERT_FALSE(d.failed()) << d.failure->message;
    EXPECT_EQ(d.text, "判决\n如下");
    auto e = h.run_text("decode", "a\r\nb\rc");
    EXPECT_EQ(e.text, "a\nb\nc");
}

TEST(DecodeText, BadInputsFailWithClass) {
    Harness h({"decode-text"});
    auto empty = h.run_text("decode", "");
    ASSERT_TRUE(empty.failed());
    EXPECT_EQ(empty.failure->error_class, "corrupt");
    EXPECT_NE(empty.failure->message.find("empty"), std::string::npos);
    auto blank = h.run_text("decode", " \n\t\n");
    ASSERT_TRUE(blank.failed());
    auto junk = h.run_text("decode", std::string("\x7F" "ELF\x02\x01\x01\0\0\0\0", 12));
    ASSERT_TRUE(junk.failed());
    EXPECT_NE(junk.failure->message.find("binary"), std::string::npos);
    // Invalid in UTF-8 and in GB18030: 0xFF is never a valid GB18030 lead byte.
    auto invalid = h.run_text("decode", "判决书\xFF\xFF结束");
    ASSERT_TRUE(invalid.failed());
    EXPECT_EQ(invalid.failure->error_class, "corrupt");
    EXPECT_NE(invalid.failure->message.find("invalid byte sequence"), std::string::npos);
}

TEST(DecodeText, NoDecoderForUnknownMediaType) {
    Harness h({});
    auto d = h.run_text("decode", "x");
    ASSERT_TRUE(d.failed());
    EXPECT_EQ(d.failure->error_class, "unsupported");
    EXPECT_NE(d.failure->message.find("text/plain"), std::string::npos);
}

// looks_binary samples the first 64 KB only: a NUL after 100 KB used to pass into the text (and
// from there into the store and every C API that stops at it). A NUL anywhere is corrupt.
TEST(DecodeText, NulAnywhereIsCorrupt) {
    Harness h({"decode-text"});
    std::string text;
    while (text.size() < 100 * 1024) text += "本院认为，上诉理由不能成立。\n";
    auto clean = h.run_text("decode", text + "判决如下");
    ASSERT_FALSE(clean.failed()) << clean.failure->message;

    auto late = h.run_text("decode", text + std::string(1, '\0') + "判决如下");
    ASSERT_TRUE(late.failed());
    EXPECT_EQ(late.failure->error_class, "corrupt");
    EXPECT_NE(late.failure->message.find("NUL byte at byte " + std::to_string(text.size())), std::string::npos)
        << late.failure->message;
    EXPECT_TRUE(late.text.empty());

    auto gb = h.run_text("decode", to_gb18030(text) + std::string(1, '\0') + to_gb18030("判决如下"));
    ASSERT_TRUE(gb.failed());
    EXPECT_EQ(gb.failure->error_class, "corrupt");

    // UTF-16's zero bytes are not NULs; an encoded U+0000 is.
    std::string le = "\xFF\xFE";
    for (char16_t c : std::u16string(u"判决如下") + std::u16string(60000, u'文') + std::u16string(1, u'\0') + u"完")
    {
        le.push_back(static_cast<char>(c & 0xFF));
        le.push_back(static_cast<char>(c >> 8));
    }
    auto utf16 = h.run_text("decode", le);
    ASSERT_TRUE(utf16.failed());
    EXPECT_EQ(utf16.failure->error_class, "corrupt");
}
