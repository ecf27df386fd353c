// Tests of the ocr-tesseract plugin: recognition quality on synthetic scans, CJK spacing, page order
// with parallel pages, pages scanned sideways or upside down, text-layer PDFs without OCR, searchable
// PDF output, and bad inputs.
#include <poppler-document.h>
#include <poppler-page.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cjk_text.h"
#include "harness.h"
#include "lept.h"

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

// A folder for scans a test makes, removed when the test ends.
class ScratchDir {
public:
    explicit ScratchDir(const std::string& name)
        : path_(fs::temp_directory_path() / ("pingcha-ocr-" + name + "-" + std::to_string(::getpid()))) {
        fs::create_directories(path_);
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    fs::path operator/(const std::string& name) const { return path_ / name; }

private:
    fs::path path_;
};

// A page as a scanner fed it sideways or upside down: turned clockwise by a multiple of 90 degrees
// (lossless, so the upright page's OCR is the reference).
pingcha::ocr::PixPtr turned(PIX* page, int degrees_clockwise) {
    pingcha::ocr::PixPtr out(pixRotateOrth(page, degrees_clockwise / 90));
    EXPECT_TRUE(out) << "Leptonica could not turn the page";
    return out;
}

// The bundled civil scan turned clockwise and written as a PNG, as a scanner would have saved it.
std::string turned_scan_file(const ScratchDir& dir, int degrees_clockwise) {
    pingcha::ocr::PixPtr page(pixRead(scan("civil-clean.png").c_str()));
    if (!page) return {};
    auto out = turned(page.get(), degrees_clockwise);
    const fs::path path = dir / ("civil-clean-turned" + std::to_string(degrees_clockwise) + ".png");
    if (!out || pixWrite(path.string().c_str(), out.get(), IFF_PNG) != 0) return {};
    return path.string();
}

// What the ocr stage reads off the upright page: the reference for the turned ones.
const std::string& upright_civil_text() {
    static const std::string text = run_file(harness(), "decode ! ocr", scan("civil-clean.png")).text;
    return text;
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
    EXPECT_EQ(d.extra_json.count("page_rotations"), 0u) << "an upright page was turned";
}

// Each case: the page is fed turned clockwise by GetParam() degrees; OCR must turn it back.
class OcrTesseractTurnedPage : public ::testing::TestWithParam<int> {};

TEST_P(OcrTesseractTurnedPage, IsTurnedUprightBeforeOcr) {
    const int fed = GetParam();
    ScratchDir dir("turned");
    const std::string path = turned_scan_file(dir, fed);
    ASSERT_FALSE(path.empty()) << "cannot write the turned scan";
    Document d = run_file(harness(), "decode ! ocr", path);
    ASSERT_FALSE(d.failed()) << d.failure->message;
    ASSERT_EQ(d.pages.size(), 1u);
    for (const char* phrase : {"人民法院", "民事判决书", "判决如下", "维持原判", "买卖合同纠纷"})
        EXPECT_NE(d.text.find(phrase), std::string::npos) << phrase << " missing from: " << d.text;
    // A quarter turn moves pixels without changing them, so the text should be the upright page's.
    const std::string& upright = upright_civil_text();
    ASSERT_FALSE(upright.empty());
    EXPECT_LT(cer(upright, d.text), 0.01) << d.text;
    EXPECT_LT(cer(read_file(scan("civil-clean.txt")), d.text), 0.06) << d.text;
    // The turn that undoes the scanner's is in the result.
    ASSERT_EQ(d.extra_json.count("page_rotations"), 1u);
    const std::string expected =
        "[{\"page\":1,\"degrees\":" + std::to_string((360 - fed) % 360) + ",\"confidence\":";
    EXPECT_EQ(d.extra_json["page_rotations"].rfind(expected, 0), 0u) << d.extra_json["page_rotations"];
}

INSTANTIATE_TEST_SUITE_P(Scans, OcrTesseractTurnedPage, ::testing::Values(90, 180, 270),
                         [](const auto& info) { return "fed_" + std::to_string(info.param); });

// Without orientation detection a sideways page reads as garbage: what the test above guards against.
TEST(OcrTesseract, OrientFalseLeavesPagesAsScanned) {
    ScratchDir dir("unturned");
    const std::string path = turned_scan_file(dir, 90);
    ASSERT_FALSE(path.empty());
    Document d = run_file(harness(), "decode ! ocr orient=false", path);
    if (d.failed()) {
        // OCR finding no text at all on the sideways page is also "left as scanned".
        EXPECT_EQ(d.failure->error_class, "corrupt") << d.failure->message;
        return;
    }
    EXPECT_GT(cer(upright_civil_text(), d.text), 0.5) << d.text;
    EXPECT_EQ(d.text.find("人民法院"), std::string::npos) << d.text;
    EXPECT_EQ(d.extra_json.count("page_rotations"), 0u);
}

// A sideways scan is turned and scored; left unturned it is never scored: the structure stage rejects
// what OCR makes of it (unreadable at its low confidence, or not a judgment).
TEST(OcrTesseract, UnturnedScanIsNeverScoredTurnedScanIs) {
    static Harness h({"decode-text", "ocr-tesseract", "structure"});
    ScratchDir dir("gate");
    const std::string path = turned_scan_file(dir, 90);
    ASSERT_FALSE(path.empty());
    Document left = run_file(h, "decode ! ocr orient=false ! structure", path);
    ASSERT_TRUE(left.failed()) << "a sideways page read as garbage was taken for a judgment";
    const std::string& cls = left.failure->error_class;
    EXPECT_TRUE(cls == "unreadable" || cls == "not_a_judgment" || cls == "corrupt") << cls << ": " << left.failure->message;
    if (cls != "corrupt") {
        EXPECT_STREQ(left.status(), "rejected");
    }
    Document turned_right = run_file(h, "decode ! ocr ! structure", path);
    EXPECT_FALSE(turned_right.failed()) << turned_right.failure->message;
}

// Pages of one file lie each their own way; workers turn each page on its own and the result names
// the turned pages by number.
TEST(OcrTesseract, MixedOrientationsInOneTiff) {
    ScratchDir dir("mixed");
    const fs::path tif = dir / "mixed.tif";
    const int fed[] = {0, 90, 180, 270};
    for (int i = 0; i < 4; ++i) {
        pingcha::ocr::PixPtr page(pixReadTiff(scan("multi10.tif").c_str(), i));
        ASSERT_TRUE(page) << "page " << i + 1 << " of multi10.tif";
        auto out = turned(page.get(), fed[i]);
        ASSERT_TRUE(out);
        ASSERT_EQ(pixWriteTiff(tif.string().c_str(), out.get(), IFF_TIFF_G4, i == 0 ? "w" : "a"), 0);
    }
    Document d = run_file(harness(), "decode ! ocr", tif.string(), 2);
    ASSERT_FALSE(d.failed()) << d.failure->message;
    ASSERT_EQ(d.pages.size(), 4u);
    char gt_name[64];
    for (std::size_t i = 0; i < d.pages.size(); ++i) {
        const auto& p = d.pages[i];
        const std::string marker = "第" + std::to_string(i + 1) + "页";
        EXPECT_NE(p.text.find(marker), std::string::npos) << "page " << i + 1 << ": " << p.text;
        std::snprintf(gt_name, sizeof gt_name, "multi10.page%02zu.gt", i + 1);
        EXPECT_LT(cer(read_file(scan(gt_name)), p.text), 0.08) << "page " << i + 1 << ": " << p.text;
    }
    ASSERT_EQ(d.extra_json.count("page_rotations"), 1u);
    const std::string& rotations = d.extra_json["page_rotations"];
    EXPECT_EQ(rotations.find("\"page\":1,"), std::string::npos) << rotations;
    EXPECT_NE(rotations.find("{\"page\":2,\"degrees\":270,"), std::string::npos) << rotations;
    EXPECT_NE(rotations.find("{\"page\":3,\"degrees\":180,"), std::string::npos) << rotations;
    EXPECT_NE(rotations.find("{\"page\":4,\"degrees\":90,"), std::string::npos) << rotations;
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
