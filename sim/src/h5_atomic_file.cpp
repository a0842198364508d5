#include "accord/sim/h5/atomic_file.hpp"

#include <unistd.h>

#include <fmt/format.h>
#include <filesystem>
#include <system_error>

#include "accord/sim/error.hpp"

namespace accord::sim::h5 {

AtomicFile::AtomicFile(std::string final_path)
    : final_path_(std::move(final_path)),
      temp_path_(fmt::format("{}.tmp-{}", final_path_, static_cast<long>(::getpid()))),
      file_(File::create(temp_path_)) {}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  file_ = File();  // closes (errors ignored: the file is being thrown away)
  std::error_code ignored;
  std::filesystem::remove(temp_path_, ignored);
}

void AtomicFile::commit() {
  if (committed_) return;
  file_.close();
  std::error_code error;
  std::filesystem::rename(temp_path_, final_path_, error);
  if (error) {
    std::error_code ignored;
    std::filesystem::remove(temp_path_, ignored);
    throw IoError(
        fmt::format("cannot rename {} to {}: {}", temp_path_, final_path_, error.message()));
  }
  committed_ = true;
}

}  // namespace accord::sim::h5
