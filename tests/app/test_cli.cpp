// Tests of `pingcha` as a process: exit codes, formats, bad inputs, plugin refusals.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <Poco/JSON/Parser.h>

#include <array>
#include <filesystem>
#include <fstream>

#include "harness.h"

namespace fs = std::filesystem;
using pingcha::test::shared_data;

namespace {

struct Run {
    int code = -1;
    std::string out;
    std::string err;
};

// Runs pingcha with arguments (shell-quoted by the caller where needed), capturing both streams.
Run run_pingcha(const std::string& args) {
    static int n = 0;
    const std::string err_file = (fs::temp_directory_path() / ("pingcha-cli-err-" + std::to_string(::getpid()) + "-" +
                                                               std::to_string(n++)))
                                     .string();
    const std::string cmd = std::string(PINGCHA_BINARY_DIR) + "/bin/pingcha " + args + " 2>" + err_file + " </dev/null";
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
    auto o = parse(r.out);
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
    std::map<std::string, std::string> status;
    std::istringstream lines(r.out);
    std::string line;
    while (std::getline(lines, line)) {
        auto o = parse(line);
        status[o->getValue<std::string>("id")] =
            o->getValue<std::string>("status") +
            (o->isNull("error") ? "" : "/" + o->getObject("error")->getValue<std::string>("class"));
    }
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
    std::map<std::string, std::string> status;
    std::istringstream lines(r.out);
    std::string line;
    while (std::getline(lines, line)) {
        auto o = parse(line);
        const std::string id = o->getValue<std::string>("id");
        status[id] = o->getValue<std::string>("status") +
                     (o->isNull("error") ? "" : "/" + o->getObject("error")->getValue<std::string>("class"));
        if (id != "civil-first-instance") {
            EXPECT_TRUE(o->isNull("score")) << id << " was scored";
        }
    }
    for (const char* id : {"news", "notice", "contract", "english", "hello"})
        EXPECT_EQ(status[id], "rejected/not_a_judgment") << id;
    EXPECT_EQ(status["civil-first-instance"], "ok");
    EXPECT_NE(r.err.find("news rejected (not_a_judgment)"), std::string::npos) << r.err;
}
