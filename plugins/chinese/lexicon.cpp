// Lexicon loading and the trie behind it.
#include "lexicon.h"

#include <fstream>
#include <stdexcept>

#include "pingcha/utf8.h"

namespace pingcha::chinese {

Lexicon::Lexicon() : root_(0x10000, 0) { terminal_.push_back(false); }

void Lexicon::add(std::u32string_view word) {
    if (word.empty()) return;
    std::uint32_t node = 0;
    for (char32_t c : word) {
        auto [it, inserted] = edges_.try_emplace(key(node, c), static_cast<std::uint32_t>(terminal_.size()));
        if (inserted) terminal_.push_back(false);
        if (node == 0 && c < root_.size()) root_[c] = it->second;
        node = it->second;
    }
    if (!terminal_[node]) ++words_;
    terminal_[node] = true;
}

bool Lexicon::contains(std::u32string_view word) const {
    std::uint32_t node = 0;
    for (char32_t c : word) {
        auto it = edges_.find(key(node, c));
        if (it == edges_.end()) return false;
        node = it->second;
    }
    return !word.empty() && terminal_[node];
}

void Lexicon::load_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read lexicon " + path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
        const auto cut = line.find_first_of(" \t\r#");
        if (cut != std::string::npos) line.resize(cut);
        if (line.empty()) continue;
        if (utf8::find_invalid(line) != std::string::npos)
            throw std::runtime_error("lexicon " + path + ": invalid UTF-8 in '" + line + "'");
        add(utf8::decode(line));
    }
}

}  // namespace pingcha::chinese
