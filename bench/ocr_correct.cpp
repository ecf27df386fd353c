// ocr_correct: prints the analysis view of text files after `normalize` (and `correct` with
// --correct), treating the text as OCR output; the CER script compares it with the truth.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "pingcha/builtins.h"
#include "pingcha/pipeline.h"
#include "pingcha/plugin_host.h"
#include "pingcha/utf8.h"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: ocr_correct CHINESE_PLUGIN.so [--correct] [--not-ocr] FILE...\n");
        return 2;
    }
    pingcha::Registry registry;
    pingcha::register_builtins(registry);
    pingcha::PluginHost host(registry);
    if (!host.load_file(argv[1])) {
        std::fprintf(stderr, "cannot load %s\n", argv[1]);
        return 3;
    }
    bool correct = false, ocr = true;
    std::vector<std::string> files;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--correct")
            correct = true;
        else if (a == "--not-ocr")
            ocr = false;
        else
            files.push_back(a);
    }
    pingcha::Pipeline pipeline(
        pingcha::parse_pipeline(correct ? "normalize ! correct" : "normalize", "<bench>", "bench"), registry);
    auto inst = pipeline.instantiate();
    pingcha::RunContext ctx;
    ctx.registry = &registry;
    std::size_t corrections = 0;
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        pingcha::Document doc;
        doc.text = ss.str();
        pingcha::Page page;
        page.number = 1;
        page.is_ocr = ocr;
        page.text_end = pingcha::utf8::count(doc.text);
        doc.pages.push_back(page);
        pipeline.run(*inst, doc, ctx);
        if (doc.failed()) {
            std::fprintf(stderr, "%s: %s\n", f.c_str(), doc.failure->message.c_str());
            return 1;
        }
        corrections += doc.corrections.size();
        for (const auto& c : doc.corrections)
            std::fprintf(stderr, "%s\t%zu\t%s\t%s\t%s\n", f.c_str(), c.start, c.from.c_str(), c.to.c_str(),
                         c.reason.c_str());
        const std::string v = pingcha::utf8::encode(doc.view);
        std::fwrite(v.data(), 1, v.size(), stdout);
        std::fputc('\0', stdout);  // file separator (OCR text may hold form feeds)
    }
    std::fprintf(stderr, "corrections: %zu\n", corrections);
    return 0;
}
