// Unit tests of the daemon's parts that the e2e driver cannot pin down: junk names, safe paths,
// the stability tracker (with synthetic time), the file journal's replay, configuration merging.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "watch_internal.h"

namespace fs = std::filesystem;
using namespace pingcha;
using namespace pingcha::watch;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        char tmpl[] = "/tmp/pingcha-watch-unit-XXXXXX";
        path = ::mkdtemp(tmpl);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

void touch(const fs::path& p, const std::string& content = "x") {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << content;
}

}  // namespace

TEST(WatchFiles, JunkNames) {
    for (const char* junk : {".DS_Store", "Thumbs.db", "~$report.docx", "scan.pdf.part", ".hidden.txt", "x.tmp", "a.txt~"})
        EXPECT_TRUE(is_junk_name(junk)) << junk;
    for (const char* real : {"judgment.txt", "扫描件.pdf", "a..b.txt", "x..\\..\\evil.txt", "part.txt"})
        EXPECT_FALSE(is_junk_name(real)) << real;
}

TEST(WatchFiles, SafeRelativePaths) {
    EXPECT_TRUE(is_safe_relative("a.txt"));
    EXPECT_TRUE(is_safe_relative("sub/a..b.txt"));
    EXPECT_TRUE(is_safe_relative("up../x.txt"));
    EXPECT_FALSE(is_safe_relative("../a.txt"));
    EXPECT_FALSE(is_safe_relative("sub/../../a.txt"));
    EXPECT_FALSE(is_safe_relative("/etc/passwd"));
    EXPECT_FALSE(is_safe_relative("a//b"));
    EXPECT_FALSE(is_safe_relative("./a"));
    EXPECT_FALSE(is_safe_relative(""));
}

TEST(WatchFiles, UniquePathNeverOverwrites) {
    TempDir t;
    const std::string p = (t.path / "a.txt").string();
    EXPECT_EQ(unique_path(p), p);
    touch(p);
    EXPECT_EQ(unique_path(p), (t.path / "a.1.txt").string());
    touch(t.path / "a.1.txt");
    EXPECT_EQ(unique_path(p, {(t.path / "a.2.txt").string()}), (t.path / "a.3.txt").string());
}

TEST(WatchFiles, AtomicWriteLeavesNoTemporary) {
    TempDir t;
    write_file_atomic((t.path / "r" / "x.json").string(), "{}");
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(t.path / "r")) names.push_back(e.path().filename().string());
    EXPECT_EQ(names, std::vector<std::string>{"x.json"});
}

TEST(WatchFiles, MoveFileMovesTheLinkNotItsTarget) {
    TempDir t;
    touch(t.path / "target.txt", "keep");
    fs::create_directories(t.path / "in");
    fs::create_symlink(t.path / "target.txt", t.path / "in" / "link.txt");
    move_file((t.path / "in" / "link.txt").string(), (t.path / "failed" / "link.txt").string());
    EXPECT_TRUE(fs::is_symlink(t.path / "failed" / "link.txt"));
    EXPECT_TRUE(fs::exists(t.path / "target.txt"));
    EXPECT_FALSE(fs::exists(fs::symlink_status(t.path / "in" / "link.txt")));
}

TEST(WatchIntake, StabilityNeedsTheWholeSettleTime) {
    StabilityTracker tr;
    const auto t0 = Clock::time_point{} + std::chrono::hours(1);
    const auto settle = std::chrono::milliseconds(2000);
    Seen s{100, 1, Seen::Kind::regular};
    EXPECT_TRUE(tr.observe("a", s, t0));
    EXPECT_TRUE(tr.stable(t0 + std::chrono::milliseconds(1999), settle).empty());
    // it grows: the clock starts again
    s.size = 200;
    EXPECT_TRUE(tr.observe("a", s, t0 + std::chrono::milliseconds(1500)));
    EXPECT_TRUE(tr.stable(t0 + std::chrono::milliseconds(3000), settle).empty());
    // only the mtime changes (rewritten in place, same size): also a change
    s.mtime_ns = 2;
    EXPECT_TRUE(tr.observe("a", s, t0 + std::chrono::milliseconds(3000)));
    EXPECT_FALSE(tr.observe("a", s, t0 + std::chrono::milliseconds(4000)));
    EXPECT_TRUE(tr.stable(t0 + std::chrono::milliseconds(4999), settle).empty());
    EXPECT_EQ(tr.stable(t0 + std::chrono::milliseconds(5000), settle), std::vector<std::string>{"a"});
    tr.forget("a");
    EXPECT_EQ(tr.size(), 0u);
}

TEST(WatchIntake, ScanReportsLinksAndSkipsHiddenAndJunk) {
    TempDir t;
    touch(t.path / "a.txt");
    touch(t.path / "sub" / "deep" / "b.txt");
    touch(t.path / ".hidden" / "c.txt");
    touch(t.path / "d.pdf.part");
    fs::create_symlink("/etc", t.path / "etc-link");
    std::map<std::string, Seen> seen;
    scan_inbox(t.path.string(), "", true, seen);
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_EQ(seen.at("a.txt").kind, Seen::Kind::regular);
    EXPECT_EQ(seen.at("sub/deep/b.txt").kind, Seen::Kind::regular);
    EXPECT_EQ(seen.at("etc-link").kind, Seen::Kind::symlink);  // reported, never entered
}

TEST(WatchJournal, ReplaysAfterReopenAndIgnoresATornLine) {
    TempDir t;
    const std::string path = (t.path / "journal").string();
    std::int64_t id_a, id_b;
    {
        auto j = open_file_journal(path);
        Job a = j->begin_job("/in", "a.txt", "aaa");
        Job b = j->begin_job("/in", "b.txt", "bbb");
        id_a = a.id;
        id_b = b.id;
        a.state = "done";
        j->update_job(a);
        b.state = "running";
        b.message = "result=b";
        j->update_job(b);
    }
    { std::ofstream(path, std::ios::app) << "{\"id\": 3, \"inbox\": \"/in\", \"rel"; }  // killed mid-write
    auto j = open_file_journal(path);
    const auto unfinished = j->unfinished_jobs();
    ASSERT_EQ(unfinished.size(), 1u);
    EXPECT_EQ(unfinished[0].id, id_b);
    EXPECT_EQ(unfinished[0].message, "result=b");
    ASSERT_TRUE(j->done_job_by_sha("aaa"));
    EXPECT_EQ(j->done_job_by_sha("aaa")->id, id_a);
    EXPECT_FALSE(j->done_job_by_sha("bbb"));
    EXPECT_GT(j->begin_job("/in", "c.txt", "ccc").id, id_b);  // ids never reused
}

TEST(WatchConfig, FlagsWinOverThePropertiesFile) {
    TempDir t;
    fs::create_directories(t.path / "in1");
    fs::create_directories(t.path / "in2");
    const auto props = t.path / "watch.properties";
    std::ofstream(props) << "inbox = " << (t.path / "in1").string() << ", " << (t.path / "in2").string()
                         << "=ocr\nout = " << (t.path / "out").string() << "\nworkers = 3\nsettle-ms = 1500\n";
    Settings flags{{"config", props.string()}, {"workers", "5"}};
    const WatchConfig c = load_config(flags, "/bin/pingcha");
    EXPECT_EQ(c.workers, 5);
    EXPECT_EQ(c.settle_ms, 1500);
    ASSERT_EQ(c.inboxes.size(), 2u);
    EXPECT_EQ(c.inboxes[0].pipeline, "judgment-review");
    EXPECT_EQ(c.inboxes[1].pipeline, "ocr");
    EXPECT_EQ(c.inboxes[0].label, "in1");
    EXPECT_EQ(c.inboxes[1].label, "in2");
    EXPECT_EQ(c.store_uri, "sqlite:" + (t.path / "out").string() + "/pingcha.db");
    EXPECT_EQ(c.http, "127.0.0.1:9464");
}

TEST(WatchConfig, RefusesOutInsideAnInboxAndUnknownKeys) {
    TempDir t;
    fs::create_directories(t.path / "in");
    EXPECT_THROW(load_config({{"inbox", (t.path / "in").string()}, {"out", (t.path / "in" / "out").string()}}, ""),
                 WatchConfigError);
    EXPECT_THROW(load_config({{"inbox", (t.path / "in").string()}, {"out", t.path.string()}}, ""), WatchConfigError);
    EXPECT_THROW(load_config({{"inbox", (t.path / "nope").string()}, {"out", (t.path / "o").string()}}, ""),
                 WatchConfigError);
    std::ofstream(t.path / "bad.properties") << "inbx = /x\n";
    EXPECT_THROW(load_config({{"config", (t.path / "bad.properties").string()}}, ""), WatchConfigError);
}

TEST(WatchMetrics, PrometheusText) {
    Metrics m;
    m.document("ok");
    m.document("ok");
    m.document("failed");
    m.pages(3);
    m.stage("decode", 0.003);
    m.stage("decode", 2.0);
    m.queue_depth = 4;
    const std::string text = m.render();
    EXPECT_NE(text.find("pingcha_documents_total{status=\"ok\"} 2\n"), std::string::npos);
    EXPECT_NE(text.find("pingcha_documents_total{status=\"failed\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("pingcha_documents_total{status=\"duplicate\"} 0\n"), std::string::npos);
    EXPECT_NE(text.find("pingcha_queue_depth 4\n"), std::string::npos);
    EXPECT_NE(text.find("pingcha_pages_total 3\n"), std::string::npos);
    EXPECT_NE(text.find("pingcha_stage_seconds_bucket{stage=\"decode\",le=\"0.005\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("pingcha_stage_seconds_bucket{stage=\"decode\",le=\"+Inf\"} 2\n"), std::string::npos);
    EXPECT_NE(text.find("pingcha_stage_seconds_count{stage=\"decode\"} 2\n"), std::string::npos);
}
