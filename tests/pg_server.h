// A throw-away PostgreSQL server for one test process (tests/pg_server.sh), stopped at exit.
#pragma once

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

namespace pingcha::test {

class PgServer {
public:
    // Starts the server; on failure uri() is empty and why() says why (the caller skips or fails).
    // With a password, logins over TCP (the URI's) must give it; uri() names none.
    explicit PgServer(const std::string& password = {}) {
        char tmpl[] = "/tmp/pingcha-pg-XXXXXX";
        if (!::mkdtemp(tmpl)) {
            why_ = "mkdtemp failed";
            return;
        }
        ::chmod(tmpl, 0755);  // the server runs as another user when the tests run as root
        dir_ = std::string(tmpl) + "/pg";
        const std::string cmd = std::string(PINGCHA_SOURCE_DIR) + "/tests/pg_server.sh start " + dir_ + " '" +
                                password + "' 2>" + std::string(tmpl) + "/start.err";
        root_ = tmpl;
        FILE* p = ::popen(cmd.c_str(), "r");
        if (!p) {
            why_ = "cannot run pg_server.sh";
            return;
        }
        char buf[512];
        std::string out;
        while (std::fgets(buf, sizeof buf, p)) out += buf;
        const int rc = ::pclose(p);
        while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
        if (rc != 0) {
            missing_ = WIFEXITED(rc) && WEXITSTATUS(rc) == 77;
            why_ = missing_ ? "PostgreSQL binaries (initdb, pg_ctl) not installed" : "pg_server.sh start failed: " + read_err();
            return;
        }
        uri_ = out;
    }
    ~PgServer() {
        if (!dir_.empty()) {
            const std::string cmd = std::string(PINGCHA_SOURCE_DIR) + "/tests/pg_server.sh stop " + dir_ + " >/dev/null 2>&1";
            [[maybe_unused]] int rc = std::system(cmd.c_str());
            rc = std::system(("rm -rf " + root_).c_str());
        }
    }
    PgServer(const PgServer&) = delete;
    PgServer& operator=(const PgServer&) = delete;

    const std::string& uri() const { return uri_; }
    // A new empty database on the server (tests sharing one server stay independent); "" on failure.
    std::string fresh_database() {
        const std::string name = "t" + std::to_string(++databases_);
        const std::string cmd = "psql -q -X '" + uri_ + "' -c 'CREATE DATABASE " + name + "' >/dev/null 2>&1";
        if (std::system(cmd.c_str()) != 0) return {};
        return uri_.substr(0, uri_.rfind('/') + 1) + name;
    }
    bool binaries_missing() const { return missing_; }
    const std::string& why() const { return why_; }

    // One server per test process, started on first use.
    static PgServer& shared() {
        static PgServer server;
        return server;
    }

private:
    std::string read_err() const {
        std::string s;
        if (FILE* f = std::fopen((root_ + "/start.err").c_str(), "rb")) {
            char buf[512];
            std::size_t n;
            while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
            std::fclose(f);
        }
        return s;
    }
    std::string root_, dir_, uri_, why_;
    bool missing_ = false;
    int databases_ = 0;
};

// In a test: skips when the binaries are missing, fails when the server would not start.
#define PINGCHA_REQUIRE_PG(server)                                                        \
    do {                                                                                  \
        if ((server).binaries_missing()) GTEST_SKIP() << (server).why();                  \
        ASSERT_FALSE((server).uri().empty()) << (server).why();                           \
    } while (0)

}  // namespace pingcha::test
