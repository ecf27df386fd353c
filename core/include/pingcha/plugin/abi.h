/* The plugin ABI: the one C entry point every pingcha plugin exports.
   Bump PINGCHA_PLUGIN_ABI whenever anything under pingcha/ that plugins compile against changes
   layout (document.h, stage.h, criterion.h, registry.h, this file). */
#ifndef PINGCHA_PLUGIN_ABI_H
#define PINGCHA_PLUGIN_ABI_H

#define PINGCHA_PLUGIN_ABI 2
#define PINGCHA_PLUGIN_ENTRY "pingcha_plugin_entry"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pingcha_registry pingcha_registry; /* opaque: a pingcha::Registry */

/* Adds the plugin's stages, criteria and resources. Returns 0 on success; otherwise writes a
   NUL-terminated reason into error (at most error_size bytes) and returns non-zero. */
typedef int (*pingcha_register_fn)(pingcha_registry* registry, const char* plugin_dir, char* error,
                                   unsigned long error_size);

typedef struct pingcha_plugin_desc {
    int abi_version;
    const char* name;
    const char* version;
    pingcha_register_fn register_stages;
} pingcha_plugin_desc;

typedef const pingcha_plugin_desc* (*pingcha_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#ifdef __cplusplus
#include <cstdio>
#include <exception>
#include <string>

namespace pingcha {
class Registry;
}

/* Declares a plugin. In exactly one .cpp of the plugin:
     static void register_all(pingcha::Registry& r, const std::string& plugin_dir) { ... }
     PINGCHA_PLUGIN("my-plugin", "1.0.0", register_all)
   Exceptions thrown by register_all become a refusal with their message. */
#define PINGCHA_PLUGIN(NAME, VERSION, FN)                                                          \
    static int pingcha_plugin_register_(pingcha_registry* r, const char* dir, char* err,           \
                                        unsigned long n) {                                         \
        try {                                                                                      \
            FN(*reinterpret_cast<pingcha::Registry*>(r), std::string(dir ? dir : ""));             \
            return 0;                                                                              \
        } catch (const std::exception& e) {                                                        \
            std::snprintf(err, n, "%s", e.what());                                                 \
        } catch (...) {                                                                            \
            std::snprintf(err, n, "unknown exception");                                            \
        }                                                                                          \
        return 1;                                                                                  \
    }                                                                                              \
    extern "C" __attribute__((visibility("default"))) const pingcha_plugin_desc*                   \
    pingcha_plugin_entry(void) {                                                                   \
        static const pingcha_plugin_desc desc = {PINGCHA_PLUGIN_ABI, NAME, VERSION,                \
                                                 &pingcha_plugin_register_};                       \
        return &desc;                                                                              \
    }
#endif

#endif
