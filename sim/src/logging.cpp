#include "accord/sim/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>

#include <mutex>

namespace accord::sim {

namespace {
std::mutex g_mutex;
spdlog::level::level_enum g_level = spdlog::level::warn;

// One sink shared by every subsystem, so lines from different loggers never interleave.
std::shared_ptr<spdlog::sinks::sink> shared_sink() {
  static auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  return sink;
}
}  // namespace

std::shared_ptr<spdlog::logger> logger(const std::string& subsystem) {
  std::lock_guard lock(g_mutex);
  auto existing = spdlog::get(subsystem);
  if (existing) return existing;
  auto l = std::make_shared<spdlog::logger>(subsystem, shared_sink());
  spdlog::register_logger(l);
  l->set_level(g_level);
  l->set_pattern("[%n] %l: %v");
  return l;
}

void set_log_level(const std::string& level) {
  std::lock_guard lock(g_mutex);
  g_level = spdlog::level::from_str(level);
  spdlog::apply_all([](const std::shared_ptr<spdlog::logger>& l) { l->set_level(g_level); });
}

}  // namespace accord::sim
