#pragma once
// Named spdlog loggers per subsystem ("sim", "energy", "governance", "sweep", "io").
// Messages about the simulation carry the simulated time in the text.
#include <spdlog/spdlog.h>

#include <memory>
#include <string>

namespace accord::sim {

// The logger of a subsystem, created on first use, writing to stderr.
std::shared_ptr<spdlog::logger> logger(const std::string& subsystem);
// Level for all accord loggers: "trace", "debug", "info", "warn", "error", "off".
void set_log_level(const std::string& level);

}  // namespace accord::sim
