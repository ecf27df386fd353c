// Stage parameter access with the types their specs declare.
#include "pingcha/stage.h"

#include <cstdlib>

namespace pingcha {

const char* to_string(ParamType t) {
    switch (t) {
        case ParamType::string: return "string";
        case ParamType::integer: return "integer";
        case ParamType::number: return "number";
        case ParamType::boolean: return "boolean";
    }
    return "string";
}

const std::string& Params::get(const std::string& name) const {
    static const std::string empty;
    auto it = values_.find(name);
    return it == values_.end() ? empty : it->second;
}

long Params::get_int(const std::string& name) const { return std::strtol(get(name).c_str(), nullptr, 10); }

double Params::get_number(const std::string& name) const { return std::strtod(get(name).c_str(), nullptr); }

bool Params::get_bool(const std::string& name) const {
    const auto& v = get(name);
    return v == "true" || v == "1";
}

}  // namespace pingcha
