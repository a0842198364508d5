// The watchdog of reads through the HDF5 library. libhdf5 1.10 (Debian 12) loops forever on
// some damaged files: fuzz_run_reader found one whose global heap makes H5Aread spin inside
// the library, where no accord code runs and no error can be raised. A process reading a
// file that never returns is the worst answer accord can give (a cluster job burning its
// allocation, a user waiting in front of `accord analyze`), so every read through sim/h5
// holds a ReadGuard, and a thread watches that the library keeps returning: when a read has
// been inside it for ACCORD_HDF5_READ_TIMEOUT seconds (default 120, far beyond the longest
// legitimate read, a multi-GB dataset), it says so in one line and ends the process with
// status 1, removing the temporaries it was writing.
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>

#include "accord/sim/temp_files.hpp"
#include "h5_detail.hpp"

namespace accord::sim::h5::detail {

namespace {

using Clock = std::chrono::steady_clock;

struct WatchState {
  std::mutex mutex;
  int inside = 0;                 // read guards alive, on any thread
  Clock::time_point last_change;  // when a read last began or ended
  std::string file;               // the file of the read that began last
};

WatchState& watch_state() {
  static WatchState state;
  return state;
}

double limit_seconds() {
  static const double limit = [] {
    const char* text = std::getenv("ACCORD_HDF5_READ_TIMEOUT");
    const double value = text != nullptr ? std::strtod(text, nullptr) : 0.0;
    return value > 0 ? value : 120.0;
  }();
  return limit;
}

[[noreturn]] void watch() {
  const auto limit = std::chrono::duration<double>(limit_seconds());
  const auto tick = std::chrono::duration<double>(std::min(1.0, limit_seconds() / 4));
  for (;;) {
    std::this_thread::sleep_for(tick);
    std::string file;
    {
      WatchState& s = watch_state();
      std::lock_guard lock(s.mutex);
      if (s.inside == 0 || Clock::now() - s.last_change < limit) continue;
      file = s.file;
    }
    std::fprintf(stderr,
                 "accord: error: %s: the HDF5 library has not returned for %.0f s while reading "
                 "the file; it is damaged (libhdf5 1.10 loops forever on some damaged files): "
                 "check it with h5dump, or make it again\n",
                 file.c_str(), limit_seconds());
    std::fflush(stderr);
    remove_registered_temp_files();
    std::_Exit(1);
  }
}

}  // namespace

ReadGuard::ReadGuard(std::string_view file) {
  static std::once_flag started;
  std::call_once(started, [] { std::thread(watch).detach(); });
  WatchState& s = watch_state();
  std::lock_guard lock(s.mutex);
  ++s.inside;
  s.last_change = Clock::now();
  s.file.assign(file);
}

ReadGuard::~ReadGuard() {
  WatchState& s = watch_state();
  std::lock_guard lock(s.mutex);
  --s.inside;
  s.last_change = Clock::now();
}

}  // namespace accord::sim::h5::detail
