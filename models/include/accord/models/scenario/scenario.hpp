#pragma once
// The validated, immutable description of one run. Built once by load_scenario(); nothing
// reads YAML after that (STYLE.md: build the description once, freeze it, then simulate).
#include <cstdint>
#include <string>
#include <vector>

#include "accord/models/economics/tariffs.hpp"
#include "accord/models/scenario/actor_specs.hpp"
#include "accord/models/scenario/community_specs.hpp"
#include "accord/models/scenario/dynamics_specs.hpp"
#include "accord/models/scenario/governance_specs.hpp"
#include "accord/models/scenario/lifecycle_specs.hpp"
#include "accord/models/scenario/specs.hpp"
#include "accord/models/sharing/benefit_rules.hpp"
#include "accord/models/sharing/finance.hpp"

namespace accord::models {

inline constexpr int kScenarioFormatVersion = 1;
inline constexpr uint64_t kDefaultSeed = 42;  // fixed: a time-based seed is never used silently

struct TimeSpec {
  int64_t start_utc = 0;  // s since epoch
  int64_t end_utc = 0;    // s since epoch, exclusive
  int64_t step_seconds = 1800;
  std::string timezone = "Europe/Paris";
};

// Regulatory frame of the operation (domain/acc-france.md §1).
struct RegulationSpec {
  std::string perimeter =
      "urban";              // urban (2 km) | periurban (10 km) | rural (20 km) | epci_public
  bool derogation = false;  // declared derogation: violations become warnings
};

struct OutputSpec {
  std::string path;             // relative to the working directory
  std::string detail = "full";  // full | periods | summary
};

// Investment and financing of one PV plant (scenario `finance.pv`), for investors' metrics.
struct PlantFinance {
  std::string producer;                  // producer id (a PV plant)
  sharing::PvInvestmentSpec investment;  // kwp taken from the plant
};

struct Scenario {
  std::string name;
  std::string source_file;  // the YAML file it came from
  uint64_t seed = kDefaultSeed;
  uint32_t replicate = 0;
  TimeSpec time;
  GeoPoint site;                  // default location of members and plants
  std::string school_zone = "A";  // French school-holiday zone of the site: A | B | C
  economics::TariffBook tariffs;
  std::vector<Participant> participants;  // groups expanded, in file order
  std::vector<Producer> producers;        // explicit producers, then prosumers' injection
  SharingKeySpec sharing_key;
  sharing::BenefitRuleSpec benefit_rule;  // the rule in force
  // Rules evaluated on the same periods as counterfactuals, recorded beside it (/sharing).
  std::vector<sharing::BenefitRuleSpec> compare_benefit_rules;
  InternalPriceSpec internal_price;
  // PMO running costs and fees (`community.pmo`; the deprecated `tariffs.pmo` flat monthly
  // values are converted into it by the loader), prorated per period by its length.
  sharing::PmoCostSpec pmo = no_pmo_costs();
  PoolingMode pooled_producer_revenue = PoolingMode::kNone;
  CommunityFundsSpec funds;           // solidarity fund and reinvestment reserve
  std::vector<PlantFinance> finance;  // plants with investment data (may be empty)
  ActorsSpec actors;
  GovernanceSpec governance;
  DynamicsSpec dynamics;    // satisfaction, trust, attitudes, network; candidates around
  LifecycleSpec lifecycle;  // the phases before operation, barriers, events
  RegulationSpec regulation;
  OutputSpec output;
  std::string resolved_yaml;          // the scenario as run: overrides applied, defaults filled
  std::vector<std::string> warnings;  // e.g. declared derogations
};

}  // namespace accord::models
