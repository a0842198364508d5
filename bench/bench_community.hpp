#pragma once
// The synthetic community of the whole-run benches: n members (85 % households across the ten
// income deciles, 10 % of them with 3 kWc, 15 % offices), a shared plant of 2.5 kWc per member
// and a 50 kWc east-facing one, a year at 30 min, `detail: periods`.
#include <string>

namespace accord::bench {

// `community`: the YAML of the community section; `household_behaviour`: the households'
// behaviour section, none when empty.
inline std::string community_scenario(int n, const std::string& community,
                                      const std::string& household_behaviour = "") {
  const int households = n * 85 / 100, businesses = n - households;
  return "accord: 1\nname: bench\n"
         "time: {start: 2025-01-01, end: 2026-01-01, step: 30min}\n"
         "participants:\n"
         "  - {group: h, count: " +
         std::to_string(households) +
         ", kind: household, income: {deciles: [1,2,3,4,5,6,7,8,9,10]},\n"
         "     consumption: {profile: household, annual_kwh: 4000, electric_heating_share: 0.3},\n"
         "     pv: {share: 0.1, kwp: 3}, location: {radius_m: 500}" +
         (household_behaviour.empty() ? "" : ",\n     behaviour: " + household_behaviour) +
         "}\n"
         "  - {group: b, count: " +
         std::to_string(businesses) +
         ", kind: business, consumption: {profile: office, annual_kwh: 30000}}\n"
         "producers:\n"
         "  - {id: pv1, pv: {kwp: " +
         std::to_string(2.5 * n) +
         "}}\n"
         "  - {id: pv2, pv: {kwp: 50, azimuth_deg: 120}}\n"
         "community: " +
         community +
         "\n"
         "regulation: {perimeter: urban, derogation: true}\n"
         "output: {detail: periods}\n";
}

}  // namespace accord::bench
