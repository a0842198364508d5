#pragma once
// Sharing keys: how the pooled injection of each metering step is allocated among
// consumers. One strategy object per key type, built once from the scenario, then called
// on blocks of steps (one virtual call per block, array work inside).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "accord/models/scenario/specs.hpp"

namespace accord::models::allocation {

// What a key needs to know about the members, fixed for a run.
struct KeyContext {
  std::vector<std::string> participant_ids;     // [N]
  std::vector<std::string> producer_ids;        // [P]
  std::vector<KeyParticipation> participation;  // [N]
  std::vector<uint8_t> low_income;              // [N] 1 if eligible for social keys
  int64_t steps = 0;                            // T, for per-step coefficient files
  int64_t step_seconds = 1800;
  int64_t start_utc = 0;
  // Zone of coefficient-file timestamps written without a UTC offset (scenario time zone).
  std::string timezone = "Europe/Paris";
};

// Row-major [T, N] and [T, P] arrays; a call handles rows [t0, t1). Every array pointer is
// to row 0 of the full matrix; row t of X starts at X + t * n (or t * p).
struct AllocationView {
  int64_t t0 = 0;
  int64_t t1 = 0;
  int64_t n = 0;                        // consumers
  int64_t p = 0;                        // producers
  const double* consumption = nullptr;  // C  [T, N] kWh (withdrawal after self-consumption)
  const double* production = nullptr;   // P  [T, P] kWh injected
  double* allocated = nullptr;          // A  [T, N] kWh, out
  double* autoprod = nullptr;           //    [T, P] kWh allocated to the operation, out
  double* surplus = nullptr;            //    [T, P] kWh not allocated, out
  // Step of the run at row 0 of the arrays: per-step data of the key (coefficient files) is
  // read at t + step_offset. 0 when the arrays cover the run from its start; a period's first
  // step when they hold that period only (SimulationOptions::whole_ledger false).
  int64_t step_offset = 0;
};

class SharingKey {
 public:
  virtual ~SharingKey() = default;
  virtual const std::string& name() const = 0;
  // Fills allocated, autoprod and surplus for rows [t0, t1). Invariants: 0 <= A <= C,
  // sum A == sum autoprod, autoprod + surplus == production (to 1e-9 kWh).
  virtual void allocate(const AllocationView& view) const = 0;
};

// Builds the key named by spec.type; throws std::invalid_argument with a message that says
// what is wrong (unknown type with the known names, coefficients summing over 1, ...).
std::unique_ptr<SharingKey> make_sharing_key(const SharingKeySpec& spec, const KeyContext& ctx);

// Registered key type names.
std::vector<std::string> known_sharing_keys();

}  // namespace accord::models::allocation
