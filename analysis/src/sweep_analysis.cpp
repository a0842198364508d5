// The analysis of a sweep: per design point, replicate statistics of every summary KPI; Morris
// or Sobol indices when the design supports them; the replicate share of the variance.
#include <fmt/format.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "accord/analysis/sensitivity.hpp"
#include "accord/analysis/student_t.hpp"
#include "accord/analysis/sweep_file.hpp"
#include "run_analysis.hpp"

namespace accord::analysis::detail {

using nlohmann::json;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Stats {
  double mean = kNaN, sd = kNaN, low = kNaN, high = kNaN;
  std::size_t n = 0;
};

// t_{(1+c)/2, n-1} by sample size: every point of a sweep has about the same n, and the
// quantile (a bisection on the incomplete beta) is the costly part of the statistics.
class TQuantiles {
 public:
  explicit TQuantiles(double confidence) : confidence_(confidence) {}
  double operator()(std::size_t n) {
    if (n >= cache_.size()) cache_.resize(n + 1, kNaN);
    if (std::isnan(cache_[n]))
      cache_[n] = student_t_quantile(0.5 + confidence_ / 2, static_cast<double>(n) - 1);
    return cache_[n];
  }
  // The normal quantile z_{(1+c)/2} (t with a huge number of degrees of freedom).
  double z() {
    if (std::isnan(z_)) z_ = student_t_quantile(0.5 + confidence_ / 2, 1e9);
    return z_;
  }

 private:
  double z_ = kNaN;
  double confidence_;
  std::vector<double> cache_;
};

// Sample mean, sample sd (n - 1) and the t-based interval mean +- t_{(1+c)/2, n-1} sd / sqrt(n);
// for a KPI whose replicates are all 0 or 1 (a share of runs: did the project start?), the
// Wilson score interval of the proportion, which stays within [0, 1] and is not empty when
// every replicate agrees (Wilson 1927; Agresti & Coull 1998 recommend it over the Wald
// interval for small n).
Stats replicate_stats(const std::vector<double>& x, TQuantiles& t_quantile) {
  Stats s;
  s.n = x.size();
  if (x.empty()) return s;
  double sum = 0;
  for (double v : x) sum += v;
  const auto n = static_cast<double>(x.size());
  s.mean = sum / n;
  if (x.size() < 2) return s;
  double ss = 0;
  for (double v : x) ss += (v - s.mean) * (v - s.mean);
  s.sd = std::sqrt(ss / (n - 1));
  if (std::all_of(x.begin(), x.end(), [](double v) { return v == 0 || v == 1; })) {
    const double z = t_quantile.z(), z2n = z * z / n;
    const double centre = (s.mean + z2n / 2) / (1 + z2n);
    const double half = z / (1 + z2n) * std::sqrt(s.mean * (1 - s.mean) / n + z * z / (4 * n * n));
    s.low = centre - half;
    s.high = centre + half;
    return s;
  }
  const double t = t_quantile(x.size());
  s.low = s.mean - t * s.sd / std::sqrt(n);
  s.high = s.mean + t * s.sd / std::sqrt(n);
  return s;
}

// Mean response of each design point over its ok replicates (NaN when none).
std::vector<double> point_means(const SweepData& s, const KpiColumn& k) {
  std::vector<double> sum(s.points, 0.0), count(s.points, 0.0);
  for (std::size_t i = 0; i < s.runs; ++i) {
    const auto p = static_cast<std::size_t>(s.point[i]);
    if (p >= s.points || s.status[i] != "ok" || !std::isfinite(k.values[i])) continue;
    sum[p] += k.values[i];
    count[p] += 1;
  }
  for (std::size_t p = 0; p < s.points; ++p) sum[p] = count[p] > 0 ? sum[p] / count[p] : kNaN;
  return sum;
}

bool all_finite(const std::vector<double>& v) {
  return std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); });
}

// Morris: unit-cube trajectories rebuilt from /morris/changed (the factor moved at each step)
// and the direction of the move in the design values; the step is +-delta.
json morris_json(const SweepData& s) {
  const auto k = static_cast<Eigen::Index>(s.parameters.size());
  const int r = s.trajectories;
  json outputs = json::object();
  if (k == 0 || r < 2 || s.points != static_cast<std::size_t>(r) * (s.parameters.size() + 1))
    return outputs;
  // A CSV design (no /morris/changed): elementary effects in the units of the parameters.
  const bool from_values = s.morris_changed.empty();
  if (!from_values && s.morris_changed.size() != static_cast<std::size_t>(r) * s.parameters.size())
    return outputs;
  // Each point's first replicate row, to read the design values.
  std::vector<std::size_t> row_of_point(s.points, 0);
  for (std::size_t i = s.runs; i-- > 0;) row_of_point[static_cast<std::size_t>(s.point[i])] = i;
  Eigen::MatrixXd points = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(s.points), k);
  const double delta = s.delta > 0 ? s.delta : 0.5;
  if (from_values) {
    for (const auto& c : s.parameters)
      if (!c.numeric) return outputs;
    for (std::size_t p = 0; p < s.points; ++p)
      for (Eigen::Index j = 0; j < k; ++j)
        points(static_cast<Eigen::Index>(p), j) =
            s.parameters[static_cast<std::size_t>(j)].values[row_of_point[p]];
  }
  for (int t = 0; t < r && !from_values; ++t) {
    const Eigen::Index first = static_cast<Eigen::Index>(t) * (k + 1);
    for (Eigen::Index m = 0; m < k; ++m) {
      const auto factor = s.morris_changed[static_cast<std::size_t>(t * k + m)];
      const auto& col = s.parameters[static_cast<std::size_t>(factor)];
      double sign = 1.0;
      if (col.numeric) {
        const double a = col.values[row_of_point[static_cast<std::size_t>(first + m)]];
        const double b = col.values[row_of_point[static_cast<std::size_t>(first + m + 1)]];
        if (b < a) sign = -1.0;
      }
      points.row(first + m + 1) = points.row(first + m);
      points(first + m + 1, factor) += sign * delta;
    }
  }
  for (const auto& kpi : s.kpis) {
    const auto y = point_means(s, kpi);
    if (!all_finite(y)) continue;
    try {
      const auto f = morris_indices(points, r, y);
      json rows = json::array();
      for (std::size_t i = 0; i < f.size(); ++i)
        rows.push_back({{"parameter", s.parameters[i].path},
                        {"mu", number(f[i].mu)},
                        {"mu_star", number(f[i].mu_star)},
                        {"sigma", number(f[i].sigma)}});
      outputs[kpi.name] = rows;
    } catch (const std::invalid_argument&) {
      // A trajectory that does not match the layout: no indices for this sweep.
      return json::object();
    }
  }
  return outputs;
}

json sobol_json(const SweepData& s, const AnalyzeOptions& options) {
  const int k = static_cast<int>(s.parameters.size());
  json outputs = json::object();
  if (k == 0 || s.points % static_cast<std::size_t>(k + 2) != 0) return outputs;
  SobolOptions so;
  so.bootstrap_samples = options.bootstrap_samples;
  so.confidence = options.confidence;
  so.seed = options.bootstrap_seed;
  for (const auto& kpi : s.kpis) {
    const auto y = point_means(s, kpi);
    if (!all_finite(y)) continue;
    try {
      const auto res = sobol_indices(k, y, so);
      json rows = json::array();
      for (std::size_t i = 0; i < res.factors.size(); ++i) {
        const auto& f = res.factors[i];
        rows.push_back({{"parameter", s.parameters[i].path},
                        {"s1", number(f.first_order)},
                        {"s1_ci", {number(f.first_order_low), number(f.first_order_high)}},
                        {"st", number(f.total)},
                        {"st_ci", {number(f.total_low), number(f.total_high)}}});
      }
      outputs[kpi.name] = rows;
    } catch (const std::invalid_argument&) {
      continue;
    }
  }
  return outputs;
}

}  // namespace

json analyze_sweep_data(const SweepData& s, const AnalyzeOptions& options) {
  json doc;
  doc["kind"] = "sweep";
  doc["file"] = s.path;
  doc["name"] = s.name;
  std::size_t ok = 0, failed = 0, missing = 0;
  for (const auto& st : s.status) {
    ok += st == "ok";
    failed += st == "failed";
    missing += st != "ok" && st != "failed";
  }
  json params = json::array();
  json labels = json::object();
  json continuous = json::array();
  for (const auto& c : s.parameters) {
    params.push_back(c.path);
    if (c.continuous) continuous.push_back(c.path);
    if (c.label.empty() && c.labels.empty()) continue;
    json entry = json::object();
    if (!c.label.empty()) entry["label"] = c.label;
    if (!c.labels.empty()) {
      entry["levels"] = c.levels;
      entry["labels"] = c.labels;
    }
    labels[c.path] = std::move(entry);
  }
  doc["design"] = {{"type", s.design_type}, {"parameters", params},
                   {"runs", s.runs},        {"ok", ok},
                   {"failed", failed},      {"missing", missing},
                   {"points", s.points},    {"replicates", s.replicates},
                   {"labels", labels},      {"continuous", continuous}};
  doc["confidence"] = options.confidence;
  doc["interval"] = fmt::format(
      "t-based {:g} % interval over the ok replicates of a point: mean +- t(n-1) sd / sqrt(n), "
      "sd with n - 1 (a KPI whose replicates are all 0 or 1: the Wilson score interval of the "
      "proportion); null when n < 2",
      100 * options.confidence);

  // KPIs with at least one finite value.
  std::vector<const KpiColumn*> kpis;
  json kpi_names = json::array();
  json kpi_units = json::object();
  for (const auto& k : s.kpis) {
    if (std::none_of(k.values.begin(), k.values.end(), [](double v) { return std::isfinite(v); }))
      continue;
    kpis.push_back(&k);
    kpi_names.push_back(k.name);
    kpi_units[k.name] = k.units;
  }
  doc["kpis"] = kpi_names;
  doc["kpi_units"] = kpi_units;

  // Rows of each point (run ids are point-major, but do not rely on it).
  std::vector<std::vector<std::size_t>> rows(s.points);
  for (std::size_t i = 0; i < s.runs; ++i) {
    const auto p = static_cast<std::size_t>(s.point[i]);
    if (p < s.points) rows[p].push_back(i);
  }
  json points = json::array();
  std::vector<double> x;
  TQuantiles t_quantile(options.confidence);
  for (std::size_t p = 0; p < s.points; ++p) {
    json point;
    point["point"] = p;
    json pv = json::object();
    if (!rows[p].empty()) {
      for (const auto& c : s.parameters) {
        const auto i = rows[p].front();
        pv[c.path] = c.numeric ? number(c.values[i]) : json(c.text[i]);
      }
    }
    point["parameters"] = pv;
    std::size_t reps = 0;
    for (auto i : rows[p]) reps += s.status[i] == "ok";
    point["replicates"] = reps;
    json stats(json::value_t::object);
    auto& stats_fields = stats.get_ref<json::object_t&>();
    for (const auto* k : kpis) {
      x.clear();
      for (auto i : rows[p])
        if (s.status[i] == "ok" && std::isfinite(k->values[i])) x.push_back(k->values[i]);
      const auto st = replicate_stats(x, t_quantile);
      // Emplaced rather than built from initializer lists: this loop makes points x KPIs
      // objects (300,000 for a 10,000-run sweep) and dominates the document's cost.
      json entry(json::value_t::object);
      auto& fields = entry.get_ref<json::object_t&>();
      fields.emplace("mean", number(st.mean));
      fields.emplace("sd", number(st.sd));
      fields.emplace("ci_low", number(st.low));
      fields.emplace("ci_high", number(st.high));
      fields.emplace("n", st.n);
      stats_fields.emplace(k->name, std::move(entry));
    }
    point["kpis"] = stats;
    points.push_back(std::move(point));
  }
  doc["points"] = std::move(points);

  if (s.design_type == "morris") {
    auto outputs = morris_json(s);
    if (!outputs.empty())
      doc["sensitivity"] = {{"method", "morris"},
                            {"unit",
                             "elementary effects per unit of the unit cube (quantile "
                             "scale); mu* = mean |EE|, sigma = sd with r - 1"},
                            {"outputs", outputs}};
  } else if (s.design_type == "saltelli") {
    auto outputs = sobol_json(s, options);
    if (!outputs.empty())
      doc["sensitivity"] = {{"method", "sobol"},
                            {"estimators",
                             "S1 Saltelli et al. (2010), ST Jansen (1999); percentile bootstrap "
                             "intervals"},
                            {"bootstrap_samples", options.bootstrap_samples},
                            {"outputs", outputs}};
  }

  if (s.replicates > 1) {
    json share = json::object();
    for (const auto* k : kpis) {
      // Point-major responses with every run ok; a KPI with gaps is left out.
      std::vector<double> y(s.runs);
      bool complete = rows.size() * s.replicates == s.runs;
      for (std::size_t p = 0; complete && p < s.points; ++p) {
        if (rows[p].size() != s.replicates) complete = false;
        for (std::size_t j = 0; complete && j < rows[p].size(); ++j) {
          const auto i = rows[p][j];
          if (s.status[i] != "ok" || !std::isfinite(k->values[i])) complete = false;
          y[p * s.replicates + j] = k->values[i];
        }
      }
      if (!complete) continue;
      share[k->name] = number(replicate_variance(y, s.replicates).replicate_share);
    }
    doc["replicate_variance_share"] = share;
  }
  return doc;
}

json analyze_sweep(const std::filesystem::path& path, const AnalyzeOptions& options) {
  return analyze_sweep_data(read_sweep_file(path), options);
}

}  // namespace accord::analysis::detail
