// Fixtures for the structure-based criteria: the correct synthetic judgments in testdata/judgments,
// a planting helper, and assertions that a criterion fires at an exact span or stays silent under
// `decode ! structure ! criteria only=<id>`.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "harness.h"

namespace pingcha::test {

inline std::string read_testdata(const std::string& name) {
    std::ifstream in(source_path("testdata/judgments/" + name), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline const std::string& civil_first() {
    static const std::string t = read_testdata("civil-first-instance.txt");
    return t;
}
inline const std::string& civil_second() {
    static const std::string t = read_testdata("civil-second-instance.txt");
    return t;
}
inline const std::string& administrative_first() {
    static const std::string t = read_testdata("administrative-first-instance.txt");
    return t;
}
inline const std::string& criminal_first() {
    static const std::string t = read_testdata("criminal-first-instance.txt");
    return t;
}

// Replaces the first occurrence of from (which must exist) by to.
inline std::string plant(std::string text, const std::string& from, const std::string& to) {
    const auto p = text.find(from);
    if (p == std::string::npos) {
        ADD_FAILURE() << "plant: not found: " << from;
        return text;
    }
    return text.replace(p, from.size(), to);
}

// Paragraphs joined by single spaces, as in the shared criminal set.
inline std::string space_joined(std::string text) {
    while (!text.empty() && text.back() == '\n') text.pop_back();
    for (auto& c : text)
        if (c == '\n') c = ' ';
    return text;
}

// The first n code points of the paragraph (line) that starts with `head`.
inline std::string line_prefix(const std::string& text, const std::string& head, std::size_t n) {
    const auto p = text.find(head);
    if (p == std::string::npos) return head;
    const auto e = text.find('\n', p);
    const std::string line = text.substr(p, e == std::string::npos ? std::string::npos : e - p);
    return utf8::substr(line, 0, std::min(n, utf8::count(line)));
}

class StructuredCriteria : public ::testing::Test {
protected:
    static Harness& harness() {
        static Harness* h = new Harness({"decode-text", "structure", "criteria"});
        return *h;
    }

    static std::vector<Finding> run(const std::string& text, const std::string& id) {
        auto d = harness().run_text("decode ! structure ! criteria only=" + id, text);
        EXPECT_FALSE(d.failed()) << (d.failure ? d.failure->message : "");
        std::vector<Finding> out;
        for (const auto& f : d.findings)
            if (f.criterion == id) out.push_back(f);
        view_ = d.view;
        return out;
    }

    static std::string span(const Finding& f) {
        return utf8::encode(std::u32string_view(view_).substr(f.start, f.end - f.start));
    }

    // A finding of id whose span is exactly `needle` (its nth occurrence in text).
    static void expect_fires(const std::string& text, const std::string& id, const std::string& needle,
                             std::size_t nth = 0) {
        const auto found = run(text, id);
        const std::size_t at = cp_find(text, needle, nth);
        ASSERT_NE(at, std::string::npos) << needle;
        bool hit = false;
        std::string seen;
        for (const auto& f : found) {
            seen += "[" + span(f) + "@" + std::to_string(f.start) + " " + f.message + "] ";
            if (f.start == at && f.end == at + utf8::count(needle)) hit = true;
        }
        EXPECT_TRUE(hit) << "expected " << id << " at “" << needle << "” (" << at << "), saw " << seen;
    }

    static void expect_silent(const std::string& text, const std::string& id) {
        const auto found = run(text, id);
        std::string seen;
        for (const auto& f : found) seen += "[" + span(f) + " " + f.message + "] ";
        EXPECT_TRUE(found.empty()) << id << " should stay silent, saw " << seen;
    }

    static inline std::u32string view_;
};

}  // namespace pingcha::test
