#pragma once
// Phase 3 of the run: governance rounds (docs/governance.md). A round after period m
//   1. puts the agenda together: per item, the status quo, the scenario's options and the
//      options engineered by the expertise intermediaries engaged then;
//   2. values every option on the last K closed periods (Simulation::evaluate) and turns the
//      outcomes into each member's perceived utility (agents::MemberAgents) and the
//      municipality's (agents::Municipality);
//   3. draws who takes part (propensity, trust, mediators' outreach);
//   4. decides each item by the protocol the statutes name (protocol registry below);
//   5. with admission by a vote (dynamics.membership.admission assembly | board), puts the
//      pending applicants to the assembly or the board: all admitted or none (admitted());
//      when the operation's renewal is due (lifecycle.renewal), asks whether to go on
//      (renewal_refused());
//   6. updates procedural trust and returns the rules in force from m + 1.
// It also keeps the actors' bookkeeping the recorder writes: rules in force per period,
// trust per period, voting power of the statutes, intermediaries' costs.
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "accord/models/agents/intermediaries.hpp"
#include "accord/models/agents/members.hpp"
#include "accord/models/agents/municipality.hpp"
#include "accord/models/agents/statutes.hpp"
#include "accord/models/output/run_result.hpp"
#include "accord/models/simulation/simulation.hpp"
#include "governance_protocols.hpp"

namespace accord::models {

class GovernancePhase {
 public:
  GovernancePhase(const Scenario& scenario, const sim::TimeGrid& grid,
                  const sim::StepCalendar& calendar);

  // The round held after `period`; returns the rules in force from period + 1.
  RulesInForce round(int64_t period, const RulesInForce& in_force, const Simulation& sim);

  // Extra PMO costs charged in `period`: intermediaries paid by the PMO while engaged, and the
  // transaction cost of the round held just before it.
  double pmo_costs_of(int64_t period);
  void record_in_force(int64_t period, const RulesInForce& rules);
  void record_trust(int64_t period);
  // Members' trust in the PMO [N]: the rounds' procedural update and phase 4's.
  Eigen::VectorXd& trust_pmo() { return members_.trust(); }
  const output::GovernanceRecord& record() const { return record_; }
  // Applicants the last round admitted (from the period after it); empty when none.
  const std::vector<Eigen::Index>& admitted() const { return admitted_; }
  // Whether the last round voted on the renewal, and whether it refused it (dissolution).
  bool renewal_voted() const { return renewal_voted_; }
  bool renewal_refused() const { return renewal_refused_; }
  const std::string& renewal_decided_by() const { return renewal_decided_by_; }
  output::GovernanceRecord take_record();

 private:
  // What a window gives each member; with the option's `rules`, a plant they would build
  // costs its owner its yearly cost over the window.
  agents::OptionOutcome outcome_of(const WindowOutcome& w,
                                   const RulesInForce* rules = nullptr) const;
  RulesInForce with_option(const RulesInForce& base, const std::string& item,
                           const RuleOption& option) const;
  void engineer_options(ItemOnTable& item, const RulesInForce& in_force, int64_t t_utc,
                        const std::function<WindowOutcome(const RulesInForce&)>& evaluate) const;
  ProtocolContext protocol_context(const std::vector<uint8_t>& present) const;
  // Utility of each single-text party for a whole text (one option index per text item).
  PartyUtility party_utility_fn(const RulesInForce& in_force,
                                const std::function<WindowOutcome(const RulesInForce&)>& evaluate,
                                const Eigen::VectorXd& sd, int64_t period, int64_t t_utc);
  void update_forecast_errors(int64_t period, const Simulation& sim);
  void compute_voting_power();
  static void size_valuations(ItemOnTable& item, Eigen::Index members);
  void value_option(ItemOnTable& item, Eigen::Index k, const agents::OptionOutcome& o,
                    const Eigen::VectorXd& sd, int64_t period, uint64_t draw_key,
                    int64_t t_utc) const;
  output::GovernanceRow row_of(const ItemOnTable& item, int64_t period, int64_t t_utc) const;
  // An item of the operation's membership put to the assembly or the board (admission,
  // renewal): option 0 keeps things as they are, option 1 changes who is a member (valued on
  // the window with those members). Appends its row; returns it.
  const output::GovernanceRow& decide_membership_item(
      int64_t period, int64_t t_utc, const AgendaItemSpec& spec, std::vector<std::string> text,
      const char* change_source, const agents::OptionOutcome& keep,
      const agents::OptionOutcome& change, uint64_t draw_key, const Eigen::VectorXd& sd,
      const std::vector<uint8_t>& present);
  // Seats the members of `period` in their colleges (dynamics.membership).
  void seat_members(const output::MemberMatrix& member, int64_t period);

  const Scenario& scenario_;
  const sim::TimeGrid& grid_;
  const sim::StepCalendar& calendar_;
  agents::MemberAgents members_;
  // The statutes as they apply to the members of the current round; college_of_ [N] is the
  // college each participant sits in once a member.
  agents::ResolvedStatutes statutes_;
  std::vector<int> college_of_;
  agents::Municipality municipality_;
  agents::Intermediaries intermediaries_;
  // One stream per kind of draw, so that no two kinds can ever share a counter.
  sim::RandomStream participation_stream_;  // who attends a round
  sim::RandomStream outreach_stream_;       // whom a mediator contacts
  sim::RandomStream forecast_stream_;       // members' forecast errors on options
  sim::RandomStream text_stream_;           // the mediator's proposals in a single text
  std::vector<int> owner_of_producer_;      // [P] participant index owning it, -1 none
  std::vector<uint8_t> municipal_plant_;    // [P]
  output::GovernanceRecord record_;
  Eigen::VectorXd transaction_cost_;  // [M] charged in each period
  // Rows of the last round, waiting for their realised outcome (forecast error).
  std::vector<size_t> pending_rows_;
  // The round's table while its single text is negotiated.
  const std::vector<ItemOnTable>* table_ = nullptr;
  std::vector<size_t> text_items_;
  int64_t pending_from_period_ = 0;
  AgendaItemSpec admission_spec_;  // the item admission votes are recorded under
  AgendaItemSpec renewal_spec_;    // ... and renewal votes
  std::vector<Eigen::Index> admitted_;
  bool renewal_voted_ = false, renewal_refused_ = false;
  std::string renewal_decided_by_;
  double round_turnout_ = 0;     // share of the members of the round's period present
  RulesInForce round_in_force_;  // the rules in force as the round opened
  double window_years_ = 0;      // the round's window, in years of 365.25 days
};

}  // namespace accord::models
