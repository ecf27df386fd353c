// Progress of a long run on stderr: a line redrawn on a terminal, a line every N seconds in a log.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

namespace pingcha::app {

// On a terminal, one line (bar, documents done/total, failed, documents/s, ETA) redrawn at most
// five times a second and erased by finish(), so that the summary line takes its place. Elsewhere
// (a log file, the journal), one such line every interval, so that the log of an hour-long run
// shows how far it got. Drawn by a thread of its own: a document that takes long (OCR of a scan)
// does not freeze the display, and the thread that finishes documents never waits for stderr.
class Progress {
public:
    enum class Mode { off, terminal, log };
    // quiet or interval_s == 0: off; stderr a terminal: terminal; else log.
    static Mode mode_for(bool is_quiet, double interval_s);

    // `command` names the subcommand in log lines ("score": "pingcha score: progress ..."); total
    // is the number of documents to do, 0 while unknown.
    Progress(std::string command, Mode mode, double interval_s, std::size_t total = 0);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // The state after each document; total 0 while unknown. Never waits.
    void update(std::size_t done, std::size_t failed, std::size_t total);

    // Keeps the terminal line out of the way while the caller writes: not redrawn before the guard
    // goes, which flushes stdout first. When stdout is the terminal too, the line is erased at
    // once; before writing to stderr, call make_room(). Off the terminal it keeps log lines whole.
    class Hold {
    public:
        Hold(const Hold&) = delete;
        Hold& operator=(const Hold&) = delete;
        ~Hold();
        void make_room();

    private:
        friend class Progress;
        Hold(Progress* progress, std::unique_lock<std::mutex> lock)
            : progress_(progress), lock_(std::move(lock)) {}
        Progress* progress_;
        std::unique_lock<std::mutex> lock_;
    };
    [[nodiscard]] Hold hold();

    // Stops drawing and erases the terminal line; called again, does nothing.
    void finish();

private:
    using Clock = std::chrono::steady_clock;
    void loop();
    void draw(Clock::time_point now);  // with mu_ held
    void erase();                      // with mu_ held

    const std::string command_;
    const Mode mode_;
    const bool is_stdout_terminal_;
    const Clock::duration period_;
    const Clock::time_point started_ = Clock::now();
    std::mutex mu_;
    std::condition_variable cv_;
    std::atomic<std::size_t> done_{0}, failed_{0}, total_{0};
    bool is_stopping_ = false;
    bool is_drawn_ = false;  // a terminal line is on the screen
    std::thread ticker_;
};

// Parses --progress-interval SECONDS (a number >= 0, fractions allowed); throws UsageError.
double parse_progress_interval(const std::string& value);

}  // namespace pingcha::app
