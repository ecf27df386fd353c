// Campaign reports: aggregates the latest run of each document; HTML with inline SVG, and CSV.
#include "pingcha/report.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>

#include "pingcha/json.h"
#include "pingcha/pipeline.h"
#include "pingcha/utf8.h"

namespace fs = std::filesystem;

namespace pingcha {

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

std::optional<int> statutory_limit_days(const std::string& type_code, const std::string& procedure) {
    auto has = [&](const char* p) { return procedure.find(p) != std::string::npos; };
    // 民事诉讼法 152 (普通 6 months), 164 (简易 3 months), 183 (appeal 3 months);
    // 刑事诉讼法 208 (公诉 first instance up to 3 months), 220 (简易 20 days), 225 (速裁 10 days),
    // 243 (appeal 2 months); 行政诉讼法 81 (6 months), 83 (简易 45 days), 88 (appeal 3 months).
    if (type_code == "民初") return (has("简易") || has("小额")) ? 90 : 180;
    if (type_code == "民终") return 90;
    if (type_code == "刑初") return has("速裁") ? 10 : has("简易") ? 20 : 90;
    if (type_code == "刑终") return 60;
    if (type_code == "行初") return has("简易") ? 45 : 180;
    if (type_code == "行终") return 90;
    return std::nullopt;
}

std::optional<int> days_between(const std::string& from_iso, const std::string& to_iso) {
    auto parse = [](const std::string& s) -> std::optional<std::chrono::sys_days> {
        int y = 0;
        unsigned m = 0, d = 0;
        if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) return std::nullopt;
        const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
        if (!ymd.ok()) return std::nullopt;
        return std::chrono::sys_days(ymd);
    };
    const auto a = parse(from_iso), b = parse(to_iso);
    if (!a || !b) return std::nullopt;
    return static_cast<int>((*b - *a).count());
}

namespace {

struct FindingRow {
    std::string criterion;
    std::string severity;
    std::string message;
    std::string excerpt;
    std::size_t start = 0, end = 0;
    double deduction = 0;
};

struct DocRow {
    std::string sha256;
    std::string id;
    std::string title;  // the first line of the text, shortened
    std::string court;  // name, else court code, else unknown
    std::string case_number;
    std::string type_code;
    std::string procedure;
    std::vector<std::string> judges;
    bool failed = false;
    std::optional<double> score;
    std::string grade;
    std::vector<FindingRow> findings;
    std::string filed_on, decided_on;
    std::optional<int> duration_days;
    std::optional<int> limit_days;
    std::size_t ordinal = 0;  // position of its latest run in the campaign's run order
};

const char* unknown_court = "（未识别法院）";

std::string str_of(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!o || !o->has(key) || o->isNull(key)) return {};
    return o->getValue<std::string>(key);
}
std::optional<double> num_of(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!o || !o->has(key) || o->isNull(key)) return std::nullopt;
    return o->getValue<double>(key);
}

std::string shorten(const std::string& s, std::size_t n) {
    return utf8::count(s) > n ? utf8::substr(s, 0, n) + "…" : s;
}

DocRow parse_run(const StoredRun& run, std::string* text_out) {
    Poco::JSON::Parser parser;
    auto r = parser.parse(run.result_json).extract<Poco::JSON::Object::Ptr>();
    DocRow d;
    d.sha256 = run.sha256;
    d.id = run.document_id;
    d.failed = str_of(r, "status") != "ok";  // failed or rejected: no score
    const std::string text = str_of(r, "text");
    {
        std::size_t a = text.find_first_not_of(" \n\r\t");
        if (a == std::string::npos) a = text.size();
        std::size_t b = text.find('\n', a);
        d.title = shorten(text.substr(a, b == std::string::npos ? std::string::npos : b - a), 40);
    }
    if (text_out) *text_out = text;
    auto doc = r->getObject("document");
    std::string court_code;
    if (doc) {
        d.court = str_of(doc, "court");
        d.procedure = str_of(doc, "procedure");
        d.filed_on = str_of(doc, "filed_on");
        d.decided_on = str_of(doc, "decided_on");
        if (auto dd = num_of(doc, "duration_days")) d.duration_days = static_cast<int>(*dd);
        if (auto cn = doc->getObject("case_number")) {
            d.case_number = str_of(cn, "text");
            d.type_code = str_of(cn, "type_code");
            court_code = str_of(cn, "court_code");
        }
        if (auto js = doc->getArray("judges"))
            for (std::size_t i = 0; i < js->size(); ++i)
                if (auto j = js->getObject(static_cast<unsigned>(i)); j && !str_of(j, "name").empty())
                    d.judges.push_back(str_of(j, "name"));
    }
    if (d.court.empty()) d.court = court_code.empty() ? unknown_court : court_code;
    if (!d.duration_days) d.duration_days = days_between(d.filed_on, d.decided_on);
    d.limit_days = statutory_limit_days(d.type_code, d.procedure);
    if (auto s = r->getObject("score")) {
        d.score = num_of(s, "value");
        d.grade = str_of(s, "grade");
    }
    if (auto fs_ = r->getArray("findings"))
        for (std::size_t i = 0; i < fs_->size(); ++i) {
            auto f = fs_->getObject(static_cast<unsigned>(i));
            if (!f) continue;
            FindingRow fr;
            fr.criterion = str_of(f, "criterion");
            fr.severity = str_of(f, "severity");
            fr.message = str_of(f, "message");
            fr.excerpt = str_of(f, "excerpt");
            fr.start = static_cast<std::size_t>(num_of(f, "start").value_or(0));
            fr.end = static_cast<std::size_t>(num_of(f, "end").value_or(0));
            fr.deduction = num_of(f, "deduction").value_or(0);
            d.findings.push_back(std::move(fr));
        }
    return d;
}

std::size_t defects(const DocRow& d) {
    return static_cast<std::size_t>(
        std::count_if(d.findings.begin(), d.findings.end(), [](const FindingRow& f) { return f.severity == "error"; }));
}

std::string fmt(double v, int decimals = 1) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}
std::string pct(double v) { return fmt(v * 100, 1) + "%"; }

// ---- CSV ----

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += "\"\"";
        else out.push_back(c);
    }
    return out + "\"";
}

class Csv {
public:
    explicit Csv(std::vector<std::string> header) { row(header); }
    void row(const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i) out_ += ",";
            out_ += csv_field(cells[i]);
        }
        out_ += "\r\n";
    }
    // With a UTF-8 byte order mark, so that spreadsheet programs read the Chinese right.
    std::string str() const { return "\xEF\xBB\xBF" + out_; }

private:
    std::string out_;
};

// ---- SVG charts ----

struct Bar {
    std::string label;
    double value = 0;
    std::string note;  // shown after the bar
};

// Horizontal bars: labels on the left, so that long Chinese court names stay readable.
// Bars start at min_value (scores cluster near the top; from 0 they would all look alike).
std::string svg_hbars(const std::string& title, const std::vector<Bar>& bars, double max_value, const std::string& color,
                      double min_value = 0) {
    const int row_h = 22, label_w = 230, bar_w = 420, top = 28;
    const int h = top + row_h * static_cast<int>(bars.size()) + 16;
    std::string s = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(label_w + bar_w + 120) +
                    "\" height=\"" + std::to_string(h) + "\" role=\"img\" aria-label=\"" + html_escape(title) + "\">";
    s += "<text x=\"0\" y=\"16\" class=\"ct\">" + html_escape(title) + "</text>";
    if (max_value <= min_value) max_value = min_value + 1;
    if (min_value > 0)
        s += "<text x=\"" + std::to_string(label_w) + "\" y=\"" + std::to_string(h - 1) + "\" class=\"small\">" +
             fmt(min_value, 0) + "</text><text x=\"" + std::to_string(label_w + bar_w) + "\" y=\"" + std::to_string(h - 1) +
             "\" class=\"small\" text-anchor=\"end\">" + fmt(max_value, 0) + "</text>";
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const int y = top + row_h * static_cast<int>(i);
        const double w = std::max(0.0, (bars[i].value - min_value) / (max_value - min_value) * bar_w);
        s += "<text x=\"" + std::to_string(label_w - 6) + "\" y=\"" + std::to_string(y + 15) + "\" text-anchor=\"end\">" +
             html_escape(shorten(bars[i].label, 16)) + "</text>";
        s += "<rect x=\"" + std::to_string(label_w) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" + fmt(w, 1) +
             "\" height=\"" + std::to_string(row_h - 6) + "\" fill=\"" + color + "\"><title>" + html_escape(bars[i].label) +
             ": " + html_escape(bars[i].note) + "</title></rect>";
        s += "<text x=\"" + fmt(label_w + w + 6, 1) + "\" y=\"" + std::to_string(y + 15) + "\">" + html_escape(bars[i].note) + "</text>";
    }
    return s + "</svg>";
}

// Vertical bars for the score distribution.
std::string svg_histogram(const std::string& title, const std::vector<Bar>& bins) {
    const int bin_w = 52, h_plot = 200, top = 30, left = 40;
    double max_v = 1;
    for (const auto& b : bins) max_v = std::max(max_v, b.value);
    const int w = left + bin_w * static_cast<int>(bins.size()) + 10, h = top + h_plot + 40;
    std::string s = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(w) + "\" height=\"" +
                    std::to_string(h) + "\" role=\"img\" aria-label=\"" + html_escape(title) + "\">";
    s += "<text x=\"0\" y=\"16\" class=\"ct\">" + html_escape(title) + "</text>";
    s += "<line x1=\"" + std::to_string(left) + "\" y1=\"" + std::to_string(top + h_plot) + "\" x2=\"" + std::to_string(w - 5) +
         "\" y2=\"" + std::to_string(top + h_plot) + "\" stroke=\"#888\"/>";
    for (std::size_t i = 0; i < bins.size(); ++i) {
        const double bh = bins[i].value / max_v * h_plot;
        const int x = left + bin_w * static_cast<int>(i);
        s += "<rect x=\"" + std::to_string(x + 4) + "\" y=\"" + fmt(top + h_plot - bh, 1) + "\" width=\"" +
             std::to_string(bin_w - 8) + "\" height=\"" + fmt(bh, 1) + "\" fill=\"#3b6ea8\"><title>" + html_escape(bins[i].label) +
             ": " + fmt(bins[i].value, 0) + "</title></rect>";
        s += "<text x=\"" + std::to_string(x + bin_w / 2) + "\" y=\"" + fmt(top + h_plot - bh - 4, 1) +
             "\" text-anchor=\"middle\">" + fmt(bins[i].value, 0) + "</text>";
        s += "<text x=\"" + std::to_string(x + bin_w / 2) + "\" y=\"" + std::to_string(top + h_plot + 16) +
             "\" text-anchor=\"middle\" class=\"small\">" + html_escape(bins[i].label) + "</text>";
    }
    return s + "</svg>";
}

const char* grade_colors[] = {"#2e8b57", "#3b6ea8", "#d4a017", "#d2691e", "#b22222", "#6a5acd", "#708090"};

// One stacked bar per row (grade counts per court), with a legend.
std::string svg_stacked(const std::string& title, const std::vector<std::string>& rows,
                        const std::vector<std::string>& grades, const std::vector<std::vector<double>>& counts) {
    const int row_h = 22, label_w = 230, bar_w = 420, top = 50;
    const int h = top + row_h * static_cast<int>(rows.size()) + 10;
    std::string s = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(label_w + bar_w + 60) +
                    "\" height=\"" + std::to_string(h) + "\" role=\"img\" aria-label=\"" + html_escape(title) + "\">";
    s += "<text x=\"0\" y=\"16\" class=\"ct\">" + html_escape(title) + "</text>";
    for (std::size_t g = 0; g < grades.size(); ++g) {
        const int x = label_w + static_cast<int>(g) * 90;
        s += "<rect x=\"" + std::to_string(x) + "\" y=\"26\" width=\"12\" height=\"12\" fill=\"" + grade_colors[g % 7] + "\"/>";
        s += "<text x=\"" + std::to_string(x + 16) + "\" y=\"37\">" + html_escape(grades[g]) + "</text>";
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const int y = top + row_h * static_cast<int>(i);
        double total = 0;
        for (double c : counts[i]) total += c;
        s += "<text x=\"" + std::to_string(label_w - 6) + "\" y=\"" + std::to_string(y + 15) + "\" text-anchor=\"end\">" +
             html_escape(shorten(rows[i], 16)) + "</text>";
        double x = label_w;
        for (std::size_t g = 0; g < grades.size(); ++g) {
            const double w = total > 0 ? counts[i][g] / total * bar_w : 0;
            if (w <= 0) continue;
            s += "<rect x=\"" + fmt(x, 1) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" + fmt(w, 1) + "\" height=\"" +
                 std::to_string(row_h - 6) + "\" fill=\"" + grade_colors[g % 7] + "\"><title>" + html_escape(rows[i]) + " " +
                 html_escape(grades[g]) + ": " + fmt(counts[i][g], 0) + "</title></rect>";
            x += w;
        }
    }
    return s + "</svg>";
}

// ---- the report ----

struct Group {
    std::size_t documents = 0, scored = 0, defects = 0, excellent = 0;
    double score_sum = 0;
    std::map<std::string, std::size_t> grades;
    std::size_t with_duration = 0, within_limit = 0, with_limit = 0;
    double duration_sum = 0;
    double average() const { return scored ? score_sum / static_cast<double>(scored) : 0; }
};

const char* excellent_grade = "优秀";
const std::size_t max_chart_rows = 30;

// Where a score axis starts: a round number a little below the lowest bar.
double score_axis_origin(double lowest) { return std::max(0.0, std::floor(lowest / 10) * 10 - 10); }

std::string page_name(std::size_t ordinal) { return "documents/" + std::to_string(ordinal) + ".html"; }

void write_file(const fs::path& path, const std::string& content) {
    const fs::path tmp = path.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << content;
        if (!out) throw std::runtime_error("cannot write " + tmp.string());
    }
    fs::rename(tmp, path);
}

const char* css =
    "body{font-family:'Noto Sans CJK SC','Noto Sans SC','Microsoft YaHei',sans-serif;margin:24px;color:#222;max-width:1100px}"
    "h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:32px}"
    "table{border-collapse:collapse;font-size:13px;margin:8px 0}th,td{border:1px solid #ccc;padding:3px 8px;text-align:left}"
    "th{background:#f0f3f7}td.n{text-align:right}.chart{display:block;margin:10px 0;font-size:12px}"
    ".chart .ct{font-size:14px;font-weight:bold}.chart .small{font-size:11px}"
    ".kpi{display:inline-block;margin:0 24px 8px 0}.kpi b{font-size:22px;display:block}"
    "pre.text{white-space:pre-wrap;font-size:14px;line-height:1.7;border:1px solid #ddd;padding:12px;background:#fafafa}"
    "mark{background:#ffd7d7;border-bottom:2px solid #c00}mark.warning{background:#fff2c2;border-bottom-color:#c90}"
    "mark.info{background:#e3efff;border-bottom-color:#36c}.muted{color:#777}@media print{a{color:#222}}";

std::string html_head(const std::string& title) {
    return "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + html_escape(title) +
           "</title><style>" + css + "</style></head><body>\n";
}

// The text with each finding's span marked; spans are code points into the text, may overlap.
std::string highlighted_text(const std::string& text, const std::vector<FindingRow>& findings) {
    const std::u32string cps = utf8::decode(text);
    std::set<std::size_t> cuts{0, cps.size()};
    for (const auto& f : findings) {
        if (f.end <= f.start || f.start >= cps.size()) continue;
        cuts.insert(f.start);
        cuts.insert(std::min(f.end, cps.size()));
    }
    std::string out;
    std::set<std::size_t> anchored;
    for (auto it = cuts.begin(); std::next(it) != cuts.end(); ++it) {
        const std::size_t a = *it, b = *std::next(it);
        const std::string piece = html_escape(utf8::encode(std::u32string_view(cps).substr(a, b - a)));
        int best = 0;  // the most severe finding covering [a, b): 3 error, 2 warning, 1 info
        std::string titles, ids;
        for (std::size_t i = 0; i < findings.size(); ++i) {
            const auto& f = findings[i];
            if (f.start <= a && f.end >= b && f.end > f.start) {
                const int rank = f.severity == "error" ? 3 : f.severity == "warning" ? 2 : 1;
                best = std::max(best, rank);
                if (!titles.empty()) titles += "; ";
                titles += f.criterion + ": " + f.message;
                if (f.start == a && anchored.insert(i).second) ids += "<a id=\"f" + std::to_string(i + 1) + "\"></a>";
            }
        }
        if (best == 0) out += piece;
        else
            out += ids + "<mark class=\"" + std::string(best == 3 ? "error" : best == 2 ? "warning" : "info") + "\" title=\"" +
                   html_escape(titles) + "\">" + piece + "</mark>";
    }
    return out;
}

std::string document_page(const DocRow& d, const std::string& text, const std::string& campaign) {
    std::string h = html_head(d.id + " — " + campaign);
    h += "<p><a href=\"../index.html\">← 返回报告 (back to the report)</a></p>";
    h += "<h1>" + html_escape(d.title.empty() ? d.id : d.title) + "</h1>";
    h += "<table><tr><th>文书 (document)</th><td>" + html_escape(d.id) + "</td></tr>";
    h += "<tr><th>法院 (court)</th><td>" + html_escape(d.court) + "</td></tr>";
    h += "<tr><th>案号 (case number)</th><td>" + html_escape(d.case_number) + "</td></tr>";
    h += "<tr><th>审判人员 (judges)</th><td>";
    for (std::size_t i = 0; i < d.judges.size(); ++i) h += (i ? "、" : "") + html_escape(d.judges[i]);
    h += "</td></tr>";
    h += "<tr><th>得分 (score)</th><td>" + (d.failed ? std::string("失败 (failed)") : d.score ? fmt(*d.score, 1) + " " + html_escape(d.grade) : "") + "</td></tr>";
    if (d.duration_days)
        h += "<tr><th>审理天数 (days)</th><td>" + std::to_string(*d.duration_days) +
             (d.limit_days ? " / 审限 " + std::to_string(*d.limit_days) : std::string()) + "</td></tr>";
    h += "<tr><th>SHA-256</th><td class=\"muted\">" + html_escape(d.sha256) + "</td></tr></table>";
    h += "<h2>问题 (findings): " + std::to_string(d.findings.size()) + "</h2>";
    if (d.findings.empty()) h += "<p>无 (none)</p>";
    else {
        h += "<table><tr><th>#</th><th>评查项 (criterion)</th><th>级别</th><th>说明 (message)</th><th>原文 (excerpt)</th><th>扣分</th></tr>";
        for (std::size_t i = 0; i < d.findings.size(); ++i) {
            const auto& f = d.findings[i];
            h += "<tr><td><a href=\"#f" + std::to_string(i + 1) + "\">" + std::to_string(i + 1) + "</a></td><td>" +
                 html_escape(f.criterion) + "</td><td>" + html_escape(f.severity) + "</td><td>" + html_escape(f.message) +
                 "</td><td>" + html_escape(f.excerpt) + "</td><td class=\"n\">" + (f.deduction > 0 ? fmt(f.deduction, 1) : "") +
                 "</td></tr>";
        }
        h += "</table>";
    }
    h += "<h2>全文 (text, defects highlighted)</h2><pre class=\"text\">" + highlighted_text(text, d.findings) + "</pre>";
    return h + "</body></html>\n";
}

std::string doc_link(const DocRow& d, const std::set<std::string>& paged) {
    const std::string label = html_escape(d.title.empty() ? d.id : d.title);
    if (!paged.count(d.sha256)) return label;
    return "<a href=\"" + page_name(d.ordinal) + "\">" + label + "</a>";
}

}  // namespace

ReportSummary write_report(Store& store, const ReportOptions& options) {
    // Pass 1: the latest run of each document.
    std::vector<DocRow> rows;
    std::unordered_map<std::string, std::size_t> by_sha;
    std::size_t ordinal = 0;
    store.for_each_run(options.campaign, [&](const StoredRun& run) {
        DocRow d = parse_run(run, nullptr);
        d.ordinal = ordinal++;
        auto [it, fresh] = by_sha.emplace(d.sha256, rows.size());
        if (fresh) rows.push_back(std::move(d));
        else rows[it->second] = std::move(d);
    });
    if (rows.empty()) throw ConfigError("campaign '" + options.campaign + "' has no runs in this store");

    ReportSummary sum;
    sum.documents = rows.size();
    Group all;
    std::map<std::string, Group> courts, judges;
    struct CriterionStat {
        std::size_t findings = 0, documents = 0;
        double deducted = 0;
    };
    std::map<std::string, CriterionStat> criteria;
    std::map<std::string, double> grade_floor;  // lowest score seen per grade, to order grades
    std::vector<std::size_t> score_bins(10, 0);  // <60, 60-65, ..., 95-100, 100
    auto add = [](Group& g, const DocRow& d) {
        ++g.documents;
        if (d.score) {
            ++g.scored;
            g.score_sum += *d.score;
        }
        g.defects += defects(d);
        if (!d.grade.empty()) ++g.grades[d.grade];
        if (d.grade == excellent_grade) ++g.excellent;
        if (d.duration_days) {
            ++g.with_duration;
            g.duration_sum += *d.duration_days;
            if (d.limit_days) {
                ++g.with_limit;
                if (*d.duration_days <= *d.limit_days) ++g.within_limit;
            }
        }
    };
    for (const auto& d : rows) {
        if (d.failed) ++sum.failed;
        add(all, d);
        add(courts[d.court], d);
        for (const auto& j : d.judges) add(judges[j + "｜" + d.court], d);
        std::set<std::string> seen;
        for (const auto& f : d.findings) {
            if (f.severity != "error") continue;
            auto& c = criteria[f.criterion];
            ++c.findings;
            c.deducted += f.deduction;
            if (seen.insert(f.criterion).second) ++c.documents;
        }
        if (d.score) {
            const double s = *d.score;
            const std::size_t bin = s >= 100 ? 9 : s < 60 ? 0 : 1 + static_cast<std::size_t>((s - 60) / 5);
            ++score_bins[std::min<std::size_t>(bin, 9)];
            if (!d.grade.empty()) {
                auto [it, fresh] = grade_floor.emplace(d.grade, s);
                if (!fresh) it->second = std::min(it->second, s);
            }
        }
    }
    sum.average_score = all.average();
    sum.excellent = all.excellent;
    std::vector<std::string> grades;
    for (const auto& [g, _] : grade_floor) grades.push_back(g);
    std::sort(grades.begin(), grades.end(), [&](const std::string& a, const std::string& b) { return grade_floor[a] > grade_floor[b]; });

    // Which documents are listed (and get a page).
    std::vector<const DocRow*> lowest, excellent, over_limit;
    for (const auto& d : rows) {
        lowest.push_back(&d);
        if (d.grade == excellent_grade) excellent.push_back(&d);
        if (d.duration_days && d.limit_days && *d.duration_days > *d.limit_days) over_limit.push_back(&d);
    }
    std::stable_sort(lowest.begin(), lowest.end(), [](const DocRow* a, const DocRow* b) {
        const double sa = a->failed ? -1 : a->score.value_or(101), sb = b->failed ? -1 : b->score.value_or(101);
        return sa < sb;
    });
    std::stable_sort(excellent.begin(), excellent.end(), [](const DocRow* a, const DocRow* b) { return a->score > b->score; });
    std::stable_sort(over_limit.begin(), over_limit.end(), [](const DocRow* a, const DocRow* b) {
        return *a->duration_days - *a->limit_days > *b->duration_days - *b->limit_days;
    });
    std::set<std::string> paged;
    auto list = [&](const std::vector<const DocRow*>& v) {
        for (std::size_t i = 0; i < v.size() && i < options.max_listed; ++i) paged.insert(v[i]->sha256);
    };
    list(lowest);
    list(excellent);
    list(over_limit);

    const fs::path out(options.out_dir);
    std::error_code ec;
    fs::create_directories(out / "documents", ec);
    if (ec) throw std::runtime_error("cannot create " + (out / "documents").string() + ": " + ec.message());

    // Pass 2: the pages of the listed documents (their text is read again rather than kept).
    std::unordered_map<std::size_t, const DocRow*> page_by_ordinal;
    for (const auto& d : rows)
        if (paged.count(d.sha256)) page_by_ordinal[d.ordinal] = &d;
    ordinal = 0;
    store.for_each_run(options.campaign, [&](const StoredRun& run) {
        const std::size_t here = ordinal++;
        auto it = page_by_ordinal.find(here);
        if (it == page_by_ordinal.end()) return;
        std::string text;
        parse_run(run, &text);
        write_file(out / page_name(here), document_page(*it->second, text, options.campaign));
        ++sum.document_pages;
    });

    // CSV files: every row.
    auto csv = [&](const std::string& name, const Csv& c) {
        write_file(out / name, c.str());
        sum.files.push_back(name);
    };
    {
        Csv c({"bin", "documents"});
        const char* labels[] = {"<60", "60-65", "65-70", "70-75", "75-80", "80-85", "85-90", "90-95", "95-100", "100"};
        for (std::size_t i = 0; i < 10; ++i) c.row({labels[i], std::to_string(score_bins[i])});
        csv("distribution.csv", c);
    }
    std::vector<std::string> court_header{"court", "documents", "average_score", "defects", "defects_per_document"};
    for (const auto& g : grades) court_header.push_back("grade_" + g);
    court_header.insert(court_header.end(), {"with_duration", "average_duration_days", "with_time_limit", "within_time_limit",
                                             "share_within_time_limit"});
    auto group_row = [&](const std::string& name, const Group& g) {
        std::vector<std::string> r{name, std::to_string(g.documents), fmt(g.average(), 2), std::to_string(g.defects),
                                   fmt(g.documents ? static_cast<double>(g.defects) / static_cast<double>(g.documents) : 0, 2)};
        for (const auto& gr : grades) r.push_back(std::to_string(g.grades.count(gr) ? g.grades.at(gr) : 0));
        r.insert(r.end(), {std::to_string(g.with_duration),
                           g.with_duration ? fmt(g.duration_sum / static_cast<double>(g.with_duration), 1) : "",
                           std::to_string(g.with_limit), std::to_string(g.within_limit),
                           g.with_limit ? fmt(static_cast<double>(g.within_limit) / static_cast<double>(g.with_limit), 4) : ""});
        return r;
    };
    {
        Csv c(court_header);
        for (const auto& [name, g] : courts) c.row(group_row(name, g));
        c.row(group_row("（全部 all）", all));
        csv("courts.csv", c);
    }
    {
        Csv c({"judge", "court", "documents", "average_score", "defects", "excellent"});
        for (const auto& [key, g] : judges) {
            const auto bar = key.find("｜");
            c.row({key.substr(0, bar), key.substr(bar + std::string("｜").size()), std::to_string(g.documents),
                   fmt(g.average(), 2), std::to_string(g.defects), std::to_string(g.excellent)});
        }
        csv("judges.csv", c);
    }
    {
        Csv c({"criterion", "findings", "documents", "rate", "deducted"});
        for (const auto& [id, s] : criteria)
            c.row({id, std::to_string(s.findings), std::to_string(s.documents),
                   fmt(static_cast<double>(s.documents) / static_cast<double>(rows.size()), 4), fmt(s.deducted, 1)});
        csv("criteria.csv", c);
    }
    auto doc_cells = [](const DocRow& d) {
        return std::vector<std::string>{d.id, d.court, d.case_number, d.failed ? "failed" : "ok",
                                        d.score ? fmt(*d.score, 1) : "", d.grade, std::to_string(defects(d)), d.sha256};
    };
    {
        Csv c({"id", "court", "case_number", "status", "score", "grade", "defects", "sha256"});
        for (const auto* d : excellent) c.row(doc_cells(*d));
        csv("excellent.csv", c);
    }
    {
        Csv c({"id", "court", "case_number", "status", "score", "grade", "defects", "sha256"});
        for (const auto& d : rows) c.row(doc_cells(d));
        csv("documents.csv", c);
    }
    {
        Csv c({"id", "court", "case_number", "type_code", "procedure", "filed_on", "decided_on", "duration_days",
               "time_limit_days", "days_over"});
        for (const auto* d : over_limit)
            c.row({d->id, d->court, d->case_number, d->type_code, d->procedure, d->filed_on, d->decided_on,
                   std::to_string(*d->duration_days), std::to_string(*d->limit_days),
                   std::to_string(*d->duration_days - *d->limit_days)});
        csv("over_limit.csv", c);
    }

    // index.html
    std::string h = html_head("评查报告 " + options.campaign);
    h += "<h1>裁判文书评查报告 (judgment-review report): " + html_escape(options.campaign) + "</h1>";
    h += "<div><span class=\"kpi\"><b>" + std::to_string(rows.size()) + "</b>文书 documents</span>";
    h += "<span class=\"kpi\"><b>" + fmt(all.average(), 2) + "</b>平均分 average score</span>";
    h += "<span class=\"kpi\"><b>" + std::to_string(all.excellent) + "</b>优秀 excellent</span>";
    h += "<span class=\"kpi\"><b>" + std::to_string(all.defects) + "</b>问题 defects</span>";
    h += "<span class=\"kpi\"><b>" + std::to_string(sum.failed) + "</b>失败 failed</span>";
    if (all.with_limit)
        h += "<span class=\"kpi\"><b>" + pct(static_cast<double>(all.within_limit) / static_cast<double>(all.with_limit)) +
             "</b>审限内结案 within time limit</span>";
    h += "</div>";
    h += "<p class=\"muted\">CSV: ";
    for (const auto& f : sum.files) h += "<a href=\"" + f + "\">" + f + "</a> ";
    h += "</p>";

    h += "<h2>分数分布 (score distribution)</h2>";
    {
        std::vector<Bar> bins;
        const char* labels[] = {"<60", "60–65", "65–70", "70–75", "75–80", "80–85", "85–90", "90–95", "95–100", "100"};
        for (std::size_t i = 0; i < 10; ++i) bins.push_back({labels[i], static_cast<double>(score_bins[i]), ""});
        h += svg_histogram("文书数 by score", bins);
    }

    h += "<h2>各法院 (by court)</h2>";
    {
        // A city's campaign has a dozen courts; a national sample hundreds: chart those with the most
        // documents, list them all (up to max_listed) in the table and every one in courts.csv.
        std::vector<std::pair<std::string, const Group*>> cs;
        for (const auto& [n, g] : courts) cs.emplace_back(n, &g);
        std::stable_sort(cs.begin(), cs.end(), [](const auto& a, const auto& b) { return a.second->documents > b.second->documents; });
        const std::size_t charted = std::min<std::size_t>(cs.size(), max_chart_rows);
        std::vector<std::pair<std::string, const Group*>> top(cs.begin(), cs.begin() + static_cast<long>(charted));
        std::stable_sort(top.begin(), top.end(), [](const auto& a, const auto& b) { return a.second->average() > b.second->average(); });
        std::stable_sort(cs.begin(), cs.end(), [](const auto& a, const auto& b) { return a.second->average() > b.second->average(); });
        std::vector<Bar> bars;
        std::vector<std::string> names;
        std::vector<std::vector<double>> counts;
        double lowest = 100;
        for (const auto& [n, g] : top) {
            lowest = std::min(lowest, g->average());
            bars.push_back({n, g->average(), fmt(g->average(), 2) + " (" + std::to_string(g->documents) + ")"});
            names.push_back(n);
            std::vector<double> row;
            for (const auto& gr : grades) row.push_back(static_cast<double>(g->grades.count(gr) ? g->grades.at(gr) : 0));
            counts.push_back(row);
        }
        const std::string which = cs.size() > charted ? " (the " + std::to_string(charted) + " of " + std::to_string(cs.size()) +
                                                            " courts with the most documents)" : std::string();
        h += svg_hbars("平均分 average score per court" + which, bars, 100, "#3b6ea8", score_axis_origin(lowest));
        if (!grades.empty()) h += svg_stacked("等次 grades per court" + which, names, grades, counts);
        h += "<table><tr><th>法院 court</th><th>文书</th><th>平均分</th><th>问题</th>";
        for (const auto& gr : grades) h += "<th>" + html_escape(gr) + "</th>";
        h += "</tr>";
        for (std::size_t i = 0; i < cs.size() && i < options.max_listed; ++i) {
            const auto& [n, g] = cs[i];
            h += "<tr><td>" + html_escape(n) + "</td><td class=\"n\">" + std::to_string(g->documents) + "</td><td class=\"n\">" +
                 fmt(g->average(), 2) + "</td><td class=\"n\">" + std::to_string(g->defects) + "</td>";
            for (const auto& gr : grades) h += "<td class=\"n\">" + std::to_string(g->grades.count(gr) ? g->grades.at(gr) : 0) + "</td>";
            h += "</tr>";
        }
        h += "</table>";
    }

    h += "<h2>各审判人员 (by judge, from the signature block)</h2>";
    if (judges.empty()) h += "<p class=\"muted\">没有识别出审判人员 (no judges extracted from the signature blocks).</p>";
    else {
        std::vector<std::pair<std::string, const Group*>> js;
        for (const auto& [n, g] : judges) js.emplace_back(n, &g);
        std::stable_sort(js.begin(), js.end(), [](const auto& a, const auto& b) { return a.second->documents > b.second->documents; });
        if (js.size() > max_chart_rows) js.resize(max_chart_rows);
        std::vector<Bar> bars;
        double lowest = 100;
        for (const auto& [n, g] : js) {
            bars.push_back({n, g->average(), fmt(g->average(), 2) + " (" + std::to_string(g->documents) + ")"});
            lowest = std::min(lowest, g->average());
        }
        h += svg_hbars("平均分 average score per judge (most documents first, at most " + std::to_string(max_chart_rows) +
                           "; all in judges.csv)", bars, 100, "#6a5acd", score_axis_origin(lowest));
        h += "<table><tr><th>审判人员 judge</th><th>法院 court</th><th>文书</th><th>平均分</th><th>问题</th><th>优秀</th></tr>";
        for (const auto& [n, g] : js) {
            const auto bar = n.find("｜");
            h += "<tr><td>" + html_escape(n.substr(0, bar)) + "</td><td>" + html_escape(n.substr(bar + std::string("｜").size())) +
                 "</td><td class=\"n\">" + std::to_string(g->documents) + "</td><td class=\"n\">" + fmt(g->average(), 2) +
                 "</td><td class=\"n\">" + std::to_string(g->defects) + "</td><td class=\"n\">" + std::to_string(g->excellent) + "</td></tr>";
        }
        h += "</table>";
    }

    h += "<h2>各评查项 (by criterion)</h2>";
    if (criteria.empty()) h += "<p>没有发现问题 (no defects found).</p>";
    else {
        std::vector<std::pair<std::string, const CriterionStat*>> cs;
        for (const auto& [n, s] : criteria) cs.emplace_back(n, &s);
        std::stable_sort(cs.begin(), cs.end(), [](const auto& a, const auto& b) { return a.second->documents > b.second->documents; });
        std::vector<Bar> bars;
        double max_v = 0;
        for (const auto& [n, s] : cs) {
            const double rate = static_cast<double>(s->documents) / static_cast<double>(rows.size());
            bars.push_back({n, static_cast<double>(s->findings), std::to_string(s->findings) + " · " + pct(rate) + " of documents"});
            max_v = std::max(max_v, static_cast<double>(s->findings));
        }
        h += svg_hbars("问题数 defects per criterion", bars, max_v, "#b22222");
        h += "<table><tr><th>评查项 criterion</th><th>问题数 findings</th><th>涉及文书 documents</th><th>比例 rate</th><th>扣分 deducted</th></tr>";
        for (const auto& [n, s] : cs)
            h += "<tr><td>" + html_escape(n) + "</td><td class=\"n\">" + std::to_string(s->findings) + "</td><td class=\"n\">" +
                 std::to_string(s->documents) + "</td><td class=\"n\">" +
                 pct(static_cast<double>(s->documents) / static_cast<double>(rows.size())) + "</td><td class=\"n\">" +
                 fmt(s->deducted, 1) + "</td></tr>";
        h += "</table>";
    }

    h += "<h2>审判质效 (trial efficiency)</h2>";
    if (all.with_duration == 0) {
        h += "<p class=\"muted\">没有可用的立案和裁判日期 (no filing and decision dates extracted).</p>";
    } else {
        h += "<p>平均审理天数 average duration: <b>" + fmt(all.duration_sum / static_cast<double>(all.with_duration), 1) +
             "</b> days over " + std::to_string(all.with_duration) + " documents; ";
        if (all.with_limit)
            h += "审限内结案率 within the statutory limit (without extensions): <b>" +
                 pct(static_cast<double>(all.within_limit) / static_cast<double>(all.with_limit)) + "</b> of " +
                 std::to_string(all.with_limit) + ".";
        h += "</p>";
        std::vector<std::pair<std::string, const Group*>> cs;
        for (const auto& [n, g] : courts)
            if (g.with_duration) cs.emplace_back(n, &g);
        std::stable_sort(cs.begin(), cs.end(), [](const auto& a, const auto& b) { return a.second->documents > b.second->documents; });
        if (cs.size() > max_chart_rows) cs.resize(max_chart_rows);
        std::vector<Bar> bars;
        double max_v = 0;
        for (const auto& [n, gp] : cs) {
            const Group& g = *gp;
            const double avg = g.duration_sum / static_cast<double>(g.with_duration);
            std::string note = fmt(avg, 1) + " days";
            if (g.with_limit) note += " · " + pct(static_cast<double>(g.within_limit) / static_cast<double>(g.with_limit)) + " within limit";
            bars.push_back({n, avg, note});
            max_v = std::max(max_v, avg);
        }
        h += svg_hbars("平均审理天数 average duration (days) per court (most documents first; all in courts.csv)", bars, max_v,
                       "#d2691e");
        h += "<h3>超审限 over the time limit: " + std::to_string(over_limit.size()) + "</h3>";
        if (!over_limit.empty()) {
            h += "<table><tr><th>文书 document</th><th>法院</th><th>案号</th><th>程序</th><th>立案</th><th>裁判</th><th>天数</th><th>审限</th></tr>";
            for (std::size_t i = 0; i < over_limit.size() && i < options.max_listed; ++i) {
                const DocRow& d = *over_limit[i];
                h += "<tr><td>" + doc_link(d, paged) + "</td><td>" + html_escape(d.court) + "</td><td>" + html_escape(d.case_number) +
                     "</td><td>" + html_escape(d.procedure) + "</td><td>" + html_escape(d.filed_on) + "</td><td>" +
                     html_escape(d.decided_on) + "</td><td class=\"n\">" + std::to_string(*d.duration_days) + "</td><td class=\"n\">" +
                     std::to_string(*d.limit_days) + "</td></tr>";
            }
            h += "</table>";
        }
    }

    auto doc_table = [&](const std::vector<const DocRow*>& v) {
        std::string t = "<table><tr><th>文书 document</th><th>法院 court</th><th>案号 case number</th><th>得分 score</th><th>等次 grade</th><th>问题 defects</th></tr>";
        for (std::size_t i = 0; i < v.size() && i < options.max_listed; ++i) {
            const DocRow& d = *v[i];
            t += "<tr><td>" + doc_link(d, paged) + "</td><td>" + html_escape(d.court) + "</td><td>" + html_escape(d.case_number) +
                 "</td><td class=\"n\">" + (d.failed ? std::string("失败") : d.score ? fmt(*d.score, 1) : "") + "</td><td>" +
                 html_escape(d.grade) + "</td><td class=\"n\">" + std::to_string(defects(d)) + "</td></tr>";
        }
        if (v.size() > options.max_listed)
            t += "<tr><td colspan=\"6\" class=\"muted\">… " + std::to_string(v.size() - options.max_listed) + " more in the CSV</td></tr>";
        return t + "</table>";
    };
    h += "<h2>优秀文书 (excellent documents): " + std::to_string(excellent.size()) + "</h2>";
    h += excellent.empty() ? std::string("<p>无 (none)</p>") : doc_table(excellent);
    h += "<h2>得分最低的文书 (lowest scores first)</h2>";
    h += doc_table(lowest);
    h += "<p class=\"muted\">pingcha report · campaign " + html_escape(options.campaign) + " · " + std::to_string(rows.size()) +
         " documents</p></body></html>\n";
    write_file(out / "index.html", h);
    sum.files.insert(sum.files.begin(), "index.html");
    return sum;
}

}  // namespace pingcha
