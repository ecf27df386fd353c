// A court plugin template: one stage and one criterion under the court's own id prefix.
#include "pingcha/plugin/abi.h"
#include "pingcha/registry.h"

namespace {

// A stage: adds an info finding so that a result shows this plugin ran. Replace with real work.
class Stamp : public pingcha::Stage {
public:
    explicit Stamp(std::string note) : note_(std::move(note)) {}
    void process(pingcha::Document& doc, const pingcha::RunContext&) override {
        doc.findings.push_back({"court.template.stamp", pingcha::Severity::info, "模板插件已运行：" + note_, 0, 0, 0});
    }

private:
    std::string note_;
};

// A criterion: 本院 not 我院 (a local rule). Reads the view; spans are view code points.
void check_wo_yuan(const pingcha::Document& doc, std::vector<pingcha::Finding>& out) {
    const std::u32string needle = U"我院";
    for (std::size_t at = doc.view.find(needle); at != std::u32string::npos; at = doc.view.find(needle, at + 2))
        out.push_back({"court.template.wo-yuan", pingcha::Severity::error, "应称“本院”，不称“我院”", at, at + 2, 0});
}

void register_all(pingcha::Registry& registry, const std::string& plugin_dir) {
    (void)plugin_dir;  // where this .so lives: load the court's data files from here
    registry.add_stage({"template-stamp",
                        "marks the document as seen by the template plugin",
                        {{"note", pingcha::ParamType::string, "", "text added to the finding"}},
                        {},
                        [](const pingcha::Params& p) { return std::make_unique<Stamp>(p.get("note")); }});
    registry.add_criterion({"court.template.wo-yuan", "本院称谓", pingcha::Severity::error,
                            "裁判文书中法院自称“本院”", "《人民法院民事裁判文书制作规范》", false, &check_wo_yuan});
}

}  // namespace

PINGCHA_PLUGIN("court-template", "0.1.0", register_all)
