// The decode-text stage: detects the encoding of a text export, converts it to UTF-8, refuses junk.
#include <iconv.h>

#include <cerrno>
#include <memory>

#include "pingcha/plugin/abi.h"
#include "pingcha/registry.h"
#include "pingcha/utf8.h"

namespace {

using pingcha::DocumentError;

// Converts with glibc iconv; throws DocumentError at the first invalid sequence.
std::string convert(const std::string& in, const char* from, const std::string& what) {
    iconv_t cd = ::iconv_open("UTF-8", from);
    if (cd == reinterpret_cast<iconv_t>(-1)) throw DocumentError("internal", std::string("no converter for ") + from);
    std::unique_ptr<void, int (*)(iconv_t)> guard(cd, &::iconv_close);
    std::string out(in.size() * 2 + 16, '\0');
    char* src = const_cast<char*>(in.data());
    std::size_t src_left = in.size();
    char* dst = out.data();
    std::size_t dst_left = out.size();
    while (src_left > 0) {
        if (::iconv(cd, &src, &src_left, &dst, &dst_left) == static_cast<std::size_t>(-1)) {
            if (errno == E2BIG) {
                const std::size_t used = static_cast<std::size_t>(dst - out.data());
                out.resize(out.size() * 2);
                dst = out.data() + used;
                dst_left = out.size() - used;
                continue;
            }
            const std::size_t at = in.size() - src_left;
            throw DocumentError("corrupt", what + ": invalid byte sequence at byte " + std::to_string(at) +
                                               " (neither UTF-8 nor GB18030)");
        }
    }
    out.resize(static_cast<std::size_t>(dst - out.data()));
    return out;
}

// Text exports are mostly CJK; binary junk has NULs or many control bytes.
bool looks_binary(const std::string& s) {
    std::size_t control = 0;
    const std::size_t n = std::min<std::size_t>(s.size(), 65536);
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0) return true;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
    }
    return n > 0 && control * 100 > n;  // more than 1% control bytes
}

class DecodeText : public pingcha::Stage {
public:
    void process(pingcha::Document& doc, const pingcha::RunContext&) override {
        std::string bytes;
        bytes.swap(doc.input_bytes);
        const std::string& what = doc.source.path;
        std::string text;
        const std::string_view head(bytes.data(), std::min<std::size_t>(bytes.size(), 2));
        if (head == "\xFF\xFE") {
            text = convert(bytes.substr(2), "UTF-16LE", what);
        } else if (head == "\xFE\xFF") {
            text = convert(bytes.substr(2), "UTF-16BE", what);
        } else {
            if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) bytes.erase(0, 3);
            if (looks_binary(bytes))
                throw DocumentError("corrupt", what + ": binary data, not a text export");
            if (pingcha::utf8::find_invalid(bytes) == std::string::npos) text = std::move(bytes);
            else text = convert(bytes, "GB18030", what);
        }
        // looks_binary samples the first 64 KB only; a NUL anywhere (after decoding, so that UTF-16's
        // zero bytes do not count but an encoded U+0000 does) would pass into the text, the store and
        // C APIs that stop at it.
        if (const std::size_t nul = text.find('\0'); nul != std::string::npos)
            throw DocumentError("corrupt", what + ": a NUL byte at byte " + std::to_string(nul) +
                                               " of the decoded text: binary data, not a text export");
        // CRLF and lone CR become LF; offsets count the text as stored here.
        std::string clean;
        clean.reserve(text.size());
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\r') {
                clean.push_back('\n');
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
            } else {
                clean.push_back(text[i]);
            }
        }
        if (clean.find_first_not_of(" \t\n\f") == std::string::npos)
            throw DocumentError("corrupt", what + ": the file is empty");
        doc.text = std::move(clean);
        pingcha::Page page;
        page.number = 1;
        page.is_ocr = false;
        page.text_start = 0;
        page.text_end = pingcha::utf8::count(doc.text);
        doc.pages.push_back(std::move(page));
        doc.source.pages = 1;
    }
};

void register_all(pingcha::Registry& registry, const std::string&) {
    registry.add_stage({"decode-text",
                        "text exports: UTF-8 (BOM or not), UTF-16 with BOM, GB18030/GBK; CRLF to LF",
                        {},
                        {"text/plain"},
                        [](const pingcha::Params&) { return std::make_unique<DecodeText>(); }});
}

}  // namespace

PINGCHA_PLUGIN("decode-text", "0.1.0", register_all)
