// Pieces of the daemon shared between its source files: intake, worker processes, metrics, files.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pingcha/watch.h"

namespace pingcha::watch {

using Clock = std::chrono::steady_clock;

// The daemon's job journal: the four job calls of Store, so that the file-backed fallback (and the
// tests' fake) need not follow the rest of the Store interface.
class Journal {
public:
    virtual ~Journal() = default;
    virtual Job begin_job(const std::string& inbox, const std::string& relative_path, const std::string& sha256) = 0;
    virtual void update_job(const Job& job) = 0;
    virtual std::vector<Job> unfinished_jobs() = 0;
    virtual std::optional<Job> done_job_by_sha(const std::string& sha256) = 0;
};

// "journal:PATH" is the file-backed journal; anything else goes to Store::open.
std::unique_ptr<Journal> open_journal(const std::string& uri);
std::unique_ptr<Journal> open_file_journal(const std::string& path);

// ---- files -------------------------------------------------------------------------------

// Junk a clerk's tools leave behind: never taken, never moved.
bool is_junk_name(const std::string& name);
// A relative path safe to append to an output folder: no empty, "." or ".." component, not absolute.
bool is_safe_relative(const std::string& rel);
// Writes content to path through a temporary name in the same folder, fsync'ed, then renamed.
void write_file_atomic(const std::string& path, const std::string& content);
// path itself when nothing is there yet, else path with ".1", ".2", ... before the extension.
std::string unique_path(const std::string& path, const std::set<std::string>& reserved = {});
// Moves a file (or a symlink itself, never its target) to dest, creating folders; rename only,
// so the source and dest must be on one file system (copy+fsync+unlink otherwise).
void move_file(const std::string& src, const std::string& dest);
void make_parent_dirs(const std::string& path);

// ---- intake ------------------------------------------------------------------------------

// A file found in an inbox, as seen by lstat.
struct Seen {
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    enum class Kind { regular, symlink, other } kind = Kind::regular;
};

// Remembers candidate files and says which have kept their size and mtime for the settle time.
class StabilityTracker {
public:
    // Records an observation; returns true when the file changed (or is new).
    bool observe(const std::string& key, const Seen& seen, Clock::time_point now);
    void forget(const std::string& key) { entries_.erase(key); }
    // Keys whose observation has not changed for at least `settle` (measured from the first
    // observation of the current size/mtime).
    std::vector<std::string> stable(Clock::time_point now, std::chrono::milliseconds settle) const;
    std::optional<Clock::time_point> first_seen(const std::string& key) const;
    std::optional<Clock::time_point> stable_since(const std::string& key) const;
    std::vector<std::string> keys() const;
    std::size_t size() const { return entries_.size(); }

private:
    struct Entry {
        Seen seen;
        Clock::time_point first_seen, since;
    };
    std::map<std::string, Entry> entries_;
};

// Lists the files of one inbox (recursively; hidden entries and junk skipped; symlinks reported,
// never followed) as relative paths. Only `dir_rel` (a sub-folder) when not empty.
void scan_inbox(const std::string& inbox, const std::string& dir_rel, bool recursive,
                std::map<std::string, Seen>& out, std::vector<std::string>* dirs = nullptr);

// inotify: watches folders, reports which folders saw changes. Only a hint.
class DirWatcher {
public:
    DirWatcher();
    ~DirWatcher();
    bool ok() const { return fd_ >= 0; }
    void add(const std::string& dir);
    // Folders with events since the last call (absolute); waits up to timeout for the first.
    std::set<std::string> changed(int timeout_ms, bool* overflow);

private:
    int fd_ = -1;
    std::map<int, std::string> dirs_;
    std::set<std::string> watched_;
};

// True for NFS, CIFS/SMB and similar mounts, where inotify sees nothing done by other machines.
bool is_network_fs(const std::string& dir);

// ---- worker processes --------------------------------------------------------------------

struct WorkerReply {
    enum class Outcome { replied, crashed, timed_out } outcome = Outcome::replied;
    std::string line;   // the reply when replied
    int signal = 0;     // when crashed by a signal
    int exit_code = 0;  // when it exited
};

// One worker process: `pingcha watch --worker`, fed one job line at a time.
class WorkerProcess {
public:
    WorkerProcess(const WatchConfig& cfg, int generation);
    ~WorkerProcess();
    WorkerProcess(const WorkerProcess&) = delete;
    WorkerProcess& operator=(const WorkerProcess&) = delete;

    // Sends a request and waits up to timeout for the reply line; kills the worker on timeout.
    WorkerReply call(const std::string& request_line, std::chrono::milliseconds timeout);
    // False once the process is gone (reaped here when it died while idle).
    bool alive();
    int generation() const { return generation_; }
    pid_t pid() const { return pid_; }
    // Closes stdin and waits a little for a clean exit, then kills.
    void stop();

private:
    void kill_and_reap(WorkerReply* reply);
    pid_t pid_ = -1;
    int to_child_ = -1, from_child_ = -1;
    int generation_ = 0;
    std::string buffer_;
};

// ---- metrics -----------------------------------------------------------------------------

class Metrics {
public:
    void document(const std::string& status);
    void pages(std::uint64_t n) { pages_ += n; }
    void stage(const std::string& name, double seconds);
    void latency(double seconds);
    void worker_restart() { worker_restarts_++; }
    std::atomic<std::int64_t> queue_depth{0};
    std::atomic<std::int64_t> in_flight{0};
    // Prometheus text exposition format.
    std::string render() const;

private:
    mutable std::mutex mu_;
    std::map<std::string, std::uint64_t> documents_;
    struct Histogram {
        std::vector<std::uint64_t> buckets;
        double sum = 0;
        std::uint64_t count = 0;
    };
    std::map<std::string, Histogram> stages_;
    Histogram latency_;
    std::atomic<std::uint64_t> pages_{0};
    std::atomic<std::uint64_t> worker_restarts_{0};
};

// The HTTP endpoint (/healthz, /metrics). Throws StoreUnavailable-like std::runtime_error when
// the address cannot be bound.
class HttpEndpoint {
public:
    HttpEndpoint(const std::string& addr, Metrics& metrics);
    ~HttpEndpoint();
    std::uint16_t port() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace pingcha::watch
