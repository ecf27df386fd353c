// UTF-8 helpers: validation, decoding to code points and back, code point counting.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pingcha::utf8 {

// Returns the byte offset of the first invalid sequence, or npos when s is valid UTF-8.
std::size_t find_invalid(std::string_view s);
// Decodes; invalid bytes become U+FFFD.
std::u32string decode(std::string_view s);
std::string encode(std::u32string_view s);
void append(std::string& out, char32_t c);
std::size_t count(std::string_view s);
// Substring by code point offsets.
std::string substr(std::string_view s, std::size_t cp_start, std::size_t cp_end);

}  // namespace pingcha::utf8
