// Document-level helpers for the structure-based criteria.
#include "doc_facts.h"

#include "pingcha/utf8.h"

namespace pingcha::criteria {

std::size_t find_u(std::u32string_view v, std::u32string_view lit, std::size_t from, std::size_t to) {
    if (to > v.size()) to = v.size();
    if (from >= to || lit.size() > to - from) return std::u32string_view::npos;
    const auto p = v.substr(from, to - from).find(lit);
    return p == std::u32string_view::npos ? p : from + p;
}

bool contains_u(std::u32string_view v, std::u32string_view lit, std::size_t from, std::size_t to) {
    return find_u(v, lit, from, to) != std::u32string_view::npos;
}

void add_finding(std::vector<Finding>& out, const char* id, Severity sev, std::string message, std::size_t start,
                 std::size_t end) {
    Finding f;
    f.criterion = id;
    f.severity = sev;
    f.message = std::move(message);
    f.start = start;
    f.end = end;
    out.push_back(std::move(f));
}

std::vector<const Section*> sections_of(const Document& doc, std::string_view kind) {
    std::vector<const Section*> out;
    for (const auto& s : doc.sections)
        if (s.kind == kind) out.push_back(&s);
    return out;
}

std::size_t body_end(const Document& doc) {
    for (const auto& s : doc.sections)
        if (s.kind == "signature" || s.kind == "date" || s.kind == "clerk") return s.start;
    return doc.view.size();
}

DocInfo doc_info(const Document& doc) {
    DocInfo d;
    const std::string& k = doc.facts.kind;
    auto has = [&](const char* s) { return k.find(s) != std::string::npos; };
    if (has("刑事")) d.category = "刑事";
    else if (has("民事")) d.category = "民事";
    else if (has("行政")) d.category = "行政";
    else if (has("执行")) d.category = "执行";
    else if (has("赔偿")) d.category = "赔偿";
    d.ruling = has("裁定书");
    d.judgment = has("判决书");
    const std::string type = doc.facts.case_number ? doc.facts.case_number->type_code : "";
    if (d.category.empty() && !type.empty()) {
        if (type.find("刑") != std::string::npos) d.category = "刑事";
        else if (type.rfind("执", 0) == 0) d.category = "执行";
        else if (type.find("民") != std::string::npos) d.category = "民事";
        else if (type.find("行") != std::string::npos) d.category = "行政";
    }
    d.procedure = doc.facts.procedure;
    const bool type_second = type.find("终") != std::string::npos;
    const bool type_first = !type.empty() && type.find("初") != std::string::npos;
    d.second = type_second || (type.empty() && d.procedure == "二审");
    d.first = type_first || (type.empty() && !d.second);
    if (d.second) d.first = false;
    if (type.find("再") != std::string::npos || type.find("申") != std::string::npos) d.first = d.second = false;
    d.decided = text::from_iso(doc.facts.decided_on);
    d.filed = text::from_iso(doc.facts.filed_on);
    return d;
}

std::size_t role_start(const Document& doc, const Person& p) {
    const std::u32string role = utf8::decode(p.role);
    const std::size_t lo = p.start > role.size() + 24 ? p.start - role.size() - 24 : 0;
    const std::size_t at = std::u32string_view(doc.view).substr(lo, p.start - lo).rfind(role);
    return at == std::u32string_view::npos ? p.start : lo + at;
}

std::optional<text::ParsedCaseNumber> own_case_number(const Document& doc) {
    if (!doc.facts.case_number) return std::nullopt;
    return text::parse_case_number_at(doc.view, doc.facts.case_number->start);
}

}  // namespace pingcha::criteria
