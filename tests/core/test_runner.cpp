// Tests for the runner: results in input order with many threads, failures isolated per document.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <random>
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
