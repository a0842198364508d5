#pragma once
// The six per-step ledgers of /energy (detail full): names, what they hold and how they are
// stored. Shared by the recorder, which writes them from whole [T, N] arrays, and the ledger
// stream, which writes them period by period as the run goes: both give the same datasets.
#include <array>

#include "accord/sim/h5/dataset.hpp"

namespace accord::models::output {

struct StepSeries {
  const char* name;
  bool per_participant;  // [T, N], else [T, P]
  const char* description;
};

// In the order they are written (and handed to LedgerStream::append).
inline constexpr std::array<StepSeries, 6> kStepSeries = {{
    {"consumption", true, "Withdrawal of each participant (CONS)"},
    {"allocated", true, "Allocated local production (AUTOCONS)"},
    {"supplied", true, "Complement from the supplier (COMPLEMENT)"},
    {"production", false, "Injection of each producer (PROD)"},
    {"autoprod", false, "Part allocated to the operation (AUTOPROD)"},
    {"surplus", false, "Unallocated injection (SURPLUS)"},
}};

// Per-step arrays: light deflate with shuffle; level 1 is most of the gain of level 4 on
// kWh series at a fraction of the time (see docs/hdf5-format.md).
inline constexpr int kSeriesDeflate = 1;

inline sim::h5::WriteOptions step_series_options(const StepSeries& s) {
  return sim::h5::WriteOptions::with("kWh", s.description).compress(kSeriesDeflate);
}

inline constexpr const char* kEnergyGroupDescription =
    "Per-step energy ledger (kWh per metering step)";

}  // namespace accord::models::output
