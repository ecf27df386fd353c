// `pingcha watch`: the daemon; turns flags into settings and hands over to core (pingcha/watch.h).
#include <cstdio>

#include "cli.h"
#include "pingcha/watch.h"

namespace pingcha::app {

namespace {

const char* watch_help =
    "usage: pingcha watch --inbox DIR[=PIPELINE]... --out DIR [options]\n"
    "\n"
    "The daemon: takes every file dropped into the inboxes (sub-folders too) once its size and\n"
    "time have held still, scores it in a supervised worker process, writes out/results/<stem>.json,\n"
    "then moves the original to out/archive/ (or out/failed/ with <name>.error.json). Jobs are\n"
    "journaled in the store first: after a crash or kill -9 a restart resumes them. Runs in the\n"
    "foreground (for systemd) unless --daemon. SIGTERM drains, SIGHUP reloads config and plugins.\n"
    "\n"
    "options (each is also a key of the --config properties file, e.g. `settle-ms = 2000`;\n"
    "repeatable keys take comma-separated values or key.1, key.2, ...):\n"
    "  --config FILE         properties file; flags given on the command line win\n"
    "  --inbox DIR[=PIPE]    a watched folder, with its own pipeline (repeatable; several inboxes\n"
    "                        put their outputs in sub-folders named after each inbox)\n"
    "  --out DIR             results/, archive/, failed/ (must not be inside an inbox)\n"
    "  --store URI           sqlite:PATH (default sqlite:<out>/pingcha.db), postgresql://...,\n"
    "                        or journal:PATH (a journal file, no document store)\n"
    "  --http ADDR:PORT      /healthz and /metrics (default 127.0.0.1:9464; off to disable)\n"
    "  --workers N           documents in parallel, one worker process each (default 1)\n"
    "  --pipeline NAME       pipeline of inboxes that name none (default judgment-review)\n"
    "  --campaign NAME       scoring runs are stored under this campaign (default watch)\n"
    "  --poll                poll instead of inotify (automatic on NFS/CIFS/SMB/FUSE mounts)\n"
    "  --no-poll             never poll, even on a network mount\n"
    "  --poll-ms N           polling interval (default 1000)\n"
    "  --rescan-s N          full rescan interval besides inotify (default 30)\n"
    "  --settle-ms N         size and mtime must hold still this long (default 2000)\n"
    "  --timeout-s N         per document; then the worker is killed, class timeout (default 300)\n"
    "  --memory-mb N         address-space cap of a worker, 0 = none (default 4096)\n"
    "  --drain-s N           SIGTERM: time left to in-flight documents (default 30)\n"
    "  --queue-max N         taken documents waiting for a worker (default 256)\n"
    "  --max-attempts N      tries for transient errors, with back-off (default 5)\n"
    "  --daemon              detach into the background\n"
    "  --pidfile FILE        write the process id there\n"
    "  --log FILE            append the log there instead of stderr (use it with --daemon)\n";

}  // namespace

int cmd_watch(const std::vector<std::string>& args) {
    // the hidden worker mode: the daemon starts the same binary again as its worker processes
    if (!args.empty() && args[0] == "--worker")
        return watch::run_worker(std::vector<std::string>(args.begin() + 1, args.end()));

    auto specs = common_specs();
    for (const auto& k : watch::setting_keys())
        if (k.name != "plugin-path" && k.name != "pipelines-dir") specs.push_back({k.name, k.takes_value, k.repeatable});
    Options opts(specs);
    opts.parse(args);
    if (opts.has("help")) {
        std::printf("%s%s", watch_help, common_help);
        return exit_ok;
    }
    if (!opts.positional().empty()) throw UsageError("unexpected argument '" + opts.positional().front() + "'");
    watch::Settings flags;
    for (const auto& k : watch::setting_keys())
        for (const auto& v : opts.all(k.name)) flags.emplace(k.name, v);
    const std::string exe = self_exe_path();
    auto load = [flags, exe] { return watch::load_config(flags, exe); };
    watch::WatchConfig config;
    try {
        config = load();
    } catch (const watch::WatchConfigError& e) {
        std::fprintf(stderr, "pingcha watch: %s\n", e.what());
        return exit_usage;
    }
    return watch::run_watch(config, load);
}

}  // namespace pingcha::app
