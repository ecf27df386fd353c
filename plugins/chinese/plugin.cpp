// The chinese plugin: registers normalize, segment and correct, and owns their shared data.
#include <sys/stat.h>

#include <map>
#include <mutex>

#include "pingcha/plugin/abi.h"
#include "pingcha/registry.h"
#include "stages.h"

namespace pingcha::chinese {
namespace {
PluginData g_data;
}

const PluginData& plugin_data() { return g_data; }
void set_plugin_data(PluginData d) { g_data = std::move(d); }

std::shared_ptr<const Lexicon> shared_lexicon(const std::vector<std::string>& files) {
    static std::mutex mu;
    static std::map<std::vector<std::string>, std::shared_ptr<const Lexicon>> cache;
    std::lock_guard<std::mutex> lock(mu);
    auto& slot = cache[files];
    if (!slot) {
        auto lex = std::make_shared<Lexicon>();
        for (const auto& f : files) lex->load_file(f);
        slot = std::move(lex);
    }
    return slot;
}

namespace {

void register_all(Registry& registry, const std::string& plugin_dir) {
    const std::string dir = (plugin_dir.empty() ? std::string(".") : plugin_dir) + "/chinese-data";
    struct stat st {};
    if (::stat((dir + "/legal_lexicon.txt").c_str(), &st) != 0)
        throw std::runtime_error("chinese: data folder missing: " + dir);
    set_plugin_data({dir});

    registry.add_stage({"normalize",
                        "analysis view: ASCII-width Latin letters and digits (not Ｏ, not ０ among Chinese "
                        "numerals), unified dashes and quotes, spaced titles and stray spaces in Han text "
                        "joined; punctuation width kept",
                        {},
                        {},
                        [](const Params& p) { return make_normalize(p); }});
    registry.add_stage(
        {"segment",
         "sentences (ICU) and words (ICU's CJK dictionary) with the legal lexicon merged in; typed tokens for "
         "case numbers, dates, articles, amounts, numbers, punctuation",
         {{"mode", ParamType::string, "lexicon",
           "lexicon: ICU's CJK dictionary segmentation (run directly over ICU's cjdict) plus the "
           "legal lexicon and typed tokens; icu: ICU's word break iterator alone; icu-lexicon: the "
           "iterator plus the lexicon and typed tokens (the slower path, same words)"},
          {"lexicon", ParamType::string, "",
           "extra word lists (comma-separated paths), added to the built-in "
           "lexicon and to 'lexicon' resources of other plugins"},
          {"sentences", ParamType::boolean, "true", "also fill doc.sentences"},
          {"lexicon_cost", ParamType::integer, "100",
           "mode=lexicon: cost of a lexicon word in the dictionary segmentation pass (ICU's word "
           "costs; an unknown character costs 255); -1: ICU's words only, the lexicon merged after"}},
         {},
         [](const Params& p) { return make_segment(p); }});
    registry.add_stage({"correct",
                        "OCR post-correction on OCR pages only: case-number brackets, Tesseract confusion "
                        "pairs, gazetteer of courts and places, legal lexicon; every change recorded",
                        {},
                        {},
                        [](const Params& p) { return make_correct(p); }});
}

}  // namespace
}  // namespace pingcha::chinese

PINGCHA_PLUGIN("chinese", "0.1.0", pingcha::chinese::register_all)
