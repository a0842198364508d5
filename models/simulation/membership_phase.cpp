#include "membership_phase.hpp"

#include <algorithm>
#include <tuple>

namespace accord::models {

namespace {

bool is_member(MemberState s) {
  return s == MemberState::kMember || s == MemberState::kLeaving;
}

}  // namespace

MembershipPhase::MembershipPhase(const Scenario& scenario, const output::MemberMatrix& member)
    : scenario_(scenario),
      spec_(scenario.dynamics.membership),
      order_stream_(scenario.seed, scenario.replicate, sim::Purpose::kDynamics,
                    sim::entity_key(std::string("admission_order"))) {
  const size_t n = scenario.participants.size();
  state_.resize(n);
  low_updates_.assign(n, 0);
  member_since_.assign(n, -1);
  leaves_at_.assign(n, -1);
  applied_at_.assign(n, -1);
  for (size_t i = 0; i < n; ++i) {
    const bool founder = scenario.participants[i].member_at_start;
    state_[i] = founder ? MemberState::kMember : MemberState::kCandidate;
    // A founder joins with the operation's first period (0 without a lifecycle).
    for (Eigen::Index m = 0; founder && m < member.rows() && member_since_[i] < 0; ++m)
      if (member(m, static_cast<Eigen::Index>(i)) != 0) member_since_[i] = m;
  }
  const int64_t periods = member.rows();
  money_ring_.setZero(std::max(spec_.loss_window_periods, 1), static_cast<Eigen::Index>(n));
  reference_ring_.setZero(money_ring_.rows(), money_ring_.cols());
  record_.enabled = true;
  record_.state.setZero(periods, static_cast<Eigen::Index>(n));
  record_.exit_cause.assign(n, static_cast<uint8_t>(ExitCause::kNone));
}

void MembershipPhase::give_notice(int64_t period, Eigen::Index i, ExitCause cause,
                                  output::MemberMatrix& member) {
  const auto k = static_cast<size_t>(i);
  state_[k] = MemberState::kLeaving;
  leaves_at_[k] = period + 1 + spec_.notice_periods;
  record_.exit_cause[k] = static_cast<uint8_t>(cause);
  const int64_t from = std::min<int64_t>(leaves_at_[k], member.rows());
  member.col(i).tail(member.rows() - from).setZero();
}

void MembershipPhase::after_period(int64_t period, const MembershipInputs& in,
                                   output::MemberMatrix& member) {
  const auto N = static_cast<Eigen::Index>(state_.size());
  const auto W = money_ring_.rows();
  money_ring_.row(period % W) = in.money_eur->matrix().transpose();
  reference_ring_.row(period % W) = in.reference_eur->matrix().transpose();
  // Notices that end with this period.
  for (Eigen::Index i = 0; i < N; ++i) {
    const auto k = static_cast<size_t>(i);
    if (state_[k] == MemberState::kLeaving && leaves_at_[k] <= period + 1)
      state_[k] = MemberState::kLeft;
  }
  if (in.updated) {
    // Exits: lasting dissatisfaction, or money lost over a whole window as a member.
    for (Eigen::Index i = 0; i < N; ++i) {
      const auto k = static_cast<size_t>(i);
      if (state_[k] != MemberState::kMember) continue;
      low_updates_[k] = (*in.satisfaction)(i) < spec_.exit_satisfaction ? low_updates_[k] + 1 : 0;
      const bool whole_window = spec_.loss_window_periods > 0 &&
                                period - member_since_[k] + 1 >= spec_.loss_window_periods;
      if (low_updates_[k] >= spec_.exit_after_updates)
        give_notice(period, i, ExitCause::kDissatisfied, member);
      else if (whole_window &&
               money_ring_.col(i).sum() < -spec_.loss_tolerance * reference_ring_.col(i).sum())
        give_notice(period, i, ExitCause::kLosses, member);
    }
    apply_or_withdraw(period, *in.attitude);
    admit(period, in, member);
  }
  record_states(period, false);
}

void MembershipPhase::apply_or_withdraw(int64_t period, const Eigen::ArrayXd& attitude) {
  for (size_t k = 0; k < state_.size(); ++k) {
    const bool keen = attitude(static_cast<Eigen::Index>(k)) >= spec_.application_attitude;
    if (state_[k] == MemberState::kCandidate && keen) {
      state_[k] = MemberState::kApplicant;
      applied_at_[k] = period;
    } else if (state_[k] == MemberState::kApplicant && !keen) {
      state_[k] = MemberState::kCandidate;
    }
  }
}

void MembershipPhase::record_states(int64_t period, bool before_start) {
  for (size_t k = 0; k < state_.size(); ++k) {
    // Before the start nobody is a member of the next period: only the recruits show (1).
    const bool shown = !before_start || state_[k] == MemberState::kApplicant;
    record_.state(period, static_cast<Eigen::Index>(k)) =
        shown ? static_cast<uint8_t>(state_[k]) : uint8_t{0};
  }
}

void MembershipPhase::applications_before_start(int64_t period, const MembershipInputs& in) {
  if (in.updated) apply_or_withdraw(period, *in.attitude);
  record_states(period, true);
}

int MembershipPhase::founders_present() const {
  int n = 0;
  for (size_t k = 0; k < state_.size(); ++k)
    n += scenario_.participants[k].member_at_start && state_[k] == MemberState::kMember ? 1 : 0;
  return n;
}

void MembershipPhase::start_operation(int64_t start_period, output::MemberMatrix& member) {
  const auto M = member.rows();
  for (size_t k = 0; k < state_.size(); ++k) {
    if (!scenario_.participants[k].member_at_start || state_[k] != MemberState::kMember) continue;
    member_since_[k] = start_period;
    member.col(static_cast<Eigen::Index>(k)).tail(M - start_period).setOnes();
  }
  admit_listed(start_period - 1, applicants_within_caps(), member);
}

// Applicants in order of application (ties in a keyed random order), while the caps (and,
// for the PMO, the unallocated production) leave room.
std::vector<Eigen::Index> MembershipPhase::queue_within_caps(const Eigen::VectorXd* consumption_kwh,
                                                             double room_kwh) const {
  const auto& people = scenario_.participants;
  int members = 0;
  double kva = 0;
  std::vector<std::tuple<int64_t, double, size_t>> queue;
  for (size_t k = 0; k < state_.size(); ++k) {
    if (is_member(state_[k])) {
      ++members;
      kva += people[k].subscribed_kva;
    } else if (state_[k] == MemberState::kApplicant) {
      queue.emplace_back(applied_at_[k], order_stream_.uniform(sim::entity_key(people[k].id)), k);
    }
  }
  std::sort(queue.begin(), queue.end());
  std::vector<Eigen::Index> fit;
  for (const auto& [applied, draw, k] : queue) {
    if (spec_.max_members > 0 && members + 1 > spec_.max_members) break;
    if (spec_.max_subscribed_kva > 0 && kva + people[k].subscribed_kva > spec_.max_subscribed_kva)
      break;
    if (consumption_kwh) {
      const double need = (*consumption_kwh)(static_cast<Eigen::Index>(k));
      if (need > room_kwh) break;
      room_kwh -= need;
    }
    ++members;
    kva += people[k].subscribed_kva;
    fit.push_back(static_cast<Eigen::Index>(k));
  }
  return fit;
}

std::vector<Eigen::Index> MembershipPhase::applicants_within_caps() const {
  return queue_within_caps(nullptr, 0);
}

// Automatic and PMO admission, from the next period; a vote admits at the governance round.
void MembershipPhase::admit(int64_t period, const MembershipInputs& in,
                            output::MemberMatrix& member) {
  if (spec_.admission_by_vote()) return;
  const bool pmo = spec_.admission == "pmo";
  admit_listed(period, queue_within_caps(pmo ? in.consumption_kwh : nullptr, in.unallocated_kwh),
               member);
}

void MembershipPhase::admit_listed(int64_t period, const std::vector<Eigen::Index>& who,
                                   output::MemberMatrix& member) {
  for (const Eigen::Index i : who) {
    const auto k = static_cast<size_t>(i);
    if (state_[k] != MemberState::kApplicant) continue;
    state_[k] = MemberState::kMember;
    member_since_[k] = period + 1;
    if (period + 1 < member.rows()) member.col(i).tail(member.rows() - period - 1).setOnes();
  }
}

void MembershipPhase::leave_now(int64_t period, Eigen::Index i, output::MemberMatrix& member) {
  const auto k = static_cast<size_t>(i);
  if (!is_member(state_[k])) return;
  state_[k] = MemberState::kLeaving;
  leaves_at_[k] = period + 1;
  record_.exit_cause[k] = static_cast<uint8_t>(ExitCause::kEvent);
  // Phase 5 runs after phase 4 recorded the period's states: this one changes too.
  record_.state(period, i) = static_cast<uint8_t>(MemberState::kLeaving);
  if (period + 1 < member.rows()) member.col(i).tail(member.rows() - period - 1).setZero();
}

output::MembershipRecord MembershipPhase::take_record() {
  const size_t n = state_.size();
  const int64_t periods = record_.state.rows();
  // Periods past the run's end never happened: a join or an exit dated there is "never".
  auto within = [&](int64_t p) { return p >= 0 && p < periods ? static_cast<int32_t>(p) : -1; };
  record_.applied.assign(n, -1);
  record_.joined.assign(n, -1);
  record_.left.assign(n, -1);
  for (size_t k = 0; k < n; ++k) {
    record_.applied[k] = within(applied_at_[k]);
    record_.joined[k] = within(member_since_[k]);
    if (state_[k] == MemberState::kLeaving || state_[k] == MemberState::kLeft)
      record_.left[k] = within(leaves_at_[k]);
  }
  return std::move(record_);
}

}  // namespace accord::models
