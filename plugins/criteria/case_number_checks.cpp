// case-number.* and court.appeal-target: the case number's grammar, its court and type codes
// against the title, the parties and the court level, the cited first-instance number, and the
// appeal court named in the notice. Source: 《关于人民法院案件案号的若干规定》(法〔2015〕137号,
// 法〔2018〕335号) and 《人民法院案件类型及其代字标准》; tables court-codes.tsv, case-type-codes.tsv.
#include <algorithm>
#include <memory>
#include <string>

#include "case_tables.h"
#include "criteria.h"
#include "doc_facts.h"
#include "pingcha/utf8.h"

namespace pingcha::criteria {

namespace {

using TablesPtr = std::shared_ptr<const CaseTables>;
constexpr const char* kNorm = "《关于人民法院案件案号的若干规定》（法〔2015〕137号，法〔2018〕335号修改）；《人民法院案件类型及其代字标准》";

std::u32string U32(const std::string& s) { return utf8::decode(s); }

bool name_has(const std::string& name, const char* part) { return name.find(part) != std::string::npos; }

// Province named at the start of a court name (辽宁省… or 辽宁…), or nullptr.
const text::Province* province_of_name(const std::string& court) {
    for (const auto& p : text::provinces()) {
        if (p.abbr == U'兵') continue;
        if (court.rfind(p.name, 0) == 0 || court.rfind(p.short_name, 0) == 0) return &p;
    }
    return nullptr;
}

// ---- case-number.format
void check_format(const TablesPtr& t, const Document& doc, std::vector<Finding>& out) {
    const auto cn = own_case_number(doc);
    if (!cn) return;
    std::vector<std::string> issues;
    if (cn->wrong_brackets) issues.push_back("年份应使用全角圆括号“（）”");
    if (cn->has_spaces) issues.push_back("案号中不应有空格");
    if (cn->old_form && cn->year >= 2016) issues.push_back("2016年起案号不再使用“字第”");
    if (cn->leading_zero && (!cn->old_form || cn->year >= 2016)) issues.push_back("顺序号前不应加“0”");
    if (cn->missing_hao) issues.push_back("案号应以“号”结尾");
    if (cn->year < 1950 || cn->year > 2100) issues.push_back("收案年度不正确");
    if (!cn->old_form) {
        const int level = text::court_level(cn->court_code);
        if (level == -1) issues.push_back("法院代字“" + cn->court_code + "”格式不正确（省简称后应为0、2或4位数字）");
        if (!t->type(cn->type_code)) issues.push_back("类型代字“" + cn->type_code + "”不在案件类型代字标准中");
    }
    if (issues.empty()) return;
    std::string m = "案号格式不规范：";
    for (std::size_t i = 0; i < issues.size(); ++i) m += (i ? "；" : "") + issues[i];
    add_finding(out, "case-number.format", Severity::error, m, cn->start, cn->end);
}

// ---- case-number.court
void check_court(const TablesPtr& t, const Document& doc, std::vector<Finding>& out) {
    const auto cn = own_case_number(doc);
    const std::string& court = doc.facts.court;
    if (!cn || cn->old_form || court.empty()) return;
    const std::string& code = cn->court_code;
    const int level = text::court_level(code);
    if (level < 0) return;
    const std::u32string c32 = U32(code);
    std::string problem;
    if (const auto* p = province_of_name(court); p && p->abbr != c32[0] && c32[0] != U'兵')
        problem = "法院代字“" + code + "”的省份简称与标题法院“" + court + "”不符";
    const bool special = c32.size() >= 3 && c32[1] >= U'7';
    if (problem.empty() && !special && !name_has(court, "铁路") && !name_has(court, "海事") && !name_has(court, "知识产权") &&
        !name_has(court, "互联网") && !name_has(court, "金融") && !name_has(court, "林区") && !name_has(court, "农垦")) {
        const bool inter = name_has(court, "中级");
        const bool high = name_has(court, "高级");
        if (level == 1 && !inter) problem = "法院代字“" + code + "”为中级法院代字，但标题法院为“" + court + "”";
        else if (level == 0 && !high) problem = "法院代字“" + code + "”为高级法院代字，但标题法院为“" + court + "”";
        else if (level == 2 && (inter || high)) problem = "法院代字“" + code + "”为基层法院代字，但标题法院为“" + court + "”";
    }
    if (problem.empty()) {
        if (const CourtRow* row = t->court(code)) {
            const std::string a = court_key(row->court), b = court_key(court);
            if (a != b && !(a.size() > b.size() && a.compare(a.size() - b.size(), b.size(), b) == 0) &&
                !(b.size() > a.size() && b.compare(b.size() - a.size(), a.size(), a) == 0))
                problem = "法院代字“" + code + "”对应" + row->court + "，与标题法院“" + court + "”不符";
        } else if (const CourtRow* by_name = t->court_by_name(court); by_name && by_name->code != code) {
            problem = "标题法院“" + court + "”的代字应为“" + by_name->code + "”，案号为“" + code + "”";
        }
    }
    if (!problem.empty()) add_finding(out, "case-number.court", Severity::error, problem, cn->start, cn->end);
}

// ---- case-number.type-roles
void check_type_roles(const TablesPtr& t, const Document& doc, std::vector<Finding>& out) {
    const auto cn = own_case_number(doc);
    if (!cn) return;
    const DocInfo info = doc_info(doc);
    const std::string type = cn->special_code.empty() ? cn->type_code : cn->type_code;
    // Category of the type code against the document kind.
    std::string type_cat;
    if (const CaseType* ct = t->type(type)) type_cat = ct->category;
    else if (cn->old_form) {
        if (type.find("刑") != std::string::npos) type_cat = "刑事";
        else if (type.find("民") != std::string::npos) type_cat = "民事";
        else if (type.find("行") != std::string::npos) type_cat = "行政";
    }
    const std::string& kind = doc.facts.kind;
    if (!type_cat.empty() && !kind.empty() && (type_cat == "刑事" || type_cat == "民事" || type_cat == "行政")) {
        const bool kind_has_cat = kind.find(type_cat) != std::string::npos ||
                                  (type_cat == "民事" && kind.find("刑事附带民事") != std::string::npos);
        const bool kind_other = kind.find("民事") != std::string::npos || kind.find("刑事") != std::string::npos ||
                                kind.find("行政") != std::string::npos;
        if (!kind_has_cat && kind_other) {
            add_finding(out, "case-number.type-roles", Severity::error,
                        "类型代字“" + type + "”属" + type_cat + "案件，与文书名称“" + kind + "”不符", cn->start, cn->end);
            return;
        }
    }
    const CaseType* ct = t->type(type);
    if (!ct || ct->roles.empty()) return;
    for (const auto& p : doc.facts.parties) {
        if (p.role == "被害人" || (p.role == "第三人" && ct->category != "刑事")) continue;
        // Appeals and retrials list the parties who did not appeal or apply by their earlier role
        // (一审被告, 二审上诉人, 原审第三人), the form of the 2016 style book and earlier practice.
        if (ct->instance != "first" && (p.role.rfind("一审", 0) == 0 || p.role.rfind("二审", 0) == 0 ||
                                        p.role.rfind("原审", 0) == 0))
            continue;
        if (std::find(ct->roles.begin(), ct->roles.end(), p.role) != ct->roles.end()) continue;
        std::string expect;
        for (std::size_t i = 0; i < ct->roles.size() && i < 3; ++i) expect += (i ? "、" : "") + ct->roles[i];
        const std::size_t rs = role_start(doc, p);
        add_finding(out, "case-number.type-roles", Severity::error,
                    "案号类型代字为“" + type + "”，当事人称谓应为" + expect + "等，此处为“" + p.role + "”", rs, p.end);
        return;  // one finding per document: the first wrong role shows the problem
    }
}

// ---- case-number.level
void check_level(const TablesPtr& t, const Document& doc, std::vector<Finding>& out) {
    const auto cn = own_case_number(doc);
    if (!cn || cn->old_form) return;
    const CaseType* ct = t->type(cn->type_code);
    const bool second = ct ? ct->instance == "second" : cn->type_code.find("终") != std::string::npos;
    if (!second) return;
    const int level = text::court_level(cn->court_code);
    const std::string& court = doc.facts.court;
    const bool basic_name = !court.empty() && !name_has(court, "中级") && !name_has(court, "高级") && !name_has(court, "最高") &&
                            !name_has(court, "知识产权法院") && !name_has(court, "海事法院") && !name_has(court, "金融法院");
    if (level == 2 || (level < 0 && basic_name))
        add_finding(out, "case-number.level", Severity::error,
                    "二审类型代字“" + cn->type_code + "”只能由中级以上法院使用，此处法院代字为“" + cn->court_code + "”",
                    cn->start, cn->end);
    else if (level == 1 && basic_name && !name_has(court, "铁路") && !name_has(court, "林区") && !name_has(court, "农垦"))
        add_finding(out, "case-number.level", Severity::error,
                    "二审案件由基层法院“" + court + "”审理不符合审级规定", cn->start, cn->end);
}

// ---- case-number.original
void check_original(const TablesPtr& t, const Document& doc, std::vector<Finding>& out) {
    const auto cn = own_case_number(doc);
    if (!cn) return;
    const DocInfo info = doc_info(doc);
    if (!info.second) return;
    const Section* proc = doc.section("procedure");
    if (!proc) return;
    // The first-instance number is cited in the procedure: 不服…法院（2021）辽0502民初1234号民事判决.
    for (const auto& o : text::find_case_numbers(doc.view, proc->start, proc->end)) {
        if (o.start == cn->start) continue;
        std::string problem;
        if (o.year > cn->year) problem = "原审案号年度（" + std::to_string(o.year) + "）晚于本案案号年度";
        const CaseType* ct = t->type(o.type_code);
        const bool first = ct ? ct->instance == "first" : o.type_code.find("初") != std::string::npos;
        if (problem.empty() && !first && o.type_code.find("终") != std::string::npos)
            problem = "原审案号应为一审类型代字（如民初），此处为“" + o.type_code + "”";
        if (problem.empty() && !o.old_form && !cn->old_form) {
            const int level = text::court_level(cn->court_code);
            const std::u32string mine = U32(cn->court_code), theirs = U32(o.court_code);
            const bool under = theirs.size() > mine.size() && theirs.compare(0, mine.size(), mine) == 0 &&
                               text::court_level(o.court_code) == level + 1;
            // Municipalities number their intermediate courts apart from the districts (京02 hears 京0106).
            const bool municipality = mine[0] == U'京' || mine[0] == U'津' || mine[0] == U'沪' || mine[0] == U'渝';
            if ((level == 1 || level == 0) && !under && !municipality && !theirs.empty() && theirs[0] == mine[0])
                problem = "原审法院代字“" + o.court_code + "”不是本院（" + cn->court_code + "）辖区内的下级法院";
            else if ((level == 1 || level == 0) && !theirs.empty() && theirs[0] != mine[0])
                problem = "原审法院代字“" + o.court_code + "”与本院（" + cn->court_code + "）不在同一省份";
        }
        if (!problem.empty()) add_finding(out, "case-number.original", Severity::error, problem, o.start, o.end);
        if (first) break;  // only the first-instance number is checked
    }
}

// ---- court.appeal-target
void check_appeal_target(const TablesPtr& t, const Document& doc, std::vector<Finding>& out) {
    const auto cn = own_case_number(doc);
    if (!cn || cn->old_form) return;
    const DocInfo info = doc_info(doc);
    if (info.second) return;
    const std::u32string_view v(doc.view);
    for (const Section* n : sections_of(doc, "notice")) {
        std::size_t from = n->start;
        while (true) {
            const std::size_t p = find_u(v, U"法院", from, n->end);
            if (p == std::u32string_view::npos) break;
            from = p + 2;
            // The court name runs back to 向/于 (上诉于…法院, 直接向…法院提出上诉).
            std::size_t s = p;
            while (s > n->start && p - s < 30 && v[s - 1] != U'向' && v[s - 1] != U'于' && v[s - 1] != U'，' && v[s - 1] != U'。')
                --s;
            if (s == n->start || (v[s - 1] != U'向' && v[s - 1] != U'于')) continue;
            const std::string target = utf8::encode(v.substr(s, p + 2 - s));
            if (target == "本院" || target.find("本院") != std::string::npos) continue;
            const int level = text::court_level(cn->court_code);
            std::string problem;
            if (const auto* pr = province_of_name(target); pr && pr->abbr != U32(cn->court_code)[0] && U32(cn->court_code)[0] != U'兵')
                problem = "上诉法院“" + target + "”与本院所在省份不符";
            const bool special = U32(cn->court_code).size() >= 3 && U32(cn->court_code)[1] >= U'7';
            if (problem.empty() && !special) {
                if (level == 2 && !name_has(target, "中级") && !name_has(target, "中院") && !name_has(target, "知识产权法院"))
                    problem = "基层法院的上诉法院应为中级人民法院，此处为“" + target + "”";
                else if (level == 1 && !name_has(target, "高级"))
                    problem = "中级法院一审案件的上诉法院应为高级人民法院，此处为“" + target + "”";
            }
            if (problem.empty()) {
                const std::string parent = text::parent_court_code(cn->court_code);
                const CourtRow* row = parent.empty() ? nullptr : t->court(parent);
                if (row && court_key(row->court) != court_key(target) && !special)
                    problem = "本院（" + cn->court_code + "）的上级法院为" + row->court + "，告知的上诉法院为“" + target + "”";
            }
            if (problem.empty() && level == 2) {
                // A district court of a city (沈阳市和平区人民法院) appeals to that city's intermediate court.
                const std::u32string mine = utf8::decode(court_key(doc.facts.court));
                const std::u32string theirs = utf8::decode(court_key(target));
                const std::size_t ms = mine.find(U'市'), ts = theirs.find(U'市');
                if (ms != std::u32string::npos && mine.find(U'区', ms) != std::u32string::npos &&
                    ts != std::u32string::npos && theirs.compare(ts + 1, 2, U"中级") == 0 &&
                    theirs.compare(0, ts + 1, mine, 0, ms + 1) != 0)
                    problem = "本院（" + doc.facts.court + "）的上诉法院应为" + utf8::encode(mine.substr(0, ms + 1)) +
                              "中级人民法院，此处为“" + target + "”";
            }
            if (!problem.empty()) add_finding(out, "court.appeal-target", Severity::error, problem, s, p + 2);
            return;
        }
    }
}

}  // namespace

std::vector<CriterionSpec> case_number_criteria(std::shared_ptr<const CaseTables> t) {
    auto bind = [t](void (*fn)(const TablesPtr&, const Document&, std::vector<Finding>&)) {
        return [t, fn](const Document& d, std::vector<Finding>& out) { fn(t, d, out); };
    };
    return {
        {"case-number.format", "案号格式", Severity::error,
         "案号为（年度）+法院代字+类型代字+顺序号+号：全角括号、无空格、无“字第”、顺序号无前导0，类型代字在标准中",
         kNorm, false, bind(&check_format)},
        {"case-number.court", "法院代字与法院名称", Severity::error,
         "法院代字与标题法院一致：省份简称、法院级别（0/2/4位数字），以及法院代字表（court-codes.tsv）", kNorm, false,
         bind(&check_court)},
        {"case-number.type-roles", "类型代字与称谓", Severity::error,
         "类型代字与文书种类和当事人称谓相符（民初→原告/被告；民终→上诉人/被上诉人；刑初→公诉机关/被告人；执→申请执行人/被执行人）",
         kNorm, false, bind(&check_type_roles)},
        {"case-number.level", "审级与法院级别", Severity::error, "二审类型代字（民终、刑终、行终等）只用于中级以上法院",
         std::string(kNorm) + "；《民事诉讼法》第十八条至第二十条", false, bind(&check_level)},
        {"case-number.original", "原审案号", Severity::error,
         "上诉案件引用的原审案号为本院辖区下级法院、年度不晚于本案、一审类型代字", kNorm, false, bind(&check_original)},
        {"court.appeal-target", "上诉法院", Severity::error,
         "上诉告知中的法院为本院的上一级法院，省市名称一致（法院代字表）",
         "《民事诉讼法》第一百七十一条；《刑事诉讼法》第二百二十七条；《民事诉讼文书样式》（法〔2016〕221号）", false,
         bind(&check_appeal_target)},
    };
}

}  // namespace pingcha::criteria
