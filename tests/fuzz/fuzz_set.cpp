// `--set key.path=value` overrides (one per line of the input) on a valid scenario: refused
// with accord::Error or applied, never a crash.
#include <sstream>

#include "accord/models/scenario/loader.hpp"
#include "accord/sim/error.hpp"
#include "fuzz_input.hpp"

namespace {
const char* kScenario = R"(accord: 1
name: fuzz-set
time: {start: 2025-01-01, end: 2025-01-08, step: 30min}
participants:
  - {id: a, kind: household, consumption: {profile: household, annual_kwh: 3000}}
  - {group: g, count: 3, kind: household, consumption: {profile: household, annual_kwh: 4000}}
producers:
  - {id: pv, owner: a, pv: {kwp: 9}}
community:
  sharing_key: {type: dynamic_default}
  benefit_rule: {type: equal}
)";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  accord::models::LoadOptions options;
  options.available_memory_bytes = 2e9;
  std::istringstream lines(accord::fuzz::as_text(data, size));
  for (std::string line; std::getline(lines, line) && options.overrides.size() < 16;)
    options.overrides.push_back(line);
  try {
    (void)accord::models::load_scenario_text(kScenario, "fuzz-set.yaml",
                                             ACCORD_SOURCE_DIR "/scenarios", options);
  } catch (const accord::Error&) {
  }
  return 0;
}
