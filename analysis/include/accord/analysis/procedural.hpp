#pragma once
// Procedural equity indicators of a run's governance records (format 1.2 /governance,
// docs/analyze.md "Procedural indicators"): who takes part, who holds voting power against
// its share of the members, whose side the decisions fall on, how long agreement takes,
// what changed, who decided, quorum misses and forecast error. No standard measure of
// procedural equity exists: each definition below is documented with its formula.
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "accord/analysis/run_file.hpp"

namespace accord::analysis {

inline constexpr double kProceduralNaN = std::numeric_limits<double>::quiet_NaN();

// Participation of a group over the (row, member) pairs where the member could take part
// (ballot != -2): rate = pairs with ballot >= 0 / those pairs.
struct ParticipationGroup {
  std::string group;  // "all", a participant kind, or a decile "0".."10" (0 = unknown)
  int members = 0;    // participants of the group with at least one such pair
  int64_t eligible = 0;
  int64_t took_part = 0;
  double rate = kProceduralNaN;
  // Mean of /actors/behaviour/participation over those members (NaN when absent).
  double mean_drawn_participation = kProceduralNaN;
};

// A college of the statutes: its power against its share of the registered voters.
struct CollegePower {
  std::string college;
  double weight = 0;
  double weight_share = kProceduralNaN;  // weight / sum of weights
  int64_t members = 0;                   // registered members
  double member_share = kProceduralNaN;  // members / sum of members
  double shapley_shubik = kProceduralNaN;
  double banzhaf = kProceduralNaN;
  double shapley_shubik_ratio = kProceduralNaN;  // shapley_shubik / member_share
  double banzhaf_ratio = kProceduralNaN;
};

// A group of members (kind or decile): sum of its members' indices over the sum of all
// indices, against its share of the members (participants that were members in at least
// one period); ratio 1 = power proportional to numbers, 0 = no vote.
struct PowerGroup {
  std::string group;
  int members = 0;  // members of the group
  int voters = 0;   // of which in a college (member_college >= 0)
  double member_share = kProceduralNaN;
  double shapley_shubik_share = kProceduralNaN;
  double banzhaf_share = kProceduralNaN;
  double shapley_shubik_ratio = kProceduralNaN;
  double banzhaf_ratio = kProceduralNaN;
};

// Decisions on the side of a group: over `vote` rows where at least one member of the group
// voted, the share whose chosen option is among the options most voted for by the group's
// voters (a tie between its top options counts as on its side when chosen is one of them).
struct DecisionSide {
  std::string group;  // "low_income", "all_voters" or a kind
  int rows = 0;       // vote rows where the group voted
  int on_side = 0;
  int ties = 0;  // rows where the group's top options tied
  double share = kProceduralNaN;
};

struct RoundsStats {
  int rows = 0;
  double mean = kProceduralNaN;
  int64_t max = 0;
};

struct ItemChanges {
  std::string item;
  int rows = 0;
  int changed = 0;
};

struct ProceduralIndicators {
  std::size_t rows = 0;  // R
  ParticipationGroup participation;
  std::vector<ParticipationGroup> participation_by_kind;    // sorted by kind
  std::vector<ParticipationGroup> participation_by_decile;  // decile 0 (unknown) first

  bool has_voting_power = false;
  bool voting_power_exact = true;
  std::vector<CollegePower> colleges;
  std::vector<PowerGroup> power_by_kind, power_by_decile;

  DecisionSide low_income_side;  // /participants/low_income members
  DecisionSide all_voters_side;  // every voter (plurality of the ballots, unweighted)
  std::vector<DecisionSide> side_by_kind;

  RoundsStats rounds_negotiated;  // protocol bargaining or single_text
  RoundsStats rounds_all;
  double agreement_share = kProceduralNaN;  // negotiated rows with agreed = 1

  int rule_changes = 0;  // sum of `changed`
  std::vector<ItemChanges> changes_by_item;
  // Rows per deciding body: assembly, board, municipality, parties, mediator (always listed,
  // in that order), then any other value in order of appearance.
  std::vector<std::pair<std::string, int>> decided_by;
  int quorum_misses = 0;  // rows with quorum_reached = 0
  double mean_forecast_error = kProceduralNaN;
  int forecast_rows = 0;                 // rows with a finite forecast_error
  double mean_support = kProceduralNaN;  // mean finite `support` over vote rows
};

// Computes every indicator from run.governance, run.voting_power, run.behaviour and
// /participants (kind, income_decile, low_income) and /periods/member. Requires
// run.governance.present; all counts are 0 and rates NaN when the run has no rows.
ProceduralIndicators procedural_indicators(const RunData& run);

}  // namespace accord::analysis
