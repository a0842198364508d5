#include "accord/analysis/sweep_file.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "accord/analysis/run_file.hpp"
#include "accord/sim/error.hpp"
#include "accord/sim/h5/h5.hpp"
#include "accord/sim/sweep/design.hpp"

namespace accord::analysis {

namespace h5 = sim::h5;

namespace {

using sim::sweep::csv_field;  // the quoting summary.csv is written with

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what) {
  throw DataError(SourceLocation{path.string(), 0, 0}, what);
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

// Every line, empty ones included (a display name may be empty).
std::vector<std::string> split_all_lines(const std::string& s) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (std::size_t nl; (nl = s.find('\n', from)) != std::string::npos; from = nl + 1)
    out.push_back(s.substr(from, nl - from));
  out.push_back(s.substr(from));
  return out;
}

// Paths of the parameters the stored sweep file draws from a continuous distribution
// (`distribution: {uniform: ...}` or `{normal: ...}`). The file was validated when the sweep
// ran; anything unexpected here just means "none known".
std::vector<std::string> continuous_parameters(const h5::File& f) {
  std::vector<std::string> out;
  if (!f.exists("sweep_yaml")) return out;
  try {
    const YAML::Node root = YAML::Load(f.open_dataset("sweep_yaml").read_string());
    const YAML::Node params = root.IsMap() ? root["parameters"] : YAML::Node();
    if (!params || !params.IsSequence()) return out;
    for (const auto& p : params) {
      if (!p.IsMap() || !p["path"] || !p["path"].IsScalar()) continue;
      const YAML::Node dist = p["distribution"];
      if (dist && dist.IsMap() && (dist["uniform"] || dist["normal"]))
        out.push_back(p["path"].as<std::string>());
    }
  } catch (const YAML::Exception&) {
    out.clear();
  } catch (const IoError&) {
    out.clear();
  }
  return out;
}

void read_contents(const h5::File& f, SweepData& s, const std::filesystem::path& path) {
  s.name = f.has_attr("sweep_name") ? f.attr_string("sweep_name") : "";
  if (!f.exists("design") || !f.exists("summary")) fail(path, "missing group /design or /summary");
  const auto d = f.open_group("design");
  s.design_type = d.has_attr("type") ? d.attr_string("type") : "";
  s.replicates = d.has_attr("replicates") ? static_cast<std::size_t>(d.attr_int("replicates")) : 1;
  s.points = d.has_attr("points") ? static_cast<std::size_t>(d.attr_int("points")) : 0;
  if (d.has_attr("trajectories")) s.trajectories = static_cast<int>(d.attr_int("trajectories"));
  if (d.has_attr("levels")) s.levels = static_cast<int>(d.attr_int("levels"));
  if (d.has_attr("samples")) s.samples = static_cast<int>(d.attr_int("samples"));
  if (d.has_attr("delta")) s.delta = d.attr_double("delta");
  for (const char* name : {"run_id", "point", "replicate", "seed", "status"})
    if (!d.exists(name)) fail(path, fmt::format("missing dataset /design/{}", name));
  s.run_id = d.open_dataset("run_id").read<int64_t>().values;
  s.runs = s.run_id.size();
  auto ints = [&](const char* name) {
    auto v = d.open_dataset(name).read<int64_t>().values;
    if (v.size() != s.runs)
      fail(path, fmt::format("/design/{} has {} rows, expected {}", name, v.size(), s.runs));
    return v;
  };
  s.point = ints("point");
  s.replicate = ints("replicate");
  s.seed = ints("seed");
  s.status = d.open_dataset("status").read_strings();
  s.error =
      d.exists("error") ? d.open_dataset("error").read_strings() : std::vector<std::string>(s.runs);
  if (s.status.size() != s.runs || s.error.size() != s.runs)
    fail(path, "/design/status or /design/error has the wrong number of rows");
  if (s.points == 0 && s.runs > 0) s.points = static_cast<std::size_t>(s.point.back()) + 1;

  const auto params = d.has_attr("parameters") ? split_lines(d.attr_string("parameters"))
                                               : std::vector<std::string>{};
  const auto continuous = continuous_parameters(f);
  for (const auto& p : params) {
    if (!d.exists(p)) fail(path, fmt::format("missing design column /design/{}", p));
    const auto ds = d.open_dataset(p);
    DesignColumn c;
    c.path = p;
    if (ds.is_string()) {
      c.text = ds.read_strings();
    } else {
      c.numeric = true;
      c.values = ds.read<double>().values;
      for (double v : c.values) c.text.push_back(fmt::format("{}", v));
    }
    if (c.text.size() != s.runs) fail(path, fmt::format("/design/{} has the wrong length", p));
    if (ds.has_attr("label")) c.label = ds.attr_string("label");
    if (ds.has_attr("levels") && ds.has_attr("labels")) {
      c.levels = split_all_lines(ds.attr_string("levels"));
      c.labels = split_all_lines(ds.attr_string("labels"));
      if (c.levels.size() != c.labels.size()) {  // not one name per value: unusable
        c.levels.clear();
        c.labels.clear();
      }
    }
    c.continuous = std::find(continuous.begin(), continuous.end(), p) != continuous.end();
    s.parameters.push_back(std::move(c));
  }

  const auto sg = f.open_group("summary");
  for (const auto& name : sg.children()) {
    const auto ds = sg.open_dataset(name);
    KpiColumn k;
    k.name = name;
    k.units = ds.has_attr("units") ? ds.attr_string("units") : "";
    k.description = ds.has_attr("description") ? ds.attr_string("description") : "";
    k.values = ds.read<double>().values;
    if (k.values.size() != s.runs)
      fail(path,
           fmt::format("/summary/{} has {} rows, expected {}", name, k.values.size(), s.runs));
    s.kpis.push_back(std::move(k));
  }
  if (f.exists("morris"))
    s.morris_changed = f.open_group("morris").open_dataset("changed").read<int64_t>().values;
}

}  // namespace

SweepData read_sweep_file(const std::filesystem::path& path) {
  const std::string type = hdf5_filetype(path);  // missing / not HDF5 -> DataError
  if (type != "accord-sweep") {
    fail(path, type.empty() ? "not an accord file (no filetype attribute)"
                            : fmt::format("filetype is {}, expected accord-sweep", type));
  }
  SweepData s;
  s.path = path.string();
  try {
    const auto f = h5::File::open(path.string());
    const auto version =
        f.has_attr("format_version") ? f.attr_ints("format_version") : std::vector<int64_t>{};
    if (version.empty() || version[0] != 1)
      fail(path, "unsupported sweep format_version (this reader knows 1.x)");
    if (!f.has_attr("complete") || f.attr_int("complete") != 1)
      fail(path, "incomplete sweep file (complete != 1)");
    read_contents(f, s, path);
  } catch (const IoError& e) {
    fail(path, fmt::format("unreadable sweep file: {}", e.what()));
  }
  return s;
}

SweepData read_design_csv(const std::filesystem::path& path, const std::string& design_type,
                          int parameters) {
  std::ifstream in(path);
  if (!in) fail(path, "no such file");
  auto split = [](const std::string& line) {
    std::vector<std::string> out;
    std::string field;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.push_back(field);
        field.clear();
      } else if (c != '\r') {
        field += c;
      }
    }
    out.push_back(field);
    return out;
  };
  std::string line;
  if (!std::getline(in, line)) fail(path, "empty file (expected a header line)");
  const auto header = split(line);
  const auto columns = header.size();
  if (columns < 2) fail(path, "needs at least one parameter column and one response column");
  const std::size_t k = parameters > 0 ? static_cast<std::size_t>(parameters) : columns - 1;
  if (k >= columns) fail(path, fmt::format("{} parameter columns leave no response column", k));
  std::vector<std::vector<double>> values(columns);
  int line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line == "\r") continue;
    const auto fields = split(line);
    if (fields.size() != columns) {
      throw DataError(SourceLocation{path.string(), line_no, 0},
                      fmt::format("{} fields, the header has {}", fields.size(), columns));
    }
    for (std::size_t c = 0; c < columns; ++c) {
      double v = std::numeric_limits<double>::quiet_NaN();
      if (!fields[c].empty()) {
        const char* b = fields[c].data();
        const auto r = std::from_chars(b, b + fields[c].size(), v);
        if (r.ec != std::errc() || r.ptr != b + fields[c].size()) {
          throw DataError(SourceLocation{path.string(), line_no, static_cast<int>(c + 1)},
                          fmt::format("not a number: '{}' (column {})", fields[c], header[c]));
        }
      }
      values[c].push_back(v);
    }
  }
  SweepData s;
  s.path = path.string();
  s.name = path.stem().string();
  s.design_type = design_type.empty() ? "csv" : design_type;
  s.runs = s.points = values[0].size();
  s.replicates = 1;
  for (std::size_t i = 0; i < s.runs; ++i) {
    s.run_id.push_back(static_cast<int64_t>(i));
    s.point.push_back(static_cast<int64_t>(i));
    s.replicate.push_back(0);
    s.seed.push_back(0);
  }
  s.status.assign(s.runs, "ok");
  s.error.assign(s.runs, "");
  for (std::size_t c = 0; c < columns; ++c) {
    if (c < k) {
      DesignColumn d;
      d.path = header[c];
      d.numeric = true;
      d.values = values[c];
      for (double v : d.values) d.text.push_back(fmt::format("{}", v));
      s.parameters.push_back(std::move(d));
    } else {
      s.kpis.push_back({header[c], "", "response column of the CSV", values[c]});
    }
  }
  if (s.design_type == "morris") s.trajectories = static_cast<int>(s.runs / (k + 1));
  return s;
}

std::string sweep_csv(const SweepData& s) {
  std::string out = "run_id,point,replicate,seed,status";
  for (const auto& c : s.parameters) out += "," + csv_field(c.path);
  for (const auto& k : s.kpis) out += "," + csv_field(k.name);
  out += ",error\n";
  for (std::size_t i = 0; i < s.runs; ++i) {
    out += fmt::format("{},{},{},{},{}", s.run_id[i], s.point[i], s.replicate[i], s.seed[i],
                       csv_field(s.status[i]));
    for (const auto& c : s.parameters) out += "," + csv_field(c.text[i]);
    for (const auto& k : s.kpis) {
      out += ",";
      if (std::isfinite(k.values[i])) out += fmt::format("{}", k.values[i]);
    }
    out += "," + csv_field(s.error[i]) + "\n";
  }
  return out;
}

}  // namespace accord::analysis
