// Whether the text is a court decision at all: the structure stage refuses to pass on a news item, a
// notice, a contract, a letter, random or English text, or an OCR result too poor to read, so that
// nothing downstream scores it. The rule (README, "What gets scored") counts the parts every
// judgment, ruling or mediation statement has and a look-alike lacks.
#include <string>

#include "pingcha/text/case_number.h"
#include "structure_parse.h"

namespace pingcha::structure {

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::optional<Failure> not_scorable(const Document& doc, const GateParams& p) {
    if (p.min_parts <= 0) return std::nullopt;
    double conf_sum = 0;
    int ocr_pages = 0;
    for (const auto& pg : doc.pages)
        if (pg.is_ocr && pg.confidence) {
            conf_sum += *pg.confidence;
            ++ocr_pages;
        }
    const double mean_conf = ocr_pages ? conf_sum / ocr_pages : 100;
    if (ocr_pages && mean_conf < p.min_ocr_confidence)
        return Failure{"unreadable", "OCR confidence " + std::to_string(static_cast<int>(mean_conf)) +
                                         " is below " + std::to_string(static_cast<int>(p.min_ocr_confidence)) +
                                         " (a page scanned sideways, upside down or too faint): not scored"};
    std::size_t han = 0, letters = 0;
    for (char32_t c : doc.view) {
        if (text::is_cjk(c)) ++han;
        else if (c > U' ' && c != U'\u3000') ++letters;
    }
    const Facts& f = doc.facts;
    const bool kind = ends_with(f.kind, "判决书") || ends_with(f.kind, "裁定书") || ends_with(f.kind, "调解书") ||
                      ends_with(f.kind, "决定书") || ends_with(f.kind, "通知书");
    const bool number = f.case_number.has_value();
    bool body = false;
    for (const auto& s : doc.sections)
        if (s.kind == "reasoning" || s.kind == "decision" || s.kind == "legal_basis") body = true;
    const bool signed_off = !f.judges.empty() || !f.clerk.empty();
    const int signals = kind + number + !f.court.empty() + !f.parties.empty() + body + signed_off;
    std::string missing;
    auto lack = [&](bool have, const char* what) {
        if (!have) missing += std::string(missing.empty() ? "" : ", ") + what;
    };
    lack(kind, "a title naming a court document (判决书, 裁定书 …)");
    lack(number, "a case number");
    lack(!f.court.empty(), "a court");
    lack(!f.parties.empty(), "parties");
    lack(body, "reasoning (本院认为) or a decision (判决如下 …)");
    lack(signed_off, "a signature block");
    const bool chinese = han >= 50 && han * 2 >= letters;
    if (chinese && (kind || number) && (body || signed_off) && signals >= p.min_parts) return std::nullopt;
    std::string why = chinese ? "not a court decision: " + std::to_string(signals) + " of the 6 parts of a judgment found"
                              : "not a court decision: " + std::to_string(han) + " Chinese characters in " +
                                    std::to_string(han + letters) + " letters";
    if (chinese && !missing.empty()) why += " (missing: " + missing + ")";
    if (ocr_pages && mean_conf < p.doubtful_ocr_confidence)
        return Failure{"unreadable", why + "; OCR confidence " + std::to_string(static_cast<int>(mean_conf)) +
                                         ": the scan may be turned or too poor to read"};
    return Failure{"not_a_judgment", why};
}

}  // namespace pingcha::structure
