// Inputs: expanding paths, probing media types, reading .jsonl archives one line at a time.
#include "pingcha/input.h"

#include <Poco/DigestEngine.h>
#include <Poco/JSON/Parser.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "pingcha/pipeline.h"

namespace fs = std::filesystem;

namespace pingcha {

namespace {
std::string lower_ext(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}
}  // namespace

bool is_known_input_extension(const std::string& path) {
    static const char* known[] = {".txt", ".jsonl", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf"};
    const std::string ext = lower_ext(path);
    return std::any_of(std::begin(known), std::end(known), [&](const char* k) { return ext == k; });
}

std::string probe_media_type(std::string_view head, const std::string& path) {
    auto starts = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
    if (starts("%PDF-")) return "application/pdf";
    if (starts("\x89PNG\r\n\x1a\n")) return "image/png";
    if (starts("\xFF\xD8\xFF")) return "image/jpeg";
    if (starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4))) return "image/tiff";
    const std::string ext = lower_ext(path);
    if (ext == ".txt" || ext == ".text") return "text/plain";
    if (ext == ".png") return "image/png";
    if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
    if (ext == ".tif" || ext == ".tiff") return "image/tiff";
    if (ext == ".pdf") return "application/pdf";
    return {};
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& paths) {
    std::vector<std::string> out;
    for (const auto& p : paths) {
        std::error_code ec;
        const auto st = fs::status(p, ec);
        if (ec || !fs::exists(st)) throw ConfigError("no such file or folder: " + p);
        if (fs::is_directory(st)) {
            std::vector<std::string> found;
            fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
            for (; !ec && it != end; it.increment(ec)) {
                const std::string name = it->path().filename().string();
                if (!name.empty() && name[0] == '.') {
                    if (it->is_directory(ec)) it.disable_recursion_pending();
                    continue;
                }
                if (it->is_regular_file(ec) && is_known_input_extension(name)) found.push_back(it->path().string());
            }
            std::sort(found.begin(), found.end());
            out.insert(out.end(), found.begin(), found.end());
        } else {
            out.push_back(p);
        }
    }
    return out;
}

std::string sha256_hex(std::string_view bytes) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
    return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string file_stem(const std::string& path) { return fs::path(path).stem().string(); }

struct InputReader::State {
    std::ifstream in;
    std::string path;
    std::size_t line_no = 0;
};

InputReader::InputReader(std::vector<std::string> files, InputOptions options)
    : files_(std::move(files)), options_(std::move(options)) {}

InputReader::~InputReader() = default;

std::optional<Document> InputReader::next() {
    while (true) {
        if (state_) {
            std::string line;
            if (std::getline(state_->in, line)) {
                ++state_->line_no;
                if (!line.empty() && line.back() == '\r') line.pop_back();
                if (line.find_first_not_of(" \t") == std::string::npos) continue;
                Document doc;
                doc.source.path = state_->path + ":" + std::to_string(state_->line_no);
                doc.id = file_stem(state_->path) + ":" + std::to_string(state_->line_no);
                doc.source.bytes = line.size();
                doc.source.sha256 = sha256_hex(line);
                doc.source.media_type = "text/plain";
                try {
                    Poco::JSON::Parser parser;
                    auto obj = parser.parse(line).extract<Poco::JSON::Object::Ptr>();
                    if (obj->has(options_.id_field) && !obj->isNull(options_.id_field))
                        doc.id = obj->get(options_.id_field).toString();
                    if (!obj->has(options_.text_field) || obj->isNull(options_.text_field))
                        throw DocumentError("corrupt", "line " + std::to_string(state_->line_no) +
                                                           " has no \"" + options_.text_field +
                                                           "\" key (choose one with --text-field)");
                    doc.input_bytes = obj->get(options_.text_field).toString();
                    doc.has_input_bytes = true;
                } catch (const DocumentError& e) {
                    doc.failure = Failure{e.error_class(), e.what()};
                } catch (const Poco::Exception& e) {
                    doc.failure = Failure{"corrupt", "line " + std::to_string(state_->line_no) +
                                                         " is not a JSON object: " + e.displayText()};
                } catch (const std::exception& e) {
                    doc.failure = Failure{"corrupt", "line " + std::to_string(state_->line_no) +
                                                         " is not a JSON object: " + e.what()};
                }
                return doc;
            }
            state_.reset();
        }
        if (index_ >= files_.size()) return std::nullopt;
        const std::string path = files_[index_++];
        if (lower_ext(path) == ".jsonl") {
            state_ = std::make_unique<State>();
            state_->in.open(path, std::ios::binary);
            state_->path = path;
            if (!state_->in) {
                state_.reset();
                Document doc;
                doc.id = file_stem(path);
                doc.source.path = path;
                doc.failure = Failure{"corrupt", "cannot read " + path};
                return doc;
            }
            continue;
        }
        Document doc;
        doc.id = file_stem(path);
        doc.source.path = path;
        return doc;
    }
}

}  // namespace pingcha
