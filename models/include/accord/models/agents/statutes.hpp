#pragma once
// The PMO's statutes applied to the members: who sits in which college (first matching
// college in file order), how many each college registers, who is on the board.
#include <cstdint>
#include <string>
#include <vector>

#include "accord/models/scenario/scenario.hpp"

namespace accord::models::agents {

struct ResolvedStatutes {
  std::vector<std::string> college_name;  // [C]; one college "members" when none is declared
  std::vector<double> college_weight;     // [C]
  // [N] college index, -1 = no vote; a candidate (dynamics.membership) gets the college it
  // would join, and is registered (and may sit on the board) only once a member.
  std::vector<int> member_college;
  std::vector<int> registered;  // [C] founding members registered in each college
  std::vector<int> board;       // member indices on the board, sorted
};

// `producers`: the producers of the scenario (role producer = owns one, or is a prosumer).
ResolvedStatutes resolve_statutes(const Scenario& scenario);

}  // namespace accord::models::agents
