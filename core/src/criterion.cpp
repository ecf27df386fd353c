// Applicability of a criterion: which kinds, procedures and dates a norm governs.
#include "pingcha/criterion.h"

#include <algorithm>

namespace pingcha {

namespace {

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// 一审, 二审, 再审, 执行, or "" when neither the procedure nor the case number tells.
std::string instance_of(const Document& doc) {
    const std::string& p = doc.facts.procedure;
    if (p == "二审") return "二审";
    if (p == "再审" || p == "再审审查") return "再审";
    if (p == "执行") return "执行";
    if (p == "普通" || p == "简易" || p == "小额" || p == "速裁") return "一审";
    if (doc.facts.case_number && has(doc.facts.case_number->type_code, "初")) return "一审";
    return "";
}

std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : "/") + s;
    return out;
}

}  // namespace

std::string skip_reason(const Applicability& a, const Document& doc) {
    const std::string& kind = doc.facts.kind;
    if (!a.kinds.empty()) {
        const bool ok = std::any_of(a.kinds.begin(), a.kinds.end(), [&](const std::string& k) {
            return kind.size() >= k.size() && kind.compare(kind.size() - k.size(), k.size(), k) == 0;
        });
        if (!ok) return "applies to " + joined(a.kinds) + ", not " + (kind.empty() ? "an unknown kind" : kind);
    }
    if (!a.categories.empty() &&
        std::none_of(a.categories.begin(), a.categories.end(), [&](const std::string& c) { return has(kind, c); }))
        return "applies to " + joined(a.categories) + " documents, not " + (kind.empty() ? "an unknown kind" : kind);
    if (!a.procedures.empty()) {
        const std::string inst = instance_of(doc);
        const std::string& p = doc.facts.procedure;
        const bool ok = std::any_of(a.procedures.begin(), a.procedures.end(),
                                    [&](const std::string& q) { return q == p || (!inst.empty() && q == inst); });
        if (!ok)
            return "applies to " + joined(a.procedures) + " procedures, not " +
                   (p.empty() ? (inst.empty() ? std::string("an unknown procedure") : inst) : p);
    }
    if (!doc.facts.subkind.empty() &&
        std::find(a.not_subkinds.begin(), a.not_subkinds.end(), doc.facts.subkind) != a.not_subkinds.end())
        return "not for rulings that only decide " + doc.facts.subkind;
    if (!a.in_force_from.empty() || a.needs_decision_date) {
        const std::string& d = doc.facts.decided_on;
        if (d.empty()) {
            // Without a decision date the structure stage's lower bound (the latest body date, the case-number
            // year) decides: a decision after the norm took effect is held to it; otherwise it may not have been.
            const std::string& nb = doc.facts.decided_not_before;
            if (a.needs_decision_date || nb.empty() || nb < a.in_force_from)
                return "decision date unknown" +
                       (a.in_force_from.empty() ? std::string() : ", norm in force from " + a.in_force_from) +
                       (nb.empty() ? std::string() : " (decided on or after " + nb + ")");
        } else if (!a.in_force_from.empty() && d < a.in_force_from) {
            return "decided " + d + ", before the norm took effect on " + a.in_force_from;
        }
    }
    return {};
}

}  // namespace pingcha
