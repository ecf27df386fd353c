// Planted defects: one known defect edited into each real judgment (501 criminal, 300 civil); the
// planted criterion must fire on the edited text at the edited place and must not have fired there
// before. Prints the detection rate per criterion and asserts at least 95% overall.
#include <Poco/JSON/Parser.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <optional>

#include "criteria_texts.h"

using namespace pingcha;
using namespace pingcha::test;

namespace {

struct Plant {
    std::string kind;       // the criterion that must fire
    std::string text;       // edited text
    std::size_t start = 0;  // edited place, code points in the edited text
    std::size_t end = 0;
    std::size_t orig_start = 0, orig_end = 0;  // the same place in the original
    std::size_t slack = 12;  // how far from the place a finding may point (a deletion leaves no span)
};

std::size_t cp(const std::string& s, std::size_t byte) { return utf8::count(std::string_view(s).substr(0, byte)); }

// Replaces text[byte, byte + len) by with, recording the place in both texts.
Plant replace_at(const std::string& kind, const std::string& text, std::size_t byte, std::size_t len, const std::string& with) {
    Plant p;
    p.kind = kind;
    p.text = text.substr(0, byte) + with + text.substr(byte + len);
    p.start = p.orig_start = cp(text, byte);
    p.end = p.start + utf8::count(with);
    p.orig_end = p.orig_start + utf8::count(std::string_view(text).substr(byte, len));
    return p;
}

std::size_t find_after(const std::string& t, const std::string& s, std::size_t from) {
    return from == std::string::npos ? std::string::npos : t.find(s, from);
}

// Chinese article numerals up to 999 (一百零七 → 107) and back.
int parse_cn(const std::u32string& s) {
    static const std::u32string digits = U"零一二三四五六七八九";
    int total = 0, cur = -1;
    for (char32_t c : s) {
        const auto d = digits.find(c);
        if (d != std::u32string::npos) cur = int(d);
        else if (c == U'十') total += (cur < 0 ? 1 : cur) * 10, cur = -1;
        else if (c == U'百') total += std::max(cur, 0) * 100, cur = -1;
        else return -1;
    }
    return total + std::max(cur, 0);
}

std::string capital(long n) {
    static const char* d[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
    static const char* u[] = {"", "拾", "佰", "仟"};
    std::string out;
    auto four = [&](int x, bool lead) {
        std::string s;
        bool zero = false;
        for (int k = 3; k >= 0; --k) {
            const int q = (x / int(std::pow(10, k))) % 10;
            if (q == 0) {
                zero = !s.empty() || lead;
                continue;
            }
            if (zero) s += "零";
            zero = false;
            s += std::string(d[q]) + u[k];
        }
        return s;
    };
    if (n >= 10000) out = four(int(n / 10000), false) + "万" + four(int(n % 10000), true);
    else out = four(int(n), false);
    return out + "元";
}

// The basis sentence: 依照 … 判决如下 (byte offsets), or npos.
std::pair<std::size_t, std::size_t> basis(const std::string& t) {
    const std::size_t end = t.find("判决如下");
    if (end == std::string::npos) return {std::string::npos, std::string::npos};
    std::size_t s = t.rfind("依照", end);
    if (s == std::string::npos || end - s > 1500) s = t.rfind("根据", end);
    if (s == std::string::npos || end - s > 1500) return {std::string::npos, std::string::npos};
    return {s, end};
}

using Planter = std::function<std::optional<Plant>(const std::string&)>;

std::map<std::string, Planter> planters() {
    std::map<std::string, Planter> m;
    m["wording.terms"] = [](const std::string& t) -> std::optional<Plant> {
        const std::size_t p = t.find("本院", 200);
        if (p == std::string::npos) return std::nullopt;
        return replace_at("wording.terms", t, p, std::string("本院").size(), "我院");
    };
    // the first article of 《中华人民共和国刑法》 in the basis, rewritten
    auto first_article = [](const std::string& t) -> std::optional<std::pair<std::size_t, std::size_t>> {
        auto [s, e] = basis(t);
        const std::string law = "《中华人民共和国刑法》第";
        const std::size_t p = find_after(t, law, s);
        if (p == std::string::npos || p > e) return std::nullopt;
        const std::size_t num = p + law.size();
        const std::size_t tiao = t.find("条", num);
        if (tiao == std::string::npos || tiao - num > 30) return std::nullopt;
        return std::make_pair(num, tiao);
    };
    m["citation.article"] = [first_article](const std::string& t) -> std::optional<Plant> {
        auto a = first_article(t);
        if (!a) return std::nullopt;
        const int n = parse_cn(utf8::decode(t.substr(a->first, a->second - a->first)));
        if (n <= 0) return std::nullopt;
        Plant p = replace_at("citation.article", t, a->first, a->second - a->first, std::to_string(n));
        return p;
    };
    m["citation.exists"] = [first_article](const std::string& t) -> std::optional<Plant> {
        auto a = first_article(t);
        if (!a) return std::nullopt;
        return replace_at("citation.exists", t, a->first, a->second - a->first, "四百六十");
    };
    m["citation.title"] = [](const std::string& t) -> std::optional<Plant> {
        auto [s, e] = basis(t);
        const std::size_t p = find_after(t, "《中华人民共和国刑法》", s);
        if (p == std::string::npos || p > e || t.find("简称《刑法》") != std::string::npos) return std::nullopt;
        return replace_at("citation.title", t, p, std::string("《中华人民共和国刑法》").size(), "《刑法》");
    };
    auto insert_after_yizhao = [](const std::string& kind, const std::string& t, const std::string& ins,
                                  std::size_t mark_len) -> std::optional<Plant> {
        auto [s, e] = basis(t);
        if (s == std::string::npos) return std::nullopt;
        const std::size_t at = s + std::string("依照").size();
        Plant p = replace_at(kind, t, at, 0, ins);
        p.end = p.start + mark_len;  // the part that must be found
        return p;
    };
    m["citation.not-a-basis"] = [insert_after_yizhao](const std::string& t) {
        return insert_after_yizhao("citation.not-a-basis", t, "《中华人民共和国宪法》第三十三条、", 12);
    };
    m["citation.order"] = [](const std::string& t) -> std::optional<Plant> {
        auto [s, e] = basis(t);
        if (s == std::string::npos || t.find("上诉人") != std::string::npos) return std::nullopt;
        const std::size_t at = s + std::string("依照").size();
        if (t.compare(at, std::string("《中华人民共和国刑法》").size(), "《中华人民共和国刑法》") != 0) return std::nullopt;
        const std::string ins = "《中华人民共和国刑事诉讼法》第二百零一条、";
        Plant p = replace_at("citation.order", t, at, 0, ins);
        p.start += utf8::count(ins);  // the substantive law now cited after the procedural one
        p.end = p.start + 11;
        return p;
    };
    m["citation.repealed"] = [insert_after_yizhao](const std::string& t) -> std::optional<Plant> {
        // decided in 2022: the signature year becomes 二〇二二
        const std::size_t clerk = t.rfind("书记员");
        if (clerk == std::string::npos) return std::nullopt;
        const std::size_t y = t.rfind("年", clerk);
        const std::size_t four = std::string("二〇一八").size();
        if (y == std::string::npos || y < four || clerk - y > 60) return std::nullopt;
        std::string dated = t.substr(0, y - four) + "二〇二二" + t.substr(y);
        return insert_after_yizhao("citation.repealed", dated, "《中华人民共和国侵权责任法》第六条、", 14);
    };
    m["typo.lexicon"] = [](const std::string& t) -> std::optional<Plant> {
        for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{{"辩护人", "辨护人"}, {"逮捕", "逮补"}, {"取保候审", "取保侯审"}, {"辩称", "辨称"}}) {
            const std::size_t p = t.find(from, 100);
            if (p != std::string::npos) return replace_at("typo.lexicon", t, p, from.size(), to);
        }
        return std::nullopt;
    };
    m["punctuation"] = [](const std::string& t) -> std::optional<Plant> {
        const std::size_t p = t.find("判决如下：");
        if (p == std::string::npos) return std::nullopt;
        return replace_at("punctuation", t, p, std::string("判决如下：").size(), "判决如下:");
    };
    m["amount.capital"] = [](const std::string& t) -> std::optional<Plant> {
        for (std::size_t p = t.find("人民币"); p != std::string::npos; p = t.find("人民币", p + 1)) {
            std::size_t q = p + std::string("人民币").size();
            long n = 0;
            std::size_t k = q;
            while (k < t.size() && t[k] >= '0' && t[k] <= '9' && k - q < 8) n = n * 10 + (t[k++] - '0');
            if (k == q || n < 100 || t.compare(k, std::string("元").size(), "元") != 0) continue;
            const std::size_t after = k + std::string("元").size();
            const std::string cap = capital(n + 100);
            Plant pl = replace_at("amount.capital", t, after, 0, "（大写：" + cap + "）");
            pl.start += 4;
            pl.end = pl.start + utf8::count(cap);
            return pl;
        }
        return std::nullopt;
    };
    m["typo.repeat"] = [](const std::string& t) -> std::optional<Plant> {
        const std::size_t r = t.find("本院认为");
        if (r == std::string::npos) return std::nullopt;
        const std::string de = "的";
        for (std::size_t p = t.find(de, r); p != std::string::npos && p < r + 3000; p = t.find(de, p + 1)) {
            const std::string prev = p >= 3 ? t.substr(p - 3, 3) : "";
            const std::string next = t.substr(p + 3, 3);
            if (prev == "目" || prev == "的" || next == "的" || next == "确" || prev == "标") continue;
            return replace_at("typo.repeat", t, p, de.size(), "的的");
        }
        return std::nullopt;
    };
    m["privacy.unmasked"] = [](const std::string& t) -> std::optional<Plant> {
        for (const char* sex : {"，男，", "，女，"}) {
            const std::size_t p = t.find(sex);
            if (p == std::string::npos) continue;
            const std::size_t at = p + std::string(sex).size();
            Plant pl = replace_at("privacy.unmasked", t, at, 0, "公民身份号码11010519491231002X，");
            pl.start += 6;
            pl.end = pl.start + 18;
            return pl;
        }
        return std::nullopt;
    };
    m["wording.bare-rejection"] = [](const std::string& t) -> std::optional<Plant> {
        const std::size_t r = t.find("本院认为");
        const std::size_t dot = find_after(t, "。", r);
        if (dot == std::string::npos) return std::nullopt;
        const std::string ins = "辩护人关于被告人系初犯的意见，没有事实和法律依据，本院不予采纳。";
        Plant p = replace_at("wording.bare-rejection", t, dot + std::string("。").size(), 0, ins);
        p.end -= 1;
        return p;
    };
    // the other engineer's criteria
    m["date.signature"] = [](const std::string& t) -> std::optional<Plant> {
        const std::size_t clerk = t.rfind("书记员");
        if (clerk == std::string::npos) return std::nullopt;
        const std::size_t z = t.rfind("〇", clerk);
        if (z == std::string::npos || clerk - z > 60) return std::nullopt;
        return replace_at("date.signature", t, z, std::string("〇").size(), "O");
    };
    m["case-number.format"] = [](const std::string& t) -> std::optional<Plant> {
        // a space inside the case number: （2017） 沪0120刑初684号 (the 字第 form was right before 2016)
        const std::size_t close = t.find("）");
        if (close == std::string::npos || close > 400 || close < 4 || !std::isdigit(static_cast<unsigned char>(t[close - 1])))
            return std::nullopt;
        const std::size_t at = close + std::string("）").size();
        Plant p = replace_at("case-number.format", t, at, 0, " ");
        return p;
    };
    m["structure.signature"] = [](const std::string& t) -> std::optional<Plant> {
        const std::size_t clerk = t.rfind("书记员");
        if (clerk == std::string::npos) return std::nullopt;
        std::size_t e = t.find('\n', clerk);
        if (e == std::string::npos) e = t.size();
        Plant p = replace_at("structure.signature", t, clerk, e - clerk, "");
        p.slack = 40;  // the signature block before the deleted line
        return p;
    };
    m["party.names"] = [](const std::string& t) -> std::optional<Plant> {
        const std::size_t p = t.find("被告人");
        const std::size_t comma = find_after(t, "，", p);
        if (comma == std::string::npos) return std::nullopt;
        const std::size_t ns = p + std::string("被告人").size();
        const std::string name = t.substr(ns, comma - ns);
        const std::size_t n = utf8::count(name);
        // Two-character names are matched exactly only (原告陈述 is not a misspelt 陈艳): plant in longer ones.
        if (n < 3 || n > 4 || name.find("某") != std::string::npos) return std::nullopt;
        const std::size_t dec = t.find("判决如下");
        const std::size_t q = find_after(t, name, dec);
        if (q == std::string::npos) return std::nullopt;
        const std::u32string u = utf8::decode(name);
        std::u32string changed = u;
        // A slip of the pen, not a pseudonym letter (甲乙丙 mark different masked people).
        changed.back() = changed.back() == U'华' ? U'化' : U'华';
        return replace_at("party.names", t, q, name.size(), utf8::encode(changed));
    };
    m["notice.procedure"] = [](const std::string& t) -> std::optional<Plant> {
        const std::size_t n = t.find("如不服本判决");
        const std::size_t p = find_after(t, "十日内", n);
        if (p == std::string::npos || p - n > 200) return std::nullopt;
        return replace_at("notice.procedure", t, p, std::string("十日内").size(), "十五日内");
    };
    m["date.body"] = [](const std::string& t) -> std::optional<Plant> {
        // the first body date after the head: month 13
        for (std::size_t y = t.find("年", 300); y != std::string::npos; y = t.find("年", y + 1)) {
            if (y < 4 || !std::isdigit(static_cast<unsigned char>(t[y - 1]))) continue;
            const std::size_t m0 = y + std::string("年").size();
            std::size_t k = m0;
            while (k < t.size() && std::isdigit(static_cast<unsigned char>(t[k]))) ++k;
            if (k == m0 || t.compare(k, std::string("月").size(), "月") != 0) continue;
            return replace_at("date.body", t, m0, k - m0, "13");
        }
        return std::nullopt;
    };
    return m;
}

// Civil planters: the criteria that only civil judgments exercise.
std::map<std::string, Planter> civil_planters() {
    std::map<std::string, Planter> m;
    auto base = planters();
    m["wording.terms"] = base["wording.terms"];
    m["typo.lexicon"] = [](const std::string& t) -> std::optional<Plant> {
        const std::size_t p = t.find("辩称");
        if (p == std::string::npos) return std::nullopt;
        return replace_at("typo.lexicon", t, p, std::string("辩称").size(), "辨称");
    };
    m["amount.sum"] = [](const std::string& t) -> std::optional<Plant> {
        // 受理费N元，减半收取X元 → X + 100 (only where the full fee is stated beside it)
        const std::string key = "减半收取";
        for (std::size_t p = t.find(key); p != std::string::npos; p = t.find(key, p + 1)) {
            const std::size_t fee = t.rfind("受理费", p);
            if (fee == std::string::npos || p - fee > 40) continue;
            const std::size_t a = fee + std::string("受理费").size();
            if (a >= t.size() || !std::isdigit(static_cast<unsigned char>(t[a]))) continue;
            const std::size_t q = p + key.size();
            std::size_t k = q;
            long n = 0;
            while (k < t.size() && std::isdigit(static_cast<unsigned char>(t[k]))) n = n * 10 + (t[k++] - '0');
            if (k == q || t.compare(k, std::string("元").size(), "元") != 0) continue;
            return replace_at("amount.sum", t, q, k - q, std::to_string(n + 100));
        }
        return std::nullopt;
    };
    m["citation.procedure"] = [](const std::string& t) -> std::optional<Plant> {
        // the late-payment notice removed from a money judgment
        const std::size_t d = t.find("迟延履行");
        if (d == std::string::npos || t.find("迟延履行", d + 1) != std::string::npos) return std::nullopt;
        std::size_t s = t.rfind('\n', d);
        std::size_t e = t.find('\n', d);
        if (s == std::string::npos || e == std::string::npos) return std::nullopt;
        const std::size_t dec = t.find("判决如下");
        if (dec == std::string::npos || dec > s) return std::nullopt;
        Plant p = replace_at("citation.procedure", t, s, e - s, "");
        // the finding points at the money award: the decision above the removed line
        p.start = p.orig_start = cp(t, dec);
        p.end = cp(t, s);
        p.orig_end = cp(t, e);
        p.slack = 0;
        return p;
    };
    m["amount.court-fee"] = [](const std::string& t) -> std::optional<Plant> {
        // a court fee far below the tier of the amount claimed
        const std::string key = "案件受理费";
        const std::size_t p = t.find(key);
        // a property judgment: an amount claimed, and a judgment (a ruling refunds the fee)
        const std::size_t claims = t.find("诉讼请求：");
        if (p == std::string::npos || claims == std::string::npos || t.find("判决如下") == std::string::npos)
            return std::nullopt;
        if (t.find("元", claims) == std::string::npos || t.find("元", claims) - claims > 240) return std::nullopt;
        const std::size_t q = p + key.size();
        std::size_t k = q;
        long n = 0;
        while (k < t.size() && std::isdigit(static_cast<unsigned char>(t[k]))) n = n * 10 + (t[k++] - '0');
        if (k == q || n < 500 || t.compare(k, std::string("元").size(), "元") != 0) return std::nullopt;
        return replace_at("amount.court-fee", t, q, k - q, std::to_string(n / 5));
    };
    return m;
}

// Civil judgments: sections joined one a line, the final punctuation the dataset stripped restored.
std::vector<std::string> civil(const std::string& path, std::size_t limit) {
    std::vector<std::string> out;
    std::ifstream in(path);
    std::string line;
    Poco::JSON::Parser parser;
    while (std::getline(in, line) && out.size() < limit) {
        parser.reset();
        auto o = parser.parse(line).extract<Poco::JSON::Object::Ptr>();
        std::string text = o->optValue<std::string>("Case", "");
        for (const char* k : {"CaseRecord", "JudgeAccusation", "JudgeReason", "JudgeResult"}) {
            std::string part = o->optValue<std::string>(k, "");
            while (!part.empty() && (part.back() == ' ' || part.back() == '\n')) part.pop_back();
            if (part.empty()) continue;
            const auto u = utf8::decode(part);
            if (part.size() >= 6 && part.compare(part.size() - 6, 6, "如下") == 0) part += "：";
            else if (std::u32string(U"。：；！？”）").find(u.back()) == std::u32string::npos) part += "。";
            text += "\n" + part;
        }
        out.push_back(text);
    }
    return out;
}

// Criminal judgments: fd split on spaces into paragraphs (README of the shared data).
std::vector<std::string> criminal(const std::string& path) {
    std::vector<std::string> out;
    std::ifstream in(path);
    std::string line;
    Poco::JSON::Parser parser;
    while (std::getline(in, line)) {
        parser.reset();
        auto o = parser.parse(line).extract<Poco::JSON::Object::Ptr>();
        std::string fd = o->getValue<std::string>("fd");
        for (auto& c : fd)
            if (c == ' ') c = '\n';
        out.push_back(fd);
    }
    return out;
}

bool fired_near(const Document& d, const std::string& id, std::size_t s, std::size_t e, std::size_t slack) {
    const std::size_t lo = s > slack ? s - slack : 0, hi = e + slack;
    for (const auto& f : d.findings)
        if (f.criterion == id && f.start <= hi && f.end >= lo)
            return true;
    return false;
}


struct Outcome {
    int planted = 0, detected = 0;
    int side_effects = 0;  // plants after which another criterion raised a finding it had not raised before
};

// Findings of other criteria that the plant brought about: compared by criterion and message, since
// the plant shifts the spans after it.
std::vector<std::string> new_unrelated(const Document& before, const Document& after, const std::string& kind) {
    std::multiset<std::string> had;
    for (const auto& f : before.findings) had.insert(f.criterion + "\t" + f.message);
    std::vector<std::string> out;
    for (const auto& f : after.findings) {
        if (f.criterion == kind) continue;
        const auto it = had.find(f.criterion + "\t" + f.message);
        if (it != had.end()) had.erase(it);
        else out.push_back(f.criterion + ": " + f.message);
    }
    return out;
}

Outcome run_planted(Harness& h, const std::string& pipeline, const std::vector<std::string>& docs,
                    const std::map<std::string, Planter>& plant, const std::string& label) {
    std::vector<std::string> kinds;
    for (const auto& [k, _] : plant)
        if (h.registry().find_criterion(k)) kinds.push_back(k);  // a criterion not built yet is left out
    std::map<std::string, std::pair<int, int>> rate;  // kind -> (detected, planted)
    std::map<std::string, std::string> missed_example;
    Outcome o;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        std::optional<Plant> p;
        for (std::size_t k = 0; k < kinds.size() && !p; ++k) p = plant.at(kinds[(i + k) % kinds.size()])(docs[i]);
        if (!p) continue;
        const auto before = h.run_text(pipeline, docs[i], "orig" + std::to_string(i));
        if (before.failed()) continue;  // a fragment of the export the structure stage refuses to score
        const auto after = h.run_text(pipeline, p->text, "plant" + std::to_string(i));
        EXPECT_FALSE(after.failed()) << after.failure->message;
        // a place where the criterion already fired is no test of the plant
        if (fired_near(before, p->kind, p->orig_start, p->orig_end, p->slack)) continue;
        ++o.planted;
        ++rate[p->kind].second;
        if (const auto extra = new_unrelated(before, after, p->kind); !extra.empty()) {
            ++o.side_effects;
            if (std::getenv("PLANTED_DEBUG")) std::printf("SIDE %s → %s\n", p->kind.c_str(), extra.front().c_str());
        }
        if (fired_near(after, p->kind, p->start, p->end, p->slack)) {
            ++o.detected;
            ++rate[p->kind].first;
        } else if (!missed_example.count(p->kind) || std::getenv("PLANTED_DEBUG")) {
            std::string seen;
            for (const auto& f : after.findings)
                if (f.criterion == p->kind)
                    seen += " [" + std::to_string(f.start) + "-" + std::to_string(f.end) + " " + f.message + "]";
            missed_example[p->kind] = "doc " + std::to_string(i) + " at " + std::to_string(p->start) + ": …" +
                                      utf8::encode(std::u32string_view(after.view).substr(p->start > 20 ? p->start - 20 : 0, 40)) +
                                      "… fired:" + (seen.empty() ? " nowhere" : seen);
            if (std::getenv("PLANTED_DEBUG")) std::printf("MISS %s %s\n", p->kind.c_str(), missed_example[p->kind].c_str());
        }
    }
    std::printf("planted defects in %s (%s), %d judgments:\n", label.c_str(), pipeline.c_str(), o.planted);
    for (const auto& [k, r] : rate)
        std::printf("  %-24s %3d / %3d  %5.1f%%%s\n", k.c_str(), r.first, r.second, 100.0 * r.first / std::max(r.second, 1),
                    missed_example.count(k) ? ("  missed e.g. " + missed_example[k]).c_str() : "");
    std::printf("  overall                  %3d / %3d  %5.1f%%\n", o.detected, o.planted,
                100.0 * o.detected / std::max(o.planted, 1));
    std::printf("  an unrelated criterion raised by the plant: %d of %d (%.1f%%)\n", o.side_effects, o.planted,
                100.0 * o.side_effects / std::max(o.planted, 1));
    return o;
}

Harness& planted_harness() {
    static Harness* h = new Harness({"decode-text", "structure", "criteria"});
    return *h;
}

// The sectioned civil set has no header and no signature block: the structure stage would refuse
// those fragments as not judgments (tested in tests/plugins/structure); here they are scored.
std::string planted_pipeline() {
    return "decode ! structure min_parts=0 ! criteria";
}

}  // namespace

TEST(PlantedDefects, DetectedAtTheEditedPlace) {
    const std::string path = shared_data("judgments/criminal-full-judge-test.jsonl");
    if (path.empty()) GTEST_SKIP() << "shared data judgments/criminal-full-judge-test.jsonl is absent";
    const auto docs = criminal(path);
    ASSERT_GE(docs.size(), 100u);
    const Outcome o = run_planted(planted_harness(), planted_pipeline(), docs, planters(), "501 criminal judgments");
    EXPECT_GE(o.planted, 100);
    EXPECT_GE(100.0 * o.detected / std::max(o.planted, 1), 95.0);
    // a defect in one part never makes another part vanish (issue 11: at most 2% of plants)
    EXPECT_LE(100.0 * o.side_effects / std::max(o.planted, 1), 2.0);
}

TEST(PlantedDefects, CivilOnlyCriteriaDetected) {
    const std::string path = shared_data("judgments/civil-first-instance-sections.jsonl");
    if (path.empty()) GTEST_SKIP() << "shared data judgments/civil-first-instance-sections.jsonl is absent";
    const auto docs = civil(path, 600);
    const Outcome o = run_planted(planted_harness(), planted_pipeline(), docs, civil_planters(), "600 civil judgments");
    EXPECT_GE(o.planted, 100);
    EXPECT_GE(100.0 * o.detected / std::max(o.planted, 1), 95.0);
    // a defect in one part never makes another part vanish (issue 11: at most 2% of plants)
    EXPECT_LE(100.0 * o.side_effects / std::max(o.planted, 1), 2.0);
}
