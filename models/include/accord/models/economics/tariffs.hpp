#pragma once
// Dated tariff schedules: regulated retail (Base, HP/HC), TURPE (standard and the ACC
// option: autoproduite / alloproduite), excise (accise, incl. the 0 rate on eligible ACC kWh
// from 2025-03-01), CTA, VAT, surplus purchase prices, PMO fees. Every default is documented
// with its source and date in docs/tariffs.md.
#include <cstdint>
#include <string>
#include <vector>

#include "accord/sim/civil_time.hpp"
#include "accord/sim/config_node.hpp"

namespace accord::models::economics {

struct TariffBook {
  // (filled in by the economics module)
};

// Reads the scenario's `tariffs:` section (a missing node gives the documented defaults),
// recording validation errors on the node's context.
TariffBook parse_tariffs(const sim::ConfigNode& node, const sim::TimeZone& zone);

}  // namespace accord::models::economics
