// Pipeline descriptions: parse `a ! b key=value ! c`, check against the registry, run stages in order.
#include "pingcha/pipeline.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pingcha/utf8.h"

namespace fs = std::filesystem;

namespace pingcha {

namespace {

std::string where(const PipelineDesc& d, int line, int col) {
    return d.file + ":" + std::to_string(line) + ":" + std::to_string(col);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError("cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool looks_like_path(const std::string& s) {
    return s.find('/') != std::string::npos || s.find('.') != std::string::npos;
}

bool valid_value(ParamType t, const std::string& v) {
    char* end = nullptr;
    switch (t) {
        case ParamType::string: return true;
        case ParamType::integer:
            std::strtol(v.c_str(), &end, 10);
            return !v.empty() && *end == 0;
        case ParamType::number:
            std::strtod(v.c_str(), &end);
            return !v.empty() && *end == 0;
        case ParamType::boolean: return v == "true" || v == "false" || v == "1" || v == "0";
    }
    return false;
}

}  // namespace

PipelineDesc parse_pipeline(const std::string& text, const std::string& file, const std::string& name) {
    PipelineDesc desc;
    desc.name = name;
    desc.file = file;
    const std::u32string s = utf8::decode(text);
    int line = 1, col = 1;
    std::size_t i = 0;
    auto advance = [&]() {
        if (s[i] == U'\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
        ++i;
    };
    bool expect_stage = true;
    while (i < s.size()) {
        const char32_t c = s[i];
        if (c == U'#') {
            while (i < s.size() && s[i] != U'\n') advance();
            continue;
        }
        if (c == U' ' || c == U'\t' || c == U'\r' || c == U'\n' || c == U'\\') {
            advance();
            continue;
        }
        if (c == U'!') {
            if (expect_stage) throw ConfigError(where(desc, line, col) + ": '!' where a stage name was expected");
            expect_stage = true;
            advance();
            continue;
        }
        // A word: stage name or key=value (value may be "quoted").
        const int wline = line, wcol = col;
        std::u32string word;
        std::size_t eq = std::u32string::npos;
        while (i < s.size() && s[i] != U' ' && s[i] != U'\t' && s[i] != U'\n' && s[i] != U'\r' &&
               s[i] != U'!' && s[i] != U'#') {
            if (s[i] == U'=' && eq == std::u32string::npos) {
                eq = word.size();
                word.push_back(s[i]);
                advance();
                if (i < s.size() && s[i] == U'"') {
                    advance();
                    while (i < s.size() && s[i] != U'"') {
                        word.push_back(s[i]);
                        advance();
                    }
                    if (i >= s.size()) throw ConfigError(where(desc, wline, wcol) + ": unterminated quote");
                    advance();
                    break;
                }
                continue;
            }
            word.push_back(s[i]);
            advance();
        }
        const std::string w = utf8::encode(word);
        if (eq == std::u32string::npos) {
            if (!expect_stage)
                throw ConfigError(where(desc, wline, wcol) + ": '" + w +
                                  "' is not key=value; separate stages with '!'");
            StageCall call;
            call.name = w;
            call.line = wline;
            call.column = wcol;
            desc.stages.push_back(call);
            expect_stage = false;
        } else {
            if (expect_stage || desc.stages.empty())
                throw ConfigError(where(desc, wline, wcol) + ": parameter '" + w + "' before any stage");
            const std::string key = utf8::encode(word.substr(0, eq));
            const std::string value = utf8::encode(word.substr(eq + 1));
            if (key.empty()) throw ConfigError(where(desc, wline, wcol) + ": empty parameter name");
            desc.stages.back().params[key] = value;
            desc.stages.back().param_positions[key] = {wline, wcol};
        }
    }
    if (desc.stages.empty()) throw ConfigError(file + ": the pipeline names no stage");
    if (expect_stage) throw ConfigError(file + ": the pipeline ends with '!'");
    return desc;
}

std::vector<std::string> pipelines_search_path(const std::vector<std::string>& cli_dirs,
                                               const std::string& exe_path, const Registry* registry) {
    std::vector<std::string> dirs = cli_dirs;
    if (const char* env = std::getenv("PINGCHA_PIPELINES_PATH")) {
        std::stringstream ss(env);
        std::string part;
        while (std::getline(ss, part, ':'))
            if (!part.empty()) dirs.push_back(part);
    }
    if (!exe_path.empty()) {
        const fs::path prefix = fs::path(exe_path).parent_path().parent_path();
        dirs.push_back((prefix / "pipelines").string());                     // build tree (copied)
        dirs.push_back((prefix / "share" / "pingcha" / "pipelines").string());  // install prefix
    }
    if (registry)
        for (const auto& d : registry->resources("pipelines-dir")) dirs.push_back(d);
    return dirs;
}

PipelineDesc load_pipeline(const std::string& name_or_path, const std::vector<std::string>& dirs) {
    if (looks_like_path(name_or_path)) {
        std::error_code ec;
        if (!fs::is_regular_file(name_or_path, ec)) throw ConfigError("no pipeline file " + name_or_path);
        return parse_pipeline(read_file(name_or_path), name_or_path, fs::path(name_or_path).stem().string());
    }
    std::vector<std::string> known;
    for (const auto& d : dirs) {
        const fs::path p = fs::path(d) / (name_or_path + ".pipeline");
        std::error_code ec;
        if (fs::is_regular_file(p, ec)) return parse_pipeline(read_file(p.string()), p.string(), name_or_path);
        for (const auto& e : fs::directory_iterator(d, ec))
            if (e.path().extension() == ".pipeline") known.push_back(e.path().stem().string());
    }
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
    throw ConfigError("unknown pipeline '" + name_or_path + "'; known: " + (list.empty() ? "(none)" : list));
}

Pipeline::Pipeline(PipelineDesc desc, const Registry& registry,
                   const std::map<std::string, std::map<std::string, std::string>>& overrides)
    : desc_(std::move(desc)), registry_(registry) {
    for (auto& call : desc_.stages) {
        const StageSpec* spec = registry_.find_stage(call.name);
        if (!spec) {
            std::string known;
            for (const auto& s : registry_.stages()) known += (known.empty() ? "" : ", ") + s.name;
            throw ConfigError(where(desc_, call.line, call.column) + ": unknown stage '" + call.name +
                              "'; known stages: " + known +
                              " (a stage comes from a plugin: see `pingcha plugins` for refused ones)");
        }
        auto ov = overrides.find(call.name);
        if (ov != overrides.end())
            for (const auto& [k, v] : ov->second) call.params[k] = v;
        std::map<std::string, std::string> values;
        for (const auto& p : spec->params) values[p.name] = p.default_value;
        for (const auto& [key, value] : call.params) {
            const ParamSpec* ps = nullptr;
            for (const auto& p : spec->params)
                if (p.name == key) ps = &p;
            auto pos = call.param_positions.count(key) ? call.param_positions[key]
                                                        : std::make_pair(call.line, call.column);
            if (!ps) {
                std::string known;
                for (const auto& p : spec->params) known += (known.empty() ? "" : ", ") + p.name;
                throw ConfigError(where(desc_, pos.first, pos.second) + ": stage '" + call.name +
                                  "' has no parameter '" + key + "'; known: " + (known.empty() ? "(none)" : known));
            }
            if (!valid_value(ps->type, value))
                throw ConfigError(where(desc_, pos.first, pos.second) + ": parameter '" + key + "' of '" +
                                  call.name + "' wants a " + to_string(ps->type) + ", got '" + value + "'");
            values[key] = value;
        }
        params_.emplace_back(std::move(values));
        const std::string owner = registry_.owner_of_stage(call.name);
        if (const PluginInfo* p = registry_.plugin(owner)) plugin_versions_[p->name] = p->version;
    }
    // Criteria come from plugins too: name the plugins whose criteria the run can apply.
    for (const auto& c : registry_.criteria())
        if (const PluginInfo* p = registry_.plugin(registry_.owner_of_criterion(c.id)))
            plugin_versions_[p->name] = p->version;
    // Decoders are reached through `decode`: name their plugins too.
    for (const auto& s : registry_.stages())
        if (!s.media_types.empty())
            if (const PluginInfo* p = registry_.plugin(registry_.owner_of_stage(s.name)))
                plugin_versions_[p->name] = p->version;
}

const Params* Pipeline::params_of(const std::string& stage) const {
    for (std::size_t i = 0; i < desc_.stages.size(); ++i)
        if (desc_.stages[i].name == stage) return &params_[i];
    return nullptr;
}

std::unique_ptr<Pipeline::Instance> Pipeline::instantiate() const {
    auto inst = std::make_unique<Instance>();
    for (std::size_t i = 0; i < desc_.stages.size(); ++i) {
        const StageSpec* spec = registry_.find_stage(desc_.stages[i].name);
        inst->stages.emplace_back(spec->name, spec->make(params_[i]));
    }
    return inst;
}

void Pipeline::run(Instance& instance, Document& doc, const RunContext& ctx) const {
    using clock = std::chrono::steady_clock;
    doc.pipeline_name = desc_.name;
    doc.plugin_versions = plugin_versions_;
    const auto t0 = clock::now();
    for (auto& [name, stage] : instance.stages) {
        if (doc.failed()) break;
        const auto s0 = clock::now();
        try {
            stage->process(doc, ctx);
        } catch (const DocumentError& e) {
            doc.failure = Failure{e.error_class(), e.what()};
        } catch (const std::bad_alloc&) {
            doc.failure = Failure{"too_large", "stage '" + name + "' ran out of memory"};
        } catch (const std::exception& e) {
            doc.failure = Failure{"internal", "stage '" + name + "': " + e.what()};
        } catch (...) {
            doc.failure = Failure{"internal", "stage '" + name + "' threw an unknown exception"};
        }
        const double ms = std::chrono::duration<double, std::milli>(clock::now() - s0).count();
        doc.timings_ms.emplace_back(name, ms);
    }
    doc.timings_ms.emplace_back("total", std::chrono::duration<double, std::milli>(clock::now() - t0).count());
}

}  // namespace pingcha
