// The store on both back-ends: documents by hash, runs, resuming keys, shards, the job journal.
#include <gtest/gtest.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <filesystem>
#include <set>
#include <thread>

#include "pg_server.h"
#include "pingcha/input.h"
#include "pingcha/json.h"
#include "pingcha/pipeline.h"
#include "pingcha/store.h"

namespace fs = std::filesystem;
using namespace pingcha;

namespace {

Document make_doc(const std::string& id, const std::string& text, const std::string& court_code = "辽05",
                  int year = 2022) {
    Document d;
    d.id = id;
    d.text = text;
    d.source.path = "/archive/" + id + ".txt";
    d.source.sha256 = sha256_hex(text + "#" + id);
    d.source.bytes = text.size();
    d.source.media_type = "text/plain";
    d.source.pages = 1;
    Page p;
    p.number = 1;
    p.text_start = 0;
    p.text_end = 4;
    p.text = "民事判决";
    p.confidence = 91.5;
    d.pages.push_back(p);
    d.reset_view();
    d.pipeline_name = "judgment-review";
    d.plugin_versions = {{"criteria", "0.1.0"}, {"score", "0.1.0"}};
    CaseNumber cn;
    cn.text = "（" + std::to_string(year) + "）" + court_code + "民初1号";
    cn.year = year;
    cn.court_code = court_code;
    cn.type_code = "民初";
    d.facts.case_number = cn;
    d.facts.court = "辽宁省本溪市中级人民法院";
    d.facts.decided_on = "2022-09-05";
    d.facts.judges.push_back({"审判长", "", "张某", 0, 0});
    Finding f;
    f.criterion = "date.signature";
    f.message = "落款日期应使用汉字〇";
    f.start = 2;
    f.end = 4;
    f.deduction = 1;
    d.findings.push_back(f);
    Score s;
    s.sheet = "spc-2016";
    s.sheet_version = "1";
    s.deducted = 1;
    s.value = 99;
    s.grade = "优秀";
    d.score = s;
    return d;
}

class StoreTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "sqlite") {
            dir_ = fs::temp_directory_path() / ("pingcha-store-" + std::to_string(::getpid()) + "-" +
                                                ::testing::UnitTest::GetInstance()->current_test_info()->name());
            fs::remove_all(dir_);
            fs::create_directories(dir_);
            uri_ = "sqlite:" + (fs::path(dir_) / "store.db").string();
        } else {
            auto& pg = test::PgServer::shared();
            PINGCHA_REQUIRE_PG(pg);
            uri_ = pg.fresh_database();
            ASSERT_FALSE(uri_.empty()) << "cannot create a database on " << pg.uri();
        }
    }
    void TearDown() override {
        if (!dir_.empty()) fs::remove_all(dir_);
    }
    std::string dir_;
    std::string uri_;
};

std::string param_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

TEST_P(StoreTest, DocumentsRunsAndJournalRoundTrip) {
    auto store = Store::open(uri_);
    EXPECT_EQ(store->backend(), GetParam());

    // Documents: kept once by hash, first id wins, facts refreshed, text and pages come back.
    const std::string text = "民事判决书\n<script>alert(1)</script> 引号\"反斜杠\\ 二O一八年";
    Document a = make_doc("a-1", text);
    store->put_document(a);
    Document dup = a;
    dup.id = "a-copy";
    dup.facts.case_number->court_code = "辽09";
    store->put_document(dup);
    EXPECT_EQ(store->document_id_by_sha(a.source.sha256).value_or(""), "a-1");
    EXPECT_FALSE(store->document_id_by_sha("00ff").has_value());

    auto loaded = store->load_document(a.source.sha256);
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->id, "a-1");
    EXPECT_EQ(loaded->text, text);
    EXPECT_EQ(loaded->source.path, a.source.path);
    EXPECT_EQ(loaded->source.media_type, "text/plain");
    EXPECT_EQ(loaded->source.bytes, a.source.bytes);
    ASSERT_EQ(loaded->pages.size(), 1u);
    EXPECT_EQ(loaded->pages[0].text, "民事判决");
    ASSERT_TRUE(loaded->pages[0].confidence.has_value());
    EXPECT_DOUBLE_EQ(*loaded->pages[0].confidence, 91.5);
    EXPECT_EQ(loaded->view.size() + 1, loaded->view_to_text.size());
    EXPECT_TRUE(loaded->findings.empty());  // scoring starts afresh from text
    EXPECT_FALSE(store->load_document("feed").has_value());

    // The --where columns follow the refreshed facts.
    StoreFilter f09;
    f09.court_code = "辽09";
    EXPECT_EQ(store->list_documents(f09).size(), 1u);
    StoreFilter f05;
    f05.court_code = "辽05";
    EXPECT_TRUE(store->list_documents(f05).empty());
    // Re-scoring refreshes the filter columns alone.
    Document rescored = dup;
    rescored.facts.case_number->court_code = "辽13";
    rescored.facts.case_number->year = 2023;
    store->refresh_filter_columns(rescored);
    EXPECT_TRUE(store->list_documents(f09).empty());
    StoreFilter f13;
    f13.court_code = "辽13";
    f13.year = 2023;
    EXPECT_EQ(store->list_documents(f13).size(), 1u);
    store->put_document(dup);  // back to 辽09 for what follows

    Document b = make_doc("b-1", "刑事判决书 另一份", "辽13", 2021);
    store->put_document(b);
    StoreFilter y2021;
    y2021.year = 2021;
    ASSERT_EQ(store->list_documents(y2021).size(), 1u);
    EXPECT_EQ(store->list_documents(y2021)[0], b.source.sha256);
    StoreFilter all;
    auto shas = store->list_documents(all);
    ASSERT_EQ(shas.size(), 2u);
    EXPECT_LT(shas[0], shas[1]);  // hash order

    // Runs: recorded under sheet, version and plugin set; a second run with the same key replaces.
    const std::string plugins = plugin_set_key(a.plugin_versions);
    EXPECT_EQ(plugins, "criteria=0.1.0,score=0.1.0");
    EXPECT_FALSE(store->has_run(a.source.sha256, "2024-q1", "spc-2016", "1", plugins));
    store->put_run(a, "2024-q1");
    store->put_run(a, "2024-q1");
    store->put_run(b, "other");
    EXPECT_TRUE(store->has_run(a.source.sha256, "2024-q1", "spc-2016", "1", plugins));
    EXPECT_FALSE(store->has_run(a.source.sha256, "2024-q1", "spc-2016", "2", plugins));
    EXPECT_FALSE(store->has_run(a.source.sha256, "2024-q1", "spc-2016", "1", "criteria=0.2.0,score=0.1.0"));
    EXPECT_EQ(store->scored_documents("2024-q1", "spc-2016", "1", plugins),
              std::unordered_set<std::string>{a.source.sha256});

    std::vector<StoredRun> runs;
    store->for_each_run("2024-q1", [&](const StoredRun& r) { runs.push_back(r); });
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].document_id, "a-1");
    EXPECT_EQ(runs[0].sheet_version, "1");
    EXPECT_EQ(runs[0].plugins, plugins);
    // The stored result is the full result, text included, byte for byte what the writer makes.
    EXPECT_EQ(runs[0].result_json, result_to_json(a, false));
    Poco::JSON::Parser parser;
    auto obj = parser.parse(runs[0].result_json).extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(obj->getValue<std::string>("text"), text);
    EXPECT_EQ(obj->getObject("score")->getValue<double>("value"), 99.0);

    // A failed document is recorded under the sheet the run was made with.
    Document failed = make_doc("c-1", "");
    failed.score.reset();
    failed.failure = Failure{"corrupt", "bad bytes"};
    store->put_document(failed);
    store->record_run(failed, "2024-q1", "spc-2016", "1");
    EXPECT_TRUE(store->has_run(failed.source.sha256, "2024-q1", "spc-2016", "1", plugins));
    EXPECT_EQ(store->list_documents(all).size(), 2u);  // nothing to rescore in an empty text

    // The journal.
    Job job = store->begin_job("/in", "court1/x.pdf", "abc");
    EXPECT_GT(job.id, 0);
    EXPECT_EQ(job.state, "queued");
    Job job2 = store->begin_job("/in", "court1/y.pdf", "def");
    EXPECT_NE(job.id, job2.id);
    auto open_jobs = store->unfinished_jobs();
    ASSERT_EQ(open_jobs.size(), 2u);
    EXPECT_EQ(open_jobs[0].relative_path, "court1/x.pdf");
    job.state = "done";
    job.attempts = 1;
    store->update_job(job);
    job2.state = "failed";
    job2.attempts = 3;
    job2.error_class = "timeout";
    job2.message = "OCR took too long";
    store->update_job(job2);
    EXPECT_TRUE(store->unfinished_jobs().empty());
    auto done = store->done_job_by_sha("abc");
    ASSERT_TRUE(done.has_value());
    EXPECT_EQ(done->id, job.id);
    EXPECT_EQ(done->attempts, 1);
    EXPECT_FALSE(store->done_job_by_sha("def").has_value());

    // Everything survives reopening (the migration does not run twice).
    store.reset();
    auto again = Store::open(uri_);
    EXPECT_EQ(again->document_id_by_sha(a.source.sha256).value_or(""), "a-1");
    EXPECT_TRUE(again->has_run(a.source.sha256, "2024-q1", "spc-2016", "1", plugins));
}

TEST_P(StoreTest, ShardsCoverEveryDocumentOnce) {
    auto store = Store::open(uri_);
    store->begin_batch();
    for (int i = 0; i < 300; ++i) store->put_document(make_doc("d" + std::to_string(i), "判决书 " + std::to_string(i)));
    store->commit_batch();
    StoreFilter all;
    const auto every = store->list_documents(all);
    ASSERT_EQ(every.size(), 300u);
    std::multiset<std::string> seen;
    for (int k = 0; k < 3; ++k) {
        StoreFilter f;
        parse_shard(std::to_string(k) + "/3", f);
        const auto part = store->list_documents(f);
        EXPECT_GT(part.size(), 50u) << "shard " << k << " is badly unbalanced";
        seen.insert(part.begin(), part.end());
    }
    EXPECT_EQ(seen.size(), 300u);
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), std::set<std::string>(every.begin(), every.end()));
}

TEST_P(StoreTest, UncommittedBatchIsRolledBack) {
    {
        auto store = Store::open(uri_);
        store->begin_batch();
        store->put_document(make_doc("kept", "判决书 保留"));
        store->commit_batch();
        store->begin_batch();
        store->put_document(make_doc("lost", "判决书 丢失"));
        // destroyed with the batch open, as when a process is killed
    }
    auto store = Store::open(uri_);
    EXPECT_EQ(store->list_documents(StoreFilter{}).size(), 1u);
}

TEST_P(StoreTest, ConcurrentWritersEachWithTheirOwnStore) {
    Store::open(uri_);  // create the schema first, as the CLI does
    std::vector<std::thread> threads;
    std::atomic<int> errors{0};
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            try {
                auto store = Store::open(uri_);
                for (int i = 0; i < 50; ++i) {
                    Document d = make_doc("t" + std::to_string(t) + "-" + std::to_string(i), "判决 " + std::to_string(t * 1000 + i));
                    store->put_document(d);
                    store->put_run(d, "concurrent");
                }
            } catch (const std::exception& e) {
                ADD_FAILURE() << e.what();
                ++errors;
            }
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(errors.load(), 0);
    auto store = Store::open(uri_);
    std::size_t n = 0;
    store->for_each_run("concurrent", [&](const StoredRun&) { ++n; });
    EXPECT_EQ(n, 200u);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgresql"), param_name);

TEST(StoreOpen, BadUriIsAConfigError) {
    EXPECT_THROW(Store::open("mysql://x"), ConfigError);
    EXPECT_THROW(Store::open("sqlite:"), ConfigError);
}

TEST(StoreOpen, UnreachableStoreIsUnavailable) {
    EXPECT_THROW(Store::open("sqlite:/nonexistent-dir-pingcha/x.db"), StoreUnavailable);
    // Port 1 on loopback: nothing listens there.
    EXPECT_THROW(Store::open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"), StoreUnavailable);
}

TEST(StoreOpen, NewerSchemaIsRefused) {
    const fs::path dir = fs::temp_directory_path() / ("pingcha-store-newer-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string uri = "sqlite:" + (dir / "s.db").string();
    {
        auto s = Store::open(uri);
    }
    // Pretend a later pingcha migrated this file further.
    ASSERT_EQ(std::system(("python3 -c \"import sqlite3; c=sqlite3.connect('" + (dir / "s.db").string() +
                           "'); c.execute('UPDATE schema_version SET version=99'); c.commit()\"").c_str()), 0);
    EXPECT_THROW(Store::open(uri), StoreUnavailable);
    fs::remove_all(dir);
}

TEST(StoreFilters, WhereAndShardParsing) {
    StoreFilter f;
    parse_where("court=辽05", f);
    parse_where("year=2022", f);
    parse_where("type=民初", f);
    EXPECT_EQ(f.court_code, "辽05");
    EXPECT_EQ(f.year.value_or(0), 2022);
    EXPECT_EQ(f.type_code, "民初");
    EXPECT_THROW(parse_where("judge=张", f), ConfigError);
    EXPECT_THROW(parse_where("year=二〇二二", f), ConfigError);
    EXPECT_THROW(parse_where("court", f), ConfigError);
    parse_shard("2/3", f);
    EXPECT_EQ(f.shard_index, 2);
    EXPECT_EQ(f.shard_count, 3);
    EXPECT_THROW(parse_shard("3/3", f), ConfigError);
    EXPECT_THROW(parse_shard("1", f), ConfigError);
    EXPECT_THROW(parse_shard("-1/3", f), ConfigError);
    EXPECT_EQ(shard_of("00000003ffff", 3), 0);
    EXPECT_EQ(shard_of("00000004ffff", 3), 1);
    EXPECT_EQ(shard_of("anything", 1), 0);
}

}  // namespace
