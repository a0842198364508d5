#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "accord/sim/phase_scheduler.hpp"

using namespace accord::sim;

namespace {
struct Recorder : PhaseHandler {
  std::vector<std::string> log;
  int64_t steps = 0;
  void run_steps(int64_t a, int64_t b) override { steps += b - a; }
  void close_period(int64_t m) override { log.push_back("close" + std::to_string(m)); }
  void governance_round(int64_t m) override { log.push_back("gov" + std::to_string(m)); }
  void social_dynamics(int64_t m) override { log.push_back("dyn" + std::to_string(m)); }
  void lifecycle_events(int64_t m) override { log.push_back("life" + std::to_string(m)); }
};
}  // namespace

TEST_CASE("phases run in the contract order and at their rates", "[scheduler]") {
  const TimeZone paris = TimeZone::from_name("Europe/Paris");
  const TimeGrid grid =
      TimeGrid::covering(paris.to_utc(2025, 1, 1), paris.to_utc(2025, 7, 1), 3600);
  const StepCalendar cal = StepCalendar::build(grid, paris);
  Recorder r;
  PhaseScheduler s(cal, PhaseRates{3, 1});
  s.run(r);
  CHECK(r.steps == grid.steps);
  const std::vector<std::string> expected{
      "close0", "dyn0", "life0", "close1", "dyn1", "life1", "close2", "gov2", "dyn2", "life2",
      "close3", "dyn3", "life3", "close4", "dyn4", "life4", "close5", "gov5", "dyn5", "life5"};
  CHECK(r.log == expected);
}

TEST_CASE("stepping one step at a time matches running by periods", "[scheduler]") {
  const TimeZone paris = TimeZone::from_name("Europe/Paris");
  const TimeGrid grid =
      TimeGrid::covering(paris.to_utc(2025, 1, 20), paris.to_utc(2025, 3, 5), 1800);
  const StepCalendar cal = StepCalendar::build(grid, paris);
  Recorder by_step, by_period;
  PhaseScheduler a(cal, PhaseRates{1, 1}), b(cal, PhaseRates{1, 1});
  while (a.step(by_step)) {
  }
  b.run(by_period);
  CHECK(by_step.steps == grid.steps);
  CHECK(by_step.log == by_period.log);
  CHECK(by_step.log.front() == "close0");
  CHECK(cal.periods() == 3);
}
