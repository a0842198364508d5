#pragma once
// How the accord process ends: what it printed must have reached its standard output.

namespace accord::app {

// Flushes the standard output and checks that every write to it succeeded: a command whose
// output was lost (`accord schema > /dev/full`, a full disk under `analyze > file`) fails with
// one line and status 1 instead of exiting 0 with an empty or cut file. Returns the status
// to exit with. When closing an HDF5 file failed, ends the process here (std::_Exit), since
// HDF5's own clean-up at exit would crash on that file (accord/sim/h5/handle.hpp).
int finish(int status);

}  // namespace accord::app
