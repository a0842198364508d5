#pragma once
// Phase 4 of the run: social dynamics (docs/dynamics.md). After period m's accounts are closed
// and its governance round held, every `dynamics.every_periods` periods:
//   1. each member appraises what it lived since the last update: its money (benefit share,
//      plant revenue, solidarity aid) against its aspiration, and its procedural experience
//      (votes won or lost, aid promised and paid);
//   2. satisfaction (the propensity to stay) and trust in the PMO learn from those stimuli by
//      Bush–Mosteller reinforcement, and aspiration habituates to the money (Macy & Flache 2002);
//   3. members' attitudes towards the operation are pulled towards their satisfaction;
//   4. mediators and the municipality reach out (meetings with a confident actor);
//   5. word of mouth: pairwise meetings on the social network move attitudes (relative agreement
//      or bounded confidence, Deffuant et al. 2000, 2002).
// Persons are the participants then the candidates (with dynamics.membership the candidates
// are participants who are not members yet: then there are no separate candidates, and only
// the members of a period appraise and learn). The phase reads the closed accounts and
// changes nothing the money depends on: runs without `dynamics:` are unchanged to the bit.
#include <cstdint>
#include <vector>

#include <Eigen/Dense>

#include "accord/models/dynamics/social_network.hpp"
#include "accord/models/output/run_result.hpp"
#include "accord/models/scenario/scenario.hpp"
#include "accord/sim/rng.hpp"
#include "accord/sim/time_grid.hpp"

namespace accord::models {

// What the members lived in one closed period (inputs of the appraisal).
struct LivedPeriod {
  Eigen::ArrayXd money_eur;      // [N] benefit share + revenue of its plants + solidarity aid
  Eigen::ArrayXd reference_eur;  // [N] bill without the operation
  Eigen::ArrayXd procedural;     // [N] sum of procedural stimuli in [-1, 1]
  Eigen::ArrayXd procedural_n;   // [N] how many there were
  Eigen::ArrayXd aid_kept;       // [N] 2 paid/promised - 1 for members promised aid, else 0
  Eigen::ArrayXd aid_promised;   // [N] 1 where aid was promised this period
  // Decisions of the municipality (decrees) and of a mediator's single text: +1 when the
  // chosen option was the member's best, -1 otherwise; and how many there were.
  Eigen::ArrayXd municipal_side, municipal_n;  // [N]
  Eigen::ArrayXd text_side, text_n;            // [N]
};

class DynamicsPhase {
 public:
  DynamicsPhase(const Scenario& scenario, const sim::TimeGrid& grid,
                const sim::StepCalendar& calendar);

  // Adds period m's experience; on a dynamics period, updates every state. `trust_pmo` [N] is
  // the members' trust in the PMO (shared with the governance rounds).
  // `member` [N]: 1 for the participants who were members during the period (only they
  // appraise and learn; the others keep their state until they join).
  void after_period(int64_t period, const LivedPeriod& lived, Eigen::VectorXd& trust_pmo,
                    const Eigen::ArrayXd& member);
  // Whether period m ends with an update of the states.
  bool updates_after(int64_t period) const { return (period + 1) % spec_.every_periods == 0; }
  const Eigen::ArrayXd& attitude() const { return attitude_; }
  const Eigen::ArrayXd& satisfaction() const { return satisfaction_; }
  output::DynamicsRecord take_record();

  int persons() const { return static_cast<int>(attitude_.size()); }
  const dynamics::SocialNetwork& network() const { return network_; }

 private:
  void update(int64_t period, Eigen::VectorXd& trust_pmo, const Eigen::ArrayXd& member);
  void reach_out(int64_t period, int64_t t_utc);
  void renew_trust_at_elections(int64_t period);
  // One-sided meeting with an actor trusted `trust` by the person (0.5: as declared).
  void meet_actor(int person, double position, double uncertainty, double trust);
  void learn_trust(int64_t t_utc, const Eigen::ArrayXd& money_stimulus,
                   const Eigen::Array<bool, Eigen::Dynamic, 1>& in);
  void word_of_mouth(int64_t period);

  const Scenario& scenario_;
  const sim::TimeGrid& grid_;
  const sim::StepCalendar& calendar_;
  const DynamicsSpec& spec_;
  int members_ = 0;                         // N
  std::vector<const Participant*> person_;  // [N + C]
  std::vector<uint64_t> person_key_;        // [N + C] sim::entity_key of each id
  dynamics::SocialNetwork network_;
  Eigen::ArrayXd satisfaction_, aspiration_;        // [N]
  Eigen::ArrayXd attitude_, uncertainty_;           // [N + C]
  Eigen::ArrayXd trust_municipality_;               // [N + C]
  std::vector<Eigen::ArrayXd> trust_intermediary_;  // [I] of [N + C]
  // Experience accumulated since the last update.
  LivedPeriod since_;
  sim::RandomStream meeting_stream_, outreach_stream_;
  output::DynamicsRecord record_;
};

// What period m gave each member, from the closed accounts and the governance rows of m;
// `owner_of_producer` [P] as producer_players() gives it.
LivedPeriod lived_period(int64_t period, const Scenario& scenario,
                         const economics::PeriodAccounts& accounts,
                         const output::SharingRecord& sharing,
                         const output::GovernanceRecord& governance,
                         const std::vector<int>& owner_of_producer);

}  // namespace accord::models
