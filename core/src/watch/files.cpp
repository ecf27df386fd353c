// File operations of the daemon: junk names, safe relative paths, atomic writes, moves without overwriting.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "watch_internal.h"

namespace fs = std::filesystem;

namespace pingcha::watch {

namespace {
std::system_error sys_error(const std::string& what) {
    return std::system_error(errno, std::generic_category(), what);
}
}  // namespace

bool is_junk_name(const std::string& name) {
    if (name.empty() || name[0] == '.') return true;  // hidden, .DS_Store, ._resource forks
    if (name.rfind("~$", 0) == 0) return true;        // Office lock files
    if (name == "Thumbs.db" || name == "desktop.ini" || name == "Desktop.ini") return true;
    auto ends = [&](const char* suffix) {
        const std::size_t n = std::strlen(suffix);
        return name.size() >= n && name.compare(name.size() - n, n, suffix) == 0;
    };
    // partial downloads and copies still in progress
    return ends(".part") || ends(".partial") || ends(".crdownload") || ends(".tmp") || ends("~");
}

bool is_safe_relative(const std::string& rel) {
    if (rel.empty() || rel[0] == '/') return false;
    std::size_t start = 0;
    while (start <= rel.size()) {
        const auto slash = rel.find('/', start);
        const std::string part = rel.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (part.empty() || part == "." || part == "..") return false;
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    return rel.find('\0') == std::string::npos;
}

void make_parent_dirs(const std::string& path) {
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    if (ec) throw std::system_error(ec, "cannot create the folder of " + path);
}

void write_file_atomic(const std::string& path, const std::string& content) {
    make_parent_dirs(path);
    // hidden temporary name beside the target: never mistaken for a result, renamed atomically
    const fs::path target(path);
    const std::string tmp =
        (target.parent_path() / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()))).string();
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) throw sys_error("cannot create " + tmp);
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            auto e = sys_error("cannot write " + tmp);
            ::close(fd);
            ::unlink(tmp.c_str());
            throw e;
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        auto e = sys_error("cannot write " + tmp);
        ::unlink(tmp.c_str());
        throw e;
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        auto e = sys_error("cannot rename " + tmp + " to " + path);
        ::unlink(tmp.c_str());
        throw e;
    }
}

std::string unique_path(const std::string& path, const std::set<std::string>& reserved) {
    struct stat st;
    auto taken = [&](const std::string& p) { return reserved.count(p) || ::lstat(p.c_str(), &st) == 0; };
    if (!taken(path)) return path;
    const fs::path p(path);
    const std::string stem = p.stem().string(), ext = p.extension().string();
    const std::string dir = p.parent_path().string();
    for (int n = 1;; ++n) {
        const std::string candidate = dir + "/" + stem + "." + std::to_string(n) + ext;
        if (!taken(candidate)) return candidate;
    }
}

void move_file(const std::string& src, const std::string& dest) {
    make_parent_dirs(dest);
    // renameat2(RENAME_NOREPLACE) would be the airtight form; the daemon is the only writer of
    // its output folders and picks free names first, so plain rename is enough here.
    if (::rename(src.c_str(), dest.c_str()) == 0) return;
    if (errno != EXDEV) throw sys_error("cannot move " + src + " to " + dest);
    // another file system (an inbox on a network share): copy, sync, then remove the original
    struct stat st;
    if (::lstat(src.c_str(), &st) != 0) throw sys_error("cannot move " + src);
    if (S_ISLNK(st.st_mode)) {
        std::error_code ec;
        const auto target = fs::read_symlink(src, ec);
        if (!ec) fs::create_symlink(target, dest, ec);
        if (ec) throw std::system_error(ec, "cannot move " + src + " to " + dest);
    } else {
        std::error_code ec;
        fs::copy_file(src, dest, fs::copy_options::none, ec);
        if (ec) throw std::system_error(ec, "cannot copy " + src + " to " + dest);
        const int fd = ::open(dest.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            ::fsync(fd);
            ::close(fd);
        }
    }
    if (::unlink(src.c_str()) != 0) throw sys_error("cannot remove " + src + " after copying it");
}

}  // namespace pingcha::watch
