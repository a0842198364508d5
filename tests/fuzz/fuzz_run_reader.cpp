// `accord analyze` on an arbitrary file: the HDF5 run reader and the analysis refuse damaged
// files with accord::Error, never crash.
#include "accord/analysis/analyze.hpp"
#include "accord/sim/error.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto path = accord::fuzz::scratch_file("run.h5", accord::fuzz::as_text(data, size));
  try {
    (void)accord::analysis::analyze_file(path);
  } catch (const accord::Error&) {
  }
  return 0;
}
