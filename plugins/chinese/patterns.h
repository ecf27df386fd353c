// Typed token patterns found by hand-written scanners: case numbers, dates, articles, amounts.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pingcha::chinese {

struct TypedSpan {
    std::size_t start = 0, end = 0;
    const char* type = "";
};

// Appends the typed spans of v in order, non-overlapping.
void find_patterns(std::u32string_view v, std::vector<TypedSpan>& out);

}  // namespace pingcha::chinese
