#include "accord/sim/atomic_text_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <system_error>

#include "accord/sim/error.hpp"
#include "accord/sim/output_path.hpp"
#include "accord/sim/temp_files.hpp"

namespace accord::sim {

namespace {

// Closes and removes the temporary file unless released (an error path never leaves it).
class TempFile {
 public:
  explicit TempFile(std::filesystem::path path)
      : path_(std::move(path)), registration_(path_.string()) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (stream_ != nullptr) std::fclose(stream_);
    if (!released_) {
      std::error_code ignored;
      std::filesystem::remove(path_, ignored);
    }
  }
  std::FILE*& stream() { return stream_; }
  void release() {
    released_ = true;
    registration_.release();
  }

 private:
  std::filesystem::path path_;
  TempFileRegistration registration_;
  std::FILE* stream_ = nullptr;
  bool released_ = false;
};

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what, int error) {
  throw IoError(path.string() + ": cannot " + what + " (" + std::strerror(error) + ")");
}

}  // namespace

void write_text_file_atomically(const std::filesystem::path& path, std::string_view content) {
  check_output_path(path);
  std::filesystem::path temp = path;
  temp += ".tmp-" + std::to_string(::getpid());
  TempFile guard(temp);
  guard.stream() = std::fopen(temp.c_str(), "wb");
  if (guard.stream() == nullptr) fail(path, "create " + temp.filename().string(), errno);
  if (std::fwrite(content.data(), 1, content.size(), guard.stream()) != content.size())
    fail(path, "write", errno);
  std::FILE* stream = guard.stream();
  guard.stream() = nullptr;
  // fclose flushes the buffer: a full disk is often only seen here.
  if (std::fclose(stream) != 0) fail(path, "write", errno);
  std::error_code error;
  std::filesystem::rename(temp, path, error);
  if (error) throw IoError(path.string() + ": cannot replace the file (" + error.message() + ")");
  guard.release();
}

}  // namespace accord::sim
