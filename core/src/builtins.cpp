// Built-in stages: `decode` reads the input and hands it to the decoder plugin for its media type;
// `criteria` runs every registered criterion.
#include "pingcha/builtins.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <sys/stat.h>

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

    void read_file(Document& doc) {
        struct stat st{};
        if (::stat(doc.source.path.c_str(), &st) != 0)
            throw DocumentError("corrupt", "cannot read " + doc.source.path + ": no such file");
        if (S_ISDIR(st.st_mode)) throw DocumentError("unsupported", doc.source.path + " is a folder");
        if (static_cast<std::uint64_t>(st.st_size) > max_bytes_)
            throw DocumentError("too_large", doc.source.path + " is " + std::to_string(st.st_size) +
                                                 " bytes, over the limit of " + std::to_string(max_bytes_) +
                                                 " (decode max_mb=)");
        std::ifstream in(doc.source.path, std::ios::binary);
        if (!in) throw DocumentError("corrupt", "cannot read " + doc.source.path);
        std::ostringstream ss;
        ss << in.rdbuf();
        doc.input_bytes = ss.str();
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
