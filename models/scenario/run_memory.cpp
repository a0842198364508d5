#include "run_memory.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <variant>

#include <fmt/format.h>

namespace accord::models::detail {

namespace {

std::string size_text(double bytes) {
  return bytes >= 1e12 ? fmt::format("{:.1f} TB", bytes / 1e12)
                       : fmt::format("{:.1f} GB", bytes / 1e9);
}

}  // namespace

double run_memory_bytes(const Scenario& s, bool streamed) {
  if (s.time.step_seconds <= 0 || s.time.end_utc <= s.time.start_utc) return 0;
  // In double: T x N overflows int64 long before the machine runs out of memory.
  const double steps = static_cast<double>(s.time.end_utc - s.time.start_utc) /
                       static_cast<double>(s.time.step_seconds);
  const auto n = static_cast<double>(s.participants.size());
  const auto p = static_cast<double>(s.producers.size());
  // CSV series are read once and kept [T] (the generators keep no series).
  double csv_series = 0;
  for (const auto& x : s.participants)
    csv_series += std::holds_alternative<CsvSeriesSpec>(x.consumption.source) ? 1 : 0;
  for (const auto& x : s.producers)
    csv_series += std::holds_alternative<CsvSeriesSpec>(x.production.source) ? 1 : 0;
  constexpr double kDouble = 8;
  // Inputs are built period by period (InputStream); at detail full the inputs and the
  // allocation ledgers are kept whole for the recorder.
  const bool whole = s.output.detail == "full" && !streamed;
  const double per_step = 16                                // step calendar
                          + kDouble                         // step start times
                          + 4                               // run year of each step
                          + kDouble * csv_series            // CSV series
                          + (whole ? 3 * kDouble * n : 0)   // consumption, allocated, supplied
                          + (whole ? 3 * kDouble * p : 0);  // production, autoprod, surplus
  // Per billing period (a month) the run keeps rows of [M, N] and [M, P] records: energy,
  // accounts, benefits, funds, membership, dynamics; about 16 of N and 6 of P.
  const double periods = steps * static_cast<double>(s.time.step_seconds) / (30.44 * 86400.0);
  return steps * per_step + periods * kDouble * (16 * n + 6 * p);
}

double physical_memory_bytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) return 0;
  double bytes = static_cast<double>(pages) * static_cast<double>(page_size);
  // A container or a cluster job (cgroup v2) may have less than the machine: its limit.
  std::ifstream limit("/sys/fs/cgroup/memory.max");
  double cgroup = 0;
  if (limit >> cgroup && cgroup > 0) bytes = std::min(bytes, cgroup);
  return bytes;
}

void check_run_memory(const sim::ConfigNode& time, const Scenario& s, double available_bytes,
                      int parallel_runs, bool streamed) {
  if (available_bytes <= 0) return;
  const int runs = std::max(1, parallel_runs);
  const double needed = run_memory_bytes(s, streamed);
  if (needed * runs <= available_bytes) return;
  const auto steps = (s.time.end_utc - s.time.start_utc) / s.time.step_seconds;
  const std::string machine =
      runs == 1 ? fmt::format("this machine has {}", size_text(available_bytes))
                : fmt::format("{} runs in parallel (-j {}) need {} and this machine has {}", runs,
                              runs, size_text(needed * runs), size_text(available_bytes));
  const std::string fewer = runs > 1 && needed <= available_bytes
                                ? fmt::format("run at most {} in parallel (-j {}), ",
                                              static_cast<int>(available_bytes / needed),
                                              static_cast<int>(available_bytes / needed))
                                : std::string();
  const sim::ConfigNode end = time.optional("end");
  (end.present() ? end : time)
      .error(fmt::format(
          "the run needs at least {} of memory ({} steps of {} min x {} participants and {} "
          "producers, {} kept for the whole run) and {}; {}end the run "
          "earlier, use a longer step or fewer members",
          size_text(needed), steps, s.time.step_seconds / 60, s.participants.size(),
          s.producers.size(),
          s.output.detail == "full" && !streamed ? "every per-step ledger" : "the step calendar",
          machine, fewer));
}

void check_horizon(const sim::ConfigNode& time, const Scenario& s) {
  const double years = static_cast<double>(s.time.end_utc - s.time.start_utc) / (365.25 * 86400.0);
  if (years <= kMaxHorizonYears) return;
  const sim::ConfigNode end = time.optional("end");
  (end.present() ? end : time)
      .error(fmt::format("the run spans {:.0f} years; expected at most {:.0f} (an ACC operation "
                         "and its plants last decades, not centuries): end the run earlier",
                         years, kMaxHorizonYears));
}

}  // namespace accord::models::detail
