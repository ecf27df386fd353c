// Word break without a break iterator: ICU's own CJK dictionary (brkitr/cjdict) and its
// min-cost segmentation over Han and kana runs, plus ICU's word rules for the rest, hand-coded.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "lexicon.h"
#include "pingcha/document.h"

namespace pingcha::chinese {

// Splits v into the tokens ICU's word break gives (words, numbers, punctuation; blanks
// dropped), in view code points. Keeps scratch buffers, so one instance per thread.
class FastWords {
   public:
    FastWords();  // loads the dictionary once per process; throws std::runtime_error
    void tokenize(std::u32string_view v, std::vector<Token>& out);
    // Also offers the words of `lex` to the segmentation pass at `cost` each (null: ICU's words only).
    void set_lexicon(const Lexicon* lex, std::uint32_t cost) {
        lex_ = lex;
        lex_cost_ = cost;
    }
    // The inner sentence boundaries ICU's sentence break gives (neither 0 nor v.size()).
    void sentence_breaks(std::u32string_view v, std::vector<std::size_t>& out) const;

   private:
    void dict_run(std::u32string_view v, std::size_t from, std::size_t to, std::vector<Token>& out);
    const void* tables_;  // the process-wide dictionary and character classes
    const Lexicon* lex_ = nullptr;
    std::uint32_t lex_cost_ = 0;
    std::vector<std::uint32_t> cost_;
    std::vector<std::uint32_t> prev_;
    std::vector<std::size_t> cuts_;
};

}  // namespace pingcha::chinese
