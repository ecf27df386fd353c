// A campaign end to end through the CLI: score --store, rescore (killed and resumed, sharded over
// PostgreSQL), report opened in headless Chromium, exit 3 for an unreachable store.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <set>
#include <thread>

#include "harness.h"
#include "pg_server.h"
#include "pingcha/input.h"
#include "pingcha/store.h"

namespace fs = std::filesystem;
using namespace pingcha;

namespace {

const std::string pingcha_bin = std::string(PINGCHA_BINARY_DIR) + "/bin/pingcha";

struct CmdResult {
    int code = -1;
    std::string out, err;
};

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Runs a shell command line, capturing both streams.
CmdResult run_shell(const std::string& cmd) {
    static int n = 0;
    const fs::path err = fs::temp_directory_path() / ("pingcha-e2e-err-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    CmdResult r;
    FILE* p = ::popen((cmd + " 2>" + err.string() + " </dev/null").c_str(), "r");
    std::array<char, 65536> buf;
    std::size_t got;
    while ((got = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), got);
    const int status = ::pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.err = read(err);
    fs::remove(err);
    return r;
}
CmdResult pingcha(const std::string& args) { return run_shell(pingcha_bin + " " + args); }

// Starts pingcha in the background with stdout to a file; returns the pid.
pid_t spawn_pingcha(const std::vector<std::string>& args, const fs::path& out) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(fd, 1);
        const int null_fd = ::open("/dev/null", O_RDWR);
        ::dup2(null_fd, 0);
        std::vector<char*> argv{const_cast<char*>(pingcha_bin.c_str())};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(pingcha_bin.c_str(), argv.data());
        ::_exit(127);
    }
    return pid;
}
int wait_exit(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

fs::path temp_dir(const std::string& name) {
    fs::path d = fs::temp_directory_path() / ("pingcha-e2e-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

// Judgment texts: the shared real criminal judgments when present, else generated ones.
std::vector<std::string> judgment_texts() {
    std::vector<std::string> texts;
    const std::string path = test::shared_data("judgments/criminal-full-judge-test.jsonl");
    if (!path.empty()) {
        std::ifstream in(path);
        std::string line;
        Poco::JSON::Parser parser;
        while (std::getline(in, line) && texts.size() < 200) {
            auto o = parser.parse(line).extract<Poco::JSON::Object::Ptr>();
            std::string fd = o->getValue<std::string>("fd");
            for (char& c : fd)
                if (c == ' ') c = '\n';
            texts.push_back(fd);
            parser.reset();
        }
    }
    if (texts.empty())
        for (int i = 0; i < 50; ++i)
            texts.push_back("辽宁省本溪市平山区人民法院\n刑事判决书\n（2022）辽0502刑初" + std::to_string(i + 1) +
                            "号\n公诉机关本溪市平山区人民检察院。\n……\n审判长　张某\n二O二二年九月五日\n书记员　陈某\n");
    return texts;
}

// Puts n documents (distinct ids and hashes) straight into a store, as `score --store` would.
void fill_store(Store& store, std::size_t n) {
    const auto texts = judgment_texts();
    store.begin_batch();
    for (std::size_t i = 0; i < n; ++i) {
        Document d;
        d.id = "doc-" + std::to_string(i);
        d.text = texts[i % texts.size()];
        d.source.sha256 = sha256_hex(d.id + "\n" + d.text);
        d.source.media_type = "text/plain";
        d.source.bytes = d.text.size();
        store.put_document(d);
    }
    store.commit_batch();
}

std::size_t count_runs(Store& store, const std::string& campaign, std::set<std::string>* distinct = nullptr) {
    std::size_t n = 0;
    store.for_each_run(campaign, [&](const StoredRun& r) {
        ++n;
        if (distinct) distinct->insert(r.sha256);
    });
    return n;
}

// "rescored N documents (F failed), skipped S already scored, of T selected"
struct Summary {
    long rescored = -1, skipped = -1, selected = -1;
};
Summary parse_summary(const std::string& out) {
    std::smatch m;
    Summary s;
    if (std::regex_search(out, m, std::regex("rescored (\\d+) documents? \\(\\d+ failed\\), skipped (\\d+) already scored, of (\\d+) selected"))) {
        s.rescored = std::stol(m[1]);
        s.skipped = std::stol(m[2]);
        s.selected = std::stol(m[3]);
    }
    return s;
}

TEST(Campaign, ScoreIntoStoreThenRescoreAndResume) {
    const fs::path dir = temp_dir("flow");
    const auto texts = judgment_texts();
    {
        std::ofstream out(dir / "in.jsonl");
        for (std::size_t i = 0; i < 40; ++i) {
            Poco::JSON::Object o;
            o.set("text", texts[i % texts.size()]);
            std::ostringstream os;
            o.stringify(os);
            out << "{\"id\":\"j" << i << "\"," << os.str().substr(1) << "\n";
        }
    }
    const std::string uri = "sqlite:" + (dir / "s.db").string();
    CmdResult r = pingcha("score --store " + uri + " --campaign intake --jobs 2 --format jsonl --quiet " + (dir / "in.jsonl").string());
    ASSERT_EQ(r.code, 0) << r.err;
    {
        auto store = Store::open(uri);
        EXPECT_EQ(store->list_documents(StoreFilter{}).size(), 40u);
        EXPECT_EQ(count_runs(*store, "intake"), 40u);
    }
    // The same file again: the documents are kept once, the runs replaced, not doubled.
    r = pingcha("score --store " + uri + " --campaign intake --jobs 2 --format jsonl --quiet " + (dir / "in.jsonl").string());
    ASSERT_EQ(r.code, 0) << r.err;
    r = pingcha("rescore --store " + uri + " --campaign q1 --jobs 2");
    ASSERT_EQ(r.code, 0) << r.err;
    Summary s = parse_summary(r.out);
    EXPECT_EQ(s.rescored, 40) << r.out;
    EXPECT_EQ(s.skipped, 0);
    EXPECT_EQ(r.err.find('\r'), std::string::npos);  // no progress bar when stderr is not a terminal
    r = pingcha("rescore --store " + uri + " --campaign q1 --jobs 2");
    ASSERT_EQ(r.code, 0) << r.err;
    s = parse_summary(r.out);
    EXPECT_EQ(s.rescored, 0) << r.out;
    EXPECT_EQ(s.skipped, 40);
    // A filter nothing matches.
    r = pingcha("rescore --store " + uri + " --campaign q2 --where court=辽99 --where year=2022");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(parse_summary(r.out).selected, 0) << r.out;
    {
        auto store = Store::open(uri);
        EXPECT_EQ(count_runs(*store, "q1"), 40u);
        EXPECT_EQ(count_runs(*store, "intake"), 40u);
    }
    r = pingcha("report --store " + uri + " --campaign q1 --out " + (dir / "report").string());
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(fs::exists(dir / "report" / "index.html"));
    EXPECT_TRUE(fs::exists(dir / "report" / "criteria.csv"));
    fs::remove_all(dir);
}

TEST(Campaign, KilledRescoreResumesWithoutRedoingOrLosing) {
    const fs::path dir = temp_dir("kill");
    const std::string uri = "sqlite:" + (dir / "s.db").string();
    const std::size_t n = 20000;
    {
        auto store = Store::open(uri);
        fill_store(*store, n);
    }
    const pid_t pid = spawn_pingcha({"rescore", "--store", uri, "--campaign", "k", "--jobs", "2"}, dir / "first.out");
    // Kill it as soon as some results are committed, long before the end.
    {
        auto store = Store::open(uri);
        struct Enough {};
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
        bool some = false;
        while (!some && std::chrono::steady_clock::now() < deadline) {
            try {
                store->for_each_run("k", [](const StoredRun&) { throw Enough{}; });
            } catch (const Enough&) {
                some = true;
            }
            if (!some) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        ASSERT_TRUE(some) << "rescore committed nothing";
    }
    ::kill(pid, SIGKILL);
    ASSERT_EQ(wait_exit(pid), 128 + SIGKILL) << "rescore finished before it could be killed: " << read(dir / "first.out");
    std::size_t committed = 0;
    {
        auto store = Store::open(uri);
        committed = count_runs(*store, "k");
    }
    ASSERT_GT(committed, 0u);
    ASSERT_LT(committed, n);

    const CmdResult r = pingcha("rescore --store " + uri + " --campaign k --jobs 2");
    ASSERT_EQ(r.code, 0) << r.err;
    const Summary s = parse_summary(r.out);
    EXPECT_EQ(s.skipped, static_cast<long>(committed)) << r.out;               // nothing redone
    EXPECT_EQ(s.rescored, static_cast<long>(n - committed)) << r.out;          // nothing lost
    auto store = Store::open(uri);
    std::set<std::string> distinct;
    EXPECT_EQ(count_runs(*store, "k", &distinct), n);
    EXPECT_EQ(distinct.size(), n);
    fs::remove_all(dir);
}

TEST(Campaign, ConcurrentShardsOverPostgresCoverEveryDocumentOnce) {
    auto& pg = test::PgServer::shared();
    PINGCHA_REQUIRE_PG(pg);
    const std::string uri = pg.fresh_database();
    ASSERT_FALSE(uri.empty());
    const std::size_t n = 1500;
    {
        auto store = Store::open(uri);
        fill_store(*store, n);
    }
    const fs::path dir = temp_dir("shards");
    std::vector<pid_t> pids;
    for (int k = 0; k < 3; ++k)
        pids.push_back(spawn_pingcha({"rescore", "--store", uri, "--campaign", "sharded", "--jobs", "1", "--shard",
                                      std::to_string(k) + "/3"},
                                     dir / ("shard" + std::to_string(k) + ".out")));
    long total = 0;
    for (int k = 0; k < 3; ++k) {
        ASSERT_EQ(wait_exit(pids[static_cast<std::size_t>(k)]), 0);
        const std::string out = read(dir / ("shard" + std::to_string(k) + ".out"));
        const Summary s = parse_summary(out);
        EXPECT_GT(s.rescored, 0) << out;
        EXPECT_EQ(s.skipped, 0) << out;
        total += s.rescored;
    }
    EXPECT_EQ(total, static_cast<long>(n));  // no document scored by two shards
    auto store = Store::open(uri);
    std::set<std::string> distinct;
    EXPECT_EQ(count_runs(*store, "sharded", &distinct), n);
    EXPECT_EQ(distinct.size(), n);  // none left out
    const CmdResult again = pingcha("rescore --store '" + uri + "' --campaign sharded --shard 1/3");
    ASSERT_EQ(again.code, 0) << again.err;
    EXPECT_EQ(parse_summary(again.out).rescored, 0) << again.out;
    fs::remove_all(dir);
}

TEST(Campaign, UnreachableStoreExitsThree) {
    // Pipelines of this test's own, so that only the store can be at fault (the configuration is
    // checked first: a missing plugin would be exit 2).
    const fs::path dir = temp_dir("unreach");
    std::ofstream(dir / "r.pipeline") << "criteria ! score sheet=spc-2016\n";
    std::ofstream(dir / "s.pipeline") << "decode ! score sheet=spc-2016\n";
    const std::string rp = " --pipeline " + (dir / "r.pipeline").string();
    EXPECT_EQ(pingcha("rescore --store 'postgresql://nobody@127.0.0.1:1/none?connect_timeout=2' --campaign x" + rp).code, 3);
    // a store file that is there but cannot be opened (a folder); one that is not there is exit 2
    EXPECT_EQ(pingcha("rescore --store sqlite:" + dir.string() + " --campaign x" + rp).code, 3);
    EXPECT_EQ(pingcha("report --store sqlite:" + dir.string() + " --campaign x --out /tmp/x").code, 3);
    EXPECT_EQ(pingcha("rescore --store sqlite:/nonexistent-pingcha/x.db --campaign x" + rp).code, 2);
    EXPECT_EQ(pingcha("report --store sqlite:/nonexistent-pingcha/x.db --campaign x --out /tmp/x").code, 2);
    std::ofstream(dir / "a.txt") << "民事判决书";
    EXPECT_EQ(pingcha("score --pipeline " + (dir / "s.pipeline").string() + " --store sqlite:/nonexistent-pingcha/x.db " +
                      (dir / "a.txt").string()).code, 3);
    EXPECT_EQ(pingcha("rescore --store mysql://x --campaign x").code, 2);
    EXPECT_EQ(pingcha("rescore --store sqlite:" + (dir / "s.db").string() + " --campaign x --shard 3/3").code, 2);
    EXPECT_EQ(pingcha("rescore --store sqlite:" + (dir / "s.db").string()).code, 2);  // no campaign
    fs::remove_all(dir);
}

// ---- the report in a real browser ----

Document rich(const std::string& id, const std::string& text, const std::string& court, const std::string& judge, double score,
              const std::string& grade, const std::string& decided) {
    Document d;
    d.id = id;
    d.text = text;
    d.source.sha256 = sha256_hex(id + text);
    d.source.media_type = "text/plain";
    d.reset_view();
    d.plugin_versions = {{"criteria", "1"}};
    d.facts.court = court;
    CaseNumber cn;
    cn.text = "（2022）辽0502民初" + id + "号";
    cn.court_code = "辽0502";
    cn.type_code = "民初";
    d.facts.case_number = cn;
    d.facts.procedure = "简易";
    d.facts.filed_on = "2022-01-10";
    d.facts.decided_on = decided;
    d.facts.judges.push_back({"审判员", "", judge, 0, 0});
    if (score < 100) {
        Finding f;
        f.criterion = "date.signature";
        f.message = "落款日期应使用汉字〇";
        f.start = 0;
        f.end = 8;
        f.deduction = 100 - score;
        d.findings.push_back(f);
    }
    Score s;
    s.sheet = "spc-2016";
    s.sheet_version = "1";
    s.value = score;
    s.grade = grade;
    d.score = s;
    return d;
}

TEST(Campaign, ReportInHeadlessChromiumShowsChartsAndEscapedText) {
    const char* chromium = "/usr/bin/chromium";
    if (::access(chromium, X_OK) != 0) GTEST_SKIP() << "Chromium not installed at /usr/bin/chromium (Debian chromium)";
    const fs::path dir = temp_dir("browser");
    const std::string uri = "sqlite:" + (dir / "s.db").string();
    {
        auto store = Store::open(uri);
        const std::vector<Document> docs = {
            rich("1", "<script>alert(1)</script>\n民事判决书", "本溪市平山区人民法院", "张某", 96, "优秀", "2022-03-01"),
            rich("2", "民事判决书 二", "本溪市平山区人民法院", "李某", 88, "良好", "2022-06-30"),
            rich("3", "民事判决书 三", "本溪市明山区人民法院", "王某", 100, "优秀", "2022-02-01"),
        };
        for (const auto& d : docs) {
            store->put_document(d);
            store->put_run(d, "browser");
        }
    }
    const CmdResult r = pingcha("report --store " + uri + " --campaign browser --out " + (dir / "out").string());
    ASSERT_EQ(r.code, 0) << r.err;

    const std::string profile = (dir / "profile").string();
    auto dump = [&](const fs::path& page) {
        return run_shell(std::string(chromium) +
                         " --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
                         " --disable-sync --no-first-run --enable-logging=stderr --v=0 --user-data-dir=" + profile +
                         " --dump-dom 'file://" + page.string() + "'");
    };
    const CmdResult index = dump(dir / "out" / "index.html");
    ASSERT_EQ(index.code, 0) << index.err;
    // The charts are in the DOM as SVG with drawn bars.
    std::size_t svgs = 0;
    for (auto p = index.out.find("<svg"); p != std::string::npos; p = index.out.find("<svg", p + 1)) ++svgs;
    EXPECT_GE(svgs, 4u) << index.out.substr(0, 2000);
    EXPECT_NE(index.out.find("<rect"), std::string::npos);
    // The hostile title is text, not an element.
    EXPECT_NE(index.out.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_EQ(index.out.find("<script>alert(1)"), std::string::npos);
    // No console messages at all (no errors, no uncaught exceptions, no failed loads).
    EXPECT_EQ(index.err.find("CONSOLE"), std::string::npos) << index.err;
    EXPECT_EQ(index.err.find("Uncaught"), std::string::npos) << index.err;

    // The document's own page: text escaped and the defect marked.
    bool seen = false;
    for (const auto& e : fs::directory_iterator(dir / "out" / "documents")) {
        if (read(e.path()).find("alert(1)") == std::string::npos) continue;
        seen = true;
        const CmdResult page = dump(e.path());
        ASSERT_EQ(page.code, 0) << page.err;
        EXPECT_NE(page.out.find("&lt;script&gt;</mark>"), std::string::npos) << page.out;
        EXPECT_EQ(page.out.find("<script>alert(1)"), std::string::npos);
        EXPECT_EQ(page.err.find("CONSOLE"), std::string::npos) << page.err;
    }
    EXPECT_TRUE(seen);
    fs::remove_all(dir);
}

}  // namespace
