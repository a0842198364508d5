#pragma once
// Private helpers shared by the solution concepts (not part of the public API).
#include <cstdint>
#include <string>

#include "accord/models/sharing/game.hpp"
#include "accord/sim/error.hpp"

namespace accord::models::sharing::detail {

// Largest number of players for which anything enumerates all 2^n coalitions.
constexpr int kMaxEnumeratedPlayers = 20;

// Bad input to a game function: a DataError located at the function that rejected it.
[[noreturn]] inline void fail(const char* where, const std::string& message) {
  throw DataError(SourceLocation{std::string("cooperative game: ") + where, 0, 0}, message);
}

// Throws unless 1 <= n <= kMaxEnumeratedPlayers.
inline void require_enumerable(const CooperativeGame& game, const char* where) {
  const int n = game.players();
  if (n < 1 || n > kMaxEnumeratedPlayers) {
    fail(where, "needs 1 to " + std::to_string(kMaxEnumeratedPlayers) + " players, got " +
                    std::to_string(n));
  }
}

inline int popcount(uint64_t mask) {
  return __builtin_popcountll(mask);
}

}  // namespace accord::models::sharing::detail
