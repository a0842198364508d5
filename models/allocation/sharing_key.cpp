// The registry of sharing keys: one explicit table of (contract name, factory).
#include "accord/models/allocation/sharing_key.hpp"

#include <array>
#include <stdexcept>

#include "key_support.hpp"

namespace accord::models::allocation {
namespace {

using Factory = std::unique_ptr<SharingKey> (*)(const SharingKeySpec&, const KeyContext&);

struct Entry {
  const char* name;
  Factory make;
};

// Contract names (DESIGN.md §3.2), in the order the docs present them.
constexpr std::array<Entry, 6> kRegistry{{
    {"dynamic_default", &detail::make_dynamic_default_key},
    {"static", &detail::make_static_key},
    {"static_redistributed", &detail::make_static_redistributed_key},
    {"priority", &detail::make_priority_key},
    {"dynamic_custom", &detail::make_dynamic_custom_key},
    {"full_dynamic", &detail::make_full_dynamic_key},
}};

}  // namespace

std::vector<std::string> known_sharing_keys() {
  std::vector<std::string> names;
  for (const Entry& e : kRegistry) names.emplace_back(e.name);
  return names;
}

std::unique_ptr<SharingKey> make_sharing_key(const SharingKeySpec& spec, const KeyContext& ctx) {
  for (const Entry& e : kRegistry) {
    if (spec.type == e.name) return e.make(spec, ctx);
  }
  std::string known;
  for (const Entry& e : kRegistry) known += (known.empty() ? "" : ", ") + std::string(e.name);
  throw std::invalid_argument("unknown sharing key '" + spec.type + "'; known: " + known);
}

}  // namespace accord::models::allocation
