#pragma once
// Progress of a sweep: a redrawn bar with rate and ETA on a terminal, or one plain line every
// N runs when the output is piped (logs of batch jobs stay short). Thread-safe.
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <mutex>

namespace accord::sim::sweep {

class Progress {
 public:
  // `out` may be null (silent). `every`: runs per line when not a terminal (0: ~5 %).
  Progress(std::ostream* out, bool terminal, int64_t total, int64_t every = 0);
  void tick(bool failed);
  // Final line (the bar ends with a newline).
  void finish();

 private:
  void draw(bool final);

  std::ostream* out_;
  bool terminal_;
  int64_t total_;
  int64_t every_;
  int64_t done_ = 0;
  int64_t failed_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  std::mutex mutex_;
};

}  // namespace accord::sim::sweep
