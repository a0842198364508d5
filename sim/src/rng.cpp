#include "accord/sim/rng.hpp"

#include <Random123/philox.h>

#include <cmath>
#include <numbers>

namespace accord::sim {

void RandomStream::raw(uint64_t step, uint64_t index, uint64_t out[4]) const {
  r123::Philox4x64 gen;
  r123::Philox4x64::key_type key = {
      {seed_, (static_cast<uint64_t>(replicate_) << 32) | static_cast<uint32_t>(purpose_)}};
  r123::Philox4x64::ctr_type ctr = {{entity_, step, index, 0}};
  const auto r = gen(ctr, key);
  for (int i = 0; i < 4; ++i) out[i] = r.v[i];
}

namespace {
double to_unit(uint64_t w) {
  return static_cast<double>(w >> 11) * 0x1.0p-53;
}
}  // namespace

double RandomStream::uniform(uint64_t step, uint64_t index) const {
  uint64_t w[4];
  raw(step, index, w);
  return to_unit(w[0]);
}

double RandomStream::normal(uint64_t step, uint64_t index) const {
  uint64_t w[4];
  raw(step, index, w);
  const double u1 = 1.0 - to_unit(w[0]);  // (0, 1]: log is finite
  const double u2 = to_unit(w[1]);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

uint64_t entity_key(const char* id, std::size_t length) {
  uint64_t h = 14695981039346656037ULL;
  for (std::size_t i = 0; i < length; ++i) {
    h ^= static_cast<unsigned char>(id[i]);
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace accord::sim
