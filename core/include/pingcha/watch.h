// The daemon (`pingcha watch`): watched inboxes, a durable job journal, supervised worker processes,
// health and metrics over HTTP. The CLI only turns flags into Settings and calls run_watch().
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "pingcha/store.h"

namespace pingcha::watch {

// Flag or property values by key ("inbox", "out", "workers", ...); repeatable keys hold several.
using Settings = std::multimap<std::string, std::string>;

struct Inbox {
    std::string dir;       // absolute, no trailing slash
    std::string pipeline;  // pipeline name or path for documents dropped here
    std::string label;     // output sub-folder when there are several inboxes, else empty
};

struct WatchConfig {
    std::string config_file;  // --config, re-read on SIGHUP
    std::vector<Inbox> inboxes;
    std::string out;          // absolute
    std::string store_uri;    // default sqlite:<out>/pingcha.db
    std::string http = "127.0.0.1:9464";  // "off" disables
    int workers = 1;
    enum class PollMode { automatic, on, off } poll = PollMode::automatic;
    int poll_ms = 1000;       // scan interval in polling mode
    int rescan_s = 30;        // full rescan interval with inotify
    int settle_ms = 2000;     // size and mtime stable this long before a file is taken
    int timeout_s = 300;      // per document
    int memory_mb = 4096;     // RLIMIT_AS of a worker; 0 = no limit
    int drain_s = 30;         // SIGTERM: how long in-flight documents may finish
    int queue_max = 256;      // bounded queue of taken documents
    int max_attempts = 5;     // transient errors are retried this often (with back-off)
    std::string pipeline = "judgment-review";  // for inboxes that name none
    std::string campaign = "watch";            // documents' runs are stored under this campaign
    std::vector<std::string> plugin_paths;
    std::vector<std::string> pipelines_dirs;
    std::string exe_path;     // the pingcha binary, started again as worker
    bool daemon = false;
    std::string pidfile;
    std::string log_file;     // empty: stderr (the journal under systemd)
};

// Thrown for a bad flag, property file or folder layout: the CLI exits 2.
class WatchConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Every key a flag or property may use, and whether it takes a value / repeats.
struct SettingKey {
    std::string name;
    bool takes_value;
    bool repeatable;
};
const std::vector<SettingKey>& setting_keys();

// Reads flags merged over the properties file named by "config" (flags win per key), checks them
// and the folder layout (out inside an inbox, overlapping inboxes: refused). Throws WatchConfigError.
WatchConfig load_config(const Settings& flags, const std::string& exe_path);

// Runs the daemon under Poco::Util::ServerApplication until SIGTERM/SIGINT. `reload` re-reads
// the configuration on SIGHUP. Returns the exit code (0 after a drain, 2 config, 3 unavailable).
int run_watch(const WatchConfig& config, std::function<WatchConfig()> reload);

// The hidden worker (`pingcha watch --worker ...`): reads job lines on stdin, writes one reply line
// per job on stdout. Returns the exit code.
int run_worker(const std::vector<std::string>& args);

}  // namespace pingcha::watch
