// The sweep-file reader on arbitrary text (the base scenario is the shipped district): refused
// with accord::Error or read, never a crash.
#include "accord/sim/error.hpp"
#include "accord/sim/sweep/spec.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    (void)accord::sim::sweep::load_sweep_text(accord::fuzz::as_text(data, size), "fuzz-sweep.yaml",
                                              ACCORD_SOURCE_DIR "/scenarios/sweeps");
  } catch (const accord::Error&) {
  }
  return 0;
}
