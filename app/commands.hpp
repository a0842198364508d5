#pragma once
// The subcommands of the accord CLI (DESIGN.md §3.1).
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace accord::app {

struct RunArgs {
  std::string scenario;
  std::string output;
  std::vector<std::string> overrides;
  std::optional<uint64_t> seed;
  unsigned threads = 0;
  bool quiet = false;
};

struct ValidateArgs {
  std::string scenario;
  std::vector<std::string> overrides;
};

int cmd_run(const RunArgs& args);
int cmd_validate(const ValidateArgs& args);
int cmd_schema();

std::string version_string();
void set_log_level(const std::string& level);
// Runs a command; accord errors become one line per problem on stderr and their exit status.
int guarded(const std::function<int()>& command);

}  // namespace accord::app
