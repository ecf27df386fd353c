// `pingcha rescore`: scores the stored archive again from stored text (no OCR); resumable, shardable.
#include <unistd.h>

#include <cstdio>

#include "cli.h"
#include "pingcha/pipeline.h"
#include "pingcha/rescore.h"
#include "pingcha/store.h"
#include "progress.h"

namespace pingcha::app {

namespace {

const char* rescore_help =
    "usage: pingcha rescore --store URI --campaign NAME [options]\n"
    "\n"
    "Scores the stored archive again from stored text (never OCR again), e.g. under a new sheet or\n"
    "new plugin versions. Documents already scored under the same campaign, sheet version and\n"
    "plugin versions are skipped, so an interrupted run picks up where it stopped.\n"
    "\n"
    "options:\n"
    "  --store URI           the store: sqlite:PATH or postgresql://USER@HOST:PORT/DB (required)\n"
    "  --campaign NAME       the name results are recorded under (required)\n"
    "  --sheet NAME          the scoring sheet (default: the pipeline's own)\n"
    "  --where EXPR          a subset: court=辽05, year=2022, type=民初 (repeatable, and-ed)\n"
    "  --shard K/N           only the K-th of N shards (by document hash), for N machines at once\n"
    "  --jobs N              documents in parallel (default: number of cores)\n"
    "  --pipeline NAME       the pipeline after decoding (default rescore)\n"
    "  --quiet               no progress bar\n";

}  // namespace

int cmd_rescore(const std::vector<std::string>& args) {
    auto specs = common_specs();
    for (const char* name : {"store", "campaign", "sheet", "shard", "jobs", "pipeline"}) specs.push_back({name, true, false});
    specs.push_back({"where", true, true});
    specs.push_back({"quiet", false, false});
    Options opts(specs);
    opts.parse(args);
    if (opts.has("help")) {
        std::printf("%s%s", rescore_help, common_help);
        return exit_ok;
    }
    if (!opts.positional().empty()) throw UsageError("rescore takes no input paths: it reads the store");
    if (opts.get("store").empty()) throw UsageError("--store URI is required");
    if (opts.get("campaign").empty()) throw UsageError("--campaign NAME is required");
    const int jobs = parse_jobs(opts.get("jobs"));

    RescoreOptions ro;
    ro.campaign = opts.get("campaign");
    ro.jobs = jobs;
    std::unique_ptr<Pipeline> pipeline;
    auto setup = load_setup(opts);
    RunContext ctx;
    ctx.registry = &setup->registry;
    ctx.page_jobs = 1;
    ctx.data_dirs = setup->data_dirs;
    try {
        for (const auto& w : opts.all("where")) parse_where(w, ro.filter);
        if (opts.has("shard")) parse_shard(opts.get("shard"), ro.filter);
        std::map<std::string, std::map<std::string, std::string>> overrides;
        if (opts.has("sheet")) overrides["score"]["sheet"] = opts.get("sheet");
        pipeline =
            load_checked_pipeline(opts.get("pipeline", "rescore"), *setup->host, setup->data_dirs, overrides);
        std::string sheet, version, plugins;
        rescore_key(*pipeline, ctx, sheet, version, plugins);  // no score stage fails now, before the store
        pipeline->instantiate();
    } catch (const ConfigError& e) {
        return report_config_error("rescore", e, *setup);
    }
    warn_refused_plugins("rescore", *setup, pipeline->desc().name);

    // A bar on a terminal only (CLI.md): what rescore did is its summary line on stdout.
    Progress progress("rescore",
                      ::isatty(2) && !opts.has("quiet") ? Progress::Mode::terminal : Progress::Mode::off, 0);
    ro.progress = [&](std::size_t done, std::size_t failed, std::size_t total) {
        progress.update(done, failed, total);
    };
    RescoreStats stats;
    try {
        auto store = Store::open_existing(opts.get("store"));
        stats = rescore(*store, *pipeline, ctx, ro);
    } catch (const StoreUnavailable& e) {
        progress.finish();
        std::fprintf(stderr, "pingcha rescore: store unavailable: %s\n", e.what());
        return exit_unavailable;
    } catch (const ConfigError& e) {
        progress.finish();
        std::fprintf(stderr, "pingcha rescore: %s\n", e.what());
        return exit_usage;
    }
    progress.finish();
    std::printf("rescored %zu document%s (%zu failed), skipped %zu already scored, of %zu selected; campaign %s, "
                "sheet %s v%s; %.2f s (%.1f documents/s)\n",
                stats.scored, stats.scored == 1 ? "" : "s", stats.failed, stats.skipped, stats.selected,
                ro.campaign.c_str(), stats.sheet.c_str(), stats.sheet_version.c_str(), stats.seconds,
                stats.seconds > 0 ? static_cast<double>(stats.scored) / stats.seconds : 0.0);
    std::fflush(stdout);
    return stats.failed ? exit_failed_documents : exit_ok;
}

}  // namespace pingcha::app
