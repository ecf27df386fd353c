// The stage interface: one named step of a pipeline, described well enough to be listed and checked.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "pingcha/document.h"

namespace pingcha {

enum class ParamType { string = 1, integer = 2, number = 3, boolean = 4 };
const char* to_string(ParamType t);

struct ParamSpec {
    std::string name;
    ParamType type = ParamType::string;
    std::string default_value;
    std::string help;
};

// Parameter values as written in a pipeline, checked against the stage's ParamSpecs,
// with defaults filled in.
class Params {
public:
    Params() = default;
    explicit Params(std::map<std::string, std::string> values) : values_(std::move(values)) {}
    const std::string& get(const std::string& name) const;
    long get_int(const std::string& name) const;
    double get_number(const std::string& name) const;
    bool get_bool(const std::string& name) const;
    bool has(const std::string& name) const { return values_.count(name) != 0; }
    const std::map<std::string, std::string>& values() const { return values_; }
    void set(const std::string& name, std::string value) { values_[name] = std::move(value); }

private:
    std::map<std::string, std::string> values_;
};

// Thrown by a stage to fail one document; the runner records it as a failed result.
class DocumentError : public std::runtime_error {
public:
    DocumentError(std::string error_class, const std::string& message)
        : std::runtime_error(message), error_class_(std::move(error_class)) {}
    const std::string& error_class() const { return error_class_; }

private:
    std::string error_class_;
};

class Registry;

// What a stage sees besides the document: the registry (criteria, resources) and the options
// of the run that concern stages.
struct RunContext {
    const Registry* registry = nullptr;
    std::string out_dir;   // --out, empty when not set
    int page_jobs = 1;     // parallel pages inside one document
    std::vector<std::string> data_dirs;  // where pipelines/ and sheets/ are looked up
};

// One instance per pipeline instance; a pipeline instance is used by one thread at a time,
// so a stage need not be thread-safe. Shared read-only data belongs in the plugin, loaded once.
class Stage {
public:
    virtual ~Stage() = default;
    virtual void process(Document& doc, const RunContext& ctx) = 0;
};

struct StageSpec {
    std::string name;
    std::string help;
    std::vector<ParamSpec> params;
    // Decoders name the media types they read; the core `decode` stage dispatches on them.
    std::vector<std::string> media_types;
    std::function<std::unique_ptr<Stage>(const Params&)> make;
};

}  // namespace pingcha
