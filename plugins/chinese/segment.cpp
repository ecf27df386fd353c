// The segment stage: words (ICU's dictionary segmentation, run directly over ICU's cjdict by
// FastWords, or ICU's word break iterator in the icu modes), typed tokens for case numbers,
// dates, articles and amounts, a merge pass that joins the pieces into lexicon words, and
// sentences (ICU's sentence rules, hand-coded in FastWords; ICU's iterator in the icu modes).
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>

#include "fast_words.h"
#include "patterns.h"
#include "pingcha/registry.h"
#include "stages.h"
#include "text_util.h"

namespace pingcha::chinese {
namespace {

std::unique_ptr<icu::BreakIterator> make_iterator(bool words) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        words ? icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status)
              : icu::BreakIterator::createSentenceInstance(icu::Locale::getChinese(), status));
    if (U_FAILURE(status) || !it)
        throw std::runtime_error(std::string("ICU break iterator: ") + u_errorName(status));
    return it;
}

bool is_place_suffix(char32_t c) { return c == U'省' || c == U'市' || c == U'县' || c == U'区'; }

std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> out;
    std::size_t from = 0;
    while (from <= s.size()) {
        const auto to = std::min(s.find(',', from), s.size());
        if (to > from) out.push_back(s.substr(from, to - from));
        from = to + 1;
    }
    return out;
}

class Segment : public Stage {
   public:
    explicit Segment(const Params& p)
        : plain_(p.get("mode") == "icu"),
          fast_(p.get("mode") == "lexicon" ? std::make_unique<FastWords>() : nullptr),
          sentences_(p.get_bool("sentences")),
          extra_(split_list(p.get("lexicon"))),
          word_(fast_ ? nullptr : make_iterator(true)),
          sentence_(sentences_ && !fast_ ? make_iterator(false) : nullptr) {
        lexicon_cost_ = p.get_int("lexicon_cost");
        if (lexicon_cost_ < -1 || lexicon_cost_ > 100000)
            throw std::runtime_error("segment: lexicon_cost must be -1 (off) or 0..100000");
        if (p.get("mode") != "icu" && p.get("mode") != "lexicon" && p.get("mode") != "icu-lexicon")
            throw std::runtime_error("segment: mode must be lexicon, icu or icu-lexicon, not '" + p.get("mode") +
                                     "'");
    }

    void process(Document& doc, const RunContext& ctx) override {
        if (doc.view_to_text.size() != doc.view.size() + 1) doc.reset_view();
        if (!plain_ && !lexicon_) {
            std::vector<std::string> files{plugin_data().dir + "/legal_lexicon.txt"};
            if (ctx.registry)
                for (const auto& f : ctx.registry->resources("lexicon")) files.push_back(f);
            for (const auto& f : extra_) files.push_back(f);
            try {
                lexicon_ = shared_lexicon(files);
                if (fast_ && lexicon_cost_ >= 0)
                    fast_->set_lexicon(lexicon_.get(), static_cast<std::uint32_t>(lexicon_cost_));
            } catch (const std::exception& e) {
                throw DocumentError("internal", e.what());
            }
        }
        doc.tokens.clear();
        doc.sentences.clear();
        if (fast_) {
            fast_->tokenize(doc.view, raw_);
        } else {
            load_utf16(doc.view);
            icu_tokens(doc.view);
        }
        if (plain_) {
            doc.tokens = std::move(raw_);
            raw_ = {};
        } else {
            apply_patterns(doc.view);
            merge_lexicon(doc.view, doc.tokens);
        }
        if (sentences_ && fast_)
            fast_sentences(doc);
        else if (sentences_)
            find_sentences(doc);
    }

   private:
    void load_utf16(const std::u32string& v) {
        u16_.remove();
        u16_to_cp_.clear();
        u16_to_cp_.reserve(v.size() + 1);
        for (std::size_t i = 0; i < v.size(); ++i) {
            const char32_t c = v[i] <= 0x10FFFF && (v[i] < 0xD800 || v[i] > 0xDFFF) ? v[i] : 0xFFFD;
            u16_.append(static_cast<UChar32>(c));
            u16_to_cp_.push_back(static_cast<std::uint32_t>(i));
            if (c > 0xFFFF) u16_to_cp_.push_back(static_cast<std::uint32_t>(i));
        }
        u16_to_cp_.push_back(static_cast<std::uint32_t>(v.size()));
    }

    void icu_tokens(const std::u32string& v) {
        raw_.clear();
        word_->setText(u16_);
        std::int32_t prev = word_->first();
        for (std::int32_t b = word_->next(); b != icu::BreakIterator::DONE; prev = b, b = word_->next()) {
            const std::size_t s = u16_to_cp_[static_cast<std::size_t>(prev)];
            const std::size_t e = u16_to_cp_[static_cast<std::size_t>(b)];
            if (e <= s) continue;
            const std::int32_t status = word_->getRuleStatus();
            const char* type;
            if (status < UBRK_WORD_NONE_LIMIT) {
                bool blank = true;
                for (std::size_t k = s; k < e && blank; ++k) blank = is_space(v[k]);
                if (blank) continue;
                type = "punct";
            } else if (status < UBRK_WORD_NUMBER_LIMIT) {
                type = "number";
            } else {
                type = "word";
            }
            raw_.push_back({s, e, type});
        }
    }

    // Typed spans replace the ICU tokens they cover; a token partly covered keeps its outside part.
    void apply_patterns(const std::u32string& v) {
        spans_.clear();
        find_patterns(v, spans_);
        if (spans_.empty()) return;
        std::vector<Token> out;
        out.reserve(raw_.size());
        std::size_t p = 0, emitted = 0;  // spans before `emitted` are already in out
        for (const auto& t : raw_) {
            std::size_t s = t.start;
            while (s < t.end) {
                while (p < spans_.size() && spans_[p].end <= s) ++p;
                if (p == spans_.size() || spans_[p].start >= t.end) {
                    out.push_back({s, t.end, t.type});
                    break;
                }
                const auto& sp = spans_[p];
                if (sp.start > s) out.push_back({s, sp.start, t.type});
                if (emitted <= p) {
                    out.push_back({sp.start, sp.end, sp.type});
                    emitted = p + 1;
                }
                s = sp.end;
            }
        }
        raw_.swap(out);
    }

    // Forward longest match over runs of adjacent word tokens: a lexicon word that starts and
    // ends on ICU boundaries replaces the pieces it covers.
    void merge_lexicon(const std::u32string& v, std::vector<Token>& out) {
        out.clear();
        out.reserve(raw_.size());
        const std::u32string_view sv(v);
        for (std::size_t i = 0; i < raw_.size();) {
            const Token& t = raw_[i];
            if (t.type != "word" || !is_han(v[t.start])) {
                out.push_back(t);
                ++i;
                continue;
            }
            std::size_t j = i, best = i;
            lexicon_->for_each_prefix(sv, t.start, [&](std::size_t end) {
                while (j + 1 < raw_.size() && raw_[j].end < end && raw_[j + 1].start == raw_[j].end &&
                       raw_[j + 1].type == "word")
                    ++j;
                if (raw_[j].end == end) best = j;
            });
            std::size_t end = raw_[best].end;
            // 榆林 市 → 榆林市: a place name and its administrative suffix are one word (PKU).
            if (best + 1 < raw_.size() && end - t.start >= 2 && raw_[best + 1].start == end &&
                raw_[best + 1].end == end + 1 && is_place_suffix(v[end]) && raw_[best + 1].type == "word") {
                end += 1;
                ++best;
            }
            out.push_back({t.start, end, "word"});
            i = best + 1;
        }
    }

    void fast_sentences(Document& doc) {
        const auto& v = doc.view;
        fast_->sentence_breaks(v, breaks_);
        breaks_.push_back(v.size());
        std::size_t prev = 0;
        for (const std::size_t b : breaks_) {
            std::size_t s = prev, e = b;
            prev = b;
            while (s < e && is_space(v[s])) ++s;
            while (e > s && is_space(v[e - 1])) --e;
            if (e > s) doc.sentences.push_back({s, e});
        }
    }

    void find_sentences(Document& doc) {
        const auto& v = doc.view;
        sentence_->setText(u16_);
        std::int32_t prev = sentence_->first();
        for (std::int32_t b = sentence_->next(); b != icu::BreakIterator::DONE;
             prev = b, b = sentence_->next()) {
            std::size_t s = u16_to_cp_[static_cast<std::size_t>(prev)];
            std::size_t e = u16_to_cp_[static_cast<std::size_t>(b)];
            while (s < e && is_space(v[s])) ++s;
            while (e > s && is_space(v[e - 1])) --e;
            if (e > s) doc.sentences.push_back({s, e});
        }
    }

    bool plain_;
    std::unique_ptr<FastWords> fast_;  // null in the icu modes
    bool sentences_;
    std::vector<std::string> extra_;
    std::unique_ptr<icu::BreakIterator> word_;
    std::unique_ptr<icu::BreakIterator> sentence_;
    std::shared_ptr<const Lexicon> lexicon_;
    long lexicon_cost_ = -1;
    icu::UnicodeString u16_;
    std::vector<std::uint32_t> u16_to_cp_;
    std::vector<Token> raw_;
    std::vector<TypedSpan> spans_;
    std::vector<std::size_t> breaks_;
};

}  // namespace

std::unique_ptr<Stage> make_segment(const Params& p) { return std::make_unique<Segment>(p); }

}  // namespace pingcha::chinese
