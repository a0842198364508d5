#include "accord/sim/h5/atomic_file.hpp"

#include <unistd.h>

#include <fmt/format.h>
#include <filesystem>
#include <system_error>

#include "accord/sim/error.hpp"
#include "accord/sim/output_path.hpp"

namespace accord::sim::h5 {

namespace {

// The temporary name beside `final_path`, once the final path is known to be replaceable.
std::string checked_temp_path(const std::string& final_path) {
  check_output_path(final_path);
  return fmt::format("{}.tmp-{}", final_path, static_cast<long>(::getpid()));
}

}  // namespace

AtomicFile::AtomicFile(std::string final_path)
    : final_path_(std::move(final_path)),
      temp_path_(checked_temp_path(final_path_)),
      registration_(temp_path_),
      file_(File::create(temp_path_)) {}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  file_ = File();  // closes (errors ignored: the file is being thrown away)
  std::error_code ignored;
  std::filesystem::remove(temp_path_, ignored);
}

void AtomicFile::commit() {
  if (committed_) return;
  try {
    file_.close();  // a full disk often shows only here, when HDF5 flushes its caches
  } catch (const IoError& e) {
    std::error_code ignored;
    std::filesystem::remove(temp_path_, ignored);
    throw IoError(
        fmt::format("{}: cannot write the file, nothing was written ({})", final_path_, e.what()));
  }
  std::error_code error;
  std::filesystem::rename(temp_path_, final_path_, error);
  if (error) {
    std::error_code ignored;
    std::filesystem::remove(temp_path_, ignored);
    throw IoError(
        fmt::format("cannot rename {} to {}: {}", temp_path_, final_path_, error.message()));
  }
  registration_.release();
  committed_ = true;
}

}  // namespace accord::sim::h5
