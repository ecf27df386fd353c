// A small JSON writer for results (fast, stable key order) and the result serialiser.
#pragma once

#include <string>

#include "pingcha/document.h"

namespace pingcha {

// Appends s as a JSON string literal (quoted, escaped; invalid UTF-8 replaced by U+FFFD).
void append_json_string(std::string& out, std::string_view s);
std::string json_number(double v);

// The result document, schema pingcha.result/1 (see CLI.md). pretty = indented.
std::string result_to_json(const Document& doc, bool pretty);

}  // namespace pingcha
