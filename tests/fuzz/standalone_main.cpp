// Runs a fuzz target over files and folders (a corpus) without libFuzzer: the regression run
// that CI does in the Release and the ASan + UBSan builds. A finding is a crash, a sanitizer
// report or an uncaught exception, exactly as under libFuzzer.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fuzz_input.hpp"

namespace fs = std::filesystem;

namespace {
int run_file(const fs::path& path) {
  std::string bytes(static_cast<size_t>(fs::file_size(path)), '\0');
  std::ifstream(path, std::ios::binary)
      .read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  return 1;
}
}  // namespace

int main(int argc, char** argv) {
  int inputs = 0;
  for (int a = 1; a < argc; ++a) {
    const fs::path arg(argv[a]);
    if (fs::is_directory(arg)) {
      std::vector<fs::path> files;
      for (const auto& e : fs::recursive_directory_iterator(arg))
        if (e.is_regular_file()) files.push_back(e.path());
      std::sort(files.begin(), files.end());  // the same order on every machine
      for (const auto& f : files) inputs += run_file(f);
    } else {
      inputs += run_file(arg);
    }
  }
  if (inputs == 0) {
    std::fprintf(stderr, "fuzz regression: no input found in the arguments\n");
    return 1;
  }
  std::printf("fuzz regression: %d inputs, no finding\n", inputs);
  return 0;
}
