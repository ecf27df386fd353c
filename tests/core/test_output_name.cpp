// Tests for output file names: safe characters, bounded length, distinct for distinct long ids.
#include <gtest/gtest.h>

#include "pingcha/output_name.h"
#include "pingcha/utf8.h"

using namespace pingcha;

TEST(OutputName, ShortIdsStayReadableAndSafe) {
    EXPECT_EQ(output_stem("judgment"), "judgment");
    EXPECT_EQ(output_stem("（2022）辽05民终1234号"), "（2022）辽05民终1234号");
    EXPECT_EQ(output_stem("a/b\\c:d"), "a_b_c_d");
    EXPECT_EQ(output_stem(std::string("a\nb\0c", 5)), "a_b_c");
    EXPECT_EQ(output_stem(".."), "_.");
    EXPECT_EQ(output_stem(".hidden"), "_hidden");
    EXPECT_EQ(output_stem(""), "document");
    EXPECT_EQ(output_stem(std::string(max_output_stem_bytes, 'x')), std::string(max_output_stem_bytes, 'x'));
}

// A 300-character .jsonl id or a 253-byte file name made a result name over NAME_MAX (255 bytes):
// the file could not be written at all. Long ids keep a prefix and add a hash of the whole id.
TEST(OutputName, LongIdsAreShortenedWithAHash) {
    std::string chinese;
    for (int i = 0; i < 300; ++i) chinese += "判";  // 900 bytes
    for (const std::string& id : {std::string(300, 'i'), std::string(249, 'x'), chinese}) {
        const std::string s = output_stem(id);
        EXPECT_LE(s.size(), max_output_stem_bytes) << id;
        EXPECT_EQ(utf8::find_invalid(s), std::string::npos) << "cut inside a character: " << s;
        EXPECT_EQ(s.substr(0, 10), id.substr(0, 10));
        EXPECT_EQ(s[s.size() - 17], '-') << s;
        EXPECT_EQ(output_stem(id), s);  // the same name on every run
    }
    // Two long ids that differ only after the kept prefix still get two names.
    EXPECT_NE(output_stem(std::string(300, 'i') + "1"), output_stem(std::string(300, 'i') + "2"));
}
