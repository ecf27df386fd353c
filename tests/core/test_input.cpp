// Tests for inputs: folder expansion, media-type probing, .jsonl archives with bad lines, links and FIFOs.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

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
    EXPECT_EQ(fs::path(files[0].path).filename(), "z.pdf");
    EXPECT_EQ(fs::path(files[1].path).filename(), "b.txt");
    EXPECT_FALSE(files[0].is_named);
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

// A symbolic link planted in an input folder (say notes.txt -> /etc/passwd) used to be followed and
// its target scored. It is listed, then refused with the reason; the same link named on the
// command line is the user's choice and is read.
TEST(Input, SymlinkInsideAFolderIsRefusedUnlessNamed) {
    const fs::path d = temp_dir("links");
    write(d / "outside" / "secret.txt", "outside text");
    write(d / "outside" / "more" / "x.txt", "outside text");
    write(d / "in" / "a.txt", "inside text");
    fs::create_symlink(d / "outside" / "secret.txt", d / "in" / "b.txt");
    fs::create_symlink(d / "outside" / "more", d / "in" / "linked");
    fs::create_symlink(d / "outside" / "secret.txt", d / "in" / "c.jsonl");
    const auto files = expand_inputs({(d / "in").string()});
    ASSERT_EQ(files.size(), 4u);  // a.txt, b.txt, c.jsonl, linked: the links listed to be refused
    InputReader reader(files, InputOptions{});
    std::map<std::string, Document> docs;
    while (auto doc = reader.next()) docs[doc->id] = std::move(*doc);
    ASSERT_EQ(docs.size(), 4u);
    EXPECT_FALSE(docs["a"].failed());
    for (const char* id : {"b", "c", "linked"}) {
        ASSERT_TRUE(docs[id].failed()) << id;
        EXPECT_EQ(docs[id].failure->error_class, "unsupported") << id;
        EXPECT_NE(docs[id].failure->message.find("symbolic link inside an input folder"), std::string::npos)
            << docs[id].failure->message;
        EXPECT_TRUE(docs[id].input_bytes.empty()) << id;
    }

    const auto named = expand_inputs({(d / "in" / "b.txt").string(), (d / "in" / "c.jsonl").string()});
    ASSERT_EQ(named.size(), 2u);
    EXPECT_TRUE(named[0].is_named);
    InputReader named_reader(named, InputOptions{});
    auto b = named_reader.next();
    ASSERT_TRUE(b);
    EXPECT_FALSE(b->failed()) << b->failure->message;  // the decode stage reads what it points to
    auto c = named_reader.next();  // the target is no JSON, but it was opened and read
    ASSERT_TRUE(c && c->failed());
    EXPECT_NE(c->failure->message.find("line 1 is not a JSON object"), std::string::npos) << c->failure->message;
    fs::remove_all(d);
}

// A FIFO used to block std::ifstream's open forever (no writer ever comes): refused at once.
TEST(Input, FifoJsonlIsRefusedAtOnceNotAwaited) {
    const fs::path d = temp_dir("fifo");
    ASSERT_EQ(::mkfifo((d / "archive.jsonl").c_str(), 0600), 0);
    ASSERT_EQ(::mkfifo((d / "in.txt").c_str(), 0600), 0);
    ::alarm(30);  // a hang is a failure (SIGALRM), not a stuck test run
    InputReader reader({(d / "archive.jsonl").string()}, InputOptions{});
    auto doc = reader.next();
    ::alarm(0);
    ASSERT_TRUE(doc && doc->failed());
    EXPECT_EQ(doc->failure->error_class, "unsupported");
    EXPECT_NE(doc->failure->message.find("FIFO"), std::string::npos) << doc->failure->message;
    EXPECT_FALSE(reader.next());
    // In a folder a FIFO is listed, so that the decode stage refuses it with a reason.
    const auto files = expand_inputs({d.string()});
    EXPECT_EQ(files.size(), 2u);
    fs::remove_all(d);
}
