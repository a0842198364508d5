#include "key_parser.hpp"

#include "accord/models/allocation/sharing_key.hpp"

namespace accord::models::detail {

using sim::ConfigNode;
using sim::Range;

SharingKeySpec parse_sharing_key(const ConfigNode& k) {
  SharingKeySpec key;
  if (k.is_scalar()) {
    key.type = k.as_choice(allocation::known_sharing_keys()).value_or(key.type);
    return key;
  }
  if (!k.expect_map({"type", "floor_0_1_percent", "within_level", "rule", "rule_share",
                     "coefficients_file", "pairs"}))
    return key;
  key.type = k.choice("type", allocation::known_sharing_keys());
  key.floor_0_1_percent = k.boolean_or("floor_0_1_percent", false);
  key.within_level = k.choice_or("within_level", {"pro_rata", "coefficients"}, "pro_rata");
  key.rule = k.string_or("rule", "");
  key.rule_share = k.number_or("rule_share", key.rule_share, Range::fraction());
  if (const ConfigNode f = k.optional("coefficients_file");
      f.present() && f.expect_map({"csv", "format"})) {
    CsvSeriesSpec csv;
    csv.path = f.child("csv").as_existing_file().value_or("");
    key.coefficients_file = csv;
  }
  for (const auto& [producer, row] : k.optional("pairs").entries())
    for (const auto& [consumer, value] : row.entries())
      key.pair_coefficients[producer][consumer] = value.as_number(Range::fraction()).value_or(0);
  return key;
}

}  // namespace accord::models::detail
