// The MPI backend of `accord sweep` (see sweep/mpi.hpp for why rank 0 hands out the runs).
// Compiled only when CMake finds MPI; the only file of accord that includes mpi.h.
// The C API only: without these, Open MPI's and MPICH's mpi.h pull in their deprecated C++
// bindings, which need an extra library (libmpi_cxx).
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <thread>

#include "accord/sim/error.hpp"
#include "accord/sim/sweep/mpi.hpp"

namespace accord::sim::sweep {

namespace {

// Messages. A request carries what the asking thread just did (kFirst: nothing yet, kOk or
// kFailed: its run, for the root's progress; kLeaving: the rank is done, no reply); the
// grant is the next index, or kNone when every run is handed out.
constexpr int kTagRequest = 1;
constexpr int kTagGrant = 2;
constexpr int kTagRecords = 3;
constexpr int64_t kFirst = -1;
constexpr int64_t kOk = 0;
constexpr int64_t kFailed = 1;
constexpr int64_t kLeaving = -2;
constexpr int64_t kNone = -1;

// Rank 0 looks for requests this often while its own threads simulate: a blocking receive
// would spin a core (Open MPI busy-polls), which the runs need more. Even a one-week run
// takes ~20 ms, so the wait this adds to a remote run (0.125 ms on average) stays under 1 %.
constexpr auto kPollInterval = std::chrono::microseconds(250);

void check(int rc, const char* what) {
  if (rc == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int len = 0;
  MPI_Error_string(rc, text, &len);
  throw IoError(
      fmt::format("MPI: {} failed: {}", what, std::string(text, static_cast<size_t>(len))));
}

// The first error of a pool of threads (the others go on so that the protocol completes).
class FirstError {
 public:
  void keep() {
    std::lock_guard lock(mutex_);
    if (!error_) error_ = std::current_exception();
  }
  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::mutex mutex_;
  std::exception_ptr error_;
};

class MpiDistribution final : public Distribution {
 public:
  MpiDistribution(int rank, int size, bool threads_may_call)
      : rank_(rank), size_(size), threads_may_call_(threads_may_call) {}

  int rank() const override { return rank_; }
  int size() const override { return size_; }

  void share(std::vector<int64_t>& todo) override {
    auto n = static_cast<int64_t>(todo.size());
    check(MPI_Bcast(&n, 1, MPI_INT64_T, 0, MPI_COMM_WORLD), "broadcast of the run count");
    todo.resize(static_cast<size_t>(n));
    if (n > INT_MAX) throw IoError("MPI: more than 2^31 runs to share");
    if (n > 0)
      check(MPI_Bcast(todo.data(), static_cast<int>(n), MPI_INT64_T, 0, MPI_COMM_WORLD),
            "broadcast of the run list");
  }

  void run(int64_t count, unsigned threads, const std::function<bool(int64_t)>& body,
           Progress& progress) override {
    if (rank_ == 0)
      serve(count, std::max(1u, threads), body, progress);
    else
      ask(std::max(1u, threads), body);
  }

  std::vector<std::string> gather(const std::string& mine) override {
    std::vector<std::string> out;
    if (rank_ != 0) {
      if (mine.size() > INT_MAX) throw IoError("MPI: run records over 2 GiB");
      check(MPI_Send(mine.data(), static_cast<int>(mine.size()), MPI_BYTE, 0, kTagRecords,
                     MPI_COMM_WORLD),
            "send of the run records");
      return out;
    }
    for (int r = 1; r < size_; ++r) {
      MPI_Status status;
      check(MPI_Probe(r, kTagRecords, MPI_COMM_WORLD, &status), "probe of the run records");
      int bytes = 0;
      check(MPI_Get_count(&status, MPI_BYTE, &bytes), "size of the run records");
      std::string payload(static_cast<size_t>(bytes), '\0');
      check(MPI_Recv(payload.data(), bytes, MPI_BYTE, r, kTagRecords, MPI_COMM_WORLD,
                     MPI_STATUS_IGNORE),
            "receive of the run records");
      out.push_back(std::move(payload));
    }
    return out;
  }

 private:
  // Rank 0: its threads take indices from `next` directly; this thread answers the other
  // ranks from the same counter until each of them has left.
  void serve(int64_t count, unsigned threads, const std::function<bool(int64_t)>& body,
             Progress& progress) {
    std::atomic<int64_t> next{0};
    FirstError error;
    {
      std::vector<std::jthread> pool;
      for (unsigned w = 0; w < threads; ++w)
        pool.emplace_back([&] {
          for (int64_t i = next++; i < count; i = next++) {
            try {
              body(i);
            } catch (...) {
              error.keep();
            }
          }
        });
      int active = size_ - 1;
      while (active > 0) {
        int flag = 0;
        MPI_Status status;
        check(MPI_Iprobe(MPI_ANY_SOURCE, kTagRequest, MPI_COMM_WORLD, &flag, &status),
              "probe for requests");
        if (!flag) {
          std::this_thread::sleep_for(kPollInterval);
          continue;
        }
        int64_t report = 0;
        check(MPI_Recv(&report, 1, MPI_INT64_T, status.MPI_SOURCE, kTagRequest, MPI_COMM_WORLD,
                       MPI_STATUS_IGNORE),
              "receive of a request");
        if (report == kLeaving) {
          --active;
          continue;
        }
        if (report == kOk || report == kFailed) progress.tick(report == kFailed);
        int64_t grant = next++;
        if (grant >= count) grant = kNone;
        check(MPI_Send(&grant, 1, MPI_INT64_T, status.MPI_SOURCE, kTagGrant, MPI_COMM_WORLD),
              "send of a run");
      }
    }  // joins rank 0's threads
    error.rethrow();
  }

  // Other ranks: each free thread asks rank 0 for an index (one request-reply at a time per
  // rank, under a mutex: MPI_THREAD_SERIALIZED), then the rank says it is leaving.
  void ask(unsigned threads, const std::function<bool(int64_t)>& body) {
    std::mutex mpi_mutex;
    FirstError error;
    const auto worker = [&] {
      int64_t report = kFirst;
      for (;;) {
        int64_t grant = kNone;
        {
          std::lock_guard lock(mpi_mutex);
          check(MPI_Send(&report, 1, MPI_INT64_T, 0, kTagRequest, MPI_COMM_WORLD),
                "send of a request");
          check(MPI_Recv(&grant, 1, MPI_INT64_T, 0, kTagGrant, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
                "receive of a run");
        }
        if (grant == kNone) return;
        try {
          report = body(grant) ? kFailed : kOk;
        } catch (...) {
          error.keep();
          report = kFailed;
        }
      }
    };
    if (threads == 1 || !threads_may_call_) {
      worker();
    } else {
      std::vector<std::jthread> pool;
      for (unsigned w = 0; w < threads; ++w) pool.emplace_back(worker);
    }
    const int64_t leaving = kLeaving;
    check(MPI_Send(&leaving, 1, MPI_INT64_T, 0, kTagRequest, MPI_COMM_WORLD), "send of leaving");
    error.rethrow();
  }

  int rank_;
  int size_;
  bool threads_may_call_;  // MPI_THREAD_SERIALIZED or better was granted
};

bool env_set(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0';
}

}  // namespace

bool launched_by_mpi() {
  // Open MPI (mpirun), MPICH/Hydra and Intel MPI (PMI), PMIx launchers (srun --mpi=pmix),
  // MVAPICH.
  for (const char* name :
       {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMI_RANK", "PMIX_RANK", "MV2_COMM_WORLD_SIZE"})
    if (env_set(name)) return true;
  return false;
}

MpiSession::MpiSession() {
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (!initialized) {
    int provided = MPI_THREAD_SINGLE;
    check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided), "MPI_Init_thread");
    owned_ = true;
  }
  int level = MPI_THREAD_SINGLE;
  MPI_Query_thread(&level);
  serialized_ = level >= MPI_THREAD_SERIALIZED;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (owned_ && !finalized) MPI_Finalize();
}

std::unique_ptr<Distribution> MpiSession::distribution() const {
  return std::make_unique<MpiDistribution>(rank_, size_, serialized_);
}

void MpiSession::abort(int code) const {
  MPI_Abort(MPI_COMM_WORLD, code);
  std::_Exit(code);  // MPI_Abort does not return; this only satisfies [[noreturn]]
}

}  // namespace accord::sim::sweep
