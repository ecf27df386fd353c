// The ocr stage: Tesseract's orientation detection (pages scanned sideways or upside down are
// turned), Leptonica pre-processing and Tesseract (TessBaseAPI) on every page that has an image and
// no text. Engines live in plugin-wide pools, one recognition and one orientation engine per worker,
// reused across pages and documents; the pool size is the run's page_jobs, so concurrent documents
// share the cores. Pages of one document run in parallel; the searchable PDF is written in page order.
#include <omp.h>
#include <tesseract/baseapi.h>
#include <tesseract/renderer.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "cjk_text.h"
#include "preprocess.h"
#include "pingcha/output_name.h"
#include "pingcha/utf8.h"
#include "stages.h"

namespace fs = std::filesystem;

namespace pingcha::ocr {

namespace {

// Tesseract's orientation and script detection model (Debian: tesseract-ocr-osd, which
// tesseract-ocr depends on), and the page segmentation mode that only detects.
const std::string kOsdModel = "osd";
const std::string kOsdPsm = std::to_string(static_cast<int>(tesseract::PSM_OSD_ONLY));

// Blobs orientation detection classifies, as Tesseract's min_characters_to_try (it then tries up to
// 5x as many, and the time goes into classifying them). On the bundled scans its default of 50 took
// 0.59 s a page and 25 took 0.31 s, and both found the right turn in all 120 cases tried (6 scans,
// whole and cut to bands 150-1200 px high, 4 turns each); halving the page instead cost confidence.
constexpr int kOsdCharacters = 25;

// Orientation confidence (Tesseract's margin between the best and the second orientation, summed
// over the blobs tried) below which a page is left as scanned. With kOsdCharacters at 25: whole
// pages 8.1-14, three lines 4.5-10, a signature block of five short lines 5.6-6.0, one line 0.8-5.5,
// pages of pure noise 0.1-2.8 (and a wrong answer). Tesseract's own bar for psm 1
// (min_orientation_margin, 7 over up to 250 blobs) is about 3.5 over our 125.
constexpr float kMinOrientConfidence = 4.0f;

// One Tesseract engine, initialised for one language (or for orientation detection).
class Engine {
public:
    Engine(const std::string& lang, const std::string& psm) : lang_(lang) {
        // Debug output to /dev/null: Tesseract otherwise prints "Estimating resolution" etc.
        api_.SetVariable("debug_file", "/dev/null");
        const bool is_osd = lang == kOsdModel;
        // osd.traineddata holds only a legacy classifier, which is what orientation detection runs.
        const auto oem = is_osd ? tesseract::OEM_TESSERACT_ONLY : tesseract::OEM_LSTM_ONLY;
        if (api_.Init(nullptr, lang.c_str(), oem) != 0)
            throw DocumentError("internal", "Tesseract cannot load the model '" + lang + "' (" +
                                                (is_osd ? "is tesseract-ocr-osd installed? ocr orient=false does without"
                                                        : "is tesseract-ocr-chi-sim / -script-hans installed?") +
                                                ")");
        api_.SetPageSegMode(static_cast<tesseract::PageSegMode>(std::stoi(psm)));
        if (is_osd) {
            api_.SetVariable("min_characters_to_try", std::to_string(kOsdCharacters).c_str());
        } else {
            // Chinese lines have no word spaces; keep Tesseract from adding its own.
            api_.SetVariable("preserve_interword_spaces", "1");
        }
    }
    ~Engine() { api_.End(); }
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    tesseract::TessBaseAPI& api() { return api_; }
    const std::string& lang() const { return lang_; }

private:
    tesseract::TessBaseAPI api_;
    std::string lang_;
};

// Engines are expensive to create (the model loads in ~0.5 s) and cheap to reuse. At most `limit`
// exist or run at once; a thread that finds none free waits for one.
class EnginePool {
public:
    std::unique_ptr<Engine> acquire(const std::string& key_lang, const std::string& psm, int limit) {
        const std::string key = key_lang + "/" + psm;
        std::unique_lock lock(mutex_);
        for (;;) {
            auto& free = idle_[key];
            if (!free.empty()) {
                auto e = std::move(free.back());
                free.pop_back();
                ++busy_;
                return e;
            }
            if (busy_ + idle_count() < limit) break;
            // Room is held by idle engines of another model: drop one.
            if (drop_one_idle()) break;
            cv_.wait(lock);
        }
        ++busy_;
        lock.unlock();
        try {
            return std::make_unique<Engine>(key_lang, psm);
        } catch (...) {
            std::lock_guard relock(mutex_);
            --busy_;
            cv_.notify_one();
            throw;
        }
    }

    void release(std::unique_ptr<Engine> e, const std::string& psm) {
        std::lock_guard lock(mutex_);
        --busy_;
        if (e) idle_[e->lang() + "/" + psm].push_back(std::move(e));
        cv_.notify_one();
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    std::map<std::string, std::vector<std::unique_ptr<Engine>>> idle_;
    int busy_ = 0;

    int idle_count() const {
        int n = 0;
        for (const auto& [k, v] : idle_) n += static_cast<int>(v.size());
        return n;
    }
    bool drop_one_idle() {
        for (auto& [k, v] : idle_)
            if (!v.empty()) {
                v.pop_back();
                return true;
            }
        return false;
    }
};

EnginePool& pool() {
    static EnginePool p;
    return p;
}

// Orientation engines have a pool of their own: a worker holds one of each, and one shared limit
// would leave a worker holding a recognition engine waiting forever for an orientation engine.
EnginePool& osd_pool() {
    static EnginePool p;
    return p;
}

// Returns its engine to its pool whatever happens on the way.
class Lease {
public:
    Lease(EnginePool& from, const std::string& lang, const std::string& psm, int limit)
        : pool_(from), engine_(from.acquire(lang, psm, limit)), psm_(psm) {}
    ~Lease() { pool_.release(std::move(engine_), psm_); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Engine& operator*() { return *engine_; }

private:
    EnginePool& pool_;
    std::unique_ptr<Engine> engine_;
    std::string psm_;
};

// A page turned before OCR: the clockwise turn that made it read upright (0, 90, 180, 270).
struct Turn {
    int degrees = 0;
    float confidence = 0;
};

// Asks the orientation engine how the page lies; 0 when it cannot tell (too few characters) or is
// not sure enough. Runs on the grey page before pre-processing, since the skew search and the
// noise measures assume horizontal lines; Tesseract thresholds the page itself for this.
Turn detect_turn(Engine& osd, PIX* grey, int dpi) {
    auto& api = osd.api();
    api.SetImage(grey);
    api.SetSourceResolution(dpi);
    int orient_degrees = 0;  // how far the text is turned, counter-clockwise
    float orient_conf = 0, script_conf = 0;
    const char* script = nullptr;
    const bool is_found = api.DetectOrientationScript(&orient_degrees, &orient_conf, &script, &script_conf);
    api.Clear();
    if (!is_found || orient_conf < kMinOrientConfidence) return {0, orient_conf};
    return {(360 - orient_degrees % 360) % 360, orient_conf};
}

// The model name as given, or the Debian script model under its installed name.
std::string resolve_lang(const std::string& lang) {
    if (lang == "script/HanS" || lang == "HanS") {
        // Debian installs script models flat in tessdata; upstream keeps them in script/.
        for (const char* dir : {"/usr/share/tesseract-ocr/5/tessdata/", "/usr/share/tesseract-ocr/4.00/tessdata/"}) {
            if (fs::exists(std::string(dir) + "script/HanS.traineddata")) return "script/HanS";
            if (fs::exists(std::string(dir) + "HanS.traineddata")) return "HanS";
        }
        return lang;
    }
    return lang;
}

// Tesseract's PDF renderer, fed in page order by whichever worker finished a page.
class SearchablePdf {
public:
    SearchablePdf(const fs::path& final_path, const std::string& datadir, const std::string& title)
        : final_(final_path), base_(final_path.string() + ".tmp" + std::to_string(::getpid())) {
        renderer_ = std::make_unique<tesseract::TessPDFRenderer>(base_.c_str(), datadir.c_str(), false);
        if (!renderer_->happy() || !renderer_->BeginDocument(title.c_str()))
            throw DocumentError("internal", "cannot write " + base_ + ".pdf");
    }
    ~SearchablePdf() {
        if (!done_) {
            renderer_.reset();
            std::error_code ec;
            fs::remove(base_ + ".pdf", ec);
        }
    }
    // Waits until every earlier page is in, then adds this one from the engine's current result.
    void add(std::size_t index, tesseract::TessBaseAPI& api, const std::atomic<bool>& abort) {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [&] { return next_ == index || abort.load(); });
        if (abort.load()) return;
        const bool ok = renderer_->AddImage(&api);
        ++next_;
        cv_.notify_all();
        if (!ok) throw DocumentError("internal", "the PDF renderer refused page " + std::to_string(index + 1));
    }
    void wake_all() {
        std::lock_guard lock(mutex_);
        cv_.notify_all();
    }
    void finish() {
        if (!renderer_->EndDocument()) throw DocumentError("internal", "cannot finish " + base_ + ".pdf");
        renderer_.reset();  // closes the file
        fs::rename(base_ + ".pdf", final_);
        done_ = true;
    }

private:
    fs::path final_;
    std::string base_;
    std::unique_ptr<tesseract::TessPDFRenderer> renderer_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::size_t next_ = 0;
    bool done_ = false;
};

void write_atomic(const fs::path& path, const std::string& content) {
    const fs::path tmp = path.string() + ".tmp" + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << content;
        if (!out) throw DocumentError("internal", "cannot write " + tmp.string());
    }
    fs::rename(tmp, path);
}

class OcrStage : public Stage {
public:
    explicit OcrStage(const Params& p)
        : lang_(resolve_lang(p.get("lang"))), psm_(p.get("psm")), is_orienting_(p.get_bool("orient")) {
        const std::string b = p.get("binarize");
        if (b == "auto") prep_.binarize = Binarize::automatic;
        else if (b == "sauvola") prep_.binarize = Binarize::sauvola;
        else if (b == "otsu") prep_.binarize = Binarize::otsu;
        else if (b == "none") prep_.binarize = Binarize::none;
        else throw std::invalid_argument("ocr binarize must be auto, sauvola, otsu or none, got '" + b + "'");
        prep_.deskew = p.get_bool("deskew");
        prep_.sauvola_half_window = static_cast<int>(p.get_int("sauvola_window"));
        prep_.sauvola_k = static_cast<float>(p.get_number("sauvola_k"));
        if (prep_.sauvola_half_window < 2 || prep_.sauvola_half_window > 200 || prep_.sauvola_k <= 0 || prep_.sauvola_k >= 1)
            throw std::invalid_argument("ocr sauvola_window must be within 2..200 and sauvola_k within (0, 1)");
        prep_.target_dpi = static_cast<int>(p.get_int("dpi"));
        if (prep_.target_dpi < 150 || prep_.target_dpi > 600) throw std::invalid_argument("ocr dpi must be within 150..600");
        const long psm = p.get_int("psm");
        if (psm < 1 || psm > 13 || psm == 2) throw std::invalid_argument("ocr psm must be 1, 3..13");
        // Check the models once now, not per document.
        Lease probe(pool(), lang_, psm_, 1 << 20);
        if (is_orienting_) Lease osd_probe(osd_pool(), kOsdModel, kOsdPsm, 1 << 20);
    }

    void process(Document& doc, const RunContext& ctx) override {
        std::vector<std::size_t> todo;
        for (std::size_t i = 0; i < doc.pages.size(); ++i)
            if (doc.pages[i].image && doc.pages[i].text.empty()) todo.push_back(i);
        if (todo.empty()) return;  // text files and text-layer PDFs: nothing to do

        const int limit = std::max(1, ctx.page_jobs);
        std::unique_ptr<SearchablePdf> pdf;
        if (!ctx.out_dir.empty()) {
            Lease lease(pool(), lang_, psm_, limit);  // the renderer wants the model's data folder
            const std::string datadir = (*lease).api().GetDatapath();
            pdf = std::make_unique<SearchablePdf>(fs::path(ctx.out_dir) / (output_stem(doc.id) + ".pdf"),
                                                  datadir, doc.id);
        }

        std::vector<Turn> turns(todo.size());  // each worker writes only the slots of its pages
        std::atomic<std::size_t> next{0};
        std::atomic<bool> abort{false};
        std::exception_ptr error;
        std::mutex error_mutex;
        auto worker = [&] {
            try {
                // One thread per engine: Tesseract's OpenMP loops would fight the page workers
                // for the two cores (measured 2-4x slower per page).
                omp_set_num_threads(1);
                omp_set_max_active_levels(0);
                Lease lease(pool(), lang_, psm_, limit);
                std::optional<Lease> osd;
                if (is_orienting_) osd.emplace(osd_pool(), kOsdModel, kOsdPsm, limit);
                for (;;) {
                    if (abort.load()) return;
                    const std::size_t k = next.fetch_add(1);
                    if (k >= todo.size()) return;
                    Engine* orienter = osd ? &**osd : nullptr;
                    turns[k] = recognise(doc.pages[todo[k]], *lease, orienter, pdf.get(), k, abort);
                }
            } catch (...) {
                std::lock_guard lock(error_mutex);
                if (!error) error = std::current_exception();
                abort.store(true);
                if (pdf) pdf->wake_all();
            }
        };
        const std::size_t n_threads = std::min<std::size_t>(static_cast<std::size_t>(limit), todo.size());
        std::vector<std::thread> threads;
        for (std::size_t t = 1; t < n_threads; ++t) threads.emplace_back(worker);
        worker();
        for (auto& t : threads) t.join();
        if (error) std::rethrow_exception(error);

        assemble(doc);
        record_turns(doc, todo, turns);
        if (pdf) {
            pdf->finish();
            write_atomic(fs::path(ctx.out_dir) / (output_stem(doc.id) + ".txt"), doc.text);
        }
    }

private:
    std::string lang_;
    std::string psm_;
    bool is_orienting_ = true;
    PrepOptions prep_;

    // OCRs one page (turned upright first when `osd` is given and sure); returns the turn made.
    Turn recognise(Page& page, Engine& engine, Engine* osd, SearchablePdf* pdf, std::size_t index,
                   const std::atomic<bool>& abort) {
        bool bilevel = false;
        PixPtr grey = to_grey_pix(*page.image, &bilevel);
        Turn turn;
        if (osd) {
            turn = detect_turn(*osd, grey.get(), plausible_dpi(page.image->dpi));
            // Quarter turns only move pixels: nothing is lost, and a 1-bit page stays bilevel.
            if (turn.degrees != 0) {
                PIX* upright = pixRotateOrth(grey.get(), turn.degrees / 90);
                if (!upright)
                    throw DocumentError("internal", "cannot turn page " + std::to_string(page.number));
                grey.reset(upright);
            }
        }
        Prepared prep = preprocess(grey.get(), page.image->dpi, bilevel, prep_);
        grey.reset();
        auto& api = engine.api();
        api.SetImage(prep.binary.get());
        api.SetSourceResolution(prep.dpi);
        // The PDF shows the grey page (1-bit scans stay 1-bit, G4 in the PDF); Tesseract takes
        // ownership, hence the clone.
        if (pdf) api.SetInputImage(pixClone(bilevel ? prep.binary.get() : prep.grey.get()));
        if (api.Recognize(nullptr) != 0) {
            api.Clear();
            throw DocumentError("internal", "Tesseract failed on page " + std::to_string(page.number));
        }
        std::unique_ptr<char[]> text(api.GetUTF8Text());
        page.text = clean_cjk_spaces(text ? text.get() : "");
        page.confidence = std::max(0, api.MeanTextConf());
        page.skew_degrees = prep.skew_degrees;
        page.is_ocr = true;
        try {
            if (pdf) pdf->add(index, api, abort);
        } catch (...) {
            api.Clear();
            throw;
        }
        api.Clear();
        page.image.reset();  // the pixels are no longer needed; free them while other pages run
        return turn;
    }

    // Page has no field for it (a new one would change the document model and the plugin ABI), so
    // the turns go into the result as "page_rotations", written only when a page was turned:
    // [{"page": 2, "degrees": 90, "confidence": 10.4}], degrees clockwise.
    static void record_turns(Document& doc, const std::vector<std::size_t>& todo,
                             const std::vector<Turn>& turns) {
        std::string json;
        char item[96];
        for (std::size_t k = 0; k < todo.size(); ++k) {
            if (turns[k].degrees == 0) continue;
            std::snprintf(item, sizeof item, "%s{\"page\":%d,\"degrees\":%d,\"confidence\":%.2f}",
                          json.empty() ? "[" : ",", doc.pages[todo[k]].number, turns[k].degrees,
                          static_cast<double>(turns[k].confidence));
            json += item;
        }
        if (!json.empty()) doc.extra_json["page_rotations"] = json + "]";
    }

    // Page texts in order make the document text; pages know where theirs is.
    static void assemble(Document& doc) {
        doc.join_page_texts();
        if (doc.text.find_first_not_of(" \n\t\f") == std::string::npos)
            throw DocumentError("corrupt", doc.source.path + ": OCR found no text on any page");
        doc.reset_view();
    }
};

}  // namespace

void register_ocr(Registry& registry) {
    // Must precede the first engine; child processes (e.g. a bench's tesseract) inherit it too.
    ::setenv("OMP_THREAD_LIMIT", "1", 0);
    registry.add_stage({"ocr",
                        "orientation (OSD), Leptonica pre-processing (DPI, background, deskew, Sauvola) and Tesseract on pages without text",
                        {{"lang", ParamType::string, "chi_sim", "Tesseract model: chi_sim or script/HanS"},
                         {"psm", ParamType::integer, "6", "Tesseract page segmentation mode (6: one block, 3: auto)"},
                         {"binarize", ParamType::string, "auto", "auto (Sauvola on noisy or faint pages), sauvola, otsu or none (Tesseract's own)"},
                         {"sauvola_window", ParamType::integer, "40", "Sauvola half-window in pixels at the target dpi"},
                         {"sauvola_k", ParamType::number, "0.27", "Sauvola factor: lower keeps fainter strokes"},
                         {"orient", ParamType::boolean, "true", "turn pages scanned sideways or upside down before OCR (Tesseract OSD; adds ~0.35 s a page)"},
                         {"deskew", ParamType::boolean, "true", "find and correct skew up to 7 degrees"},
                         {"dpi", ParamType::integer, "300", "pages under 0.6x or over 1.5x this resolution are scaled to it"}},
                        {},
                        [](const Params& p) { return std::make_unique<OcrStage>(p); }});
}

}  // namespace pingcha::ocr
