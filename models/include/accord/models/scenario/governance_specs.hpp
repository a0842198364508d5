#pragma once
// The `governance:` section: when rounds are held, what is on the agenda, which options
// each item offers and which protocol decides it (docs/governance.md).
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accord/models/scenario/specs.hpp"
#include "accord/models/sharing/benefit_rules.hpp"

namespace accord::models {

// Agenda items (contract names of `governance.agenda[].item`).
inline const std::vector<std::string>& agenda_items() {
  static const std::vector<std::string> items{"sharing_key",    "benefit_rule",
                                              "internal_price", "territorial_shares",
                                              "pmo_fee",        "expansion"};
  return items;
}
// Protocols (one file pair each under models/governance/, one registry line).
inline const std::vector<std::string>& governance_protocols() {
  static const std::vector<std::string> protocols{"vote", "bargaining", "single_text", "delegated"};
  return protocols;
}

// The rules in force: one value that governance replaces between periods and the step and
// close phases only read. Territorial shares live in the benefit rule.
struct RulesInForce {
  SharingKeySpec sharing_key;
  double internal_price_eur_per_kwh = 0.14;
  sharing::BenefitRuleSpec benefit_rule;
  double pmo_fee_eur_per_member_year = 0;
  // Planned plants built so far (producer ids, sorted): an expansion adds one.
  std::vector<std::string> plants_built;
  bool operator==(const RulesInForce&) const = default;
  bool built(const std::string& plant) const {
    return std::find(plants_built.begin(), plants_built.end(), plant) != plants_built.end();
  }
};

// One option of an agenda item: the value it would put in force for that item.
struct RuleOption {
  std::optional<SharingKeySpec> sharing_key;
  std::optional<double> internal_price_eur_per_kwh;
  std::optional<sharing::BenefitRuleSpec> benefit_rule;  // territorial shares kept as in force
  std::optional<sharing::TerritorialShares> territorial;
  std::optional<double> pmo_fee_eur_per_member_year;
  std::optional<std::string> plant;  // expansion: the planned plant to build ("" = none)
  std::string source = "scenario";   // status_quo | scenario | expertise:<id>
};

struct BargainingSpec {
  std::string method = "zeuthen";  // zeuthen | alternating_offers | time_dependent
  // Parties: college names and/or "municipality"; empty = every college.
  std::vector<std::string> parties;
  int max_rounds = 30;
  double discount = 0.95;  // alternating offers: every party's discount factor per round
  double kappa = 0.0;      // time-dependent tactics: initial concession
  double beta = 1.0;       // time-dependent tactics: < 1 Boulware, > 1 Conceder
};

struct SingleTextSpec {
  int max_rounds = 40;
  double temperature = 0.0;  // mediator's annealing; 0 = only changes every party accepts
  double cooling = 0.9;
};

struct AgendaItemSpec {
  std::string item;                 // one of agenda_items()
  std::string protocol = "vote";    // one of governance_protocols()
  std::string delegate = "board";   // delegated: board | municipality
  std::vector<RuleOption> options;  // alternatives to the status quo, from the scenario
};

// Procedural trust bookkeeping of the rounds (docs/governance.md "Trust").
struct TrustSpec {
  double gain = 0.05;  // trust += gain (1 - trust) for a member on the winning side
  double loss = 0.10;  // trust -= loss trust for an outvoted member
};

struct GovernanceSpec {
  std::string calendar = "none";  // none | monthly | quarterly | yearly
  int64_t every_periods() const;  // 0 = never
  int64_t window_periods = 0;     // closed periods options are evaluated on; 0 = the calendar's
  std::vector<AgendaItemSpec> agenda;
  BargainingSpec bargaining;
  SingleTextSpec single_text;
  TrustSpec trust;
  double transaction_cost_eur_per_round = 0;  // PMO's cost of preparing a round
  int64_t window() const {
    return window_periods > 0 ? window_periods : std::max<int64_t>(1, every_periods());
  }
};

}  // namespace accord::models
