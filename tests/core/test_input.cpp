// Tests for inputs: folder expansion, media-type probing, .jsonl archives with bad lines.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "pingcha/input.h"
#include "pingcha/pipeline.h"

using namespace pingcha;
namespace fs = std::filesystem;

namespace {
fs::path temp_dir(const std::string& name) {
    fs::path d = fs::temp_directory_path() / ("pingcha-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}
void write(const fs::path& p, const std::string& s) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << s;
}
}  // namespace

TEST(Input, ExpandsFoldersRecursivelyInNameOrderSkippingHiddenAndUnknown) {
    const fs::path d = temp_dir("expand");
    write(d / "b.txt", "x");
    write(d / "a" / "z.pdf", "x");
    write(d / "a" / "notes.docx", "x");
    write(d / ".hidden" / "c.txt", "x");
    write(d / ".d.txt", "x");
    const auto files = expand_inputs({d.string()});
    ASSERT_EQ(files.size(), 2u);
    EXPECT_EQ(fs::path(files[0]).filename(), "z.pdf");
    EXPECT_EQ(fs::path(files[1]).filename(), "b.txt");
    EXPECT_THROW(expand_inputs({(d / "missing").string()}), ConfigError);
    fs::remove_all(d);
}

TEST(Input, ProbesByMagicBeforeExtension) {
    EXPECT_EQ(probe_media_type("%PDF-1.7", "x.txt"), "application/pdf");
    EXPECT_EQ(probe_media_type("\x89PNG\r\n\x1a\n", "x"), "image/png");
    EXPECT_EQ(probe_media_type(std::string_view("II*\0", 4), "x"), "image/tiff");
    EXPECT_EQ(probe_media_type("\xFF\xD8\xFF\xE0", "x"), "image/jpeg");
    EXPECT_EQ(probe_media_type("hello", "x.TXT"), "text/plain");
    EXPECT_EQ(probe_media_type("hello", "x.docx"), "");
}

TEST(Input, JsonlLinesAreDocumentsAndBadLinesFail) {
    const fs::path d = temp_dir("jsonl");
    write(d / "a.jsonl", "{\"text_id\": \"x1\", \"fd\": \"判决书\"}\n\nnot json\n{\"text_id\": 7}\n{\"fd\": \"无编号\"}\n");
    InputOptions o;
    o.id_field = "text_id";
    o.text_field = "fd";
    InputReader reader({(d / "a.jsonl").string()}, o);
    auto a = reader.next();
    ASSERT_TRUE(a);
    EXPECT_EQ(a->id, "x1");
    EXPECT_EQ(a->input_bytes, "判决书");
    EXPECT_FALSE(a->failed());
    auto b = reader.next();
    ASSERT_TRUE(b && b->failed());
    EXPECT_EQ(b->failure->error_class, "corrupt");
    EXPECT_NE(b->failure->message.find("line 3"), std::string::npos);
    auto c = reader.next();
    ASSERT_TRUE(c && c->failed());
    EXPECT_NE(c->failure->message.find("\"fd\""), std::string::npos);
    auto e = reader.next();
    ASSERT_TRUE(e && !e->failed());
    EXPECT_EQ(e->id, "a:5");  // no id: file stem and line number
    EXPECT_FALSE(reader.next());
    fs::remove_all(d);
}
