// party.details, party.names and party.roles: each party is described completely, named the same
// way throughout, and titled as the procedure requires. Source: 《人民法院民事裁判文书制作规范》
// (法〔2016〕221号) 当事人部分; 《最高人民法院关于人民法院在互联网公布裁判文书的规定》(法释〔2016〕19号).
#include <array>
#include <string>

#include "criteria.h"
#include "doc_facts.h"
#include "pingcha/utf8.h"

namespace pingcha::criteria {

namespace {

constexpr const char* kNorm = "《人民法院民事裁判文书制作规范》（法〔2016〕221号）当事人；《民事诉讼文书样式》";

bool is_org_name(std::u32string_view n) {
    static constexpr std::u32string_view suffixes[] = {
        U"公司", U"厂", U"银行", U"支行", U"分行", U"局", U"委员会", U"中心", U"合作社", U"学校", U"医院", U"所",
        U"院", U"会", U"社", U"集团", U"部", U"站", U"处", U"店", U"政府", U"办事处", U"村", U"大队", U"分公司", U"协会",
        U"管理人", U"清算组", U"企业", U"小组", U"组", U"队", U"馆", U"室", U"场", U"（普通合伙）", U"（有限合伙）"};
    for (auto s : suffixes)
        if (n.size() > s.size() + 1 && n.substr(n.size() - s.size()) == s) return true;
    return false;
}

// The paragraph range of party i: from its role to the next principal party (or the section end).
std::pair<std::size_t, std::size_t> party_range(const Document& doc, std::size_t i) {
    const auto& p = doc.facts.parties[i];
    std::size_t end = doc.view.size();
    for (const auto& s : doc.sections)
        if (s.kind == "parties" && p.start >= s.start && p.start < s.end) end = s.end;
    if (i + 1 < doc.facts.parties.size() && doc.facts.parties[i + 1].start < end)
        end = doc.facts.parties[i + 1].start - std::min<std::size_t>(doc.facts.parties[i + 1].start - p.end, 0);
    return {p.start, end};
}

// ---- party.details
// The range of party i's own paragraph: up to where the next party's role starts.
std::pair<std::size_t, std::size_t> own_range(const Document& doc, std::size_t i) {
    auto [s, e] = party_range(doc, i);
    if (i + 1 < doc.facts.parties.size() && doc.facts.parties[i + 1].start <= e) {
        const std::size_t role_len = utf8::decode(doc.facts.parties[i + 1].role).size();
        e = doc.facts.parties[i + 1].start > role_len ? doc.facts.parties[i + 1].start - role_len : e;
        if (e < s) e = s;
    }
    return {s, e};
}

struct PersonDetails {
    bool sex = false, birth = false, ethnicity = false;
};

PersonDetails person_details(const Document& doc, std::size_t i) {
    const std::u32string_view v(doc.view);
    const auto [s, e] = own_range(doc, i);
    PersonDetails d;
    const std::size_t ns = doc.facts.parties[i].end;
    for (std::size_t k = ns; k < e && k < ns + 40; ++k)
        if (v[k] == U'男' || v[k] == U'女') d.sex = true;
    d.birth = contains_u(v, U"出生", s, e) || contains_u(v, U"生于", s, e) || contains_u(v, U"日生", s, e) ||
              contains_u(v, U"年生", s, e);
    d.ethnicity = contains_u(v, U"族", s, e);
    return d;
}

void check_details(const Document& doc, std::vector<Finding>& out) {
    const std::u32string_view v(doc.view);
    PersonDetails persons;  // which details any natural person of this document has
    for (std::size_t i = 0; i < doc.facts.parties.size(); ++i) {
        const auto& p = doc.facts.parties[i];
        if (p.role.find("机关") != std::string::npos || p.role == "被害人" || is_org_name(utf8::decode(p.name))) continue;
        const PersonDetails d = person_details(doc, i);
        persons.sex |= d.sex;
        persons.birth |= d.birth;
        persons.ethnicity |= d.ethnicity;
    }
    for (std::size_t i = 0; i < doc.facts.parties.size(); ++i) {
        const auto& p = doc.facts.parties[i];
        if (p.role.find("机关") != std::string::npos || p.role == "被害人") continue;
        const auto [s, e] = own_range(doc, i);
        const std::u32string name = utf8::decode(p.name);
        std::vector<std::string> missing;
        if (is_org_name(name)) {
            if (!contains_u(v, U"住所", s, e) && !contains_u(v, U"地址", s, e) && !contains_u(v, U"所在地", s, e) &&
                !contains_u(v, U"住", s, e))
                missing.push_back("住所地");
            const bool rep = contains_u(v, U"法定代表人", s, e) || contains_u(v, U"负责人", s, e) ||
                             contains_u(v, U"代表人", s, e) || contains_u(v, U"经营者", s, e) ||
                             contains_u(v, U"执行事务合伙人", s, e);
            if (!rep) missing.push_back("法定代表人（负责人）");
            else {
                static constexpr std::u32string_view posts[] = {
                    U"长", U"经理", U"主任", U"董事", U"书记", U"负责人", U"合伙人", U"职务", U"总裁", U"主席",
                    U"会计", U"执行", U"股东", U"法人", U"主管", U"员", U"管理人"};
                const std::size_t r = find_u(v, U"代表人", s, e);
                const std::size_t from = r == std::u32string_view::npos ? s : r + 3;
                bool post = false;
                for (auto w : posts)
                    if (contains_u(v, w, from, e)) post = true;
                if (!post) missing.push_back("法定代表人职务");
            }
        } else {
            // Published judgments drop details of natural persons (home addresses always, often more):
            // a detail is missing only when another person in the same document has it.
            // A person described in part (男, but no birth date) is no stripped publication either.
            const PersonDetails d = person_details(doc, i);
            const bool partly = d.sex || d.birth;
            if (!d.sex && (persons.sex || partly)) missing.push_back("性别");
            if (!d.birth && (persons.birth || partly)) missing.push_back("出生日期");
            if (!d.ethnicity && persons.ethnicity) missing.push_back("民族");
            // the home address is deleted from published copies (法释〔2016〕19号 第十条): never asked for
        }
        if (missing.empty()) continue;
        std::string m = p.role + p.name + "的身份信息缺少";
        for (std::size_t k = 0; k < missing.size(); ++k) m += (k ? "、" : "") + missing[k];
        add_finding(out, "party.details", Severity::warning, m, p.start, p.end);
    }
}

// ---- party.names
constexpr std::u32string_view kMentionRoles[] = {U"被上诉人", U"上诉人", U"原审原告", U"原审被告", U"被告人",
                                                           U"原告", U"被告", U"第三人", U"被申请人", U"申请人",
                                                           U"被执行人", U"申请执行人"};

bool boundary_after(char32_t c) {
    static const std::u32string_view ok = U"，。、；：）(（)犯于在的与向系称对将已未到经等以及和辩诉不应是均要提为自所因就按请作无有个共";
    return ok.find(c) != std::u32string_view::npos || text::is_space(c) || c == U'\n';
}

void check_names(const Document& doc, std::vector<Finding>& out) {
    std::vector<std::u32string> names;
    for (const auto& p : doc.facts.parties) {
        if (p.role.find("机关") != std::string::npos) continue;
        const std::u32string n = utf8::decode(p.name);
        if (n.size() >= 2 && n.size() <= 40) names.push_back(n);
    }
    if (names.empty()) return;
    const std::u32string_view v(doc.view);
    std::size_t from = 0;
    for (const auto& s : doc.sections)
        if (s.kind == "parties") from = s.end;
    const std::size_t to = body_end(doc);
    std::size_t reported = 0;
    for (std::size_t i = from; i < to; ++i) {
        const char32_t c0 = v[i];
        if (c0 != U'被' && c0 != U'上' && c0 != U'原' && c0 != U'第' && c0 != U'申') continue;  // first chars of the roles
        std::u32string_view role;
        for (auto r : kMentionRoles)
            if (v.substr(i, r.size()) == r) {
                role = r;
                break;
            }
        if (role.empty()) continue;
        const std::size_t at = i + role.size();
        i = at - 1;
        if (at < to && (v[at] == U'（' || v[at] == U'(')) continue;  // 被申请人（一审原告…）: the earlier role, no name
        bool known = false;
        for (const auto& n : names)
            if (v.substr(at, n.size()) == n) known = true;
        if (known) continue;
        for (const auto& n : names) {
            if (at + n.size() > to) continue;
            // Two-character names (the common case for slips: 刘军 → 刘艳) only with the surname kept, a surname
            // that is no everyday word, and a second character no verb or particle: 原告陈述 is not 陈艳.
            if (n.size() == 2) {
                static const std::u32string_view everyday_surnames = U"于向何余方高程常成时从对和将就也以与及万包全白文田石江明双单";
                static const std::u32string_view verbs = U"述称辩诉认提请要求同不已未应在的等对与及和向将把被是为于有无所均亦又再也仍即则";
                if (everyday_surnames.find(n[0]) != std::u32string_view::npos || v[at] != n[0] ||
                    verbs.find(v[at + 1]) != std::u32string_view::npos)
                    continue;
            }
            // an organisation's name with one character dropped (武汉新思棉研究所 for 武汉新思棉绒研究所)
            if (n.size() >= 6 && at + n.size() - 1 <= to) {
                const std::u32string_view short_sub = v.substr(at, n.size() - 1);
                const std::size_t after = at + n.size() - 1;
                bool dropped = false;
                for (std::size_t k = 1; k + 1 < n.size() && !dropped; ++k)
                    dropped = short_sub.substr(0, k) == std::u32string_view(n).substr(0, k) &&
                              short_sub.substr(k) == std::u32string_view(n).substr(k + 1);
                if (dropped && (after >= v.size() || boundary_after(v[after])) &&
                    std::find(names.begin(), names.end(), short_sub) == names.end() && at >= reported) {
                    reported = after;
                    add_finding(out, "party.names", Severity::error,
                                "当事人名称前后不一致：“" + utf8::encode(short_sub) + "”应为“" + utf8::encode(n) + "”", at,
                                after);
                    break;
                }
            }
            const std::u32string_view sub = v.substr(at, n.size());
            int diff = 0;
            std::size_t where = 0;
            for (std::size_t k = 0; k < n.size() && diff < 2; ++k)
                if (sub[k] != n[k]) {
                    ++diff;
                    where = k;
                }
            if (diff != 1) continue;
            const char32_t c = sub[where];
            if (!text::is_cjk(c)) continue;  // 张某1/张某4 are different pseudonymised people
            static const std::u32string_view masks = U"某甲乙丙丁戊己庚辛壬癸×＊*";
            if (masks.find(c) != std::u32string_view::npos) continue;  // a masked mention
            if (masks.find(n[where]) != std::u32string_view::npos && (n.size() <= 2 || where == 0)) continue;  // 陈某 vs 陈述
            // Two-character names need a clear end, or 张三 would match 张某 in 张三某.
            if (n.size() <= 3 && at + n.size() < v.size() && !boundary_after(v[at + n.size()])) continue;
            if (n.size() <= 3 && where == 0) continue;  // a different surname is a different person
            if (at < reported) continue;
            reported = at + n.size();
            add_finding(out, "party.names", Severity::error,
                        "当事人名称前后不一致：“" + utf8::encode(sub) + "”应为“" + utf8::encode(n) + "”", at,
                        at + n.size());
            break;
        }
    }
}

// ---- party.roles
void check_roles(const Document& doc, std::vector<Finding>& out) {
    const DocInfo info = doc_info(doc);
    for (const auto& p : doc.facts.parties) {
        const std::size_t rs = role_start(doc, p);
        const bool appeal_role = p.role == "上诉人" || p.role == "被上诉人";
        if (info.first && appeal_role) {
            add_finding(out, "party.roles", Severity::error, "一审文书中当事人不应称“" + p.role + "”", rs, p.end);
            return;
        }
        if (info.second) {
            if (appeal_role && p.original_role.empty()) {
                add_finding(out, "party.roles", Severity::error,
                            "二审当事人应在称谓后注明原审诉讼地位，如“" + p.role + "（原审被告）”", rs, p.end);
                return;
            }
            if (!p.original_role.empty() && p.original_role.rfind("原审", 0) != 0 && p.original_role.rfind("一审", 0) != 0) {
                add_finding(out, "party.roles", Severity::error,
                            "括号内应为原审诉讼地位（原审原告、原审被告等），此处为“" + p.original_role + "”", rs, p.end);
                return;
            }
            if (p.role == "原告" || p.role == "被告" || p.role == "被告人") {
                add_finding(out, "party.roles", Severity::error,
                            "二审文书中当事人应称上诉人、被上诉人或原审" + p.role.substr(0) + "，此处为“" + p.role + "”", rs,
                            p.end);
                return;
            }
        }
    }
}

}  // namespace

std::vector<CriterionSpec> party_criteria() {
    return {
        {"party.details", "当事人信息", Severity::warning,
         "自然人写明姓名、性别、出生日期、民族、住所；法人写明名称、住所地、法定代表人及职务（公开版本可依法删减，故为提示）",
         std::string(kNorm) + "；法释〔2016〕19号", false, &check_details},
        {"party.names", "名称一致", Severity::error, "当事人名称全文一致（与当事人名称相差一字的称谓按错字提示）", kNorm,
         false, &check_names},
        {"party.roles", "诉讼地位", Severity::error,
         "称谓与程序相符：一审不称上诉人，二审写明“上诉人（原审被告）”等原审地位", kNorm, false, &check_roles},
    };
}

}  // namespace pingcha::criteria
