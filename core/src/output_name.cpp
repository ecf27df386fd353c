// Output file names from document ids: safe characters, bounded length, distinct for distinct long ids.
#include "pingcha/output_name.h"

#include "pingcha/input.h"

namespace pingcha {

std::string output_stem(std::string_view id) {
    std::string s;
    s.reserve(id.size());
    for (char c : id) {
        const auto b = static_cast<unsigned char>(c);
        s.push_back((c == '/' || c == '\\' || c == ':' || b < 0x20 || b == 0x7F) ? '_' : c);
    }
    if (s.empty()) return "document";
    if (s[0] == '.') s[0] = '_';
    if (s.size() <= max_output_stem_bytes) return s;
    const std::string hash = sha256_hex(id).substr(0, 16);
    std::size_t cut = max_output_stem_bytes - 1 - hash.size();
    // Back off to the start of a UTF-8 sequence so the name stays valid text (at most 3 bytes).
    for (int k = 0; k < 3 && cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80; ++k) --cut;
    s.resize(cut);
    return s + "-" + hash;
}

}  // namespace pingcha
