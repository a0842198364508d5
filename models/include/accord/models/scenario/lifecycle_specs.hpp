#pragma once
// The `lifecycle:` section (docs/lifecycle.md): the road from the initiators' first meeting
// (time.start) to an operating community, with a duration for each phase, the barriers that
// delay or stop the project depending on the actors engaged, and dated or drawn events of the
// operation (plant outages, an anchor member leaving, a derogation granted).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace accord::models {

// A duration in months: triangular (min, mode, max), or fixed when the three are equal.
struct MonthsSpec {
  double min = 0, mode = 0, max = 0;
};

// The phases before operation, in order.
enum class ProjectPhase : uint8_t {
  kEmergence = 0,      // the initiators meet and decide to study the idea
  kFeasibility = 1,    // sizing, economics, sharing key (an engineering office's job)
  kRecruitment = 2,    // members are enlisted
  kStructuring = 3,    // the PMO's legal form and statutes
  kGridAgreement = 4,  // the agreement with the grid operator (and any derogation)
  kOperation = 5,      // the operation runs: members share production
  kAbandoned = 6,      // the project stopped before operating
  kDissolved = 7,      // the operation ended (too few members)
};

struct LifecycleBarriersSpec {
  // Feasibility without an engaged expertise intermediary: the study concludes on a bad
  // design (abandonment, cause "economics") with this probability, else it takes longer.
  double bad_design_without_expertise = 0.4;
  double bad_design_with_expertise = 0.05;
  double expertise_duration_factor = 0.6;  // studies with an expert take this share of the time
  // Recruitment: a mediator shortens it; the project needs `min_members` founders; without
  // them it waits `stall_months` (mediation: half) and is abandoned ("too few members").
  double mediation_duration_factor = 0.6;
  int min_members = 5;
  double stall_months = 6;
  // Structuring: the PMO's form and statutes stay unsettled with this probability per
  // attempt (mediation: times `mediation_settles_factor`), each attempt adding
  // `unsettled_delay_months`; after `max_attempts` the project is abandoned.
  double statutes_unsettled = 0.3;
  double mediation_settles_factor = 0.3;
  double unsettled_delay_months = 3;
  int max_attempts = 3;
  // A municipality-led project without enough municipal staff time takes longer to
  // structure: structuring duration x staff_shortage_factor when staff_hours_per_year is below
  // staff_hours_needed.
  double staff_hours_needed = 100;
  double staff_shortage_factor = 2;
  // Feasibility, when set: the study values the operation's first year (the founders as
  // members, the community's rules); members' benefit below this share of their reference
  // bills is economics below what the initiators accept, and the project is abandoned.
  std::optional<double> min_savings_share;
  // Grid agreement with a derogation (regulation.derogation): pending until a
  // derogation_granted event, or for derogation_months.
  MonthsSpec derogation_months{3, 5, 9};
  // After the start: the operation dissolves when it has fewer than min_members members for
  // dissolve_after_periods periods in a row (0: never).
  int dissolve_after_periods = 3;
};

struct LifecycleEventSpec {
  std::string type;     // outage | inverter_failures | anchor_exit | derogation_granted
  std::string subject;  // producer id (outage, inverter_failures), participant id (anchor_exit)
  int64_t at_utc = 0;   // dated events
  double days = 0;      // outage length
  // inverter_failures: drawn for every producer (or `subject`), a Poisson rate per year and
  // an outage length uniform in [days_min, days_max].
  double rate_per_year = 0;
  double days_min = 0, days_max = 0;
};

// Renewal of an operating community (docs/lifecycle.md §4b): every `every_months` from the
// start, the first governance round on or after the date asks the assembly (or the board)
// whether to go on; a refusal dissolves the operation.
struct RenewalSpec {
  int every_months = 0;         // 0: never put to a vote
  std::string by = "assembly";  // assembly | board
};

struct LifecycleSpec {
  bool enabled = false;
  std::string initiator =
      "municipality";  // municipality | citizens | social_landlord | business | developer
  // Hours a year the initiators give to the project (their capacity: leaders are the
  // bottleneck of local energy initiatives, Ghorbani et al. 2020). Below
  // barriers.staff_hours_needed, structuring is staff_shortage_factor times slower. Unset: a
  // municipality-led project counts actors.municipality.staff_hours_per_year, the others are
  // not checked.
  std::optional<double> initiator_hours_per_year;
  MonthsSpec emergence{1, 3, 6};
  MonthsSpec feasibility{3, 6, 12};
  MonthsSpec recruitment{3, 6, 12};
  MonthsSpec structuring{2, 4, 8};
  MonthsSpec grid_agreement{1, 2, 4};
  LifecycleBarriersSpec barriers;
  RenewalSpec renewal;
  std::vector<LifecycleEventSpec> events;
};

}  // namespace accord::models
