// The stage harness: loads real plugins from the build tree and runs a pipeline on one document
// in-process, without the CLI or the daemon.
#pragma once

#include <gtest/gtest.h>
#include <link.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pingcha/builtins.h"
#include "pingcha/pipeline.h"
#include "pingcha/plugin_host.h"
#include "pingcha/utf8.h"

namespace pingcha::test {

inline std::string plugin_file(const std::string& name) {
    return std::string(PINGCHA_BINARY_DIR) + "/plugins/" + name + ".so";
}

inline std::string source_path(const std::string& rel) { return std::string(PINGCHA_SOURCE_DIR) + "/" + rel; }

// Where the last loadable segment of a shared library ends: a copy cut before that is what dlopen
// would map past the end of the file (the truncated-plugin tests).
inline std::uintmax_t elf_end_of_segments(const std::string& so) {
    std::ifstream in(so, std::ios::binary);
    ElfW(Ehdr) eh{};
    in.read(reinterpret_cast<char*>(&eh), sizeof eh);
    std::uintmax_t end = 0;
    for (int i = 0; i < eh.e_phnum; ++i) {
        ElfW(Phdr) ph{};
        in.seekg(static_cast<std::streamoff>(eh.e_phoff + i * sizeof ph));
        in.read(reinterpret_cast<char*>(&ph), sizeof ph);
        if (ph.p_type == PT_LOAD) end = std::max<std::uintmax_t>(end, ph.p_offset + ph.p_filesz);
    }
    return end;
}

// The bytes of a file of the source tree (testdata/...), or "" when it cannot be read.
inline std::string read_source(const std::string& rel) {
    std::ifstream in(source_path(rel), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The shared real data beside the project, or "" when it is absent (tests then skip, saying so).
inline std::string shared_data(const std::string& rel) {
    const std::string p = std::string(PINGCHA_SHARED_DATA) + "/" + rel;
    FILE* f = std::fopen(p.c_str(), "rb");
    if (!f) return {};
    std::fclose(f);
    return p;
}

class Harness {
public:
    // Loads the named plugins (file names without .so) from build/plugins.
    explicit Harness(const std::vector<std::string>& plugins) : host_(registry_) {
        register_builtins(registry_);
        for (const auto& p : plugins) {
            if (!host_.load_file(plugin_file(p))) {
                for (const auto& r : host_.refused()) ADD_FAILURE() << r.file << ": " << r.reason;
            }
        }
        data_dirs_ = {source_path("pipelines")};
        for (const auto& d : registry_.resources("pipelines-dir")) data_dirs_.push_back(d);
    }

    Registry& registry() { return registry_; }
    const std::vector<std::string>& data_dirs() const { return data_dirs_; }

    // Runs a pipeline written inline (e.g. "decode ! criteria") on a document.
    Document run(const std::string& pipeline_text, Document doc) {
        Pipeline pipeline(parse_pipeline(pipeline_text, "<test>", "test"), registry_);
        auto inst = pipeline.instantiate();
        RunContext ctx;
        ctx.registry = &registry_;
        ctx.data_dirs = data_dirs_;
        pipeline.run(*inst, doc, ctx);
        return doc;
    }

    // A text document as if it came from a .txt file.
    Document run_text(const std::string& pipeline_text, const std::string& text, const std::string& id = "t") {
        Document doc;
        doc.id = id;
        doc.source.path = id + ".txt";
        doc.source.media_type = "text/plain";
        doc.input_bytes = text;
        doc.has_input_bytes = true;
        return run(pipeline_text, std::move(doc));
    }

private:
    Registry registry_;
    PluginHost host_;
    std::vector<std::string> data_dirs_;
};

// Code point offset of the n-th occurrence of needle in a UTF-8 text (for span assertions).
inline std::size_t cp_find(const std::string& text, const std::string& needle, std::size_t nth = 0) {
    std::size_t pos = 0;
    for (std::size_t i = 0;; ++i) {
        pos = text.find(needle, pos);
        if (pos == std::string::npos) return std::string::npos;
        if (i == nth) return utf8::count(std::string_view(text).substr(0, pos));
        pos += needle.size();
    }
}

}  // namespace pingcha::test
