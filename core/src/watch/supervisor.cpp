// Worker processes: fork+exec of `pingcha watch --worker` with a memory cap, one job line at a time, with a deadline.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "watch_internal.h"

namespace pingcha::watch {

WorkerProcess::WorkerProcess(const WatchConfig& cfg, int generation) : generation_(generation) {
    std::vector<std::string> args{cfg.exe_path, "watch", "--worker"};
    for (const auto& p : cfg.plugin_paths) {
        args.push_back("--plugin-path");
        args.push_back(p);
    }
    for (const auto& p : cfg.pipelines_dirs) {
        args.push_back("--pipelines-dir");
        args.push_back(p);
    }
    std::set<std::string> pipelines;
    for (const auto& in : cfg.inboxes) pipelines.insert(in.pipeline);
    for (const auto& p : pipelines) args.insert(args.end(), {"--preload", p});
    if (cfg.store_uri.rfind("journal:", 0) != 0) {
        args.insert(args.end(), {"--store", cfg.store_uri, "--campaign", cfg.campaign});
    }
    // everything the child needs is prepared before fork: only async-signal-safe calls after it
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    rlimit limit{};
    const bool cap = cfg.memory_mb > 0;
    if (cap) limit.rlim_cur = limit.rlim_max = static_cast<rlim_t>(cfg.memory_mb) << 20;

    int in_pipe[2], out_pipe[2];
    if (::pipe2(in_pipe, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
        ::close(in_pipe[0]);
        ::close(in_pipe[1]);
        throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    }
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1]}) ::close(fd);
        throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    }
    if (pid == 0) {
        // a worker must not outlive the daemon (kill -9 of the daemon leaves no orphans working)
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(127);
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        if (cap) ::setrlimit(RLIMIT_AS, &limit);
        ::dup2(in_pipe[0], 0);
        ::dup2(out_pipe[1], 1);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(in_pipe[0]);
    ::close(out_pipe[1]);
    pid_ = pid;
    to_child_ = in_pipe[1];
    from_child_ = out_pipe[0];
}

WorkerProcess::~WorkerProcess() { stop(); }

bool WorkerProcess::alive() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        // died while idle (out of memory while loading, killed by hand): not any document's fault
        pid_ = -1;
        ::close(to_child_);
        ::close(from_child_);
        to_child_ = from_child_ = -1;
        return false;
    }
    return true;
}

void WorkerProcess::kill_and_reap(WorkerReply* reply) {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    if (reply) {
        if (WIFSIGNALED(status)) reply->signal = WTERMSIG(status);
        if (WIFEXITED(status)) reply->exit_code = WEXITSTATUS(status);
    }
    pid_ = -1;
    if (to_child_ >= 0) ::close(to_child_);
    if (from_child_ >= 0) ::close(from_child_);
    to_child_ = from_child_ = -1;
}

void WorkerProcess::stop() {
    if (pid_ <= 0) return;
    ::close(to_child_);
    to_child_ = -1;
    // end of input: a worker exits on its own; give it a moment, then kill
    for (int i = 0; i < 40; ++i) {
        int status = 0;
        const pid_t r = ::waitpid(pid_, &status, WNOHANG);
        if (r == pid_ || (r < 0 && errno == ECHILD)) {
            pid_ = -1;
            ::close(from_child_);
            from_child_ = -1;
            return;
        }
        ::usleep(25000);
    }
    kill_and_reap(nullptr);
}

WorkerReply WorkerProcess::call(const std::string& request_line, std::chrono::milliseconds timeout) {
    WorkerReply reply;
    if (pid_ <= 0) {
        reply.outcome = WorkerReply::Outcome::crashed;
        return reply;
    }
    const std::string msg = request_line + "\n";
    std::size_t done = 0;
    while (done < msg.size() && pid_ > 0) {
        const ssize_t n = ::write(to_child_, msg.data() + done, msg.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // the worker is gone; reading tells how
        done += static_cast<std::size_t>(n);
    }
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        if (auto nl = buffer_.find('\n'); nl != std::string::npos) {
            reply.line = buffer_.substr(0, nl);
            buffer_.erase(0, nl + 1);
            return reply;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) {
            reply.outcome = WorkerReply::Outcome::timed_out;
            kill_and_reap(&reply);
            buffer_.clear();
            return reply;
        }
        pollfd p{from_child_, POLLIN, 0};
        const int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
        if (r < 0 && errno != EINTR) continue;
        if (r <= 0) continue;
        char buf[65536];
        const ssize_t n = ::read(from_child_, buf, sizeof buf);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n <= 0) {
            reply.outcome = WorkerReply::Outcome::crashed;
            // reap without killing first: the exit status tells how it died
            int status = 0;
            while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
            }
            if (WIFSIGNALED(status)) reply.signal = WTERMSIG(status);
            if (WIFEXITED(status)) reply.exit_code = WEXITSTATUS(status);
            pid_ = -1;
            ::close(to_child_);
            ::close(from_child_);
            to_child_ = from_child_ = -1;
            buffer_.clear();
            return reply;
        }
        buffer_.append(buf, static_cast<std::size_t>(n));
    }
}

}  // namespace pingcha::watch
