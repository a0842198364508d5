#pragma once
// The protocols of a governance round, as the round applies them to an agenda item: who the
// deciders are and with which weights, from the members' utilities (docs/governance.md
// "Protocols"). The decision rules themselves are the pure functions of models/governance/.
//
// Registry (governance.agenda[].protocol):
//   vote         the assembly votes in weighted colleges under the statutes' rule and quorum
//   delegated    the board (majority of its members) or the municipality (its best option)
//   bargaining   college representatives (and the municipality) bargain: Zeuthen,
//                alternating offers or time-dependent tactics; disagreement = status quo
//   single_text  a mediator's single negotiation text over all single-text items of the round
#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "accord/models/agents/statutes.hpp"
#include "accord/models/output/run_result.hpp"
#include "accord/models/scenario/scenario.hpp"
#include "accord/sim/rng.hpp"

namespace accord::models {

// One agenda item as put to a round: its options (0 = status quo) and what each is worth.
struct ItemOnTable {
  const AgendaItemSpec* spec = nullptr;
  std::string protocol;  // resolved: statutes' board items are delegated
  std::vector<RuleOption> options;
  std::vector<std::string> text;  // [K]
  std::string refused;
  Eigen::MatrixXd utility;       // [N, K] perceived, the municipality's row its own utility
  Eigen::MatrixXd payoff;        // [N, K] EUR
  Eigen::MatrixXd perceived_x;   // [N, K] perceived normalised payoff
  Eigen::VectorXd municipality;  // [K] the municipality's utility (0 when absent)
};

struct ProtocolContext {
  const agents::ResolvedStatutes* statutes = nullptr;
  const StatutesSpec* statute_spec = nullptr;
  const GovernanceSpec* governance = nullptr;
  const std::vector<uint8_t>* present = nullptr;  // [N] took part in the assembly
  bool municipality_present = false;
};

// Decides `item` by its protocol (not single_text); fills chosen, support, participation,
// quorum_reached, rounds, agreed, decided_by and the ballots of the row.
void decide_item(const ItemOnTable& item, output::GovernanceRow& row, const ProtocolContext& ctx);

// Parties of bargaining and single text: colleges (mean utility of their registered members)
// and, when listed, the municipality. Rows of the returned matrix follow `party_names`.
std::vector<std::string> party_names(const ProtocolContext& ctx);
Eigen::MatrixXd party_utilities(const Eigen::MatrixXd& member_utility /*[N, K]*/,
                                const Eigen::VectorXd& municipality /*[K]*/,
                                const ProtocolContext& ctx);

using PartyUtility = std::function<Eigen::VectorXd(const std::vector<int>& text)>;
struct MediatedText {
  std::vector<int> text;  // chosen option per single-text item
  int rounds = 0;
  bool improved = false;
};
MediatedText mediate_text(const std::vector<ItemOnTable>& table, const std::vector<size_t>& items,
                          const PartyUtility& utility, const SingleTextSpec& spec,
                          const sim::RandomStream& stream, int64_t period);

}  // namespace accord::models
