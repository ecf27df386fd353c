// Intake: scanning inboxes without following symlinks, the stability tracker, inotify hints, NFS detection.
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "watch_internal.h"

namespace pingcha::watch {

bool StabilityTracker::observe(const std::string& key, const Seen& seen, Clock::time_point now) {
    auto it = entries_.find(key);
    if (it == entries_.end()) {
        entries_.emplace(key, Entry{seen, now, now});
        return true;
    }
    Entry& e = it->second;
    if (e.seen.size != seen.size || e.seen.mtime_ns != seen.mtime_ns || e.seen.kind != seen.kind) {
        e.seen = seen;
        e.since = now;
        return true;
    }
    return false;
}

std::vector<std::string> StabilityTracker::stable(Clock::time_point now, std::chrono::milliseconds settle) const {
    std::vector<std::string> out;
    for (const auto& [key, e] : entries_)
        if (now - e.since >= settle) out.push_back(key);
    return out;
}

std::optional<Clock::time_point> StabilityTracker::first_seen(const std::string& key) const {
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    return it->second.first_seen;
}

std::optional<Clock::time_point> StabilityTracker::stable_since(const std::string& key) const {
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    return it->second.since;
}

std::vector<std::string> StabilityTracker::keys() const {
    std::vector<std::string> out;
    for (const auto& [k, e] : entries_) out.push_back(k);
    return out;
}

void scan_inbox(const std::string& inbox, const std::string& dir_rel, bool recursive,
                std::map<std::string, Seen>& out, std::vector<std::string>* dirs) {
    // iterative, with lstat: a symlinked folder is reported as a symlink, never entered
    std::vector<std::string> pending{dir_rel};
    while (!pending.empty()) {
        const std::string rel = pending.back();
        pending.pop_back();
        const std::string abs = rel.empty() ? inbox : inbox + "/" + rel;
        DIR* d = ::opendir(abs.c_str());
        if (!d) continue;  // vanished or unreadable: the next scan will tell
        if (dirs) dirs->push_back(abs);
        while (dirent* ent = ::readdir(d)) {
            const std::string name = ent->d_name;
            if (name == "." || name == "..") continue;
            if (is_junk_name(name)) continue;
            const std::string child_rel = rel.empty() ? name : rel + "/" + name;
            struct stat st;
            if (::fstatat(::dirfd(d), ent->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
            if (S_ISDIR(st.st_mode)) {
                if (recursive) pending.push_back(child_rel);
                continue;
            }
            Seen s;
            s.size = static_cast<std::uint64_t>(st.st_size);
            s.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
            s.kind = S_ISREG(st.st_mode) ? Seen::Kind::regular : S_ISLNK(st.st_mode) ? Seen::Kind::symlink : Seen::Kind::other;
            out[child_rel] = s;
        }
        ::closedir(d);
    }
}

DirWatcher::DirWatcher() { fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC); }

DirWatcher::~DirWatcher() {
    if (fd_ >= 0) ::close(fd_);
}

void DirWatcher::add(const std::string& dir) {
    if (fd_ < 0 || watched_.count(dir)) return;
    const int wd = ::inotify_add_watch(fd_, dir.c_str(),
                                       IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_ATTRIB | IN_ONLYDIR |
                                           IN_DONT_FOLLOW);
    if (wd < 0) return;  // limit reached: the periodic rescan still finds everything
    dirs_[wd] = dir;
    watched_.insert(dir);
}

std::set<std::string> DirWatcher::changed(int timeout_ms, bool* overflow) {
    std::set<std::string> out;
    if (fd_ < 0) {
        if (timeout_ms > 0) ::poll(nullptr, 0, timeout_ms);
        return out;
    }
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return out;
    alignas(inotify_event) char buf[16384];
    for (;;) {
        const ssize_t n = ::read(fd_, buf, sizeof buf);
        if (n <= 0) break;
        for (ssize_t off = 0; off < n;) {
            const auto* ev = reinterpret_cast<const inotify_event*>(buf + off);
            off += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
            if (ev->mask & IN_Q_OVERFLOW) {
                if (overflow) *overflow = true;
                continue;
            }
            if (ev->mask & IN_IGNORED) {
                auto it = dirs_.find(ev->wd);
                if (it != dirs_.end()) {
                    watched_.erase(it->second);
                    dirs_.erase(it);
                }
                continue;
            }
            auto it = dirs_.find(ev->wd);
            if (it != dirs_.end()) out.insert(it->second);
        }
    }
    return out;
}

bool is_network_fs(const std::string& dir) {
    struct statfs st;
    if (::statfs(dir.c_str(), &st) != 0) return false;
    switch (static_cast<unsigned long>(st.f_type)) {
        case 0x6969UL:      // NFS
        case 0xFF534D42UL:  // CIFS
        case 0xFE534D42UL:  // SMB2
        case 0x517BUL:      // SMB
        case 0x01021997UL:  // 9p (virtual machine shares)
        case 0x65735546UL:  // FUSE (sshfs, rclone, ...)
        case 0x564c:        // NCP
        case 0x6B414653UL:  // AFS
            return true;
        default:
            return false;
    }
}

}  // namespace pingcha::watch
