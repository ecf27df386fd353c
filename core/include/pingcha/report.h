// Campaign reports: a self-contained index.html with inline SVG charts, and CSV files, from a store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pingcha/store.h"

namespace pingcha {

struct ReportOptions {
    std::string campaign;
    std::string out_dir;
    // Lists in index.html (lowest scores, excellent, over the time limit) show at most this many
    // documents each; the CSV files always have every row. Each listed document gets its own page.
    std::size_t max_listed = 500;
};

struct ReportSummary {
    std::size_t documents = 0;  // latest run of each document in the campaign
    std::size_t failed = 0;
    double average_score = 0;
    std::size_t excellent = 0;
    std::size_t document_pages = 0;
    std::vector<std::string> files;  // written, relative to out_dir
};

// Reads every run of the campaign (the latest per document) and writes the report. Throws
// ConfigError when the campaign has no runs, std::runtime_error when out_dir cannot be written.
ReportSummary write_report(Store& store, const ReportOptions& options);

// The statutory time limit in days for a case type code and procedure (民初 普通 180, 简易 90, …),
// without extensions; nullopt when unknown.
std::optional<int> statutory_limit_days(const std::string& type_code, const std::string& procedure);

// Days from filed_on to decided_on (ISO dates), nullopt when either is missing or malformed.
std::optional<int> days_between(const std::string& from_iso, const std::string& to_iso);

// HTML text escaping (& < > " ').
std::string html_escape(std::string_view s);

}  // namespace pingcha
