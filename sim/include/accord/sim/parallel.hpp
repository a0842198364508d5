#pragma once
// A fork-join loop over independent items on std::jthread. Items must be pure functions of
// their index (results never depend on the thread count or on which thread ran them).
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace accord::sim {

// Number of worker threads to use by default: the machine's cores.
inline unsigned default_threads() {
  return std::max(1u, std::thread::hardware_concurrency());
}

// Runs fn(i) for i in [0, n) on up to `threads` threads; rethrows the first exception.
template <class Fn>
void parallel_for(int64_t n, unsigned threads, Fn&& fn) {
  if (n <= 0) return;
  const auto workers = static_cast<unsigned>(std::min<int64_t>(std::max(1u, threads), n));
  if (workers == 1) {
    for (int64_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<int64_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  {
    std::vector<std::jthread> pool;
    for (unsigned w = 0; w < workers; ++w)
      pool.emplace_back([&] {
        for (int64_t i = next++; i < n; i = next++) {
          try {
            fn(i);
          } catch (...) {
            std::lock_guard lock(error_mutex);
            if (!error) error = std::current_exception();
            next = n;
          }
        }
      });
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace accord::sim
