// Names of the files written for a document under --out (result JSON, searchable PDF, text): one rule.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pingcha {

// The most bytes output_stem returns: with ".json", ".pdf" or a temporary suffix added, a name
// stays under the 255-byte NAME_MAX of every common file system.
inline constexpr std::size_t max_output_stem_bytes = 200;

// A file-name stem for a document id. '/', '\\', ':' and control bytes become '_', and so does a
// leading '.' (a result is never a hidden file); an empty id is "document". An id longer than
// max_output_stem_bytes keeps its first bytes (cut on a UTF-8 boundary), then '-' and 16 hex digits
// of the SHA-256 of the whole id, so long ids that share a beginning still get different names.
std::string output_stem(std::string_view id);

}  // namespace pingcha
