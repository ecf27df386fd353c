// Opening an input file once, as a regular file, without ever blocking (shared by inputs and decode).
#pragma once

#include <sys/stat.h>

#include <string>

namespace pingcha::input_detail {

// An open file descriptor, closed when it goes.
class Fd {
public:
    explicit Fd(int fd = -1) : fd_(fd) {}
    Fd(Fd&& other) noexcept : fd_(other.release()) {}
    Fd& operator=(Fd&& other) noexcept;
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd();
    int get() const { return fd_; }
    int release() {
        const int fd = fd_;
        fd_ = -1;
        return fd;
    }

private:
    int fd_;
};

// Opens `path` for reading and checks, on the descriptor, that it is a regular file: a FIFO, a
// device or a socket is refused at once (open does not wait for a FIFO's writer). Without
// `is_following_links` a symbolic link as the last component is refused. Throws DocumentError:
// `unsupported` for what is not a regular file, `corrupt` with the system's reason when it cannot
// be opened. `st` receives the descriptor's fstat.
Fd open_regular(const std::string& path, bool is_following_links, struct stat& st);

}  // namespace pingcha::input_detail
