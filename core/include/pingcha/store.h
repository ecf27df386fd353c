// The store: every document once by SHA-256 (source, text, pages, facts), every scoring run, and the
// daemon's job journal. One interface, two back-ends: sqlite:PATH (embedded, default) and
// postgresql://… (many machines). Schema versioned; migrations run in open().
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include "pingcha/document.h"

namespace pingcha {

// The store cannot be reached (server down, file not writable): the CLI exits 3.
class StoreUnavailable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A subset of the archive for rescore/report: court=辽05, year=2022, type=民初 (and-ed), and a shard.
struct StoreFilter {
    std::string court_code;       // case number court code, exact
    std::optional<int> year;      // case number year
    std::string type_code;        // case number type code, exact
    int shard_index = 0;          // K of --shard K/N
    int shard_count = 1;          // N; documents are picked by their SHA-256
};

// One scoring run of one document, as recorded.
struct StoredRun {
    std::string sha256;
    std::string document_id;
    std::string campaign;
    std::string sheet;
    std::string sheet_version;
    std::string plugins;  // "name=version,..." sorted, identifies the plugin set
    std::string result_json;  // the full result (pingcha.result/1)
};

// A job of the daemon's journal: recorded before work starts, closed when its result is committed.
struct Job {
    std::int64_t id = 0;
    std::string inbox;
    std::string relative_path;
    std::string sha256;
    std::string state;  // queued, running, done, failed, duplicate
    int attempts = 0;
    std::string error_class;
    std::string message;
};

// One Store object is one connection: use it from one thread at a time; open one per thread or
// process (several processes may share one SQLite file or one PostgreSQL database).
class Store {
public:
    virtual ~Store() = default;

    // Opens (and migrates) the store, creating an sqlite: file that does not exist yet. Throws
    // StoreUnavailable, or ConfigError for a bad URI or credentials the server refuses.
    static std::unique_ptr<Store> open(const std::string& uri);
    // The same for the commands that read a store another one made (rescore, report): an sqlite:
    // file that does not exist is a ConfigError, never a new empty store that hides a typo.
    static std::unique_ptr<Store> open_existing(const std::string& uri);
    // The file of an sqlite: URI when it does not exist yet (open() would create it), else nothing.
    static std::optional<std::string> new_sqlite_file(const std::string& uri);

    // Documents, by SHA-256 of the source bytes. put_document keeps the first copy's text and pages
    // and refreshes facts; the id of the first copy is returned for duplicates.
    virtual void put_document(const Document& doc) = 0;
    virtual std::optional<std::string> document_id_by_sha(const std::string& sha256) = 0;
    // Refreshes only the columns --where filters on (court, case number parts, decision date,
    // judges) from newly extracted facts: cheaper than put_document when re-scoring.
    virtual void refresh_filter_columns(const Document& doc) = 0;
    // Rebuilds a document from stored text (text, pages, source; view reset) for re-scoring.
    virtual std::optional<Document> load_document(const std::string& sha256) = 0;
    // SHA-256 of every stored document matching the filter, in hash order.
    virtual std::vector<std::string> list_documents(const StoreFilter& filter) = 0;

    // Scoring runs. put_run records under the document's own score sheet and version; a failed
    // document has no score, so record_run takes the sheet the run was made with. A second run
    // with the same (document, campaign, sheet, version, plugin set) replaces the first.
    void put_run(const Document& scored, const std::string& campaign);
    virtual void record_run(const Document& scored, const std::string& campaign, const std::string& sheet,
                            const std::string& sheet_version) = 0;
    // SHA-256 of every document already scored under this campaign, sheet version and plugin set
    // (one query instead of one has_run per document, for resuming large runs).
    virtual std::unordered_set<std::string> scored_documents(const std::string& campaign, const std::string& sheet,
                                                             const std::string& sheet_version,
                                                             const std::string& plugins) = 0;
    virtual bool has_run(const std::string& sha256, const std::string& campaign, const std::string& sheet,
                         const std::string& sheet_version, const std::string& plugins) = 0;
    virtual void for_each_run(const std::string& campaign, const std::function<void(const StoredRun&)>& fn) = 0;

    // The daemon's journal.
    virtual Job begin_job(const std::string& inbox, const std::string& relative_path, const std::string& sha256) = 0;
    virtual void update_job(const Job& job) = 0;
    virtual std::vector<Job> unfinished_jobs() = 0;
    virtual std::optional<Job> done_job_by_sha(const std::string& sha256) = 0;

    // Groups writes into one transaction (much faster for many small writes; a crash loses at most
    // the open batch). Not nested. The destructor rolls back an open batch.
    virtual void begin_batch() = 0;
    virtual void commit_batch() = 0;

    // "sqlite" or "postgresql".
    virtual std::string backend() const = 0;
};

// The shard (0..count-1) of a document: its SHA-256's first 8 hex digits modulo count, so that
// N processes given K/N for K = 0..N-1 cover the archive exactly once.
int shard_of(const std::string& sha256, int shard_count);

// Parses "K/N" (0 <= K < N); throws ConfigError.
void parse_shard(const std::string& text, StoreFilter& filter);
// Parses one --where EXPR (court=辽05, year=2022, type=民初) into the filter; throws ConfigError.
void parse_where(const std::string& expr, StoreFilter& filter);

// The URI with its password, if any, as *** (postgresql://u:***@host/db): for messages and logs.
std::string redacted_store_uri(const std::string& uri);

// "name=version,..." for the plugin versions a document was scored with.
std::string plugin_set_key(const std::map<std::string, std::string>& versions);

}  // namespace pingcha
