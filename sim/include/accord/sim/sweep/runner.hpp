#pragma once
// Runs a sweep: every (design point, replicate) is one run with its own seed, run on a pool
// of threads, each writing its own run file under <dir>/runs/. A failed run is recorded
// with its error and the sweep goes on. Results are streamed (only the scalar KPIs of a run
// are kept), so memory does not grow with the size of the runs. At the end, <dir>/sweep.h5
// (the design and summary tables, external links to the run files) and <dir>/summary.csv.
//
// Domain-agnostic: what a run is comes from the caller as a RunFunction (the accord CLI
// loads the base scenario with the point's overrides, simulates and writes the run).
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "accord/sim/sweep/design.hpp"
#include "accord/sim/sweep/distribution.hpp"
#include "accord/sim/sweep/spec.hpp"

namespace accord::sim::sweep {

// One run of the sweep. run_id = point * replicates + replicate.
struct RunRequest {
  int64_t run_id = 0;
  int64_t point = 0;
  uint32_t replicate = 0;
  uint64_t seed = 0;
  std::string base;                    // base scenario file
  std::vector<std::string> overrides;  // "key.path=value", one per parameter
  std::string output_path;             // where the run file goes (<dir>/runs/run-NNNNNN.h5)
  std::string detail;                  // full | periods | summary
};

// A scalar result of a run, as the run file stores it under /summary.
struct RunKpi {
  std::string name;
  double value = 0;
  std::string units;
  std::string description;
};

// Runs one run: writes request.output_path (complete = 1 last) and returns its KPIs. Throws
// on failure (any exception: its what() is recorded). Called from several threads at once.
using RunFunction = std::function<std::vector<RunKpi>(const RunRequest&)>;

// True when the complete run file at `path` holds the run `request` would make now (the
// accord CLI compares the resolved scenario stored in the file with the one the request
// resolves to). Called on the root only, one run at a time.
using RunIsCurrent = std::function<bool(const RunRequest& request, const std::string& path)>;

// Common random numbers: the seed of replicate r is the same at every design point, a pure
// function of (sweep seed, r) below 2^53 (exact in float64 readers).
uint64_t replicate_seed(uint64_t sweep_seed, uint32_t replicate);

// The runs of a design, in run id order.
int64_t run_count(const SweepSpec& spec, const Design& design);
RunRequest make_request(const SweepSpec& spec, const Design& design, int64_t run_id,
                        const std::string& output_dir);
std::string run_file_name(int64_t run_id);  // run-000123.h5

struct RunnerOptions {
  unsigned threads = 0;     // 0: all cores
  int64_t shard_index = 0;  // run only run ids with id % shard_count == shard_index
  int64_t shard_count = 1;
  // Skip runs whose file exists with complete == 1 (and that run_is_current accepts); remove
  // the temporary files that killed runs of this shard left (their process is gone).
  bool resume = false;
  // With resume: a complete run file that this rejects is stale (the sweep file or the base
  // scenario changed since it was made) and its run is made again. Null: any complete file.
  RunIsCurrent run_is_current;
  std::string output_dir;            // empty: the sweep's output.dir
  std::ostream* progress = nullptr;  // progress bar (terminal) or a line every N runs
  bool progress_is_terminal = false;
  int64_t progress_every = 0;  // lines when not a terminal; 0: about every 5 %
  // Test hook: stop launching runs after this many were started (simulates a kill).
  std::optional<int64_t> stop_after;
  // Several processes share the runs (MPI ranks); null: this process makes them all. Only
  // the root (rank 0) writes the sweep file; the other ranks' outcomes count their own runs.
  Distribution* distribution = nullptr;
};

struct SweepOutcome {
  int64_t runs = 0;                 // in the design (all shards)
  int64_t executed = 0;             // run by this call
  int64_t skipped = 0;              // found complete and current (--resume)
  int64_t stale = 0;                // found complete but made for another scenario: made again
  int64_t temporaries_removed = 0;  // stale *.tmp-PID files of killed runs (--resume)
  int64_t failed = 0;               // failed in this call
  int64_t missing = 0;              // neither complete nor failed (other shards, stopped early)
  std::string first_error;          // "run-000012: <error>" of the lowest failed run here
  std::string sweep_file;           // empty when this call was one shard of several
  std::string summary_csv;
};

// Runs the sweep. With a distribution, every process calls it and the runs are spread over
// them on demand; the root gathers the results. With shard_count > 1 only that shard's runs are
// made and no sweep file is written: gather afterwards with a run of all shards with resume (it
// runs nothing new unless runs are missing or failed, and writes sweep.h5 and summary.csv).
SweepOutcome run_sweep(const SweepSpec& spec, const Design& design, const RunFunction& run,
                       const RunnerOptions& options);

// True when `path` is a complete run file (root attribute complete == 1).
bool run_file_complete(const std::string& path);

// Serializes HDF5 work across the sweep's threads where libhdf5 is not thread-safe.
std::mutex& h5_mutex();
// What a RunFunction holds while it writes or reads a run file: h5_mutex() locked with a
// libhdf5 built without thread safety; nothing with a thread-safe one (Debian's), where the
// library serialises each call and accord's h5 layer the dimension-scale calls, so that the
// sweep's threads write their files at the same time (docs/performance.md, "Sweeps").
std::unique_lock<std::mutex> h5_serial_lock();

}  // namespace accord::sim::sweep
