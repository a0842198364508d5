#pragma once
// A file that appears at its final path only when complete: written as
// `<path>.tmp-<pid>` in the same folder, closed and renamed onto `<path>` by commit().
// Destroyed without commit (an exception while writing), the temporary file is removed,
// so the final path never holds a partial file; on SIGINT/SIGTERM it is removed too
// (accord/sim/temp_files.hpp). The final path must be new or a regular file
// (accord/sim/output_path.hpp).
#include <string>

#include "accord/sim/h5/location.hpp"
#include "accord/sim/temp_files.hpp"

namespace accord::sim::h5 {

class AtomicFile {
 public:
  // Throws OutputPathError when the final path may not be replaced, IoError when the
  // temporary file cannot be created.
  explicit AtomicFile(std::string final_path);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  AtomicFile(AtomicFile&&) = delete;
  AtomicFile& operator=(AtomicFile&&) = delete;
  ~AtomicFile();

  File& file() { return file_; }
  const std::string& final_path() const { return final_path_; }
  const std::string& temp_path() const { return temp_path_; }
  bool committed() const { return committed_; }

  // Closes the file and renames it onto the final path (replacing any file there). Throws
  // IoError "FINAL: cannot write the file, nothing was written (cause)" when closing fails.
  void commit();

 private:
  std::string final_path_;
  std::string temp_path_;
  TempFileRegistration registration_;
  File file_;
  bool committed_ = false;
};

}  // namespace accord::sim::h5
