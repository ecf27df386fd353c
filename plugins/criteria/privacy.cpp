// privacy.unmasked (信息屏蔽): ID-card numbers with a valid checksum, mobile numbers and bank-card
// numbers left in a copy meant for publication. Source: 《最高人民法院关于人民法院在互联网公布裁判文书的规定》
// (法释〔2016〕19号) 第十条、第十一条; GB 11643-1999 (citizen ID check digit).
#include "criteria.h"

namespace pingcha::criteria {

namespace {

// A run of ASCII digits (X allowed last) starting at i that is not part of a longer run.
std::size_t digit_run(u32v v, std::size_t i, std::size_t to) {
    std::size_t j = i;
    while (j < to && v[j] >= U'0' && v[j] <= U'9') ++j;
    return j - i;
}

bool id_checksum_ok(u32v s) {
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char32_t check[11] = {U'1', U'0', U'X', U'9', U'8', U'7', U'6', U'5', U'4', U'3', U'2'};
    int sum = 0;
    for (int k = 0; k < 17; ++k) sum += int(s[k] - U'0') * w[k];
    char32_t last = s[17] == U'x' ? U'X' : s[17];
    return check[sum % 11] == last;
}

bool plausible_birth(u32v s) {
    const int y = int(s[6] - U'0') * 1000 + int(s[7] - U'0') * 100 + int(s[8] - U'0') * 10 + int(s[9] - U'0');
    const int m = int(s[10] - U'0') * 10 + int(s[11] - U'0');
    const int d = int(s[12] - U'0') * 10 + int(s[13] - U'0');
    return y >= 1900 && y <= 2030 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

bool luhn_ok(u32v s) {
    int sum = 0;
    bool dbl = false;
    for (std::size_t k = s.size(); k-- > 0;) {
        int d = int(s[k] - U'0');
        if (dbl) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
        dbl = !dbl;
    }
    return sum % 10 == 0;
}

// A victim's, witness's or expert's name left whole in a copy that masks the same surname elsewhere
// (被害人陈忠 beside 陈某某): the masking rule of 法释〔2016〕19号 第八条 (法释〔2013〕26号 before it)
// was applied to the one mention and missed here. Only names whose masked form the document itself
// shows are reported, so an original judgment, which masks nothing, is never held to it.
void check_names(const Document& doc, std::vector<Finding>& out, std::size_t end) {
    const u32v v = doc.view;
    // the masking rules apply to documents published from 2014 (法释〔2013〕26号, in force 2014-01-01)
    static const Date kMaskingFrom = date_from_string("2014-01-01");
    const Layout& L = cached_layout(doc);
    if (!L.decided || *L.decided < kMaskingFrom) return;
    static const u32 roles[] = {U("被害人"), U("证人"), U("鉴定人")};
    static const u32v stop_chars = U"的系在称与及和向将被因于等均亦也已未对从到作为是出所证陈供即遂后经前时就先又再便并曾、，。；：（）";
    static const u32 not_names[] = {U("陈述"), U("证言"), U("家属"), U("亲属"), U("本人"), U("方面"), U("一方"),
                                    U("报案"), U("报警"), U("损失"), U("诉称"), U("辨认"), U("指认"), U("身份")};
    std::vector<u32> party_names;
    for (const auto& p : doc.facts.parties) party_names.push_back(U(p.name));
    for (const u32& role : roles)
        for (std::size_t p : find_all(v, role, 0, end)) {
            const std::size_t s = p + role.size();
            std::size_t e = s;
            while (e < end && e - s < 3 && is_han(v[e]) && stop_chars.find(v[e]) == u32v::npos) ++e;
            if (e - s < 2 || (e < end && is_han(v[e]) && stop_chars.find(v[e]) == u32v::npos)) continue;  // longer: no name
            const u32 name(v.substr(s, e - s));
            // 某, ×, and 甲乙丙… are the masks themselves (张某, 张甲)
            if (name.find_first_of(U"某×＊*甲乙丙丁戊己庚辛壬癸") != u32::npos) continue;
            if (std::find(std::begin(not_names), std::end(not_names), name) != std::end(not_names)) continue;
            if (std::find(party_names.begin(), party_names.end(), name) != party_names.end()) continue;
            const u32 masked = u32(1, name[0]) + U'某';
            if (find(v, masked, 0, end) == u32v::npos) continue;
            emit(out, "privacy.unmasked", Severity::error, "姓名未按公开规则隐名：“" + S(name) + "”（同一文书中已隐名为“" +
                 S(masked) + "…”）", s, e);
        }
}

void check(const Document& doc, std::vector<Finding>& out) {
    const u32v v = doc.view;
    const Layout& L = cached_layout(doc);
    const std::size_t end = L.body_end;
    check_names(doc, out, end);
    for (std::size_t i = 0; i < end; ++i) {
        if (v[i] < U'0' || v[i] > U'9' || (i > 0 && v[i - 1] >= U'0' && v[i - 1] <= U'9')) continue;
        const std::size_t n = digit_run(v, i, end);
        const char32_t after = i + n < end ? v[i + n] : U' ';
        if (n == 17 && (after == U'X' || after == U'x') && (i + 18 >= end || !is_digit(v[i + 18]))) {
            if (id_checksum_ok(v.substr(i, 18)) && plausible_birth(v.substr(i, 18)))
                emit(out, "privacy.unmasked", Severity::error, "公民身份号码未屏蔽", i, i + 18);
        } else if (n == 18) {
            if (id_checksum_ok(v.substr(i, 18)) && plausible_birth(v.substr(i, 18)))
                emit(out, "privacy.unmasked", Severity::error, "公民身份号码未屏蔽", i, i + 18);
        } else if (n == 11 && v[i] == U'1' && v[i + 1] >= U'3' && v[i + 1] <= U'9' && after != U'.' && after != U'元') {
            emit(out, "privacy.unmasked", Severity::error, "手机号码未屏蔽", i, i + 11);
        } else if (n >= 16 && n <= 19 && luhn_ok(v.substr(i, n))) {
            const u32v before = v.substr(i >= 15 ? i - 15 : 0, i >= 15 ? 15 : i);
            for (const char* w : {"卡号", "账号", "帐号", "银行卡", "账户", "帐户", "卡"})
                if (before.find(U(w)) != u32v::npos) {
                    emit(out, "privacy.unmasked", Severity::error, "银行卡号未屏蔽", i, i + n);
                    break;
                }
        }
        i += n;
    }
}

}  // namespace

CriterionSpec privacy_unmasked() {
    return {"privacy.unmasked", "信息屏蔽", Severity::error,
            "公开文书中身份证号码、手机号码、银行卡号应屏蔽；同一文书已隐名的被害人、证人、鉴定人不得另处露出全名",
            "《最高人民法院关于人民法院在互联网公布裁判文书的规定》（法释〔2016〕19号）第八条、第十条、第十一条", false, &check};
}

}  // namespace pingcha::criteria
