// The worker process: loads plugins once, runs one document per request line, writes its result
// files into the job's staging folder and answers with one summary line.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>

#include "pingcha/builtins.h"
#include "pingcha/input.h"
#include "pingcha/json.h"
#include "pingcha/pipeline.h"
#include "pingcha/plugin_host.h"
#include "pingcha/store.h"
#include "watch_internal.h"

namespace pingcha::watch {

namespace {

struct Loaded {
    std::unique_ptr<Pipeline> pipeline;
    std::unique_ptr<Pipeline::Instance> instance;
};

struct WorkerState {
    std::unique_ptr<Store> store;  // documents and runs, when the daemon has a real store
    std::string store_uri;
    std::string campaign = "watch";
    Registry registry;
    std::unique_ptr<PluginHost> host;
    std::vector<std::string> data_dirs;
    std::map<std::string, Loaded> pipelines;
};

Loaded& pipeline_for(WorkerState& st, const std::string& name) {
    auto it = st.pipelines.find(name);
    if (it != st.pipelines.end()) return it->second;
    Loaded l;
    l.pipeline = load_checked_pipeline(name, *st.host, st.data_dirs);
    l.instance = l.pipeline->instantiate();
    return st.pipelines.emplace(name, std::move(l)).first->second;
}

std::string reply_line(std::int64_t job, const std::string& status, const std::string& error_class,
                       const std::string& message, bool transient) {
    std::string r = "{\"job\":" + std::to_string(job) + ",\"status\":";
    append_json_string(r, status);
    r += ",\"class\":";
    append_json_string(r, error_class);
    r += ",\"message\":";
    append_json_string(r, message);
    r += ",\"transient\":";
    r += transient ? "true" : "false";
    return r;
}

bool transient_errno(int e) {
    return e == EBUSY || e == EAGAIN || e == ETXTBSY || e == ENOSPC || e == EIO || e == EINTR || e == EMFILE ||
           e == ENFILE || e == ENOMEM || e == EDQUOT;
}

std::string run_job(WorkerState& st, const std::string& line) {
    std::int64_t job = 0;
    std::string path, pipeline_name, stage, name;
    try {
        Poco::JSON::Parser parser;
        auto obj = parser.parse(line).extract<Poco::JSON::Object::Ptr>();
        job = obj->getValue<std::int64_t>("job");
        path = obj->getValue<std::string>("path");
        pipeline_name = obj->getValue<std::string>("pipeline");
        stage = obj->getValue<std::string>("stage");
        name = obj->getValue<std::string>("name");
    } catch (const std::exception& e) {
        return reply_line(job, "failed", "internal", std::string("bad request: ") + e.what(), false) + "}";
    }
    // open without following a symlink swapped in after intake; busy files are worth retrying
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        const int e = errno;
        if (e == ELOOP) return reply_line(job, "failed", "unsupported", "a symbolic link is never followed", false) + "}";
        return reply_line(job, "failed", e == ENOENT ? "internal" : "corrupt", "cannot open " + path + ": " + std::strerror(e),
                          transient_errno(e) || e == ENOENT) +
               "}";
    }
    ::close(fd);

    Loaded* loaded = nullptr;
    try {
        loaded = &pipeline_for(st, pipeline_name);
    } catch (const std::exception& e) {
        return reply_line(job, "failed", "internal", std::string("pipeline ") + pipeline_name + ": " + e.what(), false) + "}";
    }
    RunContext ctx;
    ctx.registry = &st.registry;
    ctx.out_dir = stage;
    ctx.page_jobs = 1;
    ctx.data_dirs = st.data_dirs;

    const bool archive = path.size() > 6 && path.compare(path.size() - 6, 6, ".jsonl") == 0;
    std::string out_text;
    std::size_t docs = 0, failed = 0;
    std::uint64_t pages = 0;
    std::string first_class, first_message, first_id;
    std::map<std::string, double> timings;
    try {
        InputReader reader({path}, InputOptions{});
        while (auto doc = reader.next()) {
            loaded->pipeline->run(*loaded->instance, *doc, ctx);
            ++docs;
            pages += doc->pages.size();
            if (docs == 1) first_id = doc->id;
            if (doc->failed()) {
                if (failed++ == 0) {
                    first_class = doc->failure->error_class;
                    first_message = doc->failure->message;
                }
            }
            for (const auto& [stage_name, ms] : doc->timings_ms) timings[stage_name] += ms;
            if (!doc->failed() && !st.store_uri.empty()) {
                // text, pages and facts for rescore and report; a re-run after a crash replaces the same run
                if (!st.store) st.store = Store::open(st.store_uri);
                st.store->put_document(*doc);
                if (doc->score) st.store->put_run(*doc, st.campaign);
            }
            if (archive) {
                out_text += result_to_json(*doc, false);
                out_text.push_back('\n');
            } else {
                out_text = result_to_json(*doc, true);
            }
        }
    } catch (const std::bad_alloc&) {
        return reply_line(job, "failed", "too_large", "out of memory (the worker's memory cap)", false) + "}";
    } catch (const StoreUnavailable& e) {
        st.store.reset();  // reconnect on the next try
        return reply_line(job, "failed", "internal", std::string("store: ") + e.what(), true) + "}";
    } catch (const std::exception& e) {
        return reply_line(job, "failed", "internal", e.what(), false) + "}";
    }
    try {
        write_file_atomic(stage + "/" + name + (archive ? ".jsonl" : ".json"), out_text);
    } catch (const std::system_error& e) {
        return reply_line(job, "failed", "internal", e.what(), transient_errno(e.code().value())) + "}";
    }
    // a single document that failed fails the file; an archive fails only when every line did
    const bool file_failed = docs == 0 || (archive ? failed == docs : failed > 0);
    if (docs == 0) {
        first_class = "corrupt";
        first_message = "no document in " + path;
    }
    std::string r = reply_line(job, file_failed ? "failed" : "ok", file_failed ? first_class : "",
                               file_failed ? first_message : "", false);
    r += ",\"id\":";
    append_json_string(r, first_id);
    r += ",\"docs\":" + std::to_string(docs) + ",\"failed\":" + std::to_string(failed) +
         ",\"pages\":" + std::to_string(pages) + ",\"timings\":{";
    bool first = true;
    for (const auto& [k, ms] : timings) {
        if (!first) r += ",";
        first = false;
        append_json_string(r, k);
        r += ":" + json_number(ms);
    }
    r += "}}";
    return r;
}

}  // namespace

int run_worker(const std::vector<std::string>& args) {
    std::vector<std::string> plugin_paths, pipelines_dirs, check, preload;
    std::string exe, store_uri, campaign = "watch";
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--plugin-path" && i + 1 < args.size()) plugin_paths.push_back(args[++i]);
        else if (args[i] == "--pipelines-dir" && i + 1 < args.size()) pipelines_dirs.push_back(args[++i]);
        else if (args[i] == "--check" && i + 1 < args.size()) check.push_back(args[++i]);
        else if (args[i] == "--preload" && i + 1 < args.size()) preload.push_back(args[++i]);
        else if (args[i] == "--exe" && i + 1 < args.size()) exe = args[++i];
        else if (args[i] == "--store" && i + 1 < args.size()) store_uri = args[++i];
        else if (args[i] == "--campaign" && i + 1 < args.size()) campaign = args[++i];
    }
    // the daemon stops workers by closing their input; signals from the terminal are its business
    ::signal(SIGINT, SIG_IGN);
    ::signal(SIGTERM, SIG_IGN);
    ::signal(SIGHUP, SIG_IGN);
    ::signal(SIGPIPE, SIG_IGN);
    // replies get a private descriptor; anything a plugin prints to stdout goes to stderr instead
    const int reply_fd = ::fcntl(1, F_DUPFD_CLOEXEC, 3);
    ::dup2(2, 1);
    if (exe.empty()) {
        char buf[4096];
        const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
        if (n > 0) exe.assign(buf, static_cast<std::size_t>(n));
    }

    WorkerState st;
    st.store_uri = store_uri;
    st.campaign = campaign;
    register_builtins(st.registry);
    st.host = std::make_unique<PluginHost>(st.registry);
    st.host->load_dirs(PluginHost::search_path(plugin_paths, exe));
    st.data_dirs = pipelines_search_path(pipelines_dirs, exe, &st.registry);

    if (!check.empty()) {
        int rc = 0;
        bool is_refusal_named = false;
        for (const auto& name : check) {
            try {
                pipeline_for(st, name);
            } catch (const std::exception& e) {
                std::fprintf(stderr, "pingcha watch: pipeline %s: %s\n", name.c_str(), e.what());
                if (dynamic_cast<const NeededPluginRefused*>(&e)) is_refusal_named = true;
                rc = 2;
            }
        }
        // a refused plugin no inbox's pipeline needs is a warning, one that any needs was named above
        for (const auto& r : st.host->refused()) {
            if (rc == 0)
                std::fprintf(stderr,
                             "pingcha watch: warning: plugin %s was refused (%s); no inbox's pipeline needs it\n",
                             r.file.c_str(), r.reason.c_str());
            else if (!is_refusal_named)
                std::fprintf(stderr, "pingcha watch: refused plugin %s: %s\n", r.file.c_str(), r.reason.c_str());
        }
        return rc;
    }

    // the inboxes' pipelines are made ready before the first document (a failure shows per document)
    for (const auto& name : preload) {
        try {
            pipeline_for(st, name);
        } catch (const std::exception&) {
        }
    }
    std::string line;
    while (std::getline(std::cin, line)) {
        if (line.empty()) continue;
        std::string reply;
        try {
            reply = run_job(st, line);
        } catch (const std::bad_alloc&) {
            reply = reply_line(0, "failed", "too_large", "out of memory (the worker's memory cap)", false) + "}";
        }
        reply.push_back('\n');
        std::size_t done = 0;
        while (done < reply.size()) {
            const ssize_t n = ::write(reply_fd, reply.data() + done, reply.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return 0;  // the daemon is gone
            done += static_cast<std::size_t>(n);
        }
    }
    return 0;
}

}  // namespace pingcha::watch
