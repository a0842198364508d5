#pragma once
// The values of a run that docs/hdf5-format.md documents as always finite (the energy
// ledgers, bills and accounts, the community benefit and its distribution) are checked
// before anything is written: an infinite or NaN kWh or EUR means the run went wrong
// (non-physical inputs, an overflow), and a file holding one would feed wrong figures to
// every reader. Datasets where NaN means "unknown" or "not computed" are not checked.
#include <string>

#include "accord/models/output/run_result.hpp"

namespace accord::models::output {

// Throws IoError "PATH: not written: /periods/bill has a non-finite value (inf) at period 3,
// participant 'x' (expected a finite number of EUR: ...)" at the first non-finite value.
void check_finite(const RunResult& run, const PeriodEnergy& energy, const std::string& path);

}  // namespace accord::models::output
