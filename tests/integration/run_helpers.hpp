#pragma once
// Helpers for tests that run the real `accord` binary and read what it wrote.
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "accord/sim/h5/h5.hpp"

namespace accord::test {

inline std::string source_path(const std::string& rel) {
  return std::string(ACCORD_SOURCE_DIR) + "/" + rel;
}

// A fresh scratch folder per test name, under the build tree.
inline std::filesystem::path scratch(const std::string& name) {
  auto dir = std::filesystem::current_path() / "scratch" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

struct CommandResult {
  int status = -1;
  std::string err;
};

// Runs `accord ARGS` with stdout discarded and stderr captured; returns the exit status.
inline CommandResult run_accord(const std::string& args, const std::filesystem::path& dir) {
  const auto err_file = dir / "stderr.txt";
  const std::string cmd =
      std::string(ACCORD_BINARY) + " " + args + " > /dev/null 2> " + err_file.string();
  const int raw = std::system(cmd.c_str());
  CommandResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::FILE* f = std::fopen(err_file.c_str(), "r");
  if (f) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) r.err.append(buf, n);
    std::fclose(f);
  }
  return r;
}

inline sim::h5::Array<double> read2d(const sim::h5::File& f, const std::string& group,
                                     const std::string& name) {
  return f.open_group(group).open_dataset(name).read<double>();
}

}  // namespace accord::test
