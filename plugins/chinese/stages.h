// The three stages of the chinese plugin and the shared data they read.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "lexicon.h"
#include "pingcha/stage.h"

namespace pingcha::chinese {

// Where the plugin's data files are (…/plugins/chinese-data), set at registration.
struct PluginData {
    std::string dir;
};
const PluginData& plugin_data();
void set_plugin_data(PluginData d);

// The merged lexicon for a list of files (built-in first), built once per distinct list and
// shared by all stage instances.
std::shared_ptr<const Lexicon> shared_lexicon(const std::vector<std::string>& files);

std::unique_ptr<Stage> make_normalize(const Params& p);
std::unique_ptr<Stage> make_segment(const Params& p);
std::unique_ptr<Stage> make_correct(const Params& p);

}  // namespace pingcha::chinese
