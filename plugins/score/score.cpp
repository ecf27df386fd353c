// The score stage: turns findings into a 100-point score and a grade with a versioned sheet.
#include <memory>

#include "pingcha/plugin/abi.h"
#include "pingcha/registry.h"
#include "pingcha/sheet.h"

namespace {

class ScoreStage : public pingcha::Stage {
public:
    explicit ScoreStage(std::string sheet_name) : sheet_name_(std::move(sheet_name)) {}

    void process(pingcha::Document& doc, const pingcha::RunContext& ctx) override {
        // Loaded on first use (the CLI has already checked that it loads) and kept for the run.
        if (!sheet_) sheet_ = std::make_unique<pingcha::Sheet>(pingcha::load_sheet(sheet_name_, ctx.data_dirs));
        sheet_->apply(doc);
    }

private:
    std::string sheet_name_;
    std::unique_ptr<pingcha::Sheet> sheet_;
};

void register_all(pingcha::Registry& registry, const std::string&) {
    registry.add_stage({"score",
                        "applies a scoring sheet: deductions per finding, caps per criterion, grade bands",
                        {{"sheet", pingcha::ParamType::string, "spc-2016", "sheet name (pipelines/sheets/NAME.json) or path"}},
                        {},
                        [](const pingcha::Params& p) { return std::make_unique<ScoreStage>(p.get("sheet")); }});
}

}  // namespace

PINGCHA_PLUGIN("score", "0.1.0", register_all)
