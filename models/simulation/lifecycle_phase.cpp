#include "lifecycle_phase.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "accord/sim/rng.hpp"
#include "membership_phase.hpp"

namespace accord::models {

namespace {

constexpr double kSecondsPerMonth = 365.25 / 12 * 86400;
constexpr double kSecondsPerYear = 365.25 * 86400;

const char* phase_name(ProjectPhase p) {
  static const char* const names[] = {"emergence",      "feasibility", "recruitment", "structuring",
                                      "grid_agreement", "operation",   "abandoned",   "dissolved"};
  return names[static_cast<int>(p)];
}

// Inverse CDF of the triangular distribution (min, mode, max) at u in [0, 1).
double triangular(const MonthsSpec& m, double u) {
  const double a = m.min, c = m.mode, b = m.max;
  if (b <= a) return a;
  const double f = (c - a) / (b - a);
  return u < f ? a + std::sqrt(u * (b - a) * (c - a)) : b - std::sqrt((1 - u) * (b - a) * (b - c));
}

// "14" for whole days, "2.5" otherwise.
std::string format_days(double days) {
  std::string text = std::to_string(days);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

int64_t months_to_seconds(double months) {
  return static_cast<int64_t>(std::llround(months * kSecondsPerMonth));
}

}  // namespace

LifecyclePhase::LifecyclePhase(const Scenario& scenario, const sim::TimeGrid& grid,
                               const sim::StepCalendar& calendar)
    : scenario_(scenario),
      grid_(grid),
      calendar_(calendar),
      spec_(scenario.lifecycle),
      road_draws_(scenario.seed, scenario.replicate, sim::Purpose::kLifecycle,
                  sim::entity_key(std::string("road_to_operation"))) {
  record_.enabled = true;
  record_.initiator = spec_.initiator;
  record_.phase.assign(static_cast<size_t>(calendar.periods()),
                       static_cast<uint8_t>(ProjectPhase::kEmergence));
  gone_.assign(scenario.participants.size(), 0);
  plan_road_to_operation();
  plan_outages();
}

int64_t LifecyclePhase::period_at(int64_t t_utc) const {
  const auto& starts = calendar_.period_start_utc;
  const auto it = std::upper_bound(starts.begin(), starts.end() - 1, t_utc);
  return std::max<int64_t>(0, (it - starts.begin()) - 1);
}

void LifecyclePhase::add_event(int64_t t_utc, const std::string& type, const std::string& subject,
                               const std::string& cause) {
  record_.events.push_back({period_at(t_utc), t_utc, type, subject, cause});
}

int64_t LifecyclePhase::first_period_from(int64_t t_utc) const {
  const auto& starts = calendar_.period_start_utc;
  return std::lower_bound(starts.begin(), starts.end() - 1, t_utc) - starts.begin();
}

void LifecyclePhase::set_phase_from(int64_t first_period, ProjectPhase phase) {
  for (size_t m = static_cast<size_t>(std::max<int64_t>(first_period, 0)); m < record_.phase.size();
       ++m)
    record_.phase[m] = static_cast<uint8_t>(phase);
}

bool LifecyclePhase::engaged(int64_t t, bool expertise) const {
  const auto& list = scenario_.actors.intermediaries;
  return std::any_of(list.begin(), list.end(), [&](const IntermediarySpec& im) {
    return (expertise ? im.expertise : im.mediation) && im.engaged_at(t);
  });
}

double LifecyclePhase::duration(const MonthsSpec& m, uint64_t step) const {
  return triangular(m, road_draws_.uniform(step));
}

void LifecyclePhase::enter(int64_t t, ProjectPhase phase, const std::string& cause) {
  set_phase_from(first_period_from(t), phase);
  add_event(std::min(t, scenario_.time.end_utc - 1), "phase", phase_name(phase), cause);
}

void LifecyclePhase::abandon(int64_t t, ProjectPhase in, const std::string& cause) {
  const int64_t end = scenario_.time.end_utc;
  if (t >= end) {  // the project would stop after the run: within it, it never started
    add_event(end - 1, "not_started", "", "the road to operation runs past the end of the run");
    return;
  }
  record_.abandoned_in = phase_name(in);
  record_.abandonment_cause = cause;
  set_phase_from(first_period_from(t), ProjectPhase::kAbandoned);
  add_event(t, "abandoned", phase_name(in), cause);
}

// The road from the first meeting to the start, drawn once (docs/lifecycle.md §2). With
// dynamics.membership the founders are counted at the end of recruitment, during the run
// (recruitment_check); the rest of the road is drawn then, from the same draws.
void LifecyclePhase::plan_road_to_operation() {
  const LifecycleBarriersSpec& b = spec_.barriers;
  int64_t t = scenario_.time.start_utc;
  enter(t, ProjectPhase::kEmergence, "initiated by " + spec_.initiator);
  t += months_to_seconds(duration(spec_.emergence, 0));

  // Feasibility: an engineering office shortens the study and avoids bad designs.
  const bool expert = engaged(t, true);
  enter(t, ProjectPhase::kFeasibility,
        expert ? "with an expertise intermediary" : "without expertise");
  t += months_to_seconds(duration(spec_.feasibility, 1) *
                         (expert ? b.expertise_duration_factor : 1));
  const double bad = expert ? b.bad_design_with_expertise : b.bad_design_without_expertise;
  if (road_draws_.uniform(10) < bad) {
    abandon(t, ProjectPhase::kFeasibility,
            expert ? "economics: no viable design found"
                   : "economics: no viable design found (no expertise engaged)");
    return;
  }
  // The study's economics are valued during the run, on the inputs of the year after it.
  if (b.min_savings_share && t > calendar_.period_start_utc[0]) {
    feasibility_check_utc_ = t;
    return;
  }
  plan_from_recruitment(t);
}

// From the end of feasibility at t: recruitment, then the rest of the road.
void LifecyclePhase::plan_from_recruitment(int64_t t) {
  const LifecycleBarriersSpec& b = spec_.barriers;
  // Recruitment: a mediator shortens it; without enough founders the project stalls, then stops.
  recruiting_mediator_ = engaged(t, false);
  enter(t, ProjectPhase::kRecruitment,
        recruiting_mediator_ ? "with a mediation intermediary" : "without mediation");
  t += months_to_seconds(duration(spec_.recruitment, 2) *
                         (recruiting_mediator_ ? b.mediation_duration_factor : 1));
  if (scenario_.dynamics.membership.enabled && t > calendar_.period_start_utc[0]) {
    recruitment_check_utc_ = t;  // counted during the run, recruits included
    return;
  }
  const auto founders = std::count_if(scenario_.participants.begin(), scenario_.participants.end(),
                                      [](const Participant& p) { return p.member_at_start; });
  if (founders < b.min_members) {
    abandon(t + stall_seconds(), ProjectPhase::kRecruitment, too_few(founders));
    return;
  }
  plan_from_structuring(t);
}

void LifecyclePhase::feasibility_check(int64_t period, const SavingsShare& savings_share,
                                       output::MemberMatrix& member, MembershipPhase* membership) {
  const int64_t t = feasibility_check_utc_;
  if (t < 0 || t > calendar_.period_start_utc[static_cast<size_t>(period) + 1]) return;
  feasibility_check_utc_ = -1;
  // The year of periods that follows the study, as far as the run goes.
  const int64_t first = first_period_from(t);
  const int64_t last = std::min<int64_t>(first + 12, calendar_.periods());
  const double share = first < last ? savings_share(first, last) : 0.0;
  const double floor = *spec_.barriers.min_savings_share;
  if (first < last && share < floor) {
    char cause[160];
    std::snprintf(cause, sizeof cause,
                  "economics below what the initiators accept (members' benefit %.1f %% of their "
                  "bills < %.1f %%)",
                  100 * share, 100 * floor);
    abandon(t, ProjectPhase::kFeasibility, cause);
    return;
  }
  plan_from_recruitment(t);
  if (start_period_ >= 0) start_members(member, membership);
}

// The start, decided during the run: the founders (and recruits) are members from it.
void LifecyclePhase::start_members(output::MemberMatrix& member, MembershipPhase* membership) {
  if (membership != nullptr) {
    membership->start_operation(start_period_, member);
    return;
  }
  const auto M = member.rows();
  for (size_t i = 0; i < scenario_.participants.size(); ++i)
    if (scenario_.participants[i].member_at_start && !gone_[i])
      member.col(static_cast<Eigen::Index>(i)).tail(M - start_period_).setOnes();
}

void LifecyclePhase::recruitment_check(int64_t period, output::MemberMatrix& member,
                                       MembershipPhase* membership) {
  const int64_t t = recruitment_check_utc_;
  // Counted after the last period that begins before t (at the start of the run, at once).
  if (t < 0 || t > calendar_.period_start_utc[static_cast<size_t>(period) + 1]) return;
  const auto count = static_cast<int64_t>(membership->founders_present() +
                                          membership->applicants_within_caps().size());
  if (count >= spec_.barriers.min_members) {
    recruitment_check_utc_ = -1;
    plan_from_structuring(t);
    if (start_period_ >= 0) start_members(member, membership);
    return;
  }
  if (!stalled_) {  // wait for more recruits, then count again
    stalled_ = true;
    recruitment_check_utc_ = t + stall_seconds();
    return;
  }
  recruitment_check_utc_ = -1;
  abandon(t, ProjectPhase::kRecruitment, too_few(count));
}

int64_t LifecyclePhase::stall_seconds() const {
  return months_to_seconds(spec_.barriers.stall_months * (recruiting_mediator_ ? 0.5 : 1));
}

std::string LifecyclePhase::too_few(int64_t members) const {
  return "too few members (" + std::to_string(members) + " < " +
         std::to_string(spec_.barriers.min_members) + ")";
}

// From the end of recruitment at t to the start.
void LifecyclePhase::plan_from_structuring(int64_t t) {
  const LifecycleBarriersSpec& b = spec_.barriers;
  const auto& actors = scenario_.actors;
  const int64_t end = scenario_.time.end_utc;
  // Structuring: the PMO's form and statutes, slower when the initiators are short of time
  // (the hours they give, or a leading municipality's staff hours); each unsettled attempt
  // adds a delay (a mediator settles more often).
  const bool municipal = !spec_.initiator_hours_per_year && spec_.initiator == "municipality" &&
                         actors.municipality.present;
  const bool short_staffed =
      spec_.initiator_hours_per_year ? *spec_.initiator_hours_per_year < b.staff_hours_needed
      : municipal ? actors.municipality.staff_hours_per_year < b.staff_hours_needed
                  : false;
  enter(t, ProjectPhase::kStructuring,
        !short_staffed ? ""
        : municipal    ? "municipal staff hours short"
                       : "initiators' hours short");
  const bool settling_mediator = engaged(t, false);
  const double unsettled =
      b.statutes_unsettled * (settling_mediator ? b.mediation_settles_factor : 1);
  int attempt = 0;
  while (attempt < b.max_attempts &&
         road_draws_.uniform(20 + static_cast<uint64_t>(attempt)) < unsettled) {
    ++attempt;
    t += months_to_seconds(b.unsettled_delay_months);
  }
  if (attempt == b.max_attempts) {
    abandon(t, ProjectPhase::kStructuring, "PMO legal form and statutes unsettled");
    return;
  }
  t += months_to_seconds(duration(spec_.structuring, 3) *
                         (short_staffed ? b.staff_shortage_factor : 1));

  // Grid agreement, and a derogation when the perimeter needs one.
  enter(t, ProjectPhase::kGridAgreement,
        scenario_.regulation.derogation ? "derogation pending" : "");
  t += months_to_seconds(duration(spec_.grid_agreement, 4));
  if (scenario_.regulation.derogation) {
    int64_t granted = -1;
    for (const auto& ev : spec_.events)
      if (ev.type == "derogation_granted")
        granted = granted < 0 ? ev.at_utc : std::min(granted, ev.at_utc);
    t = granted >= 0 ? std::max(t, granted)
                     : t + months_to_seconds(duration(b.derogation_months, 5));
    add_event(std::min(t, end - 1), "derogation_granted", "", granted >= 0 ? "dated" : "drawn");
  }
  // The operation starts with the first period that begins at or after t.
  const auto& starts = calendar_.period_start_utc;
  const auto it = std::lower_bound(starts.begin(), starts.end() - 1, t);
  if (it == starts.end() - 1) {
    add_event(end - 1, "not_started", "", "the road to operation runs past the end of the run");
    return;
  }
  start_period_ = it - starts.begin();
  enter(*it, ProjectPhase::kOperation, "");
  record_.start_period = start_period_;
}

// Dated outages, and inverter failures drawn as a Poisson process per plant.
void LifecyclePhase::plan_outages() {
  const auto& producers = scenario_.producers;
  auto index_of = [&](const std::string& id) {
    for (size_t p = 0; p < producers.size(); ++p)
      if (producers[p].id == id) return static_cast<int>(p);
    return -1;
  };
  for (const auto& ev : spec_.events) {
    if (ev.type == "outage") {
      const int p = index_of(ev.subject);
      outages_.push_back({p, ev.at_utc, ev.at_utc + static_cast<int64_t>(ev.days * 86400)});
      add_event(ev.at_utc, "outage", ev.subject, "dated, " + format_days(ev.days) + " days");
    } else if (ev.type == "inverter_failures" && ev.rate_per_year > 0) {
      for (size_t p = 0; p < producers.size(); ++p) {
        if (!ev.subject.empty() && producers[p].id != ev.subject) continue;
        const sim::RandomStream rng(scenario_.seed, scenario_.replicate, sim::Purpose::kLifecycle,
                                    sim::entity_key(producers[p].id));
        double t = static_cast<double>(scenario_.time.start_utc);
        for (uint64_t k = 0;; ++k) {
          t += -std::log(1 - rng.uniform(2 * k)) / ev.rate_per_year * kSecondsPerYear;
          if (t >= static_cast<double>(scenario_.time.end_utc)) break;
          const double days = ev.days_min + (ev.days_max - ev.days_min) * rng.uniform(2 * k + 1);
          const auto from = static_cast<int64_t>(t);
          outages_.push_back(
              {static_cast<int>(p), from, from + static_cast<int64_t>(days * 86400)});
          add_event(from, "inverter_failure", producers[p].id,
                    "drawn, " + std::to_string(static_cast<int>(std::lround(days))) + " days");
        }
      }
    }
  }
}

bool LifecyclePhase::operating(int64_t period) const {
  return period >= 0 && period < static_cast<int64_t>(record_.phase.size()) &&
         record_.phase[static_cast<size_t>(period)] ==
             static_cast<uint8_t>(ProjectPhase::kOperation);
}

bool LifecyclePhase::before_start(int64_t period) const {
  return start_period_ < 0 || period < start_period_;
}

bool LifecyclePhase::on_the_road(int64_t period) const {
  return period >= 0 && period < static_cast<int64_t>(record_.phase.size()) &&
         record_.phase[static_cast<size_t>(period)] <
             static_cast<uint8_t>(ProjectPhase::kOperation);
}

void LifecyclePhase::apply_outages(economics::RowMatrix& production, int64_t first_step) const {
  const int64_t end = first_step + production.rows();
  for (const Outage& o : outages_) {
    const int64_t outage_step = (o.from_utc - grid_.start_utc) / grid_.step_seconds;
    for (int64_t t = std::max(first_step, outage_step); t < end; ++t) {
      if (grid_.step_start(t) >= o.to_utc) break;
      if (grid_.step_start(t) >= o.from_utc) production(t - first_step, o.producer) = 0;
    }
  }
}

void LifecyclePhase::initial_membership(output::MemberMatrix& member) const {
  const auto M = member.rows();
  const int64_t first = start_period_ < 0 ? M : start_period_;
  member.topRows(first).setZero();
}

void LifecyclePhase::after_period(int64_t period, output::MemberMatrix& member,
                                  MembershipPhase* membership, const SavingsShare& savings_share) {
  feasibility_check(period, savings_share, member, membership);
  const auto M = member.rows();
  const int64_t from = calendar_.period_start_utc[static_cast<size_t>(period)];
  const int64_t to = calendar_.period_start_utc[static_cast<size_t>(period) + 1];
  recruitment_check(period, member, membership);
  // Anchor members leaving on a date within this period: gone from the next one.
  for (const auto& ev : spec_.events) {
    if (ev.type != "anchor_exit" || ev.at_utc < from || ev.at_utc >= to) continue;
    for (Eigen::Index i = 0; i < member.cols(); ++i) {
      if (scenario_.participants[static_cast<size_t>(i)].id != ev.subject) continue;
      gone_[static_cast<size_t>(i)] = 1;
      if (membership != nullptr)
        membership->leave_now(period, i, member);
      else if (period + 1 < M)
        member.col(i).tail(M - period - 1).setZero();
      add_event(ev.at_utc, "anchor_exit", ev.subject, "dated");
    }
  }
  // Dissolution: too few members for too long (unless a refused renewal has just dissolved
  // the operation from the next period).
  const int k = spec_.barriers.dissolve_after_periods;
  if (!operating(period) || k == 0 || (period + 1 < M && !operating(period + 1))) return;
  const int members = member.row(period).cast<int>().sum();
  low_periods_ = members < spec_.barriers.min_members ? low_periods_ + 1 : 0;
  if (low_periods_ >= k && period + 1 < M)
    dissolve(period, member, membership,
             std::to_string(members) + " members for " + std::to_string(k) + " periods (minimum " +
                 std::to_string(spec_.barriers.min_members) + ")");
}

void LifecyclePhase::dissolve(int64_t period, output::MemberMatrix& member,
                              MembershipPhase* membership, const std::string& cause) {
  const auto M = member.rows();
  if (period + 1 >= M) return;
  for (Eigen::Index i = 0; membership != nullptr && i < member.cols(); ++i)
    if (member(period, i) != 0) membership->leave_now(period, i, member);
  member.bottomRows(M - period - 1).setZero();
  set_phase_from(period + 1, ProjectPhase::kDissolved);
  add_event(calendar_.period_start_utc[static_cast<size_t>(period) + 1], "dissolved", "", cause);
}

int64_t LifecyclePhase::renewal_dates_until(int64_t t) const {
  const int every = spec_.renewal.every_months;
  if (every == 0 || start_period_ < 0) return 0;
  const int64_t start = calendar_.period_start_utc[static_cast<size_t>(start_period_)];
  if (t < start) return 0;
  const double interval_s = every * kSecondsPerMonth;
  return static_cast<int64_t>(std::floor(static_cast<double>(t - start) / interval_s));
}

bool LifecyclePhase::renewal_due(int64_t period) const {
  if (!operating(period) || !operating(period + 1)) return false;
  return renewal_dates_until(calendar_.period_start_utc[static_cast<size_t>(period) + 1]) >
         renewals_voted_;
}

void LifecyclePhase::renewal_voted(int64_t period, bool refused, const std::string& decided_by,
                                   output::MemberMatrix& member, MembershipPhase* membership) {
  const int64_t t = calendar_.period_start_utc[static_cast<size_t>(period) + 1];
  renewals_voted_ = renewal_dates_until(t);  // dates missed between two rounds count as voted
  add_event(t, "renewal", refused ? "refused" : "renewed", "decided by the " + decided_by);
  if (refused) dissolve(period, member, membership, "renewal refused by the " + decided_by);
}

output::LifecycleRecord LifecyclePhase::take_record() {
  std::stable_sort(record_.events.begin(), record_.events.end(),
                   [](const auto& a, const auto& b) { return a.time_utc < b.time_utc; });
  return std::move(record_);
}

}  // namespace accord::models
