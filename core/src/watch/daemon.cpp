// The daemon: intake thread, bounded job queue, worker slots, commit order (result, store, archive),
// resume after a crash, SIGHUP reload, SIGTERM drain, under Poco::Util::ServerApplication.
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FileChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>
#include <Poco/SHA2Engine.h>
#include <Poco/Util/ServerApplication.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <thread>

#include "pingcha/input.h"
#include "pingcha/json.h"
#include "pingcha/pipeline.h"
#include "watch_internal.h"

namespace fs = std::filesystem;

namespace pingcha::watch {

namespace {

std::string join(const std::string& a, const std::string& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return a + "/" + b;
}

std::string lower_ext(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

// The magic bytes an extension promises; a mismatch may be a copy still being filled in.
bool magic_matches(const std::string& ext, std::string_view head) {
    auto starts = [&](std::string_view m) { return head.substr(0, m.size()) == m; };
    if (ext == ".pdf") return starts("%PDF-");
    if (ext == ".png") return starts("\x89PNG\r\n\x1a\n");
    if (ext == ".jpg" || ext == ".jpeg") return starts("\xFF\xD8\xFF");
    if (ext == ".tif" || ext == ".tiff")
        return starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4));
    return true;
}

// Runs `pingcha watch --worker --check P...`: the pipelines load, their stages and sheets exist.
int check_pipelines(const WatchConfig& cfg) {
    std::set<std::string> names;
    for (const auto& in : cfg.inboxes) names.insert(in.pipeline);
    std::vector<std::string> args{cfg.exe_path, "watch", "--worker"};
    for (const auto& p : cfg.plugin_paths) args.insert(args.end(), {"--plugin-path", p});
    for (const auto& p : cfg.pipelines_dirs) args.insert(args.end(), {"--pipelines-dir", p});
    for (const auto& n : names) args.insert(args.end(), {"--check", n});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) return 2;
    if (pid == 0) {
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}

std::string signal_name(int sig) {
    const char* d = ::strsignal(sig);
    return "signal " + std::to_string(sig) + (d ? std::string(" (") + d + ")" : "");
}

class Daemon {
public:
    Daemon(const WatchConfig& cfg, std::function<WatchConfig()> reload)
        : cfg_(std::make_shared<const WatchConfig>(cfg)), reload_(std::move(reload)), log_(Poco::Logger::get("pingcha.watch")) {}

    int run();

private:
    struct Task {
        Job job;
        std::string inbox;     // absolute inbox folder, as journaled
        std::string label;     // output sub-folder for this inbox
        std::string pipeline;
        std::string rel;       // relative to the inbox
        std::string result_base;  // relative to results/, without extension
        int crashes = 0;
        int transient = 0;
        Clock::time_point not_before{}, taken_at{};
    };
    struct Candidate {
        std::string inbox;
        std::string rel;
        Seen seen;
    };

    std::shared_ptr<const WatchConfig> config() {
        std::lock_guard lock(mu_);
        return cfg_;
    }
    std::string out(const std::string& sub) const { return out_ + "/" + sub; }
    const Inbox* inbox_of(const WatchConfig& cfg, const std::string& dir) const {
        for (const auto& in : cfg.inboxes)
            if (in.dir == dir) return &in;
        return nullptr;
    }
    static std::string key_of(const std::string& inbox, const std::string& rel) { return inbox + "//" + rel; }

    void intake_loop();
    void take(const Candidate& c, Clock::time_point now, std::chrono::milliseconds settle);
    void slot_loop(int index);
    void process(Task& t, std::unique_ptr<WorkerProcess>& worker, int slot);
    void commit_ok(Task& t, const std::string& stage_dir, Poco::JSON::Object::Ptr reply);
    void commit_duplicate(Task& t, const Job& first);
    void fail(Task& t, const std::string& error_class, const std::string& message, const std::string& stage_dir = {});
    void retry_later(Task& t, const std::string& why);
    void finish(const Task& t);
    std::string choose_result_base(const std::string& label, const std::string& rel);
    void update_job(const Job& j) {
        std::lock_guard lock(store_mu_);
        store_->update_job(j);
    }
    void resume();
    void reload();
    void drain();
    void log_document(const Task& t, const std::string& status, const std::string& detail);

    std::shared_ptr<const WatchConfig> cfg_;
    std::function<WatchConfig()> reload_;
    Poco::Logger& log_;
    std::string out_;
    std::unique_ptr<Journal> store_;
    std::mutex store_mu_;
    Metrics metrics_;

    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<Task> queue_;
    std::set<std::string> taken_;           // inbox//rel keys journaled and not yet moved out
    std::set<std::string> in_flight_sha_;   // a second copy waits until the first is done
    std::set<std::string> reserved_results_;
    struct HashEntry {
        std::uint64_t size;
        std::int64_t mtime_ns;
        std::string digest;
    };
    std::map<std::string, HashEntry> hash_cache_;  // intake thread only
    int generation_ = 0;
    int slots_started_ = 0;
    std::map<int, pid_t> busy_pids_;        // slot -> worker pid while a job runs
    std::atomic<bool> stopping_{false};
    std::atomic<bool> draining_killed_{false};
    std::vector<std::thread> slots_;
};

// File names come from clerks' machines: a newline in one must not forge a log line.
std::string printable(std::string s) {
    for (char& c : s)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    return s;
}

void Daemon::log_document(const Task& t, const std::string& status, const std::string& detail) {
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t.taken_at).count();
    log_.information("job=%s id=%s status=%s time_ms=%.0f path=%s%s", std::to_string(t.job.id),
                     printable(file_stem(t.rel)), status, ms, printable(join(t.label, t.rel)),
                     detail.empty() ? std::string() : " " + printable(detail));
}

std::string Daemon::choose_result_base(const std::string& label, const std::string& rel) {
    const fs::path r(join(label, rel));
    std::string stem = r.stem().string();
    if (stem.empty() || stem == "." || stem == "..") stem = "document";
    const std::string dir = r.parent_path().string();
    std::lock_guard lock(mu_);
    for (int n = 0;; ++n) {
        const std::string base = join(dir, n == 0 ? stem : stem + "." + std::to_string(n));
        struct stat st;
        const std::string abs = out("results/" + base);
        if (reserved_results_.count(base) || ::lstat((abs + ".json").c_str(), &st) == 0 ||
            ::lstat((abs + ".jsonl").c_str(), &st) == 0)
            continue;
        reserved_results_.insert(base);
        return base;
    }
}

void Daemon::finish(const Task& t) {
    std::lock_guard lock(mu_);
    taken_.erase(key_of(t.inbox, t.rel));
    in_flight_sha_.erase(t.job.sha256);
    reserved_results_.erase(t.result_base);
    cv_.notify_all();
}

// ---- intake ------------------------------------------------------------------------------

void Daemon::intake_loop() {
    std::unique_ptr<DirWatcher> watcher;
    StabilityTracker tracker;
    std::map<std::string, Candidate> candidates;
    std::map<std::string, Clock::time_point> last_full;
    std::shared_ptr<const WatchConfig> cfg;
    std::map<std::string, bool> polling;  // per inbox
    while (!stopping_) {
        if (auto now_cfg = config(); now_cfg != cfg) {
            cfg = now_cfg;
            polling.clear();
            bool any_inotify = false;
            for (const auto& in : cfg->inboxes) {
                bool p = cfg->poll == WatchConfig::PollMode::on ||
                         (cfg->poll == WatchConfig::PollMode::automatic && is_network_fs(in.dir));
                polling[in.dir] = p;
                if (!p) any_inotify = true;
                log_.information("watching %s (%s, pipeline %s)", in.dir, std::string(p ? "polling" : "inotify + rescan"),
                                 in.pipeline);
            }
            watcher = any_inotify ? std::make_unique<DirWatcher>() : nullptr;
            last_full.clear();
            for (auto it = candidates.begin(); it != candidates.end();) {
                if (!polling.count(it->second.inbox)) {
                    tracker.forget(it->first);
                    it = candidates.erase(it);
                } else {
                    ++it;
                }
            }
        }
        const auto settle = std::chrono::milliseconds(cfg->settle_ms);
        const int tick = std::clamp(cfg->settle_ms / 4, 20, 250);
        bool overflow = false;
        std::set<std::string> changed;
        if (watcher) changed = watcher->changed(tick, &overflow);
        else std::this_thread::sleep_for(std::chrono::milliseconds(tick));
        if (stopping_) break;
        auto now = Clock::now();
        for (const auto& in : cfg->inboxes) {
            std::map<std::string, Seen> seen;
            std::vector<std::string> dirs;
            const auto every = polling[in.dir] ? std::chrono::milliseconds(cfg->poll_ms)
                                               : std::chrono::milliseconds(cfg->rescan_s * 1000);
            auto& last = last_full[in.dir];
            if (overflow || last == Clock::time_point{} || now - last >= every) {
                last = now;
                scan_inbox(in.dir, "", true, seen, &dirs);
            } else if (!polling[in.dir]) {
                for (const auto& d : changed) {
                    if (d == in.dir) scan_inbox(in.dir, "", false, seen, &dirs);
                    else if (d.size() > in.dir.size() && d.compare(0, in.dir.size() + 1, in.dir + "/") == 0)
                        scan_inbox(in.dir, d.substr(in.dir.size() + 1), true, seen, &dirs);
                }
            }
            if (watcher && !polling[in.dir]) {
                watcher->add(in.dir);
                for (const auto& d : dirs) watcher->add(d);
            }
            std::lock_guard lock(mu_);
            for (const auto& [rel, s] : seen) {
                const std::string key = key_of(in.dir, rel);
                if (taken_.count(key)) continue;
                candidates[key] = Candidate{in.dir, rel, s};
                tracker.observe(key, s, now);
            }
        }
        // every candidate is looked at again each tick: size and mtime must hold still
        for (auto it = candidates.begin(); it != candidates.end();) {
            struct stat st;
            const std::string abs = it->second.inbox + "/" + it->second.rel;
            if (::lstat(abs.c_str(), &st) != 0) {
                tracker.forget(it->first);
                it = candidates.erase(it);
                continue;
            }
            Seen s;
            s.size = static_cast<std::uint64_t>(st.st_size);
            s.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
            s.kind = S_ISREG(st.st_mode) ? Seen::Kind::regular : S_ISLNK(st.st_mode) ? Seen::Kind::symlink : Seen::Kind::other;
            it->second.seen = s;
            tracker.observe(it->first, s, now);
            ++it;
        }
        now = Clock::now();
        for (const auto& key : tracker.stable(now, settle)) {
            if (stopping_) break;
            {
                std::lock_guard lock(mu_);
                if (static_cast<int>(queue_.size()) >= cfg->queue_max) break;  // back-pressure: files wait in the inbox
                if (taken_.count(key)) {
                    tracker.forget(key);
                    candidates.erase(key);
                    continue;
                }
            }
            auto it = candidates.find(key);
            if (it == candidates.end()) {
                tracker.forget(key);
                continue;
            }
            const Candidate c = it->second;
            // how long this very content has been still
            const auto still = now - tracker.stable_since(key).value_or(now);
            try {
                take(c, now, std::chrono::duration_cast<std::chrono::milliseconds>(still));
            } catch (const std::exception& e) {
                log_.error("intake of %s failed: %s (will retry)", join(c.inbox, c.rel), std::string(e.what()));
                continue;
            }
            std::lock_guard lock(mu_);
            if (taken_.count(key)) {
                tracker.forget(key);
                candidates.erase(key);
            }
        }
    }
}

// Takes a stable file: probe, hash, journal, queue (or duplicate, or failure at once).
// Leaves it a candidate (nothing marked taken) when it should be looked at again later.
void Daemon::take(const Candidate& c, Clock::time_point now, std::chrono::milliseconds still) {
    auto cfg = config();
    const Inbox* in = inbox_of(*cfg, c.inbox);
    if (!in) return;
    const auto settle = std::chrono::milliseconds(cfg->settle_ms);
    const auto long_settle = std::max(settle * 3, std::chrono::milliseconds(3000));
    Task t;
    t.inbox = c.inbox;
    t.label = in->label;
    t.pipeline = in->pipeline;
    t.rel = c.rel;
    t.taken_at = now;
    if (!is_safe_relative(c.rel)) return;  // readdir never yields such a name; refuse rather than guess
    const std::string abs = c.inbox + "/" + c.rel;

    auto journal_and_fail = [&](const std::string& cls, const std::string& msg, const std::string& sha) {
        {
            std::lock_guard lock(store_mu_);
            t.job = store_->begin_job(c.inbox, c.rel, sha);
        }
        {
            std::lock_guard lock(mu_);
            taken_.insert(key_of(c.inbox, c.rel));
        }
        fail(t, cls, msg);
        finish(t);
    };

    if (c.seen.kind == Seen::Kind::symlink) {
        journal_and_fail("unsupported", "a symbolic link; links are never followed (moved here as it was, its target untouched)", "");
        return;
    }
    if (c.seen.kind == Seen::Kind::other) {
        journal_and_fail("unsupported", "not a regular file (a pipe, socket or device)", "");
        return;
    }
    if (c.seen.size == 0) {
        if (still < long_settle) return;  // copy tools create the file first and fill it later
        journal_and_fail("corrupt", "empty file", sha256_hex(""));
        return;
    }
    const int fd = ::open(abs.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ELOOP) journal_and_fail("unsupported", "a symbolic link; links are never followed", "");
        return;  // vanished or busy: the next tick tells
    }
    struct FdCloser {
        int fd;
        ~FdCloser() { ::close(fd); }
    } closer{fd};
    struct stat st;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || static_cast<std::uint64_t>(st.st_size) != c.seen.size) return;
    char head[64];
    const ssize_t hn = ::pread(fd, head, sizeof head, 0);
    if (hn < 0) return;
    const std::string_view head_view(head, static_cast<std::size_t>(hn));
    const std::string ext = lower_ext(c.rel);
    const std::string media = ext == ".jsonl" ? "application/jsonl" : probe_media_type(head_view, c.rel);
    if (media.empty()) {
        if (still < long_settle) return;  // maybe renamed to its real name in a moment
        // hash it anyway so the journal row says which bytes were refused
    } else if (!magic_matches(ext, head_view) && still < long_settle) {
        return;  // header not there yet; after the long wait the worker says what is wrong
    }
    // a copy waiting for its twin is looked at every tick: hash its bytes once
    const std::string key = key_of(c.inbox, c.rel);
    const std::int64_t mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    std::string digest;
    if (auto h = hash_cache_.find(key);
        h != hash_cache_.end() && h->second.size == c.seen.size && h->second.mtime_ns == mtime_ns) {
        digest = h->second.digest;
    } else {
        Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
        std::vector<char> buf(1 << 20);
        off_t off = 0;
        for (;;) {
            const ssize_t n = ::pread(fd, buf.data(), buf.size(), off);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) return;
            if (n == 0) break;
            sha.update(buf.data(), static_cast<unsigned>(n));
            off += n;
        }
        struct stat st2;
        if (::fstat(fd, &st2) != 0 || st2.st_size != st.st_size || st2.st_mtim.tv_sec != st.st_mtim.tv_sec ||
            st2.st_mtim.tv_nsec != st.st_mtim.tv_nsec)
            return;  // written to while hashed
        digest = Poco::DigestEngine::digestToHex(sha.digest());
        if (hash_cache_.size() > 100000) hash_cache_.clear();
        hash_cache_[key] = HashEntry{c.seen.size, mtime_ns, digest};
    }
    if (media.empty()) {
        journal_and_fail("unsupported", "unknown file type (not .txt, .jsonl, .png, .jpg, .tif or .pdf)", digest);
        return;
    }
    {
        std::lock_guard lock(mu_);
        if (in_flight_sha_.count(digest)) return;  // an identical file is being processed: wait for its result
    }
    std::optional<Job> first;
    {
        std::lock_guard lock(store_mu_);
        first = store_->done_job_by_sha(digest);
    }
    if (first && first->inbox == c.inbox && first->relative_path == c.rel) {
        // committed before a crash, not yet archived: finish the move only
        const std::string dest = unique_path(out("archive/" + join(in->label, c.rel)));
        move_file(abs, dest);
        hash_cache_.erase(key);
        log_.information("job=%s archived after restart: %s", std::to_string(first->id), join(in->label, c.rel));
        return;
    }
    hash_cache_.erase(key);
    t.result_base = choose_result_base(in->label, c.rel);
    {
        std::lock_guard lock(store_mu_);
        t.job = store_->begin_job(c.inbox, c.rel, digest);
    }
    {
        std::lock_guard lock(mu_);
        taken_.insert(key_of(c.inbox, c.rel));
        in_flight_sha_.insert(digest);
    }
    if (first) {
        commit_duplicate(t, *first);
        finish(t);
        return;
    }
    t.job.message = "result=" + t.result_base;
    update_job(t.job);
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(t));
    metrics_.queue_depth = static_cast<std::int64_t>(queue_.size());
    cv_.notify_one();
}

// ---- work --------------------------------------------------------------------------------

void Daemon::slot_loop(int index) {
    std::unique_ptr<WorkerProcess> worker;
    for (;;) {
        // a warm worker of the current generation waits for the next document: plugins are loaded
        // and pipelines instantiated before a document arrives, not while it waits
        int generation;
        {
            std::lock_guard lock(mu_);
            generation = generation_;
        }
        if (!stopping_ && (!worker || worker->generation() != generation || !worker->alive())) {
            if (worker) worker->stop();
            worker.reset();
            try {
                worker = std::make_unique<WorkerProcess>(*config(), generation);
            } catch (const std::exception& e) {
                log_.error("cannot start a worker: %s", std::string(e.what()));
                std::this_thread::sleep_for(std::chrono::seconds(1));
            }
        }
        Task t;
        bool have_task = false;
        {
            std::unique_lock lock(mu_);
            for (;;) {
                if (stopping_ || index >= cfg_->workers) {
                    lock.unlock();
                    if (worker) worker->stop();
                    return;
                }
                if (!worker || worker->generation() != generation_) break;  // replace it first
                const auto now = Clock::now();
                auto ready = std::find_if(queue_.begin(), queue_.end(), [&](const Task& q) { return q.not_before <= now; });
                if (ready != queue_.end()) {
                    t = std::move(*ready);
                    queue_.erase(ready);
                    have_task = true;
                    break;
                }
                Clock::time_point next = Clock::time_point::max();
                for (const auto& q : queue_) next = std::min(next, q.not_before);
                if (next == Clock::time_point::max()) cv_.wait(lock);
                else cv_.wait_until(lock, next);
            }
            metrics_.queue_depth = static_cast<std::int64_t>(queue_.size());
        }
        if (!have_task) continue;
        metrics_.in_flight++;
        try {
            process(t, worker, index);
        } catch (const std::exception& e) {
            log_.error("job=%s: %s", std::to_string(t.job.id), std::string(e.what()));
            try {
                retry_later(t, e.what());
            } catch (const std::exception& e2) {
                log_.critical("job=%s left for the next start: %s", std::to_string(t.job.id), std::string(e2.what()));
            }
        }
        metrics_.in_flight--;
    }
}

void Daemon::retry_later(Task& t, const std::string& why) {
    auto cfg = config();
    if (++t.transient >= cfg->max_attempts) {
        fail(t, "internal", "gave up after " + std::to_string(t.transient) + " attempts: " + why);
        finish(t);
        return;
    }
    const int backoff_ms = std::min(60000, 500 << std::min(t.transient, 7));
    t.not_before = Clock::now() + std::chrono::milliseconds(backoff_ms);
    log_.warning("job=%s retry in %d ms: %s", std::to_string(t.job.id), backoff_ms, why);
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(t));
    metrics_.queue_depth = static_cast<std::int64_t>(queue_.size());
    cv_.notify_all();
}

void Daemon::process(Task& t, std::unique_ptr<WorkerProcess>& worker, int slot) {
    auto cfg = config();
    int generation;
    {
        std::lock_guard lock(mu_);
        generation = generation_;
    }
    if (worker && (worker->generation() != generation || !worker->alive())) {
        worker->stop();
        worker.reset();
    }
    if (!worker) worker = std::make_unique<WorkerProcess>(*cfg, generation);

    const std::string src = t.inbox + "/" + t.rel;
    struct stat st;
    if (::lstat(src.c_str(), &st) != 0) {
        // gone from the inbox before its result was committed: nothing to archive, say so
        fail(t, "internal", "the file disappeared from the inbox before it was processed");
        finish(t);
        return;
    }
    const std::string stage_dir = out(".staging/" + std::to_string(t.job.id));
    std::error_code ec;
    fs::remove_all(stage_dir, ec);
    fs::create_directories(stage_dir, ec);
    if (ec) throw std::runtime_error("cannot create " + stage_dir + ": " + ec.message());

    t.job.state = "running";
    t.job.attempts++;
    update_job(t.job);

    std::string req = "{\"job\":" + std::to_string(t.job.id) + ",\"path\":";
    append_json_string(req, src);
    req += ",\"pipeline\":";
    append_json_string(req, t.pipeline);
    req += ",\"stage\":";
    append_json_string(req, stage_dir);
    req += ",\"name\":";
    append_json_string(req, fs::path(t.result_base).filename().string());
    req += "}";
    {
        std::lock_guard lock(mu_);
        busy_pids_[slot] = worker->pid();
    }
    const WorkerReply reply = worker->call(req, std::chrono::seconds(cfg->timeout_s));
    {
        std::lock_guard lock(mu_);
        busy_pids_.erase(slot);
    }
    if (draining_killed_ && reply.outcome != WorkerReply::Outcome::replied) {
        log_.warning("job=%s interrupted by shutdown; it resumes at the next start", std::to_string(t.job.id));
        return;  // stays "running" in the journal
    }
    if (reply.outcome == WorkerReply::Outcome::timed_out) {
        metrics_.worker_restart();
        worker.reset();
        fail(t, "timeout", "no result after " + std::to_string(cfg->timeout_s) + " s; the worker was stopped", stage_dir);
        finish(t);
        return;
    }
    if (reply.outcome == WorkerReply::Outcome::crashed) {
        metrics_.worker_restart();
        worker.reset();
        const std::string how = reply.signal ? signal_name(reply.signal) : "exit code " + std::to_string(reply.exit_code);
        if (reply.exit_code == 127 && !reply.signal) throw std::runtime_error("the worker could not be started");
        if (++t.crashes >= 2) {
            fail(t, "plugin_crash", "the worker crashed twice on this document (" + how + ")", stage_dir);
            finish(t);
            return;
        }
        log_.warning("job=%s worker crashed (%s); trying the document once more", std::to_string(t.job.id), how);
        std::lock_guard lock(mu_);
        queue_.push_front(std::move(t));
        metrics_.queue_depth = static_cast<std::int64_t>(queue_.size());
        cv_.notify_all();
        return;
    }
    Poco::JSON::Object::Ptr obj;
    try {
        Poco::JSON::Parser parser;
        obj = parser.parse(reply.line).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception& e) {
        worker.reset();
        throw std::runtime_error(std::string("unreadable reply from the worker: ") + e.what());
    }
    const std::string status = obj->optValue<std::string>("status", "failed");
    if (status == "ok") {
        commit_ok(t, stage_dir, obj);
        finish(t);
        return;
    }
    const std::string cls = obj->optValue<std::string>("class", "internal");
    const std::string msg = obj->optValue<std::string>("message", "");
    if (obj->optValue<bool>("transient", false)) {
        retry_later(t, cls + ": " + msg);
        return;
    }
    fail(t, cls.empty() ? "internal" : cls, msg, stage_dir);
    finish(t);
}

void Daemon::commit_ok(Task& t, const std::string& stage_dir, Poco::JSON::Object::Ptr reply) {
    // 1. results: staged files renamed into results/ (the worker wrote them whole, synced)
    const fs::path base(t.result_base);
    const std::string chosen = base.filename().string();
    const std::string original_stem = fs::path(t.rel).stem().string();
    std::vector<std::string> written;
    for (const auto& entry : fs::directory_iterator(stage_dir)) {
        std::string name = entry.path().filename().string();
        if (name.find(".tmp-") != std::string::npos) continue;
        // files a stage named after the document id (scans: .pdf, .txt) follow the chosen name
        if (name.rfind(chosen + ".", 0) != 0 && name.rfind(original_stem + ".", 0) == 0)
            name = chosen + name.substr(original_stem.size());
        const std::string dest = out("results/" + join(base.parent_path().string(), name));
        move_file(entry.path().string(), dest);
        written.push_back(dest);
    }
    // 2. the store row
    t.job.state = "done";
    t.job.error_class.clear();
    update_job(t.job);
    // 3. only now the original leaves the inbox
    const std::string dest = unique_path(out("archive/" + join(t.label, t.rel)));
    move_file(t.inbox + "/" + t.rel, dest);
    std::error_code ec;
    fs::remove_all(stage_dir, ec);

    metrics_.document("ok");
    metrics_.pages(reply->optValue<std::uint64_t>("pages", 0));
    if (auto timings = reply->getObject("timings")) {
        for (const auto& name : timings->getNames())
            if (name != "total") metrics_.stage(name, timings->getValue<double>(name) / 1000.0);
    }
    metrics_.latency(std::chrono::duration<double>(Clock::now() - t.taken_at).count());
    log_document(t, "ok", "result=results/" + t.result_base + ".json");
}

void Daemon::commit_duplicate(Task& t, const Job& first) {
    std::string first_id = fs::path(first.relative_path).stem().string();
    std::string body = "{\"status\": \"ok\", \"duplicate_of\": ";
    append_json_string(body, first_id);
    body += "}\n";
    write_file_atomic(out("results/" + t.result_base + ".json"), body);
    t.job.state = "duplicate";
    t.job.message = "duplicate_of=" + std::to_string(first.id) + " result=" + t.result_base;
    update_job(t.job);
    move_file(t.inbox + "/" + t.rel, unique_path(out("archive/" + join(t.label, t.rel))));
    metrics_.document("duplicate");
    log_document(t, "duplicate", "duplicate_of=" + first_id + " (job " + std::to_string(first.id) + ")");
}

void Daemon::fail(Task& t, const std::string& error_class, const std::string& message, const std::string& stage_dir) {
    const std::string src = t.inbox + "/" + t.rel;
    const std::string dest = unique_path(out("failed/" + join(t.label, t.rel)));
    // the worker's own failed result, when there is one, is the most useful explanation
    std::string body;
    if (!stage_dir.empty() && !t.result_base.empty()) {
        const std::string staged = stage_dir + "/" + fs::path(t.result_base).filename().string() + ".json";
        std::ifstream in(staged, std::ios::binary);
        if (in) body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if (body.find("\"status\"") == std::string::npos) body.clear();
        if (!body.empty() && (error_class == "timeout" || error_class == "plugin_crash")) body.clear();
    }
    if (body.empty()) {
        body = "{\n  \"schema\": \"pingcha.result/1\",\n  \"id\": ";
        append_json_string(body, file_stem(t.rel));
        body += ",\n  \"source\": {\"path\": ";
        append_json_string(body, join(t.label, t.rel));
        body += ", \"sha256\": ";
        append_json_string(body, t.job.sha256);
        body += "},\n  \"status\": \"failed\",\n  \"error\": {\"class\": ";
        append_json_string(body, error_class);
        body += ", \"message\": ";
        append_json_string(body, message);
        body += "},\n  \"job\": " + std::to_string(t.job.id) + "\n}\n";
    }
    write_file_atomic(dest + ".error.json", body);
    t.job.state = "failed";
    t.job.error_class = error_class;
    t.job.message = message;
    update_job(t.job);
    struct stat st;
    if (::lstat(src.c_str(), &st) == 0) move_file(src, dest);
    if (!stage_dir.empty()) {
        std::error_code ec;
        fs::remove_all(stage_dir, ec);
    }
    metrics_.document("failed");
    log_document(t, "failed", "class=" + error_class + " message=\"" + message + "\"");
}

// ---- life cycle ----------------------------------------------------------------------------

void Daemon::resume() {
    auto cfg = config();
    std::vector<Job> jobs;
    {
        std::lock_guard lock(store_mu_);
        jobs = store_->unfinished_jobs();
    }
    for (auto& j : jobs) {
        const Inbox* in = inbox_of(*cfg, j.inbox);
        if (!in) {
            // another daemon's job (a PostgreSQL store shared by several machines), or an inbox no
            // longer configured: not ours to resume or to fail
            log_.warning("job=%s left alone: its inbox %s is not watched here", std::to_string(j.id), printable(j.inbox));
            continue;
        }
        Task t;
        t.job = j;
        t.inbox = j.inbox;
        t.rel = j.relative_path;
        t.taken_at = Clock::now();
        t.label = in->label;
        t.pipeline = in->pipeline;
        if (j.message.rfind("result=", 0) == 0) t.result_base = j.message.substr(7);
        else t.result_base = choose_result_base(t.label, t.rel);
        {
            std::lock_guard lock(mu_);
            reserved_results_.insert(t.result_base);
        }
        struct stat st;
        if (!is_safe_relative(t.rel) || ::lstat((t.inbox + "/" + t.rel).c_str(), &st) != 0) {
            fail(t, "internal", "the file was gone from the inbox when its job resumed");
            finish(t);
            continue;
        }
        log_.information("job=%s resumed: %s", std::to_string(j.id), join(t.label, t.rel));
        std::lock_guard lock(mu_);
        taken_.insert(key_of(t.inbox, t.rel));
        if (!j.sha256.empty()) in_flight_sha_.insert(j.sha256);
        queue_.push_back(std::move(t));
    }
    metrics_.queue_depth = static_cast<std::int64_t>(queue_.size());
}

void Daemon::reload() {
    WatchConfig next;
    try {
        next = reload_();
    } catch (const std::exception& e) {
        log_.error("SIGHUP: configuration not reloaded: %s", std::string(e.what()));
        return;
    }
    if (check_pipelines(next) != 0) {
        log_.error("SIGHUP: configuration not reloaded: a pipeline does not load (see above)");
        return;
    }
    auto cur = config();
    if (next.out != cur->out || next.store_uri != cur->store_uri || next.http != cur->http)
        log_.warning("SIGHUP: --out, --store and --http keep their values until a restart");
    next.out = cur->out;
    next.store_uri = cur->store_uri;
    next.http = cur->http;
    int start_from, start_to;
    {
        std::lock_guard lock(mu_);
        cfg_ = std::make_shared<const WatchConfig>(next);
        ++generation_;  // workers are replaced between documents: plugins load afresh
        if (next.workers < slots_started_) slots_started_ = next.workers;  // the others end by themselves
        start_from = slots_started_;
        start_to = next.workers;
        cv_.notify_all();
    }
    // slot threads above the new count end by themselves; new ones start here
    for (int i = start_from; i < start_to; ++i) slots_.emplace_back([this, i] { slot_loop(i); });
    if (start_to > start_from) slots_started_ = start_to;
    log_.information("SIGHUP: configuration and plugins reloaded (%d workers, %z inboxes, queue kept)", next.workers,
                     next.inboxes.size());
}

void Daemon::drain() {
    auto cfg = config();
    log_.information("SIGTERM: draining in-flight documents (up to %d s)", cfg->drain_s);
    stopping_ = true;
    cv_.notify_all();
    const auto deadline = Clock::now() + std::chrono::seconds(cfg->drain_s);
    for (;;) {
        {
            std::lock_guard lock(mu_);
            if (busy_pids_.empty()) break;
            if (Clock::now() >= deadline) {
                draining_killed_ = true;
                for (const auto& [slot, pid] : busy_pids_) ::kill(pid, SIGKILL);
                break;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

int Daemon::run() {
    auto cfg = config();
    out_ = cfg->out;
    // one daemon per --out: a second one would process the same journal twice
    const std::string lock_path = out(".lock");
    const int lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd < 0 || ::flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
        log_.fatal("another pingcha watch is using %s", cfg->out);
        return 2;
    }
    {
        // staged results of interrupted jobs: those jobs run again from the start
        std::error_code ec;
        fs::remove_all(out(".staging"), ec);
    }
    for (const char* sub : {"results", "archive", "failed", ".staging"}) {
        std::error_code ec;
        fs::create_directories(out(sub), ec);
        if (ec) {
            log_.fatal("cannot create %s: %s", out(sub), ec.message());
            return 2;
        }
    }
    try {
        const auto created = Store::new_sqlite_file(cfg->store_uri);
        store_ = open_journal(cfg->store_uri);
        if (created) log_.information("created a new store at %s", *created);
    } catch (const ConfigError& e) {
        // a bad URI or credentials the server refused: restarting cannot help (systemd: exit 2 stops)
        log_.fatal("store %s: %s", redacted_store_uri(cfg->store_uri), std::string(e.what()));
        return 2;
    } catch (const std::exception& e) {
        log_.fatal("store %s: %s", redacted_store_uri(cfg->store_uri), std::string(e.what()));
        return 3;
    }

    // signals are taken by sigwait in this thread only; every thread started below inherits the mask
    sigset_t sigs;
    sigemptyset(&sigs);
    for (int s : {SIGTERM, SIGINT, SIGHUP, SIGQUIT}) sigaddset(&sigs, s);
    ::pthread_sigmask(SIG_BLOCK, &sigs, nullptr);
    ::signal(SIGPIPE, SIG_IGN);

    std::unique_ptr<HttpEndpoint> http;
    if (cfg->http != "off") {
        try {
            http = std::make_unique<HttpEndpoint>(cfg->http, metrics_);
        } catch (const std::exception& e) {
            log_.fatal("%s", std::string(e.what()));
            return 3;
        }
        const std::string host = cfg->http.substr(0, cfg->http.rfind(':'));
        log_.information("metrics on http://%s:%hu/metrics", host, http->port());
    }
    resume();
    {
        std::lock_guard lock(mu_);
        slots_started_ = cfg->workers;
    }
    for (int i = 0; i < cfg->workers; ++i) slots_.emplace_back([this, i] { slot_loop(i); });
    std::thread intake([this] {
        try {
            intake_loop();
        } catch (const std::exception& e) {
            log_.critical("intake stopped: %s", std::string(e.what()));
        }
    });
    log_.information("pingcha watch started: %z inbox(es), %d worker(s), out %s, store %s", cfg->inboxes.size(),
                     cfg->workers, cfg->out, redacted_store_uri(cfg->store_uri));

    for (;;) {
        int sig = 0;
        if (::sigwait(&sigs, &sig) != 0) continue;
        if (sig == SIGHUP) {
            reload();
            continue;
        }
        break;
    }
    drain();
    intake.join();
    for (auto& s : slots_) s.join();
    http.reset();
    store_.reset();
    log_.information("pingcha watch stopped");
    ::close(lock_fd);
    return 0;
}

// Logs: one line each, to stderr (the journal under systemd) or --log FILE (needed with --daemon).
// Set up inside the application: Poco's Application constructor installs its own console channel.
void setup_logging(const WatchConfig& config) {
    Poco::AutoPtr<Poco::PatternFormatter> fmt(new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S.%iZ %p %t"));
    Poco::Channel::Ptr sink;
    if (config.log_file.empty()) {
        sink = new Poco::ConsoleChannel(std::cerr);
    } else {
        auto* file = new Poco::FileChannel(config.log_file);
        file->setProperty("flush", "true");
        sink = file;
    }
    Poco::AutoPtr<Poco::FormattingChannel> chan(new Poco::FormattingChannel(fmt, sink));
    Poco::Logger::setChannel("", chan);
}

class WatchApp : public Poco::Util::ServerApplication {
public:
    WatchApp(Daemon& d, const WatchConfig& config) : daemon_(d), config_(config) {}

protected:
    int main(const std::vector<std::string>&) override {
        setup_logging(config_);
        return daemon_.run();
    }

private:
    Daemon& daemon_;
    const WatchConfig& config_;
};

}  // namespace

int run_watch(const WatchConfig& config, std::function<WatchConfig()> reload) {
    // checks that must fail loudly before going to the background
    std::error_code ec;
    fs::create_directories(config.out, ec);
    if (ec) {
        std::fprintf(stderr, "pingcha watch: cannot create --out %s: %s\n", config.out.c_str(), ec.message().c_str());
        return 2;
    }
    if (const int rc = check_pipelines(config); rc != 0) return 2;

    Daemon daemon(config, std::move(reload));
    WatchApp app(daemon, config);
    std::vector<std::string> args{config.exe_path};
    if (config.daemon) args.push_back("--daemon");
    if (!config.pidfile.empty()) args.push_back("--pidfile=" + config.pidfile);
    return app.run(args);
}

}  // namespace pingcha::watch
