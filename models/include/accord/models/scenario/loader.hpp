#pragma once
// Loading and validating scenario files. All problems are collected and thrown together as
// accord::ConfigErrors (one "FILE:LINE:COL: message (key.path)" line each).
#include <optional>
#include <string>
#include <vector>

#include "accord/models/scenario/scenario.hpp"

namespace accord::models {

struct LoadOptions {
  std::vector<std::string> overrides;  // "key.path=value" from --set, applied before validation
  std::optional<uint64_t> seed;        // --seed, wins over the file and --set
  uint32_t replicate = 0;
  // Memory a run may use, in bytes; unset: the machine's physical memory. A run whose
  // per-step ledgers need more is refused at time.end (tests set it to stay independent of
  // the machine).
  std::optional<double> available_memory_bytes;
  // Runs made at the same time in this process (a sweep's -j): each may use its share of the
  // memory, and the refusal says so.
  int parallel_runs = 1;
  // The run streams its per-step ledgers to its file as the periods close (`accord run` at
  // detail full, output::LedgerStream): they are not held, and not counted.
  bool streamed_ledgers = false;
};

Scenario load_scenario(const std::string& path, const LoadOptions& options = {});
// Same, from text (tests); `file_label` names it in messages, `base_dir` resolves CSV paths.
Scenario load_scenario_text(const std::string& yaml, const std::string& file_label,
                            const std::string& base_dir, const LoadOptions& options = {});

}  // namespace accord::models
