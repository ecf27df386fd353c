// The rescore loop: select, skip what is already scored, score the rest from text, commit in batches.
#include "pingcha/rescore.h"

#include <chrono>
#include <exception>

#include "pingcha/runner.h"
#include "pingcha/sheet.h"

namespace pingcha {

void rescore_key(const Pipeline& pipeline, const RunContext& ctx, std::string& sheet, std::string& sheet_version,
                 std::string& plugins) {
    const Params* sp = pipeline.params_of("score");
    if (!sp) throw ConfigError("pipeline '" + pipeline.desc().name + "' has no score stage: nothing to rescore with");
    const Sheet s = load_sheet(sp->get("sheet"), ctx.data_dirs);
    sheet = s.name;
    sheet_version = s.version;
    plugins = plugin_set_key(pipeline.plugin_versions());
}

RescoreStats rescore(Store& store, const Pipeline& pipeline, const RunContext& ctx, const RescoreOptions& options) {
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    RescoreStats stats;
    rescore_key(pipeline, ctx, stats.sheet, stats.sheet_version, stats.plugins);

    std::vector<std::string> todo = store.list_documents(options.filter);
    stats.selected = todo.size();
    {
        const auto done = store.scored_documents(options.campaign, stats.sheet, stats.sheet_version, stats.plugins);
        std::erase_if(todo, [&](const std::string& sha) { return done.count(sha) != 0; });
    }
    stats.skipped = stats.selected - todo.size();
    if (options.progress) options.progress(0, 0, todo.size());

    std::size_t next_index = 0, in_batch = 0, finished = 0;
    auto batch_started = clock::now();
    store.begin_batch();
    auto record = [&](Document& doc) {
        // Facts found now (by a structure stage) refresh the document's --where columns.
        if (!doc.failed() && doc.facts.case_number) store.refresh_filter_columns(doc);
        store.record_run(doc, options.campaign, stats.sheet, stats.sheet_version);
        ++finished;
        if (doc.failed()) ++stats.failed;
        if (++in_batch >= options.batch_size ||
            clock::now() - batch_started >= std::chrono::milliseconds(options.batch_ms)) {
            store.commit_batch();
            store.begin_batch();
            in_batch = 0;
            batch_started = clock::now();
        }
        if (options.progress) options.progress(finished, stats.failed, todo.size());
    };
    // run_pipeline must not see an exception (its worker threads would be left running): a store
    // error is kept, the input stops, and the error is thrown once the workers have finished.
    std::exception_ptr error;
    auto next = [&]() -> std::optional<Document> {
        try {
            while (!error && next_index < todo.size()) {
                auto doc = store.load_document(todo[next_index++]);
                if (doc) return doc;  // gone since listing: nothing to score
            }
        } catch (...) {
            error = std::current_exception();
        }
        return std::nullopt;
    };
    auto sink = [&](Document& doc) {
        if (error) return;
        try {
            record(doc);
        } catch (...) {
            error = std::current_exception();
        }
    };
    run_pipeline(pipeline, ctx, std::max(1, options.jobs), next, sink);
    if (error) std::rethrow_exception(error);
    store.commit_batch();
    stats.scored = finished;
    stats.seconds = std::chrono::duration<double>(clock::now() - t0).count();
    return stats;
}

}  // namespace pingcha
