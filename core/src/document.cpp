// Document helpers: the analysis view and its map back to the original text.
#include "pingcha/document.h"

#include "pingcha/utf8.h"

namespace pingcha {

const char* to_string(Severity s) {
    switch (s) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::info: return "info";
    }
    return "error";
}

std::optional<Severity> severity_from_string(const std::string& s) {
    if (s == "error") return Severity::error;
    if (s == "warning") return Severity::warning;
    if (s == "info") return Severity::info;
    return std::nullopt;
}

void Document::join_page_texts() {
    text.clear();
    std::size_t at = 0;
    for (auto& p : pages) {
        if (!text.empty() && text.back() != '\n') {
            text.push_back('\n');
            ++at;
        }
        p.text_start = at;
        text += p.text;
        at += utf8::count(p.text);
        p.text_end = at;
    }
}

void Document::reset_view() {
    view = utf8::decode(text);
    view_to_text.resize(view.size() + 1);
    for (std::size_t i = 0; i <= view.size(); ++i) view_to_text[i] = i;
}

Span Document::to_text_span(std::size_t view_start, std::size_t view_end) const {
    if (view_to_text.empty()) return {view_start, view_end};
    const std::size_t last = view_to_text.size() - 1;
    const std::size_t s = view_to_text[std::min(view_start, last)];
    std::size_t e;
    if (view_end > view_start && view_end <= last) {
        // End at the character after the last covered one, so that a view character
        // that stands for several text characters is covered whole.
        e = view_to_text[view_end];
        if (e < s) e = s;
    } else {
        e = view_to_text[std::min(view_end, last)];
    }
    return {s, std::max(s, e)};
}

const Section* Document::section(const std::string& kind) const {
    for (const auto& s : sections)
        if (s.kind == kind) return &s;
    return nullptr;
}

std::string Document::view_utf8(std::size_t start, std::size_t end) const {
    end = std::min(end, view.size());
    if (start >= end) return {};
    return utf8::encode(std::u32string_view(view).substr(start, end - start));
}

}  // namespace pingcha
