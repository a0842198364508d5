#pragma once
// The machine's memory bandwidth, measured beside the figures it explains (a VM's bandwidth
// moves with its host's load): scale-copy over two 256 MiB arrays, best of 3, in bytes per
// second counting the read, the write and the write-allocate read (24 B per element).
#include <algorithm>
#include <chrono>
#include <utility>
#include <vector>

namespace accord::bench {

inline double memory_bandwidth() {
  using Clock = std::chrono::steady_clock;
  const size_t n = (256u << 20) / sizeof(double);
  std::vector<double> a(n, 1.0), b(n, 0.0);
  double best = 0;
  for (int r = 0; r < 3; ++r) {
    const auto t0 = Clock::now();
    for (size_t i = 0; i < n; ++i) b[i] = 1.0001 * a[i];
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    best = std::max(best, 24.0 * static_cast<double>(n) / s);
    std::swap(a, b);
  }
  return best;
}

}  // namespace accord::bench
