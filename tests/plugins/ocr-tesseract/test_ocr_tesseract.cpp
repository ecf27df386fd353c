// Tests of the ocr-tesseract plugin: recognition quality on synthetic scans, CJK spacing, page order
// with parallel pages, text-layer PDFs without OCR, searchable PDF output, and bad inputs.
#include <poppler-document.h>
#include <poppler-page.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cjk_text.h"
#include "harness.h"

namespace fs = std::filesystem;
using pingcha::Document;
using pingcha::test::Harness;

namespace {

std::string scan(const std::string& name) { return pingcha::test::source_path("testdata/scans/" + name); }

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Code points without whitespace, full-width ASCII folded to ASCII (the part of NFKC that
// matters for OCR of judgments: （）：，0-9).
std::u32string fold(const std::string& s) {
    std::u32string out;
    for (char32_t c : pingcha::utf8::decode(s)) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == 0x3000) continue;
        if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
        out.push_back(c);
    }
    return out;
}

double cer(const std::string& truth, const std::string& hyp) {
    const std::u32string a = fold(truth), b = fold(hyp);
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1] ? 1 : 0)});
        std::swap(prev, cur);
    }
    return a.empty() ? 1.0 : static_cast<double>(prev[b.size()]) / static_cast<double>(a.size());
}

// Runs a pipeline on a file with the given page jobs and output folder.
Document run_file(Harness& h, const std::string& pipeline_text, const std::string& path, int page_jobs = 1,
                  const std::string& out_dir = "") {
    pingcha::Pipeline pipeline(pingcha::parse_pipeline(pipeline_text, "<test>", "test"), h.registry());
    auto inst = pipeline.instantiate();
    pingcha::RunContext ctx;
    ctx.registry = &h.registry();
    ctx.data_dirs = h.data_dirs();
    ctx.page_jobs = page_jobs;
    ctx.out_dir = out_dir;
    Document doc;
    doc.source.path = path;
    doc.id = fs::path(path).stem().string();
    pipeline.run(*inst, doc, ctx);
    return doc;
}

// True when two Han characters are separated by a space anywhere in the text.
bool has_space_between_han(const std::string& text) {
    const std::u32string t = pingcha::utf8::decode(text);
    for (std::size_t i = 1; i + 1 < t.size(); ++i)
        if ((t[i] == ' ' || t[i] == '\t') && pingcha::ocr::is_cjk(t[i - 1]) && pingcha::ocr::is_cjk(t[i + 1]))
            return true;
    return false;
}

Harness& harness() {
    static Harness h({"decode-text", "ocr-tesseract"});
    return h;
}

}  // namespace

TEST(CjkText, RemovesSpacesBetweenChineseOnly) {
    using pingcha::ocr::clean_cjk_spaces;
    EXPECT_EQ(clean_cjk_spaces("辽宁省 本溪市  中级人民法院"), "辽宁省本溪市中级人民法院");
    EXPECT_EQ(clean_cjk_spaces("(2022) 辽05 民终 1234 号"), "(2022)辽05民终1234号");
    EXPECT_EQ(clean_cjk_spaces("Civil Code 第 3 条"), "Civil Code 第3条");
    EXPECT_EQ(clean_cjk_spaces("  审判长  刘某 \n\n\n\n书记员"), "  审判长刘某\n\n书记员");
    EXPECT_EQ(clean_cjk_spaces("hello world"), "hello world");
}

TEST(OcrTesseract, CleanScanIsRecognised) {
    Document d = run_file(harness(), "decode ! ocr", scan("civil-clean.png"));
    ASSERT_FALSE(d.failed()) << d.failure->message;
    ASSERT_EQ(d.pages.size(), 1u);
    const auto& p = d.pages[0];
    EXPECT_TRUE(p.is_ocr);
    ASSERT_TRUE(p.confidence.has_value());
    EXPECT_GT(*p.confidence, 60);
    ASSERT_TRUE(p.skew_degrees.has_value());
    EXPECT_LT(std::abs(*p.skew_degrees), 0.5);
    EXPECT_EQ(p.text_start, 0u);
    EXPECT_EQ(p.text_end, pingcha::utf8::count(d.text));
    EXPECT_FALSE(p.image) << "page pixels are freed after OCR";
    // Measured 2.7% (bench/RESULTS.md); the bound leaves room for Tesseract versions.
    const double e = cer(read_file(scan("civil-clean.txt")), d.text);
    EXPECT_LT(e, 0.06) << d.text;
    EXPECT_NE(d.text.find("人民法院"), std::string::npos);
    EXPECT_NE(d.text.find("维持原判"), std::string::npos);
    EXPECT_NE(d.text.find("买卖合同纠纷"), std::string::npos);
    EXPECT_FALSE(has_space_between_han(d.text)) << d.text;
    EXPECT_EQ(d.view.size(), pingcha::utf8::count(d.text));
}

TEST(OcrTesseract, SkewIsFoundAndCorrected) {
    Document d = run_file(harness(), "decode ! ocr", scan("civil-skewnoisy.jpg"));
    ASSERT_FALSE(d.failed()) << d.failure->message;
    ASSERT_TRUE(d.pages[0].skew_degrees.has_value());
    // The page was rotated by 2.8 degrees when it was made.
    EXPECT_NEAR(std::abs(*d.pages[0].skew_degrees), 2.8, 0.4);
    EXPECT_LT(cer(read_file(scan("civil-skewnoisy.txt")), d.text), 0.08) << d.text;
    EXPECT_FALSE(has_space_between_han(d.text));
}

TEST(OcrTesseract, ColourJpegWithSeal) {
    Document d = run_file(harness(), "decode ! ocr", scan("civil-colour.jpg"));
    ASSERT_FALSE(d.failed()) << d.failure->message;
    EXPECT_EQ(d.source.media_type, "image/jpeg");
    EXPECT_LT(cer(read_file(scan("civil-colour.txt")), d.text), 0.08) << d.text;
}

TEST(OcrTesseract, TenPageTiffInParallelKeepsOrder) {
    Document d = run_file(harness(), "decode ! ocr", scan("multi10.tif"), 2);
    ASSERT_FALSE(d.failed()) << d.failure->message;
    ASSERT_EQ(d.pages.size(), 10u);
    EXPECT_EQ(d.source.pages, 10);
    std::size_t last_end = 0;
    char gt_name[64];
    for (std::size_t i = 0; i < d.pages.size(); ++i) {
        const auto& p = d.pages[i];
        EXPECT_EQ(p.number, static_cast<int>(i) + 1);
        EXPECT_TRUE(p.is_ocr);
        EXPECT_GE(p.text_start, last_end);
        EXPECT_GT(p.text_end, p.text_start);
        last_end = p.text_end;
        EXPECT_EQ(pingcha::utf8::substr(d.text, p.text_start, p.text_end), p.text);
        // Each page carries its own marker 第N页 and matches its own ground truth.
        const std::string marker = "第" + std::to_string(i + 1) + "页";
        EXPECT_NE(p.text.find(marker), std::string::npos) << "page " << i + 1 << ": " << p.text;
        std::snprintf(gt_name, sizeof gt_name, "multi10.page%02zu.gt", i + 1);
        EXPECT_LT(cer(read_file(scan(gt_name)), p.text), 0.08) << "page " << i + 1;
    }
    EXPECT_FALSE(has_space_between_han(d.text));
}

TEST(OcrTesseract, TextLayerPdfNeedsNoOcr) {
    Document d = run_file(harness(), "decode ! ocr", scan("civil-digital.pdf"));
    ASSERT_FALSE(d.failed()) << d.failure->message;
    ASSERT_EQ(d.pages.size(), 1u);
    EXPECT_FALSE(d.pages[0].is_ocr);
    EXPECT_FALSE(d.pages[0].confidence.has_value());
    EXPECT_FALSE(d.pages[0].image);
    EXPECT_LT(cer(read_file(scan("civil-digital.txt")), d.text), 0.01) << d.text;
    EXPECT_FALSE(has_space_between_han(d.text));
    // decode alone already gives the text (pipelines without `ocr`)
    Document only = run_file(harness(), "decode", scan("civil-digital.pdf"));
    EXPECT_EQ(only.text, d.text);
}

TEST(OcrTesseract, OcrLeavesTextFilesAlone) {
    const std::string text = "辽宁省本溪市中级人民法院\n民事判决书\n";
    Document d = harness().run_text("decode ! ocr", text);
    ASSERT_FALSE(d.failed()) << d.failure->message;
    EXPECT_EQ(d.text, text);
    ASSERT_EQ(d.pages.size(), 1u);
    EXPECT_FALSE(d.pages[0].is_ocr);
    EXPECT_FALSE(d.pages[0].confidence.has_value());
}

TEST(OcrTesseract, ScannedPdfIsRasterisedAndSearchablePdfWritten) {
    const fs::path out = fs::temp_directory_path() / ("pingcha-ocr-test-" + std::to_string(::getpid()));
    fs::create_directories(out);
    Document d = run_file(harness(), "decode ! ocr", scan("scanned.pdf"), 2, out.string());
    ASSERT_FALSE(d.failed()) << d.failure->message;
    ASSERT_EQ(d.pages.size(), 2u);
    EXPECT_TRUE(d.pages[0].is_ocr);
    EXPECT_TRUE(d.pages[1].is_ocr);
    EXPECT_LT(cer(read_file(scan("scanned.txt")), d.text), 0.06);
    EXPECT_EQ(read_file((out / "scanned.txt").string()), d.text);
    // The searchable PDF has both pages and a text layer with what OCR read.
    const std::string pdf_bytes = read_file((out / "scanned.pdf").string());
    std::unique_ptr<poppler::document> pdf(
        poppler::document::load_from_raw_data(pdf_bytes.data(), static_cast<int>(pdf_bytes.size())));
    ASSERT_TRUE(pdf);
    ASSERT_EQ(pdf->pages(), 2);
    for (int i = 0; i < 2; ++i) {
        std::unique_ptr<poppler::page> pg(pdf->create_page(i));
        const auto bytes = pg->text().to_utf8();
        const std::string layer(bytes.begin(), bytes.end());
        EXPECT_LT(cer(d.pages[static_cast<std::size_t>(i)].text, layer), 0.05) << "page " << i + 1 << ": " << layer;
    }
    for (const auto& e : fs::directory_iterator(out))
        EXPECT_EQ(e.path().string().find(".tmp"), std::string::npos) << "left behind: " << e.path();
    fs::remove_all(out);
}

TEST(OcrTesseract, ScriptModelIsSelectable) {
    Document d = run_file(harness(), "decode ! ocr lang=script/HanS", scan("civil-200dpi.png"));
    ASSERT_FALSE(d.failed()) << d.failure->message;
    EXPECT_LT(cer(read_file(scan("civil-200dpi.txt")), d.text), 0.08) << d.text;
}

struct BadInput {
    const char* file;
    const char* error_class;
};

class OcrBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(OcrBadInput, FailsWithTheRightClass) {
    Document d = run_file(harness(), "decode ! ocr", scan(std::string("bad/") + GetParam().file));
    ASSERT_TRUE(d.failed()) << GetParam().file << " was accepted";
    EXPECT_EQ(d.failure->error_class, GetParam().error_class) << d.failure->message;
    EXPECT_FALSE(d.failure->message.empty());
}

INSTANTIATE_TEST_SUITE_P(Scans, OcrBadInput,
                         ::testing::Values(BadInput{"empty.png", "corrupt"}, BadInput{"bomb.png", "too_large"},
                                           BadInput{"truncated.tif", "corrupt"}, BadInput{"truncated.png", "corrupt"},
                                           BadInput{"garbage.jpg", "corrupt"}, BadInput{"encrypted.pdf", "encrypted"},
                                           BadInput{"truncated.pdf", "corrupt"}),
                         [](const auto& info) {
                             std::string n = info.param.file;
                             for (auto& c : n)
                                 if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                             return n;
                         });
