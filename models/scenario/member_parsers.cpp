#include "member_parsers.hpp"

#include <algorithm>

#include "accord/models/energy/load_series.hpp"
#include "accord/models/physical_bounds.hpp"

namespace accord::models::detail {

using sim::ConfigNode;
using sim::Range;

const std::vector<std::string>& participant_kinds() {
  static const std::vector<std::string> kinds{"household",    "business",        "public",
                                              "municipality", "social_landlord", "other"};
  return kinds;
}

GeoPoint parse_location(const ConfigNode& node, const GeoPoint& fallback) {
  if (!node.present()) return fallback;
  if (!node.expect_map({"lat", "lon"})) return fallback;
  return GeoPoint{node.number("lat", Range::between(-90, 90)),
                  node.number("lon", Range::between(-180, 180))};
}

CsvSeriesSpec parse_csv_source(const ConfigNode& node) {
  CsvSeriesSpec s;
  s.path = node.child("csv").as_existing_file().value_or("");
  s.format = node.choice_or("format", {"auto", "enedis", "sge", "plain"}, "auto");
  s.scale = node.number_or("scale", 1.0, Range::non_negative().at_most(bounds::kMaxSeriesScale));
  s.column = node.string_or("column", "");
  return s;
}

ConsumptionSpec parse_consumption(const ConfigNode& owner, bool allow_group_keys) {
  ConsumptionSpec spec;
  const ConfigNode node = owner.optional("consumption");
  if (!node.present()) {
    // Located at the participant (a missing key has no place of its own); not repeated
    // when a misspelt key already got "did you mean 'consumption'".
    if (owner.is_map() && !owner.context().was_suggested(node.path()))
      owner.context().add_error(
          owner.location(),
          "missing consumption: give {profile: NAME, annual_kwh: X} or {csv: PATH}", node.path());
    return spec;
  }
  spec.growth_per_year = node.number_or("growth_per_year", 0, Range::between(-0.5, 1));
  if (node.has("csv")) {
    node.expect_map({"csv", "format", "scale", "column", "growth_per_year"});
    spec.source = parse_csv_source(node);
    return spec;
  }
  std::vector<std::string> keys{"profile",   "annual_kwh", "electric_heating",
                                "occupancy", "variation",  "growth_per_year"};
  if (allow_group_keys) keys.insert(keys.end(), {"spread", "electric_heating_share"});
  if (!node.expect_map(keys)) return spec;
  LoadProfileSpec p;
  p.profile = node.choice("profile", energy::known_profiles());
  p.annual_kwh = node.number("annual_kwh", Range::non_negative().at_most(bounds::kMaxAnnualKwh));
  p.electric_heating = node.boolean_or("electric_heating", false);
  p.occupancy =
      node.choice_or("occupancy", {"standard", "home_daytime", "away_weekdays"}, "standard");
  p.variation = node.number_or("variation", p.variation, Range::between(0, 1));
  spec.source = p;
  return spec;
}

PvSpec parse_pv(const ConfigNode& node, const std::vector<std::string>& extra_keys) {
  PvSpec pv;
  std::vector<std::string> keys{"kwp",        "tilt_deg", "azimuth_deg",          "losses",
                                "cloudiness", "location", "degradation_per_year", "age_years"};
  keys.insert(keys.end(), extra_keys.begin(), extra_keys.end());
  if (!node.expect_map(keys)) return pv;
  pv.kwp = node.number("kwp", Range::positive().at_most(bounds::kMaxKwp));
  pv.tilt_deg = node.number_or("tilt_deg", pv.tilt_deg, Range::between(0, 90));
  pv.azimuth_deg = node.number_or("azimuth_deg", pv.azimuth_deg, Range::between(0, 360));
  pv.losses = node.number_or("losses", pv.losses, Range::between(0, 0.9));
  pv.cloudiness = node.number_or("cloudiness", pv.cloudiness, Range::between(0, 0.95));
  if (node.has("location")) pv.location = parse_location(node.optional("location"), GeoPoint{});
  pv.degradation_per_year =
      node.number_or("degradation_per_year", pv.degradation_per_year, Range::between(0, 0.2));
  pv.age_years = static_cast<int>(node.integer_or("age_years", 0, Range::between(0, 60)));
  return pv;
}

std::optional<ProductionSpec> parse_production(const ConfigNode& owner) {
  const bool has_pv = owner.has("pv"), has_csv = owner.has("production");
  if (has_pv && has_csv) {
    owner.optional("production").error("give either pv or production, not both");
    return std::nullopt;
  }
  if (has_pv) return ProductionSpec{parse_pv(owner.optional("pv"))};
  if (has_csv) {
    const ConfigNode prod = owner.optional("production");
    if (!prod.expect_map({"csv", "format", "scale", "column"})) return std::nullopt;
    return ProductionSpec{parse_csv_source(prod)};
  }
  return std::nullopt;
}

KeyParticipation parse_key_participation(const ConfigNode& node) {
  KeyParticipation k;
  if (!node.present() || !node.expect_map({"coefficient", "priority", "weight"})) return k;
  k.coefficient = node.number_or("coefficient", kUnset, Range::fraction());
  k.priority = static_cast<int>(node.integer_or("priority", 1, Range::between(1, 100)));
  k.weight = node.number_or("weight", 1.0, Range::non_negative());
  return k;
}

void parse_retail(const ConfigNode& node, Participant& p) {
  if (!node.present() || !node.expect_map({"option", "kva"})) return;
  p.retail_option = node.choice_or("option", {"base", "hphc"}, "base");
  p.subscribed_kva = node.number_or("kva", p.subscribed_kva, Range::between(3, 36));
}

}  // namespace accord::models::detail
