// `pingcha segment`: runs normalize and segment on each input line and prints its words
// separated by two spaces (the SIGHAN format), for scoring and inspecting segmentation.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli.h"
#include "pingcha/pipeline.h"
#include "pingcha/utf8.h"

namespace pingcha::app {
namespace {

// Where a typed token splits into PKU-guideline words (2022年5月10日 → 2022年 5月 10日), so
// that SIGHAN scoring compares like with like; the pipeline keeps the whole typed token.
std::vector<std::size_t> pku_cuts(const std::u32string& v, const Token& t) {
    std::vector<std::size_t> cuts;
    const std::size_t n = t.end - t.start;
    if (t.type == "date") {
        for (std::size_t i = t.start; i + 1 < t.end; ++i)
            if (v[i] == U'年' || v[i] == U'月') cuts.push_back(i + 1);
    } else if (t.type == "amount" || t.type == "article") {
        if (n > 1) cuts.push_back(t.end - 1);  // 10万 元, 第五百七十七 条
    } else if (t.type == "case_number") {
        if (n > 6) cuts = {t.start + 1, t.start + 5, t.start + 6};  // （ 2022 ） 辽05民终1234号
    }
    return cuts;
}

bool is_blank(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

class LinePrinter {
   public:
    void print(const Document& doc, std::string& out) {
        // Code point → byte offsets of the line, once, so each word is a plain substring.
        bytes_.clear();
        for (std::size_t i = 0; i < doc.text.size(); ++i)
            if ((static_cast<unsigned char>(doc.text[i]) & 0xC0) != 0x80) bytes_.push_back(i);
        bytes_.push_back(doc.text.size());
        bool first = true;
        auto emit = [&](std::size_t vs, std::size_t ve) {
            const Span s = doc.to_text_span(vs, ve);
            std::string word;
            for (std::size_t b = bytes_[std::min(s.start, bytes_.size() - 1)];
                 b < bytes_[std::min(s.end, bytes_.size() - 1)]; ++b)
                if (!is_blank(static_cast<unsigned char>(doc.text[b])) &&
                    doc.text.compare(b, 3, "\xE3\x80\x80") != 0)
                    word.push_back(doc.text[b]);
                else if (doc.text.compare(b, 3, "\xE3\x80\x80") == 0)
                    b += 2;  // U+3000 ideographic space
            if (word.empty()) return;
            if (!first) out += "  ";
            out += word;
            first = false;
        };
        for (const auto& t : doc.tokens) {
            std::size_t from = t.start;
            for (std::size_t cut : pku_cuts(doc.view, t)) {
                emit(from, cut);
                from = cut;
            }
            emit(from, t.end);
        }
        out += '\n';
    }

   private:
    std::vector<std::size_t> bytes_;
};

}  // namespace

int cmd_segment(const std::vector<std::string>& args) {
    auto specs = common_specs();
    specs.push_back({"lexicon", true, true});
    specs.push_back({"plain-icu", false, false});
    Options opts(specs);
    opts.parse(args);
    if (opts.has("help")) {
        std::printf(
            "usage: pingcha segment [--lexicon FILE] [--plain-icu] [options] [FILE...]\n\n"
            "Reads text (files, or standard input when none is given), runs normalize and segment\n"
            "on each line and prints its words separated by two spaces (SIGHAN format). Typed\n"
            "tokens are printed in their PKU parts (2022年  5月  10日).\n\noptions:\n"
            "  --lexicon FILE        add the words of FILE (one a line; repeatable)\n"
            "  --plain-icu           what ICU's word break alone gives, for comparison\n%s",
            common_help);
        return exit_ok;
    }
    auto setup = load_setup(opts);
    std::string lexicons;
    for (const auto& f : opts.all("lexicon")) {
        if (!std::ifstream(f)) {
            std::fprintf(stderr, "pingcha segment: cannot read lexicon %s\n", f.c_str());
            return exit_usage;
        }
        lexicons += (lexicons.empty() ? "" : ",") + f;
    }
    const bool plain = opts.has("plain-icu");
    if (!setup->registry.find_stage("segment") || (!plain && !setup->registry.find_stage("normalize"))) {
        std::fprintf(stderr, "pingcha segment: the chinese plugin is not loaded (see pingcha plugins)\n");
        return exit_unavailable;
    }
    std::map<std::string, std::map<std::string, std::string>> overrides;
    if (plain)
        overrides["segment"] = {{"mode", "icu"}, {"sentences", "false"}};
    else if (!lexicons.empty())
        overrides["segment"] = {{"lexicon", lexicons}};
    std::unique_ptr<Pipeline> pipeline;
    try {
        pipeline = std::make_unique<Pipeline>(
            parse_pipeline(plain ? "segment" : "normalize ! segment", "<segment>", "segment"),
            setup->registry, overrides);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "pingcha segment: %s\n", e.what());
        return exit_usage;
    }
    auto inst = pipeline->instantiate();
    RunContext ctx;
    ctx.registry = &setup->registry;
    ctx.data_dirs = setup->data_dirs;

    LinePrinter printer;
    std::string out;
    int status = exit_ok;
    auto run_stream = [&](std::istream& in, const std::string& name) {
        std::string line;
        while (std::getline(in, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            Document doc;
            doc.text =
                utf8::find_invalid(line) == std::string::npos ? line : utf8::encode(utf8::decode(line));
            doc.reset_view();
            Page page;
            page.number = 1;
            page.text_end = doc.view.size();
            doc.pages.push_back(page);
            for (auto& [stage_name, stage] : inst->stages) {
                try {
                    stage->process(doc, ctx);
                } catch (const std::exception& e) {
                    std::fprintf(stderr, "pingcha segment: %s: %s: %s\n", name.c_str(), stage_name.c_str(),
                                 e.what());
                    status = exit_failed_documents;
                    doc.tokens.clear();
                    break;
                }
            }
            printer.print(doc, out);
            if (out.size() > (1u << 16)) {
                std::fwrite(out.data(), 1, out.size(), stdout);
                out.clear();
            }
        }
    };
    if (opts.positional().empty()) {
        run_stream(std::cin, "<stdin>");
    } else {
        for (const auto& f : opts.positional()) {
            std::ifstream in(f, std::ios::binary);
            if (!in) {
                std::fprintf(stderr, "pingcha segment: cannot read %s\n", f.c_str());
                status = exit_failed_documents;
                continue;
            }
            run_stream(in, f);
        }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return status;
}

}  // namespace pingcha::app
