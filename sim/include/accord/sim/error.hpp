#pragma once
// Errors that cross the library boundary. Each carries where it happened so that main()
// can print one line "FILE:LINE:COL: message (key.path)" and map it to an exit status.
#include <stdexcept>
#include <string>
#include <vector>

namespace accord {

// A place in an input file; line and column are 1-based, 0 when unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  std::string to_string() const;
};

// Base of all accord errors; what() is the full one-line message.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  // Exit status the CLI maps this error to (2 invalid input, 1 failure while running).
  virtual int exit_status() const { return 1; }
};

// Invalid scenario, sweep or command-line input.
class ConfigError : public Error {
 public:
  ConfigError(SourceLocation where, std::string message, std::string key_path = {});
  const SourceLocation& where() const { return where_; }
  const std::string& message() const { return message_; }
  const std::string& key_path() const { return key_path_; }
  int exit_status() const override { return 2; }

 private:
  SourceLocation where_;
  std::string message_;
  std::string key_path_;
};

// Several configuration errors found in one validation pass, one line each.
class ConfigErrors : public Error {
 public:
  explicit ConfigErrors(std::vector<ConfigError> errors);
  const std::vector<ConfigError>& errors() const { return errors_; }
  int exit_status() const override { return 2; }

 private:
  std::vector<ConfigError> errors_;
};

// Invalid data file (CSV time series, key files).
class DataError : public Error {
 public:
  DataError(SourceLocation where, std::string message);
  int exit_status() const override { return 2; }
};

// Failure reading or writing files while running.
class IoError : public Error {
 public:
  using Error::Error;
};

}  // namespace accord
