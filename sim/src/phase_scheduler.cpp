#include "accord/sim/phase_scheduler.hpp"

namespace accord::sim {

bool PhaseScheduler::finished() const {
  return next_step_ >= static_cast<int64_t>(calendar_->period.size());
}

void PhaseScheduler::end_of_period(PhaseHandler& handler, int64_t period) {
  handler.close_period(period);
  const int64_t ordinal = period + 1;  // periods completed so far
  if (rates_.governance_every_periods > 0 && ordinal % rates_.governance_every_periods == 0)
    handler.governance_round(period);
  if (rates_.dynamics_every_periods > 0 && ordinal % rates_.dynamics_every_periods == 0)
    handler.social_dynamics(period);
  handler.lifecycle_events(period);
}

bool PhaseScheduler::step(PhaseHandler& handler) {
  if (finished()) return false;
  const int64_t t = next_step_;
  const int64_t period = calendar_->period[static_cast<size_t>(t)];
  handler.run_steps(t, t + 1);
  ++next_step_;
  if (next_step_ == calendar_->period_first_step[static_cast<size_t>(period) + 1])
    end_of_period(handler, period);
  return !finished();
}

bool PhaseScheduler::advance_period(PhaseHandler& handler) {
  if (finished()) return false;
  const int64_t period = calendar_->period[static_cast<size_t>(next_step_)];
  const int64_t end = calendar_->period_first_step[static_cast<size_t>(period) + 1];
  handler.run_steps(next_step_, end);
  next_step_ = end;
  end_of_period(handler, period);
  return !finished();
}

void PhaseScheduler::run(PhaseHandler& handler) {
  while (advance_period(handler)) {
  }
}

}  // namespace accord::sim
