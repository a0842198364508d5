#pragma once
// Phase 5: the project's lifecycle (docs/lifecycle.md). A run with a `lifecycle:` section
// starts at the initiators' first meeting (time.start). The road to operation is drawn phase
// by phase from one keyed stream: emergence, feasibility, recruitment, structuring, grid
// agreement; each phase's duration is a triangular draw scaled by the actors engaged when it
// starts (an expert shortens studies, a mediator recruitment; a municipality short of staff
// hours structures slowly), and its barriers (a bad design without expertise, economics below
// what the initiators accept, too few founders and recruits, statutes unsettled, a derogation
// pending) delay or stop the project. The study's economics and the recruits are valued during
// the run (after the period their date falls in); the rest is planned at construction. Before
// the start nobody is a member and the plants do not produce for the operation; from the start
// the founding members (and recruits) share. During operation, phase 5 applies dated anchor
// exits, renewal votes' refusals and dissolves an operation left with too few members. Plant
// outages (dated or drawn inverter failures) remove the plants' production over their days.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "accord/models/output/run_result.hpp"
#include "accord/models/scenario/scenario.hpp"
#include "accord/sim/rng.hpp"
#include "accord/sim/time_grid.hpp"

namespace accord::models {

class MembershipPhase;

class LifecyclePhase {
 public:
  LifecyclePhase(const Scenario& scenario, const sim::TimeGrid& grid,
                 const sim::StepCalendar& calendar);

  // Whether the operation runs in `period` (members share production).
  bool operating(int64_t period) const;
  // Whether `period` comes before the start (or the start is not known yet, or never comes):
  // the plants do not produce for the operation then.
  bool before_start(int64_t period) const;
  // Whether the project is still on its way in `period` (emergence to grid agreement).
  bool on_the_road(int64_t period) const;
  // Removes production during outages from `production`, the rows of steps first_step, ...
  // (in place; the simulation removes it before the start, period by period).
  void apply_outages(economics::RowMatrix& production, int64_t first_step) const;
  // Before the run: writes who is a member before the start (nobody) and from it (the
  // founders, when the start is known).
  void initial_membership(output::MemberMatrix& member) const;
  // After period m: anchor exits dated in m leave from m + 1; an operation with fewer than
  // the minimum members for too long dissolves from m + 1.
  // What the founders' benefit would be over periods [first, last) as a share of their
  // reference bills (the feasibility study's economics, Simulation::evaluate).
  using SavingsShare = std::function<double(int64_t first_period, int64_t last_period)>;
  void after_period(int64_t period, output::MemberMatrix& member, MembershipPhase* membership,
                    const SavingsShare& savings_share);
  // Whether the round after `period` must put the operation's renewal to a vote
  // (lifecycle.renewal: a renewal date at or before the round, not voted yet).
  bool renewal_due(int64_t period) const;
  // The vote of the round after `period`: recorded as an event; a refusal dissolves the
  // operation from period + 1.
  void renewal_voted(int64_t period, bool refused, const std::string& decided_by,
                     output::MemberMatrix& member, MembershipPhase* membership);
  output::LifecycleRecord take_record();

 private:
  void plan_road_to_operation();
  void plan_from_recruitment(int64_t t_utc);
  void plan_from_structuring(int64_t t_utc);
  // After period m, with barriers.min_savings_share: the study's economics (the year after
  // it) decide whether the project goes on to recruitment.
  void feasibility_check(int64_t period, const SavingsShare& savings_share,
                         output::MemberMatrix& member, MembershipPhase* membership);
  void start_members(output::MemberMatrix& member, MembershipPhase* membership);
  // After period m, with dynamics.membership: the founders still there and the applicants
  // recruited by the end of recruitment (or of the stall after it) decide whether the project
  // goes on; the recruits join with the founders at the start.
  void recruitment_check(int64_t period, output::MemberMatrix& member, MembershipPhase* membership);
  bool engaged(int64_t t_utc, bool expertise) const;
  double duration(const MonthsSpec& months, uint64_t step) const;
  void enter(int64_t t_utc, ProjectPhase phase, const std::string& cause);
  void abandon(int64_t t_utc, ProjectPhase in, const std::string& cause);
  int64_t stall_seconds() const;
  std::string too_few(int64_t members) const;
  void plan_outages();
  void add_event(int64_t t_utc, const std::string& type, const std::string& subject,
                 const std::string& cause);
  int64_t period_at(int64_t t_utc) const;  // the period holding t (last one past the end)
  // The first period that begins at or after t (the number of periods past the end): a
  // period's phase is the one it begins in.
  int64_t first_period_from(int64_t t_utc) const;
  void set_phase_from(int64_t first_period, ProjectPhase phase);
  // Nobody is a member from period + 1 on; the phase is `dissolved` from it.
  void dissolve(int64_t period, output::MemberMatrix& member, MembershipPhase* membership,
                const std::string& cause);
  // Renewal dates of the operation at or before t.
  int64_t renewal_dates_until(int64_t t_utc) const;

  const Scenario& scenario_;
  const sim::TimeGrid& grid_;
  const sim::StepCalendar& calendar_;
  const LifecycleSpec& spec_;
  int64_t start_period_ = -1;     // first operating period, -1: never within the run (or not yet)
  sim::RandomStream road_draws_;  // every draw of the road to operation
  bool recruiting_mediator_ = false;  // a mediator engaged when recruitment began
  // With dynamics.membership: when the members are counted (end of recruitment, then end of
  // the stall), -1 once decided.
  int64_t recruitment_check_utc_ = -1;
  int64_t feasibility_check_utc_ = -1;  // with min_savings_share: when the study is valued
  std::vector<uint8_t> gone_;           // [N] left by an anchor exit
  bool stalled_ = false;
  struct Outage {
    int producer;
    int64_t from_utc, to_utc;
  };
  std::vector<Outage> outages_;
  int low_periods_ = 0;         // consecutive operating periods below the minimum of members
  int64_t renewals_voted_ = 0;  // renewal dates already put to a vote
  output::LifecycleRecord record_;
};

}  // namespace accord::models
