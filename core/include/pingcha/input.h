// Inputs of a run: files and folders (recursively, name order) and .jsonl archives, one document each.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pingcha/document.h"

namespace pingcha {

struct InputOptions {
    std::string id_field = "id";
    std::string text_field = "text";
    std::uint64_t max_line_bytes = 64ull << 20;
};

// One input file. A path the user named is read even when it is a symbolic link; a symbolic link
// met inside a folder is not followed (its document fails as unsupported), so that a link planted in
// an inbox or an archive folder cannot make pingcha read, say, /etc/passwd.
struct InputFile {
    std::string path;
    bool is_named = true;  // false: found while walking a folder
};

// Expands paths into the list of input files. Throws ConfigError for a path that does not
// exist; a folder contributes its entries with a known extension (symbolic links and other
// non-regular files too, to be refused with a reason), hidden files skipped.
std::vector<InputFile> expand_inputs(const std::vector<std::string>& paths);

bool is_known_input_extension(const std::string& path);
// Media type from the first bytes (magic), else from the extension; "" when unknown.
std::string probe_media_type(std::string_view head, const std::string& path);

// Reads the inputs one document at a time: a .jsonl file yields one document per line
// (a bad line yields a failed document), any other file one document whose bytes the
// decode stage reads. A symbolic link found in a folder, or a .jsonl that is not a regular file
// (a FIFO would block), yields a failed document at once.
class InputReader {
public:
    InputReader(std::vector<InputFile> files, InputOptions options);
    // Every file as named by the user.
    InputReader(const std::vector<std::string>& files, InputOptions options);
    ~InputReader();
    std::optional<Document> next();

private:
    struct State;
    std::vector<InputFile> files_;
    InputOptions options_;
    std::size_t index_ = 0;
    std::unique_ptr<State> state_;
};

// How many documents an InputReader over these files will yield, counted without parsing (for a
// progress display): a .jsonl file's lines that are not blank, one for any other file and for a
// .jsonl that cannot be read.
std::size_t count_documents(const std::vector<InputFile>& files);

std::string sha256_hex(std::string_view bytes);
std::string file_stem(const std::string& path);

}  // namespace pingcha
