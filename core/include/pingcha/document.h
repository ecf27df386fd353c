// The document model: everything one judgment accumulates on its way through a pipeline.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pingcha {

// A decoded page image handed from a decoder to the OCR stage. Plain bytes so that no
// image library leaks into core: 8-bit grey or 24-bit RGB rows, no padding, or the
// original encoded file (is_encoded) when the decoder leaves decoding to the OCR stage.
struct Raster {
    int width = 0;
    int height = 0;
    int channels = 1;  // 1 grey, 3 RGB
    int dpi = 0;       // 0 when unknown
    std::vector<std::uint8_t> pixels;
};

struct Page {
    int number = 0;                      // 1-based
    bool is_ocr = false;                 // text came from OCR, not a text layer or a text file
    std::optional<double> confidence;    // mean word confidence, 0..100
    std::optional<double> skew_degrees;  // skew found (and corrected) before OCR
    std::size_t text_start = 0;          // code points into Document::text
    std::size_t text_end = 0;
    std::string text;                    // page text, appended to Document::text by the decoder/ocr stage
    std::shared_ptr<const Raster> image; // set by image/PDF decoders for pages that need OCR
};

struct Source {
    std::string path;
    std::string sha256;
    std::uint64_t bytes = 0;
    std::string media_type;  // "text/plain", "image/png", ...; empty until probed
    int pages = 0;
};

struct Span {
    std::size_t start = 0;
    std::size_t end = 0;
};

// A section of the judgment, in view coordinates (see Document::view).
struct Section {
    std::string kind;  // title, case_number, parties, procedure, claims, defence, facts, reasoning,
                       // legal_basis, decision, costs, notice, signature, date, clerk
    std::size_t start = 0;
    std::size_t end = 0;
};

struct Token {
    std::size_t start = 0;  // view coordinates
    std::size_t end = 0;
    std::string type;       // "word", "number", "date", "case_number", "article", "amount", "punct", ...
};

struct Correction {
    std::size_t start = 0;  // code points into Document::text
    std::size_t end = 0;
    std::string from;
    std::string to;
    std::string reason;
};

struct CaseNumber {
    std::string text;
    std::optional<int> year;
    std::string court_code;
    std::string type_code;
    std::optional<long> serial;
    std::size_t start = 0, end = 0;  // view coordinates
};

struct Person {
    std::string role;
    std::string original_role;  // for parties in an appeal: 原审被告 ...
    std::string name;
    std::size_t start = 0, end = 0;  // view coordinates of the name's first mention
};

struct Citation {
    std::string law;
    std::optional<int> article;
    std::optional<int> paragraph;
    std::optional<int> item;
    std::string text;
    std::size_t start = 0, end = 0;  // view coordinates
};

struct Amount {
    double yuan = 0;
    std::string text;
    std::size_t start = 0, end = 0;  // view coordinates
};

// Facts extracted from the judgment. Unknown facts stay empty and are written as null.
struct Facts {
    std::string kind;       // 民事判决书 ...
    std::string court;
    std::optional<CaseNumber> case_number;
    std::string procedure;  // 普通, 简易, 小额, 二审 ...
    std::string subkind;    // what a ruling decides: 准许撤回上诉, 驳回起诉, 不予受理, 减刑 ...; "" for a full decision
    std::string filed_on;   // ISO dates
    std::string decided_on;
    // Without a signature date: the earliest it can be (ISO) and what that rests on (decided_on_inferred).
    std::string decided_not_before;
    std::string decided_bounds_from;
    std::optional<int> duration_days;
    std::vector<Person> judges;
    std::string clerk;
    std::vector<Person> parties;
    std::vector<Citation> citations;
    std::vector<Amount> amounts;
};

enum class Severity { error = 1, warning = 2, info = 3 };
const char* to_string(Severity s);
std::optional<Severity> severity_from_string(const std::string& s);

struct Finding {
    std::string criterion;
    Severity severity = Severity::error;
    std::string message;
    std::size_t start = 0;  // view coordinates; mapped to text when written
    std::size_t end = 0;
    double deduction = 0;   // set by the score stage from the sheet
};

struct Score {
    std::string sheet;
    std::string sheet_version;
    double max = 100;
    double deducted = 0;
    double value = 100;
    std::string grade;
};

struct Failure {
    // failed: unsupported, corrupt, encrypted, too_large, timeout, plugin_crash, internal;
    // rejected (read, but nothing to score): not_a_judgment, unreadable
    std::string error_class;
    std::string message;
    bool is_rejection() const { return error_class == "not_a_judgment" || error_class == "unreadable"; }
};

// A criterion the criteria stage did not run on this document, and why (kind, procedure, date).
struct SkippedCriterion {
    std::string criterion;
    std::string reason;
};

struct Document {
    std::string id;
    Source source;
    std::string pipeline_name;
    std::map<std::string, std::string> plugin_versions;

    // Input as it arrived. For files: read by the decode stage from source.path.
    // For archive lines (.jsonl) the text is already here and media_type is text/plain.
    std::string input_bytes;
    bool has_input_bytes = false;

    std::string text;  // UTF-8, what was read, never rewritten after decoding
    std::vector<Page> pages;

    // The analysis view: normalised and corrected text in code points, with a map back
    // to code point offsets in `text` (view_to_text.size() == view.size() + 1).
    // Stages after decoding read and point into the view; the result writer maps spans back.
    std::u32string view;
    std::vector<std::size_t> view_to_text;

    std::vector<Correction> corrections;
    std::vector<Span> sentences;
    std::vector<Token> tokens;
    std::vector<Section> sections;
    Facts facts;
    std::vector<Finding> findings;
    std::vector<std::string> applied_criteria;         // set by the criteria stage
    std::vector<SkippedCriterion> skipped_criteria;    // set by the criteria stage
    std::optional<Score> score;
    std::optional<Failure> failure;
    std::vector<std::pair<std::string, double>> timings_ms;

    // Extra result keys a stage wants written (already-serialised JSON values by key).
    std::map<std::string, std::string> extra_json;

    bool failed() const { return failure.has_value(); }
    // "ok", "failed" or "rejected" (read, but not a judgment or not readable: never scored).
    const char* status() const { return !failure ? "ok" : failure->is_rejection() ? "rejected" : "failed"; }

    // Sets `text` to the page texts in order (a line break between pages where a page does not end
    // with one) and each page's text_start/text_end to where its text stands.
    void join_page_texts();
    // Resets the view to the identity over `text`.
    void reset_view();
    // Maps a view span to a text span (code points), end exclusive.
    Span to_text_span(std::size_t view_start, std::size_t view_end) const;
    // The first section of a kind, or nullptr.
    const Section* section(const std::string& kind) const;
    // The view substring [start, end) as UTF-8.
    std::string view_utf8(std::size_t start, std::size_t end) const;
};

}  // namespace pingcha
