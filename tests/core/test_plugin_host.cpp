// Tests for the plugin host with fixture plugins: every refusal names the file and the reason.
#include <gtest/gtest.h>
#include <link.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "harness.h"
#include "pingcha/builtins.h"
#include "pingcha/plugin_host.h"

using namespace pingcha;
namespace fs = std::filesystem;

namespace {
const std::string fixtures = std::string(PINGCHA_BINARY_DIR) + "/tests/fixtures/plugins";

void truncated_copy(const std::string& from, const fs::path& to, std::uintmax_t bytes) {
    std::ifstream in(from, std::ios::binary);
    std::string data(bytes, '\0');
    in.read(data.data(), static_cast<std::streamsize>(bytes));
    std::ofstream(to, std::ios::binary) << data;
    ::chmod(to.c_str(), 0755);
}

std::string reason_for(const PluginHost& host, const std::string& file_part) {
    for (const auto& r : host.refused())
        if (r.file.find(file_part) != std::string::npos) return r.reason;
    return {};
}
}  // namespace

TEST(PluginHost, LoadsGoodPluginWithStagesAndCriteria) {
    Registry r;
    PluginHost host(r);
    ASSERT_TRUE(host.load_file(fixtures + "/fixture-good.so"));
    ASSERT_NE(r.find_stage("fixture-mark"), nullptr);
    ASSERT_NE(r.find_criterion("fixture.first-char"), nullptr);
    const PluginInfo* p = r.plugin("fixture-good");
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->version, "1.2.3");
    EXPECT_EQ(r.owner_of_stage("fixture-mark"), "fixture-good");
}

TEST(PluginHost, RefusesEachBadFixtureWithReason) {
    Registry r;
    register_builtins(r);
    PluginHost host(r);
    host.load_dirs({fixtures});
    EXPECT_NE(r.plugin("fixture-good"), nullptr);
    EXPECT_NE(reason_for(host, "fixture-wrong-abi.so").find("has ABI 999, pingcha expects 2"), std::string::npos)
        << reason_for(host, "fixture-wrong-abi.so");
    EXPECT_NE(reason_for(host, "fixture-no-entry.so").find("no entry point"), std::string::npos);
    EXPECT_NE(reason_for(host, "fixture-unresolved.so").find("pingcha_fixture_symbol_nobody_defines"), std::string::npos)
        << reason_for(host, "fixture-unresolved.so");
    EXPECT_NE(reason_for(host, "fixture-throws.so").find("lexicon file missing"), std::string::npos);
    // The first of two plugins with the same stage wins; the second is refused, naming the first.
    EXPECT_NE(r.plugin("fixture-dup-a"), nullptr);
    EXPECT_EQ(r.plugin("fixture-dup-b"), nullptr);
    EXPECT_NE(reason_for(host, "fixture-dup-b.so").find("already provided by plugin 'fixture-dup-a'"), std::string::npos);
    // A failed registration leaves nothing behind.
    EXPECT_EQ(r.find_stage("fixture-never"), nullptr);
    EXPECT_EQ(r.plugin("fixture-throws"), nullptr);
    EXPECT_EQ(host.refused().size(), 5u);
}

TEST(PluginHost, RefusesFilesAndFoldersWritableByOthers) {
    const fs::path dir = fs::temp_directory_path() / ("pingcha-perm-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                             fs::perms::others_read | fs::perms::others_exec);
    const fs::path so = dir / "fixture-good.so";
    fs::copy_file(fixtures + "/fixture-good.so", so, fs::copy_options::overwrite_existing);
    ::chmod(so.c_str(), 0757);
    {
        Registry r;
        PluginHost host(r);
        EXPECT_FALSE(host.load_file(so.string()));
        EXPECT_NE(host.refused().at(0).reason.find("writable by others"), std::string::npos);
    }
    ::chmod(so.c_str(), 0755);
    ::chmod(dir.c_str(), 0777);
    {
        Registry r;
        PluginHost host(r);
        EXPECT_FALSE(host.load_file(so.string()));
        EXPECT_NE(host.refused().at(0).reason.find("folder"), std::string::npos);
    }
    ::chmod(dir.c_str(), 0755);
    {
        Registry r;
        PluginHost host(r);
        EXPECT_TRUE(host.load_file(so.string()));
    }
    fs::remove_all(dir);
}

TEST(PluginHost, MissingFileIsRefusedNotFatal) {
    Registry r;
    PluginHost host(r);
    EXPECT_FALSE(host.load_file("/nonexistent/plugin.so"));
    ASSERT_EQ(host.refused().size(), 1u);
}

// dlopen of a truncated plugin maps segments past the end of the file, and the first touch is
// SIGBUS: `pingcha plugins` and `score` died. The ELF headers and sizes are checked first.
TEST(PluginHost, TruncatedPluginIsRefusedNotACrash) {
    const fs::path dir = fs::temp_directory_path() / ("pingcha-truncated-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    ::chmod(dir.c_str(), 0755);
    const std::string good = fixtures + "/fixture-good.so";
    const std::uintmax_t size = fs::file_size(good);
    const std::uintmax_t segments = pingcha::test::elf_end_of_segments(good);
    ASSERT_GT(segments, 8192u);
    const std::pair<const char*, std::uintmax_t> cuts[] = {
        {"half.so", size / 2}, {"in-segments.so", segments / 2}, {"header-only.so", 40}, {"empty.so", 0}};
    for (const auto& [name, bytes] : cuts) {
        truncated_copy(good, dir / name, bytes);
        Registry r;
        PluginHost host(r);
        EXPECT_FALSE(host.load_file((dir / name).string())) << name;
        EXPECT_NE(reason_for(host, name).find("truncated"), std::string::npos)
            << name << ": " << reason_for(host, name);
        EXPECT_EQ(r.plugin("fixture-good"), nullptr) << name;
    }
    // Not an ELF file at all, and a FIFO (whose open must not wait for a writer).
    std::ofstream(dir / "text.so") << "#!/bin/sh\necho not a library, but long enough to hold an ELF header\n";
    ::chmod((dir / "text.so").c_str(), 0755);
    ASSERT_EQ(::mkfifo((dir / "fifo.so").c_str(), 0755), 0);
    for (const char* name : {"text.so", "fifo.so"}) {
        Registry r;
        PluginHost host(r);
        EXPECT_FALSE(host.load_file((dir / name).string())) << name;
    }
    {
        Registry r;
        PluginHost host(r);
        host.load_file((dir / "text.so").string());
        EXPECT_NE(reason_for(host, "text.so").find("not an ELF shared library"), std::string::npos)
            << reason_for(host, "text.so");
    }
    // The whole file still loads.
    truncated_copy(good, dir / "whole.so", size);
    Registry r;
    PluginHost host(r);
    EXPECT_TRUE(host.load_file((dir / "whole.so").string())) << reason_for(host, "whole.so");
    fs::remove_all(dir);
}
