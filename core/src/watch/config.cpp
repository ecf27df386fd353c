// The daemon's configuration: flags merged over a properties file, checked, folders made absolute.
#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <set>

#include "pingcha/watch.h"

namespace fs = std::filesystem;

namespace pingcha::watch {

namespace {

int to_int(const std::string& key, const std::string& value, int lo, int hi) {
    char* end = nullptr;
    errno = 0;
    const long n = std::strtol(value.c_str(), &end, 10);
    if (value.empty() || *end != 0 || errno != 0 || n < lo || n > hi)
        throw WatchConfigError("--" + key + " wants a whole number from " + std::to_string(lo) + " to " +
                               std::to_string(hi) + ", got '" + value + "'");
    return static_cast<int>(n);
}

bool to_bool(const std::string& key, const std::string& value) {
    if (value.empty() || value == "true" || value == "yes" || value == "on" || value == "1") return true;
    if (value == "false" || value == "no" || value == "off" || value == "0") return false;
    throw WatchConfigError("--" + key + " wants true or false, got '" + value + "'");
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

const SettingKey* find_key(const std::string& name) {
    for (const auto& k : setting_keys())
        if (k.name == name) return &k;
    return nullptr;
}

// Reads a properties file: `key = value`; a repeatable key may list values separated by commas
// or be given as key.1, key.2, ...
Settings read_properties(const std::string& file) {
    Settings out;
    Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> props;
    try {
        props = new Poco::Util::PropertyFileConfiguration(file);
    } catch (const Poco::Exception& e) {
        throw WatchConfigError("--config: cannot read " + file + ": " + e.displayText());
    }
    Poco::Util::AbstractConfiguration::Keys keys;
    props->keys(keys);
    for (const auto& key : keys) {
        if (key == "config") throw WatchConfigError(file + ": 'config' cannot name another file");
        const SettingKey* spec = find_key(key);
        if (spec && spec->repeatable) {
            const std::string value = props->getString(key, "");
            std::size_t start = 0;
            while (start <= value.size()) {
                const auto comma = value.find(',', start);
                const std::string part = trim(value.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
                if (!part.empty()) out.emplace(key, part);
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
            // inbox.1 = ..., inbox.2 = ...
            Poco::Util::AbstractConfiguration::Keys sub;
            props->keys(key, sub);
            std::sort(sub.begin(), sub.end());
            for (const auto& s : sub) out.emplace(key, trim(props->getString(key + "." + s)));
            continue;
        }
        if (!spec) {
            // a key with sub-keys only (inbox.1) shows up as its prefix; anything else is a typo
            throw WatchConfigError(file + ": unknown key '" + key + "'");
        }
        out.emplace(key, trim(props->getString(key)));
    }
    return out;
}

std::string absolute(const std::string& p) {
    std::error_code ec;
    fs::path a = fs::absolute(p, ec);
    if (ec) throw WatchConfigError("cannot resolve " + p + ": " + ec.message());
    a = a.lexically_normal();
    std::string s = a.string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
}

// The real location of a folder (symlinks in its path resolved), for containment checks.
std::string real_dir(const std::string& p) {
    std::error_code ec;
    fs::path c = fs::weakly_canonical(p, ec);
    return ec ? p : c.string();
}

bool inside(const std::string& child, const std::string& parent) {
    if (child == parent) return true;
    return child.size() > parent.size() && child.compare(0, parent.size(), parent) == 0 &&
           (parent == "/" || child[parent.size()] == '/');
}

}  // namespace

const std::vector<SettingKey>& setting_keys() {
    static const std::vector<SettingKey> keys = {
        {"config", true, false},     {"inbox", true, true},        {"out", true, false},
        {"store", true, false},      {"http", true, false},        {"workers", true, false},
        {"poll", false, false},      {"no-poll", false, false},    {"poll-ms", true, false},
        {"rescan-s", true, false},   {"settle-ms", true, false},   {"timeout-s", true, false},
        {"memory-mb", true, false},  {"drain-s", true, false},     {"queue-max", true, false},
        {"max-attempts", true, false}, {"pipeline", true, false},  {"plugin-path", true, true},
        {"pipelines-dir", true, true}, {"daemon", false, false},   {"pidfile", true, false},
        {"campaign", true, false},   {"log", true, false},
    };
    return keys;
}

WatchConfig load_config(const Settings& flags, const std::string& exe_path) {
    Settings merged;
    WatchConfig cfg;
    cfg.exe_path = exe_path;
    if (auto it = flags.find("config"); it != flags.end()) {
        cfg.config_file = absolute(it->second);
        merged = read_properties(cfg.config_file);
    }
    // flags win: a key given as a flag replaces every value of that key from the file
    std::set<std::string> flag_keys;
    for (const auto& [k, v] : flags) flag_keys.insert(k);
    for (const auto& k : flag_keys) {
        merged.erase(k);
        auto [b, e] = flags.equal_range(k);
        for (auto it = b; it != e; ++it) merged.emplace(k, it->second);
    }
    auto one = [&](const std::string& k) -> const std::string* {
        auto it = merged.find(k);
        return it == merged.end() ? nullptr : &it->second;
    };
    auto all = [&](const std::string& k) {
        std::vector<std::string> v;
        auto [b, e] = merged.equal_range(k);
        for (auto it = b; it != e; ++it) v.push_back(it->second);
        return v;
    };

    if (auto v = one("pipeline")) cfg.pipeline = *v;
    if (auto v = one("campaign")) cfg.campaign = *v;
    if (cfg.campaign.empty()) throw WatchConfigError("--campaign must not be empty");
    const std::string* out = one("out");
    if (!out || out->empty()) throw WatchConfigError("--out DIR is required (see --help)");
    cfg.out = absolute(*out);
    for (const auto& spec : all("inbox")) {
        Inbox in;
        const auto eq = spec.find('=');
        in.dir = absolute(eq == std::string::npos ? spec : spec.substr(0, eq));
        in.pipeline = eq == std::string::npos ? cfg.pipeline : spec.substr(eq + 1);
        if (in.pipeline.empty()) throw WatchConfigError("--inbox " + spec + ": empty pipeline after '='");
        cfg.inboxes.push_back(in);
    }
    if (cfg.inboxes.empty()) throw WatchConfigError("at least one --inbox DIR is required (see --help)");
    if (auto v = one("store")) cfg.store_uri = *v;
    if (cfg.store_uri.empty()) cfg.store_uri = "sqlite:" + cfg.out + "/pingcha.db";
    if (auto v = one("http")) cfg.http = *v;
    if (cfg.http != "off" && cfg.http.rfind(':') == std::string::npos)
        throw WatchConfigError("--http wants ADDR:PORT or off, got '" + cfg.http + "'");
    if (auto v = one("workers")) cfg.workers = to_int("workers", *v, 1, 256);
    if (auto v = one("poll")) cfg.poll = to_bool("poll", *v) ? WatchConfig::PollMode::on : WatchConfig::PollMode::off;
    if (auto v = one("no-poll"); v && to_bool("no-poll", *v)) cfg.poll = WatchConfig::PollMode::off;
    if (one("poll") && one("no-poll")) throw WatchConfigError("--poll and --no-poll contradict each other");
    if (auto v = one("poll-ms")) cfg.poll_ms = to_int("poll-ms", *v, 50, 600000);
    if (auto v = one("rescan-s")) cfg.rescan_s = to_int("rescan-s", *v, 1, 86400);
    if (auto v = one("settle-ms")) cfg.settle_ms = to_int("settle-ms", *v, 0, 3600000);
    if (auto v = one("timeout-s")) cfg.timeout_s = to_int("timeout-s", *v, 1, 86400);
    if (auto v = one("memory-mb")) cfg.memory_mb = to_int("memory-mb", *v, 0, 1 << 22);
    if (auto v = one("drain-s")) cfg.drain_s = to_int("drain-s", *v, 0, 86400);
    if (auto v = one("queue-max")) cfg.queue_max = to_int("queue-max", *v, 1, 1000000);
    if (auto v = one("max-attempts")) cfg.max_attempts = to_int("max-attempts", *v, 1, 100);
    for (const auto& p : all("plugin-path")) cfg.plugin_paths.push_back(absolute(p));
    for (const auto& p : all("pipelines-dir")) cfg.pipelines_dirs.push_back(absolute(p));
    if (auto v = one("daemon")) cfg.daemon = to_bool("daemon", *v);
    if (auto v = one("pidfile")) cfg.pidfile = absolute(*v);
    if (auto v = one("log")) cfg.log_file = absolute(*v);
    // a pipeline given as a relative path must survive the daemon's chdir("/")
    for (auto& in : cfg.inboxes)
        if (in.pipeline.find('/') != std::string::npos) in.pipeline = absolute(in.pipeline);

    // Folder layout: every inbox exists; out is not inside an inbox (results would be taken as
    // input), no inbox inside out, no inbox inside another.
    const std::string out_real = real_dir(cfg.out);
    std::set<std::string> labels;
    for (auto& in : cfg.inboxes) {
        std::error_code ec;
        if (!fs::is_directory(in.dir, ec)) throw WatchConfigError("--inbox: no such folder: " + in.dir);
        const std::string real = real_dir(in.dir);
        if (inside(out_real, real))
            throw WatchConfigError("--out " + cfg.out + " is inside the inbox " + in.dir +
                                   ": results, archive and failed/ would be taken as input");
        if (inside(real, out_real)) throw WatchConfigError("--inbox " + in.dir + " is inside --out " + cfg.out);
        for (const auto& other : cfg.inboxes)
            if (&other != &in && inside(real, real_dir(other.dir)))
                throw WatchConfigError("--inbox " + in.dir + " is inside (or the same as) the inbox " + other.dir);
        if (cfg.inboxes.size() > 1) {
            std::string base = fs::path(in.dir).filename().string();
            if (base.empty() || base == "." || base == "..") base = "inbox";
            std::string label = base;
            for (int n = 2; labels.count(label); ++n) label = base + "-" + std::to_string(n);
            labels.insert(label);
            in.label = label;
        }
    }
    return cfg;
}

}  // namespace pingcha::watch
