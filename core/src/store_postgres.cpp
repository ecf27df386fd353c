// The shared store: PostgreSQL through libpq, for many processes on many machines.
#include <libpq-fe.h>

#include <map>
#include <memory>

#include "pingcha/pipeline.h"
#include "pingcha/store.h"
#include "store_common.h"

namespace pingcha {

namespace {

using namespace store_detail;

struct ConnFinish {
    void operator()(PGconn* c) const { PQfinish(c); }
};
struct ResultClear {
    void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultClear>;

// Query parameters in text form; nullopt is SQL NULL.
class Params {
public:
    Params& add(const std::string& v) {
        values_.emplace_back(v);
        return *this;
    }
    Params& add(std::int64_t v) { return add(std::to_string(v)); }
    Params& add(std::optional<int> v) {
        values_.emplace_back(v ? std::optional<std::string>(std::to_string(*v)) : std::nullopt);
        return *this;
    }
    Params& add(std::optional<double> v) {
        values_.emplace_back(v ? std::optional<std::string>(json_double(*v)) : std::nullopt);
        return *this;
    }
    int size() const { return static_cast<int>(values_.size()); }
    std::vector<const char*> pointers() const {
        std::vector<const char*> p;
        for (const auto& v : values_) p.push_back(v ? v->c_str() : nullptr);
        return p;
    }

private:
    static std::string json_double(double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", v);
        return buf;
    }
    std::vector<std::optional<std::string>> values_;
};

void ignore_notice(void*, const char*) {}

class PostgresStore final : public Store {
public:
    explicit PostgresStore(const std::string& uri) {
        // Fail fast when the server is down instead of waiting for the OS timeout.
        std::string conninfo = uri;
        if (conninfo.find("connect_timeout=") == std::string::npos)
            conninfo += (conninfo.find('?') == std::string::npos ? "?" : "&") + std::string("connect_timeout=10");
        conn_.reset(PQconnectdb(conninfo.c_str()));
        if (!conn_)
            throw StoreUnavailable("postgresql store: cannot connect to " + redacted_store_uri(uri) + ": out of memory");
        if (PQstatus(conn_.get()) != CONNECTION_OK) {
            const std::string why = trim(PQerrorMessage(conn_.get()));
            // The server answered and wanted a password: none was given, or the one given was refused
            // (or, once it was, the role or database is unknown). Retrying cannot help, so it is a
            // configuration error (exit 2, which systemd does not restart), not an unreachable store.
            if (PQconnectionNeedsPassword(conn_.get()))
                throw ConfigError("postgresql store: " + redacted_store_uri(uri) +
                                  " wants a password and none was given (in the URI or PGPASSFILE): " + why);
            if (PQconnectionUsedPassword(conn_.get()))
                throw ConfigError("postgresql store: " + redacted_store_uri(uri) + " refused the login: " + why);
            throw StoreUnavailable("postgresql store: cannot connect to " + redacted_store_uri(uri) + ": " + why);
        }
        PQsetNoticeProcessor(conn_.get(), ignore_notice, nullptr);
        migrate();
    }

    ~PostgresStore() override {
        if (in_batch_) Result(PQexec(conn_.get(), "ROLLBACK"));
    }

    std::string backend() const override { return "postgresql"; }

    void put_document(const Document& doc) override {
        const FactColumns f = fact_columns(doc);
        const std::string now = now_iso();
        const std::string insert =
            "INSERT INTO documents (sha256, id, source_path, bytes, media_type, page_count, text, pages_json,"
            " facts_json, court, court_code, year, type_code, decided_on, judges, stored_at, updated_at)"
            " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$16) ON CONFLICT (sha256) ";
        const std::string sql = doc.failed()
            ? insert + "DO NOTHING"
            : insert + "DO UPDATE SET facts_json = excluded.facts_json, court = excluded.court,"
                       " court_code = excluded.court_code, year = excluded.year, type_code = excluded.type_code,"
                       " decided_on = excluded.decided_on, judges = excluded.judges, updated_at = excluded.updated_at";
        Params p;
        p.add(doc.source.sha256).add(doc.id).add(doc.source.path).add(static_cast<std::int64_t>(doc.source.bytes))
            .add(doc.source.media_type)
            .add(static_cast<std::int64_t>(doc.pages.empty() ? doc.source.pages : static_cast<int>(doc.pages.size())))
            .add(doc.text).add(pages_to_json(doc)).add(result_without_text(doc)).add(f.court).add(f.court_code)
            .add(f.year).add(f.type_code).add(f.decided_on).add(f.judges).add(now);
        exec(sql, p, PGRES_COMMAND_OK);
    }

    void refresh_filter_columns(const Document& doc) override {
        const FactColumns f = fact_columns(doc);
        exec("UPDATE documents SET court = $2, court_code = $3, year = $4, type_code = $5, decided_on = $6, judges = $7,"
             " updated_at = $8 WHERE sha256 = $1",
             Params().add(doc.source.sha256).add(f.court).add(f.court_code).add(f.year).add(f.type_code).add(f.decided_on)
                 .add(f.judges).add(now_iso()),
             PGRES_COMMAND_OK);
    }

    std::optional<std::string> document_id_by_sha(const std::string& sha256) override {
        Result r = exec("SELECT id FROM documents WHERE sha256 = $1", Params().add(sha256), PGRES_TUPLES_OK);
        if (PQntuples(r.get()) == 0) return std::nullopt;
        return text(r, 0, 0);
    }

    std::optional<Document> load_document(const std::string& sha256) override {
        Result r = exec("SELECT id, source_path, bytes, media_type, page_count, text, pages_json FROM documents"
                        " WHERE sha256 = $1", Params().add(sha256), PGRES_TUPLES_OK);
        if (PQntuples(r.get()) == 0) return std::nullopt;
        Document doc;
        doc.id = text(r, 0, 0);
        doc.source.path = text(r, 0, 1);
        doc.source.sha256 = sha256;
        doc.source.bytes = std::stoull("0" + text(r, 0, 2));
        doc.source.media_type = text(r, 0, 3);
        doc.source.pages = std::stoi("0" + text(r, 0, 4));
        doc.text = text(r, 0, 5);
        pages_from_json(text(r, 0, 6), doc);
        doc.reset_view();
        return doc;
    }

    std::vector<std::string> list_documents(const StoreFilter& filter) override {
        std::string sql = "SELECT sha256 FROM documents WHERE text <> ''";
        Params p;
        if (!filter.court_code.empty()) {
            p.add(filter.court_code);
            sql += " AND court_code = $" + std::to_string(p.size());
        }
        if (filter.year) {
            p.add(filter.year);
            sql += " AND year = $" + std::to_string(p.size());
        }
        if (!filter.type_code.empty()) {
            p.add(filter.type_code);
            sql += " AND type_code = $" + std::to_string(p.size());
        }
        sql += " ORDER BY sha256 COLLATE \"C\"";
        Result r = exec(sql, p, PGRES_TUPLES_OK);
        std::vector<std::string> out;
        for (int i = 0; i < PQntuples(r.get()); ++i) {
            std::string sha = text(r, i, 0);
            if (shard_of(sha, filter.shard_count) == filter.shard_index) out.push_back(std::move(sha));
        }
        return out;
    }

    void record_run(const Document& doc, const std::string& campaign, const std::string& sheet,
                    const std::string& sheet_version) override {
        const FactColumns f = fact_columns(doc);
        Params p;
        p.add(doc.source.sha256).add(doc.id).add(campaign).add(sheet).add(sheet_version)
            .add(plugin_set_key(doc.plugin_versions)).add(f.status).add(f.score).add(f.grade).add(f.court)
            .add(f.court_code).add(f.year).add(f.type_code).add(f.decided_on).add(f.judges)
            .add(result_without_text(doc)).add(now_iso());
        exec("INSERT INTO runs (sha256, document_id, campaign, sheet, sheet_version, plugins, status, score, grade,"
             " court, court_code, year, type_code, decided_on, judges, result_json, scored_at)"
             " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)"
             " ON CONFLICT (campaign, sheet, sheet_version, plugins, sha256) DO UPDATE SET"
             " document_id = excluded.document_id, status = excluded.status, score = excluded.score,"
             " grade = excluded.grade, court = excluded.court, court_code = excluded.court_code, year = excluded.year,"
             " type_code = excluded.type_code, decided_on = excluded.decided_on, judges = excluded.judges,"
             " result_json = excluded.result_json, scored_at = excluded.scored_at",
             p, PGRES_COMMAND_OK);
    }

    bool has_run(const std::string& sha256, const std::string& campaign, const std::string& sheet,
                 const std::string& sheet_version, const std::string& plugins) override {
        Result r = exec("SELECT 1 FROM runs WHERE campaign = $1 AND sheet = $2 AND sheet_version = $3"
                        " AND plugins = $4 AND sha256 = $5",
                        Params().add(campaign).add(sheet).add(sheet_version).add(plugins).add(sha256), PGRES_TUPLES_OK);
        return PQntuples(r.get()) > 0;
    }

    std::unordered_set<std::string> scored_documents(const std::string& campaign, const std::string& sheet,
                                                     const std::string& sheet_version,
                                                     const std::string& plugins) override {
        Result r = exec("SELECT sha256 FROM runs WHERE campaign = $1 AND sheet = $2 AND sheet_version = $3"
                        " AND plugins = $4",
                        Params().add(campaign).add(sheet).add(sheet_version).add(plugins), PGRES_TUPLES_OK);
        std::unordered_set<std::string> out;
        for (int i = 0; i < PQntuples(r.get()); ++i) out.insert(text(r, i, 0));
        return out;
    }

    void for_each_run(const std::string& campaign, const std::function<void(const StoredRun&)>& fn) override {
        // A cursor keeps memory flat on large campaigns and lets fn use this connection between fetches.
        const bool own_tx = !in_batch_;
        if (own_tx) exec("BEGIN", Params(), PGRES_COMMAND_OK);
        try {
            exec("DECLARE pingcha_runs NO SCROLL CURSOR FOR"
                 " SELECT r.sha256, r.document_id, r.campaign, r.sheet, r.sheet_version, r.plugins, r.result_json, d.text"
                 " FROM runs r JOIN documents d ON d.sha256 = r.sha256 WHERE r.campaign = $1 ORDER BY r.id",
                 Params().add(campaign), PGRES_COMMAND_OK);
            while (true) {
                Result r = exec("FETCH 500 FROM pingcha_runs", Params(), PGRES_TUPLES_OK);
                const int n = PQntuples(r.get());
                if (n == 0) break;
                for (int i = 0; i < n; ++i) {
                    StoredRun run;
                    run.sha256 = text(r, i, 0);
                    run.document_id = text(r, i, 1);
                    run.campaign = text(r, i, 2);
                    run.sheet = text(r, i, 3);
                    run.sheet_version = text(r, i, 4);
                    run.plugins = text(r, i, 5);
                    run.result_json = with_text(text(r, i, 6), text(r, i, 7));
                    fn(run);
                }
            }
            exec("CLOSE pingcha_runs", Params(), PGRES_COMMAND_OK);
        } catch (...) {
            if (own_tx) Result(PQexec(conn_.get(), "ROLLBACK"));
            else Result(PQexec(conn_.get(), "CLOSE pingcha_runs"));
            throw;
        }
        if (own_tx) exec("COMMIT", Params(), PGRES_COMMAND_OK);
    }

    Job begin_job(const std::string& inbox, const std::string& relative_path, const std::string& sha256) override {
        const std::string now = now_iso();
        Result r = exec("INSERT INTO jobs (inbox, relative_path, sha256, state, attempts, error_class, message,"
                        " created_at, updated_at) VALUES ($1, $2, $3, 'queued', 0, '', '', $4, $4) RETURNING id",
                        Params().add(inbox).add(relative_path).add(sha256).add(now), PGRES_TUPLES_OK);
        Job job;
        job.id = std::stoll(text(r, 0, 0));
        job.inbox = inbox;
        job.relative_path = relative_path;
        job.sha256 = sha256;
        job.state = "queued";
        return job;
    }

    void update_job(const Job& job) override {
        exec("UPDATE jobs SET inbox = $2, relative_path = $3, sha256 = $4, state = $5, attempts = $6,"
             " error_class = $7, message = $8, updated_at = $9 WHERE id = $1",
             Params().add(job.id).add(job.inbox).add(job.relative_path).add(job.sha256).add(job.state)
                 .add(static_cast<std::int64_t>(job.attempts)).add(job.error_class).add(job.message).add(now_iso()),
             PGRES_COMMAND_OK);
    }

    std::vector<Job> unfinished_jobs() override {
        Result r = exec(job_select + " WHERE state IN ('queued', 'running') ORDER BY id", Params(), PGRES_TUPLES_OK);
        std::vector<Job> out;
        for (int i = 0; i < PQntuples(r.get()); ++i) out.push_back(read_job(r, i));
        return out;
    }

    std::optional<Job> done_job_by_sha(const std::string& sha256) override {
        Result r = exec(job_select + " WHERE sha256 = $1 AND state = 'done' ORDER BY id LIMIT 1", Params().add(sha256),
                        PGRES_TUPLES_OK);
        if (PQntuples(r.get()) == 0) return std::nullopt;
        return read_job(r, 0);
    }

    void begin_batch() override {
        if (in_batch_) return;
        exec("BEGIN", Params(), PGRES_COMMAND_OK);
        in_batch_ = true;
    }
    void commit_batch() override {
        if (!in_batch_) return;
        in_batch_ = false;
        exec("COMMIT", Params(), PGRES_COMMAND_OK);
    }

private:
    inline static const std::string job_select =
        "SELECT id, inbox, relative_path, sha256, state, attempts, error_class, message FROM jobs";

    static std::string trim(std::string s) {
        while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
        return s;
    }
    static std::string text(const Result& r, int row, int col) {
        if (PQgetisnull(r.get(), row, col)) return {};
        return std::string(PQgetvalue(r.get(), row, col), static_cast<std::size_t>(PQgetlength(r.get(), row, col)));
    }
    static Job read_job(const Result& r, int i) {
        Job job;
        job.id = std::stoll(text(r, i, 0));
        job.inbox = text(r, i, 1);
        job.relative_path = text(r, i, 2);
        job.sha256 = text(r, i, 3);
        job.state = text(r, i, 4);
        job.attempts = std::stoi("0" + text(r, i, 5));
        job.error_class = text(r, i, 6);
        job.message = text(r, i, 7);
        return job;
    }

    // Runs one statement; statements with parameters are prepared once per connection.
    Result exec(const std::string& sql, const Params& params, ExecStatusType expected) {
        const auto ptrs = params.pointers();
        PGresult* raw = nullptr;
        if (params.size() == 0) {
            raw = PQexec(conn_.get(), sql.c_str());
        } else {
            auto it = prepared_.find(sql);
            if (it == prepared_.end()) {
                const std::string name = "p" + std::to_string(prepared_.size());
                Result prep(PQprepare(conn_.get(), name.c_str(), sql.c_str(), params.size(), nullptr));
                check(prep, PGRES_COMMAND_OK, sql);
                it = prepared_.emplace(sql, name).first;
            }
            raw = PQexecPrepared(conn_.get(), it->second.c_str(), params.size(), ptrs.data(), nullptr, nullptr, 0);
        }
        Result r(raw);
        check(r, expected, sql);
        return r;
    }

    void check(const Result& r, ExecStatusType expected, const std::string& sql) {
        if (r && PQresultStatus(r.get()) == expected) return;
        const std::string msg = "postgresql store: " + sql.substr(0, 60) + ": " +
                                trim(r ? PQresultErrorMessage(r.get()) : PQerrorMessage(conn_.get()));
        if (PQstatus(conn_.get()) != CONNECTION_OK) throw StoreUnavailable(msg);
        throw std::runtime_error(msg);
    }

    // Several processes may open a fresh database at once: an advisory lock serialises migrations.
    void migrate() {
        exec("BEGIN", Params(), PGRES_COMMAND_OK);
        try {
            exec("SELECT pg_advisory_xact_lock(7284917)", Params(), PGRES_TUPLES_OK);
            exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", Params(), PGRES_COMMAND_OK);
            Result r = exec("SELECT COALESCE(MAX(version), 0) FROM schema_version", Params(), PGRES_TUPLES_OK);
            const auto version = static_cast<std::size_t>(std::stoll(text(r, 0, 0)));
            const auto steps = migrations("BIGSERIAL PRIMARY KEY");
            if (version > steps.size())
                throw StoreUnavailable("postgresql store: schema version " + std::to_string(version) +
                                       " is newer than this pingcha knows (" + std::to_string(steps.size()) + ")");
            for (auto v = version; v < steps.size(); ++v) {
                for (const auto& sql : steps[v]) exec(sql, Params(), PGRES_COMMAND_OK);
                exec("DELETE FROM schema_version", Params(), PGRES_COMMAND_OK);
                exec("INSERT INTO schema_version (version) VALUES (" + std::to_string(v + 1) + ")", Params(),
                     PGRES_COMMAND_OK);
            }
            exec("COMMIT", Params(), PGRES_COMMAND_OK);
        } catch (...) {
            Result(PQexec(conn_.get(), "ROLLBACK"));
            throw;
        }
    }

    std::unique_ptr<PGconn, ConnFinish> conn_;
    std::map<std::string, std::string> prepared_;
    bool in_batch_ = false;
};

}  // namespace

std::unique_ptr<Store> open_postgres_store(const std::string& uri) { return std::make_unique<PostgresStore>(uri); }

}  // namespace pingcha
