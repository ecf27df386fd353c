// Tests for the runner: results in input order with many threads, failures isolated per document.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <random>
#include <stdexcept>
#include <thread>

#include "pingcha/runner.h"

using namespace pingcha;

namespace {
struct Sleepy : Stage {
    void process(Document& doc, const RunContext&) override {
        const int n = std::stoi(doc.id);
        std::this_thread::sleep_for(std::chrono::microseconds((n * 7919) % 500));
        if (n % 13 == 0) throw DocumentError("corrupt", "unlucky " + doc.id);
        if (n % 17 == 0) throw std::runtime_error("bug");
        doc.text = "done " + doc.id;
    }
};
}  // namespace

TEST(Runner, KeepsInputOrderAndIsolatesFailures) {
    Registry r;
    r.add_stage({"sleepy", "", {}, {}, [](const Params&) { return std::make_unique<Sleepy>(); }});
    Pipeline p(parse_pipeline("sleepy", "t", "t"), r);
    RunContext ctx;
    ctx.registry = &r;
    for (int jobs : {1, 3}) {
        int i = 1;
        std::vector<std::string> seen;
        std::size_t failed = 0;
        auto stats = run_pipeline(p, ctx, jobs,
                                  [&]() -> std::optional<Document> {
                                      if (i > 200) return std::nullopt;
                                      Document d;
                                      d.id = std::to_string(i++);
                                      return d;
                                  },
                                  [&](Document& d) {
                                      seen.push_back(d.id);
                                      if (d.failed()) {
                                          ++failed;
                                          const int n = std::stoi(d.id);
                                          EXPECT_EQ(d.failure->error_class, n % 13 == 0 ? "corrupt" : "internal");
                                      } else {
                                          EXPECT_EQ(d.text, "done " + d.id);
                                      }
                                  });
        ASSERT_EQ(seen.size(), 200u);
        for (int k = 0; k < 200; ++k) EXPECT_EQ(seen[k], std::to_string(k + 1));
        EXPECT_EQ(stats.failed, failed);
        EXPECT_EQ(failed, 15u + 11u - 0u);  // multiples of 13 (15) and of 17 (11), none of 221 below 200
        EXPECT_EQ(p.desc().name, "t");
    }
}

namespace {
struct Quick : Stage {
    void process(Document& doc, const RunContext&) override { doc.text = "done " + doc.id; }
};

// Feeds n numbered documents.
std::function<std::optional<Document>()> numbered(int n) {
    auto i = std::make_shared<int>(1);
    return [i, n]() -> std::optional<Document> {
        if (*i > n) return std::nullopt;
        Document d;
        d.id = std::to_string((*i)++);
        return d;
    };
}
}  // namespace

// A sink that throws (score --out on a file it cannot write) used to leave the worker threads
// joinable: std::terminate, SIGABRT. The run stops, joins its threads and hands the exception back.
TEST(Runner, SinkExceptionIsRethrownAfterJoiningWorkers) {
    Registry r;
    r.add_stage({"quick", "", {}, {}, [](const Params&) { return std::make_unique<Quick>(); }});
    Pipeline p(parse_pipeline("quick", "t", "t"), r);
    RunContext ctx;
    ctx.registry = &r;
    for (int jobs : {1, 3}) {
        std::vector<std::string> seen;
        EXPECT_THROW(run_pipeline(p, ctx, jobs, numbered(500),
                                  [&](Document& d) {
                                      seen.push_back(d.id);
                                      if (d.id == "7") throw std::runtime_error("cannot write 7.json");
                                  }),
                     std::runtime_error)
            << "jobs " << jobs;
        ASSERT_EQ(seen.size(), 7u) << "jobs " << jobs;  // nothing after the throw reaches the sink
        EXPECT_EQ(seen.back(), "7");
    }
}

TEST(Runner, InputExceptionIsRethrownAfterJoiningWorkers) {
    Registry r;
    r.add_stage({"quick", "", {}, {}, [](const Params&) { return std::make_unique<Quick>(); }});
    Pipeline p(parse_pipeline("quick", "t", "t"), r);
    RunContext ctx;
    ctx.registry = &r;
    int i = 0;
    EXPECT_THROW(run_pipeline(p, ctx, 3,
                              [&]() -> std::optional<Document> {
                                  if (++i == 40) throw std::runtime_error("input went away");
                                  Document d;
                                  d.id = std::to_string(i);
                                  return d;
                              },
                              [](Document&) {}),
                 std::runtime_error);
}

// A stage that cannot be built on a worker thread: an exception leaving a thread is std::terminate.
TEST(Runner, WorkerExceptionIsRethrownNotTerminate) {
    Registry r;
    r.add_stage({"broken", "", {}, {}, [](const Params&) -> std::unique_ptr<Stage> {
                     throw std::runtime_error("no engine for this thread");
                 }});
    Pipeline p(parse_pipeline("broken", "t", "t"), r);
    RunContext ctx;
    ctx.registry = &r;
    try {
        run_pipeline(p, ctx, 3, numbered(100), [](Document&) {});
        ADD_FAILURE() << "no exception";
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "no engine for this thread");
    }
}
