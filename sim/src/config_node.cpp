#include "accord/sim/config_node.hpp"

#include <yaml-cpp/depthguard.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>
#include <utility>

#include "accord/sim/civil_time.hpp"
#include "accord/sim/text.hpp"

namespace accord::sim {

// ---------------------------------------------------------------------------------------
ConfigContext::ConfigContext(std::string file, std::string base_dir)
    : file_(std::move(file)), base_dir_(std::move(base_dir)) {}

void ConfigContext::add_error(SourceLocation where, std::string message, std::string key_path) {
  // A value that came from --set is reported against the option, not the file.
  if (const std::string* opt = override_for(key_path)) where = SourceLocation{*opt, 0, 0};
  errors_.emplace_back(std::move(where), std::move(message), std::move(key_path));
}

void ConfigContext::throw_if_errors() const {
  if (!errors_.empty()) throw ConfigErrors(errors_);
}

bool ConfigContext::was_suggested(const std::string& key_path) const {
  return std::find(suggestions_.begin(), suggestions_.end(), key_path) != suggestions_.end();
}

void ConfigContext::mark_override(const std::string& key_path, std::string option_text) {
  overrides_[key_path] = std::move(option_text);
}

const std::string* ConfigContext::override_for(const std::string& key_path) const {
  // An override covers its own path and everything below it.
  for (const auto& [path, text] : overrides_) {
    if (key_path == path ||
        (key_path.size() > path.size() && key_path.compare(0, path.size(), path) == 0 &&
         (key_path[path.size()] == '.' || key_path[path.size()] == '[')))
      return &text;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------
bool Range::contains(double v) const {
  if (std::isnan(v)) return false;
  if (min_exclusive ? !(v > min) : !(v >= min)) return false;
  return v <= max;
}

namespace {
// Shortest readable form: 0.5, 100, 1e6 (not 1e+06).
std::string number_text(double v) {
  std::ostringstream os;
  os << v;
  std::string s = os.str();
  if (const auto e = s.find("e+"); e != std::string::npos) {
    size_t digits = e + 2;
    while (digits + 1 < s.size() && s[digits] == '0') ++digits;
    s = s.substr(0, e + 1) + s.substr(digits);
  }
  return s;
}
}  // namespace

std::string Range::describe() const {
  const bool has_min = std::isfinite(min), has_max = std::isfinite(max);
  if (has_min && has_max) return "a number in [" + number_text(min) + ", " + number_text(max) + "]";
  if (has_min) return std::string("a number ") + (min_exclusive ? "> " : ">= ") + number_text(min);
  if (has_max) return "a number <= " + number_text(max);
  return "a number";
}

// ---------------------------------------------------------------------------------------
YAML::Node load_yaml_document(const std::string& text, const std::string& file_label) {
  try {
    return YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp says "bad file"; the cause is its nesting guard (500 levels in 0.7).
    throw ConfigError(SourceLocation{file_label, e.mark.line + 1, e.mark.column + 1},
                      "invalid YAML: nesting reaches " + std::to_string(e.depth()) +
                          " levels, the YAML reader's limit (a scenario needs fewer than 10)");
  } catch (const YAML::Exception& e) {
    throw ConfigError(SourceLocation{file_label, e.mark.line + 1, e.mark.column + 1},
                      "invalid YAML: " + e.msg);
  }
}

std::string join_names(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

namespace {
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
}  // namespace

std::string did_you_mean(std::string_view word, const std::vector<std::string>& names) {
  // Up to two edits for short words, about 40 % of the length for longer ones
  // ("statique" -> "static", "anual_kwh" -> "annual_kwh"), never unrelated names.
  std::string best;
  size_t best_d = std::max<size_t>(2, word.size() * 2 / 5) + 1;
  for (const auto& n : names) {
    const size_t d = edit_distance(word, n);
    if (d < best_d) {
      best_d = d;
      best = n;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------
ConfigNode::ConfigNode(YAML::Node node, std::string path, std::shared_ptr<ConfigContext> ctx)
    : node_(std::move(node)), path_(std::move(path)), ctx_(std::move(ctx)) {}

ConfigNode& ConfigNode::operator=(const ConfigNode& other) {
  if (this != &other) {
    node_.reset(other.node_);
    path_ = other.path_;
    ctx_ = other.ctx_;
    present_ = other.present_;
  }
  return *this;
}

ConfigNode& ConfigNode::operator=(ConfigNode&& other) {
  return *this = std::as_const(other);
}

ConfigNode ConfigNode::missing(std::string path, std::shared_ptr<ConfigContext> ctx) {
  ConfigNode n(YAML::Node(), std::move(path), std::move(ctx));
  n.present_ = false;
  return n;
}

SourceLocation ConfigNode::location() const {
  if (!present_) return SourceLocation{ctx_->file(), 0, 0};
  const YAML::Mark m = node_.Mark();
  if (m.is_null()) return SourceLocation{ctx_->file(), 0, 0};
  return SourceLocation{ctx_->file(), m.line + 1, m.column + 1};
}

void ConfigNode::error(const std::string& message) const {
  ctx_->add_error(location(), message, path_);
}

namespace {
std::string join_path(const std::string& base, std::string_view key) {
  return base.empty() ? std::string(key) : base + "." + std::string(key);
}

const char* kind_name(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "a scalar";
    case YAML::NodeType::Null:
      return "empty";
    default:
      return "undefined";
  }
}
}  // namespace

bool ConfigNode::expect_map(std::initializer_list<std::string_view> allowed) const {
  std::vector<std::string> names(allowed.begin(), allowed.end());
  return expect_map(names);
}

bool ConfigNode::expect_map(const std::vector<std::string>& allowed) const {
  if (!present_) return false;
  if (!node_.IsMap()) {
    error(std::string("expected a mapping with keys {") + join_names(allowed) + "}, got " +
          kind_name(node_));
    return false;
  }
  std::set<std::string> seen;
  for (const auto& kv : node_) {
    const auto key = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
    const YAML::Mark m = kv.first.Mark();
    const SourceLocation where{ctx_->file(), m.line + 1, m.column + 1};
    if (!seen.insert(key).second) {
      ctx_->add_error(where, "duplicate key '" + escape_text(key) + "'",
                      join_path(path_, escape_text(key)));
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string msg = "unknown key '" + escape_text(key) + "'";
      const std::string guess = did_you_mean(key, allowed);
      if (!guess.empty()) {
        msg += "; did you mean '" + guess + "'?";
        ctx_->note_suggestion(join_path(path_, guess));
      } else
        msg += "; expected one of: " + join_names(allowed);
      ctx_->add_error(where, msg, join_path(path_, escape_text(key)));
    }
  }
  return true;
}

bool ConfigNode::expect_sequence() const {
  if (!present_) return false;
  if (!node_.IsSequence()) {
    error(std::string("expected a list, got ") + kind_name(node_));
    return false;
  }
  return true;
}

bool ConfigNode::has(std::string_view key) const {
  return present_ && node_.IsMap() && node_[std::string(key)].IsDefined();
}

ConfigNode ConfigNode::optional(std::string_view key) const {
  if (!has(key)) return missing(join_path(path_, key), ctx_);
  return ConfigNode(node_[std::string(key)], join_path(path_, key), ctx_);
}

ConfigNode ConfigNode::child(std::string_view key) const {
  if (present_ && node_.IsMap() && !has(key) && !ctx_->was_suggested(join_path(path_, key)))
    error("missing required key '" + std::string(key) + "'");
  return optional(key);
}

std::vector<ConfigNode> ConfigNode::elements() const {
  std::vector<ConfigNode> out;
  if (!present_ || !node_.IsSequence()) return out;
  for (size_t i = 0; i < node_.size(); ++i)
    out.emplace_back(node_[i], path_ + "[" + std::to_string(i) + "]", ctx_);
  return out;
}

std::vector<std::pair<std::string, ConfigNode>> ConfigNode::entries() const {
  std::vector<std::pair<std::string, ConfigNode>> out;
  if (!present_ || !node_.IsMap()) return out;
  for (const auto& kv : node_) {
    const std::string key = kv.first.Scalar();
    out.emplace_back(key, ConfigNode(kv.second, join_path(path_, key), ctx_));
  }
  return out;
}

// --- scalars ---------------------------------------------------------------------------
std::optional<std::string> ConfigNode::as_string() const {
  if (!present_) return std::nullopt;
  if (!node_.IsScalar()) {
    error(std::string("expected a string, got ") + kind_name(node_));
    return std::nullopt;
  }
  return node_.Scalar();
}

std::optional<std::string> ConfigNode::as_identifier() const {
  auto s = as_string();
  if (!s) return std::nullopt;
  if (const auto problem = identifier_problem(*s)) {
    error("invalid id '" + escape_text(*s) + "': " + *problem + "; an id uses " + kIdentifierRule);
  }
  // Returned even when invalid (the error stops the load): references to the id then match
  // and do not add "unknown id" lines for the same mistake.
  return s;
}

std::optional<double> ConfigNode::as_number(Range range) const {
  if (!present_) return std::nullopt;
  if (!node_.IsScalar()) {
    error("expected " + range.describe() + ", got " + kind_name(node_));
    return std::nullopt;
  }
  const std::string& s = node_.Scalar();
  double v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(v)) {
    error("expected " + range.describe() + ", got '" + escape_text(s) + "'");
    return std::nullopt;
  }
  if (!range.contains(v)) {
    error("value " + s + " is out of range; expected " + range.describe());
    return std::nullopt;
  }
  if (v > range.limit) {
    error("value " + s + " is out of range; expected a number <= " + number_text(range.limit));
    return std::nullopt;
  }
  if (std::abs(v) > kMaxConfigMagnitude) {
    error("value " + s + " is out of range; no number accord reads may exceed 1e12 in magnitude");
    return std::nullopt;
  }
  return v;
}

std::optional<int64_t> ConfigNode::as_integer(Range range) const {
  if (!present_) return std::nullopt;
  const std::string what =
      "an integer" + (range.describe() == "a number" ? "" : " (" + range.describe() + ")");
  if (!node_.IsScalar()) {
    error("expected " + what + ", got " + kind_name(node_));
    return std::nullopt;
  }
  const std::string& s = node_.Scalar();
  int64_t v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) {
    error("expected " + what + ", got '" + escape_text(s) + "'");
    return std::nullopt;
  }
  if (!range.contains(static_cast<double>(v))) {
    error("value " + s + " is out of range; expected " + range.describe());
    return std::nullopt;
  }
  return v;
}

std::optional<bool> ConfigNode::as_bool() const {
  if (!present_) return std::nullopt;
  if (node_.IsScalar()) {
    const std::string& s = node_.Scalar();
    if (s == "true") return true;
    if (s == "false") return false;
  }
  error("expected true or false, got " + (node_.IsScalar() ? "'" + escape_text(node_.Scalar()) + "'"
                                                           : std::string(kind_name(node_))));
  return std::nullopt;
}

std::optional<std::string> ConfigNode::as_choice(const std::vector<std::string>& names) const {
  auto s = as_string();
  if (!s) return std::nullopt;
  if (std::find(names.begin(), names.end(), *s) != names.end()) return s;
  std::string msg = "unknown value '" + escape_text(*s) + "'";
  const std::string guess = did_you_mean(*s, names);
  if (!guess.empty()) msg += "; did you mean '" + guess + "'?";
  msg += (guess.empty() ? "; known: " : " Known: ") + join_names(names);
  error(msg);
  return std::nullopt;
}

std::optional<int64_t> ConfigNode::as_duration_seconds() const {
  auto s = as_string();
  if (!s) return std::nullopt;
  int64_t v = 0;
  auto r = std::from_chars(s->data(), s->data() + s->size(), v);
  const std::string unit(r.ptr, static_cast<const char*>(s->data() + s->size()));
  int64_t mult = 0;
  if (unit == "s") mult = 1;
  if (unit == "min") mult = 60;
  if (unit == "h") mult = 3600;
  if (r.ec != std::errc() || mult == 0 || v <= 0) {
    error("expected a duration such as 15min, 30min or 1h, got '" + escape_text(*s) + "'");
    return std::nullopt;
  }
  return v * mult;
}

std::optional<int64_t> ConfigNode::as_time_utc(const TimeZone& zone) const {
  auto s = as_string();
  if (!s) return std::nullopt;
  int64_t t = 0;
  if (!parse_iso8601(*s, zone, t)) {
    error("expected a date YYYY-MM-DD or date-time YYYY-MM-DDTHH:MM[:SS][+HH:MM], got '" +
          escape_text(*s) + "'");
    return std::nullopt;
  }
  return t;
}

std::optional<std::string> ConfigNode::as_existing_file() const {
  auto s = as_string();
  if (!s) return std::nullopt;
  namespace fs = std::filesystem;
  fs::path p(*s);
  if (p.is_relative() && !ctx_->base_dir().empty()) p = fs::path(ctx_->base_dir()) / p;
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) {
    error("file not found: '" + escape_text(*s) + "' (looked for " +
          escape_text(p.lexically_normal().string()) + ")");
    return std::nullopt;
  }
  return p.lexically_normal().string();
}

// --- keyed reads -----------------------------------------------------------------------
double ConfigNode::number(std::string_view key, Range range) const {
  return child(key).as_number(range).value_or(std::max(range.min, 0.0));
}
double ConfigNode::number_or(std::string_view key, double fallback, Range range) const {
  return optional(key).as_number(range).value_or(fallback);
}
int64_t ConfigNode::integer(std::string_view key, Range range) const {
  return child(key).as_integer(range).value_or(0);
}
int64_t ConfigNode::integer_or(std::string_view key, int64_t fallback, Range range) const {
  return optional(key).as_integer(range).value_or(fallback);
}
std::string ConfigNode::string(std::string_view key) const {
  return child(key).as_string().value_or(std::string());
}
std::string ConfigNode::string_or(std::string_view key, std::string fallback) const {
  return optional(key).as_string().value_or(std::move(fallback));
}
std::string ConfigNode::identifier(std::string_view key) const {
  return child(key).as_identifier().value_or(std::string());
}
std::string ConfigNode::identifier_or(std::string_view key, std::string fallback) const {
  return optional(key).as_identifier().value_or(std::move(fallback));
}
bool ConfigNode::boolean_or(std::string_view key, bool fallback) const {
  return optional(key).as_bool().value_or(fallback);
}
std::string ConfigNode::choice(std::string_view key, const std::vector<std::string>& names) const {
  return child(key).as_choice(names).value_or(std::string());
}
std::string ConfigNode::choice_or(std::string_view key, const std::vector<std::string>& names,
                                  std::string fallback) const {
  return optional(key).as_choice(names).value_or(std::move(fallback));
}

// --- text ----------------------------------------------------------------------------
namespace {
void check_scalar_text(const YAML::Node& n, const std::string& path, ConfigContext& ctx) {
  const std::string& text = n.Scalar();
  const auto bad = first_invalid_utf8(text);
  if (!bad) return;
  const YAML::Mark m = n.Mark();
  ctx.add_error(
      SourceLocation{ctx.file(), m.is_null() ? 0 : m.line + 1, m.is_null() ? 0 : m.column + 1},
      "invalid UTF-8 in '" + escape_text(text) + "' (byte " + std::to_string(*bad + 1) +
          "); save the file as UTF-8",
      path);
}

void check_text_of(const YAML::Node& n, const std::string& path, ConfigContext& ctx) {
  if (n.IsScalar()) {
    check_scalar_text(n, path, ctx);
  } else if (n.IsSequence()) {
    for (size_t i = 0; i < n.size(); ++i)
      check_text_of(n[i], path + "[" + std::to_string(i) + "]", ctx);
  } else if (n.IsMap()) {
    for (const auto& kv : n) {
      const std::string key = kv.first.IsScalar() ? escape_text(kv.first.Scalar()) : "?";
      const std::string child = path.empty() ? key : path + "." + key;
      check_text_of(kv.first, child, ctx);
      check_text_of(kv.second, child, ctx);
    }
  }
}
}  // namespace

void check_text(const ConfigNode& node) {
  if (node.present()) check_text_of(node.yaml(), node.path(), node.context());
}

}  // namespace accord::sim
