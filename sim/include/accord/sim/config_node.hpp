#pragma once
// Typed, validating access to a YAML document. Every read knows its key path and its place
// in the file, so every problem becomes one ConfigError line "FILE:LINE:COL: what (key.path)".
// Errors are collected (validation reports all it finds) and thrown together by
// ConfigContext::throw_if_errors(); reads after an error return the fallback value.
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/sim/error.hpp"

namespace accord::sim {

class TimeZone;

// Shared state of one validation pass: the file, the collected errors, the --set overrides.
class ConfigContext {
 public:
  explicit ConfigContext(std::string file, std::string base_dir = {});
  const std::string& file() const { return file_; }
  // Directory against which relative paths in the document are resolved.
  const std::string& base_dir() const { return base_dir_; }

  void add_error(SourceLocation where, std::string message, std::string key_path);
  const std::vector<ConfigError>& errors() const { return errors_; }
  bool has_errors() const { return !errors_.empty(); }
  void throw_if_errors() const;

  // A key path offered as "did you mean": its absence is the same mistake, not a second one.
  void note_suggestion(std::string key_path) { suggestions_.push_back(std::move(key_path)); }
  bool was_suggested(const std::string& key_path) const;

  // Values set from the command line: their errors point at the option, not the file.
  void mark_override(const std::string& key_path, std::string option_text);
  const std::string* override_for(const std::string& key_path) const;

 private:
  std::string file_;
  std::string base_dir_;
  std::vector<ConfigError> errors_;
  std::map<std::string, std::string> overrides_;
  std::vector<std::string> suggestions_;
};

// The largest magnitude any number of a configuration may have, whatever its own range:
// no quantity accord reads (kWh, kW, EUR, hours, counts) comes near, and products and sums of
// numbers below it stay finite in double precision. Fields with a physical meaning have
// tighter bounds of their own (models/include/accord/models/physical_bounds.hpp).
inline constexpr double kMaxConfigMagnitude = 1e12;

// Closed numeric range for validation; messages say what is expected.
struct Range {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_exclusive = false;
  // An upper bound on the magnitude that makes physical sense (e.g. 1e6 kWp), checked like
  // `max` but left out of describe(): a type error still says "a number > 0", an excess
  // says "<= limit".
  double limit = std::numeric_limits<double>::infinity();

  static Range positive() { return {0.0, std::numeric_limits<double>::infinity(), true}; }
  static Range non_negative() { return {0.0, std::numeric_limits<double>::infinity(), false}; }
  static Range fraction() { return {0.0, 1.0, false}; }
  static Range between(double lo, double hi) { return {lo, hi, false}; }
  Range at_most(double bound) const {
    Range r = *this;
    r.limit = bound;
    return r;
  }
  bool contains(double v) const;
  std::string describe() const;
};

class ConfigNode {
 public:
  ConfigNode(YAML::Node node, std::string path, std::shared_ptr<ConfigContext> ctx);
  ConfigNode(const ConfigNode&) = default;
  ConfigNode(ConfigNode&&) = default;
  // YAML::Node's assignment writes into the node it refers to; a ConfigNode is a view, so
  // assignment rebinds the view instead (sorting or swapping views never edits the document).
  ConfigNode& operator=(const ConfigNode& other);
  ConfigNode& operator=(ConfigNode&& other);
  ~ConfigNode() = default;
  // A missing node (present() is false); reads on it return fallbacks without new errors.
  static ConfigNode missing(std::string path, std::shared_ptr<ConfigContext> ctx);

  bool present() const { return present_; }
  bool is_map() const { return present_ && node_.IsMap(); }
  bool is_sequence() const { return present_ && node_.IsSequence(); }
  bool is_scalar() const { return present_ && node_.IsScalar(); }
  bool is_null() const { return present_ && node_.IsNull(); }
  const std::string& path() const { return path_; }
  SourceLocation location() const;
  const YAML::Node& yaml() const { return node_; }
  ConfigContext& context() const { return *ctx_; }
  const std::shared_ptr<ConfigContext>& context_ptr() const { return ctx_; }

  // Records an error at this node.
  void error(const std::string& message) const;

  // --- structure -------------------------------------------------------------------------
  // Requires a mapping; records unknown keys (with "did you mean") and duplicate keys.
  // Returns false when this is not a mapping.
  bool expect_map(std::initializer_list<std::string_view> allowed) const;
  bool expect_map(const std::vector<std::string>& allowed) const;
  bool expect_sequence() const;
  bool has(std::string_view key) const;
  // Required child: records "missing required key" when absent.
  ConfigNode child(std::string_view key) const;
  // Optional child: a missing node when absent.
  ConfigNode optional(std::string_view key) const;
  std::vector<ConfigNode> elements() const;                         // sequence items
  std::vector<std::pair<std::string, ConfigNode>> entries() const;  // mapping, file order

  // --- scalars of this node ------------------------------------------------------------
  std::optional<double> as_number(Range range = {}) const;
  std::optional<int64_t> as_integer(Range range = {}) const;
  // Any string (the document's text is checked for UTF-8 once, by check_text()).
  std::optional<std::string> as_string() const;
  // An id: a string in the identifier set of accord/sim/text.hpp (kIdentifierRule). An
  // invalid one is recorded as an error and still returned (no follow-up errors).
  std::optional<std::string> as_identifier() const;
  std::optional<bool> as_bool() const;
  // One of the given names; otherwise the error lists them, with a "did you mean".
  std::optional<std::string> as_choice(const std::vector<std::string>& names) const;
  // Duration with unit: "15min", "30min", "1h", "60min", "900s".
  std::optional<int64_t> as_duration_seconds() const;
  // ISO 8601 date or date-time, local in `zone` unless it has an offset.
  std::optional<int64_t> as_time_utc(const TimeZone& zone) const;
  // A path relative to the document's folder; the file must exist.
  std::optional<std::string> as_existing_file() const;

  // --- keyed reads (required, or with a default when absent) ----------------------------
  double number(std::string_view key, Range range = {}) const;
  double number_or(std::string_view key, double fallback, Range range = {}) const;
  int64_t integer(std::string_view key, Range range = {}) const;
  int64_t integer_or(std::string_view key, int64_t fallback, Range range = {}) const;
  std::string string(std::string_view key) const;
  std::string string_or(std::string_view key, std::string fallback) const;
  std::string identifier(std::string_view key) const;
  std::string identifier_or(std::string_view key, std::string fallback) const;
  bool boolean_or(std::string_view key, bool fallback) const;
  std::string choice(std::string_view key, const std::vector<std::string>& names) const;
  std::string choice_or(std::string_view key, const std::vector<std::string>& names,
                        std::string fallback) const;

 private:
  YAML::Node node_;
  std::string path_;
  std::shared_ptr<ConfigContext> ctx_;
  bool present_ = true;
};

// Parses a YAML document; a syntax error becomes one located ConfigError.
YAML::Node load_yaml_document(const std::string& text, const std::string& file_label);

// Records an error for every key or scalar under `node` that is not valid UTF-8: text that
// is accepted is then safe to record, print and export as JSON.
void check_text(const ConfigNode& node);

// Closest name within a small edit distance, or empty.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& names);
// "a, b, c" for error messages.
std::string join_names(const std::vector<std::string>& names);

}  // namespace accord::sim
