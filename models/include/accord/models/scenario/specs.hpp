#pragma once
// Typed specifications of the parts of a scenario that model modules consume. The loader
// (scenario/loader) fills them from YAML after validation; modules never read YAML.
// Units: energy kWh, power kW/kWc, money EUR, prices EUR/kWh, angles degrees, time s (UTC).
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace accord::models {

inline constexpr double kUnset = std::numeric_limits<double>::quiet_NaN();

struct GeoPoint {
  double lat_deg = 45.764;  // default site: Lyon
  double lon_deg = 4.8357;
};

// A time series read from a file (Enedis portal export, SGE export or plain timestamp,kWh).
struct CsvSeriesSpec {
  std::string path;             // absolute path, resolved by the loader
  std::string format = "auto";  // auto | enedis | sge | plain
  double scale = 1.0;           // multiplies every value (e.g. to scale a reference curve)
  std::string column;           // plain format: value column name (default: second column)
  bool operator==(const CsvSeriesSpec&) const = default;
};

// A built-in load generator, scaled to an annual energy.
struct LoadProfileSpec {
  // household | office | shop | bakery | workshop | school | town_hall | gym
  std::string profile = "household";
  double annual_kwh = 3500;            // kWh per year (over a full year; partial runs pro rata)
  bool electric_heating = false;       // household: space heating on electricity
  std::string occupancy = "standard";  // household: standard | home_daytime | away_weekdays
  double variation = 0.15;             // relative sd of the seeded day-to-day variation
};

struct ConsumptionSpec {
  std::variant<LoadProfileSpec, CsvSeriesSpec> source;
  // Yearly growth of the load over a long run, fraction: year k of the run (k = 0 the first,
  // counted from the run's start date) is scaled by (1 + growth)^k. 0: the same every year.
  double growth_per_year = 0;
};

// Photovoltaic plant on a roof or a field.
struct PvSpec {
  double kwp = 0;            // peak power, kWc
  double tilt_deg = 30;      // 0 = horizontal
  double azimuth_deg = 180;  // clockwise from north: 90 east, 180 south, 270 west
  double losses = 0.14;      // system losses (inverter, wiring, soiling), fraction
  double cloudiness = 0.30;  // mean daily cloud attenuation (0 clear sky .. 1 overcast);
                             // 0.30 gives ~1,250 kWh/kWc/yr at Lyon (PVGIS), docs/pv-model.md
  std::optional<GeoPoint> location;  // defaults to the owner's or the site's location
  // Ageing: output x (1 - degradation)^(age_years + k) in year k of the run (k = 0 the
  // first). 0.5 %/yr is the median of ~2,000 measured rates (Jordan & Kurtz 2013).
  double degradation_per_year = 0.005;
  int age_years = 0;  // whole years in service at the run's start
};

struct ProductionSpec {
  std::variant<PvSpec, CsvSeriesSpec> source;
};

// Where a participant sits in the sharing key (ignored by keys that do not use it).
struct KeyParticipation {
  double coefficient = kUnset;  // static share of production, fraction (static keys)
  int priority = 1;             // priority level, 1 served first (priority key)
  double weight = 1.0;          // relative weight (dynamic_custom rules)
};

// How one member decides in governance (docs/governance.md "Members' utility").
struct BehaviourSpec {
  double money_weight = 1.0;      // weight of its own normalised money (benefit / reference bill)
  double alpha = 0.0;             // Fehr–Schmidt disadvantageous inequity aversion
  double beta = 0.0;              // Fehr–Schmidt advantageous inequity aversion (beta <= alpha)
  double community_motive = 0.0;  // weight of the community's self-consumption rate
  double participation = 0.3;     // propensity to take part in an assembly, at trust 0.5
  double initial_trust = 0.5;     // trust in the PMO at the start, [0, 1]
  double forecast_noise = 0.1;    // sd of its forecast error on a normalised payoff
};

struct Participant {
  std::string id;
  std::string kind;     // household | business | public | municipality | social_landlord | other
  std::string group;    // generating group id, empty for explicit members
  std::string profile;  // consumption profile name or "csv"
  GeoPoint location;
  double income_eur_per_year = kUnset;  // disposable income of the household
  int income_decile = 0;                // 1..10, 0 unknown
  double consumption_units = kUnset;    // OECD-modified consumption units
  bool low_income = false;              // eligible for social/solidarity keys and rules
  ConsumptionSpec consumption;
  std::optional<ProductionSpec> own_production;  // prosumer: self-consumes behind its meter
  KeyParticipation key;
  std::string retail_option = "base";         // base | hphc
  double subscribed_kva = 6;                  // kVA
  double surplus_price_eur_per_kwh = kUnset;  // prosumer's own injection, if sold
  BehaviourSpec behaviour;                    // how it decides in governance
  // false for a candidate of dynamics.membership: in the run, not a member until admitted.
  bool member_at_start = true;
};

struct Producer {
  std::string id;
  std::string owner;  // participant id or actor (commune, cooperative, investor ...)
  GeoPoint location;
  ProductionSpec production;
  double surplus_price_eur_per_kwh = kUnset;  // price of unallocated injection; NaN = default
  // Participant id when the plant is behind that participant's meter (a prosumer): it first
  // covers the participant's own load and only the injection is shared. Empty otherwise.
  std::string behind_meter_of;
  // A planned plant (`planned:`) produces nothing for the operation until a governance round
  // decides to build it (agenda item `expansion`, docs/governance.md); its yearly cost
  // (annuity of the investment plus upkeep) weighs on its owner's valuation of building it.
  bool planned = false;
  double planned_cost_eur_per_year = 0;
};

struct SharingKeySpec {
  std::string type = "dynamic_default";
  bool floor_0_1_percent = false;         // round coefficients down to 0.1 % steps (DSO files)
  std::string within_level = "pro_rata";  // priority: pro_rata | coefficients
  std::string rule;                       // dynamic_custom: named rule (e.g. favour_low_income)
  double rule_share = 0.5;  // dynamic_custom rule parameter (share reserved, fraction)
  std::optional<CsvSeriesSpec> coefficients_file;  // dynamic_custom: per-step coefficients
  // full_dynamic: coefficient of each (producer id -> consumer id -> fraction).
  std::map<std::string, std::map<std::string, double>> pair_coefficients;
  bool operator==(const SharingKeySpec&) const = default;
};

struct InternalPriceSpec {
  double eur_per_kwh = 0.14;  // price of an allocated kWh paid to the producers (excl. VAT)
};

}  // namespace accord::models
