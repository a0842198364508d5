#include "process_exit.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <system_error>

#include "accord/sim/h5/handle.hpp"

namespace accord::app {

namespace {

// What standard output is connected to, for the message ("" when unknown).
std::string stdout_target() {
  std::error_code ec;
  const auto target = std::filesystem::read_symlink("/proc/self/fd/1", ec);
  return ec ? std::string() : " (" + target.string() + ")";
}

}  // namespace

int finish(int status) {
  // std::cout writes through stdout (synchronised with stdio): its flush is fflush(stdout),
  // which sets errno when the buffered text cannot be written.
  // A large text is written at once, bypassing the buffer: when that write failed, errno still
  // holds its cause (successful calls since leave errno alone).
  const int earlier_error = errno;
  const bool failed_earlier = !std::cout || std::ferror(stdout) != 0;
  errno = 0;
  std::cout.flush();
  const bool stream_failed = !std::cout;
  const bool flush_failed = std::fflush(stdout) != 0;
  const int error = failed_earlier ? earlier_error : errno;
  if ((failed_earlier || stream_failed || flush_failed || std::ferror(stdout) != 0) &&
      status == 0) {
    std::cerr << "accord: error: cannot write the standard output" << stdout_target() << ": "
              << (error != 0 ? std::strerror(error) : "write error") << "\n";
    status = 1;
  }
  if (sim::h5::file_close_failed()) {
    std::cerr.flush();
    std::_Exit(status);
  }
  return status;
}

}  // namespace accord::app
