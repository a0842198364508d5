#pragma once
// A fresh folder per test case under the system's temporary folder, named after the suite's
// prefix, the case's tag and the process (tests run in parallel), removed at the end.
#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace accord::test {

struct TempDir {
  std::filesystem::path path;
  TempDir(const std::string& prefix, const std::string& tag) {
    path = std::filesystem::temp_directory_path() /
           ("accord-test-" + prefix + "-" + tag + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (path / name).string(); }
};

}  // namespace accord::test
