// citation.* (法律引用): title, article form, order, not-a-basis, repealed laws, article versions,
// article existence, procedural articles. Sources: 法释〔2009〕14号; 法〔2016〕221号 引用规范;
// 民法典 art. 1260 and 法释〔2020〕15号; 民事诉讼法 2012/2021/2023 texts.
#include <algorithm>
#include <set>

#include "chinese_numerals.h"
#include "citations.h"
#include "criteria.h"

namespace pingcha::criteria {

namespace {

using TablesPtr = std::shared_ptr<const Tables>;

struct Ctx {
    Layout L;
    std::vector<Cite> cites;
};

// Parsed once per document and thread: the eight citation criteria share it.
const Ctx& context(const Document& doc, const Tables& t) {
    thread_local DocKey key;
    thread_local const Tables* tables = nullptr;
    thread_local Ctx cached;
    const DocKey k = doc_key(doc);
    if (!(k == key) || tables != &t) {
        cached.L = cached_layout(doc, k);
        cached.cites = find_citations(doc.view, 0, cached.L.body_end, t);
        key = k;
        tables = &t;
    }
    return cached;
}

std::string article_text(int n) { return "第" + std::to_string(n) + "条"; }

// A short title is defined by （以下简称…） before pos.
bool short_title_defined(u32v v, const u32& title, std::size_t pos) {
    for (std::size_t p : find_all(v, U("简称"), 0, pos)) {
        const u32v after = v.substr(p, std::min<std::size_t>(title.size() + 6, v.size() - p));
        if (after.find(title) != u32v::npos) return true;
    }
    return false;
}

bool looks_like_short_national_law(const u32& title) {
    if (title.size() < 2 || title.size() > 10 || title.back() != U'法') return false;
    if (title.rfind(U("中华人民共和国"), 0) == 0) return false;
    for (const char* bad : {"办法", "关于", "条例", "省", "市", "国际", "公约"})
        if (title.find(U(bad)) != u32::npos) return false;
    return true;
}

// ---- citation.title
// Where the court speaks for itself: from 本院认为 on (the parties' own words are quoted before it).
std::size_t own_text_start(const Layout& L) { return L.reasoning.empty() ? 0 : L.reasoning.start; }

void check_title(const Document& doc, std::vector<Finding>& out, const Tables& t) {
    const Ctx& c = context(doc, t);
    std::set<u32> reported;
    for (const auto& cite : c.cites) {
        if (cite.title_start < own_text_start(c.L)) continue;
        if (!cite.bracketed) {
            if (in_basis_sentence(doc.view, cite.title_start, 0, c.L.body_end) && !reported.count(U("bare") + cite.title)) {
                reported.insert(U("bare") + cite.title);
                emit(out, "citation.title", Severity::error,
                     "作为裁判依据引用法律应使用书名号并写明全称：《" + S(cite.full) + "》", cite.title_start, cite.title_end);
            }
            continue;
        }
        const LawTitle* law = t.law(cite.title);
        if (!law && !reported.count(cite.title)) {
            if (const u32* near = t.near_title(cite.title)) {
                reported.insert(cite.title);
                emit(out, "citation.title", Severity::error, "法律名称有误：《" + S(cite.title) + "》应为《" + S(*near) + "》",
                     cite.title_start, cite.title_end);
                continue;
            }
        }
        const bool is_short = law ? cite.title != law->full : looks_like_short_national_law(cite.title);
        if (!is_short || reported.count(cite.title)) continue;
        if (short_title_defined(doc.view, cite.title, cite.title_start)) continue;
        reported.insert(cite.title);
        const std::string full = law ? S(law->full) : "中华人民共和国" + S(cite.title);
        emit(out, "citation.title", Severity::error,
             "首次引用法律应写全称《" + full + "》，简称须先注明“以下简称”", cite.title_start, cite.title_end);
    }
}

// A title that names a normative document (法, 条例, 规定, 解释 …), not a contract or a letter.
bool looks_like_normative_title(u32v title) {
    for (const char* w : {"法", "条例", "规定", "解释", "办法", "决定", "意见", "规则", "批复", "纪要", "通知", "答复", "细则", "规范"})
        if (title.find(U(w)) != u32v::npos) return true;
    return false;
}

// ---- citation.article
void check_article(const Document& doc, std::vector<Finding>& out, const Tables& t) {
    const Ctx& c = context(doc, t);
    for (const auto& cite : c.cites) {
        if (cite.title_start < own_text_start(c.L)) continue;
        if (!t.law(cite.title) && !looks_like_normative_title(cite.title)) continue;  // 《借款协议》第3条: a contract
        // 第一百三十三条，第六十七条第三款: parallel articles take 、 (GB/T 15834-2011 4.6); one warning a citation.
        // When an article itself lists with 、 (第七十二条第一款、第三款), commas between articles are the
        // higher level of a consistent two-level list.
        const auto comma = std::find_if(cite.articles.begin(), cite.articles.end(),
                                        [](const ArticleRef& a) { return a.comma_before != 0; });
        bool two_level = false;  // a 、 inside an article (第一、四款) or right after one that opens no article
        for (const auto& a : cite.articles) {
            const u32v v = doc.view;
            if (v.substr(a.start, a.end - a.start).find(U'、') != u32v::npos) two_level = true;
            if (a.end < v.size() && v[a.end] == U'、' &&
                std::none_of(cite.articles.begin(), cite.articles.end(), [&](const ArticleRef& b) { return b.start == a.end + 1; }))
                two_level = true;
        }
        if (comma != cite.articles.end() && !two_level)
            emit(out, "citation.article", Severity::warning, "同一法律的条文之间应以顿号“、”分隔，不用逗号",
                 comma->comma_before, comma->comma_before + 1);
        for (const auto& a : cite.articles) {
            // 第七十三条第二条款 (款 written 条款) and 第六十七第三款 (条 left out) just after an article
            {
                const u32v v = doc.view;
                std::size_t k = a.end;
                if (k < v.size() && v[k] == U'、') ++k;
                if (k < v.size() && v[k] == U'第') {
                    std::size_t q = k + 1;
                    while (q < v.size() && is_numeral(v[q]) && q - k < 8) ++q;
                    if (q > k + 1 && q + 1 < v.size() && v[q] == U'条' && v[q + 1] == U'款')
                        emit(out, "citation.article", Severity::error, "“条款”应为“款”", k, q + 2);
                    else if (q > k + 1 && q < v.size() && v[q] == U'第') {
                        std::size_t r = q + 1;
                        while (r < v.size() && is_numeral(v[r]) && r - q < 6) ++r;
                        if (r > q + 1 && r < v.size() && (v[r] == U'款' || v[r] == U'项'))
                            emit(out, "citation.article", Severity::error, "条文序号后缺少“条”字", k, r + 1);
                    }
                }
            }
            if (a.missing_di)
                emit(out, "citation.article", Severity::error, "引用条文应写作“第…条”，缺少“第”字", a.start, a.number_end + 1);
            if (a.arabic)
                emit(out, "citation.article", Severity::error, "引用条文序号应使用汉字数字，如“第一百零七条”，不用阿拉伯数字",
                     a.start, a.number_end + 1);
            else if (a.circle_zero)
                emit(out, "citation.article", Severity::error, "条文序号中的零应写作“零”，不写“〇”", a.start, a.number_end + 1);
            if (a.paragraph && a.paragraph_missing_di)
                emit(out, "citation.article", Severity::error, "引用款应写作“第…款”，缺少“第”字", a.paragraph_start,
                     a.paragraph_end);
            else if (a.paragraph && a.paragraph_shared_di)
                emit(out, "citation.article", Severity::error, "引用多款应分别写明，如“第一款、第四款”，不写“第一、四款”",
                     a.paragraph_start, a.paragraph_end);
            if (a.item && a.item_missing_di)
                emit(out, "citation.article", Severity::error, "引用项应写作“第…项”，缺少“第”字", a.item_start, a.item_end);
            else if (a.item && a.item_shared_di)
                emit(out, "citation.article", Severity::error, "引用多项应分别写明，如“第一项、第二项”，不写“第一、二项”",
                     a.item_start, a.item_end);
            // the bracket-free 第一项 is the civil norm (法〔2016〕221号); criminal practice writes 第（一）项
            // from the 2016 civil style book's effective date; before it 第（一）项 was the usual form
            static const Date kStyles2016 = date_from_string("2016-08-01");
            if (a.item && a.item_bracketed && c.L.domain == 'm' && c.L.decided && *c.L.decided >= kStyles2016)
                emit(out, "citation.article", Severity::error, "引用项应写作“第一项”，使用汉字且不加括号", a.item_start,
                     a.item_end);
        }
    }
}

// ---- citation.order
void check_order(const Document& doc, std::vector<Finding>& out, const Tables& t) {
    const Ctx& c = context(doc, t);
    const u32v v = doc.view;
    // Appeals and rulings put the procedural article first (样式: 依照《民事诉讼法》第一百七十条…、
    // 《刑事诉讼法》第二百三十六条…); there only the rank order applies.
    const bool procedural_first_ok = c.L.is_ruling || c.L.type_code.find("终") != std::string::npos ||
                                     find(v, U("上诉人"), 0, c.L.reasoning.empty() ? c.L.body_end : c.L.reasoning.start) != u32::npos;
    std::size_t i = 0;
    while (i < c.cites.size()) {
        const Region sent = sentence_at(v, c.cites[i].title_start, 0, c.L.body_end);
        std::size_t j = i;
        std::vector<const Cite*> group;
        while (j < c.cites.size() && c.cites[j].title_start < sent.end) {
            if (c.cites[j].bracketed || !c.cites[j].articles.empty()) group.push_back(&c.cites[j]);
            ++j;
        }
        // a basis quoted from the lower court's judgment (原审法院…依照…判决如下) is that court's order, not this one's
        const bool own = c.L.reasoning.empty() || c.L.reasoning.contains(c.cites[i].title_start);
        if (group.size() >= 2 && own && in_basis_sentence(v, c.cites[i].title_start, 0, c.L.body_end)) {
            std::pair<int, int> worst{0, 0};
            const Cite* worst_cite = nullptr;
            for (const Cite* g : group) {
                // 《最高人民法院关于适用若干问题的解释》: the law's name is missing, its kind unknown
                const std::size_t apply = g->title.find(U("关于适用"));
                if (apply != u32::npos && g->title.find(U'法', apply) == u32::npos) continue;
                // a judicial interpretation is procedural only when it interprets a procedural law
                const int rank = citation_rank(*g, t);
                const bool proc = !procedural_first_ok && citation_procedural(*g, t);
                const std::pair<int, int> key{proc ? 1 : 0, rank};
                if (worst_cite && key < worst) {
                    const bool proc = key.first < worst.first;
                    emit(out, "citation.order", Severity::error,
                         proc ? "应先引用实体法，后引用程序法：《" + S(g->title) + "》应在《" + S(worst_cite->title) + "》之前"
                              : "引用顺序应为法律、行政法规、地方性法规、司法解释：《" + S(g->title) + "》应在《" +
                                    S(worst_cite->title) + "》之前",
                         g->title_start, g->title_end);
                    break;
                }
                if (!worst_cite || key > worst) {
                    worst = key;
                    worst_cite = g;
                }
            }
        }
        i = j > i ? j : i + 1;
    }
}

// ---- citation.not-a-basis
void check_not_a_basis(const Document& doc, std::vector<Finding>& out, const Tables& t) {
    const Ctx& c = context(doc, t);
    for (const auto& cite : c.cites) {
        if (!cite.bracketed || !in_basis_sentence(doc.view, cite.title_start, 0, c.L.body_end)) continue;
        for (const auto& n : t.not_a_basis) {
            if (cite.title.find(n.contains) == u32::npos) continue;
            emit(out, "citation.not-a-basis", Severity::error, "《" + S(cite.title) + "》：" + n.reason, cite.title_start,
                 cite.title_end);
            break;
        }
    }
}

// The date of the facts: the earliest body date that is not a birth date.
std::optional<Date> facts_date(const Document& doc, const Layout& L) {
    const u32v v = doc.view;
    std::optional<Date> best;
    for (const auto& d : arabic_dates(v, L.head.end, L.reasoning.empty() ? L.body_end : L.reasoning.start)) {
        const u32v after = v.substr(d.end, std::min<std::size_t>(3, v.size() - d.end));
        const u32v before = v.substr(d.start >= 4 ? d.start - 4 : 0, d.start >= 4 ? 4 : d.start);
        if (after.find(U'生') != u32v::npos || before.find(U("出生")) != u32v::npos) continue;
        if (!d.date.valid()) continue;
        if (!best || d.date < *best) best = d.date;
    }
    return best;
}

// ---- citation.repealed
void check_repealed(const Document& doc, std::vector<Finding>& out, const Tables& t) {
    const Ctx& c = context(doc, t);
    if (!c.L.decided) return;
    std::set<u32> reported;
    bool transition = false;
    for (const auto& m : t.transition_markers)
        if (doc.view.find(m) != u32::npos) transition = true;
    const auto facts = facts_date(doc, c.L);
    for (const auto& cite : c.cites) {
        for (const auto& r : t.repealed) {
            if (cite.full != r.full || reported.count(r.full)) continue;
            if (*c.L.decided < r.repealed_on) continue;
            reported.insert(r.full);
            if (facts && *facts < r.repealed_on) {
                if (transition) continue;
                emit(out, "citation.repealed", Severity::warning,
                     "《" + S(r.full) + "》已于" + std::to_string(r.repealed_on.y) +
                         "年1月1日废止；适用旧法应同时引用《最高人民法院关于适用〈中华人民共和国民法典〉时间效力的若干规定》",
                     cite.title_start, cite.title_end);
            } else {
                emit(out, "citation.repealed", Severity::error,
                     "《" + S(r.full) + "》已于" + std::to_string(r.repealed_on.y) + "年1月1日废止，应适用《" + r.replaced_by + "》",
                     cite.title_start, cite.title_end);
            }
        }
    }
}

// ---- citation.version
void check_version(const Document& doc, std::vector<Finding>& out, const Tables& t) {
    const Ctx& c = context(doc, t);
    if (!c.L.decided) return;
    const u32v v = doc.view;
    for (const auto& cite : c.cites) {
        const Region sent = sentence_at(v, cite.title_start, 0, c.L.body_end);
        const u32v s = v.substr(sent.start, sent.end - sent.start);
        // topic -> expected article on the decision date, and every number the topic had
        std::map<std::string, std::pair<const ArticleVersion*, std::set<int>>> topics;
        for (const auto& av : t.article_versions) {
            if (av.law != cite.full || s.find(av.keyword) == u32v::npos) continue;
            auto& [cur, all] = topics[av.topic];
            all.insert(av.article);
            if (!(*c.L.decided < av.from) && (!cur || cur->from < av.from)) cur = &av;
        }
        for (const auto& [topic, info] : topics) {
            const auto& [expected, all] = info;
            if (!expected) continue;
            for (const auto& a : cite.articles) {
                if (!a.article || *a.article == expected->article || !all.count(*a.article)) continue;
                emit(out, "citation.version", Severity::error,
                     "裁判日期适用的《" + S(cite.full) + "》中，" + topic + "的条文为" + article_text(expected->article) +
                         "，此处引用的" + article_text(*a.article) + "为其他版本的条文序号",
                     a.start, a.end);
            }
        }
    }
}

// ---- citation.exists
void check_exists(const Document& doc, std::vector<Finding>& out, const Tables& t) {
    const Ctx& c = context(doc, t);
    for (const auto& cite : c.cites) {
        const int count = t.article_count(cite.full, c.L.decided);
        if (count <= 0) continue;
        for (const auto& a : cite.articles)
            if (a.article && (*a.article > count || *a.article < 1))
                emit(out, "citation.exists", Severity::error,
                     "《" + S(cite.full) + "》共" + std::to_string(count) + "条，不存在" + article_text(*a.article), a.start,
                     a.number_end + 1);
    }
}

// ---- citation.procedure
bool cites_any(const std::vector<Cite>& cites, const ProcedureArticles& pa) {
    for (const auto& c : cites) {
        // a misspelt title (《中华人民共和国刑事诉讼》) still cites the law: the title is citation.title's finding
        if (c.full != pa.law && edit_distance(c.full, pa.law, 2) > 2) continue;
        for (const auto& a : c.articles)
            if (a.article && std::find(pa.articles.begin(), pa.articles.end(), *a.article) != pa.articles.end()) return true;
    }
    return false;
}

void check_procedure(const Document& doc, std::vector<Finding>& out, const Tables& t) {
    const Ctx& c = context(doc, t);
    const u32v v = doc.view;
    const Layout& L = c.L;
    // a second-instance decision; a retrial (再审, 刑再终) cites the retrial articles instead
    const bool appeal = L.type_code.find("终") != std::string::npos && L.type_code.find("再") == std::string::npos &&
                        L.type_code.find("监") == std::string::npos &&
                        find(v, U("再审"), 0, L.reasoning.empty() ? L.body_end : L.reasoning.start) == u32::npos;
    // an appeal decision cites the second-instance article
    if (appeal && (L.domain == 'm' || L.domain == 'x' || L.domain == 'a')) {
        const auto it = t.procedure.find(std::string("appeal-") + L.domain);
        if (it != t.procedure.end() && !c.cites.empty() && !cites_any(c.cites, it->second)) {
            std::size_t at = find(v, U("判决如下"), 0, L.body_end);
            if (at == u32::npos) at = find(v, U("裁定如下"), 0, L.body_end);
            if (at == u32::npos) at = L.head.start;
            emit(out, "citation.procedure", Severity::error,
                 "二审裁判应引用《" + S(it->second.law) + "》关于二审裁判方式的条文", at, at + 4);
        }
    }
    if (L.domain != 'm' || L.is_ruling) return;
    // a default judgment cites the default-judgment article
    for (const char* marker : {"缺席判决", "缺席审理"}) {
        const std::size_t p = find(v, U(marker), L.head.end, L.body_end);
        if (p == u32::npos) continue;
        const auto it = t.procedure.find("default");
        if (it != t.procedure.end() && !cites_any(c.cites, it->second))
            emit(out, "citation.procedure", Severity::error,
                 "缺席判决应引用《中华人民共和国民事诉讼法》关于缺席判决的条文", p, p + 4);
        break;
    }
    // a money award carries the late-payment notice (迟延履行)
    if (!L.decision.empty() && v.find(U("迟延履行")) == u32::npos) {
        const u32v dec = v.substr(L.decision.start, L.decision.end - L.decision.start);
        bool pays = false;
        for (const char* verb : {"支付", "偿还", "给付", "赔偿", "返还", "退还"})
            if (dec.find(U(verb)) != u32v::npos) pays = true;
        std::vector<AmountHit> awarded;
        for (const auto& a : arabic_amounts(v, L.decision.start, L.decision.end)) {
            const Region sent = sentence_at(v, a.start, L.decision.start, L.decision.end);
            const u32v st = v.substr(sent.start, sent.end - sent.start);
            if (st.find(U("受理费")) == u32v::npos && st.find(U("诉讼费")) == u32v::npos && st.find(U("保全费")) == u32v::npos &&
                st.find(U("公告费")) == u32v::npos)
                awarded.push_back(a);
        }
        // an award in Chinese numerals (劳动报酬一万四千一百元) is a money award too
        if (awarded.empty() && pays) {
            for (std::size_t p : find_all(v, U("元"), L.decision.start, L.decision.end)) {
                std::size_t q = p;
                while (q > L.decision.start && (chinese_digit(v[q - 1]) >= 0 || v[q - 1] == U'十' || v[q - 1] == U'百' ||
                                                v[q - 1] == U'千' || v[q - 1] == U'万'))
                    --q;
                const Region sent = sentence_at(v, p, L.decision.start, L.decision.end);
                const u32v st = v.substr(sent.start, sent.end - sent.start);
                if (p - q >= 2 && st.find(U("受理费")) == u32v::npos && st.find(U("诉讼费")) == u32v::npos) {
                    awarded.push_back({0, q, p + 1});
                    break;
                }
            }
        }
        if (pays && !awarded.empty() && !starts_with_at(v, L.decision.start, U("驳回")))
            emit(out, "citation.procedure", Severity::error,
                 "判决给付金钱义务的，应告知未按期履行时依照民事诉讼法加倍支付迟延履行期间的债务利息", awarded.front().start,
                 awarded.front().end);
    }
}

CriterionSpec make(const char* id, const char* name, Severity sev, const char* desc, const char* source,
                   TablesPtr t, void (*fn)(const Document&, std::vector<Finding>&, const Tables&)) {
    CriterionSpec s;
    s.id = id;
    s.name = name;
    s.severity = sev;
    s.description = desc;
    s.source = source;
    s.check = [t, fn](const Document& d, std::vector<Finding>& out) { fn(d, out, *t); };
    return s;
}

}  // namespace

std::vector<CriterionSpec> citation_criteria(std::shared_ptr<const Tables> t) {
    const char* reg = "《关于裁判文书引用法律、法规等规范性法律文件的规定》（法释〔2009〕14号）；《人民法院民事裁判文书制作规范》（法〔2016〕221号）引用规范";
    // Rulings that only decide a procedural matter cite the article for that matter, not the ones for
    // default judgments, money awards or the outcome of an appeal.
    CriterionSpec procedure = make("citation.procedure", "程序法条", Severity::error,
                                   "缺席判决引用缺席判决条文；金钱给付判项告知迟延履行责任；二审裁判引用二审条文",
                                   "《中华人民共和国民事诉讼法》；《民事诉讼文书样式》（法〔2016〕221号）", t, &check_procedure);
    procedure.applies.not_subkinds = {"准许撤回上诉", "按撤回上诉处理", "准许撤诉", "准许撤回申请", "准许撤回再审申请",
                                      "准许撤回抗诉", "保全", "补正", "中止", "终结", "管辖", "移送", "提审", "指令再审",
                                      "不予受理"};
    return {
        make("citation.title", "法律全称", Severity::error, "首次引用法律使用书名号和全称，简称须先注明“以下简称”", reg, t,
             &check_title),
        make("citation.article", "条款序号", Severity::error,
             "条文写作“第…条第…款第…项”，序号用汉字（第一百零七条，零不写〇），项不加括号", reg, t, &check_article),
        make("citation.order", "引用顺序", Severity::error,
             "先实体法后程序法；法律、行政法规、地方性法规、司法解释依次引用", "法释〔2009〕14号 第五条", t, &check_order),
        make("citation.not-a-basis", "不得作为裁判依据", Severity::error,
             "宪法、会议纪要、答复、指导性案例不作为裁判依据引用", "法〔2016〕221号 引用规范；法释〔2009〕14号 第四条、第六条", t,
             &check_not_a_basis),
        make("citation.repealed", "已废止法律", Severity::error,
             "民法典施行（2021-01-01）后不得引用已废止的合同法、物权法等；旧法事实须引用时间效力规定",
             "《中华人民共和国民法典》第一千二百六十条；法释〔2020〕15号", t, &check_repealed),
        make("citation.version", "条文版本", Severity::error,
             "条文序号应为裁判日期时有效版本的序号（迟延履行：第二百五十三条/第二百六十条/第二百六十四条）",
             "《中华人民共和国民事诉讼法》2012、2021、2023年修正文本", t, &check_version),
        make("citation.exists", "条文存在", Severity::error, "引用的条文序号在该法中存在（民法典共1260条，刑法452条）",
             "《中华人民共和国民法典》；《中华人民共和国刑法》", t, &check_exists),
        procedure,
    };
}

}  // namespace pingcha::criteria
