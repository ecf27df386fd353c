// Inputs: expanding paths, probing media types, reading .jsonl archives one line at a time.
#include "pingcha/input.h"

#include <Poco/DigestEngine.h>
#include <Poco/JSON/Parser.h>
#include <Poco/SHA2Engine.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "input_file.h"
#include "pingcha/pipeline.h"

namespace fs = std::filesystem;

namespace pingcha {

namespace {
std::string lower_ext(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

// What a file that is not a regular file is, for the reason given to the user.
std::string kind_of(mode_t mode) {
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISLNK(mode)) return "a symbolic link";
    return "not a regular file";
}

std::string not_followed(const std::string& path) {
    return path + " is a symbolic link inside an input folder and is not followed "
                  "(name it on the command line to read what it points to)";
}

Document failed_document(const std::string& path, const std::string& error_class,
                         const std::string& message) {
    Document doc;
    doc.id = file_stem(path);
    doc.source.path = path;
    doc.failure = Failure{error_class, message};
    return doc;
}
}  // namespace

namespace input_detail {

Fd& Fd::operator=(Fd&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.release();
    }
    return *this;
}

Fd::~Fd() {
    if (fd_ >= 0) ::close(fd_);
}

Fd open_regular(const std::string& path, bool is_following_links, struct stat& st) {
    // O_NONBLOCK: open() of a FIFO would otherwise wait for a writer forever. O_NOCTTY: a terminal
    // given as input must not become the controlling one.
    const int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (is_following_links ? 0 : O_NOFOLLOW);
    Fd fd(::open(path.c_str(), flags));
    if (fd.get() < 0) {
        const int e = errno;
        struct stat lst{};
        if (e == ELOOP && !is_following_links && ::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode))
            throw DocumentError("unsupported", not_followed(path));
        // A socket cannot be opened at all (ENXIO): say what it is rather than why open failed.
        if (::stat(path.c_str(), &lst) == 0 && !S_ISREG(lst.st_mode))
            throw DocumentError("unsupported", path + " is " + kind_of(lst.st_mode) +
                                                   ", not a regular file; only regular files are read");
        throw DocumentError("corrupt", "cannot read " + path + ": " +
                                           (e == ENOENT ? std::string("no such file") : std::strerror(e)));
    }
    if (::fstat(fd.get(), &st) != 0)
        throw DocumentError("corrupt", "cannot read " + path + ": " + std::strerror(errno));
    if (!S_ISREG(st.st_mode))
        throw DocumentError("unsupported", path + " is " + kind_of(st.st_mode) +
                                               ", not a regular file; only regular files are read");
    // Back to blocking reads: O_NONBLOCK only had to get past open().
    ::fcntl(fd.get(), F_SETFL, ::fcntl(fd.get(), F_GETFL) & ~O_NONBLOCK);
    return fd;
}

}  // namespace input_detail

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

std::vector<InputFile> expand_inputs(const std::vector<std::string>& paths) {
    std::vector<InputFile> out;
    for (const auto& p : paths) {
        std::error_code ec;
        const auto st = fs::status(p, ec);
        if (ec || !fs::exists(st)) throw ConfigError("no such file or folder: " + p);
        if (fs::is_directory(st)) {
            std::vector<std::string> found;
            fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
            for (; !ec && it != end; it.increment(ec)) {
                const std::string name = it->path().filename().string();
                std::error_code entry_ec;  // a bad entry is skipped; it must not end the walk
                const auto lst = it->symlink_status(entry_ec);
                if (entry_ec) continue;
                if (!name.empty() && name[0] == '.') {
                    if (fs::is_directory(lst)) it.disable_recursion_pending();
                    continue;
                }
                if (fs::is_directory(lst)) continue;  // walked into
                // The iterator never enters a linked folder; one is listed so that its refusal is
                // seen rather than its files silently missing.
                const bool is_linked_folder = fs::is_symlink(lst) && fs::is_directory(it->path(), entry_ec);
                if (is_known_input_extension(name) || is_linked_folder) found.push_back(it->path().string());
            }
            std::sort(found.begin(), found.end());
            for (auto& f : found) out.push_back({std::move(f), false});
        } else {
            out.push_back({p, true});
        }
    }
    return out;
}

std::size_t count_documents(const std::vector<InputFile>& files) {
    std::size_t n = 0;
    std::string buf(1 << 20, '\0');
    for (const auto& file : files) {
        if (lower_ext(file.path) != ".jsonl") {
            ++n;
            continue;
        }
        struct stat st{};
        input_detail::Fd fd;
        try {
            fd = input_detail::open_regular(file.path, file.is_named, st);
        } catch (const DocumentError&) {
            ++n;  // the reader yields one failed document for it
            continue;
        }
        // As InputReader::next skips them: a line of only spaces, tabs and its CR is no document.
        bool is_line_blank = true;
        for (ssize_t got; (got = ::read(fd.get(), buf.data(), buf.size())) != 0;) {
            if (got < 0) {
                if (errno == EINTR) continue;
                break;
            }
            for (const char c : std::string_view(buf.data(), static_cast<std::size_t>(got))) {
                if (c == '\n') {
                    if (!is_line_blank) ++n;
                    is_line_blank = true;
                } else if (c != ' ' && c != '\t' && c != '\r') {
                    is_line_blank = false;
                }
            }
        }
        if (!is_line_blank) ++n;
    }
    return n;
}

std::string sha256_hex(std::string_view bytes) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
    return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string file_stem(const std::string& path) { return fs::path(path).stem().string(); }

struct InputReader::State {
    std::unique_ptr<FILE, int (*)(FILE*)> in{nullptr, &std::fclose};
    char* buffer = nullptr;  // getline(3)'s, grown to the longest line
    std::size_t capacity = 0;
    std::string path;
    std::size_t line_no = 0;
    ~State() { std::free(buffer); }
    bool getline(std::string& line) {
        const ssize_t n = ::getline(&buffer, &capacity, in.get());
        if (n < 0) return false;
        line.assign(buffer, static_cast<std::size_t>(n));
        if (!line.empty() && line.back() == '\n') line.pop_back();
        return true;
    }
};

InputReader::InputReader(std::vector<InputFile> files, InputOptions options)
    : files_(std::move(files)), options_(std::move(options)) {}

InputReader::InputReader(const std::vector<std::string>& files, InputOptions options)
    : options_(std::move(options)) {
    for (const auto& f : files) files_.push_back({f, true});
}

InputReader::~InputReader() = default;

std::optional<Document> InputReader::next() {
    while (true) {
        if (state_) {
            std::string line;
            if (state_->getline(line)) {
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
        const InputFile& file = files_[index_++];
        const std::string& path = file.path;
        // expand_inputs lists the links it meets in folders precisely so that they are refused here,
        // with the reason, when their turn comes in the output.
        if (!file.is_named) {
            struct stat lst{};
            if (::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode))
                return failed_document(path, "unsupported", not_followed(path));
        }
        if (lower_ext(path) == ".jsonl") {
            struct stat st{};
            try {
                input_detail::Fd fd = input_detail::open_regular(path, file.is_named, st);
                auto state = std::make_unique<State>();
                state->in.reset(::fdopen(fd.get(), "rb"));
                if (!state->in)
                    throw DocumentError("corrupt", "cannot read " + path + ": " + std::strerror(errno));
                fd.release();  // the FILE owns it now
                state->path = path;
                state_ = std::move(state);
            } catch (const DocumentError& e) {
                return failed_document(path, e.error_class(), e.what());
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
