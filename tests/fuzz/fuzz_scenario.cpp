// The scenario loader on arbitrary text: it may refuse (accord::Error, exit 2 in the CLI) but
// never crash, hang or throw anything else.
#include "accord/models/scenario/loader.hpp"
#include "accord/sim/error.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  accord::models::LoadOptions options;
  options.available_memory_bytes = 2e9;  // refuse what would not fit the fuzzer's RSS limit
  try {
    (void)accord::models::load_scenario_text(accord::fuzz::as_text(data, size), "fuzz.yaml",
                                             ACCORD_SOURCE_DIR "/scenarios", options);
  } catch (const accord::Error&) {
  }
  return 0;
}
