// Built-in stages: `decode` reads the input and hands it to the decoder plugin for its media type;
// `criteria` runs every registered criterion.
#include "pingcha/builtins.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <sstream>

#include "input_file.h"
#include "pingcha/input.h"

namespace pingcha {

namespace {

class DecodeStage : public Stage {
public:
    DecodeStage(const Params& p) : max_bytes_(static_cast<std::uint64_t>(p.get_number("max_mb") * 1024 * 1024)) {}

    void process(Document& doc, const RunContext& ctx) override {
        if (!doc.has_input_bytes) read_file(doc);
        if (doc.source.sha256.empty()) doc.source.sha256 = sha256_hex(doc.input_bytes);
        if (doc.source.bytes == 0) doc.source.bytes = doc.input_bytes.size();
        if (doc.source.media_type.empty())
            doc.source.media_type = probe_media_type(std::string_view(doc.input_bytes).substr(0, 16), doc.source.path);
        if (doc.source.media_type.empty())
            throw DocumentError("unsupported", "not a format pingcha reads (text, PNG, JPEG, TIFF, PDF): " +
                                                   doc.source.path);
        Stage* decoder = decoder_for(doc.source.media_type, *ctx.registry);
        decoder->process(doc, ctx);
        if (doc.source.pages == 0) doc.source.pages = static_cast<int>(doc.pages.size());
        doc.input_bytes.clear();
        doc.input_bytes.shrink_to_fit();
        doc.reset_view();
    }

private:
    std::uint64_t max_bytes_;
    std::map<std::string, std::unique_ptr<Stage>> decoders_;

    // One open, then reads of that descriptor: what was checked (a regular file, its size) is what
    // is read. A FIFO, device or socket is refused here at once instead of blocking a worker.
    void read_file(Document& doc) {
        struct stat st{};
        input_detail::Fd fd = input_detail::open_regular(doc.source.path, true, st);
        const auto too_large = [&](std::uint64_t bytes) {
            return DocumentError("too_large", doc.source.path + " is " + std::to_string(bytes) +
                                                  " bytes, over the limit of " + std::to_string(max_bytes_) +
                                                  " (decode max_mb=)");
        };
        const auto size = static_cast<std::uint64_t>(st.st_size);
        if (size > max_bytes_) throw too_large(size);
        auto read_some = [&](char* into, std::size_t n) {
            while (true) {
                const ssize_t got = ::read(fd.get(), into, n);
                if (got >= 0) return static_cast<std::size_t>(got);
                if (errno == EINTR) continue;
                throw DocumentError("corrupt", "cannot read " + doc.source.path + ": " + std::strerror(errno));
            }
        };
        std::string bytes(static_cast<std::size_t>(size), '\0');
        std::size_t got = 0;
        while (got < bytes.size()) {
            const std::size_t n = read_some(bytes.data() + got, bytes.size() - got);
            if (n == 0) break;
            got += n;
        }
        bytes.resize(got);
        // A file still growing is read on to its end, within the limit.
        char chunk[65536];
        while (const std::size_t n = read_some(chunk, sizeof chunk)) {
            if (bytes.size() + n > max_bytes_) throw too_large(bytes.size() + n);
            bytes.append(chunk, n);
        }
        doc.input_bytes = std::move(bytes);
        doc.has_input_bytes = true;
        doc.source.bytes = doc.input_bytes.size();
    }

    Stage* decoder_for(const std::string& media_type, const Registry& registry) {
        auto it = decoders_.find(media_type);
        if (it != decoders_.end()) return it->second.get();
        for (const auto& spec : registry.stages()) {
            if (std::find(spec.media_types.begin(), spec.media_types.end(), media_type) == spec.media_types.end())
                continue;
            std::map<std::string, std::string> defaults;
            for (const auto& p : spec.params) defaults[p.name] = p.default_value;
            auto stage = spec.make(Params(defaults));
            Stage* raw = stage.get();
            decoders_[media_type] = std::move(stage);
            return raw;
        }
        throw DocumentError("unsupported", "no decoder plugin for " + media_type +
                                               " is loaded (see `pingcha plugins`)");
    }
};

class CriteriaStage : public Stage {
public:
    explicit CriteriaStage(const Params& p) {
        split(p.get("only"), only_);
        split(p.get("skip"), skip_);
    }

    void process(Document& doc, const RunContext& ctx) override {
        if (doc.view_to_text.empty()) doc.reset_view();
        for (const auto& c : ctx.registry->criteria()) {
            if (!selected(c.id)) continue;
            if (std::string why = skip_reason(c.applies, doc); !why.empty()) {
                doc.skipped_criteria.push_back({c.id, std::move(why)});
                continue;
            }
            doc.applied_criteria.push_back(c.id);
            std::vector<Finding> found;
            try {
                c.check(doc, found);
            } catch (const std::exception& e) {
                throw DocumentError("internal", "criterion " + c.id + " failed: " + e.what());
            }
            for (auto& f : found) {
                if (f.criterion.empty()) f.criterion = c.id;
                f.end = std::min(f.end, doc.view.size());
                f.start = std::min(f.start, f.end);
                doc.findings.push_back(std::move(f));
            }
        }
        std::stable_sort(doc.findings.begin(), doc.findings.end(),
                         [](const Finding& a, const Finding& b) { return a.start < b.start; });
    }

private:
    std::vector<std::string> only_, skip_;

    static void split(const std::string& s, std::vector<std::string>& out) {
        std::stringstream ss(s);
        std::string part;
        while (std::getline(ss, part, ','))
            if (!part.empty()) out.push_back(part);
    }
    static bool matches(const std::string& id, const std::string& pattern) {
        return id == pattern || (id.size() > pattern.size() && id.compare(0, pattern.size(), pattern) == 0 &&
                                 id[pattern.size()] == '.');
    }
    bool selected(const std::string& id) const {
        if (!only_.empty() && std::none_of(only_.begin(), only_.end(), [&](auto& p) { return matches(id, p); }))
            return false;
        return std::none_of(skip_.begin(), skip_.end(), [&](auto& p) { return matches(id, p); });
    }
};

}  // namespace

void register_builtins(Registry& registry) {
    registry.add_stage({"decode",
                        "reads the input file and decodes it with the plugin for its media type",
                        {{"max_mb", ParamType::number, "256", "refuse inputs larger than this (too_large)"}},
                        {},
                        [](const Params& p) { return std::make_unique<DecodeStage>(p); }});
    registry.add_stage({"criteria",
                        "runs every registered quality criterion (see `pingcha criteria`)",
                        {{"only", ParamType::string, "", "comma-separated ids or id prefixes to run"},
                         {"skip", ParamType::string, "", "comma-separated ids or id prefixes to leave out"}},
                        {},
                        [](const Params& p) { return std::make_unique<CriteriaStage>(p); }});
}

}  // namespace pingcha
