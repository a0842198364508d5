// What writing a run costs: the default scenario (scenarios/quartier-mixte.yaml, a year at 30
// min) recorded at detail full, split into the two stages of the recorder: prepare_run
// (checks and the per-step ledgers compressed by libdeflate, no HDF5 call, on 1 and 2
// threads) and write_prepared (HDF5: datasets, compressed chunks copied in, the atomic
// rename). Median of R repetitions of each, wall time; the same run's chunks compressed by
// zlib (compress2, what HDF5's deflate filter calls) for comparison, and the memory bandwidth
// of the machine measured in the same process.
// Usage: bench_output [R]   (target, issue "Long runs": the output stage under 0.2 s)
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "accord/models/output/run_result.hpp"
#include "accord/models/scenario/loader.hpp"
#include "accord/models/simulation/simulation.hpp"
#include "accord/sim/h5/chunk_encoder.hpp"
#include "bench_bandwidth.hpp"

using namespace accord::models;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// The ledgers' chunks compressed by zlib at level 1 after the same shuffle: what HDF5's own
// filter would spend (one thread).
double zlib_seconds(const output::RunResult& run, int strategy = Z_DEFAULT_STRATEGY) {
  const auto t0 = Clock::now();
  size_t stored = 0;
  for (const auto* m : {&run.consumption, &run.allocated, &run.supplied, &run.production,
                        &run.autoprod, &run.surplus}) {
    if (m->size() == 0) continue;
    // One encode to get the chunk grid, then zlib on the same raw bytes per chunk.
    const auto rows = static_cast<uint64_t>(m->rows()), cols = static_cast<uint64_t>(m->cols());
    const auto chunk = accord::sim::h5::chunk_shape({rows, cols}, 8, {}, false);
    std::vector<unsigned char> raw(chunk[0] * chunk[1] * 8), shuffled(raw.size());
    std::vector<unsigned char> out(compressBound(static_cast<uLong>(raw.size())));
    for (uint64_t r0 = 0; r0 < rows; r0 += chunk[0])
      for (uint64_t c0 = 0; c0 < cols; c0 += chunk[1]) {
        std::fill(raw.begin(), raw.end(), 0);
        for (uint64_t r = r0; r < std::min(rows, r0 + chunk[0]); ++r)
          std::memcpy(raw.data() + ((r - r0) * chunk[1]) * 8, m->data() + r * cols + c0,
                      std::min(chunk[1], cols - c0) * 8);
        const size_t n = raw.size() / 8;
        for (size_t j = 0; j < 8; ++j)
          for (size_t i = 0; i < n; ++i) shuffled[j * n + i] = raw[i * 8 + j];
        z_stream z{};
        deflateInit2(&z, 1, Z_DEFLATED, 15, 8, strategy);
        z.next_in = shuffled.data();
        z.avail_in = static_cast<uInt>(shuffled.size());
        z.next_out = out.data();
        z.avail_out = static_cast<uInt>(out.size());
        deflate(&z, Z_FINISH);
        stored += z.total_out;
        deflateEnd(&z);
      }
  }
  const double s = seconds(t0, Clock::now());
  std::printf("  zlib level 1 on the same chunks: %.1f MB stored\n",
              static_cast<double>(stored) / 1e6);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  const int reps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  const auto dir = std::filesystem::temp_directory_path() / "accord-bench-output";
  std::filesystem::create_directories(dir);
  const std::string out = (dir / "default.h5").string();

  const Scenario s = load_scenario(std::string(ACCORD_BENCH_SCENARIOS) + "/quartier-mixte.yaml");
  SimulationOptions options;
  options.threads = 2;
  Simulation sim(s, options);
  sim.run();
  const output::RunResult run = sim.take_result();
  std::printf("default scenario, %zu participants, %zu producers, %ld steps, detail full\n",
              run.participants.size(), run.producers.size(), static_cast<long>(run.grid.steps));

  std::vector<double> prep1, prep2, write, whole;
  for (int r = 0; r < reps; ++r) {
    auto t0 = Clock::now();
    { const auto p = output::prepare_run(run, out, output::Detail::kFull, 1); }
    prep1.push_back(seconds(t0, Clock::now()));
    t0 = Clock::now();
    const auto p = output::prepare_run(run, out, output::Detail::kFull, 2);
    const auto t1 = Clock::now();
    output::write_prepared(p);
    const auto t2 = Clock::now();
    prep2.push_back(seconds(t0, t1));
    write.push_back(seconds(t1, t2));
    whole.push_back(seconds(t0, t2));
  }
  std::printf("median of %d:\n", reps);
  std::printf("  prepare (checks + compression), 1 thread : %.3f s\n", median(prep1));
  std::printf("  prepare (checks + compression), 2 threads: %.3f s\n", median(prep2));
  std::printf("  write (HDF5, compressed chunks copied in): %.3f s\n", median(write));
  std::printf("  output stage (prepare on 2 threads + write): %.3f s, file %.1f MB\n",
              median(whole), static_cast<double>(std::filesystem::file_size(out)) / 1e6);
  std::printf("  zlib level 1 + shuffle, 1 thread, the same ledgers: %.3f s\n", zlib_seconds(run));
  std::printf("  zlib Z_RLE + shuffle: %.3f s\n", zlib_seconds(run, Z_RLE));
  std::printf("  zlib Z_HUFFMAN_ONLY + shuffle: %.3f s\n", zlib_seconds(run, Z_HUFFMAN_ONLY));
  std::printf("memory bandwidth (scale-copy, best of 3): %.1f GB/s\n",
              accord::bench::memory_bandwidth() / 1e9);
  std::filesystem::remove_all(dir);
  return 0;
}
