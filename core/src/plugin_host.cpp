// Loads plugin shared libraries: checks ownership and permissions, the entry point and ABI, then registration.
#include "pingcha/plugin_host.h"

#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

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

// dlopen maps a plugin's segments and touches them: a page past the end of a truncated file is
// SIGBUS, which no refusal can catch. So the ELF header, the program and section header tables and
// every segment's bytes must lie inside the file before dlopen sees it. Read with pread, never mapped.
std::string elf_problem(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) return std::string("cannot be opened: ") + std::strerror(errno);
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st{};
    if (::fstat(fd, &st) != 0) return std::string("cannot stat the file: ") + std::strerror(errno);
    if (!S_ISREG(st.st_mode)) return "is not a regular file";
    const auto size = static_cast<std::uint64_t>(st.st_size);
    auto read_at = [&](void* into, std::uint64_t bytes, std::uint64_t offset) {
        return offset <= size && bytes <= size - offset &&
               ::pread(fd, into, bytes, static_cast<off_t>(offset)) == static_cast<ssize_t>(bytes);
    };
    auto truncated = [&](const std::string& what, std::uint64_t end) {
        return "is truncated or damaged: its " + what + " ends at byte " + std::to_string(end) +
               " but the file has " + std::to_string(size) + " bytes";
    };

    ElfW(Ehdr) eh{};
    if (!read_at(&eh, sizeof eh, 0) || std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0)
        return size < sizeof eh ? truncated("ELF header", sizeof eh)
                                : "is not an ELF shared library (no ELF header)";
#if __SIZEOF_POINTER__ == 8
    constexpr unsigned char native_class = ELFCLASS64;
#else
    constexpr unsigned char native_class = ELFCLASS32;
#endif
    if (eh.e_ident[EI_CLASS] != native_class) return "is an ELF file for another word size (32/64-bit)";
    if (eh.e_type != ET_DYN) return "is an ELF file but not a shared library";
    if (eh.e_phentsize != sizeof(ElfW(Phdr)) || (eh.e_shnum != 0 && eh.e_shentsize != sizeof(ElfW(Shdr))))
        return "is a damaged ELF file (unexpected header entry sizes)";

    // Counts that do not fit the header's 16 bits live in the first section header.
    std::uint64_t phnum = eh.e_phnum, shnum = eh.e_shnum;
    if (eh.e_shoff != 0 && (phnum == PN_XNUM || shnum == 0)) {
        ElfW(Shdr) first{};
        if (!read_at(&first, sizeof first, eh.e_shoff))
            return truncated("section header table", eh.e_shoff + sizeof first);
        if (phnum == PN_XNUM) phnum = first.sh_info;
        if (shnum == 0) shnum = first.sh_size;
    }
    if (phnum == 0) return "is a damaged ELF file (no program headers)";
    // Counts beyond what the file could hold are refused before any multiplication can overflow.
    if (phnum > size / sizeof(ElfW(Phdr)) || (eh.e_shoff != 0 && shnum > size / sizeof(ElfW(Shdr))))
        return "is a damaged ELF file (more headers than the file can hold)";
    const std::uint64_t ph_end = eh.e_phoff + phnum * sizeof(ElfW(Phdr));
    if (ph_end > size || ph_end < eh.e_phoff) return truncated("program header table", ph_end);
    if (eh.e_shoff != 0) {
        const std::uint64_t sh_end = eh.e_shoff + shnum * sizeof(ElfW(Shdr));
        if (sh_end > size || sh_end < eh.e_shoff) return truncated("section header table", sh_end);
    }
    std::vector<ElfW(Phdr)> phdrs(phnum);
    if (!read_at(phdrs.data(), phnum * sizeof(ElfW(Phdr)), eh.e_phoff))
        return truncated("program header table", ph_end);
    for (const auto& ph : phdrs) {
        if (ph.p_type != PT_LOAD && ph.p_type != PT_DYNAMIC && ph.p_type != PT_INTERP) continue;
        const std::uint64_t end = static_cast<std::uint64_t>(ph.p_offset) + ph.p_filesz;
        if (end > size || end < ph.p_offset)
            return truncated(ph.p_type == PT_LOAD      ? "loadable segment"
                             : ph.p_type == PT_DYNAMIC ? "dynamic section"
                                                       : "interpreter name",
                             end);
    }
    return {};
}

// A refused file registered nothing: what it would have provided is guessed from its name, the
// plugin's by convention (structure.so, ocr-tesseract.so, liaoning-benxi.so).
bool is_named_after(const std::string& file, const std::string& wanted) {
    const std::string stem = fs::path(file).stem().string();
    return !wanted.empty() && (stem == wanted || stem.rfind(wanted + "-", 0) == 0);
}

// The plugin a criterion id names by the court plugins' convention: court.NAME.* -> NAME.
std::string plugin_named_by_criterion(const std::string& id) {
    if (id.rfind("court.", 0) != 0) return {};
    const std::string rest = id.substr(6);
    const std::string name = rest.substr(0, rest.find('.'));
    return name == "*" ? std::string() : name;
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
    if (auto problem = elf_problem(path); !problem.empty()) return refuse(problem);

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

std::string PluginHost::refusals_that_may_provide(const std::string& wanted) const {
    std::vector<const RefusedPlugin*> named;
    for (const auto& r : refused_)
        if (is_named_after(r.file, wanted)) named.push_back(&r);
    if (named.size() == 1)
        return "plugin " + named[0]->file + " would provide it but was refused: " + named[0]->reason;
    if (named.empty())
        for (const auto& r : refused_) named.push_back(&r);
    std::string out =
        named.size() == 1 ? "a refused plugin may provide it: " : "refused plugins that may provide it: ";
    for (std::size_t i = 0; i < named.size(); ++i)
        out += (i ? "; " : "") + named[i]->file + ": " + named[i]->reason;
    return out;
}

void PluginHost::require_stages(const PipelineDesc& desc) const {
    if (refused_.empty()) return;
    for (const auto& call : desc.stages)
        if (!registry_.find_stage(call.name))
            throw NeededPluginRefused(desc.file + ":" + std::to_string(call.line) + ":" +
                                      std::to_string(call.column) + ": unknown stage '" + call.name +
                                      "' of pipeline " + desc.name + ": " + refusals_that_may_provide(call.name));
}

void PluginHost::require_criteria(const Sheet& sheet) const {
    if (refused_.empty()) return;
    auto is_provided = [&](const std::string& key) {
        if (key.size() > 2 && key.compare(key.size() - 2, 2, ".*") == 0) {
            const std::string prefix = key.substr(0, key.size() - 1);  // keeps the dot
            return std::any_of(registry_.criteria().begin(), registry_.criteria().end(),
                               [&](const CriterionSpec& c) { return c.id.rfind(prefix, 0) == 0; });
        }
        return registry_.find_criterion(key) != nullptr;
    };
    std::vector<std::string> missing;
    for (const auto& [key, rule] : sheet.rules)
        if (!is_provided(key)) missing.push_back(key);
    if (missing.empty()) return;
    std::string more;
    if (missing.size() > 1)
        more = " (and " + std::to_string(missing.size() - 1) + " more of its criteria)";
    throw NeededPluginRefused("sheet " + sheet.name + " (" + sheet.file + ") lists criterion '" + missing.front() +
                              "', which no loaded plugin provides" + more + ": " +
                              refusals_that_may_provide(plugin_named_by_criterion(missing.front())));
}

std::unique_ptr<Pipeline> load_checked_pipeline(
    const std::string& name_or_path, const PluginHost& host, const std::vector<std::string>& data_dirs,
    const std::map<std::string, std::map<std::string, std::string>>& overrides, std::optional<Sheet>* sheet) {
    PipelineDesc desc = load_pipeline(name_or_path, data_dirs);
    host.require_stages(desc);
    auto pipeline = std::make_unique<Pipeline>(std::move(desc), host.registry(), overrides);
    if (const Params* sp = pipeline->params_of("score")) {
        Sheet s = load_sheet(sp->get("sheet"), data_dirs);
        host.require_criteria(s);
        if (sheet) *sheet = std::move(s);
    }
    return pipeline;
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
