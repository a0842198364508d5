#pragma once
// The one loop of a run, with its five phases at their own rates (DESIGN.md §2).
//
// Ordering contract, per billing period m (the loop in PhaseScheduler::advance):
//   1. step            every metering step of m, in blocks of steps (array work over members);
//                      uses the sharing key and prices in force at the start of m.
//   2. period close    once m's steps are done: bills, sales, PMO account, benefit of m.
//   3. governance      if a round is due at the end of m: it sees m's closed accounts and its
//                      decisions take effect from the first step of m + 1, never mid-period.
//   4. social dynamics after governance, so satisfaction reacts to m's money and decisions.
//   5. lifecycle       events dated within m + 1's start are applied last, so the next
//                      period starts from a consistent state.
// Steps are grouped by period because nothing may change a period's rules mid-period; this
// lets the step phase run as one block per period (no per-step dispatch).
#include <cstdint>

#include "accord/sim/time_grid.hpp"

namespace accord::sim {

// What a model provides for each phase. Called once per block / period, never per member.
class PhaseHandler {
 public:
  virtual ~PhaseHandler() = default;
  virtual void run_steps(int64_t first_step, int64_t last_step) = 0;  // [first, last)
  virtual void close_period(int64_t period) = 0;
  virtual void governance_round(int64_t period) = 0;
  virtual void social_dynamics(int64_t period) = 0;
  virtual void lifecycle_events(int64_t period) = 0;
};

struct PhaseRates {
  int64_t governance_every_periods = 0;  // 0 = no governance rounds
  int64_t dynamics_every_periods = 1;    // 0 = no social dynamics
};

class PhaseScheduler {
 public:
  PhaseScheduler(const StepCalendar& calendar, PhaseRates rates)
      : calendar_(&calendar), rates_(rates) {}

  // Runs one metering step (tests drive the loop step by step); closes the period and runs
  // the period-rate phases when the step was its last. Returns false when the run is over.
  bool step(PhaseHandler& handler);
  // Runs the rest of the current period (block of steps) and its period-rate phases.
  bool advance_period(PhaseHandler& handler);
  void run(PhaseHandler& handler);

  int64_t next_step() const { return next_step_; }
  bool finished() const;

 private:
  void end_of_period(PhaseHandler& handler, int64_t period);
  const StepCalendar* calendar_;
  PhaseRates rates_;
  int64_t next_step_ = 0;
};

}  // namespace accord::sim
