// The progress display of long runs: a terminal line or periodic log lines, drawn by a ticker thread.
#include "progress.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "cli.h"

namespace pingcha::app {

namespace {

// 0:05, 12:34, 1:02:03; --:-- while it cannot be told.
std::string clock_text(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) return "--:--";
    const long s = std::lround(seconds);
    char buf[32];
    if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

}  // namespace

Progress::Mode Progress::mode_for(bool is_quiet, double interval_s) {
    if (is_quiet || interval_s <= 0) return Mode::off;
    return ::isatty(2) ? Mode::terminal : Mode::log;
}

Progress::Progress(std::string command, Mode mode, double interval_s, std::size_t total)
    : command_(std::move(command)),
      mode_(mode),
      is_stdout_terminal_(mode == Mode::terminal && ::isatty(1)),
      period_(mode == Mode::terminal ? Clock::duration(std::chrono::milliseconds(200))
                                     : std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(interval_s > 0 ? interval_s : 1))) {
    total_ = total;
    if (mode_ == Mode::off) return;
    if (mode_ == Mode::terminal) draw(started_);  // at once: the total shows before the first document
    ticker_ = std::thread([this] { loop(); });
}

Progress::~Progress() { finish(); }

void Progress::update(std::size_t done, std::size_t failed, std::size_t total) {
    done_ = done;
    failed_ = failed;
    total_ = total;
}

Progress::Hold Progress::hold() {
    if (mode_ == Mode::off) return Hold(nullptr, {});
    std::unique_lock lock(mu_);
    // Erased only for output that reaches the screen: erased for every document, it would hardly be seen.
    if (is_stdout_terminal_) erase();
    return Hold(this, std::move(lock));
}

Progress::Hold::~Hold() {
    if (progress_ && progress_->mode_ == Mode::terminal) std::fflush(stdout);
}

void Progress::Hold::make_room() {
    if (progress_) progress_->erase();
}

void Progress::finish() {
    {
        std::lock_guard lock(mu_);
        if (is_stopping_) return;
        is_stopping_ = true;
        erase();
    }
    cv_.notify_all();
    if (ticker_.joinable()) ticker_.join();
}

void Progress::loop() {
    std::unique_lock lock(mu_);
    auto next = started_ + period_;
    while (!cv_.wait_until(lock, next, [this] { return is_stopping_; })) {
        const auto now = Clock::now();
        draw(now);
        next += period_;
        if (next < now) next = now + period_;  // a stalled stderr: no burst of lines afterwards
    }
}

void Progress::draw(Clock::time_point now) {
    const std::size_t done = done_, failed = failed_, total = total_;
    const double secs = std::chrono::duration<double>(now - started_).count();
    const double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
    const bool is_total_known = total > 0 && total >= done;
    const double eta = is_total_known && rate > 0 ? static_cast<double>(total - done) / rate : -1;
    const std::string total_text = is_total_known ? std::to_string(total) : "?";
    const double percent = is_total_known ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 0;
    if (mode_ == Mode::terminal) {
        constexpr int width = 20;
        const int filled = static_cast<int>(percent / 100 * width);
        std::string bar(static_cast<std::size_t>(filled), '#');
        bar.append(static_cast<std::size_t>(width - filled), '-');
        // \r and erase-to-end-of-line: the line is redrawn in place, a shorter text leaves no tail
        std::fprintf(stderr, "\r[%s] %5.1f%%  %zu/%s documents, %zu failed, %.1f/s, ETA %s\x1b[K", bar.c_str(),
                     percent, done, total_text.c_str(), failed, rate, clock_text(eta).c_str());
        is_drawn_ = true;
    } else {
        std::fprintf(stderr,
                     "pingcha %s: progress %zu/%s documents (%.1f%%), %zu failed, %.1f documents/s, ETA %s\n",
                     command_.c_str(), done, total_text.c_str(), percent, failed, rate, clock_text(eta).c_str());
    }
    std::fflush(stderr);
}

void Progress::erase() {
    if (!is_drawn_) return;
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
    is_drawn_ = false;
}

double parse_progress_interval(const std::string& value) {
    char* end = nullptr;
    const double s = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != 0 || !std::isfinite(s) || s < 0 || s > 86400)
        throw UsageError("--progress-interval wants seconds from 0 (off) to 86400, got '" + value + "'");
    return s;
}

}  // namespace pingcha::app
