// Runs a pipeline over many documents on N threads and hands results back in input order.
#pragma once

#include <functional>
#include <optional>

#include "pingcha/pipeline.h"

namespace pingcha {

struct RunStats {
    std::size_t documents = 0;
    std::size_t failed = 0;
};

// `next` yields documents (called from one thread); `sink` receives finished documents in the
// order `next` produced them (called from one thread). jobs >= 1. An exception from `next`, `sink`
// or a worker (a stage failing to instantiate) stops the run: every worker thread is joined, then
// that exception is rethrown to the caller.
RunStats run_pipeline(const Pipeline& pipeline, const RunContext& ctx, int jobs,
                      const std::function<std::optional<Document>()>& next,
                      const std::function<void(Document&)>& sink);

}  // namespace pingcha
