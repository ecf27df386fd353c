// The store front: URI dispatch to a back-end, plugin-set keys, shards and --where filters.
#include "pingcha/store.h"

#include <charconv>
#include <filesystem>

#include "pingcha/pipeline.h"

namespace fs = std::filesystem;

namespace pingcha {

// Back-end factories (store_sqlite.cpp, store_postgres.cpp).
std::unique_ptr<Store> open_sqlite_store(const std::string& path);
std::unique_ptr<Store> open_postgres_store(const std::string& conninfo);

namespace {

bool starts_with(const std::string& s, std::string_view prefix) {
    return s.compare(0, prefix.size(), prefix) == 0;
}

// The file of an sqlite:PATH or sqlite://PATH URI; nothing for another scheme.
std::optional<std::string> sqlite_path(const std::string& uri) {
    if (!starts_with(uri, "sqlite:")) return std::nullopt;
    const std::string path = uri.substr(starts_with(uri, "sqlite://") ? 9 : 7);
    if (path.empty()) throw ConfigError("store URI '" + uri + "' names no file (sqlite:PATH)");
    return path;
}

}  // namespace

std::unique_ptr<Store> Store::open(const std::string& uri) {
    if (const auto path = sqlite_path(uri)) return open_sqlite_store(*path);
    if (starts_with(uri, "postgresql://") || starts_with(uri, "postgres://")) return open_postgres_store(uri);
    throw ConfigError("store URI '" + uri + "': expected sqlite:PATH or postgresql://USER@HOST:PORT/DB");
}

std::unique_ptr<Store> Store::open_existing(const std::string& uri) {
    if (const auto path = new_sqlite_file(uri))
        throw ConfigError("no store at " + *path + "; only `score --store` and `watch` create one");
    return open(uri);
}

std::optional<std::string> Store::new_sqlite_file(const std::string& uri) {
    const auto path = sqlite_path(uri);
    if (!path) return std::nullopt;
    std::error_code ec;
    // A file that cannot even be looked at is the opener's to report (StoreUnavailable).
    if (fs::symlink_status(*path, ec).type() != fs::file_type::not_found) return std::nullopt;
    return path;
}

std::string redacted_store_uri(const std::string& uri) {
    const auto scheme = uri.find("://");
    const auto at = uri.find('@');
    if (scheme == std::string::npos || at == std::string::npos) return uri;
    const auto colon = uri.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return uri;
    return uri.substr(0, colon) + ":***" + uri.substr(at);
}

void Store::put_run(const Document& scored, const std::string& campaign) {
    record_run(scored, campaign, scored.score ? scored.score->sheet : "",
               scored.score ? scored.score->sheet_version : "");
}

std::string plugin_set_key(const std::map<std::string, std::string>& versions) {
    std::string key;
    for (const auto& [name, version] : versions) {
        if (!key.empty()) key += ",";
        key += name + "=" + version;
    }
    return key;
}

int shard_of(const std::string& sha256, int shard_count) {
    if (shard_count <= 1) return 0;
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 8 && i < sha256.size(); ++i) {
        const char c = sha256[i];
        const std::uint32_t d = (c >= '0' && c <= '9') ? static_cast<std::uint32_t>(c - '0')
                                : (c >= 'a' && c <= 'f') ? static_cast<std::uint32_t>(c - 'a' + 10)
                                : (c >= 'A' && c <= 'F') ? static_cast<std::uint32_t>(c - 'A' + 10) : 0;
        v = v * 16 + d;
    }
    return static_cast<int>(v % static_cast<std::uint32_t>(shard_count));
}

namespace {

bool parse_int(std::string_view s, int& out) {
    if (s.empty()) return false;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace

void parse_shard(const std::string& text, StoreFilter& filter) {
    const auto slash = text.find('/');
    int k = 0, n = 0;
    if (slash == std::string::npos || !parse_int(std::string_view(text).substr(0, slash), k) ||
        !parse_int(std::string_view(text).substr(slash + 1), n) || n < 1 || k < 0 || k >= n)
        throw ConfigError("--shard wants K/N with 0 <= K < N, got '" + text + "'");
    filter.shard_index = k;
    filter.shard_count = n;
}

void parse_where(const std::string& expr, StoreFilter& filter) {
    const auto eq = expr.find('=');
    if (eq == std::string::npos || eq + 1 >= expr.size())
        throw ConfigError("--where wants KEY=VALUE (court=辽05, year=2022, type=民初), got '" + expr + "'");
    const std::string key = expr.substr(0, eq), value = expr.substr(eq + 1);
    if (key == "court") filter.court_code = value;
    else if (key == "type") filter.type_code = value;
    else if (key == "year") {
        int y = 0;
        if (!parse_int(value, y)) throw ConfigError("--where year= wants a year, got '" + value + "'");
        filter.year = y;
    } else {
        throw ConfigError("--where: unknown key '" + key + "' (court, year, type)");
    }
}

}  // namespace pingcha
