#pragma once
// The per-step ledgers of a run at detail full, written to the run's file as its periods close
// (docs/performance.md, "Long runs"): the run never holds them whole. The file is opened under
// its temporary name at the start (sim::h5::AtomicFile), the six /energy datasets are created
// with their final shape and chunks, and each band of chunk rows, once complete, is compressed
// (libdeflate, sim::h5::encode_band) and copied in by a worker thread while the run goes on.
// write_run_streamed then writes the rest of the file and renames it. The chunks are those
// write_run makes from whole arrays, byte for byte.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "accord/models/scenario/scenario.hpp"
#include "accord/sim/h5/h5.hpp"

namespace accord::models::output {

class LedgerStream {
 public:
  // Opens `path` under its temporary name (sim::h5::AtomicFile: throws OutputPathError or
  // IoError) for a run of `steps` metering steps; `threads` compress.
  LedgerStream(const std::string& path, const std::vector<Participant>& participants,
               const std::vector<Producer>& producers, int64_t steps, unsigned threads);
  ~LedgerStream();  // stops the worker; an uncommitted file is removed
  LedgerStream(const LedgerStream&) = delete;
  LedgerStream& operator=(const LedgerStream&) = delete;

  // Rows [first_step, first_step + rows) of the six ledgers, row-major [rows, N] or [rows, P]
  // in kStepSeries order (consumption, allocated, supplied, production, autoprod, surplus),
  // in step order. Copies them (the caller's buffers are free on return). Waits when the
  // worker is more than a few bands behind, so that memory stays bounded. Throws IoError for
  // a non-finite value (naming the dataset, step and participant) or a write that failed.
  void append(int64_t first_step, int64_t rows, const std::array<const double*, 6>& series);

  // Waits until every band is in the file (all steps must have been appended).
  void finish();

  sim::h5::AtomicFile& file();
  sim::h5::Group& group();  // /energy
  std::array<sim::h5::Dataset, 6>& datasets();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace accord::models::output
