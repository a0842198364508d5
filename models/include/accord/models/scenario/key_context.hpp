#pragma once
// What a sharing key needs to know about a scenario's members and grid.
#include "accord/models/allocation/sharing_key.hpp"
#include "accord/models/scenario/scenario.hpp"

namespace accord::models {

allocation::KeyContext key_context_of(const Scenario& scenario);

}  // namespace accord::models
