#include "accord/models/output/ledger_stream.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <span>
#include <thread>

#include "accord/sim/error.hpp"
#include "step_series.hpp"

namespace accord::models::output {

namespace h5 = sim::h5;

namespace {

// The worker may be this far behind the run (bands filled, not yet in the file) before
// append() waits: bounded memory whatever the horizon, and room for the compression of a few
// bands to overlap the next periods.
constexpr size_t kMaxQueuedBytes = 16 << 20;

// One band of a ledger: chunk rows [index * R, index * R + R) of every column, row-major, the
// rows beyond the run's end at the fill value (0), as HDF5 stores edge chunks.
struct Band {
  size_t series = 0;
  uint64_t index = 0;
  std::vector<double> values;
};

}  // namespace

struct LedgerStream::Impl {
  std::unique_ptr<h5::AtomicFile> out;
  h5::Group group;
  std::array<h5::Dataset, 6> datasets;
  std::array<uint64_t, 6> cols{};
  std::array<uint64_t, 6> band_rows{};      // R: rows of a chunk, and of a band
  std::array<h5::WriteOptions, 6> options;  // compression with the datasets' chunk shape
  int64_t steps = 0;
  int64_t next_step = 0;
  unsigned threads = 1;
  std::vector<std::string> participants, producers;  // ids, for messages
  std::array<std::vector<double>, 6> filling;        // the band being filled
  std::array<uint64_t, 6> filled{};                  // its rows so far
  std::array<uint64_t, 6> next_band{};

  std::mutex mutex;
  std::condition_variable work;  // a band queued, or stopping
  std::condition_variable room;  // a band written, or an error
  std::deque<Band> queue;
  size_t queued_bytes = 0;
  bool writing = false;
  bool stopping = false;
  std::exception_ptr error;
  std::vector<std::vector<double>> spare;  // buffers of written bands, reused
  std::thread worker;

  void run_worker();
  void write_band(const Band& band);
  void submit(size_t s);
  void rethrow_error();
  [[noreturn]] void non_finite(size_t s, double value, int64_t step, uint64_t col) const;
};

void LedgerStream::Impl::write_band(const Band& band) {
  const size_t s = band.series;
  h5::EncodedArray encoded =
      h5::encode_band(h5::Type::kFloat64, band.values.data(), h5::Dims{band_rows[s], cols[s]},
                      options[s], threads, 0, UINT64_MAX);
  // The band is chunk row `index` of the whole dataset's grid.
  const uint64_t across = (cols[s] + options[s].chunk_cols - 1) / options[s].chunk_cols;
  encoded.dims = h5::Dims{static_cast<uint64_t>(steps), cols[s]};
  encoded.first_chunk = band.index * across;
  datasets[s].write_chunks(encoded);
}

void LedgerStream::Impl::run_worker() {
  std::unique_lock lock(mutex);
  for (;;) {
    work.wait(lock, [&] { return stopping || !queue.empty(); });
    if (queue.empty()) return;  // stopping, nothing left
    Band band = std::move(queue.front());
    queue.pop_front();
    writing = true;
    const bool failed_before = error != nullptr;  // then the file is lost: write no more
    lock.unlock();
    std::exception_ptr failed;
    try {
      if (!failed_before) write_band(band);
    } catch (...) {
      failed = std::current_exception();
    }
    lock.lock();
    writing = false;
    queued_bytes -= band.values.size() * sizeof(double);
    if (failed && !error) error = failed;
    spare.push_back(std::move(band.values));
    room.notify_all();
  }
}

void LedgerStream::Impl::rethrow_error() {
  const std::lock_guard lock(mutex);
  if (error) std::rethrow_exception(error);
}

void LedgerStream::Impl::non_finite(size_t s, double value, int64_t step, uint64_t col) const {
  const bool per_participant = kStepSeries[s].per_participant;
  const auto& ids = per_participant ? participants : producers;
  throw IoError(fmt::format(
      "{}: not written: /energy/{} has a non-finite value ({}) at step {}, {} '{}' (expected a "
      "finite number of kWh: check the magnitudes of the scenario's inputs)",
      out->final_path(), kStepSeries[s].name, value, step,
      per_participant ? "participant" : "producer",
      col < ids.size() ? ids[col] : std::to_string(col)));
}

// Queues the band being filled (padded with the fill value) and starts a new one.
void LedgerStream::Impl::submit(size_t s) {
  std::vector<double>& band = filling[s];
  std::fill(band.begin() + static_cast<std::ptrdiff_t>(filled[s] * cols[s]), band.end(), 0.0);
  const size_t bytes = band.size() * sizeof(double);
  std::unique_lock lock(mutex);
  room.wait(lock, [&] { return error || queued_bytes + bytes <= kMaxQueuedBytes; });
  if (error) std::rethrow_exception(error);
  queue.push_back(Band{s, next_band[s]++, std::move(band)});
  queued_bytes += bytes;
  // The next band reuses a written band's buffer when one of the right size is free.
  std::vector<double> next;
  for (auto it = spare.begin(); it != spare.end(); ++it)
    if (it->size() == band_rows[s] * cols[s]) {
      next = std::move(*it);
      spare.erase(it);
      break;
    }
  lock.unlock();
  work.notify_one();
  if (next.empty()) next.resize(band_rows[s] * cols[s]);
  filling[s] = std::move(next);
  filled[s] = 0;
}

LedgerStream::LedgerStream(const std::string& path, const std::vector<Participant>& participants,
                           const std::vector<Producer>& producers, int64_t steps, unsigned threads)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.out = std::make_unique<h5::AtomicFile>(path);
  m.steps = steps;
  m.threads = std::max(1u, threads);
  for (const auto& p : participants) m.participants.push_back(p.id);
  for (const auto& p : producers) m.producers.push_back(p.id);
  try {
    m.group = m.out->file().create_group("energy");
    m.group.set_attr_string("description", kEnergyGroupDescription);
    const auto T = static_cast<uint64_t>(steps);
    for (size_t s = 0; s < kStepSeries.size(); ++s) {
      const StepSeries& spec = kStepSeries[s];
      m.cols[s] = spec.per_participant ? participants.size() : producers.size();
      const h5::WriteOptions options = step_series_options(spec);
      if (m.cols[s] == 0 || T == 0) {  // as write_2d stores an empty array: no chunks
        m.datasets[s] =
            m.group.write_2d(spec.name, std::span<const double>{}, T, m.cols[s], options);
        continue;
      }
      // The chunks write_2d would choose for the whole [T, cols] array.
      const h5::Dims chunk =
          h5::chunk_shape(h5::Dims{T, m.cols[s]}, sizeof(double), options, false);
      m.band_rows[s] = chunk[0];
      m.options[s] = options;
      m.options[s].chunk(chunk[0], chunk[1]);
      h5::EncodedArray empty;
      empty.type = h5::Type::kFloat64;
      empty.dims = h5::Dims{T, m.cols[s]};
      empty.chunk = chunk;
      empty.deflate = options.deflate;
      empty.shuffle = options.shuffle;
      empty.fill = options.fill;
      m.datasets[s] = m.group.write_encoded(spec.name, empty, options);
      m.filling[s].resize(m.band_rows[s] * m.cols[s]);
    }
  } catch (const IoError& e) {
    throw IoError(
        fmt::format("{}: cannot write the file, nothing was written ({})", path, e.what()));
  }
  m.worker = std::thread([&m] { m.run_worker(); });
}

LedgerStream::~LedgerStream() {
  {
    const std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->work.notify_all();
  if (impl_->worker.joinable()) impl_->worker.join();
}

void LedgerStream::append(int64_t first_step, int64_t rows,
                          const std::array<const double*, 6>& series) {
  Impl& m = *impl_;
  m.rethrow_error();
  if (first_step != m.next_step || rows < 0 || first_step + rows > m.steps)
    throw IoError(fmt::format("{}: cannot record the run: steps {} to {} given after step {} of {}",
                              m.out->final_path(), first_step, first_step + rows, m.next_step,
                              m.steps));
  for (size_t s = 0; s < kStepSeries.size(); ++s) {
    const uint64_t n = m.cols[s];
    if (n == 0) continue;
    const double* values = series[s];
    for (int64_t r = 0; r < rows; ++r)
      for (uint64_t c = 0; c < n; ++c) {
        const double v = values[static_cast<uint64_t>(r) * n + c];
        if (!std::isfinite(v)) m.non_finite(s, v, first_step + r, c);
      }
    // Copy into bands of chunk rows; a full band (or the run's last) goes to the worker.
    int64_t done = 0;
    while (done < rows) {
      const auto take = static_cast<int64_t>(
          std::min<uint64_t>(m.band_rows[s] - m.filled[s], static_cast<uint64_t>(rows - done)));
      std::memcpy(m.filling[s].data() + m.filled[s] * n, values + static_cast<uint64_t>(done) * n,
                  static_cast<size_t>(take) * n * sizeof(double));
      m.filled[s] += static_cast<uint64_t>(take);
      done += take;
      if (m.filled[s] == m.band_rows[s]) m.submit(s);
    }
    if (first_step + rows == m.steps && m.filled[s] > 0) m.submit(s);
  }
  m.next_step = first_step + rows;
}

void LedgerStream::finish() {
  Impl& m = *impl_;
  if (m.next_step != m.steps)
    throw IoError(fmt::format("{}: cannot record the run: {} of {} steps were streamed",
                              m.out->final_path(), m.next_step, m.steps));
  std::unique_lock lock(m.mutex);
  m.room.wait(lock, [&] { return m.error || (m.queue.empty() && !m.writing); });
  if (m.error) std::rethrow_exception(m.error);
}

h5::AtomicFile& LedgerStream::file() {
  return *impl_->out;
}
h5::Group& LedgerStream::group() {
  return impl_->group;
}
std::array<h5::Dataset, 6>& LedgerStream::datasets() {
  return impl_->datasets;
}

}  // namespace accord::models::output
