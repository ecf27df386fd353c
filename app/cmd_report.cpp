// `pingcha report`: writes a campaign's report (index.html with charts, CSV files) from a store.
#include <cstdio>

#include "cli.h"
#include "pingcha/pipeline.h"
#include "pingcha/report.h"
#include "pingcha/store.h"

namespace pingcha::app {

namespace {

const char* report_help =
    "usage: pingcha report --store URI --campaign NAME --out DIR\n"
    "\n"
    "Writes DIR/index.html (self-contained: inline SVG charts, no network needed) and DIR/*.csv:\n"
    "score distribution, average score and grades per court, per judge, defects per criterion,\n"
    "excellent (优秀) documents, trial efficiency (duration, share within the statutory limit,\n"
    "over-limit cases), and DIR/documents/N.html for each listed document with its defects marked.\n"
    "\n"
    "options:\n"
    "  --store URI           the store: sqlite:PATH or postgresql://USER@HOST:PORT/DB (required)\n"
    "  --campaign NAME       the campaign (required; `pingcha score --store` records under default)\n"
    "  --out DIR             where to write (required)\n"
    "  --max-listed N        documents listed per table in index.html (default 500; CSVs list all)\n"
    "  --help                this help\n";

}  // namespace

int cmd_report(const std::vector<std::string>& args) {
    Options opts({{"help", false, false}, {"store", true, false}, {"campaign", true, false}, {"out", true, false},
                  {"max-listed", true, false}});
    opts.parse(args);
    if (opts.has("help")) {
        std::printf("%s", report_help);
        return exit_ok;
    }
    if (!opts.positional().empty()) throw UsageError("report takes no input paths: it reads the store");
    for (const char* required : {"store", "campaign", "out"})
        if (opts.get(required).empty()) throw UsageError(std::string("--") + required + " is required");
    ReportOptions ro;
    ro.campaign = opts.get("campaign");
    ro.out_dir = opts.get("out");
    if (opts.has("max-listed")) {
        char* end = nullptr;
        const long n = std::strtol(opts.get("max-listed").c_str(), &end, 10);
        if (*end != 0 || n < 0) throw UsageError("--max-listed wants a number, got '" + opts.get("max-listed") + "'");
        ro.max_listed = static_cast<std::size_t>(n);
    }
    ReportSummary sum;
    try {
        auto store = Store::open_existing(opts.get("store"));
        sum = write_report(*store, ro);
    } catch (const StoreUnavailable& e) {
        std::fprintf(stderr, "pingcha report: store unavailable: %s\n", e.what());
        return exit_unavailable;
    } catch (const ConfigError& e) {
        std::fprintf(stderr, "pingcha report: %s\n", e.what());
        return exit_usage;
    }
    std::printf("report: %zu documents (%zu failed), average %.2f, %zu excellent; %s/index.html, %zu CSV files, "
                "%zu document pages\n",
                sum.documents, sum.failed, sum.average_score, sum.excellent, ro.out_dir.c_str(), sum.files.size() - 1,
                sum.document_pages);
    return exit_ok;
}

}  // namespace pingcha::app
