// The structure stage: splits a judgment into its sections and extracts the facts criteria rest on.
// One pass over the view cuts paragraphs (lines, or spaces in space-joined exports, keeping spaced
// titles whole); a phase machine labels them; small parsers read the facts from the labelled parts.
#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pingcha/plugin/abi.h"
#include "pingcha/registry.h"
#include "pingcha/text/case_number.h"
#include "pingcha/text/dates.h"
#include "pingcha/text/numerals.h"
#include "pingcha/utf8.h"
#include "structure_parse.h"

namespace pingcha::structure {

namespace {

using std::u32string_view;
using text::is_space;

struct Unit {
    std::size_t start, end;
};

bool is_break(char32_t c) { return c == U'\n' || c == U'\f' || c == U'\v'; }

// Paragraph units: a newline always ends one; a run of spaces ends one too unless it sits inside a
// spaced-out word (民 事 判 决 书, 审 判 长), i.e. between two single characters.
std::vector<Unit> cut_units(u32string_view v) {
    std::vector<Unit> tokens;
    std::vector<bool> line_start;  // token begins a new line
    std::size_t i = 0;
    bool new_line = true;
    while (i < v.size()) {
        if (is_break(v[i])) {
            new_line = true;
            ++i;
            continue;
        }
        if (is_space(v[i]) || v[i] == U'\r') {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < v.size() && !is_break(v[j]) && !is_space(v[j]) && v[j] != U'\r') ++j;
        tokens.push_back({i, j});
        line_start.push_back(new_line);
        new_line = false;
        i = j;
    }
    std::vector<Unit> units;
    for (std::size_t k = 0; k < tokens.size(); ++k) {
        const bool single = tokens[k].end - tokens[k].start == 1;
        if (single && !line_start[k] && k > 0 && tokens[k - 1].end - tokens[k - 1].start == 1 &&
            units.back().end == tokens[k - 1].end) {
            units.back().end = tokens[k].end;  // spaced-out word
            continue;
        }
        units.push_back(tokens[k]);
    }
    return units;
}

bool at(u32string_view v, std::size_t pos, u32string_view lit) {
    return pos + lit.size() <= v.size() && v.substr(pos, lit.size()) == lit;
}

// Finds lit in v[from, to); npos when absent.
std::size_t find_in(u32string_view v, std::size_t from, std::size_t to, u32string_view lit) {
    if (to > v.size()) to = v.size();
    if (from >= to || lit.size() > to - from) return u32string_view::npos;
    const auto p = v.substr(from, to - from).find(lit);
    return p == u32string_view::npos ? p : from + p;
}

template <typename Lits>
bool any_in(u32string_view v, std::size_t from, std::size_t to, const Lits& lits) {
    for (auto l : lits)
        if (find_in(v, from, to, l) != u32string_view::npos) return true;
    return false;
}

// The unit without spaces (for short head and signature units only).
std::u32string compact(u32string_view v, const Unit& u) {
    std::u32string s;
    s.reserve(u.end - u.start);
    for (std::size_t i = u.start; i < u.end; ++i)
        if (!is_space(v[i])) s.push_back(v[i]);
    return s;
}

bool ends_with(u32string_view s, u32string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

constexpr std::array<u32string_view, 5> kKindSuffixes = {U"判决书", U"裁定书", U"调解书", U"决定书", U"通知书"};

bool is_kind_title(u32string_view c) {
    if (c.size() > 60) return false;
    for (auto s : kKindSuffixes)
        if (ends_with(c, s)) return true;
    return false;
}

bool is_court_title(u32string_view c) {
    return c.size() <= 30 && (ends_with(c, U"法院") || ends_with(c, U"法庭"));
}

enum Phase { head, parties, procedure, body, reasoning, decision, after, signature, date, clerk, appendix };

bool is_sentence_end(char32_t c) {
    return c == U'。' || c == U'；' || c == U'！' || c == U'？' || c == U'：' || c == U'”' || c == U'）' || c == U')';
}

constexpr u32string_view kSignatureRoles[] = {U"审判长", U"代理审判员", U"助理审判员", U"审判员", U"人民陪审员",
                                                        U"陪审员", U"执行员", U"代审判长", U"首席审判员", U"独任审判员",
                                                        U"人民审判员", U"主审法官"};

bool starts_with_signature_role(u32string_view c) {
    for (auto r : kSignatureRoles)
        if (c.substr(0, r.size()) == r) return true;
    return false;
}

bool is_chinese_date_unit(u32string_view c) {
    if (c.size() < 8 || c.size() > 13) return false;
    if (c.back() != U'日' && c.back() != U'号') return false;
    const auto ds = text::find_dates(c);
    return !ds.empty() && ds.front().start == 0 && ds.front().numerals != text::Numerals::arabic;
}

bool is_procedure_cue(u32string_view v, const Unit& u) {
    static constexpr u32string_view cues[] = {U"一案", U"提起公诉", U"向本院提起", U"本院受理", U"立案",
                                                        U"审理终结", U"本院依法", U"公开开庭", U"提起上诉", U"申请再审"};
    return any_in(v, u.start, u.end, cues);
}

// Cues that a paragraph opening with a role word is the procedure, not a party: 原告某诉被告某…一案.
bool is_strong_procedure_cue(u32string_view v, const Unit& u) {
    static constexpr u32string_view cues[] = {U"一案", U"提起公诉", U"审理终结", U"开庭", U"本院受理",
                                                       U"本院于", U"立案后", U"诉至本院", U"向本院提起"};
    return any_in(v, u.start, u.end, cues);
}

bool is_claims_cue(u32string_view v, const Unit& u) {
    static constexpr u32string_view cues[] = {U"诉称", U"诉讼请求", U"上诉请求", U"起诉请求", U"指控",
                                                        U"请求判令", U"再审请求", U"申请称", U"上诉称", U"请求：",
                                                        U"请求法院", U"申请请求"};
    return any_in(v, u.start, std::min(u.end, u.start + 40), cues);
}

bool is_defence_cue(u32string_view v, const Unit& u) {
    // 辨称 and 答辨 are the common slips of 辩称 and 答辩 (typo.lexicon reports them; the part is still there)
    static constexpr u32string_view cues[] = {U"辩称", U"答辩称", U"未答辩", U"未作答辩", U"未提交答辩",
                                                       U"答辩意见", U"辩护意见", U"辩解", U"未提交书面答辩",
                                                       U"辨称", U"答辨", U"提交意见称", U"提交意见认为",
                                                       U"书面意见称", U"书面意见认为"};
    return any_in(v, u.start, std::min(u.end, u.start + 40), cues);
}

bool is_facts_cue(u32string_view v, const Unit& u, bool weak_allowed) {
    static constexpr u32string_view strong[] = {U"经审理查明", U"本院查明", U"审理查明", U"经审理认定",
                                                          U"本院经审理认定", U"一审法院认定", U"原审法院认定",
                                                          U"一审查明", U"原审查明", U"二审查明", U"本院认定事实",
                                                          U"原审法院查明", U"一审法院查明",
                                                          U"经审查查明"};
    if (any_in(v, u.start, std::min(u.end, u.start + 20), strong)) return true;
    static constexpr u32string_view evidence[] = {U"认定事实如下", U"认定如下", U"事实如下", U"当事人围绕诉讼请求",
                                                           U"确认的证据", U"本院确认以下事实"};
    if (any_in(v, u.start, std::min(u.end, u.start + 60), evidence)) return true;
    if (!weak_allowed) return false;
    static constexpr u32string_view weak[] = {U"上述事实", U"以上事实", U"一审法院认为", U"原审法院认为",
                                                       U"本院确认"};
    return any_in(v, u.start, std::min(u.end, u.start + 12), weak);
}

// A paragraph that itself opens the fact-finding (经审理查明：…, 本院二审查明：…), not reasoning that
// refers to facts found (根据一、二审查明的事实，…).
bool opens_with_facts_cue(u32string_view v, const Unit& u) {
    static constexpr u32string_view cues[] = {U"经审理查明", U"本院查明", U"审理查明", U"经审理认定", U"本院经审理认定",
                                                       U"二审查明", U"本院二审查明", U"另查明", U"经审查查明",
                                                       U"当事人围绕诉讼请求", U"本院确认以下事实"};
    for (std::size_t i = u.start; i < std::min(u.end, u.start + 3); ++i)
        for (auto c : cues)
            if (at(v, i, c)) return i == u.start || v[i - 1] == U'本' || v[i - 1] == U'院';
    return false;
}

// 本院认为, 本院经审查认为, 经审查，本院认为 (or 我院…): 本院 then 认为 within four characters, no comma between.
bool is_reasoning_cue(u32string_view v, const Unit& u) {
    std::size_t p = find_in(v, u.start, std::min(u.end, u.start + 14), U"本院");
    if (p == u32string_view::npos) p = find_in(v, u.start, std::min(u.end, u.start + 14), U"我院");  // wording.terms reports 我院
    if (p == u32string_view::npos) return false;
    const std::size_t q = find_in(v, p + 2, std::min(u.end, p + 8), U"认为");
    if (q == u32string_view::npos) return false;
    for (std::size_t i = p + 2; i < q; ++i)
        if (v[i] == U'，' || v[i] == U',' || v[i] == U'。') return false;
    return true;
}

// True when the paragraphs labelled reasoning so far only weigh evidence (采信, 质证, 证明力).
bool evidence_only_reasoning(u32string_view v, const std::vector<Paragraph>& out) {
    bool any = false;
    for (const auto& p : out) {
        if (p.kind != "reasoning") continue;
        any = true;
        const bool evidence = find_in(v, p.start, p.end, U"采信") != u32string_view::npos ||
                              find_in(v, p.start, p.end, U"质证") != u32string_view::npos ||
                              find_in(v, p.start, p.end, U"证明力") != u32string_view::npos ||
                              find_in(v, p.start, p.end, U"证据") != u32string_view::npos ||
                              find_in(v, p.start, p.end, U"关联性") != u32string_view::npos;
        if (!evidence) return false;
    }
    return any;
}

std::size_t find_decision_marker(u32string_view v, const Unit& u) {
    static constexpr u32string_view cues[] = {U"判决如下", U"裁定如下", U"决定如下", U"调解协议如下", U"判处如下"};
    for (auto c : cues) {
        const auto p = find_in(v, u.start, u.end, c);
        if (p != u32string_view::npos) return p + c.size();
    }
    // the bare form closing the legal basis: 依照…第二百零四条第一款之规定，裁定：
    static constexpr u32string_view bare[] = {U"判决：", U"裁定：", U"判决:", U"裁定:"};
    for (auto c : bare)
        if (u.end - u.start >= c.size() + 4 && v.substr(u.end - c.size(), c.size()) == c &&
            find_in(v, u.end - c.size() - 4, u.end, U"规定") != u32string_view::npos)
            return u.end - 1;
    return u32string_view::npos;
}

bool is_costs_cue(u32string_view v, const Unit& u) {
    static constexpr u32string_view fees[] = {U"受理费", U"诉讼费", U"申请费", U"保全费", U"鉴定费", U"公告费"};
    static constexpr u32string_view bears[] = {U"负担", U"承担", U"免交", U"免予", U"免于", U"减半", U"缓交", U"退还", U"免收"};
    return any_in(v, u.start, std::min(u.end, u.start + 30), fees) && any_in(v, u.start, u.end, bears);
}

bool is_notice_cue(u32string_view v, const Unit& u) {
    static constexpr u32string_view cues[] = {U"如不服", U"本判决为终审判决", U"本裁定为终审裁定", U"为终审",
                                                        U"即发生法律效力", U"立即生效", U"一经作出即", U"可在判决书送达",
                                                        U"可在裁定书送达", U"可以在判决书送达", U"送达后立即执行",
                                                        U"申请复议一次"};
    return any_in(v, u.start, std::min(u.end, u.start + 24), cues);
}

}  // namespace

// Role words that open a party paragraph, longest first where one is a prefix of another.
static const std::vector<std::u32string>& party_roles() {
    static const std::vector<std::u32string> r = {
        U"被告单位", U"附带民事诉讼原告人", U"附带民事诉讼被告人", U"附带民事诉讼原告", U"附带民事诉讼被告", U"共同委托诉讼代理人",
        U"委托诉讼代理人", U"委托代理人", U"诉讼代理人", U"指定代理人", U"法定代理人", U"法定代表人", U"诉讼代表人",
        U"再审申请人", U"复议申请人", U"申请执行人", U"被申请执行人", U"原审公诉机关", U"原公诉机关", U"抗诉机关",
        U"公诉机关",
        U"被上诉人", U"上诉人", U"被申诉人", U"申诉人", U"被申请再审人", U"申请再审人", U"被申请人", U"申请人", U"被执行人", U"原审原告", U"原审被告人",
        U"原审被告", U"原审第三人", U"一审原告", U"一审被告", U"一审第三人", U"被告人", U"原告", U"被告", U"第三人",
        U"自诉人", U"案外人", U"异议人", U"辩护人", U"负责人", U"代表人", U"监护人", U"指定辩护人", U"近亲属",
        U"原审上诉人", U"被害人", U"原公诉暨公益诉讼机关", U"被起诉人", U"起诉人"};
    return r;
}

u32string_view role_at(u32string_view v, std::size_t pos) {
    for (const auto& r : party_roles())
        if (at(v, pos, r)) return r;
    return {};
}

namespace {

// A decision item: 一、 二、 … at the start of a paragraph.
bool is_item_start(u32string_view v, const Paragraph& p) {
    std::size_t i = p.start;
    while (i < p.end && text::is_chinese_numeral_char(v[i])) ++i;
    return i > p.start && i < p.end && (v[i] == U'、' || v[i] == U'，');
}

// A ruling's decision may come without 裁定如下 (本案按自动撤回上诉处理。 or 一、本案指令…再审；二、…):
// when nothing was labelled decision, the items or the one decisive paragraph just before the notice,
// the costs or the signature are the decision.
void label_unmarked_decision(u32string_view v, std::vector<Paragraph>& out) {
    for (const auto& p : out)
        if (p.kind == "decision" || p.kind == "legal_basis") return;
    std::size_t end = out.size();
    for (std::size_t i = 0; i < out.size(); ++i)
        if (out[i].kind == "notice" || out[i].kind == "costs" || out[i].kind == "signature" || out[i].kind == "date" ||
            out[i].kind == "clerk") {
            end = i;
            break;
        }
    if (end == 0 || end == out.size()) return;
    auto movable = [](const Paragraph& p) {
        return p.kind != "title" && p.kind != "case_number" && p.kind != "parties" && p.kind != "reasoning";
    };
    // the notice (本裁定为终审裁定) and costs just before the signature were read as body: label them
    while (end > 0 && movable(out[end - 1])) {
        const Unit u{out[end - 1].start, out[end - 1].end};
        if (is_notice_cue(v, u)) out[end - 1].kind = "notice";
        else if (is_costs_cue(v, u)) out[end - 1].kind = "costs";
        else break;
        --end;
    }
    if (end == 0) return;
    std::size_t begin = end;
    while (begin > 0 && movable(out[begin - 1]) && is_item_start(v, out[begin - 1])) --begin;
    if (begin == end) {
        static constexpr u32string_view decisive[] = {U"本案", U"准许", U"驳回", U"撤销", U"维持", U"终结", U"中止",
                                                               U"指令", U"提审", U"发回", U"不予", U"继续", U"解除", U"对"};
        const Paragraph& p = out[end - 1];
        const bool opens = std::any_of(std::begin(decisive), std::end(decisive),
                                       [&](u32string_view d) { return at(v, p.start, d); });
        if (!movable(p) || !opens || p.end - p.start > 120) return;
        --begin;
    }
    for (std::size_t i = begin; i < end; ++i) out[i].kind = "decision";
}

}  // namespace

std::vector<Paragraph> split_paragraphs(const std::u32string& view) {
    const auto units = cut_units(view);
    std::vector<Paragraph> out;
    out.reserve(units.size());
    for (const auto& u : units) out.push_back({u.start, u.end, ""});
    return out;
}

std::vector<Paragraph> label_paragraphs(const std::u32string& view) {
    const u32string_view v(view);
    const auto units = cut_units(v);
    std::vector<Paragraph> out;
    out.reserve(units.size() + 4);
    Phase phase = head;
    std::string body_kind = "claims";
    bool assistant_name_follows = false;
    // This court's reasoning comes before its decision: a 判决如下 before the last 本院认为 quotes the lower
    // court's judgment (原审法院认为…判决如下…) and is part of the facts, not this court's decision.
    std::size_t last_reasoning = units.size();
    for (std::size_t k = units.size(); k-- > 0;)
        if (is_reasoning_cue(v, units[k])) {
            last_reasoning = k;
            break;
        }
    std::string last_after = "decision";
    bool saw_reasoning = false;
    for (std::size_t k = 0; k < units.size(); ++k) {
        const Unit& u = units[k];
        const std::size_t len = u.end - u.start;
        std::u32string c;
        if (len <= 64) c = compact(v, u);
        const bool short_unit = len <= 64;
        const char32_t prev_end = k > 0 ? v[units[k - 1].end - 1] : U'。';
        auto push = [&](std::size_t s, std::size_t e, const char* kind) { out.push_back({s, e, kind}); };

        // A signature block right after the body when no decision marker was found (按撤回上诉处理 rulings):
        // a short line opening with a panel role ends the body.
        if (phase >= procedure && phase < decision && short_unit && c.size() <= 16 && starts_with_signature_role(c))
            phase = decision;
        if (phase >= decision && phase <= clerk && short_unit) {
            if (starts_with_signature_role(c) && c.size() <= 24) {
                phase = signature;
                push(u.start, u.end, "signature");
                continue;
            }
            if (phase == signature && c.size() <= 6 && k > 0 && out.back().kind == "signature" &&
                !is_chinese_date_unit(c) && c.substr(0, 3) != U"书记员") {
                push(u.start, u.end, "signature");  // a name after a spaced role: 审 判 长 张三
                continue;
            }
            if (c.size() > 13 && c.size() == u.end - u.start) {
                // 二〇一六年十二月二十八日书记员王佐: the export joined the date and the clerk's line
                const auto ds = text::find_dates(c);
                if (!ds.empty() && ds.front().start == 0 && ds.front().numerals != text::Numerals::arabic &&
                    c.compare(ds.front().end, 3, U"书记员") == 0) {
                    push(u.start, u.start + ds.front().end, "date");
                    push(u.start + ds.front().end, u.end, "clerk");
                    phase = clerk;
                    continue;
                }
            }
            if (is_chinese_date_unit(c) && phase >= decision) {
                phase = date;
                push(u.start, u.end, "date");
                continue;
            }
            if (c.substr(0, 4) == U"法官助理" && c.size() <= 16) {  // neither judge nor clerk
                assistant_name_follows = c.size() == 4;            // 法官助理　孙某: the name is the next unit
                continue;
            }
            if (assistant_name_follows && c.size() <= 6 && c.find(U"书记员") == std::u32string::npos) {
                assistant_name_follows = false;
                continue;
            }
            if (c.substr(0, 8).find(U"书记员") != std::u32string::npos && c.size() <= 18) {
                phase = clerk;
                push(u.start, u.end, "clerk");
                continue;
            }
            if (phase == clerk && c.size() <= 6 && out.back().kind == "clerk") {
                push(u.start, u.end, "clerk");
                continue;
            }
        }
        if (phase >= signature && short_unit && (c.find(U"核对无异") != std::u32string::npos || c == U"（兼）" || c == U"（）" || c == U"()")) continue;
        if (phase >= signature) {
            if (phase == clerk || phase == date || c.substr(0, 1) == U"附") {
                phase = appendix;
            }
            if (phase == appendix) continue;  // appended statutes and stamps carry no section
            push(u.start, u.end, "signature");
            continue;
        }

        if (phase == head) {
            const bool has_number = short_unit && [&] {
                for (std::size_t i = u.start; i < std::min(u.end, u.start + 3); ++i)
                    if (text::is_open_bracket(v[i]) && text::parse_case_number_at(v, i)) return true;
                return false;
            }();
            if (has_number) {
                push(u.start, u.end, "case_number");
                continue;
            }
            // the rest of a case number split by a stray space: （2017） 沪0120刑初684号 (case-number.format reports it)
            if (short_unit && c.size() <= 24 && c.back() == U'号' && !out.empty() && out.back().kind == "case_number" &&
                out.back().end - out.back().start <= 8) {
                push(u.start, u.end, "case_number");
                continue;
            }
            if (short_unit && (is_kind_title(c) || is_court_title(c))) {
                push(u.start, u.end, "title");
                continue;
            }
            const auto r = role_at(v, u.start);
            if (!r.empty() && !is_strong_procedure_cue(v, u)) {
                phase = parties;
                push(u.start, u.end, "parties");
                continue;
            }
            if (out.empty() || (short_unit && out.size() < 3)) {
                push(u.start, u.end, "title");
                continue;
            }
            phase = procedure;  // no party paragraphs: fall through to the body rules
        }
        if (phase == parties) {
            const auto r = role_at(v, u.start);
            if (!r.empty() && !is_strong_procedure_cue(v, u)) {
                push(u.start, u.end, "parties");
                continue;
            }
            if (!is_sentence_end(prev_end) && !is_procedure_cue(v, u)) {
                push(u.start, u.end, "parties");  // a hard-wrapped party paragraph
                continue;
            }
            phase = procedure;
            push(u.start, u.end, "procedure");
            continue;
        }
        // Body phases: procedure, claims/defence/facts, reasoning, decision, costs/notice.
        const std::size_t marker = (phase <= reasoning) ? find_decision_marker(v, u) : u32string_view::npos;
        if (marker != u32string_view::npos && phase < reasoning && last_reasoning < units.size() && k < last_reasoning &&
            !is_reasoning_cue(v, u)) {
            if (phase == procedure && !out.empty() && out.back().kind == "procedure" && is_procedure_cue(v, u)) {
                push(u.start, u.end, "procedure");
                continue;
            }
            phase = body;
            push(u.start, u.end, "facts");  // the lower court's decision, quoted
            continue;
        }
        if (marker != u32string_view::npos) {
            // legal_basis: from the last 依照/依据/根据 before the marker in this paragraph.
            std::size_t lb = u32string_view::npos;
            static constexpr u32string_view starts[] = {U"依照", U"依据", U"根据", U"据此", U"综上"};
            for (auto s : starts) {
                std::size_t p = u.start;
                while (true) {
                    const auto q = find_in(v, p, marker, s);
                    if (q == u32string_view::npos) break;
                    if (lb == u32string_view::npos || q > lb) lb = q;
                    p = q + 1;
                }
                if (lb != u32string_view::npos && (s == U"依照" || s == U"依据")) break;
            }
            // Keep the basis inside the sentence that ends with the marker.
            std::size_t sent = u.start;
            for (std::size_t i = marker; i > u.start; --i)
                if (v[i - 1] == U'。') {
                    sent = i;
                    break;
                }
            if (lb == u32string_view::npos || lb < sent) lb = sent;
            std::size_t basis_end = marker;
            if (basis_end < u.end && (v[basis_end] == U'：' || v[basis_end] == U':')) ++basis_end;
            if (lb > u.start) {
                const bool reasoning_here = is_reasoning_cue(v, u) || phase == reasoning;
                if (reasoning_here) saw_reasoning = true;
                push(u.start, lb, reasoning_here ? "reasoning" : (phase == procedure ? "procedure" : body_kind.c_str()));
            }
            push(lb, basis_end, "legal_basis");
            phase = decision;
            std::size_t rest = basis_end;
            while (rest < u.end && is_space(v[rest])) ++rest;
            if (rest < u.end) push(rest, u.end, "decision");
            continue;
        }
        if (phase <= reasoning && is_reasoning_cue(v, u)) {
            phase = reasoning;
            saw_reasoning = true;
            push(u.start, u.end, "reasoning");
            continue;
        }
        if (phase <= body) {
            // 被上诉人某答辩称：一审法院认定事实清楚…: the answer's own cue comes first and wins
            const std::size_t answer_at = find_in(v, u.start, std::min(u.end, u.start + 20), U"答辩");
            const std::size_t facts_at = find_in(v, u.start, std::min(u.end, u.start + 20), U"认定");
            const bool answer_first = answer_at != u32string_view::npos && (facts_at == u32string_view::npos || answer_at < facts_at);
            if (is_facts_cue(v, u, true) && !(answer_first && is_defence_cue(v, u))) {
                phase = body;
                body_kind = "facts";
                push(u.start, u.end, "facts");
                continue;
            }
            // In an appeal the answer (被上诉人…答辩称) may follow the quoted first-instance facts.
            const bool appeal_answer = find_in(v, u.start, std::min(u.end, u.start + 40), U"答辩") != u32string_view::npos;
            if (is_defence_cue(v, u) && (body_kind != "facts" || phase == procedure || appeal_answer)) {
                phase = body;
                body_kind = "defence";
                push(u.start, u.end, "defence");
                continue;
            }
            if (is_claims_cue(v, u)) {
                if (phase == procedure && out.back().kind != "procedure") {
                    push(u.start, u.end, "procedure");  // 检察院以…起诉书指控…提起公诉
                    continue;
                }
                // An appeal's or a retrial application's grounds (上诉称, 申请再审称) may follow the quoted facts.
                const bool appeal = find_in(v, u.start, std::min(u.end, u.start + 40), U"上诉") != u32string_view::npos ||
                                    find_in(v, u.start, std::min(u.end, u.start + 40), U"申请再审") != u32string_view::npos ||
                                    find_in(v, u.start, std::min(u.end, u.start + 40), U"再审申请") != u32string_view::npos;
                phase = body;
                body_kind = body_kind == "facts" && !appeal ? "facts" : "claims";
                push(u.start, u.end, body_kind.c_str());
                continue;
            }
            if (phase == procedure) {
                // 某某申请再审称：… opens the claims though it names the application (a procedure cue)
                static constexpr u32string_view says[] = {U"申请再审称", U"再审申请称", U"上诉称", U"申诉称", U"诉称"};
                const bool opens_claims = any_in(v, u.start, std::min(u.end, u.start + 20), says);
                if (out.empty() || out.back().kind != "procedure" || (is_procedure_cue(v, u) && !opens_claims) ||
                    !is_sentence_end(prev_end)) {
                    push(u.start, u.end, "procedure");
                    continue;
                }
                phase = body;
                push(u.start, u.end, body_kind.c_str());
                continue;
            }
            push(u.start, u.end, body_kind.c_str());
            continue;
        }
        if (phase == reasoning) {
            if (opens_with_facts_cue(v, u) && evidence_only_reasoning(v, out)) {
                // 本院认为 about the evidence before 经审理查明 belongs to the facts part (a paragraph of the
                // reasoning that recounts 一审法院查明… is still reasoning).
                for (auto& p : out)
                    if (p.kind == "reasoning") p.kind = "facts";
                phase = body;
                body_kind = "facts";
                saw_reasoning = false;
                push(u.start, u.end, "facts");
                continue;
            }
            if (is_facts_cue(v, u, false) && opens_with_facts_cue(v, u)) {
                push(u.start, u.end, "facts");  // 经审理查明 after 本院认为: out of order, kept for structure.order
                continue;
            }
            push(u.start, u.end, "reasoning");
            continue;
        }
        // decision / after
        if (is_notice_cue(v, u)) {
            phase = after;
            last_after = "notice";
            push(u.start, u.end, "notice");
            continue;
        }
        if (is_costs_cue(v, u) && !(phase == after && last_after == "notice" && find_in(v, u.start, u.end, U"上诉") != u32string_view::npos)) {
            phase = after;
            last_after = "costs";
            push(u.start, u.end, "costs");
            continue;
        }
        if (phase == after && last_after == "notice") {
            push(u.start, u.end, "notice");
            continue;
        }
        push(u.start, u.end, "decision");
    }
    (void)saw_reasoning;
    label_unmarked_decision(v, out);
    return out;
}

std::vector<Section> merge_sections(const std::u32string& view, const std::vector<Paragraph>& paras) {
    std::vector<Section> out;
    for (const auto& p : paras) {
        if (p.end <= p.start) continue;
        if (!out.empty() && out.back().kind == p.kind) {
            bool only_space = true;
            for (std::size_t i = out.back().end; i < p.start; ++i)
                if (!is_space(view[i]) && !is_break(view[i])) only_space = false;
            if (only_space) {
                out.back().end = p.end;
                continue;
            }
        }
        out.push_back({p.kind, p.start, p.end});
    }
    return out;
}

}  // namespace pingcha::structure

namespace {

class StructureStage : public pingcha::Stage {
public:
    explicit StructureStage(const pingcha::Params& p)
        : gate_{static_cast<int>(p.get_int("min_parts")), p.get_number("min_ocr_confidence"),
                p.get_number("doubtful_ocr_confidence")} {}

    void process(pingcha::Document& doc, const pingcha::RunContext&) override {
        if (doc.view.empty() && !doc.text.empty()) doc.reset_view();
        const auto paras = pingcha::structure::label_paragraphs(doc.view);
        doc.sections = pingcha::structure::merge_sections(doc.view, paras);
        pingcha::structure::extract_facts(doc);
        if (auto refusal = pingcha::structure::not_scorable(doc, gate_))
            throw pingcha::DocumentError(refusal->error_class, refusal->message);
    }

private:
    pingcha::structure::GateParams gate_;
};

void register_all(pingcha::Registry& registry, const std::string&) {
    registry.add_stage({"structure",
                        "judgment sections (title … clerk) and facts (court, case number, procedure, dates, judges, "
                        "parties, amounts, citations)",
                        {{"min_parts", pingcha::ParamType::integer, "3",
                          "a text is scored only with a title or case number, reasoning/decision or signature, "
                          "and this many of the 6 parts (0: score anything)"},
                         {"min_ocr_confidence", pingcha::ParamType::number, "45",
                          "OCR text with a lower mean confidence is rejected as unreadable"},
                         {"doubtful_ocr_confidence", pingcha::ParamType::number, "75",
                          "OCR text below this confidence that is not a judgment is unreadable, not not_a_judgment"}},
                        {},
                        [](const pingcha::Params& p) { return std::make_unique<StructureStage>(p); }});
}

}  // namespace

PINGCHA_PLUGIN("structure", "0.1.0", register_all)
