#include "accord/sim/sweep/spec.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "accord/sim/config_node.hpp"
#include "accord/sim/sweep/design.hpp"

namespace accord::sim::sweep {

namespace {

std::optional<double> parse_number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  double v = 0;
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (*first == '+') ++first;
  const auto [ptr, ec] = std::from_chars(first, last, v);
  if (ec != std::errc() || ptr != last || !std::isfinite(v)) return std::nullopt;
  return v;
}

// A parameter value as written: scalars keep their text; maps and lists become flow YAML,
// which the scenario loader parses back into the same structure.
std::optional<Value> read_value(const ConfigNode& n) {
  if (!n.present()) return std::nullopt;
  const YAML::Node& y = n.yaml();
  if (y.IsScalar()) {
    // A quoted scalar ("1", "yes") stays a string: it goes to the override quoted.
    if (y.Tag() == "!") {
      YAML::Emitter e;
      e << YAML::DoubleQuoted << y.Scalar();
      return Value{e.c_str(), std::nullopt};
    }
    return Value::parse(y.Scalar());
  }
  if (y.IsMap() || y.IsSequence()) {
    YAML::Emitter e;
    e << YAML::Flow << y;
    return Value{e.c_str(), std::nullopt};
  }
  n.error("expected a value, got nothing");
  return std::nullopt;
}

std::vector<Value> read_values(const ConfigNode& list) {
  std::vector<Value> out;
  if (!list.expect_sequence()) return out;
  for (const ConfigNode& e : list.elements())
    if (auto v = read_value(e)) out.push_back(*v);
  if (out.empty()) list.error("expected at least one value");
  return out;
}

// Two numbers [a, b].
std::optional<std::pair<double, double>> read_pair(const ConfigNode& n, const char* what) {
  if (!n.expect_sequence()) return std::nullopt;
  const auto e = n.elements();
  if (e.size() != 2) {
    n.error(std::string("expected two numbers [") + what + "]");
    return std::nullopt;
  }
  const auto a = e[0].as_number();
  const auto b = e[1].as_number();
  if (!a || !b) return std::nullopt;
  return std::make_pair(*a, *b);
}

const std::vector<std::string> kReservedColumns = {"run_id", "point",  "replicate",
                                                   "seed",   "status", "error"};

// The list node of a parameter given by `values` or `distribution: {choice: ...}`.
ConfigNode listed_values(const ConfigNode& n) {
  return n.has("values") ? n.child("values") : n.child("distribution").child("choice");
}

Parameter read_parameter(const ConfigNode& n) {
  Parameter p;
  p.where = n.location();
  if (!n.expect_map({"path", "values", "range", "distribution", "label", "labels"})) return p;
  p.path = n.string("path");
  p.label = n.string_or("label", "");
  if (p.path == "seed")
    n.child("path").error(
        "the seed is not a sweep parameter: use `replicates` (each replicate has its own seed)");
  else if (p.path.find('/') != std::string::npos || p.path.find('=') == 0)
    n.child("path").error("a key path has no '/' (e.g. community.internal_price.eur_per_kwh)");
  for (const auto& r : kReservedColumns)
    if (p.path == r) n.child("path").error("'" + r + "' is a column of the design table");

  const int given = int(n.has("values")) + int(n.has("range")) + int(n.has("distribution"));
  if (given != 1) {
    n.error("a parameter needs exactly one of: values, range, distribution");
    return p;
  }
  if (n.has("values")) {
    p.kind = Parameter::Kind::kValues;
    p.levels = read_values(n.child("values"));
  } else if (n.has("range")) {
    p.kind = Parameter::Kind::kRange;
    const ConfigNode r = n.child("range");
    if (!r.expect_map({"from", "to", "step"})) return p;
    const double from = r.number("from");
    const double to = r.number("to");
    const double step = r.number("step", Range::positive());
    if (to < from) {
      r.child("to").error("expected `to` >= `from`");
      return p;
    }
    if (!(step > 0)) return p;
    const double count = std::floor((to - from) / step + 1e-9) + 1;
    if (count > 1e6) {
      r.child("step").error("more than a million values; use a larger step");
      return p;
    }
    for (int64_t i = 0; i < static_cast<int64_t>(count); ++i)
      p.levels.push_back(Value::of(from + static_cast<double>(i) * step));
  } else {
    const ConfigNode d = n.child("distribution");
    if (!d.expect_map({"uniform", "normal", "choice"})) return p;
    if (d.yaml().size() != 1) {
      d.error("a distribution is exactly one of: uniform, normal, choice");
      return p;
    }
    if (d.has("uniform")) {
      p.kind = Parameter::Kind::kUniform;
      if (auto ab = read_pair(d.child("uniform"), "a, b")) {
        std::tie(p.a, p.b) = *ab;
        if (!(p.a < p.b)) d.child("uniform").error("expected a < b in [a, b]");
      }
    } else if (d.has("normal")) {
      p.kind = Parameter::Kind::kNormal;
      if (auto ms = read_pair(d.child("normal"), "mu, sd")) {
        std::tie(p.a, p.b) = *ms;
        if (!(p.b > 0)) d.child("normal").error("expected a standard deviation > 0 in [mu, sd]");
      }
    } else {
      p.kind = Parameter::Kind::kChoice;
      p.levels = read_values(d.child("choice"));
    }
  }
  // A value given twice would make identical design points and an ambiguous display name.
  if (p.kind == Parameter::Kind::kValues || p.kind == Parameter::Kind::kChoice) {
    const ConfigNode list = listed_values(n);
    for (size_t i = 0; i < p.levels.size(); ++i)
      for (size_t j = 0; j < i; ++j)
        if (p.levels[i] == p.levels[j] && i < list.elements().size()) {
          list.elements()[i].error("value given twice in this parameter (each value once)");
          break;
        }
  }
  if (const ConfigNode labels = n.optional("labels"); labels.present()) {
    if (!p.discrete()) {
      labels.error("labels name the values of `values`, `range` or `choice`, not a distribution");
    } else if (labels.expect_sequence()) {
      for (const ConfigNode& e : labels.elements())
        if (auto t = e.as_string()) p.labels.push_back(*t);
      if (p.labels.size() != p.levels.size())
        labels.error("expected " + std::to_string(p.levels.size()) +
                     " labels (one per value, in order), got " +
                     std::to_string(labels.elements().size()));
    }
  }
  return p;
}

// The `base` parameter: every value a scenario file that exists (relative to the sweep file),
// kept as a plain file name (a quoted value would keep its quotes as an override).
void check_base_parameter(const ConfigNode& n, Parameter& p) {
  if (p.path != kBaseParameter) return;
  for (auto& level : p.levels)
    if (level.text.size() >= 2 && level.text.front() == '"')
      level = Value{YAML::Load(level.text).as<std::string>(), std::nullopt};
  if (!p.discrete()) {
    n.error("the base parameter takes scenario files: use `values` or `choice`");
    return;
  }
  for (const ConfigNode& e : listed_values(n).elements()) (void)e.as_existing_file();
}

DesignSpec read_design(const ConfigNode& n, size_t parameter_count) {
  DesignSpec d;
  if (!n.present()) return d;
  if (!n.expect_map({"type", "samples", "levels", "trajectories", "points", "file"})) return d;
  const std::vector<std::string> names = {"grid",   "list",     "ofat", "lhs",
                                          "morris", "saltelli", "csv"};
  const std::string type = n.choice_or("type", names, "grid");
  const DesignType types[] = {DesignType::kGrid, DesignType::kList,   DesignType::kOfat,
                              DesignType::kLhs,  DesignType::kMorris, DesignType::kSaltelli,
                              DesignType::kCsv};
  for (size_t i = 0; i < names.size(); ++i)
    if (type == names[i]) d.type = types[i];

  // Which keys each design reads; any other is a mistake worth reporting.
  std::vector<std::string> used;
  switch (d.type) {
    case DesignType::kGrid:
    case DesignType::kOfat:
      used = {"levels"};
      break;
    case DesignType::kList:
      used = {"points"};
      break;
    case DesignType::kLhs:
    case DesignType::kSaltelli:
      used = {"samples"};
      break;
    case DesignType::kMorris:
      used = {"levels", "trajectories"};
      break;
    case DesignType::kCsv:
      used = {"file"};
      break;
  }
  for (const auto& key : {"samples", "levels", "trajectories", "points", "file"})
    if (n.has(key) && std::find(used.begin(), used.end(), key) == used.end())
      n.child(key).error("not used by design type '" + type + "'");

  const Range positive = Range::between(1, 1e9);
  if (d.type == DesignType::kLhs || d.type == DesignType::kSaltelli)
    d.samples = n.integer("samples", positive);
  if (d.type == DesignType::kMorris) {
    d.trajectories = n.integer("trajectories", positive);
    d.levels = static_cast<int>(n.integer_or("levels", 4, Range::between(2, 1000)));
    if (d.levels % 2 != 0)
      n.child("levels").error(
          "Morris needs an even number of levels (p), so that the step "
          "p / (2 (p - 1)) falls on the grid");
  }
  if (d.type == DesignType::kGrid || d.type == DesignType::kOfat)
    d.levels = static_cast<int>(n.integer_or("levels", 4, Range::between(1, 1000)));
  if (d.type == DesignType::kList) {
    const ConfigNode pts = n.child("points");
    if (pts.expect_sequence()) {
      for (const ConfigNode& pt : pts.elements()) {
        if (!pt.expect_sequence()) continue;
        std::vector<Value> row;
        for (const ConfigNode& e : pt.elements())
          if (auto v = read_value(e)) row.push_back(*v);
        if (row.size() != parameter_count)
          pt.error("expected " + std::to_string(parameter_count) +
                   " values (one per parameter, in order), got " + std::to_string(row.size()));
        d.points.push_back(std::move(row));
      }
      if (d.points.empty()) pts.error("expected at least one point");
    }
  }
  if (d.type == DesignType::kCsv) {
    if (auto f = n.child("file").as_existing_file()) d.file = *f;
  }
  if (parameter_count == 0 && d.type != DesignType::kCsv)
    n.error("design '" + type + "' needs at least one parameter");
  return d;
}

}  // namespace

Value Value::parse(std::string text) {
  Value v;
  v.number = parse_number(text);
  v.text = std::move(text);
  return v;
}

Value Value::of(double x) {
  // The shortest text that reads back as x (0.1, not 0.10000000000000001).
  return Value{fmt::format("{}", x), x};
}

bool Parameter::numeric() const {
  if (!discrete()) return true;
  for (const auto& v : levels)
    if (!v.number) return false;
  return true;
}

Value Parameter::at(double u) const {
  u = std::clamp(u, 0.0, 1.0);
  switch (kind) {
    case Kind::kUniform:
      return Value::of(a + u * (b - a));
    case Kind::kNormal:
      return Value::of(a + b * inverse_normal_cdf(std::clamp(u, 1e-12, 1 - 1e-12)));
    default: {
      const auto n = levels.size();
      const auto i = std::min(n - 1, static_cast<size_t>(u * static_cast<double>(n)));
      return levels[i];
    }
  }
}

std::vector<Value> Parameter::grid_levels(int p) const {
  if (discrete()) return levels;
  std::vector<Value> out;
  for (int j = 0; j < p; ++j) out.push_back(at((j + 0.5) / p));
  return out;
}

const char* design_type_name(DesignType type) {
  switch (type) {
    case DesignType::kGrid:
      return "grid";
    case DesignType::kList:
      return "list";
    case DesignType::kOfat:
      return "ofat";
    case DesignType::kLhs:
      return "lhs";
    case DesignType::kMorris:
      return "morris";
    case DesignType::kSaltelli:
      return "saltelli";
    case DesignType::kCsv:
      return "csv";
  }
  return "?";
}

SweepSpec load_sweep_text(const std::string& text, const std::string& file_label,
                          const std::string& base_dir) {
  auto ctx = std::make_shared<ConfigContext>(file_label, base_dir);
  YAML::Node doc = load_yaml_document(text, file_label);
  const ConfigNode root(doc, "", ctx);
  SweepSpec s;
  s.source_file = file_label;
  if (!root.expect_map({"accord_sweep", "name", "base", "seed", "replicates", "set", "parameters",
                        "design", "output"})) {
    if (!root.is_map()) ctx->throw_if_errors();
  }
  const ConfigNode version = root.child("accord_sweep");
  if (version.present() &&
      version.as_integer().value_or(kSweepFormatVersion) != kSweepFormatVersion)
    version.error("unsupported sweep format version; this accord reads version " +
                  std::to_string(kSweepFormatVersion));
  s.name = root.string_or("name", std::filesystem::path(file_label).stem().string());
  s.base_dir = base_dir;
  if (root.has("base"))
    if (auto b = root.child("base").as_existing_file()) s.base = *b;
  s.seed = static_cast<uint64_t>(root.integer_or("seed", static_cast<int64_t>(kDefaultSweepSeed),
                                                 Range::between(0, 9007199254740991.0)));
  s.replicates = static_cast<uint32_t>(root.integer_or("replicates", 1, Range::between(1, 1e6)));
  if (const ConfigNode set = root.optional("set"); set.present()) {
    if (!set.is_map())
      set.error("expected a mapping of key paths to values (e.g. {time.end: 2025-02-01})");
    else
      for (const auto& [key, value] : set.entries())
        if (auto v = read_value(value)) s.fixed.push_back(key + "=" + v->text);
  }
  if (const ConfigNode params = root.optional("parameters");
      params.present() && params.expect_sequence()) {
    for (const ConfigNode& p : params.elements()) {
      s.parameters.push_back(read_parameter(p));
      check_base_parameter(p, s.parameters.back());
    }
    for (size_t i = 0; i < s.parameters.size(); ++i)
      for (size_t j = 0; j < i; ++j)
        if (!s.parameters[i].path.empty() && s.parameters[i].path == s.parameters[j].path)
          params.elements()[i].child("path").error("parameter '" + s.parameters[i].path +
                                                   "' is given twice");
  }
  // Without `base:`, the scenario is a factor: the base parameter's first file is the one
  // the sweep checks before it starts.
  const auto base_factor =
      std::find_if(s.parameters.begin(), s.parameters.end(),
                   [](const Parameter& p) { return p.path == kBaseParameter; });
  if (s.base.empty() && base_factor != s.parameters.end() && !base_factor->levels.empty())
    s.base = resolve_base(s, base_factor->levels.front().text);
  else if (!root.has("base") && base_factor == s.parameters.end())
    root.error(
        "missing key 'base' (the scenario to run), or a parameter `base` whose values are "
        "scenario files");
  s.design = read_design(root.optional("design"), s.parameters.size());
  if (!root.has("design") && s.parameters.empty())
    root.error("a sweep needs parameters (or a design of type csv)");
  s.output_dir = "out/" + s.name;
  if (const ConfigNode out = root.optional("output");
      out.present() && out.expect_map({"dir", "detail"})) {
    s.output_dir = out.string_or("dir", s.output_dir);
    s.detail = out.choice_or("detail", {"full", "periods", "summary"}, "summary");
  }
  ctx->throw_if_errors();
  return s;
}

std::string resolve_base(const SweepSpec& spec, const std::string& value) {
  std::filesystem::path p(value);
  if (p.is_relative() && !spec.base_dir.empty()) p = std::filesystem::path(spec.base_dir) / p;
  return p.lexically_normal().string();
}

SweepSpec load_sweep(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(SourceLocation{path, 0, 0}, "cannot read the sweep file");
  std::stringstream buf;
  buf << in.rdbuf();
  auto dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  return load_sweep_text(buf.str(), path, dir);
}

}  // namespace accord::sim::sweep
