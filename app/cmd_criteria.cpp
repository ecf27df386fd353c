// `pingcha criteria`: every criterion with its severity, its deduction in a sheet, and its source.
#include <cstdio>

#include "cli.h"
#include "pingcha/json.h"
#include "pingcha/pipeline.h"
#include "pingcha/sheet.h"

namespace pingcha::app {

int cmd_criteria(const std::vector<std::string>& args) {
    auto specs = common_specs();
    specs.push_back({"sheet", true, false});
    Options opts(specs);
    opts.parse(args);
    if (opts.has("help")) {
        std::printf(
            "usage: pingcha criteria [--sheet NAME] [options]\n\nLists every criterion: id, severity, deduction per finding\n"
            "(and cap) in the sheet, name, description and the norm it rests on.\n\noptions:\n"
            "  --sheet NAME          the scoring sheet for deductions (default spc-2016)\n%s",
            common_help);
        return exit_ok;
    }
    auto setup = load_setup(opts);
    Sheet sheet;
    try {
        sheet = load_sheet(opts.get("sheet", "spc-2016"), setup->data_dirs);
    } catch (const ConfigError& e) {
        std::fprintf(stderr, "pingcha criteria: %s\n", e.what());
        return exit_usage;
    }
    std::printf("sheet %s version %s%s%s\n\n", sheet.name.c_str(), sheet.version.c_str(),
                sheet.title.empty() ? "" : ": ", sheet.title.c_str());
    for (const auto& c : setup->registry.criteria()) {
        std::string deduction = "-";
        if (c.severity == Severity::error) {
            if (auto r = sheet.rule_for(c.id)) {
                deduction = json_number(r->deduction);
                if (r->cap > 0) deduction += " (cap " + json_number(r->cap) + ")";
            }
        }
        std::printf("%-28s %-7s %-12s %s%s\n    %s\n    source: %s\n", c.id.c_str(), to_string(c.severity),
                    deduction.c_str(), c.name.c_str(), c.is_soft ? " (soft)" : "", c.description.c_str(),
                    c.source.c_str());
    }
    return exit_ok;
}

}  // namespace pingcha::app
