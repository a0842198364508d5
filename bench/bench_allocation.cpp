// Throughput of the sharing keys on one core: a year at 30 min (17,520 steps) for N = 100,
// 1,000 and 10,000 consumers and 4 producers, compared with the machine's memory bandwidth
// measured in the same run. Prints participant-steps per second per key, and that rate as a
// fraction of the bandwidth-limited rate (bandwidth / 24 bytes: read C, write A, plus the
// write-allocate read of A). Usage: bench_allocation [--steps T] [--repeat R] [--max-n N]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "accord/models/allocation/sharing_key.hpp"

namespace {

using accord::models::SharingKeySpec;
using namespace accord::models::allocation;

constexpr double kBytesPerParticipantStep = 24.0;

double wall_now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double cpu_now() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

struct Timing {
  double wall = 1e300;  // best of the repeats, s
  double cpu = 1e300;
};

// Bandwidth of a scale-copy kernel b = s * a over arrays far larger than the caches,
// counted as 24 bytes per element (read a, write b, write-allocate read of b) like the keys.
Timing measure_bandwidth(int repeat, int64_t elements) {
  std::vector<double> a(static_cast<size_t>(elements), 1.0);
  std::vector<double> b(static_cast<size_t>(elements), 0.0);
  volatile double factor = 0.999;
  Timing best;
  for (int r = 0; r < repeat + 1; ++r) {
    const double s = factor;
    const double w0 = wall_now();
    const double c0 = cpu_now();
    double* __restrict pb = b.data();
    const double* __restrict pa = a.data();
    for (int64_t i = 0; i < elements; ++i) pb[i] = s * pa[i];
    const double c1 = cpu_now();
    const double w1 = wall_now();
    if (r > 0) {  // the first pass faults the pages in
      best.wall = std::min(best.wall, w1 - w0);
      best.cpu = std::min(best.cpu, c1 - c0);
    }
    std::swap(a, b);
  }
  if (a[static_cast<size_t>(elements / 2)] < 0.0) std::puts("");  // keep the work
  return best;
}

struct Workload {
  int64_t n = 0;
  int64_t p = 4;
  int64_t t = 0;
  std::vector<double> consumption;  // [T, N]
  std::vector<double> production;   // [T, P]
  std::vector<double> allocated;
  std::vector<double> autoprod;
  std::vector<double> surplus;
  KeyContext ctx;
};

// Deterministic synthetic loads (no randomness needed): household-like daily shape with a
// per-member level, PV bell between 6h and 18h sized so that about half of the steps are in
// deficit and half in plenty, with a few zero-consumption members.
Workload make_workload(int64_t n, int64_t t) {
  Workload w;
  w.n = n;
  w.t = t;
  w.consumption.resize(static_cast<size_t>(n * t));
  w.production.resize(static_cast<size_t>(w.p * t));
  w.allocated.assign(static_cast<size_t>(n * t), 0.0);
  w.autoprod.assign(static_cast<size_t>(w.p * t), 0.0);
  w.surplus.assign(static_cast<size_t>(w.p * t), 0.0);
  std::vector<double> level(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    level[static_cast<size_t>(i)] =
        i % 17 == 0 ? 0.0 : 0.2 + 0.6 * std::fmod(0.618 * static_cast<double>(i), 1.0);
  }
  for (int64_t s = 0; s < t; ++s) {
    const double hour = static_cast<double>(s % 48) / 2.0;
    const double shape = 0.6 + 0.4 * std::sin(3.14159 * (hour - 7.0) / 12.0);
    double* row = w.consumption.data() + s * n;
    for (int64_t i = 0; i < n; ++i) {
      row[i] = level[static_cast<size_t>(i)] * shape *
               (1.0 + 0.3 * std::sin(0.37 * static_cast<double>(i + s)));
    }
    const double sun = std::max(0.0, std::sin(3.14159 * (hour - 6.0) / 12.0));
    for (int64_t j = 0; j < w.p; ++j) {
      w.production[static_cast<size_t>(s * w.p + j)] = sun * 0.5 * static_cast<double>(n) /
                                                       static_cast<double>(w.p) *
                                                       (0.8 + 0.1 * static_cast<double>(j));
    }
  }
  w.ctx.steps = t;
  for (int64_t i = 0; i < n; ++i) {
    w.ctx.participant_ids.push_back("c" + std::to_string(i));
    accord::models::KeyParticipation kp;
    kp.coefficient = (1.0 + static_cast<double>(i % 5)) / (3.0 * static_cast<double>(n));
    kp.priority = 1 + static_cast<int>(i % 3);
    kp.weight = 1.0 + static_cast<double>(i % 2);
    w.ctx.participation.push_back(kp);
    w.ctx.low_income.push_back(i % 4 == 0 ? 1 : 0);
  }
  for (int64_t j = 0; j < w.p; ++j) w.ctx.producer_ids.push_back("p" + std::to_string(j));
  return w;
}

Timing time_key(const SharingKey& key, Workload& w, int repeat, int64_t block) {
  Timing best;
  for (int r = 0; r < repeat + 1; ++r) {
    const double w0 = wall_now();
    const double c0 = cpu_now();
    for (int64_t t0 = 0; t0 < w.t; t0 += block) {
      AllocationView v;
      v.t0 = t0;
      v.t1 = std::min(t0 + block, w.t);
      v.n = w.n;
      v.p = w.p;
      v.consumption = w.consumption.data();
      v.production = w.production.data();
      v.allocated = w.allocated.data();
      v.autoprod = w.autoprod.data();
      v.surplus = w.surplus.data();
      key.allocate(v);
    }
    const double c1 = cpu_now();
    const double w1 = wall_now();
    if (r > 0) {  // the first run is the warm-up
      best.wall = std::min(best.wall, w1 - w0);
      best.cpu = std::min(best.cpu, c1 - c0);
    }
  }
  return best;
}

struct KeyCase {
  const char* label;
  SharingKeySpec spec;
  double target;  // participant-steps/s, 0 = none
};

std::vector<KeyCase> key_cases(const Workload& w) {
  std::vector<KeyCase> cases;
  const auto add = [&](const char* label, const char* type, double target) {
    SharingKeySpec spec;
    spec.type = type;
    cases.push_back(KeyCase{label, spec, target});
    return &cases.back().spec;
  };
  add("dynamic_default", "dynamic_default", 500e6);
  add("static", "static", 0);
  add("static_redistributed", "static_redistributed", 100e6);
  add("priority (pro_rata, 3 levels)", "priority", 100e6);
  add("priority (coefficients)", "priority", 100e6)->within_level = "coefficients";
  add("dynamic_custom favour_low_income", "dynamic_custom", 0)->rule = "favour_low_income";
  add("dynamic_custom weighted", "dynamic_custom", 0)->rule = "weighted";
  SharingKeySpec* fd = add("full_dynamic (4 x N pairs)", "full_dynamic", 0);
  for (const std::string& pj : w.ctx.producer_ids) {
    for (const std::string& ci : w.ctx.participant_ids) {
      fd->pair_coefficients[pj][ci] = 1.0 / static_cast<double>(w.ctx.participant_ids.size());
    }
  }
  return cases;
}

}  // namespace

int main(int argc, char** argv) {
  int64_t steps = 17520;
  int repeat = 3;
  int64_t max_n = 10000;
  for (int a = 1; a + 1 < argc; a += 2) {
    const std::string flag = argv[a];
    if (flag == "--steps") steps = std::atoll(argv[a + 1]);
    if (flag == "--repeat") repeat = std::atoi(argv[a + 1]);
    if (flag == "--max-n") max_n = std::atoll(argv[a + 1]);
  }
  const int64_t block = 512;  // rows per allocate() call (one virtual call per block)

  const int64_t bw_elements = int64_t{1} << 25;  // 2 x 256 MiB
  const Timing bw = measure_bandwidth(repeat, bw_elements);
  const double bw_wall = kBytesPerParticipantStep * static_cast<double>(bw_elements) / bw.wall;
  const double bw_cpu = kBytesPerParticipantStep * static_cast<double>(bw_elements) / bw.cpu;
  std::printf("memory bandwidth (scale-copy, 2 x 256 MiB, 24 B/element incl. write-allocate):\n");
  std::printf(
      "  %.1f GB/s wall, %.1f GB/s cpu-time  (STREAM convention, 16 B/element: %.1f GB/s)\n",
      bw_wall / 1e9, bw_cpu / 1e9, bw_wall / 1.5e9);
  std::printf("  bandwidth-limited rate at 24 B/participant-step: %.0f M/s (wall)\n\n",
              bw_wall / kBytesPerParticipantStep / 1e6);
  std::printf("year at 30 min: T = %lld steps, P = 4 producers, blocks of %lld rows, best of %d\n",
              static_cast<long long>(steps), static_cast<long long>(block), repeat);
  std::printf("%-34s %7s %12s %12s %9s %10s\n", "key", "N", "M p-steps/s", "(cpu time)", "of BW",
              "target");
  for (int64_t n : {int64_t{100}, int64_t{1000}, int64_t{10000}}) {
    if (n > max_n) continue;
    Workload w = make_workload(n, steps);
    const double work = static_cast<double>(n) * static_cast<double>(steps);
    for (const KeyCase& kc : key_cases(w)) {
      const auto key = make_sharing_key(kc.spec, w.ctx);
      const Timing tm = time_key(*key, w, repeat, block);
      const double rate = work / tm.wall;
      const double rate_cpu = work / tm.cpu;
      char target[32] = "-";
      if (kc.target > 0) {
        std::snprintf(target, sizeof target, "%s %.0fM", rate_cpu >= kc.target ? "ok" : "MISS",
                      kc.target / 1e6);
      }
      std::printf("%-34s %7lld %12.0f %12.0f %8.0f%% %10s\n", kc.label, static_cast<long long>(n),
                  rate / 1e6, rate_cpu / 1e6, 100.0 * rate / (bw_wall / kBytesPerParticipantStep),
                  target);
    }
  }
  return 0;
}
