// `pingcha rescore`: not in this build yet; its issue replaces this file.
#include <cstdio>

#include "cli.h"

namespace pingcha::app {

int cmd_rescore(const std::vector<std::string>&) {
    std::fprintf(stderr, "pingcha rescore: not available in this build yet\n");
    return exit_usage;
}

}  // namespace pingcha::app
