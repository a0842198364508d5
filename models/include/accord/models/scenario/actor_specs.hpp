#pragma once
// The actors of an operation beyond its members' meters (scenario `actors:` and the
// `behaviour:` of participants and groups): the PMO and its statutes, the municipality, the
// territorial intermediaries of mediation and expertise. docs/governance.md gives each
// parameter's meaning and source; docs/scenario-reference.md the keys.
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "accord/models/governance/voting.hpp"
#include "accord/models/scenario/governance_specs.hpp"

namespace accord::models {

// Who belongs to a college: a participant matches when any listed criterion matches.
struct CollegeSpec {
  std::string name;
  double weight = 0;                // fraction of the votes
  std::vector<std::string> kinds;   // participant kinds
  std::vector<std::string> groups;  // generating group ids
  std::vector<std::string> ids;     // participant ids
  std::vector<std::string> roles;   // producer | municipality | low_income | member
};

struct BoardSpec {
  int size = 0;                        // seats; 0 = no board
  std::string chosen_by = "colleges";  // colleges (seats by college weight) | lot
  std::vector<std::string> decides;    // agenda items the board decides alone
};

struct StatutesSpec {
  std::vector<CollegeSpec> colleges;  // empty: one college of all members (one member one vote)
  governance::VotingStatute voting;
  BoardSpec board;
};

struct PmoSpec {
  // association | scic | sas | sem | municipality | epci | social_landlord | cooperative
  std::string form = "association";
  StatutesSpec statutes;
};

// The municipality's objectives, in this order (weights sum to 1).
inline constexpr std::array<const char*, 4> kMunicipalObjectives{
    "territorial_benefit", "low_income_support", "plant_revenue", "visibility"};
using ObjectiveWeights = std::array<double, 4>;

struct ElectionSpec {
  int64_t at_utc = 0;
  ObjectiveWeights objectives{};  // the weights after the election
};

struct MunicipalitySpec {
  bool present = false;
  std::string id;                         // its participant id when it is a member, else ""
  std::vector<std::string> plant_owners;  // producer owners that are the municipality
  ObjectiveWeights objectives{0.25, 0.25, 0.25, 0.25};
  std::vector<std::string> roles;  // producer | pmo | funder | member
  double staff_hours_per_year = 0;
  double budget_eur_per_year = 0;
  std::vector<ElectionSpec> elections;  // sorted by date
};

struct MediationSpec {
  int outreach_contacts = 0;                // members contacted before each assembly
  std::vector<std::string> outreach_kinds;  // empty: every kind
  std::vector<int> outreach_deciles;        // empty: every decile
  double participation_boost = 0.5;         // p <- p + boost (1 - p) for a contacted member
  bool single_text = true;    // facilitation: the single negotiation text is available
  double trust_repair = 0.5;  // share of an outvoted member's trust loss repaired
  // Word of mouth (`dynamics:`): members and candidates met each dynamics period.
  int recruitment_contacts_per_period = 0;
};

struct ExpertiseSpec {
  double forecast_error_reduction = 0.5;  // sd of advised members' forecast error x (1 - r)
  std::vector<std::string> advises;       // kinds advised; empty: every member
  // Options it engineers and adds to the agenda: savings_under_equity_floor (keys and
  // benefit rules), balanced_internal_price (internal price).
  std::vector<std::string> engineered_options{"savings_under_equity_floor",
                                              "balanced_internal_price"};
  double equity_max_gini = 0.3;             // the equity floor: Gini of normalised payoffs
  double transaction_cost_reduction = 0.5;  // share of the round's transaction cost saved
};

struct IntermediarySpec {
  std::string id;
  bool mediation = false;
  bool expertise = false;
  int64_t from_utc = std::numeric_limits<int64_t>::min();  // engagement [from, to)
  int64_t to_utc = std::numeric_limits<int64_t>::max();
  double cost_eur_per_year = 0;
  std::string paid_by = "pmo";  // pmo | municipality | subsidy
  MediationSpec mediation_params;
  ExpertiseSpec expertise_params;
  bool engaged_at(int64_t t_utc) const { return t_utc >= from_utc && t_utc < to_utc; }
};

struct ActorsSpec {
  PmoSpec pmo;
  MunicipalitySpec municipality;
  std::vector<IntermediarySpec> intermediaries;
};

}  // namespace accord::models
