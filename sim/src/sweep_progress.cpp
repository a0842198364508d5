#include "accord/sim/sweep/progress.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>
#include <string>

namespace accord::sim::sweep {

namespace {
std::string clock_text(double seconds) {
  const auto s = static_cast<int64_t>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}
}  // namespace

Progress::Progress(std::ostream* out, bool terminal, int64_t total, int64_t every)
    : out_(out),
      terminal_(terminal),
      total_(total),
      every_(every > 0 ? every : std::max<int64_t>(1, total / 20)),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void Progress::tick(bool failed) {
  std::lock_guard lock(mutex_);
  ++done_;
  if (failed) ++failed_;
  if (!out_) return;
  const auto now = std::chrono::steady_clock::now();
  if (terminal_) {
    // Redraw at most 10 times a second: terminals are slow and runs can be fast.
    if (now - last_draw_ < std::chrono::milliseconds(100) && done_ < total_) return;
  } else if (done_ % every_ != 0 && done_ < total_) {
    return;
  }
  last_draw_ = now;
  draw(false);
}

void Progress::finish() {
  std::lock_guard lock(mutex_);
  if (out_ && terminal_) {
    draw(true);
  }
}

void Progress::draw(bool final) {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0;
  const double eta = rate > 0 ? static_cast<double>(total_ - done_) / rate : 0;
  const std::string failed = failed_ ? fmt::format(", {} failed", failed_) : "";
  if (terminal_) {
    constexpr int kWidth = 30;
    const auto filled = total_ > 0 ? static_cast<int>(kWidth * done_ / total_) : kWidth;
    *out_ << fmt::format("\r[{}{}] {}/{} runs{}, {:.1f} runs/s, ETA {} ",
                         std::string(static_cast<size_t>(filled), '#'),
                         std::string(static_cast<size_t>(kWidth - filled), '.'), done_, total_,
                         failed, rate, final ? "0:00" : clock_text(eta));
    if (final) *out_ << "\n";
  } else {
    *out_ << fmt::format("sweep: {}/{} runs{}, {:.1f} runs/s, elapsed {}, ETA {}\n", done_, total_,
                         failed, rate, clock_text(elapsed), clock_text(eta));
  }
  out_->flush();
}

}  // namespace accord::sim::sweep
