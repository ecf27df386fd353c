// `pingcha score`: runs a pipeline over files, folders and .jsonl archives; prints one result each.
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <iostream>
#include <set>
#include <stdexcept>

#include "cli.h"
#include "pingcha/input.h"
#include "pingcha/json.h"
#include "pingcha/output_name.h"
#include "pingcha/pipeline.h"
#include "pingcha/runner.h"
#include "pingcha/sheet.h"
#include "pingcha/store.h"
#include "pingcha/utf8.h"
#include "progress.h"

namespace fs = std::filesystem;

namespace pingcha::app {

namespace {

const char* score_help =
    "usage: pingcha score [options] PATH...\n"
    "\n"
    "Scores judgments: .txt (UTF-8 or GB18030), .png, .jpg, .tif (multi-page), .pdf, and .jsonl\n"
    "archives ({\"id\":…, \"text\":…} per line). Folders are read recursively in name order.\n"
    "\n"
    "options:\n"
    "  --pipeline NAME       pipeline name or file (default judgment-review)\n"
    "  --sheet NAME          scoring sheet (default: the pipeline's own)\n"
    "  --format FMT          text | json | jsonl (default text on a terminal, else jsonl)\n"
    "  --out DIR             also write DIR/<stem>.json per document (and .pdf/.txt for scans)\n"
    "  --jobs N              documents in parallel (default: number of cores)\n"
    "  --store URI           also record results in a store (sqlite:PATH or postgresql://…)\n"
    "  --campaign NAME       the campaign runs are recorded under in the store (default default)\n"
    "  --id-field NAME       .jsonl key holding the id (default id)\n"
    "  --text-field NAME     .jsonl key holding the text (default text)\n"
    "  --progress-interval S progress on stderr: on a terminal a line redrawn in place; otherwise\n"
    "                        (a log) a line every S seconds (default 10; fractions allowed; 0 = none)\n"
    "  --quiet               no progress and no summary line on stderr\n";

// Writes beside the target under a fresh name created with O_EXCL (never through a planted symlink,
// never into another writer's file), then renames it over the target: a reader sees the old result
// or the new one, never half of one. Throws std::runtime_error with the reason.
void write_atomic(const fs::path& path, const std::string& content) {
    static std::atomic<unsigned> counter{0};
    std::string tmp;
    int fd = -1;
    for (int attempt = 0; fd < 0; ++attempt) {
        tmp = (path.parent_path() / (".pingcha-tmp-" + std::to_string(::getpid()) + "-" +
                                     std::to_string(counter.fetch_add(1)))).string();
        fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd < 0 && (errno != EEXIST || attempt > 100)) throw std::runtime_error(std::strerror(errno));
    }
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int e = n < 0 ? errno : EIO;
            ::close(fd);
            ::unlink(tmp.c_str());
            throw std::runtime_error(std::strerror(e));
        }
        written += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
        const int e = errno;
        ::unlink(tmp.c_str());
        throw std::runtime_error(std::strerror(e));
    }
}

void print_text(const Document& doc, FILE* out) {
    if (doc.failed()) {
        std::fprintf(out, "%s  %s  %s: %s\n", doc.id.c_str(), doc.failure->is_rejection() ? "REJECTED" : "FAILED",
                     doc.failure->error_class.c_str(), doc.failure->message.c_str());
        return;
    }
    if (doc.score)
        std::fprintf(out, "%s  %g/%g %s  (%s v%s)  %zu finding%s\n", doc.id.c_str(), doc.score->value,
                     doc.score->max, doc.score->grade.c_str(), doc.score->sheet.c_str(),
                     doc.score->sheet_version.c_str(), doc.findings.size(), doc.findings.size() == 1 ? "" : "s");
    else
        std::fprintf(out, "%s  ok  %zu characters, %zu finding%s\n", doc.id.c_str(), utf8::count(doc.text),
                     doc.findings.size(), doc.findings.size() == 1 ? "" : "s");
    for (const auto& f : doc.findings) {
        const Span t = doc.to_text_span(f.start, f.end);
        std::string excerpt = utf8::substr(doc.text, t.start, t.end);
        if (utf8::count(excerpt) > 40) excerpt = utf8::substr(excerpt, 0, 40) + "…";
        // One finding per line: line breaks inside the excerpt or message are shown, not obeyed.
        std::string message = f.message;
        for (std::string* s : {&excerpt, &message})
            for (std::size_t at = s->find('\n'); at != std::string::npos; at = s->find('\n', at)) s->replace(at, 1, "⏎");
        std::fprintf(out, "  %-7s %-24s [%zu,%zu) %s  «%s»%s\n", to_string(f.severity), f.criterion.c_str(),
                     t.start, t.end, message.c_str(), excerpt.c_str(),
                     f.deduction > 0 ? (" −" + json_number(f.deduction)).c_str() : "");
    }
}

}  // namespace

int cmd_score(const std::vector<std::string>& args) {
    auto specs = common_specs();
    for (const char* name : {"pipeline", "sheet", "format", "out", "jobs", "store", "campaign", "id-field",
                             "text-field", "progress-interval"})
        specs.push_back({name, true, false});
    specs.push_back({"quiet", false, false});
    Options opts(specs);
    opts.parse(args);
    if (opts.has("help")) {
        std::printf("%s%s", score_help, common_help);
        return exit_ok;
    }
    if (opts.positional().empty()) throw UsageError("no input given (see --help)");
    std::string format = opts.get("format", ::isatty(1) ? "text" : "jsonl");
    if (format != "text" && format != "json" && format != "jsonl")
        throw UsageError("--format wants text, json or jsonl, got '" + format + "'");
    const int jobs = parse_jobs(opts.get("jobs"));
    if (opts.has("campaign") && !opts.has("store")) throw UsageError("--campaign needs --store");
    const double progress_interval_s = parse_progress_interval(opts.get("progress-interval", "10"));

    auto setup = load_setup(opts);
    std::vector<InputFile> files;
    std::unique_ptr<Pipeline> pipeline;
    std::optional<Sheet> sheet;
    try {
        files = expand_inputs(opts.positional());
        if (files.empty()) throw ConfigError("no inputs found in " + opts.positional().front() +
                                             " (looked for .txt .jsonl .png .jpg .tif .pdf)");
        std::map<std::string, std::map<std::string, std::string>> overrides;
        if (opts.has("sheet")) overrides["score"]["sheet"] = opts.get("sheet");
        pipeline = load_checked_pipeline(opts.get("pipeline", "judgment-review"), *setup->host, setup->data_dirs,
                                         overrides, &sheet);
        if (!sheet && opts.has("sheet"))
            throw ConfigError("--sheet: pipeline '" + pipeline->desc().name + "' has no score stage");
        pipeline->instantiate();  // stages check their parameters and data now, not per document
    } catch (const ConfigError& e) {
        return report_config_error("score", e, *setup);
    }
    warn_refused_plugins("score", *setup, pipeline->desc().name);

    // The store: opened after the configuration is checked, so a bad flag is still exit 2.
    std::unique_ptr<Store> store;
    std::string store_sheet, store_sheet_version;
    const std::string campaign = opts.get("campaign", "default");
    if (opts.has("store")) {
        try {
            if (const auto path = Store::new_sqlite_file(opts.get("store")))
                std::fprintf(stderr, "pingcha score: creating a new store at %s\n", path->c_str());
            store = Store::open(opts.get("store"));
            if (sheet) {
                store_sheet = sheet->name;
                store_sheet_version = sheet->version;
            }
            store->begin_batch();
        } catch (const StoreUnavailable& e) {
            std::fprintf(stderr, "pingcha score: store unavailable: %s\n", e.what());
            return exit_unavailable;
        } catch (const ConfigError& e) {
            std::fprintf(stderr, "pingcha score: %s\n", e.what());
            return exit_usage;
        }
    }
    std::size_t store_batch = 0;
    std::exception_ptr store_error;
    auto store_batch_started = std::chrono::steady_clock::now();

    const std::string out_dir = opts.get("out");
    if (!out_dir.empty()) {
        std::error_code ec;
        fs::create_directories(out_dir, ec);
        if (ec) throw UsageError("--out: cannot create " + out_dir + ": " + ec.message());
    }
    RunContext ctx;
    ctx.registry = &setup->registry;
    ctx.out_dir = out_dir;
    ctx.page_jobs = jobs;
    ctx.data_dirs = setup->data_dirs;

    InputOptions in_opts;
    in_opts.id_field = opts.get("id-field", "id");
    in_opts.text_field = opts.get("text-field", "text");
    InputReader reader(files, in_opts);

    std::size_t json_count = 0;  // json format: one array of results, whatever the number (CLI.md)
    // Result files are named in input order, so that two inputs with one stem (x/a.txt, y/a.txt) or
    // one id (two .jsonl lines) get a.json and a-2.json, the same ones on every run.
    std::set<std::string> out_names;
    std::size_t unwritten = 0;  // documents scored but whose result file could not be written
    std::size_t done = 0, failed_so_far = 0;
    const auto progress_mode = Progress::mode_for(opts.has("quiet"), progress_interval_s);
    const std::size_t total = progress_mode == Progress::Mode::off ? 0 : count_documents(files);
    Progress progress("score", progress_mode, progress_interval_s, total);
    const auto t0 = std::chrono::steady_clock::now();
    auto sink = [&](Document& doc) {
        auto held = progress.hold();  // what this document prints never lands inside the progress line
        // A file that could not be read has no hash. A store error stops the input (below) and is
        // reported once the workers are done; the documents already finished are still printed.
        if (store && !store_error && !doc.source.sha256.empty()) try {
            // Runs are recorded only by pipelines that score; the text is kept either way.
            store->put_document(doc);
            if (!store_sheet.empty()) store->record_run(doc, campaign, store_sheet, store_sheet_version);
            if (++store_batch >= 500 || std::chrono::steady_clock::now() - store_batch_started > std::chrono::seconds(1)) {
                store->commit_batch();
                store->begin_batch();
                store_batch = 0;
                store_batch_started = std::chrono::steady_clock::now();
            }
        } catch (...) {
            store_error = std::current_exception();
        }
        if (!out_dir.empty()) {
            const std::string stem = output_stem(doc.id);
            std::string name = stem;
            for (int n = 2; !out_names.insert(name).second; ++n) name = stem + "-" + std::to_string(n);
            const fs::path target = fs::path(out_dir) / (name + ".json");
            // One document's result that cannot be written (a full disk, a name the file system
            // refuses) fails that document, not the run: the others are still scored and written.
            try {
                write_atomic(target, result_to_json(doc, true));
            } catch (const std::exception& e) {
                held.make_room();
                std::fprintf(stderr, "pingcha score: %s failed: cannot write its result %s: %s\n",
                             doc.id.c_str(), target.c_str(), e.what());
                if (!doc.failed()) {
                    ++unwritten;
                    ++failed_so_far;
                }
            }
        }
        if (format == "jsonl") {
            std::string line = result_to_json(doc, false);
            line.push_back('\n');
            std::fwrite(line.data(), 1, line.size(), stdout);
        } else if (format == "json") {
            const std::string j = result_to_json(doc, true);
            std::fputs(json_count == 0 ? "[\n" : ",\n", stdout);
            std::fputs(j.c_str(), stdout);
            ++json_count;
        } else {
            print_text(doc, stdout);
        }
        if (doc.failed()) {
            ++failed_so_far;
            held.make_room();
            std::fprintf(stderr, "pingcha score: %s %s (%s): %s\n", doc.id.c_str(), doc.status(),
                         doc.failure->error_class.c_str(), doc.failure->message.c_str());
        }
        progress.update(++done, failed_so_far, total);
    };
    RunStats stats;
    try {
        stats = run_pipeline(*pipeline, ctx, jobs,
                             [&] { return store_error ? std::optional<Document>() : reader.next(); }, sink);
        if (store_error) std::rethrow_exception(store_error);
        if (store) store->commit_batch();
    } catch (const StoreUnavailable& e) {
        progress.finish();
        std::fprintf(stderr, "pingcha score: store unavailable: %s\n", e.what());
        return exit_unavailable;
    }
    progress.finish();
    if (format == "json") {
        std::fputs(json_count > 0 ? "\n]\n" : "[]\n", stdout);
    }
    std::fflush(stdout);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const std::size_t failed = stats.failed + unwritten;
    if (!opts.has("quiet"))
        std::fprintf(stderr, "pingcha score: %zu document%s, %zu failed, %.2f s (%.1f documents/s)\n",
                     stats.documents, stats.documents == 1 ? "" : "s", failed, secs,
                     secs > 0 ? static_cast<double>(stats.documents) / secs : 0.0);
    return failed ? exit_failed_documents : exit_ok;
}

}  // namespace pingcha::app
