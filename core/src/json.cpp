// The result writer: schema pingcha.result/1, spans mapped from the view back to the original text.
#include "pingcha/json.h"

#include <cmath>
#include <cstdio>

#include "pingcha/utf8.h"

namespace pingcha {

void append_json_string(std::string& out, std::string_view s) {
    static const char* hex = "0123456789abcdef";
    out.push_back('"');
    const bool valid = utf8::find_invalid(s) == std::string_view::npos;
    std::string fixed;
    if (!valid) {
        fixed = utf8::encode(utf8::decode(s));
        s = fixed;
    }
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out.push_back(hex[c >> 4]);
                    out.push_back(hex[c & 15]);
                } else {
                    out.push_back(ch);
                }
        }
    }
    out.push_back('"');
}

std::string json_number(double v) {
    if (!std::isfinite(v)) return "null";
    if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

namespace {

// A tiny streaming writer that knows where commas and indentation go.
class Writer {
public:
    explicit Writer(bool pretty) : pretty_(pretty) {}
    std::string out;

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    void key(std::string_view k) {
        comma();
        append_json_string(out, k);
        out += pretty_ ? ": " : ":";
        after_key_ = true;
    }
    void str(std::string_view s) {
        value_prefix();
        append_json_string(out, s);
    }
    void str_or_null(const std::string& s) {
        if (s.empty()) null();
        else str(s);
    }
    void num(double v) {
        value_prefix();
        out += json_number(v);
    }
    void boolean(bool b) {
        value_prefix();
        out += b ? "true" : "false";
    }
    void null() {
        value_prefix();
        out += "null";
    }
    void raw(const std::string& json) {
        value_prefix();
        out += json;
    }

private:
    bool pretty_;
    int depth_ = 0;
    bool first_ = true;
    bool after_key_ = false;

    void newline() {
        if (!pretty_) return;
        out.push_back('\n');
        out.append(static_cast<std::size_t>(depth_) * 2, ' ');
    }
    void comma() {
        if (!first_) out.push_back(',');
        newline();
        first_ = false;
    }
    void value_prefix() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        comma();
    }
    void open(char c) {
        value_prefix();
        out.push_back(c);
        ++depth_;
        first_ = true;
    }
    void close(char c) {
        --depth_;
        if (!first_) newline();
        out.push_back(c);
        first_ = false;
    }
};

}  // namespace

std::string result_to_json(const Document& doc, bool pretty) {
    Writer w(pretty);
    auto span = [&](std::size_t s, std::size_t e) {
        const Span t = doc.to_text_span(s, e);
        w.key("start");
        w.num(static_cast<double>(t.start));
        w.key("end");
        w.num(static_cast<double>(t.end));
        return t;
    };
    w.begin_object();
    w.key("schema");
    w.str("pingcha.result/1");
    w.key("id");
    w.str(doc.id);
    w.key("source");
    w.begin_object();
    w.key("path");
    w.str(doc.source.path);
    w.key("sha256");
    w.str_or_null(doc.source.sha256);
    w.key("bytes");
    w.num(static_cast<double>(doc.source.bytes));
    w.key("media_type");
    w.str_or_null(doc.source.media_type);
    w.key("pages");
    w.num(doc.source.pages);
    w.end_object();
    w.key("pipeline");
    w.begin_object();
    w.key("name");
    w.str(doc.pipeline_name);
    w.key("plugins");
    w.begin_object();
    for (const auto& [name, version] : doc.plugin_versions) {
        w.key(name);
        w.str(version);
    }
    w.end_object();
    w.end_object();
    w.key("status");
    w.str(doc.status());
    w.key("error");
    if (doc.failed()) {
        w.begin_object();
        w.key("class");
        w.str(doc.failure->error_class);
        w.key("message");
        w.str(doc.failure->message);
        w.end_object();
    } else {
        w.null();
    }
    w.key("text");
    w.str(doc.text);
    w.key("pages");
    w.begin_array();
    for (const auto& p : doc.pages) {
        w.begin_object();
        w.key("number");
        w.num(p.number);
        w.key("ocr");
        w.boolean(p.is_ocr);
        w.key("confidence");
        if (p.confidence) w.num(std::round(*p.confidence * 10) / 10);
        else w.null();
        w.key("skew_degrees");
        if (p.skew_degrees) w.num(std::round(*p.skew_degrees * 100) / 100);
        else w.null();
        w.key("text_start");
        w.num(static_cast<double>(p.text_start));
        w.key("text_end");
        w.num(static_cast<double>(p.text_end));
        w.end_object();
    }
    w.end_array();

    const Facts& f = doc.facts;
    w.key("document");
    w.begin_object();
    w.key("kind");
    w.str_or_null(f.kind);
    w.key("court");
    w.str_or_null(f.court);
    w.key("case_number");
    if (f.case_number) {
        const auto& c = *f.case_number;
        w.begin_object();
        w.key("text");
        w.str(c.text);
        w.key("year");
        if (c.year) w.num(*c.year);
        else w.null();
        w.key("court_code");
        w.str_or_null(c.court_code);
        w.key("type_code");
        w.str_or_null(c.type_code);
        w.key("serial");
        if (c.serial) w.num(static_cast<double>(*c.serial));
        else w.null();
        w.end_object();
    } else {
        w.null();
    }
    w.key("procedure");
    w.str_or_null(f.procedure);
    w.key("subkind");
    w.str_or_null(f.subkind);
    w.key("filed_on");
    w.str_or_null(f.filed_on);
    w.key("decided_on");
    w.str_or_null(f.decided_on);
    w.key("decided_on_inferred");
    if (f.decided_on.empty() && !f.decided_not_before.empty()) {
        w.begin_object();
        w.key("not_before");
        w.str(f.decided_not_before);
        w.key("not_after");
        w.null();
        w.key("from");
        w.str(f.decided_bounds_from);
        w.end_object();
    } else {
        w.null();
    }
    w.key("duration_days");
    if (f.duration_days) w.num(*f.duration_days);
    else w.null();
    w.key("judges");
    w.begin_array();
    for (const auto& j : f.judges) {
        w.begin_object();
        w.key("role");
        w.str(j.role);
        w.key("name");
        w.str(j.name);
        w.end_object();
    }
    w.end_array();
    w.key("clerk");
    w.str_or_null(f.clerk);
    w.key("parties");
    w.begin_array();
    for (const auto& p : f.parties) {
        w.begin_object();
        w.key("role");
        w.str(p.role);
        w.key("original_role");
        w.str_or_null(p.original_role);
        w.key("name");
        w.str(p.name);
        w.end_object();
    }
    w.end_array();
    w.key("citations");
    w.begin_array();
    for (const auto& c : f.citations) {
        w.begin_object();
        w.key("law");
        w.str_or_null(c.law);
        w.key("article");
        if (c.article) w.num(*c.article);
        else w.null();
        if (c.paragraph) {
            w.key("paragraph");
            w.num(*c.paragraph);
        }
        if (c.item) {
            w.key("item");
            w.num(*c.item);
        }
        w.key("text");
        w.str(c.text);
        span(c.start, c.end);
        w.end_object();
    }
    w.end_array();
    w.key("amounts");
    w.begin_array();
    for (const auto& a : f.amounts) {
        w.begin_object();
        w.key("yuan");
        w.num(a.yuan);
        w.key("text");
        w.str(a.text);
        span(a.start, a.end);
        w.end_object();
    }
    w.end_array();
    w.end_object();

    w.key("sections");
    w.begin_array();
    for (const auto& s : doc.sections) {
        w.begin_object();
        w.key("kind");
        w.str(s.kind);
        span(s.start, s.end);
        w.end_object();
    }
    w.end_array();
    w.key("corrections");
    w.begin_array();
    for (const auto& c : doc.corrections) {
        w.begin_object();
        w.key("start");
        w.num(static_cast<double>(c.start));
        w.key("end");
        w.num(static_cast<double>(c.end));
        w.key("from");
        w.str(c.from);
        w.key("to");
        w.str(c.to);
        w.key("reason");
        w.str(c.reason);
        w.end_object();
    }
    w.end_array();
    w.key("findings");
    w.begin_array();
    for (const auto& fd : doc.findings) {
        w.begin_object();
        w.key("criterion");
        w.str(fd.criterion);
        w.key("severity");
        w.str(to_string(fd.severity));
        w.key("message");
        w.str(fd.message);
        const Span t = span(fd.start, fd.end);
        w.key("excerpt");
        w.str(utf8::substr(doc.text, t.start, t.end));
        w.key("deduction");
        w.num(fd.deduction);
        w.end_object();
    }
    w.end_array();
    w.key("applicability");
    w.begin_object();
    w.key("applied");
    w.begin_array();
    for (const auto& id : doc.applied_criteria) w.str(id);
    w.end_array();
    w.key("skipped");
    w.begin_array();
    for (const auto& s : doc.skipped_criteria) {
        w.begin_object();
        w.key("criterion");
        w.str(s.criterion);
        w.key("reason");
        w.str(s.reason);
        w.end_object();
    }
    w.end_array();
    w.end_object();
    w.key("score");
    if (doc.score && !doc.failed()) {
        const auto& s = *doc.score;
        w.begin_object();
        w.key("sheet");
        w.str(s.sheet);
        w.key("sheet_version");
        w.str(s.sheet_version);
        w.key("max");
        w.num(s.max);
        w.key("deducted");
        w.num(s.deducted);
        w.key("value");
        w.num(s.value);
        w.key("grade");
        w.str(s.grade);
        w.end_object();
    } else {
        w.null();
    }
    for (const auto& [k, v] : doc.extra_json) {
        w.key(k);
        w.raw(v);
    }
    w.key("timings_ms");
    w.begin_object();
    for (const auto& [stage, ms] : doc.timings_ms) {
        w.key(stage);
        w.num(std::round(ms * 1000) / 1000);
    }
    w.end_object();
    w.end_object();
    if (pretty) w.out.push_back('\n');
    return w.out;
}

}  // namespace pingcha
