#include "accord/models/scenario/key_context.hpp"

namespace accord::models {

allocation::KeyContext key_context_of(const Scenario& s) {
  allocation::KeyContext kc;
  for (const auto& p : s.participants) {
    kc.participant_ids.push_back(p.id);
    kc.participation.push_back(p.key);
    kc.low_income.push_back(p.low_income ? 1 : 0);
  }
  for (const auto& p : s.producers) kc.producer_ids.push_back(p.id);
  kc.steps = (s.time.end_utc - s.time.start_utc) / s.time.step_seconds;
  kc.step_seconds = s.time.step_seconds;
  kc.start_utc = s.time.start_utc;
  kc.timezone = s.time.timezone;
  return kc;
}

}  // namespace accord::models
