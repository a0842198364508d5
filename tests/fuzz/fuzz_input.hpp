#pragma once
// What every fuzz target shares: the libFuzzer entry point's signature, the errors that are
// accord's way of refusing bad input (expected, not findings), and a scratch file for targets
// whose reader takes a path.
#include <unistd.h>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace accord::fuzz {

inline std::string as_text(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// A file in the temporary directory, named by process so that parallel fuzzing jobs do not
// share it; overwritten by each input.
inline std::filesystem::path scratch_file(const char* name, const std::string& bytes) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("accord-fuzz-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

}  // namespace accord::fuzz
