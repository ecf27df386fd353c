// What both store back-ends share: the schema, and how a Document becomes rows and back.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pingcha/document.h"

namespace pingcha::store_detail {

// Schema migrations, in order: migrations()[i] takes the schema from version i to i+1.
// Written once with $N parameters, BIGINT and DOUBLE PRECISION so that SQLite and PostgreSQL
// both read them; `serial_key` is the auto-increment primary key of each dialect.
std::vector<std::vector<std::string>> migrations(const std::string& serial_key);

// The columns a document or a run is filtered and reported by, from its facts and score.
struct FactColumns {
    std::string court;
    std::string court_code;
    std::optional<int> year;
    std::string type_code;
    std::string decided_on;
    std::string judges;  // JSON array of "role name" strings
    std::string status;  // ok, failed
    std::optional<double> score;
    std::string grade;
};
FactColumns fact_columns(const Document& doc);

// Page metadata as JSON (the page text is a range of the document text, so it is not stored twice).
std::string pages_to_json(const Document& doc);
void pages_from_json(const std::string& json, Document& doc);

// The result JSON with the top-level "text" replaced by null: the text is stored once, in
// documents.text, and put back by with_text() when a run is read.
std::string result_without_text(const Document& doc);
std::string with_text(const std::string& stored_json, const std::string& text);

std::string now_iso();

}  // namespace pingcha::store_detail
