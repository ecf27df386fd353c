// pingcha: the one executable; dispatches to a subcommand.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "cli.h"

namespace {

const char* usage =
    "usage: pingcha [--version] [--help] COMMAND [options]\n"
    "\n"
    "Checks the quality of Chinese court judgments (裁判文书评查): reads scans and text,\n"
    "finds defects against the review criteria, and scores them with a scoring sheet.\n"
    "\n"
    "commands:\n"
    "  score      score files, folders or .jsonl archives and print one result per document\n"
    "  plugins    list the plugins found, their stages, and any refused with the reason\n"
    "  criteria   list every criterion with its severity, deduction and source\n"
    "  segment    print text segmented into words (SIGHAN format)\n"
    "  watch      the daemon: watch inboxes, score what is dropped there, archive it\n"
    "  rescore    score the stored archive again from stored text (no OCR)\n"
    "  report     write a campaign report (HTML with charts, CSV) from the store\n"
    "\n"
    "`pingcha COMMAND --help` tells more. Exit codes: 0 done, 1 some documents failed,\n"
    "2 usage or configuration error, 3 a needed service was unreachable.\n";

}  // namespace

int main(int argc, char** argv) {
    using namespace pingcha::app;
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::fputs(usage, stderr);
        return exit_usage;
    }
    const std::string cmd = args[0];
    std::vector<std::string> rest(args.begin() + 1, args.end());
    try {
        if (cmd == "--help" || cmd == "-h" || cmd == "help") {
            std::fputs(usage, stdout);
            return exit_ok;
        }
        if (cmd == "--version") {
            std::printf("pingcha %s\n", PINGCHA_VERSION);
            return exit_ok;
        }
        if (cmd == "score") return cmd_score(rest);
        if (cmd == "plugins") return cmd_plugins(rest);
        if (cmd == "criteria") return cmd_criteria(rest);
        if (cmd == "segment") return cmd_segment(rest);
        if (cmd == "watch") return cmd_watch(rest);
        if (cmd == "rescore") return cmd_rescore(rest);
        if (cmd == "report") return cmd_report(rest);
        std::fprintf(stderr, "pingcha: unknown command '%s'\n\n%s", cmd.c_str(), usage);
        return exit_usage;
    } catch (const UsageError& e) {
        std::fprintf(stderr, "pingcha %s: %s\n", cmd.c_str(), e.what());
        return exit_usage;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "pingcha %s: %s\n", cmd.c_str(), e.what());
        return exit_usage;
    }
}
