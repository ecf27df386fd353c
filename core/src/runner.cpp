// Runs documents through pipeline instances on worker threads; results come back in input order.
#include "pingcha/runner.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

namespace pingcha {

RunStats run_pipeline(const Pipeline& pipeline, const RunContext& ctx, int jobs,
                      const std::function<std::optional<Document>()>& next,
                      const std::function<void(Document&)>& sink) {
    RunStats stats;
    auto finish = [&](Document& doc) {
        ++stats.documents;
        if (doc.failed()) ++stats.failed;
        sink(doc);
    };
    if (jobs <= 1) {
        auto inst = pipeline.instantiate();
        while (auto doc = next()) {
            if (!doc->failed()) pipeline.run(*inst, *doc, ctx);
            else {
                doc->pipeline_name = pipeline.desc().name;
                doc->plugin_versions = pipeline.plugin_versions();
            }
            finish(*doc);
        }
        return stats;
    }

    // Bounded in-flight window so that memory stays flat on archives of any size.
    const std::size_t window = static_cast<std::size_t>(jobs) * 8;
    std::mutex mu;
    std::condition_variable cv_work, cv_done;
    std::deque<std::pair<std::size_t, Document>> todo;
    std::map<std::size_t, Document> done;
    bool input_ended = false;
    // A std::thread still joinable when it is destroyed calls std::terminate, and an exception that
    // leaves a thread's function does too: whatever throws (next, sink, a worker) stops the run,
    // every thread is joined, and the first exception reaches the caller.
    bool is_stopping = false;
    std::exception_ptr worker_error;

    auto worker = [&]() {
        try {
            auto inst = pipeline.instantiate();
            while (true) {
                std::pair<std::size_t, Document> item;
                {
                    std::unique_lock lock(mu);
                    cv_work.wait(lock, [&] { return !todo.empty() || input_ended || is_stopping; });
                    if (is_stopping || todo.empty()) return;
                    item = std::move(todo.front());
                    todo.pop_front();
                }
                cv_work.notify_all();
                if (!item.second.failed()) pipeline.run(*inst, item.second, ctx);
                else {
                    item.second.pipeline_name = pipeline.desc().name;
                    item.second.plugin_versions = pipeline.plugin_versions();
                }
                {
                    std::lock_guard lock(mu);
                    done.emplace(item.first, std::move(item.second));
                }
                cv_done.notify_all();
            }
        } catch (...) {
            {
                std::lock_guard lock(mu);
                if (!worker_error) worker_error = std::current_exception();
                is_stopping = true;
            }
            cv_work.notify_all();
            cv_done.notify_all();
        }
    };
    std::vector<std::thread> threads;
    std::exception_ptr error;
    try {
        for (int i = 0; i < jobs; ++i) threads.emplace_back(worker);

        std::size_t produced = 0, emitted = 0;
        auto drain = [&](bool block) {
            while (true) {
                std::unique_lock lock(mu);
                if (block) cv_done.wait(lock, [&] { return done.count(emitted) != 0 || is_stopping; });
                if (is_stopping) return;
                auto it = done.find(emitted);
                if (it == done.end()) return;
                Document doc = std::move(it->second);
                done.erase(it);
                lock.unlock();
                finish(doc);
                ++emitted;
                block = false;
            }
        };
        auto has_stopped = [&] {
            std::lock_guard lock(mu);
            return is_stopping;
        };
        while (!has_stopped()) {
            auto doc = next();
            if (!doc) break;
            {
                std::unique_lock lock(mu);
                todo.emplace_back(produced++, std::move(*doc));
            }
            cv_work.notify_one();
            drain(false);
            while (produced - emitted >= window && !has_stopped()) drain(true);
        }
        {
            std::lock_guard lock(mu);
            input_ended = true;
        }
        cv_work.notify_all();
        while (emitted < produced && !has_stopped()) drain(true);
    } catch (...) {
        error = std::current_exception();
    }
    {
        std::lock_guard lock(mu);
        input_ended = true;
        if (error) is_stopping = true;
    }
    cv_work.notify_all();
    for (auto& t : threads) t.join();
    if (error) std::rethrow_exception(error);
    if (worker_error) std::rethrow_exception(worker_error);
    return stats;
}

}  // namespace pingcha
