// Tests for the plugin host with fixture plugins: every refusal names the file and the reason.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "pingcha/builtins.h"
#include "pingcha/plugin_host.h"

using namespace pingcha;
namespace fs = std::filesystem;

namespace {
const std::string fixtures = std::string(PINGCHA_BINARY_DIR) + "/tests/fixtures/plugins";

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
