// Shared by the store back-ends: schema migrations and the mapping between Documents and rows.
#include "store_common.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <chrono>
#include <ctime>

#include "pingcha/json.h"
#include "pingcha/utf8.h"

namespace pingcha::store_detail {

std::vector<std::vector<std::string>> migrations(const std::string& serial_key) {
    return {
        // 0 -> 1: documents once by hash, runs per campaign/sheet/plugin set, the daemon's journal.
        {
            "CREATE TABLE documents ("
            " sha256 TEXT PRIMARY KEY, id TEXT NOT NULL, source_path TEXT, bytes BIGINT, media_type TEXT,"
            " page_count INTEGER, text TEXT NOT NULL, pages_json TEXT, facts_json TEXT,"
            " court TEXT, court_code TEXT, year INTEGER, type_code TEXT, decided_on TEXT, judges TEXT,"
            " stored_at TEXT, updated_at TEXT)",
            "CREATE INDEX documents_filter ON documents (court_code, year, type_code)",
            "CREATE TABLE runs (id " + serial_key + ","
            " sha256 TEXT NOT NULL, document_id TEXT NOT NULL, campaign TEXT NOT NULL, sheet TEXT NOT NULL,"
            " sheet_version TEXT NOT NULL, plugins TEXT NOT NULL, status TEXT NOT NULL, score DOUBLE PRECISION,"
            " grade TEXT, court TEXT, court_code TEXT, year INTEGER, type_code TEXT, decided_on TEXT, judges TEXT,"
            " result_json TEXT NOT NULL, scored_at TEXT,"
            " UNIQUE (campaign, sheet, sheet_version, plugins, sha256))",
            "CREATE INDEX runs_campaign ON runs (campaign, id)",
            "CREATE TABLE jobs (id " + serial_key + ","
            " inbox TEXT NOT NULL, relative_path TEXT NOT NULL, sha256 TEXT NOT NULL, state TEXT NOT NULL,"
            " attempts INTEGER NOT NULL, error_class TEXT NOT NULL, message TEXT NOT NULL,"
            " created_at TEXT, updated_at TEXT)",
            "CREATE INDEX jobs_state ON jobs (state)",
            "CREATE INDEX jobs_sha ON jobs (sha256, state)",
        },
    };
}

FactColumns fact_columns(const Document& doc) {
    FactColumns c;
    const Facts& f = doc.facts;
    c.court = f.court;
    if (f.case_number) {
        c.court_code = f.case_number->court_code;
        c.year = f.case_number->year;
        c.type_code = f.case_number->type_code;
    }
    c.decided_on = f.decided_on;
    std::string j = "[";
    for (std::size_t i = 0; i < f.judges.size(); ++i) {
        if (i) j += ",";
        append_json_string(j, f.judges[i].role.empty() ? f.judges[i].name : f.judges[i].role + " " + f.judges[i].name);
    }
    c.judges = j + "]";
    c.status = doc.status();
    if (doc.score) {
        c.score = doc.score->value;
        c.grade = doc.score->grade;
    }
    return c;
}

std::string pages_to_json(const Document& doc) {
    std::string out = "[";
    for (std::size_t i = 0; i < doc.pages.size(); ++i) {
        const Page& p = doc.pages[i];
        if (i) out += ",";
        out += "{\"number\":" + std::to_string(p.number) + ",\"ocr\":" + (p.is_ocr ? "true" : "false");
        out += ",\"confidence\":" + (p.confidence ? json_number(*p.confidence) : std::string("null"));
        out += ",\"skew_degrees\":" + (p.skew_degrees ? json_number(*p.skew_degrees) : std::string("null"));
        out += ",\"text_start\":" + std::to_string(p.text_start) + ",\"text_end\":" + std::to_string(p.text_end) + "}";
    }
    return out + "]";
}

void pages_from_json(const std::string& json, Document& doc) {
    doc.pages.clear();
    if (json.empty()) return;
    Poco::JSON::Parser parser;
    auto arr = parser.parse(json).extract<Poco::JSON::Array::Ptr>();
    if (!arr) return;
    const std::size_t text_len = utf8::count(doc.text);
    for (std::size_t i = 0; i < arr->size(); ++i) {
        auto o = arr->getObject(static_cast<unsigned>(i));
        if (!o) continue;
        Page p;
        p.number = o->getValue<int>("number");
        p.is_ocr = o->getValue<bool>("ocr");
        if (!o->isNull("confidence")) p.confidence = o->getValue<double>("confidence");
        if (!o->isNull("skew_degrees")) p.skew_degrees = o->getValue<double>("skew_degrees");
        p.text_start = std::min<std::size_t>(o->getValue<std::size_t>("text_start"), text_len);
        p.text_end = std::min<std::size_t>(std::max<std::size_t>(o->getValue<std::size_t>("text_end"), p.text_start), text_len);
        p.text = utf8::substr(doc.text, p.text_start, p.text_end);
        doc.pages.push_back(std::move(p));
    }
}

namespace {

// The top-level "text" key follows "status" (fixed key order of the result writer); a quote
// inside a JSON string is always escaped, so `,"text":` cannot occur inside a value.
std::size_t top_level_text_key(const std::string& json, const char* value_start) {
    const std::size_t status = json.find(",\"status\":");
    if (status == std::string::npos) return std::string::npos;
    return json.find(std::string(",\"text\":") + value_start, status);
}

}  // namespace

std::string result_without_text(const Document& doc) {
    std::string json = result_to_json(doc, false);
    const std::size_t key = top_level_text_key(json, "\"");
    if (key == std::string::npos) return json;
    std::size_t i = key + 9;  // after the opening quote of the value
    while (i < json.size() && json[i] != '"') i += json[i] == '\\' ? 2 : 1;
    if (i >= json.size()) return json;
    json.replace(key + 8, i + 1 - (key + 8), "null");
    return json;
}

std::string with_text(const std::string& stored_json, const std::string& text) {
    const std::size_t key = top_level_text_key(stored_json, "null");
    if (key == std::string::npos) return stored_json;
    std::string literal;
    literal.reserve(text.size() + 16);
    append_json_string(literal, text);
    std::string out;
    out.reserve(stored_json.size() + literal.size());
    out.append(stored_json, 0, key + 8);
    out += literal;
    out.append(stored_json, key + 12, std::string::npos);
    return out;
}

std::string now_iso() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace pingcha::store_detail
