#include "accord/sim/error.hpp"

namespace accord {

std::string SourceLocation::to_string() const {
  std::string s = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    s += ':' + std::to_string(line);
    if (column > 0) s += ':' + std::to_string(column);
  }
  return s;
}

namespace {
std::string format_config(const SourceLocation& where, const std::string& message,
                          const std::string& key_path) {
  std::string s = where.to_string() + ": " + message;
  if (!key_path.empty()) s += " (" + key_path + ")";
  return s;
}

std::string join_lines(const std::vector<ConfigError>& errors) {
  std::string s;
  for (const auto& e : errors) {
    if (!s.empty()) s += '\n';
    s += e.what();
  }
  return s;
}
}  // namespace

ConfigError::ConfigError(SourceLocation where, std::string message, std::string key_path)
    : Error(format_config(where, message, key_path)),
      where_(std::move(where)),
      message_(std::move(message)),
      key_path_(std::move(key_path)) {}

ConfigErrors::ConfigErrors(std::vector<ConfigError> errors)
    : Error(join_lines(errors)), errors_(std::move(errors)) {}

DataError::DataError(SourceLocation where, std::string message)
    : Error(where.to_string() + ": " + message) {}

}  // namespace accord
