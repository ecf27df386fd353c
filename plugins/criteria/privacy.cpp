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

// Common surnames (the first character of a name after 被害人/证人 must be one): keeps words such as
// 家中, 身上, 本人 out of the names.
bool common_surname(char32_t c) {
    static const u32v surnames =
        U"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
        U"姜崔钟谭陆汪范金石廖贾夏韦付傅方邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
        U"文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛"
        U"曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏"
        U"席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐"
        U"冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计"
        U"索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛"
        U"宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由";
    return surnames.find(c) != u32v::npos;
}

// Whether this copy is a published one: a person is shown masked behind a role (被告人张某, 被害人李某某).
bool masks_names(u32v v, std::size_t end) {
    static const u32 roles[] = {U("被害人"), U("证人"), U("鉴定人"), U("被告人"), U("罪犯"), U("上诉人"), U("原告"),
                                U("被告"), U("申请人"), U("申诉人"), U("第三人"), U("代理人")};
    for (const u32& role : roles)
        for (std::size_t p : find_all(v, role, 0, end)) {
            const std::size_t s = p + role.size();
            if (s + 1 < end && is_han(v[s]) && v[s + 1] == U'某') return true;
        }
    return false;
}

// A victim's, witness's or expert's name left whole in a criminal judgment published under the masking
// rule of 法释〔2016〕19号 第八条 (法释〔2013〕26号 第八条 before it, in force 2014-01-01): 被害人陈忠 while
// the copy masks other persons. A copy that masks no one (an original kept by the court) is never
// held to the rule; outside criminal cases only a name whose own surname is masked elsewhere in the
// copy (陈忠 beside 陈某某) is reported. One finding per person, at the mention after the role.
void check_names(const Document& doc, std::vector<Finding>& out, std::size_t end) {
    const u32v v = doc.view;
    static const Date kMaskingFrom = date_from_string("2014-01-01");
    const Layout& L = cached_layout(doc);
    if (!L.decided || *L.decided < kMaskingFrom || L.domain != 'x') return;
    const bool published = masks_names(v, end);
    static const u32 roles[] = {U("被害人"), U("证人"), U("鉴定人")};
    static const u32v stop_chars = U"的系在称与及和向将被因于等均亦也已未对从到作为是出所证陈供即遂后经前时就先又再便并曾、，。；：（）";
    static const u32 not_names[] = {U("陈述"), U("证言"), U("家属"), U("亲属"), U("本人"), U("方面"), U("一方"),
                                    U("报案"), U("报警"), U("损失"), U("诉称"), U("辨认"), U("指认"), U("身份"),
                                    U("供述"), U("作证"), U("出庭"), U("证实"), U("证明"), U("陈某"), U("于某")};
    std::vector<u32> party_names;
    for (const auto& p : doc.facts.parties) party_names.push_back(U(p.name));
    // words that stand after 被害人/证人 and begin with a surname character
    static const u32 not_names_after_role[] = {U("项链"), U("全部"), U("全家"), U("全身"), U("来辨认"), U("来到"), U("单位"),
                                               U("双方"), U("方向"), U("时间"), U("于是"), U("车辆"), U("钱款"), U("金额"),
                                               U("江边"), U("门口"), U("房间"), U("宿舍"), U("家门"), U("钱包"),
                                               U("钱财"), U("钱物")};
    struct Name {
        u32 name;
        std::size_t first;  // the mention after the role
    };
    std::vector<Name> found;
    // the name starting at s, 2 or 3 characters closed by a stop character or the end; empty when none
    auto name_at = [&](std::size_t s) -> u32 {
        // a surname may be a character that otherwise ends a name (陈, 于, 向, 时 …)
        std::size_t e = s < end && common_surname(v[s]) ? s + 1 : s;
        while (e < end && e - s < 3 && is_han(v[e]) && stop_chars.find(v[e]) == u32v::npos) ++e;
        if (e - s < 2 || (e < end && is_han(v[e]) && stop_chars.find(v[e]) == u32v::npos)) return {};
        u32 name(v.substr(s, e - s));
        // 陈伟交…, 陈强关于…: a two-character name run into the verb or particle after it
        static const u32v after_name = U"交提来之关把让给说要去到向将对在被";
        if (name.size() == 3 && after_name.find(name[2]) != u32v::npos) name.pop_back();
        // 某, ×, and 甲乙丙… are the masks themselves (张某, 张甲)
        if (name.find_first_of(U"某×＊*甲乙丙丁戊己庚辛壬癸") != u32::npos) return {};
        // 陈述, 证言 … are no names, nor what starts with them (被害人陈述以及物证: 陈述以)
        for (const u32& w : not_names)
            if (name.compare(0, w.size(), w) == 0) return {};
        if (std::find(std::begin(not_names_after_role), std::end(not_names_after_role), name) !=
            std::end(not_names_after_role))
            return {};
        if (std::find(party_names.begin(), party_names.end(), name) != party_names.end()) return {};
        return name;
    };
    // a co-offender tried elsewhere (石红科（已判刑）) testifies as a witness but is no victim or witness
    // under the rule
    auto tried_elsewhere = [&](const u32& name) {
        for (std::size_t p : find_all(v, name, 0, end)) {
            const u32v after = v.substr(p + name.size(), std::min<std::size_t>(5, end - p - name.size()));
            for (const char32_t* mark : {U"（已判", U"（另案", U"（在逃", U"（同案", U"(已判", U"(另案"})
                if (after.substr(0, std::u32string_view(mark).size()) == mark) return true;
        }
        return false;
    };
    for (const u32& role : roles)
        for (std::size_t p : find_all(v, role, 0, end)) {
            // 被害人陈忠, and each name of a list: 被害人李某某、张某某、陈忠的陈述
            for (std::size_t s = p + role.size(); s < end;) {
                std::size_t e = s;
                while (e < end && is_han(v[e]) && stop_chars.find(v[e]) == u32v::npos) ++e;
                const u32 name = name_at(s);
                const bool same_surname_masked = !name.empty() && find(v, u32(1, name[0]) + U'某', 0, end) != u32v::npos;
                if (!name.empty() && (same_surname_masked || (published && common_surname(name[0]))) &&
                    std::none_of(found.begin(), found.end(), [&](const Name& n) { return n.name == name; }))
                    found.push_back({name, s});
                if (e >= end || e - s > 4 || (v[e] != U'、' && v[e] != U'和' && v[e] != U'及')) break;
                s = e + 1;
            }
        }
    // one finding per person, at the mention after the role, with the number of mentions
    for (const Name& n : found) {
        if (tried_elsewhere(n.name)) continue;
        const std::size_t mentions = find_all(v, n.name, 0, end).size();
        emit(out, "privacy.unmasked", Severity::error,
             "姓名未按公开规则隐名：“" + S(n.name) + "”（文中出现" + std::to_string(mentions) + "次）", n.first,
             n.first + n.name.size());
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
            "公开文书中身份证号码、手机号码、银行卡号应屏蔽；已作隐名处理的刑事文书中被害人、证人、鉴定人不得露出全名",
            "《最高人民法院关于人民法院在互联网公布裁判文书的规定》（法释〔2016〕19号）第八条、第十条、第十一条", false, &check};
}

}  // namespace pingcha::criteria
