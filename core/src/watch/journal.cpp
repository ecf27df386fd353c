// A file-backed job journal (journal:PATH): for a store-less deployment and as the tests' fake store.
// Append-only JSON lines, fdatasync'ed per change.
#include <fcntl.h>
#include <unistd.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>

#include "pingcha/json.h"
#include "watch_internal.h"

namespace pingcha::watch {

namespace {

class FileJournal : public Journal {
public:
    explicit FileJournal(std::string path) : path_(std::move(path)) {
        std::ifstream in(path_);
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty()) continue;
            try {
                Poco::JSON::Parser parser;
                auto obj = parser.parse(line).extract<Poco::JSON::Object::Ptr>();
                Job j;
                j.id = obj->getValue<std::int64_t>("id");
                j.inbox = obj->getValue<std::string>("inbox");
                j.relative_path = obj->getValue<std::string>("relative_path");
                j.sha256 = obj->getValue<std::string>("sha256");
                j.state = obj->getValue<std::string>("state");
                j.attempts = obj->getValue<int>("attempts");
                j.error_class = obj->getValue<std::string>("error_class");
                j.message = obj->getValue<std::string>("message");
                jobs_[j.id] = j;
                next_id_ = std::max(next_id_, j.id + 1);
            } catch (...) {
                // a line torn by a crash in the middle of a write: the change it held was not acknowledged
            }
        }
        fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (fd_ < 0) throw StoreUnavailable("cannot open journal " + path_ + ": " + std::strerror(errno));
    }
    ~FileJournal() override {
        if (fd_ >= 0) ::close(fd_);
    }

    Job begin_job(const std::string& inbox, const std::string& relative_path, const std::string& sha256) override {
        std::lock_guard lock(mu_);
        Job j;
        j.id = next_id_++;
        j.inbox = inbox;
        j.relative_path = relative_path;
        j.sha256 = sha256;
        j.state = "queued";
        write(j);
        jobs_[j.id] = j;
        return j;
    }
    void update_job(const Job& job) override {
        std::lock_guard lock(mu_);
        write(job);
        jobs_[job.id] = job;
    }
    std::vector<Job> unfinished_jobs() override {
        std::lock_guard lock(mu_);
        std::vector<Job> out;
        for (const auto& [id, j] : jobs_)
            if (j.state == "queued" || j.state == "running") out.push_back(j);
        return out;
    }
    std::optional<Job> done_job_by_sha(const std::string& sha256) override {
        std::lock_guard lock(mu_);
        for (const auto& [id, j] : jobs_)
            if (j.state == "done" && j.sha256 == sha256) return j;
        return std::nullopt;
    }

private:
    void write(const Job& j) {
        std::string line = "{\"id\":" + std::to_string(j.id) + ",\"inbox\":";
        append_json_string(line, j.inbox);
        line += ",\"relative_path\":";
        append_json_string(line, j.relative_path);
        line += ",\"sha256\":";
        append_json_string(line, j.sha256);
        line += ",\"state\":";
        append_json_string(line, j.state);
        line += ",\"attempts\":" + std::to_string(j.attempts) + ",\"error_class\":";
        append_json_string(line, j.error_class);
        line += ",\"message\":";
        append_json_string(line, j.message);
        line += "}\n";
        std::size_t done = 0;
        while (done < line.size()) {
            const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) throw StoreUnavailable("cannot write journal " + path_ + ": " + std::strerror(errno));
            done += static_cast<std::size_t>(n);
        }
        if (::fdatasync(fd_) != 0) throw StoreUnavailable("cannot sync journal " + path_ + ": " + std::strerror(errno));
    }

    std::string path_;
    int fd_ = -1;
    std::mutex mu_;
    std::map<std::int64_t, Job> jobs_;
    std::int64_t next_id_ = 1;
};

// The journal calls of a real store, one connection used under the daemon's lock.
class StoreJournal : public Journal {
public:
    explicit StoreJournal(std::unique_ptr<Store> store) : store_(std::move(store)) {}
    Job begin_job(const std::string& inbox, const std::string& relative_path, const std::string& sha256) override {
        return store_->begin_job(inbox, relative_path, sha256);
    }
    void update_job(const Job& job) override { store_->update_job(job); }
    std::vector<Job> unfinished_jobs() override { return store_->unfinished_jobs(); }
    std::optional<Job> done_job_by_sha(const std::string& sha256) override { return store_->done_job_by_sha(sha256); }

private:
    std::unique_ptr<Store> store_;
};

}  // namespace

std::unique_ptr<Journal> open_file_journal(const std::string& path) { return std::make_unique<FileJournal>(path); }

std::unique_ptr<Journal> open_journal(const std::string& uri) {
    if (uri.rfind("journal:", 0) == 0) return open_file_journal(uri.substr(8));
    return std::make_unique<StoreJournal>(Store::open(uri));
}

}  // namespace pingcha::watch
