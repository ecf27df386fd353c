// Tests of `pingcha` as a process: exit codes, formats, bad inputs, plugin refusals.
#include <gtest/gtest.h>
#include <link.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "harness.h"
#include "pg_server.h"

namespace fs = std::filesystem;
using pingcha::test::shared_data;

namespace {

struct Run {
    int code = -1;
    std::string out;
    std::string err;
};

// Runs pingcha with arguments (shell-quoted by the caller where needed), capturing both streams;
// `wrapper` goes before the binary (e.g. "timeout 60 ", so that a hang fails with 124).
Run run_pingcha(const std::string& args, const std::string& wrapper = "") {
    static int n = 0;
    const std::string err_file = (fs::temp_directory_path() / ("pingcha-cli-err-" + std::to_string(::getpid()) + "-" +
                                                               std::to_string(n++)))
                                     .string();
    const std::string cmd =
        wrapper + std::string(PINGCHA_BINARY_DIR) + "/bin/pingcha " + args + " 2>" + err_file + " </dev/null";
    Run r;
    FILE* p = ::popen(cmd.c_str(), "r");
    std::array<char, 65536> buf;
    std::size_t got;
    while ((got = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), got);
    const int status = ::pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::ifstream e(err_file);
    r.err.assign(std::istreambuf_iterator<char>(e), {});
    fs::remove(err_file);
    return r;
}

fs::path temp_dir(const std::string& name) {
    fs::path d = fs::temp_directory_path() / ("pingcha-cli-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

void write(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

Poco::JSON::Object::Ptr parse(const std::string& s) {
    Poco::JSON::Parser parser;
    return parser.parse(s).extract<Poco::JSON::Object::Ptr>();
}

const std::string sample_bad_date =
    "辽宁省本溪市中级人民法院\n民事判决书\n（2022）辽05民终1234号\n上诉人（原审被告）：本溪某建材有限公司。\n"
    "被上诉人（原审原告）：王某。\n上诉人本溪某建材有限公司因与被上诉人王某买卖合同纠纷一案，不服一审判决，向本院提起上诉。\n"
    "本院认为，上诉理由不能成立。依照《中华人民共和国民事诉讼法》第一百七十条第一款第一项之规定，判决如下：\n"
    "驳回上诉，维持原判。\n本判决为终审判决。\n审判长　张某\n二O二二年九月五日\n书记员　陈某\n";

// id → "status" or "status/class" for every result line of a jsonl output.
std::map<std::string, std::string> statuses(const std::string& jsonl) {
    std::map<std::string, std::string> status;
    std::istringstream lines(jsonl);
    std::string line;
    while (std::getline(lines, line)) {
        auto o = parse(line);
        status[o->getValue<std::string>("id")] =
            o->getValue<std::string>("status") +
            (o->isNull("error") ? "" : "/" + o->getObject("error")->getValue<std::string>("class"));
    }
    return status;
}

}  // namespace

TEST(Cli, HelpAndVersionNeedNoPlugins) {
    auto v = run_pingcha("--version");
    EXPECT_EQ(v.code, 0);
    EXPECT_EQ(v.out.rfind("pingcha ", 0), 0u);
    auto h = run_pingcha("--help");
    EXPECT_EQ(h.code, 0);
    EXPECT_NE(h.out.find("score"), std::string::npos);
    for (const char* sub : {"score", "plugins", "criteria"}) {
        auto s = run_pingcha(std::string(sub) + " --help --plugin-path /nonexistent");
        EXPECT_EQ(s.code, 0) << sub;
        EXPECT_NE(s.out.find("usage: pingcha"), std::string::npos) << sub;
    }
    EXPECT_EQ(run_pingcha("frobnicate").code, 2);
    EXPECT_EQ(run_pingcha("score --no-such-flag x").code, 2);
    EXPECT_EQ(run_pingcha("score --jobs zero x").code, 2);
    EXPECT_EQ(run_pingcha("score --format xml x").code, 2);
}

TEST(Cli, ScoresATextFileWithFindingSpanAndScore) {
    const fs::path d = temp_dir("one");
    write(d / "judgment.txt", sample_bad_date);
    auto r = run_pingcha("score --format json " + (d / "judgment.txt").string());
    ASSERT_EQ(r.code, 0) << r.err;
    // --format json is one array whatever the number of inputs (CLI.md): one input, one element
    Poco::JSON::Parser parser;
    const auto results = parser.parse(r.out).extract<Poco::JSON::Array::Ptr>();
    ASSERT_EQ(results->size(), 1u) << r.out;
    auto o = results->getObject(0);
    EXPECT_EQ(o->getValue<std::string>("id"), "judgment");
    EXPECT_EQ(o->getValue<std::string>("status"), "ok");
    Poco::JSON::Object::Ptr f;
    auto findings = o->getArray("findings");
    for (std::size_t i = 0; i < findings->size(); ++i)
        if (findings->getObject(i)->getValue<std::string>("criterion") == "date.signature") f = findings->getObject(i);
    ASSERT_TRUE(f) << r.out;
    EXPECT_EQ(f->getValue<std::string>("excerpt"), "二O二二年九月五日");
    const auto start = static_cast<std::size_t>(f->getValue<int>("start"));
    EXPECT_EQ(start, pingcha::test::cp_find(sample_bad_date, "二O二二年"));
    EXPECT_EQ(o->getObject("score")->getValue<std::string>("sheet"), "spc-2016");
    EXPECT_LT(o->getObject("score")->getValue<double>("value"), 100);
    // two inputs, two elements of the same array
    write(d / "again.txt", sample_bad_date);
    auto two = run_pingcha("score --format json " + (d / "judgment.txt").string() + " " + (d / "again.txt").string());
    ASSERT_EQ(two.code, 0) << two.err;
    Poco::JSON::Parser parser2;
    EXPECT_EQ(parser2.parse(two.out).extract<Poco::JSON::Array::Ptr>()->size(), 2u) << two.out;
    // --out writes one result file per document.
    auto w = run_pingcha("score --format jsonl --out " + (d / "out").string() + " " + (d / "judgment.txt").string());
    EXPECT_EQ(w.code, 0);
    EXPECT_TRUE(fs::exists(d / "out" / "judgment.json"));
    fs::remove_all(d);
}

TEST(Cli, TextFormatIsOneLinePerDocumentAndPerFinding) {
    const fs::path d = temp_dir("text");
    // A signature block whose findings span several lines.
    write(d / "multi.txt", "辽宁省本溪市中级人民法院\n民事判决书\n审判长\n\n二O二二年九月五日\n");
    // A hard-wrapped text layer whose party.details message quotes a line break (a PDF: needs decode-pdf).
    const std::string wrapped = pingcha::test::source_path("testdata/scans/civil-digital.pdf");
    auto r = run_pingcha("score --format text " + (d / "multi.txt").string() + " " + wrapped);
    ASSERT_LE(r.code, 1) << r.err;
    std::istringstream lines(r.out);
    std::string line;
    int docs = 0, findings = 0;
    while (std::getline(lines, line)) {
        if (line.rfind("multi  ", 0) == 0 || line.rfind("civil-digital  ", 0) == 0) ++docs;
        else if (line.rfind("  error", 0) == 0 || line.rfind("  warning", 0) == 0 || line.rfind("  info", 0) == 0) ++findings;
        else ADD_FAILURE() << "stray line: " << line;
    }
    EXPECT_EQ(docs, 2);
    EXPECT_GE(findings, 2);
    fs::remove_all(d);
}

TEST(Cli, BadInputsAreFailedResultsOrUsageErrors) {
    const fs::path d = temp_dir("bad");
    write(d / "empty.txt", "");
    write(d / "junk.txt", std::string("\0\x01\x02\x03garbage\xFF\xFE\0", 14));
    write(d / "invalid.txt", "判决\xFF\xFF\xFF书");
    write(d / "good.txt", sample_bad_date);
    write(d / "notes.docx", "PK\x03\x04");
    {
        std::ofstream big(d / "huge.txt", std::ios::binary);
        const std::string chunk(1 << 20, 'a');
        for (int i = 0; i < 50; ++i) big << chunk;  // 50 MB, one line
    }
    auto r = run_pingcha("score --format jsonl " + d.string() + " " + (d / "notes.docx").string());
    EXPECT_EQ(r.code, 1) << r.err;  // some documents failed, the run went on
    auto status = statuses(r.out);
    EXPECT_EQ(status["empty"], "failed/corrupt");
    EXPECT_EQ(status["junk"], "failed/corrupt");
    EXPECT_EQ(status["invalid"], "failed/corrupt");
    EXPECT_EQ(status["good"], "ok");
    EXPECT_EQ(status["notes"], "failed/unsupported");
    // 50 MB of one line is read, not refused for its size, and then rejected: it is not a judgment
    EXPECT_EQ(status["huge"], "rejected/not_a_judgment");
    EXPECT_NE(r.err.find("junk failed (corrupt)"), std::string::npos) << r.err;

    auto missing = run_pingcha("score " + (d / "nope.txt").string());
    EXPECT_EQ(missing.code, 2);
    EXPECT_NE(missing.err.find("no such file or folder"), std::string::npos);
    fs::create_directories(d / "emptydir");
    auto none = run_pingcha("score " + (d / "emptydir").string());
    EXPECT_EQ(none.code, 2);
    EXPECT_NE(none.err.find("no inputs found"), std::string::npos);
    // The size limit of decode turns a too-large input into too_large, not an allocation.
    auto limit = run_pingcha("score --format jsonl --pipeline " + pingcha::test::source_path("tests/app/small.pipeline") +
                         " " + (d / "huge.txt").string());
    EXPECT_EQ(limit.code, 1);
    EXPECT_NE(limit.out.find("\"too_large\""), std::string::npos);
    // Originals are never modified.
    EXPECT_EQ(fs::file_size(d / "huge.txt"), 50u << 20);
    fs::remove_all(d);
}

TEST(Cli, UnknownPipelineSheetOrRefusedPluginIsExit2) {
    const fs::path d = temp_dir("cfg");
    write(d / "a.txt", sample_bad_date);
    auto p = run_pingcha("score --pipeline nope " + (d / "a.txt").string());
    EXPECT_EQ(p.code, 2);
    EXPECT_NE(p.err.find("unknown pipeline 'nope'; known: "), std::string::npos) << p.err;
    auto s = run_pingcha("score --sheet nope " + (d / "a.txt").string());
    EXPECT_EQ(s.code, 2);
    EXPECT_NE(s.err.find("unknown sheet 'nope'"), std::string::npos) << p.err;
    // A pipeline that needs a stage of a refused plugin: exit 2, the refusal shown.
    write(d / "needs.pipeline", "decode ! fixture-never\n");
    auto r = run_pingcha("score --plugin-path " + std::string(PINGCHA_BINARY_DIR) +
                     "/tests/fixtures/plugins --pipeline " + (d / "needs.pipeline").string() + " " +
                     (d / "a.txt").string());
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("needs.pipeline:1:10: unknown stage 'fixture-never'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("lexicon file missing"), std::string::npos) << r.err;
    fs::remove_all(d);
}

TEST(Cli, PluginsListsGoodAndRefused) {
    auto r = run_pingcha("plugins --plugin-path " + std::string(PINGCHA_BINARY_DIR) + "/tests/fixtures/plugins");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("fixture-good 1.2.3 (ABI 2)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("stage fixture-mark"), std::string::npos);
    EXPECT_NE(r.out.find("label (string, default 'marked')"), std::string::npos);
    EXPECT_NE(r.out.find("REFUSED"), std::string::npos);
    EXPECT_NE(r.out.find("has ABI 999, pingcha expects 2"), std::string::npos);
    auto plain = run_pingcha("plugins");
    EXPECT_EQ(plain.code, 0) << plain.out;
    EXPECT_NE(plain.out.find("decode-text"), std::string::npos);
}

TEST(Cli, CriteriaListsIdsSeverityDeductionAndSource) {
    auto r = run_pingcha("criteria");
    EXPECT_EQ(r.code, 0);
    EXPECT_NE(r.out.find("date.signature"), std::string::npos);
    EXPECT_NE(r.out.find("error"), std::string::npos);
    EXPECT_NE(r.out.find("法〔2016〕221号"), std::string::npos);
    EXPECT_EQ(run_pingcha("criteria --sheet nope").code, 2);
}

TEST(Cli, RealCriminalJudgmentsFindTheLatinOSignature) {
    const std::string data = shared_data("judgments/criminal-full-judge-test.jsonl");
    if (data.empty()) GTEST_SKIP() << "needs ../shared/data/judgments/criminal-full-judge-test.jsonl (absent)";
    auto r = run_pingcha("score --format jsonl --jobs 2 --id-field text_id --text-field fd " + data);
    ASSERT_EQ(r.code, 0) << r.err;
    std::istringstream lines(r.out);
    std::string line;
    int docs = 0, latin_o = 0;
    while (std::getline(lines, line)) {
        ++docs;
        auto o = parse(line);
        const std::string text = o->getValue<std::string>("text");
        auto findings = o->getArray("findings");
        for (std::size_t i = 0; i < findings->size(); ++i) {
            auto f = findings->getObject(i);
            if (f->getValue<std::string>("criterion") != "date.signature") continue;
            const std::string excerpt = f->getValue<std::string>("excerpt");
            if (excerpt.find("二O一八年") == std::string::npos) continue;
            ++latin_o;
            // The span points at exactly that text.
            const auto start = static_cast<std::size_t>(f->getValue<int>("start"));
            const auto end = static_cast<std::size_t>(f->getValue<int>("end"));
            EXPECT_EQ(pingcha::utf8::substr(text, start, end), excerpt);
            EXPECT_EQ(start, pingcha::test::cp_find(text, excerpt));
        }
    }
    EXPECT_EQ(docs, 501);
    EXPECT_GE(latin_o, 1);
}

// Texts that are not court decisions are read but never scored: status rejected, no score, exit 1;
// the bundled judgments beside them are scored as usual.
TEST(Cli, NotAJudgmentIsRejectedNeverScored) {
    const std::string dir = pingcha::test::source_path("testdata/not-judgments");
    const std::string judgment = pingcha::test::source_path("testdata/judgments/civil-first-instance.txt");
    auto r = run_pingcha("score --format jsonl " + dir + " " + judgment);
    EXPECT_EQ(r.code, 1) << r.err;
    auto status = statuses(r.out);
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
        auto o = parse(line);
        if (o->getValue<std::string>("id") != "civil-first-instance") {
            EXPECT_TRUE(o->isNull("score")) << line.substr(0, 80) << " was scored";
        }
    }
    for (const char* id : {"news", "notice", "contract", "english", "hello"})
        EXPECT_EQ(status[id], "rejected/not_a_judgment") << id;
    EXPECT_EQ(status["civil-first-instance"], "ok");
    EXPECT_NE(r.err.find("news rejected (not_a_judgment)"), std::string::npos) << r.err;
}

namespace {
std::vector<fs::path> json_files(const fs::path& dir) {
    std::vector<fs::path> found;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".json") found.push_back(e.path());
    std::sort(found.begin(), found.end());
    return found;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}
}  // namespace

// A result name over NAME_MAX (a 253-byte file name, a 300-character .jsonl id) threw from the
// --out writer while the worker threads ran: SIGABRT (134), buffered output lost. Long ids are
// shortened with a hash, so their results are written.
TEST(Cli, OutWritesResultsForLongNamesAndIds) {
    const fs::path d = temp_dir("long");
    const std::string long_stem(249, 'x');
    write(d / (long_stem + ".txt"), sample_bad_date);  // a 253-byte file name
    std::string chinese_id;
    for (int i = 0; i < 300; ++i) chinese_id += "判";
    const std::string ascii_id(300, 'i');
    std::string text = sample_bad_date;
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 2))
        text.replace(at, 1, "\\n");
    write(d / "archive.jsonl", "{\"id\": \"" + chinese_id + "\", \"text\": \"" + text + "\"}\n{\"id\": \"" + ascii_id +
                                   "\", \"text\": \"" + text + "\"}\n");
    auto r = run_pingcha("score --format jsonl --jobs 2 --out " + (d / "out").string() + " " +
                         (d / (long_stem + ".txt")).string() + " " + (d / "archive.jsonl").string());
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(statuses(r.out).size(), 3u) << r.out;
    const auto files = json_files(d / "out");
    ASSERT_EQ(files.size(), 3u);
    std::set<std::string> ids;
    for (const auto& f : files) {
        EXPECT_LE(f.filename().string().size(), 255u) << f;
        ids.insert(parse(read_file(f))->getValue<std::string>("id"));
    }
    EXPECT_EQ(ids, (std::set<std::string>{long_stem, chinese_id, ascii_id}));
    fs::remove_all(d);
}

// A result file that cannot be written (here a folder stands where it goes) is that document's
// failure: reported on stderr, counted, exit 1; the other documents are scored and written.
TEST(Cli, OutReportsAnUnwritableResultAndGoesOn) {
    const fs::path d = temp_dir("unwritable");
    write(d / "a.txt", sample_bad_date);
    write(d / "b.txt", sample_bad_date);
    write(d / "c.txt", sample_bad_date);
    fs::create_directories(d / "out" / "a.json" / "in-the-way");
    auto r = run_pingcha("score --format jsonl --jobs 2 --out " + (d / "out").string() + " " + (d / "a.txt").string() +
                         " " + (d / "b.txt").string() + " " + (d / "c.txt").string());
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("pingcha score: a failed: cannot write its result " + (d / "out" / "a.json").string()),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("3 documents, 1 failed"), std::string::npos) << r.err;
    EXPECT_EQ(statuses(r.out).size(), 3u) << r.out;  // every result still printed
    EXPECT_TRUE(fs::exists(d / "out" / "b.json"));
    EXPECT_TRUE(fs::exists(d / "out" / "c.json"));
    EXPECT_TRUE(fs::is_directory(d / "out" / "a.json"));
    for (const auto& e : fs::directory_iterator(d / "out"))  // no temporary left behind
        EXPECT_EQ(e.path().filename().string().find(".pingcha-tmp"), std::string::npos) << e.path();
    fs::remove_all(d);
}

// x/a.txt and y/a.txt both became DIR/a.json: the second overwrote the first.
TEST(Cli, OutKeepsTwoInputsWithOneStemApart) {
    const fs::path d = temp_dir("stems");
    fs::create_directories(d / "x");
    fs::create_directories(d / "y");
    write(d / "x" / "a.txt", sample_bad_date);
    write(d / "y" / "a.txt", sample_bad_date + "\n");
    auto r = run_pingcha("score --format jsonl --out " + (d / "out").string() + " " +
                         (d / "x" / "a.txt").string() + " " + (d / "y" / "a.txt").string());
    ASSERT_EQ(r.code, 0) << r.err;
    ASSERT_TRUE(fs::exists(d / "out" / "a.json"));
    ASSERT_TRUE(fs::exists(d / "out" / "a-2.json"));
    auto first = parse(read_file(d / "out" / "a.json"));
    auto second = parse(read_file(d / "out" / "a-2.json"));
    EXPECT_EQ(first->getObject("source")->getValue<std::string>("path"), (d / "x" / "a.txt").string());
    EXPECT_EQ(second->getObject("source")->getValue<std::string>("path"), (d / "y" / "a.txt").string());
    EXPECT_EQ(second->getValue<std::string>("id"), "a");  // the id stays the stem
    fs::remove_all(d);
}

// A FIFO given as input (or found in a folder) blocked open() forever: refused at once.
TEST(Cli, FifoInputIsRefusedAtOnce) {
    const fs::path d = temp_dir("fifo");
    fs::create_directories(d / "in");
    ASSERT_EQ(::mkfifo((d / "pipe.txt").c_str(), 0600), 0);
    ASSERT_EQ(::mkfifo((d / "in" / "inner.txt").c_str(), 0600), 0);
    write(d / "in" / "good.txt", sample_bad_date);
    auto r = run_pingcha("score --format jsonl --jobs 2 " + (d / "pipe.txt").string() + " " + (d / "in").string(),
                         "timeout 60 ");
    ASSERT_NE(r.code, 124) << "hung on the FIFO";
    EXPECT_EQ(r.code, 1) << r.err;
    auto status = statuses(r.out);
    EXPECT_EQ(status["pipe"], "failed/unsupported");
    EXPECT_EQ(status["inner"], "failed/unsupported");
    EXPECT_EQ(status["good"], "ok");
    EXPECT_NE(r.err.find("pipe.txt is a FIFO (named pipe), not a regular file"), std::string::npos) << r.err;
    fs::remove_all(d);
}

// A symbolic link inside an input folder was followed and its target scored: refused with the
// reason. Named on the command line it is the user's choice and is read.
TEST(Cli, SymlinkInsideAFolderIsNotFollowedUnlessNamed) {
    const fs::path d = temp_dir("symlink");
    fs::create_directories(d / "in");
    fs::create_directories(d / "outside");
    write(d / "outside" / "secret.txt", sample_bad_date + "OUTSIDE-MARKER\n");
    write(d / "in" / "good.txt", sample_bad_date);
    fs::create_symlink(d / "outside" / "secret.txt", d / "in" / "link.txt");
    auto r = run_pingcha("score --format jsonl " + (d / "in").string());
    EXPECT_EQ(r.code, 1) << r.err;
    auto status = statuses(r.out);
    EXPECT_EQ(status["good"], "ok");
    EXPECT_EQ(status["link"], "failed/unsupported");
    EXPECT_NE(r.err.find("link.txt is a symbolic link inside an input folder and is not followed"), std::string::npos)
        << r.err;
    EXPECT_EQ(r.out.find("OUTSIDE-MARKER"), std::string::npos) << "the link's target was read";

    auto named = run_pingcha("score --format jsonl " + (d / "in" / "link.txt").string());
    EXPECT_EQ(named.code, 0) << named.err;
    EXPECT_EQ(statuses(named.out)["link"], "ok");
    EXPECT_NE(named.out.find("OUTSIDE-MARKER"), std::string::npos);
    fs::remove_all(d);
}


// A truncated plugin .so killed `pingcha plugins` and `pingcha score` with SIGBUS (exit 135).
TEST(Cli, TruncatedPluginIsRefusedNotACrash) {
    const fs::path d = temp_dir("truncated");
    ::chmod(d.c_str(), 0755);
    const std::string so = pingcha::test::plugin_file("decode-text");
    const std::string bytes = read_file(so);
    write(d / "decode-text.so", bytes.substr(0, bytes.size() / 2));
    write(d / "decode-text-cut.so", bytes.substr(0, pingcha::test::elf_end_of_segments(so) / 2));
    ::chmod((d / "decode-text.so").c_str(), 0755);
    ::chmod((d / "decode-text-cut.so").c_str(), 0755);
    write(d / "a.txt", sample_bad_date);

    auto p = run_pingcha("plugins --plugin-path " + d.string());
    EXPECT_EQ(p.code, 1) << p.err;  // some plugin refused; 135 was SIGBUS
    for (const char* name : {"decode-text.so", "decode-text-cut.so"}) {
        const std::size_t at = p.out.find("REFUSED " + (d / name).string() + "\n");
        ASSERT_NE(at, std::string::npos) << name << "\n" << p.out;
        EXPECT_EQ(p.out.compare(at + 8 + (d / name).string().size() + 1, 27, "  is truncated or damaged: "), 0)
            << p.out.substr(at, 200);
    }
    // The real decode-text beside the binary is loaded in their place.
    EXPECT_NE(p.out.find("file: " + so), std::string::npos) << p.out;

    auto s = run_pingcha("score --format jsonl --plugin-path " + d.string() + " " + (d / "a.txt").string());
    EXPECT_EQ(s.code, 0) << s.err;
    EXPECT_EQ(statuses(s.out)["a"], "ok");
    fs::remove_all(d);
}

// The README's first command scores the bundled samples: every one of them is read and scored.
TEST(Cli, BundledSamplesAllScore) {
    auto r = run_pingcha("score --format jsonl " + pingcha::test::source_path("testdata/samples"));
    EXPECT_EQ(r.code, 0) << r.err;
    const auto status = statuses(r.out);
    EXPECT_EQ(status.size(), 4u) << r.out.substr(0, 200);
    for (const auto& [id, s] : status) EXPECT_EQ(s, "ok") << id;
}

// ---- failure that says so (issue 19) ----

namespace {

// A folder anyone may write to (no sticky bit) with a copy of the fixture-good plugin (it provides
// the stage fixture-mark and the criterion fixture.first-char) under `file_name`: refused before
// it is ever loaded, for its folder.
fs::path refused_plugin_dir(const std::string& name, const std::string& file_name) {
    const fs::path d = temp_dir(name);
    fs::copy_file(std::string(PINGCHA_BINARY_DIR) + "/tests/fixtures/plugins/fixture-good.so", d / file_name);
    ::chmod(d.c_str(), 0777);
    return d;
}

std::string folder_refusal(const fs::path& d) {
    return "its folder " + d.string() + " is writable by others (chmod o-w)";
}

}  // namespace

// A refused plugin that provides one of the pipeline's stages: score, rescore and watch exit 2
// naming the stage, the plugin file and the reason; nothing is created on the way.
TEST(Cli, RefusedPluginThatProvidesAStageIsExit2NamingIt) {
    const fs::path d = refused_plugin_dir("needed-stage", "fixture-mark.so");
    fs::create_directories(d / "in");
    write(d / "a.txt", sample_bad_date);
    write(d / "mark.pipeline", "decode ! fixture-mark\n");
    write(d / "remark.pipeline", "fixture-mark ! score sheet=spc-2016\n");
    const std::string plugin = " --plugin-path " + d.string();
    const std::string named = "plugin " + (d / "fixture-mark.so").string() +
                              " would provide it but was refused: " + folder_refusal(d);

    auto s = run_pingcha("score" + plugin + " --pipeline " + (d / "mark.pipeline").string() + " " + (d / "a.txt").string());
    EXPECT_EQ(s.code, 2) << s.err;
    EXPECT_NE(s.err.find("pingcha score: " + (d / "mark.pipeline").string() + ":1:10: unknown stage 'fixture-mark'"),
              std::string::npos) << s.err;
    EXPECT_NE(s.err.find(named), std::string::npos) << s.err;
    EXPECT_EQ(s.out, "");

    auto r = run_pingcha("rescore" + plugin + " --pipeline " + (d / "remark.pipeline").string() + " --store sqlite:" +
                         (d / "store.db").string() + " --campaign c");
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find("unknown stage 'fixture-mark'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(named), std::string::npos) << r.err;

    auto w = run_pingcha("watch" + plugin + " --inbox " + (d / "in").string() + " --out " + (d / "out").string() +
                             " --http off --pipeline " + (d / "mark.pipeline").string(),
                         "timeout 60 ");
    EXPECT_EQ(w.code, 2) << w.err;
    EXPECT_NE(w.err.find("unknown stage 'fixture-mark'"), std::string::npos) << w.err;
    EXPECT_NE(w.err.find(named), std::string::npos) << w.err;
    EXPECT_FALSE(fs::exists(d / "store.db"));
    EXPECT_FALSE(fs::exists(d / "out" / "pingcha.db"));
    fs::remove_all(d);
}

// A refused plugin whose criteria the sheet lists: exit 2 naming the criterion, the plugin and the
// reason. The same sheet with the plugin loaded scores (the refusal was the only fault).
TEST(Cli, RefusedPluginThatProvidesSheetCriteriaIsExit2NamingIt) {
    const fs::path d = refused_plugin_dir("needed-criteria", "fixture-good.so");
    write(d / "a.txt", sample_bad_date);
    write(d / "fixture-sheet.json",
          R"({"name": "fixture-sheet", "version": "1", "max": 100, "grades": [{"name": "优秀", "min": 0}],)"
          R"( "criteria": {"fixture.first-char": {"deduction": 1}}})");
    const std::string sheet = " --sheet " + (d / "fixture-sheet.json").string() + " ";
    auto s = run_pingcha("score --plugin-path " + d.string() + sheet + (d / "a.txt").string());
    EXPECT_EQ(s.code, 2) << s.err;
    EXPECT_NE(s.err.find("pingcha score: sheet fixture-sheet (" + (d / "fixture-sheet.json").string() +
                         ") lists criterion 'fixture.first-char', which no loaded plugin provides"),
              std::string::npos) << s.err;
    EXPECT_NE(s.err.find((d / "fixture-good.so").string() + ": " + folder_refusal(d)), std::string::npos) << s.err;

    auto ok = run_pingcha("score --format jsonl --plugin-path " + std::string(PINGCHA_BINARY_DIR) +
                          "/tests/fixtures/plugins" + sheet + (d / "a.txt").string());
    EXPECT_EQ(ok.code, 0) << ok.err;
    EXPECT_EQ(statuses(ok.out)["a"], "ok");
    fs::remove_all(d);
}

// A refused plugin the pipeline does not need: one warning line naming it and why, and the run goes on.
TEST(Cli, RefusedPluginNotNeededIsAWarning) {
    const fs::path d = refused_plugin_dir("not-needed", "fixture-good.so");
    fs::create_directories(d / "in");
    write(d / "a.txt", sample_bad_date);
    auto s = run_pingcha("score --format jsonl --plugin-path " + d.string() + " " + (d / "a.txt").string());
    EXPECT_EQ(s.code, 0) << s.err;
    EXPECT_EQ(statuses(s.out)["a"], "ok");
    EXPECT_NE(s.err.find("pingcha score: warning: plugin " + (d / "fixture-good.so").string() + " was refused (" +
                         folder_refusal(d) + "); pipeline judgment-review does not need it and runs without it\n"),
              std::string::npos) << s.err;
    // Every refusal of the fixture folder, e.g. another ABI, is a warning of its own.
    auto f = run_pingcha("score --format jsonl --plugin-path " + std::string(PINGCHA_BINARY_DIR) +
                         "/tests/fixtures/plugins " + (d / "a.txt").string());
    EXPECT_EQ(f.code, 0) << f.err;
    EXPECT_NE(f.err.find("warning: plugin " + std::string(PINGCHA_BINARY_DIR) +
                         "/tests/fixtures/plugins/fixture-wrong-abi.so was refused (plugin 'fixture-wrong-abi.so' has ABI 999"),
              std::string::npos) << f.err;
    // watch says so before it starts (here it then stops at its store: exit 3, not 2)
    auto w = run_pingcha("watch --plugin-path " + d.string() + " --inbox " + (d / "in").string() + " --out " +
                             (d / "out").string() + " --http off --store sqlite:" + (d / "no-such-dir" / "s.db").string(),
                         "timeout 60 ");
    EXPECT_EQ(w.code, 3) << w.err;
    EXPECT_NE(w.err.find("pingcha watch: warning: plugin " + (d / "fixture-good.so").string() + " was refused (" +
                         folder_refusal(d) + "); no inbox's pipeline needs it\n"),
              std::string::npos) << w.err;
    fs::remove_all(d);
}

// rescore and report read a store that score or watch made: a path that names none (a typo) is
// refused, and never becomes a new empty store that reports nothing.
TEST(Cli, RescoreAndReportRefuseAStoreThatDoesNotExist) {
    const fs::path d = temp_dir("no-store");
    write(d / "a.txt", sample_bad_date);
    const fs::path typo = d / "typo.db", made = d / "made.db";
    const std::string refusal = "no store at " + typo.string() + "; only `score --store` and `watch` create one";
    auto r = run_pingcha("rescore --store sqlite:" + typo.string() + " --campaign default");
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find("pingcha rescore: " + refusal), std::string::npos) << r.err;
    auto p = run_pingcha("report --store sqlite:" + typo.string() + " --campaign default --out " + (d / "rep").string());
    EXPECT_EQ(p.code, 2) << p.err;
    EXPECT_NE(p.err.find("pingcha report: " + refusal), std::string::npos) << p.err;
    EXPECT_FALSE(fs::exists(typo));

    // score creates one, and says so once
    auto s = run_pingcha("score --format jsonl --store sqlite:" + made.string() + " " + (d / "a.txt").string());
    EXPECT_EQ(s.code, 0) << s.err;
    EXPECT_NE(s.err.find("pingcha score: creating a new store at " + made.string() + "\n"), std::string::npos) << s.err;
    auto again = run_pingcha("score --format jsonl --store sqlite:" + made.string() + " " + (d / "a.txt").string());
    EXPECT_EQ(again.code, 0) << again.err;
    EXPECT_EQ(again.err.find("creating"), std::string::npos) << again.err;
    // which rescore and report then read
    EXPECT_EQ(run_pingcha("rescore --quiet --store sqlite:" + made.string() + " --campaign default").code, 0);
    EXPECT_EQ(run_pingcha("report --store sqlite:" + made.string() + " --campaign default --out " + (d / "rep").string()).code, 0);
    fs::remove_all(d);
}

// A wrong PostgreSQL password is a configuration error (2): "unreachable" (3) made systemd restart
// the daemon forever. The password never shows in a message.
TEST(Cli, PostgresLoginRefusedIsAConfigurationError) {
    static pingcha::test::PgServer pg("pingcha-right-password");
    PINGCHA_REQUIRE_PG(pg);
    const std::string uri = pg.uri();  // postgresql://postgres@127.0.0.1:PORT/postgres
    const auto at = uri.find('@');
    auto with_password = [&](const std::string& pw) { return "'" + uri.substr(0, at) + ":" + pw + uri.substr(at) + "'"; };
    const fs::path d = temp_dir("pg-auth");
    fs::create_directories(d / "in");
    write(d / "a.txt", sample_bad_date);
    const std::string wrong = with_password("wrong-password-123");

    auto s = run_pingcha("score --format jsonl --store " + wrong + " " + (d / "a.txt").string());
    EXPECT_EQ(s.code, 2) << s.err;
    EXPECT_NE(s.err.find("pingcha score: postgresql store: postgresql://postgres:***@"), std::string::npos) << s.err;
    EXPECT_NE(s.err.find("refused the login"), std::string::npos) << s.err;
    EXPECT_EQ(s.err.find("wrong-password-123"), std::string::npos) << s.err;
    auto r = run_pingcha("rescore --store " + wrong + " --campaign default");
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find("refused the login"), std::string::npos) << r.err;
    auto p = run_pingcha("report --store " + wrong + " --campaign default --out " + (d / "rep").string());
    EXPECT_EQ(p.code, 2) << p.err;
    EXPECT_NE(p.err.find("refused the login"), std::string::npos) << p.err;
    auto w = run_pingcha("watch --inbox " + (d / "in").string() + " --out " + (d / "out").string() +
                             " --http off --store " + wrong,
                         "timeout 60 ");
    EXPECT_EQ(w.code, 2) << w.err;
    EXPECT_NE(w.err.find("refused the login"), std::string::npos) << w.err;
    EXPECT_EQ(w.err.find("wrong-password-123"), std::string::npos) << w.err;
    // no password at all
    auto n = run_pingcha("score --format jsonl --store '" + uri + "' " + (d / "a.txt").string());
    EXPECT_EQ(n.code, 2) << n.err;
    EXPECT_NE(n.err.find("wants a password and none was given"), std::string::npos) << n.err;
    // the right one: the server was fine, only the logins were refused
    auto ok = run_pingcha("score --format jsonl --store " + with_password("pingcha-right-password") + " " +
                          (d / "a.txt").string());
    EXPECT_EQ(ok.code, 0) << ok.err;
    fs::remove_all(d);
}

// ---- progress on long runs (issue 14) ----

namespace {

const std::regex progress_line(
    R"(pingcha score: progress (\d+)/(\d+) documents \(\d+\.\d%\), (\d+) failed, \d+\.\d documents/s, ETA (--:--|\d+:\d\d(:\d\d)?))");

// The results without their timings, which differ from run to run.
std::string without_timings(const std::string& jsonl) {
    return std::regex_replace(jsonl, std::regex(R"("timings_ms":\{[^}]*\})"), "");
}

}  // namespace

// Not on a terminal (a log): a progress line every --progress-interval seconds; the results on
// stdout are the same with or without it.
TEST(Cli, ScoreLogsProgressLinesAndResultsStayTheSame) {
    const std::string in = pingcha::test::source_path("testdata/annotated/documents.jsonl");
    std::size_t n = 0;
    {
        std::ifstream f(in);
        for (std::string line; std::getline(f, line);) n += !line.empty();
    }
    ASSERT_GT(n, 100u);
    const std::string total = std::to_string(n);
    auto plain = run_pingcha("score --format jsonl --jobs 2 --progress-interval 0 " + in);
    auto logged = run_pingcha("score --format jsonl --jobs 2 --progress-interval 0.001 " + in);
    ASSERT_LE(plain.code, 1) << plain.err;
    EXPECT_EQ(logged.code, plain.code) << logged.err;
    EXPECT_EQ(without_timings(logged.out), without_timings(plain.out));

    std::size_t lines = 0, last_done = 0;
    std::istringstream err(logged.err);
    for (std::string line; std::getline(err, line);) {
        if (line.rfind("pingcha score: progress", 0) != 0) continue;
        std::smatch m;
        ASSERT_TRUE(std::regex_match(line, m, progress_line)) << line;
        const std::size_t done = std::stoul(m[1]);
        EXPECT_EQ(m[2], total) << line;
        EXPECT_GE(done, last_done) << line;
        EXPECT_LE(done, n) << line;
        last_done = done;
        ++lines;
    }
    EXPECT_GE(lines, 1u) << logged.err.substr(0, 2000);
    // the summary line still ends the output; without progress, no progress lines
    EXPECT_NE(logged.err.find("pingcha score: " + total + " documents, "), std::string::npos) << logged.err.substr(0, 2000);
    EXPECT_EQ(plain.err.find("progress"), std::string::npos) << plain.err.substr(0, 2000);
    auto quiet = run_pingcha("score --format jsonl --jobs 2 --quiet --progress-interval 0.001 " + in);
    EXPECT_EQ(quiet.err.find("pingcha score: progress"), std::string::npos) << quiet.err.substr(0, 2000);
    EXPECT_EQ(quiet.err.find("pingcha score: " + total + " documents"), std::string::npos);
    for (const char* bad : {"-1", "soon", ""}) {
        auto b = run_pingcha(std::string("score --progress-interval '") + bad + "' " + in);
        EXPECT_EQ(b.code, 2) << bad;
        EXPECT_NE(b.err.find("--progress-interval wants seconds"), std::string::npos) << b.err;
    }
}

// On a terminal: one line redrawn in place (carriage return, erase to the end of the line), shown
// from the start and erased before the summary, which then stands alone on its line.
TEST(Cli, ScoreDrawsProgressOnATerminalAndErasesIt) {
    if (std::system("command -v script >/dev/null 2>&1") != 0) GTEST_SKIP() << "needs script(1) for a terminal";
    const fs::path d = temp_dir("tty");
    write(d / "a.txt", sample_bad_date);
    write(d / "b.txt", sample_bad_date);
    // script gives the command a terminal; stdout goes to a file, so the terminal shows stderr alone
    const std::string cmd = std::string(PINGCHA_BINARY_DIR) + "/bin/pingcha score --format jsonl " +
                            (d / "a.txt").string() + " " + (d / "b.txt").string() + " >" + (d / "out.jsonl").string();
    FILE* p = ::popen(("script -qec '" + cmd + "' /dev/null </dev/null").c_str(), "r");
    ASSERT_NE(p, nullptr);
    std::string screen;
    std::array<char, 4096> buf;
    for (std::size_t got; (got = std::fread(buf.data(), 1, buf.size(), p)) > 0;) screen.append(buf.data(), got);
    const int status = ::pclose(p);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << screen;
    EXPECT_EQ(statuses(read_file(d / "out.jsonl")).size(), 2u);
    const std::size_t bar = screen.find("\r[--------------------]   0.0%  0/2 documents, 0 failed, ");
    ASSERT_NE(bar, std::string::npos) << screen;
    const std::size_t summary = screen.find("pingcha score: 2 documents, 0 failed");
    ASSERT_NE(summary, std::string::npos) << screen;
    ASSERT_GE(summary, 4u);
    EXPECT_EQ(screen.compare(summary - 4, 4, "\r\x1b[K"), 0) << screen;  // erased just before the summary
    EXPECT_EQ(screen.find("\r[", summary), std::string::npos) << screen;
    fs::remove_all(d);
}
