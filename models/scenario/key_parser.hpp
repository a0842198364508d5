#pragma once
// A sharing key spec (`community.sharing_key`, and the options of a `sharing_key` agenda item).
#include "accord/models/scenario/specs.hpp"
#include "accord/sim/config_node.hpp"

namespace accord::models::detail {

// `{type: NAME, ...}` or a bare name.
SharingKeySpec parse_sharing_key(const sim::ConfigNode& k);

}  // namespace accord::models::detail
