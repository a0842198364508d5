#pragma once
// Who joins and who leaves (docs/dynamics.md, "Membership"), decided in phase 4 after the
// dynamics update of a period:
//   - a member whose satisfaction stayed below `exit_satisfaction` for `exit_after_updates`
//     consecutive updates, or whose money over the last `loss_window_periods` periods is a
//     loss beyond `loss_tolerance` of its reference bill over them (individual rationality,
//     with a tolerance for the hassle of leaving), gives notice and leaves `notice_periods`
//     later;
//   - a candidate whose attitude reaches `application_attitude` applies;
//   - applicants are admitted by the statutes' rule: `automatic` (in order of application,
//     within the caps), or `pmo` (the PMO admits while the operation's unallocated production
//     of the period covers the applicants' consumption, within the caps), or by a vote:
//     `assembly` / `board` put the applicants within the caps to the next governance round
//     (GovernancePhase), which admits them all or none (admit_listed).
// A change decided after period m takes effect from period m + 1 (joins) or m + 1 + notice
// (exits): the member matrix of the run is written from there to the end. Leaving is final
// within a run.
#include <cstdint>
#include <vector>

#include <Eigen/Dense>

#include "accord/models/output/run_result.hpp"
#include "accord/models/scenario/scenario.hpp"
#include "accord/sim/rng.hpp"

namespace accord::models {

enum class MemberState : uint8_t {
  kCandidate = 0,
  kApplicant = 1,
  kMember = 2,
  kLeaving = 3,
  kLeft = 4
};
enum class ExitCause : uint8_t { kNone = 0, kDissatisfied = 1, kLosses = 2, kEvent = 3 };

// What the membership rules read of period m.
struct MembershipInputs {
  const Eigen::ArrayXd* attitude = nullptr;          // [N] towards the operation
  const Eigen::ArrayXd* satisfaction = nullptr;      // [N] propensity to stay
  const Eigen::ArrayXd* reference_eur = nullptr;     // [N] its bill without the operation
  const Eigen::ArrayXd* money_eur = nullptr;         // [N] what the period gave (LivedPeriod)
  const Eigen::VectorXd* consumption_kwh = nullptr;  // [N] the period's consumption
  double unallocated_kwh = 0;                        // production the operation sold as surplus
  bool updated = false;                              // a dynamics update was made after this period
};

class MembershipPhase {
 public:
  // `member` [M, N]: who is a member as the run starts (founders from the operation's start).
  MembershipPhase(const Scenario& scenario, const output::MemberMatrix& member);

  // Decides after period m; writes the member matrix [M, N] from the periods it changes.
  void after_period(int64_t period, const MembershipInputs& in, output::MemberMatrix& member);
  output::MembershipRecord take_record();
  // An exit decided by an event (phase 5): gone from period m + 1, no notice.
  void leave_now(int64_t period, Eigen::Index i, output::MemberMatrix& member);
  // The applicants the caps leave room for, in order of application (admission by a vote).
  std::vector<Eigen::Index> applicants_within_caps() const;
  // Admits these applicants from period m + 1 (a vote of the round after period m).
  void admit_listed(int64_t period, const std::vector<Eigen::Index>& who,
                    output::MemberMatrix& member);
  // Before the operation starts (lifecycle): candidates apply and applicants withdraw after
  // each dynamics update; nobody is admitted and nobody leaves yet.
  void applications_before_start(int64_t period, const MembershipInputs& in);
  // Founders still there (before the start: those who did not leave by an event).
  int founders_present() const;
  // The operation starts in `start_period`, decided during the run (docs/lifecycle.md §2):
  // the founders still there and the applicants within the caps (the recruits) are members
  // from it.
  void start_operation(int64_t start_period, output::MemberMatrix& member);

 private:
  void give_notice(int64_t period, Eigen::Index i, ExitCause cause, output::MemberMatrix& member);
  // Candidates reaching the threshold apply, applicants falling below it withdraw.
  void apply_or_withdraw(int64_t period, const Eigen::ArrayXd& attitude);
  void record_states(int64_t period, bool before_start);
  void admit(int64_t period, const MembershipInputs& in, output::MemberMatrix& member);
  // Applicants in order of application within the caps; with `room_kwh`, also while their
  // consumption fits in it (the PMO's surplus rule).
  std::vector<Eigen::Index> queue_within_caps(const Eigen::VectorXd* consumption_kwh,
                                              double room_kwh) const;

  const Scenario& scenario_;
  const MembershipSpec& spec_;
  std::vector<MemberState> state_;     // [N]
  std::vector<int> low_updates_;       // [N] consecutive updates below the exit threshold
  std::vector<int64_t> member_since_;  // [N] first period as a member
  std::vector<int64_t> leaves_at_;     // [N] first period not a member after notice, -1
  std::vector<int64_t> applied_at_;    // [N] period of application, -1
  Eigen::MatrixXd reference_ring_;     // [W, N] reference bills of the last W periods
  Eigen::MatrixXd money_ring_;         // [W, N] money of the last W periods
  sim::RandomStream order_stream_;     // ties among applicants of the same period
  output::MembershipRecord record_;
};

}  // namespace accord::models
