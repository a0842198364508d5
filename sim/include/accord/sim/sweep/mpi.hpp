#pragma once
// The MPI backend of `accord sweep` (built when CMake finds MPI: ACCORD_WITH_MPI is then
// defined). Nothing here includes mpi.h, so callers stay MPI-free.
//
// Work sharing: rank 0 hands out run indices on request. Its main thread serves requests
// (polling, so it never spins a core) while its worker threads take indices from the same
// counter without messages; every other rank asks rank 0 for the next index whenever one of
// its threads is free. Two-sided messages need no passive-target progress (one-sided
// MPI_Fetch_and_op on rank 0 stalls on some transports until rank 0 enters MPI, and rank 0
// is busy simulating), so this works the same on a laptop, a node, or across nodes.
#include <memory>

#include "accord/sim/sweep/distribution.hpp"

namespace accord::sim::sweep {

// True when this process was started by an MPI launcher (mpirun/mpiexec, srun): the
// launcher's environment variables are set. MPI is not initialised otherwise, so a plain
// `accord sweep` never touches MPI.
bool launched_by_mpi();

// MPI for the lifetime of the object (MPI_Init_thread on construction, MPI_Finalize on
// destruction). One per process.
class MpiSession {
 public:
  MpiSession();
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  // The runs shared over MPI_COMM_WORLD (size() > 1).
  std::unique_ptr<Distribution> distribution() const;
  // Ends every rank after an error on one (the others may wait for it forever otherwise).
  [[noreturn]] void abort(int code) const;

 private:
  int rank_ = 0;
  int size_ = 1;
  bool owned_ = false;      // initialised here, so finalised here
  bool serialized_ = true;  // threads other than the main one may call MPI, one at a time
};

}  // namespace accord::sim::sweep
