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

void check(const Document& doc, std::vector<Finding>& out) {
    const u32v v = doc.view;
    const Layout& L = cached_layout(doc);
    const std::size_t end = L.body_end;
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
    return {"privacy.unmasked", "信息屏蔽", Severity::error, "公开文书中身份证号码、手机号码、银行卡号应屏蔽",
            "《最高人民法院关于人民法院在互联网公布裁判文书的规定》（法释〔2016〕19号）第十条、第十一条", false, &check};
}

}  // namespace pingcha::criteria
