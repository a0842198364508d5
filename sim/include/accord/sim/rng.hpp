#pragma once
// Counter-based random numbers (Random123 Philox4x64-10). A draw is a pure function of
// (seed, replicate, purpose, entity, step, index): no generator state, nothing shared between
// threads, and a new draw in one submodel never shifts another's numbers.
#include <cstdint>

namespace accord::sim {

// Stream purposes. Add new ones at the end; never renumber (it would change results).
enum class Purpose : uint32_t {
  kProfileVariation = 1,  // day-to-day variation of generated load profiles
  kProfileShape = 2,      // per-participant shape parameters of generated profiles
  kCloudiness = 3,        // daily clear-sky index of PV
  kGroupAttributes = 4,   // incomes and sizes of generated participant groups
  kGovernance = 5,        // agent choices in governance rounds
  kDynamics = 6,          // trust, satisfaction, membership
  kSweep = 7,             // sweep design sampling
  kBenefitSampling = 8,   // sampled Shapley values and sampled core diagnostics
  kBehaviour = 9,         // behaviour parameters drawn for the members of a group
  kLifecycle = 10,        // durations, barriers and drawn events of the project lifecycle
};

class RandomStream {
 public:
  RandomStream(uint64_t seed, uint32_t replicate, Purpose purpose, uint64_t entity)
      : seed_(seed), replicate_(replicate), purpose_(purpose), entity_(entity) {}

  // Four independent 64-bit words for (step, index).
  void raw(uint64_t step, uint64_t index, uint64_t out[4]) const;
  // Uniform in [0, 1) with 53 random bits.
  double uniform(uint64_t step, uint64_t index = 0) const;
  // Standard normal (Box-Muller on two words of the same counter).
  double normal(uint64_t step, uint64_t index = 0) const;

 private:
  uint64_t seed_;
  uint32_t replicate_;
  Purpose purpose_;
  uint64_t entity_;
};

// Stable 64-bit entity key of a string id (FNV-1a), so that draws follow ids, not positions.
uint64_t entity_key(const char* id, std::size_t length);
template <class S>
uint64_t entity_key(const S& id) {
  return entity_key(id.data(), id.size());
}

}  // namespace accord::sim
