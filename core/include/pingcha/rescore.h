// Re-scoring the stored archive: stored text through a pipeline without decode/OCR, resumable.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "pingcha/pipeline.h"
#include "pingcha/store.h"

namespace pingcha {

struct RescoreOptions {
    std::string campaign;
    StoreFilter filter;
    int jobs = 1;
    // Results are committed every batch_size documents or batch_ms, whichever comes first;
    // a killed run loses (and a re-run redoes) at most the open batch.
    std::size_t batch_size = 500;
    int batch_ms = 1000;
    // Called from one thread after each document: done so far (failed ones among them), to do in this run.
    std::function<void(std::size_t done, std::size_t failed, std::size_t total)> progress;
};

struct RescoreStats {
    std::size_t selected = 0;  // documents matching the filter and shard
    std::size_t skipped = 0;   // already scored under the same campaign, sheet version and plugin set
    std::size_t scored = 0;    // scored now (failed included)
    std::size_t failed = 0;
    double seconds = 0;
    std::string sheet, sheet_version, plugins;
};

// The sheet and plugin set a pipeline would record, without running it. Throws ConfigError
// when the pipeline has no score stage or its sheet cannot be read.
void rescore_key(const Pipeline& pipeline, const RunContext& ctx, std::string& sheet, std::string& sheet_version,
                 std::string& plugins);

// Scores every selected document not yet scored under the same key and records the runs.
// The pipeline must start after decoding (documents come with their text and a reset view).
RescoreStats rescore(Store& store, const Pipeline& pipeline, const RunContext& ctx, const RescoreOptions& options);

}  // namespace pingcha
