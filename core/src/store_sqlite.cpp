// The embedded store: one SQLite file in WAL mode, shared by threads (one Store each) and processes.
#include <sqlite3.h>

#include <map>
#include <memory>

#include "pingcha/store.h"
#include "store_common.h"

namespace pingcha {

namespace {

using namespace store_detail;

struct DbClose {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalize {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

// Errors that mean "the store cannot be used now" (exit 3) rather than a bug.
bool is_unavailable(int rc) {
    switch (rc & 0xff) {
        case SQLITE_BUSY: case SQLITE_LOCKED: case SQLITE_CANTOPEN: case SQLITE_READONLY:
        case SQLITE_IOERR: case SQLITE_FULL: case SQLITE_CORRUPT: case SQLITE_NOTADB: case SQLITE_PERM:
            return true;
        default:
            return false;
    }
}

[[noreturn]] void fail(sqlite3* db, int rc, const std::string& what) {
    const std::string msg = "sqlite store: " + what + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    if (is_unavailable(rc)) throw StoreUnavailable(msg);
    throw std::runtime_error(msg);
}

// The shared SQL is written with PostgreSQL's $N; SQLite reads ?N the same way.
std::string to_sqlite_params(std::string sql) {
    for (char& c : sql)
        if (c == '$') c = '?';
    return sql;
}

// A prepared statement, reset and rebound for each use.
class Stmt {
public:
    Stmt(sqlite3* db, const std::string& sql) : db_(db) {
        sqlite3_stmt* s = nullptr;
        const int rc = sqlite3_prepare_v3(db, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s, nullptr);
        if (rc != SQLITE_OK) fail(db, rc, "prepare");
        stmt_.reset(s);
    }
    Stmt& start() {
        sqlite3_reset(stmt_.get());
        sqlite3_clear_bindings(stmt_.get());
        return *this;
    }
    Stmt& bind(int i, const std::string& v) {
        check(sqlite3_bind_text(stmt_.get(), i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
        return *this;
    }
    Stmt& bind(int i, std::int64_t v) {
        check(sqlite3_bind_int64(stmt_.get(), i, v));
        return *this;
    }
    Stmt& bind(int i, std::optional<int> v) {
        check(v ? sqlite3_bind_int64(stmt_.get(), i, *v) : sqlite3_bind_null(stmt_.get(), i));
        return *this;
    }
    Stmt& bind(int i, std::optional<double> v) {
        check(v ? sqlite3_bind_double(stmt_.get(), i, *v) : sqlite3_bind_null(stmt_.get(), i));
        return *this;
    }
    // True while there is a row.
    bool step() {
        const int rc = sqlite3_step(stmt_.get());
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) {
            sqlite3_reset(stmt_.get());
            return false;
        }
        sqlite3_reset(stmt_.get());
        fail(db_, rc, "step");
    }
    void run() {
        while (step()) {
        }
    }
    std::string text(int col) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.get(), col));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), col))) : std::string();
    }
    std::int64_t int64(int col) const { return sqlite3_column_int64(stmt_.get(), col); }

private:
    void check(int rc) {
        if (rc != SQLITE_OK) fail(db_, rc, "bind");
    }
    sqlite3* db_;
    std::unique_ptr<sqlite3_stmt, StmtFinalize> stmt_;
};

class SqliteStore final : public Store {
public:
    explicit SqliteStore(const std::string& path) {
        sqlite3* db = nullptr;
        const int rc = sqlite3_open_v2(path.c_str(), &db,
                                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
        db_.reset(db);
        if (rc != SQLITE_OK) throw StoreUnavailable("sqlite store: cannot open " + path + ": " +
                                                    (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
        // Several processes may write: wait for the lock rather than fail at once.
        sqlite3_busy_timeout(db_.get(), 60000);
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=NORMAL");
        migrate();
    }

    ~SqliteStore() override {
        if (in_batch_) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        stmts_.clear();  // before the connection closes
    }

    std::string backend() const override { return "sqlite"; }

    void put_document(const Document& doc) override {
        const FactColumns f = fact_columns(doc);
        const std::string now = now_iso();
        // A failed document keeps the facts already stored; a good one refreshes them.
        const char* sql = doc.failed()
            ? "INSERT INTO documents (sha256, id, source_path, bytes, media_type, page_count, text, pages_json,"
              " facts_json, court, court_code, year, type_code, decided_on, judges, stored_at, updated_at)"
              " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$16) ON CONFLICT (sha256) DO NOTHING"
            : "INSERT INTO documents (sha256, id, source_path, bytes, media_type, page_count, text, pages_json,"
              " facts_json, court, court_code, year, type_code, decided_on, judges, stored_at, updated_at)"
              " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$16) ON CONFLICT (sha256) DO UPDATE SET"
              " facts_json = excluded.facts_json, court = excluded.court, court_code = excluded.court_code,"
              " year = excluded.year, type_code = excluded.type_code, decided_on = excluded.decided_on,"
              " judges = excluded.judges, updated_at = excluded.updated_at";
        stmt(sql).start()
            .bind(1, doc.source.sha256).bind(2, doc.id).bind(3, doc.source.path)
            .bind(4, static_cast<std::int64_t>(doc.source.bytes)).bind(5, doc.source.media_type)
            .bind(6, static_cast<std::int64_t>(doc.pages.empty() ? doc.source.pages : static_cast<int>(doc.pages.size())))
            .bind(7, doc.text).bind(8, pages_to_json(doc)).bind(9, result_without_text(doc))
            .bind(10, f.court).bind(11, f.court_code).bind(12, f.year).bind(13, f.type_code)
            .bind(14, f.decided_on).bind(15, f.judges).bind(16, now)
            .run();
    }

    void refresh_filter_columns(const Document& doc) override {
        const FactColumns f = fact_columns(doc);
        stmt("UPDATE documents SET court = $2, court_code = $3, year = $4, type_code = $5, decided_on = $6, judges = $7,"
             " updated_at = $8 WHERE sha256 = $1")
            .start().bind(1, doc.source.sha256).bind(2, f.court).bind(3, f.court_code).bind(4, f.year).bind(5, f.type_code)
            .bind(6, f.decided_on).bind(7, f.judges).bind(8, now_iso()).run();
    }

    std::optional<std::string> document_id_by_sha(const std::string& sha256) override {
        auto& s = stmt("SELECT id FROM documents WHERE sha256 = $1").start().bind(1, sha256);
        if (!s.step()) return std::nullopt;
        std::string id = s.text(0);
        s.start();
        return id;
    }

    std::optional<Document> load_document(const std::string& sha256) override {
        auto& s = stmt("SELECT id, source_path, bytes, media_type, page_count, text, pages_json FROM documents"
                       " WHERE sha256 = $1").start().bind(1, sha256);
        if (!s.step()) return std::nullopt;
        Document doc;
        doc.id = s.text(0);
        doc.source.path = s.text(1);
        doc.source.sha256 = sha256;
        doc.source.bytes = static_cast<std::uint64_t>(s.int64(2));
        doc.source.media_type = s.text(3);
        doc.source.pages = static_cast<int>(s.int64(4));
        doc.text = s.text(5);
        const std::string pages = s.text(6);
        s.start();
        pages_from_json(pages, doc);
        doc.reset_view();
        return doc;
    }

    std::vector<std::string> list_documents(const StoreFilter& filter) override {
        std::string sql = "SELECT sha256 FROM documents WHERE text <> ''";
        int n = 0;
        if (!filter.court_code.empty()) sql += " AND court_code = $" + std::to_string(++n);
        if (filter.year) sql += " AND year = $" + std::to_string(++n);
        if (!filter.type_code.empty()) sql += " AND type_code = $" + std::to_string(++n);
        sql += " ORDER BY sha256";
        auto& s = stmt(sql).start();
        n = 0;
        if (!filter.court_code.empty()) s.bind(++n, filter.court_code);
        if (filter.year) s.bind(++n, filter.year);
        if (!filter.type_code.empty()) s.bind(++n, filter.type_code);
        std::vector<std::string> out;
        while (s.step()) {
            std::string sha = s.text(0);
            if (shard_of(sha, filter.shard_count) == filter.shard_index) out.push_back(std::move(sha));
        }
        return out;
    }

    void record_run(const Document& doc, const std::string& campaign, const std::string& sheet,
                    const std::string& sheet_version) override {
        const FactColumns f = fact_columns(doc);
        stmt("INSERT INTO runs (sha256, document_id, campaign, sheet, sheet_version, plugins, status, score, grade,"
             " court, court_code, year, type_code, decided_on, judges, result_json, scored_at)"
             " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)"
             " ON CONFLICT (campaign, sheet, sheet_version, plugins, sha256) DO UPDATE SET"
             " document_id = excluded.document_id, status = excluded.status, score = excluded.score,"
             " grade = excluded.grade, court = excluded.court, court_code = excluded.court_code, year = excluded.year,"
             " type_code = excluded.type_code, decided_on = excluded.decided_on, judges = excluded.judges,"
             " result_json = excluded.result_json, scored_at = excluded.scored_at")
            .start()
            .bind(1, doc.source.sha256).bind(2, doc.id).bind(3, campaign).bind(4, sheet).bind(5, sheet_version)
            .bind(6, plugin_set_key(doc.plugin_versions)).bind(7, f.status).bind(8, f.score).bind(9, f.grade)
            .bind(10, f.court).bind(11, f.court_code).bind(12, f.year).bind(13, f.type_code).bind(14, f.decided_on)
            .bind(15, f.judges).bind(16, result_without_text(doc)).bind(17, now_iso())
            .run();
    }

    bool has_run(const std::string& sha256, const std::string& campaign, const std::string& sheet,
                 const std::string& sheet_version, const std::string& plugins) override {
        auto& s = stmt("SELECT 1 FROM runs WHERE campaign = $1 AND sheet = $2 AND sheet_version = $3 AND plugins = $4"
                       " AND sha256 = $5").start()
                      .bind(1, campaign).bind(2, sheet).bind(3, sheet_version).bind(4, plugins).bind(5, sha256);
        const bool found = s.step();
        s.start();
        return found;
    }

    std::unordered_set<std::string> scored_documents(const std::string& campaign, const std::string& sheet,
                                                     const std::string& sheet_version,
                                                     const std::string& plugins) override {
        auto& s = stmt("SELECT sha256 FROM runs WHERE campaign = $1 AND sheet = $2 AND sheet_version = $3"
                       " AND plugins = $4").start()
                      .bind(1, campaign).bind(2, sheet).bind(3, sheet_version).bind(4, plugins);
        std::unordered_set<std::string> out;
        while (s.step()) out.insert(s.text(0));
        return out;
    }

    void for_each_run(const std::string& campaign, const std::function<void(const StoredRun&)>& fn) override {
        // Its own statement: fn may call back into this store.
        Stmt s(db_.get(), to_sqlite_params(
            "SELECT r.sha256, r.document_id, r.campaign, r.sheet, r.sheet_version, r.plugins, r.result_json, d.text"
            " FROM runs r JOIN documents d ON d.sha256 = r.sha256 WHERE r.campaign = $1 ORDER BY r.id"));
        s.start().bind(1, campaign);
        while (s.step()) {
            StoredRun run;
            run.sha256 = s.text(0);
            run.document_id = s.text(1);
            run.campaign = s.text(2);
            run.sheet = s.text(3);
            run.sheet_version = s.text(4);
            run.plugins = s.text(5);
            run.result_json = with_text(s.text(6), s.text(7));
            fn(run);
        }
    }

    Job begin_job(const std::string& inbox, const std::string& relative_path, const std::string& sha256) override {
        const std::string now = now_iso();
        stmt("INSERT INTO jobs (inbox, relative_path, sha256, state, attempts, error_class, message, created_at,"
             " updated_at) VALUES ($1, $2, $3, 'queued', 0, '', '', $4, $4)")
            .start().bind(1, inbox).bind(2, relative_path).bind(3, sha256).bind(4, now).run();
        Job job;
        job.id = sqlite3_last_insert_rowid(db_.get());
        job.inbox = inbox;
        job.relative_path = relative_path;
        job.sha256 = sha256;
        job.state = "queued";
        return job;
    }

    void update_job(const Job& job) override {
        stmt("UPDATE jobs SET inbox = $2, relative_path = $3, sha256 = $4, state = $5, attempts = $6,"
             " error_class = $7, message = $8, updated_at = $9 WHERE id = $1")
            .start().bind(1, job.id).bind(2, job.inbox).bind(3, job.relative_path).bind(4, job.sha256)
            .bind(5, job.state).bind(6, static_cast<std::int64_t>(job.attempts)).bind(7, job.error_class)
            .bind(8, job.message).bind(9, now_iso()).run();
    }

    std::vector<Job> unfinished_jobs() override {
        auto& s = stmt(job_select + " WHERE state IN ('queued', 'running') ORDER BY id").start();
        std::vector<Job> out;
        while (s.step()) out.push_back(read_job(s));
        return out;
    }

    std::optional<Job> done_job_by_sha(const std::string& sha256) override {
        auto& s = stmt(job_select + " WHERE sha256 = $1 AND state = 'done' ORDER BY id LIMIT 1").start().bind(1, sha256);
        if (!s.step()) return std::nullopt;
        Job job = read_job(s);
        s.start();
        return job;
    }

    void begin_batch() override {
        if (in_batch_) return;
        exec("BEGIN IMMEDIATE");
        in_batch_ = true;
    }
    void commit_batch() override {
        if (!in_batch_) return;
        exec("COMMIT");
        in_batch_ = false;
    }

private:
    inline static const std::string job_select =
        "SELECT id, inbox, relative_path, sha256, state, attempts, error_class, message FROM jobs";

    static Job read_job(const Stmt& s) {
        Job job;
        job.id = s.int64(0);
        job.inbox = s.text(1);
        job.relative_path = s.text(2);
        job.sha256 = s.text(3);
        job.state = s.text(4);
        job.attempts = static_cast<int>(s.int64(5));
        job.error_class = s.text(6);
        job.message = s.text(7);
        return job;
    }

    void exec(const std::string& sql) {
        char* err = nullptr;
        const int rc = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &err);
        if (rc != SQLITE_OK) {
            std::string msg = err ? err : sqlite3_errstr(rc);
            sqlite3_free(err);
            const std::string what = "sqlite store: " + sql.substr(0, 40) + ": " + msg;
            if (is_unavailable(rc)) throw StoreUnavailable(what);
            throw std::runtime_error(what);
        }
    }

    Stmt& stmt(const std::string& sql) {
        auto it = stmts_.find(sql);
        if (it == stmts_.end()) it = stmts_.emplace(sql, std::make_unique<Stmt>(db_.get(), to_sqlite_params(sql))).first;
        return *it->second;
    }

    // Several processes may open a fresh file at once: BEGIN IMMEDIATE lets one migrate at a time.
    void migrate() {
        exec("BEGIN IMMEDIATE");
        try {
            exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            std::int64_t version = 0;
            {
                Stmt s(db_.get(), "SELECT COALESCE(MAX(version), 0) FROM schema_version");
                if (s.start().step()) version = s.int64(0);
            }
            const auto steps = migrations("INTEGER PRIMARY KEY AUTOINCREMENT");
            if (version > static_cast<std::int64_t>(steps.size()))
                throw StoreUnavailable("sqlite store: schema version " + std::to_string(version) +
                                       " is newer than this pingcha knows (" + std::to_string(steps.size()) + ")");
            for (auto v = static_cast<std::size_t>(version); v < steps.size(); ++v) {
                for (const auto& sql : steps[v]) exec(sql);
                exec("DELETE FROM schema_version");
                exec("INSERT INTO schema_version (version) VALUES (" + std::to_string(v + 1) + ")");
            }
            exec("COMMIT");
        } catch (...) {
            sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
    }

    std::unique_ptr<sqlite3, DbClose> db_;
    std::map<std::string, std::unique_ptr<Stmt>> stmts_;
    bool in_batch_ = false;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path) { return std::make_unique<SqliteStore>(path); }

}  // namespace pingcha
