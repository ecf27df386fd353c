// The correct stage: fixes characters Tesseract is known to confuse, on OCR pages only, using
// case-number syntax, confusion pairs seen in Tesseract output, the court/place gazetteer and the
// legal lexicon. Every change is recorded in doc.corrections (text spans) and applied to the view.
#include <algorithm>
#include <fstream>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "pingcha/utf8.h"
#include "stages.h"
#include "text_util.h"

namespace pingcha::chinese {
namespace {

// Strings found again with one character misread, through an index of their character pairs.
struct NearList {
    std::vector<std::u32string> items;
    std::unordered_multimap<std::uint64_t, std::pair<std::uint32_t, std::uint32_t>>
        bigrams;              // -> (item, pos)
    std::size_t support = 1;  // agreeing windows needed before a character is changed

    void add(const std::u32string& w);
};

struct StringRule {
    std::u32string wrong, right, not_before, not_after;
};

// Everything the stage reads, loaded once per process.
struct CorrectData {
    std::vector<StringRule> strings;
    std::unordered_multimap<char32_t, char32_t> char_pairs;  // wrong -> right
    Lexicon words;                                           // gazetteer + legal lexicon
    std::unordered_set<std::u32string> name_set;
    NearList names;    // gazetteer names of four or more characters
    NearList names3;   // three-character place names: corrected only beside another place name
    Lexicon places;    // gazetteer names ending in 省/市/区/县
    NearList phrases;  // formulaic phrases of judgments
    std::unordered_set<char32_t> surnames;
    std::unordered_set<char32_t> tea_next;  // 茶叶, 茶馆 …: 茶 stays
    std::unordered_set<char32_t> mou_like;  // characters Tesseract reads for 某
    std::size_t max_word = 0;
};

std::vector<std::u32string> read_lines(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<std::u32string> out;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        out.push_back(utf8::decode(line));
    }
    return out;
}

std::vector<std::u32string> split_tabs(const std::u32string& s) {
    std::vector<std::u32string> out(1);
    for (char32_t c : s) {
        if (c == U'\t')
            out.emplace_back();
        else
            out.back().push_back(c);
    }
    return out;
}

std::uint64_t bigram_key(char32_t a, char32_t b) { return (static_cast<std::uint64_t>(a) << 32) | b; }

void NearList::add(const std::u32string& w) {
    const auto id = static_cast<std::uint32_t>(items.size());
    items.push_back(w);
    for (std::size_t k = 0; k + 1 < w.size(); ++k)
        bigrams.emplace(bigram_key(w[k], w[k + 1]), std::make_pair(id, static_cast<std::uint32_t>(k)));
}

std::shared_ptr<const CorrectData> load_data() {
    static std::mutex mu;
    static std::shared_ptr<const CorrectData> cached;
    std::lock_guard<std::mutex> lock(mu);
    if (cached) return cached;
    auto d = std::make_shared<CorrectData>();
    const std::string dir = plugin_data().dir;
    for (const auto& line : read_lines(dir + "/confusions.tsv")) {
        auto f = split_tabs(line);
        if (f.size() < 2) continue;
        if (f[0] == U"char" && f.size() >= 3 && f[1].size() == 1 && f[2].size() == 1) {
            d->char_pairs.emplace(f[1][0], f[2][0]);
        } else if (f[0] == U"string" && f.size() >= 3) {
            d->strings.push_back({f[1], f[2], f.size() > 3 ? f[3] : U"", f.size() > 4 ? f[4] : U""});
        } else if (f[0] == U"mou") {
            for (char32_t c : f[1]) d->mou_like.insert(c);
        } else if (f[0] == U"tea") {
            for (char32_t c : f[1]) d->tea_next.insert(c);
        }
    }
    for (const auto& name : read_lines(dir + "/gazetteer.txt")) {
        if (name.size() < 2) continue;
        d->words.add(name);
        d->max_word = std::max(d->max_word, name.size());
        if (!d->name_set.insert(name).second) continue;
        // Generic names (中级人民法院 …) fit too many real courts elsewhere to guess from.
        const bool generic = name.find(U"人民法院") == 0 || name.find(U"人民检察院") == 0 ||
                             (name.size() == 6 && name.find(U"级人民法院") == 1);
        if (name.size() >= 4 && !generic) d->names.add(name);
        const char32_t last = name.back();
        const bool place = last == U'省' || last == U'市' || last == U'区' || last == U'县';
        // Context for short names: Liaoning places only (重庆市渝北区 must not make 渝 a misread 辽).
        const bool other_province = (last == U'省' && name != U"辽宁省") ||
                                    name.find(U"自治区") != std::u32string::npos || name == U"北京市" ||
                                    name == U"天津市" || name == U"上海市" || name == U"重庆市";
        if (place && !other_province) d->places.add(name);
        if (name.size() == 3 && place) d->names3.add(name);
    }
    for (const auto& w : read_lines(dir + "/legal_lexicon.txt")) {
        const auto cut = w.find_first_of(U" \t#");
        const auto word = w.substr(0, cut);
        if (word.size() < 2) continue;
        d->words.add(word);
        d->max_word = std::max(d->max_word, word.size());
    }
    for (const auto& line : read_lines(dir + "/judgment_phrases.txt")) d->phrases.add(line);
    d->phrases.support = 2;
    for (const auto& line : read_lines(dir + "/surnames.txt"))
        for (char32_t c : line)
            if (is_han(c)) d->surnames.insert(c);
    cached = d;
    return cached;
}

struct Edit {
    std::size_t start, end;
    std::u32string to;
    const char* reason;
};

class Correct : public Stage {
   public:
    void process(Document& doc, const RunContext&) override {
        const auto ranges = ocr_text_ranges(doc);
        if (ranges.empty()) return;  // text layers and text files are never corrected
        if (doc.view_to_text.size() != doc.view.size() + 1) doc.reset_view();
        if (!data_) data_ = load_data();
        ocr_.assign(doc.view.size(), false);
        for (std::size_t i = 0; i < doc.view.size(); ++i) {
            const std::size_t t = doc.view_to_text[i];
            for (const auto& r : ranges)
                if (t >= r.start && t < r.end) ocr_[i] = true;
        }
        run_pass(doc, &Correct::case_numbers);
        run_pass(doc, &Correct::string_rules);
        run_pass(doc, &Correct::confusable_words);
        run_pass(doc, &Correct::near_names);
        run_pass(doc, &Correct::near_phrases);
        run_pass(doc, &Correct::surname_tea);
        run_pass(doc, &Correct::digit_one);
        run_pass(doc, &Correct::article_kuan);
        run_pass(doc, &Correct::punct_width);
        std::stable_sort(doc.corrections.begin(), doc.corrections.end(),
                         [](const Correction& a, const Correction& b) { return a.start < b.start; });
    }

   private:
    using Pass = void (Correct::*)(const std::u32string&, std::vector<Edit>&);

    bool all_ocr(std::size_t s, std::size_t e) const {
        for (std::size_t i = s; i < e; ++i)
            if (!ocr_[i]) return false;
        return true;
    }

    void run_pass(Document& doc, Pass pass) {
        std::vector<Edit> edits;
        (this->*pass)(doc.view, edits);
        // Non-overlapping, applied from the back so that earlier view offsets stay valid.
        std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.start < b.start; });
        std::vector<Edit> kept;
        for (auto& e : edits)
            if (all_ocr(e.start, e.end) && (kept.empty() || kept.back().end <= e.start))
                kept.push_back(std::move(e));
        for (auto it = kept.rbegin(); it != kept.rend(); ++it) {
            const Span t = doc.to_text_span(it->start, it->end);
            doc.corrections.push_back(
                {t.start, t.end, utf8::substr(doc.text, t.start, t.end), utf8::encode(it->to), it->reason});
            const std::size_t old_len = it->end - it->start;
            replace_in_view(doc, it->start, it->end, it->to);
            if (it->to.size() != old_len) {
                ocr_.erase(ocr_.begin() + static_cast<std::ptrdiff_t>(it->start),
                           ocr_.begin() + static_cast<std::ptrdiff_t>(it->end));
                ocr_.insert(ocr_.begin() + static_cast<std::ptrdiff_t>(it->start), it->to.size(), true);
            }
        }
    }

    // 《2022）辽05民终1234号 → （2022）…: a case number's year is always in （ ）.
    void case_numbers(const std::u32string& v, std::vector<Edit>& out) {
        auto opener = [](char32_t c) {
            return c == U'《' || c == U'〈' || c == U'（' || c == U'(' || c == U'<';
        };
        auto closer = [](char32_t c) {
            return c == U'》' || c == U'〉' || c == U'）' || c == U')' || c == U'>';
        };
        for (std::size_t i = 0; i + 6 < v.size(); ++i) {
            if (!opener(v[i])) continue;
            std::size_t j = i + 1;
            while (j < v.size() && j < i + 5 && is_ascii_digit(v[j])) ++j;
            if (j != i + 5 || j >= v.size() || !closer(v[j])) continue;
            // Followed by a case number or document number: …号 within a short run.
            std::size_t k = j + 1;
            while (k < v.size() && k < j + 20 && v[k] != U'号' && v[k] != U'\n' && v[k] != U'，' &&
                   v[k] != U'。')
                ++k;
            if (k >= v.size() || v[k] != U'号') continue;
            const bool wrong_open = v[i] != U'（' && v[i] != U'(';
            const bool wrong_close = v[j] != U'）' && v[j] != U')';
            if (!wrong_open && !wrong_close) continue;
            // Angle brackets are misread （ ）; the punct_width pass widens what is left half-width.
            if (wrong_open) out.push_back({i, i + 1, U"（", "case_number"});
            if (wrong_close) out.push_back({j, j + 1, U"）", "case_number"});
        }
    }

    void string_rules(const std::u32string& v, std::vector<Edit>& out) {
        for (const auto& r : data_->strings) {
            for (std::size_t p = v.find(r.wrong); p != std::u32string::npos; p = v.find(r.wrong, p + 1)) {
                if (p > 0 && r.not_before.find(v[p - 1]) != std::u32string::npos) continue;
                const std::size_t e = p + r.wrong.size();
                if (e < v.size() && r.not_after.find(v[e]) != std::u32string::npos) continue;
                out.push_back({p, e, r.right, "confusion"});
            }
        }
    }

    // A character Tesseract confuses, inside a window that is a lexicon or gazetteer word once
    // the character is replaced (本汉 → 本溪) and no word as it stands.
    void confusable_words(const std::u32string& v, std::vector<Edit>& out) {
        const std::size_t maxw = data_->max_word;
        std::u32string buf;
        for (std::size_t i = 0; i < v.size(); ++i) {
            auto range = data_->char_pairs.equal_range(v[i]);
            if (range.first == range.second) continue;
            const std::size_t lo = i + 1 >= maxw ? i + 1 - maxw : 0;
            const std::size_t hi = std::min(v.size(), i + maxw);
            std::size_t best_s = 0, best_e = 0;
            char32_t best_c = 0;
            bool ambiguous = false;
            for (auto it = range.first; it != range.second; ++it) {
                buf.assign(v, lo, hi - lo);
                buf[i - lo] = it->second;
                for (std::size_t s = lo; s <= i; ++s) {
                    data_->words.for_each_prefix(buf, s - lo, [&](std::size_t end_rel) {
                        const std::size_t e = end_rel + lo;
                        if (e <= i) return;
                        if (data_->words.contains(std::u32string_view(v).substr(s, e - s))) return;
                        if (e - s > best_e - best_s) {
                            best_s = s, best_e = e, best_c = it->second, ambiguous = false;
                        } else if (e - s == best_e - best_s && best_c != it->second) {
                            ambiguous = true;
                        }
                    });
                }
            }
            if (best_e > best_s && !ambiguous && !inside_word(v, i))
                out.push_back({i, i + 1, std::u32string(1, best_c), "confusion"});
        }
    }

    // True when the character at i already forms a word with its neighbours as it stands
    // (汉族 stays 汉族 even though 本溪 is a name).
    bool inside_word(const std::u32string& v, std::size_t i) const {
        const std::size_t maxw = data_->max_word;
        const std::size_t lo = i + 1 >= maxw ? i + 1 - maxw : 0;
        bool hit = false;
        for (std::size_t a = lo; a <= i && !hit; ++a)
            data_->words.for_each_prefix(v, a, [&](std::size_t end) {
                if (end > i && end - a >= 2) hit = true;
            });
        return hit;
    }

    // One wrong character in a court or place name of four or more characters (辽宁省本汉市 →
    // 辽宁省本溪市) or in a formulaic phrase (到旗参加诉讼 → 到庭参加诉讼). Shorter names collide
    // too often (西和县 in Gansu is no misread 西丰县). A character inside an exact occurrence of
    // any listed string is trusted; a character two strings would change differently is left.
    void near_names(const std::u32string& v, std::vector<Edit>& out) {
        near(v, data_->names, "gazetteer", out);
        // 本诅市明山区 → 本溪市明山区: a short name is guessed only next to a place name read right.
        place_start_.assign(v.size() + 1, false);
        place_end_.assign(v.size() + 1, false);
        for (std::size_t a = 0; a < v.size(); ++a)
            data_->places.for_each_prefix(v, a, [&](std::size_t e) {
                place_start_[a] = true;
                place_end_[e] = true;
            });
        std::vector<Edit> short_names;
        near(v, data_->names3, "gazetteer", short_names);
        for (auto& e : short_names) {
            const auto& w = last_windows_;
            auto it = w.find(e.start);
            if (it == w.end()) continue;
            const std::size_t s = it->second, end = s + 3;
            if (place_end_[s] || place_start_[end]) out.push_back(std::move(e));
        }
    }
    void near_phrases(const std::u32string& v, std::vector<Edit>& out) {
        near(v, data_->phrases, "phrase", out);
    }

    void near(const std::u32string& v, const NearList& list, const char* reason, std::vector<Edit>& out) {
        trusted_.assign(v.size(), false);
        proposals_.clear();
        last_windows_.clear();
        for (std::size_t i = 0; i + 1 < v.size(); ++i) {
            if (!is_han(v[i]) || !is_han(v[i + 1])) continue;
            auto range = list.bigrams.equal_range(bigram_key(v[i], v[i + 1]));
            for (auto it = range.first; it != range.second; ++it) {
                const auto& [id, k] = it->second;
                if (i < k) continue;
                const std::size_t s = i - k;
                const auto& w = list.items[id];
                if (s + w.size() > v.size()) continue;
                std::size_t miss = 0, at = 0;
                for (std::size_t q = 0; q < w.size() && miss < 2; ++q)
                    if (v[s + q] != w[q]) ++miss, at = q;
                if (miss == 0) {
                    for (std::size_t q = s; q < s + w.size(); ++q) trusted_[q] = true;
                } else if (miss == 1 && at + 1 != w.size() && is_han(v[s + at]) && is_han(w[at])) {
                    // The last character (省, 市, 区, 县, 院) says what kind of name it is: it must match.
                    proposals_.push_back({s + at, w[at], s});
                }
            }
        }
        std::sort(proposals_.begin(), proposals_.end(), [](const Proposal& a, const Proposal& b) {
            return a.pos != b.pos ? a.pos < b.pos : a.to != b.to ? a.to < b.to : a.window < b.window;
        });
        for (std::size_t a = 0; a < proposals_.size();) {
            std::size_t b = a;
            bool agree = true;
            std::size_t windows = 0;
            std::size_t last_window = std::string::npos;
            for (; b < proposals_.size() && proposals_[b].pos == proposals_[a].pos; ++b) {
                if (proposals_[b].to != proposals_[a].to) agree = false;
                if (proposals_[b].window != last_window) ++windows, last_window = proposals_[b].window;
            }
            const std::size_t pos = proposals_[a].pos;
            if (agree && !trusted_[pos] && windows >= list.support) {
                out.push_back({pos, pos + 1, std::u32string(1, proposals_[a].to), reason});
                last_windows_[pos] = proposals_[a].window;
            }
            a = b;
        }
    }

    // 张茶 → 张某: anonymised names read by Tesseract with 茶 for 某.
    void surname_tea(const std::u32string& v, std::vector<Edit>& out) {
        for (std::size_t i = 1; i < v.size(); ++i) {
            if (v[i] != U'茶') continue;
            const char32_t prev = v[i - 1];
            const char32_t next = i + 1 < v.size() ? v[i + 1] : 0;
            const bool after_mou = prev == U'某';
            const bool after_surname = data_->surnames.count(prev) && !data_->tea_next.count(next);
            if (after_mou || after_surname) out.push_back({i, i + 1, U"某", "confusion"});
        }
        // 袁革甲 → 袁某甲: surname, a 某 look-alike, then 甲/乙/丙/丁/某 (how judgments anonymise).
        for (std::size_t i = 1; i + 1 < v.size(); ++i) {
            if (v[i] == U'茶' || !data_->mou_like.count(v[i])) continue;
            const char32_t next = v[i + 1];
            const bool ordinal =
                next == U'甲' || next == U'乙' || next == U'丙' || next == U'丁' || next == U'某';
            if (ordinal && data_->surnames.count(v[i - 1])) out.push_back({i, i + 1, U"某", "confusion"});
        }
    }

    // 1986年]月11日: a 1 read as a bracket or bar between date parts.
    void digit_one(const std::u32string& v, std::vector<Edit>& out) {
        for (std::size_t i = 1; i + 1 < v.size(); ++i) {
            const char32_t c = v[i];
            if (c != U']' && c != U'|' && c != U'l' && c != U'I' && c != U'］') continue;
            const char32_t p = v[i - 1], n = v[i + 1];
            const bool date_part = (p == U'年' || p == U'月' || is_ascii_digit(p)) &&
                                   (n == U'月' || n == U'日' || is_ascii_digit(n));
            if (date_part && (p == U'年' || p == U'月' || n == U'月' || n == U'日'))
                out.push_back({i, i + 1, U"1", "date_syntax"});
        }
    }

    // 第三款 read as 第三坎/软/丈: after a Chinese numeral in a citation only 款 fits.
    void article_kuan(const std::u32string& v, std::vector<Edit>& out) {
        for (std::size_t i = 1; i < v.size(); ++i) {
            const char32_t c = v[i];
            if (c != U'坎' && c != U'软' && c != U'丈' && c != U'欤' && c != U'球') continue;
            if (is_cn_digit(v[i - 1]) && v[i - 1] != U'〇')
                out.push_back({i, i + 1, U"款", "citation_syntax"});
        }
    }

    // Tesseract reads the full-width punctuation of Chinese text as ASCII ( ) : ; , ? !. On OCR
    // pages the width it reports says nothing about the document, so inside Han text it is set
    // back to full width (a text layer keeps what the court typed).
    void punct_width(const std::u32string& v, std::vector<Edit>& out) {
        auto han_like = [](char32_t c) {
            return is_han(c) || c == U'”' || c == U'）' || c == U'》' || c == U'、';
        };
        auto prev_visible = [&](std::size_t i) -> char32_t {
            while (i > 0 && is_hspace(v[i - 1])) --i;
            return i > 0 ? v[i - 1] : 0;
        };
        auto next_visible = [&](std::size_t i) -> char32_t {
            ++i;
            while (i < v.size() && is_hspace(v[i])) ++i;
            return i < v.size() ? v[i] : 0;
        };
        for (std::size_t i = 0; i < v.size(); ++i) {
            const char32_t c = v[i];
            if (c == U':' || c == U';' || c == U',' || c == U'?' || c == U'!') {
                const char32_t p = prev_visible(i), n = next_visible(i);
                if ((han_like(p) || (han_like(n) && !is_ascii_digit(p))) &&
                    !(is_ascii_digit(p) && is_ascii_digit(n))) {
                    const char32_t to = c == U':'   ? U'：'
                                        : c == U';' ? U'；'
                                        : c == U',' ? U'，'
                                        : c == U'?' ? U'？'
                                                    : U'！';
                    out.push_back({i, i + 1, std::u32string(1, to), "punct_width"});
                }
            }
        }
        // Bracket pairs in Han text: （2016）, （刑期…）, ［2017］; Tesseract mixes ( 〈 《 for （.
        // Book-title marks 《…》 are left alone.
        struct Open {
            std::size_t pos;
            char32_t c;
        };
        std::vector<Open> stack;
        for (std::size_t i = 0; i < v.size(); ++i) {
            const char32_t c = v[i];
            if (c == U'(' || c == U'（' || c == U'〈' || c == U'《' || c == U'[' || c == U'［') {
                stack.push_back({i, c});
                if (stack.size() > 16) stack.erase(stack.begin());
                continue;
            }
            if (c == U'》') {
                while (!stack.empty() && stack.back().c != U'《') stack.pop_back();
                if (!stack.empty()) stack.pop_back();
                continue;
            }
            if (c != U')' && c != U'）' && c != U'〉' && c != U']' && c != U'］') continue;
            if (stack.empty()) continue;
            const Open o = stack.back();
            stack.pop_back();
            if (i - o.pos > 120) continue;
            const bool square_open = o.c == U'[' || o.c == U'［';
            const bool square_close = c == U']' || c == U'］';
            if (square_open != square_close) continue;
            bool han_inside = false;
            for (std::size_t k = o.pos + 1; k < i && !han_inside; ++k) han_inside = is_han(v[k]);
            if (!han_inside && !han_like(prev_visible(o.pos)) && !han_like(next_visible(i))) continue;
            const char32_t to_open = square_open ? U'［' : U'（', to_close = square_open ? U'］' : U'）';
            if (o.c != to_open) out.push_back({o.pos, o.pos + 1, std::u32string(1, to_open), "punct_width"});
            if (c != to_close) out.push_back({i, i + 1, std::u32string(1, to_close), "punct_width"});
        }
    }

    struct Proposal {
        std::size_t pos;
        char32_t to;
        std::size_t window;
    };
    std::shared_ptr<const CorrectData> data_;
    std::vector<bool> ocr_;
    std::vector<bool> trusted_;
    std::vector<bool> place_start_, place_end_;
    std::unordered_map<std::size_t, std::size_t> last_windows_;  // corrected position -> window start
    std::vector<Proposal> proposals_;
};

}  // namespace

std::unique_ptr<Stage> make_correct(const Params&) { return std::make_unique<Correct>(); }

}  // namespace pingcha::chinese
