#pragma once
// Where accord may write an output file. Outputs are written under a temporary name and
// renamed onto their path, which replaces whatever the path names: so an output path must
// be new or name a regular file. Device nodes, FIFOs, sockets and directories are refused,
// and so are symbolic links (renaming would replace the link, not write through it to its
// target: give the target's path instead). Links among the parent folders are followed.
#include <filesystem>
#include <span>

#include "accord/sim/error.hpp"

namespace accord::sim {

// An output path accord refuses: invalid input (exit status 2), caught as an IoError by
// writers' callers like any other failure to write there.
class OutputPathError : public IoError {
 public:
  using IoError::IoError;
  int exit_status() const override { return 2; }
};

// Throws OutputPathError "PATH: cannot write the output here: ..." when `path`
// exists and is not a regular file, or when it is the same file as one of `inputs` (the
// scenario and the data files a run reads: writing would destroy an input).
void check_output_path(const std::filesystem::path& path,
                       std::span<const std::filesystem::path> inputs = {});

}  // namespace accord::sim
