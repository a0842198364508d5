#pragma once
// How the runs of a sweep are shared out. Without a Distribution the threads of this process
// take them in turn; a Distribution spreads them over several processes (the ranks of
// `mpirun -n K accord sweep`, sweep_mpi.cpp), each with its own threads, and brings every
// run's result to one process, the root (rank 0), which writes the sweep file. MPI-free: the
// runner sees only this interface, so the rest of the sweep code builds without MPI.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "accord/sim/sweep/progress.hpp"

namespace accord::sim::sweep {

class Distribution {
 public:
  virtual ~Distribution() = default;
  virtual int rank() const = 0;  // 0: the root
  virtual int size() const = 0;
  // Gives every process the root's list of runs to make (only the root looks at the run
  // files under --resume, so all processes agree on the list).
  virtual void share(std::vector<int64_t>& todo) = 0;
  // Calls body(i) for every i in [0, count), each exactly once over all processes, on up to
  // `threads` threads of this process, handing out indices on demand (a slow run does not
  // hold back the others); returns when none is left. body returns whether the run failed;
  // the root also ticks `progress` for the runs the other processes finish.
  virtual void run(int64_t count, unsigned threads, const std::function<bool(int64_t)>& body,
                   Progress& progress) = 0;
  // Root: the payloads of the other processes, in rank order. Others: send `mine` to the
  // root and return nothing.
  virtual std::vector<std::string> gather(const std::string& mine) = 0;
};

}  // namespace accord::sim::sweep
