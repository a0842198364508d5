#pragma once
// The human summary printed after `accord run`.
#include <ostream>
#include <string>

#include "accord/models/output/run_result.hpp"

namespace accord::app {

void print_run_summary(std::ostream& out, const models::output::RunResult& run,
                       const std::string& path);

}  // namespace accord::app
