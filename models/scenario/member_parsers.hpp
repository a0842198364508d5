#pragma once
// Readers for the pieces shared by participants, groups and producers: locations,
// consumption and production sources, key participation, income, retail contract.
#include <optional>

#include "accord/models/scenario/specs.hpp"
#include "accord/sim/config_node.hpp"

namespace accord::models::detail {

GeoPoint parse_location(const sim::ConfigNode& node, const GeoPoint& fallback);
CsvSeriesSpec parse_csv_source(const sim::ConfigNode& node);
// The `consumption` of `owner` (a participant or a group): {profile: ..., annual_kwh: ...}
// or {csv: PATH, ...}.
ConsumptionSpec parse_consumption(const sim::ConfigNode& owner, bool allow_group_keys = false);
PvSpec parse_pv(const sim::ConfigNode& node, const std::vector<std::string>& extra_keys = {});
// A producer's or prosumer's production: `pv: {...}` or `production: {csv: ...}` under `owner`.
std::optional<ProductionSpec> parse_production(const sim::ConfigNode& owner);
KeyParticipation parse_key_participation(const sim::ConfigNode& node);
void parse_retail(const sim::ConfigNode& node, Participant& p);

const std::vector<std::string>& participant_kinds();

}  // namespace accord::models::detail
