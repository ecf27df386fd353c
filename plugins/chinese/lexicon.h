// The legal lexicon: a character trie over words read from plain word lists (one word a line).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pingcha::chinese {

class Lexicon {
   public:
    Lexicon();
    // Adds every word of a UTF-8 file (one a line; '#' starts a comment; text after a tab or
    // space is ignored). Throws std::runtime_error when the file cannot be read.
    void load_file(const std::string& path);
    void add(std::u32string_view word);
    bool contains(std::u32string_view word) const;
    std::size_t size() const { return words_; }

    // Walks the trie along s[from...]: calls on_word(end) for each word s[from, end).
    template <class F>
    void for_each_prefix(std::u32string_view s, std::size_t from, F&& on_word) const {
        if (from >= s.size()) return;
        std::uint32_t node;
        if (s[from] < root_.size()) {
            node = root_[s[from]];
            if (node == 0) return;
        } else {
            auto it = edges_.find(key(0, s[from]));
            if (it == edges_.end()) return;
            node = it->second;
        }
        if (terminal_[node]) on_word(from + 1);
        for (std::size_t i = from + 1; i < s.size(); ++i) {
            auto it = edges_.find(key(node, s[i]));
            if (it == edges_.end()) return;
            node = it->second;
            if (terminal_[node]) on_word(i + 1);
        }
    }

   private:
    static std::uint64_t key(std::uint32_t node, char32_t c) {
        return (static_cast<std::uint64_t>(node) << 21) | static_cast<std::uint64_t>(c);
    }
    std::unordered_map<std::uint64_t, std::uint32_t> edges_;
    std::vector<bool> terminal_;
    // The root's children for BMP characters: most walks end at the first character, and an
    // array look-up there is several times cheaper than the hash.
    std::vector<std::uint32_t> root_;
    std::size_t words_ = 0;
};

}  // namespace pingcha::chinese
