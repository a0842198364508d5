#pragma once
// `accord sweep SWEEP.yaml [-j N] [--shard I/N] [--resume] [--export-design FILE]
//  [--export-salib PREFIX]`; under `mpirun -n K` the runs are spread over the K ranks.
#include <CLI/CLI.hpp>

#include <string>

namespace accord::app {

struct SweepArgs {
  std::string sweep;
  unsigned threads = 0;  // 0: all cores
  std::string shard;     // "I/N"
  bool resume = false;
  std::string export_design;  // write the design as CSV and exit
  std::string export_salib;   // write the SALib problem and sample files and exit
  std::string output_dir;     // overrides output.dir
  bool quiet = false;
};

// Registers the subcommand on `app`; the returned pointer tells whether it was chosen.
CLI::App* add_sweep_command(CLI::App& app, SweepArgs& args);
int cmd_sweep(const SweepArgs& args);

}  // namespace accord::app
