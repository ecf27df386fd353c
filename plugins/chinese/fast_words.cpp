// Word break without a break iterator. ICU's CJK engine is a Viterbi pass over word costs from
// the UCharsTrie in brkitr/cjdict; doing the same pass here over the same data gives ICU's
// words several times faster, because the per-character rule machinery and UText are skipped.
#include "fast_words.h"

#include "text_util.h"

#include <unicode/uchar.h>
#include <unicode/ucharstrie.h>
#include <unicode/udata.h>
#include <unicode/uscript.h>

#include <array>
#include <limits>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

namespace pingcha::chinese {
namespace {

// Character classes of ICU's word rules (UAX #29 Word_Break), plus the dictionary set of
// ICU's CJK engine ([[:Han:][:Hiragana:][:Katakana:]\u30fc\uff70\uff9e\uff9f]).
enum Cls : std::uint8_t { kOther, kSpace, kDict, kLetter, kNumeric, kMidLetter, kMidNum, kMidNumLet, kExtNumLet, kExtend };

Cls classify(UChar32 c) {
    const auto script = static_cast<UScriptCode>(u_getIntPropertyValue(c, UCHAR_SCRIPT));
    if (script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA || c == 0x30FC ||
        c == 0xFF70 || c == 0xFF9E || c == 0xFF9F)
        return kDict;
    switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
        case U_WB_CR:
        case U_WB_LF:
        case U_WB_NEWLINE:
        case U_WB_WSEGSPACE:
            return kSpace;
        case U_WB_ALETTER:
        case U_WB_HEBREW_LETTER:
            return kLetter;
        case U_WB_NUMERIC:
            return kNumeric;
        case U_WB_MIDLETTER:  // ICU's root rules leave the colons out (a Swedish tailoring)
            return c == 0x3A || c == 0xFE55 || c == 0xFF1A ? kOther : kMidLetter;
        case U_WB_MIDNUM:
            return kMidNum;
        case U_WB_MIDNUMLET:
        case U_WB_SINGLE_QUOTE:
            return kMidNumLet;
        case U_WB_EXTENDNUMLET:
            return kExtNumLet;
        case U_WB_EXTEND:
        case U_WB_FORMAT:
        case U_WB_ZWJ:
            return kExtend;
        case U_WB_KATAKANA:
            return kDict;
        default:
            return u_isUWhiteSpace(c) ? kSpace : kOther;
    }
}

// The trie after its first character, for each BMP dictionary character: the root of cjdict
// is a branch over ~20,000 characters, and searching it was a third of the stage's time.
struct FirstStep {
    icu::UCharsTrie::State state;
    UStringTrieResult result = USTRINGTRIE_NO_MATCH;
};

// Sentence_Break classes (UAX #29), as ICU's sentence rules use them.
enum SCls : std::uint8_t { sOther, sCR, sLF, sSep, sExtend, sSp, sLower, sUpper, sOLetter, sNumeric, sATerm, sSTerm, sSContinue, sClose };

SCls sclassify(UChar32 c) {
    switch (u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK)) {
        case U_SB_CR: return sCR;
        case U_SB_LF: return sLF;
        case U_SB_SEP: return sSep;
        case U_SB_EXTEND:
        case U_SB_FORMAT: return sExtend;
        case U_SB_SP: return sSp;
        case U_SB_LOWER: return sLower;
        case U_SB_UPPER: return sUpper;
        case U_SB_OLETTER: return sOLetter;
        case U_SB_NUMERIC: return sNumeric;
        case U_SB_ATERM: return sATerm;
        case U_SB_STERM: return sSTerm;
        case U_SB_SCONTINUE: return sSContinue;
        case U_SB_CLOSE: return sClose;
        default: return sOther;
    }
}

struct Tables {
    std::array<std::uint8_t, 0x10000> bmp{};
    std::array<std::uint8_t, 0x10000> sbmp{};
    std::vector<std::uint32_t> first_index;  // BMP character -> index in first (0: no match)
    std::vector<FirstStep> first;
    const char16_t* trie = nullptr;
    UDataMemory* data = nullptr;
};

const Tables& tables() {
    static std::once_flag once;
    static std::unique_ptr<Tables> t;
    static std::string error;
    std::call_once(once, [] {
        auto tb = std::make_unique<Tables>();
        for (UChar32 c = 0; c < 0x10000; ++c)
        {
            tb->bmp[static_cast<std::size_t>(c)] = (c >= 0xD800 && c <= 0xDFFF) ? kOther : classify(c);
            tb->sbmp[static_cast<std::size_t>(c)] = (c >= 0xD800 && c <= 0xDFFF) ? sOther : sclassify(c);
        }
        UErrorCode status = U_ZERO_ERROR;
        tb->data = udata_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "dict", "cjdict", &status);
        if (U_FAILURE(status) || !tb->data) {
            error = std::string("ICU dictionary brkitr/cjdict: ") + u_errorName(status);
            return;
        }
        // ICU's DictionaryData header: int32 indexes; [0] byte offset of the trie, [4] trie type
        // (low 3 bits: 1 = UChars; bit 3: the trie has values), [5] transform (0 = none).
        const auto* ix = static_cast<const std::int32_t*>(udata_getMemory(tb->data));
        if ((ix[4] & 7) != 1 || (ix[4] & 8) == 0 || ix[5] != 0) {
            error = "ICU dictionary brkitr/cjdict: unexpected layout (trie type " + std::to_string(ix[4]) + ")";
            return;
        }
        tb->trie = reinterpret_cast<const char16_t*>(reinterpret_cast<const char*>(ix) + ix[0]);
        tb->first_index.assign(0x10000, 0);
        tb->first.emplace_back();
        icu::UCharsTrie trie(tb->trie);
        for (UChar32 c = 0; c < 0x10000; ++c) {
            if (tb->bmp[static_cast<std::size_t>(c)] != kDict) continue;
            const UStringTrieResult r = trie.first(c);
            if (r == USTRINGTRIE_NO_MATCH) continue;
            tb->first_index[static_cast<std::size_t>(c)] = static_cast<std::uint32_t>(tb->first.size());
            tb->first.emplace_back();
            trie.saveState(tb->first.back().state);
            tb->first.back().result = r;
        }
        t = std::move(tb);  // the mapping stays open for the life of the process
    });
    if (!t) throw std::runtime_error(error);
    return *t;
}

Cls cls_of(const Tables& t, char32_t c) {
    if (c < 0x10000) return static_cast<Cls>(t.bmp[c]);
    if (c > 0x10FFFF) return kOther;
    return classify(static_cast<UChar32>(c));
}

SCls scls_of(const Tables& t, char32_t c) {
    if (c < 0x10000) return static_cast<SCls>(t.sbmp[c]);
    if (c > 0x10FFFF) return sOther;
    return sclassify(static_cast<UChar32>(c));
}

bool is_katakana(char32_t c) { return (c >= 0x30A1 && c <= 0x30FE && c != 0x30FB) || (c >= 0xFF66 && c <= 0xFF9F); }

// ICU's cost of a katakana run that is not in the dictionary, by length.
std::uint32_t katakana_cost(std::size_t n) {
    static constexpr std::uint32_t costs[] = {8192, 984, 408, 240, 204, 252, 300, 372, 480};
    return n > 8 ? 8192 : costs[n];
}

}  // namespace

FastWords::FastWords() : tables_(&tables()) {}

// The run [from, to) of dictionary characters, split as ICU's CjkBreakEngine does: the
// cheapest path where a dictionary word costs its stored value and an unknown single character 255
// (and, when set, a lexicon word lex_cost_).
void FastWords::dict_run(std::u32string_view v, std::size_t from, std::size_t to, std::vector<Token>& out) {
    constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
    constexpr std::size_t kMaxWord = 20;
    const std::size_t n = to - from;
    cost_.assign(n + 1, kNone);
    prev_.assign(n + 1, 0);
    cost_[0] = 0;
    const Tables& t = *static_cast<const Tables*>(tables_);
    icu::UCharsTrie trie(t.trie);
    bool prev_kata = false;
    for (std::size_t i = 0; i < n; ++i) {
        const char32_t ci = v[from + i];
        if (cost_[i] != kNone) {
            const std::uint32_t base = cost_[i];
            bool single = false;
            // Supplementary characters never match: ICU feeds code points to the UChars trie.
            UStringTrieResult r = USTRINGTRIE_NO_MATCH;
            if (ci < 0x10000) {
                if (const std::uint32_t k = t.first_index[ci]) {
                    trie.resetToState(t.first[k].state);
                    r = t.first[k].result;
                }
            }
            for (std::size_t len = 1;; ++len) {
                if (USTRINGTRIE_HAS_VALUE(r)) {
                    if (len == 1) single = true;
                    const std::uint32_t c = base + static_cast<std::uint32_t>(trie.getValue());
                    if (c < cost_[i + len]) {
                        cost_[i + len] = c;
                        prev_[i + len] = static_cast<std::uint32_t>(i);
                    }
                    if (r == USTRINGTRIE_FINAL_VALUE) break;
                } else if (r == USTRINGTRIE_NO_MATCH) {
                    break;
                }
                if (len >= kMaxWord || i + len >= n) break;
                r = trie.next(static_cast<int32_t>(v[from + i + len]));
            }
            if (lex_) {  // a legal word the dictionary lacks (罚金 in 并处罚金) can win the path
                lex_->for_each_prefix(v.substr(0, to), from + i, [&](std::size_t end) {
                    const std::size_t len = end - from - i;
                    if (len == 1) single = true;
                    const std::uint32_t c = base + lex_cost_;
                    if (c < cost_[i + len]) {
                        cost_[i + len] = c;
                        prev_[i + len] = static_cast<std::uint32_t>(i);
                    }
                });
            }
            if (!single && base + 255 < cost_[i + 1]) {
                cost_[i + 1] = base + 255;
                prev_[i + 1] = static_cast<std::uint32_t>(i);
            }
        }
        const bool kata = is_katakana(ci);
        if (cost_[i] != kNone && !prev_kata && kata) {
            std::size_t j = i + 1, run = 1;
            while (j < n && run < kMaxWord && is_katakana(v[from + j])) ++run, ++j;
            if (run < kMaxWord) {
                const std::uint32_t c = cost_[i] + katakana_cost(run);
                if (c < cost_[j]) {
                    cost_[j] = c;
                    prev_[j] = static_cast<std::uint32_t>(i);
                }
            }
        }
        prev_kata = kata;
    }
    cuts_.clear();
    for (std::size_t k = n; k > 0; k = prev_[k]) cuts_.push_back(k);
    std::size_t s = 0;
    for (auto it = cuts_.rbegin(); it != cuts_.rend(); ++it) {
        out.push_back({from + s, from + *it, "word"});
        s = *it;
    }
}

void FastWords::tokenize(std::u32string_view v, std::vector<Token>& out) {
    const Tables& t = tables();
    out.clear();
    const std::size_t n = v.size();
    auto cls = [&](std::size_t k) { return cls_of(t, v[k]); };
    for (std::size_t i = 0; i < n;) {
        const Cls c = cls(i);
        if (c == kSpace) {  // dropped, except line and paragraph separators outside is_space
            if (!is_space(v[i])) out.push_back({i, i + 1, "punct"});
            ++i;
            continue;
        }
        if (c == kExtend) {  // WB4: joins the token before it
            if (!out.empty() && out.back().end == i)
                ++out.back().end;
            else
                out.push_back({i, i + 1, "punct"});
            ++i;
            continue;
        }
        if (c == kDict) {
            std::size_t j = i + 1;
            while (j < n && cls(j) == kDict) ++j;
            dict_run(v, i, j, out);
            i = j;
            continue;
        }
        if (c == kLetter || c == kNumeric || c == kExtNumLet) {
            // WB5-WB13b: letters, digits and connectors chain; a middle character joins two
            // letters (MidLetter, MidNumLet) or two digits (MidNum, MidNumLet).
            Cls last = c;                              // for the middle-character rules
            Cls kind = c == kExtNumLet ? kOther : c;   // the last letter or digit

            std::size_t j = i + 1;
            while (j < n) {
                const Cls d = cls(j);
                if (d == kLetter || d == kNumeric || d == kExtNumLet) {
                    if (d != kExtNumLet) kind = d;
                    last = d;
                    ++j;
                } else if (d == kExtend) {
                    ++j;
                } else if ((d == kMidLetter || d == kMidNum || d == kMidNumLet) && j + 1 < n) {
                    const Cls e = cls(j + 1);
                    const bool letters = last == kLetter && e == kLetter && d != kMidNum;
                    const bool digits = last == kNumeric && e == kNumeric && d != kMidLetter;
                    if (!letters && !digits) break;
                    j += 2;
                } else {
                    break;
                }
            }
            // ICU's rule status is the one of the last rule matched: a run whose last letter or
            // digit is a digit is a number, connectors alone are punctuation.
            out.push_back({i, j, kind == kNumeric ? "number" : kind == kLetter ? "word" : "punct"});
            i = j;
            continue;
        }
        out.push_back({i, i + 1, "punct"});
        ++i;
    }
}

// ICU's sentence rules (UAX #29 SB3-SB11) over the view; Extend and Format characters go with
// the character before them (SB5).
void FastWords::sentence_breaks(std::u32string_view v, std::vector<std::size_t>& out) const {
    const Tables& t = *static_cast<const Tables*>(tables_);
    const std::size_t n = v.size();
    auto cls = [&](std::size_t k) { return scls_of(t, v[k]); };
    auto skip_ext = [&](std::size_t k) {
        while (k < n && cls(k) == sExtend) ++k;
        return k;
    };
    auto para = [](SCls c) { return c == sCR || c == sLF || c == sSep; };
    auto prev_cls = [&](std::size_t k) {
        while (k > 0 && cls(k - 1) == sExtend) --k;
        return k > 0 ? cls(k - 1) : sOther;
    };
    out.clear();
    SCls before = sOther;  // the class of the character before the current one, Extend skipped
    for (std::size_t i = 0; i < n;) {
        const SCls c = cls(i);
        if (para(c)) {  // SB3, SB4
            std::size_t k = i + 1;
            if (c == sCR && k < n && cls(k) == sLF) ++k;
            if (k < n) out.push_back(k);
            before = c;
            i = k;
            continue;
        }
        if (c != sATerm && c != sSTerm) {
            before = c;
            i = skip_ext(i + 1);
            continue;
        }
        const std::size_t after_term = skip_ext(i + 1);
        std::size_t k = after_term;
        while (k < n && cls(k) == sClose) k = skip_ext(k + 1);
        const std::size_t after_close = k;
        while (k < n && cls(k) == sSp) k = skip_ext(k + 1);
        if (k >= n) break;
        const SCls next = cls(k);
        if (para(next)) {  // SB9-SB11: the paragraph separator ends the sentence
            std::size_t e = k + 1;
            if (next == sCR && e < n && cls(e) == sLF) ++e;
            if (e < n) out.push_back(e);
            before = next;
            i = e;
            continue;
        }
        bool join = false;
        if (c == sATerm) {
            if (after_term < n && after_close == after_term && k == after_term) {
                const SCls a = cls(after_term);
                if (a == sNumeric) join = true;                                                // SB6
                if (a == sUpper && (before == sUpper || before == sLower)) join = true;        // SB7
            }
            if (!join) {  // SB8
                std::size_t m = k;
                while (m < n) {
                    const SCls d = cls(m);
                    if (d == sOLetter || d == sUpper || d == sLower || para(d) || d == sATerm || d == sSTerm) break;
                    ++m;
                }
                if (m < n && cls(m) == sLower) join = true;
            }
        }
        if (next == sSContinue || next == sATerm || next == sSTerm) join = true;  // SB8a
        if (!join) out.push_back(k);  // SB11
        before = prev_cls(k);
        i = k;
    }
}

}  // namespace pingcha::chinese
