#include "accord/sim/output_path.hpp"

#include <fmt/format.h>

#include <system_error>

#include "accord/sim/error.hpp"

namespace accord::sim {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void refuse(const fs::path& path, const std::string& why) {
  throw OutputPathError(path.string() + ": cannot write the output here: " + why);
}

const char* kind_of(fs::file_type type) {
  switch (type) {
    case fs::file_type::directory:
      return "a directory";
    case fs::file_type::character:
      return "a character device";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::fifo:
      return "a FIFO (named pipe)";
    case fs::file_type::socket:
      return "a socket";
    default:
      return "not a regular file";
  }
}

}  // namespace

void check_output_path(const fs::path& path, std::span<const fs::path> inputs) {
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(path, ec);
  if (ec || status.type() == fs::file_type::not_found) return;  // a new path
  if (status.type() == fs::file_type::symlink) {
    const fs::path target = fs::read_symlink(path, ec);
    refuse(path, fmt::format("it is a symbolic link{} (accord replaces only regular files; give "
                             "the target's path to replace the target)",
                             ec ? "" : " to " + target.string()));
  }
  if (status.type() != fs::file_type::regular)
    refuse(path, fmt::format("it is {} (expected a new path or a regular file to replace)",
                             kind_of(status.type())));
  for (const fs::path& input : inputs) {
    std::error_code same_ec;
    if (fs::equivalent(path, input, same_ec))
      refuse(path, fmt::format("it is an input of the run ({}), which the output would "
                               "destroy (expected another path)",
                               input.string()));
  }
}

}  // namespace accord::sim
