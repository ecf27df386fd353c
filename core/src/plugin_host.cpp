// Loads plugin shared libraries: checks ownership and permissions, the entry point and ABI, then registration.
#include "pingcha/plugin_host.h"

#include <dlfcn.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "pingcha/plugin/abi.h"

namespace fs = std::filesystem;

namespace pingcha {

namespace {

bool is_plugin_file_name(const std::string& name) {
    return name.size() > 3 && name.compare(name.size() - 3, 3, ".so") == 0 && name[0] != '.';
}

// A plugin anyone can replace runs code as whoever runs pingcha: refuse it, and its folder.
std::string permission_problem(const std::string& path) {
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0) return "cannot stat the file";
    if (st.st_mode & S_IWOTH) return "the file is writable by others (chmod o-w)";
    const std::string dir = fs::path(path).parent_path().string();
    struct stat dst{};
    if (::stat(dir.empty() ? "." : dir.c_str(), &dst) == 0 && (dst.st_mode & S_IWOTH) &&
        !(dst.st_mode & S_ISVTX))
        return "its folder " + dir + " is writable by others (chmod o-w)";
    return {};
}

}  // namespace

void PluginHost::load_dirs(const std::vector<std::string>& dirs) {
    for (const auto& dir : dirs) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) continue;
        std::vector<std::string> files;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            const std::string name = entry.path().filename().string();
            if (is_plugin_file_name(name) && entry.is_regular_file(ec)) files.push_back(entry.path().string());
        }
        std::sort(files.begin(), files.end());
        for (const auto& f : files) load_file(f);
    }
}

bool PluginHost::load_file(const std::string& path_in) {
    std::error_code ec;
    const std::string path = fs::weakly_canonical(path_in, ec).string();
    if (std::find(loaded_files_.begin(), loaded_files_.end(), path) != loaded_files_.end()) return true;
    auto refuse = [&](const std::string& reason) {
        refused_.push_back({path, reason});
        return false;
    };
    if (auto problem = permission_problem(path); !problem.empty()) return refuse(problem);

    // Never dlclose: stages, criteria and their data live as long as the process.
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* err = ::dlerror();
        return refuse(std::string("cannot be loaded: ") + (err ? err : "unknown dlopen error"));
    }
    auto entry = reinterpret_cast<pingcha_plugin_entry_fn>(::dlsym(handle, PINGCHA_PLUGIN_ENTRY));
    if (!entry) return refuse("has no entry point '" PINGCHA_PLUGIN_ENTRY "' (not a pingcha plugin?)");
    const pingcha_plugin_desc* desc = entry();
    if (!desc) return refuse("its entry point returned no description");
    if (desc->abi_version != PINGCHA_PLUGIN_ABI)
        return refuse("plugin '" + fs::path(path).filename().string() + "' has ABI " +
                      std::to_string(desc->abi_version) + ", pingcha expects " +
                      std::to_string(PINGCHA_PLUGIN_ABI) + "; rebuild it against this pingcha");
    if (!desc->name || !*desc->name || !desc->version || !desc->register_stages)
        return refuse("its description lacks a name, version or registration function");
    if (const PluginInfo* other = registry_.plugin(desc->name))
        return refuse(std::string("a plugin named '") + desc->name + "' is already loaded from " +
                      other->file);

    PluginInfo info;
    info.name = desc->name;
    info.version = desc->version;
    info.abi_version = desc->abi_version;
    info.file = path;
    registry_.begin_plugin(info);
    char error[1024] = {0};
    int status = 1;
    const std::string dir = fs::path(path).parent_path().string();
    try {
        status = desc->register_stages(reinterpret_cast<pingcha_registry*>(&registry_), dir.c_str(),
                                       error, sizeof error);
    } catch (const std::exception& e) {
        std::snprintf(error, sizeof error, "%s", e.what());
        status = 1;
    } catch (...) {
        std::snprintf(error, sizeof error, "unknown exception");
        status = 1;
    }
    if (status != 0) {
        registry_.rollback_plugin();
        return refuse(std::string("registration failed: ") + (error[0] ? error : "no reason given"));
    }
    registry_.commit_plugin();
    loaded_files_.push_back(path);
    return true;
}

std::vector<std::string> PluginHost::search_path(const std::vector<std::string>& cli_dirs,
                                                 const std::string& exe_path) {
    std::vector<std::string> dirs = cli_dirs;
    if (const char* env = std::getenv("PINGCHA_PLUGIN_PATH")) {
        std::string s = env;
        std::size_t pos = 0;
        while (pos <= s.size()) {
            const std::size_t colon = s.find(':', pos);
            const std::string part = s.substr(pos, colon == std::string::npos ? std::string::npos : colon - pos);
            if (!part.empty()) dirs.push_back(part);
            if (colon == std::string::npos) break;
            pos = colon + 1;
        }
    }
    if (!exe_path.empty()) {
        // Build tree: build/bin/pingcha with build/plugins/; install: bin/ with lib/pingcha/plugins/.
        const fs::path bin = fs::path(exe_path).parent_path();
        dirs.push_back((bin.parent_path() / "plugins").string());
        dirs.push_back((bin.parent_path() / "lib" / "pingcha" / "plugins").string());
    }
    return dirs;
}

}  // namespace pingcha
