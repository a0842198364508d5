// Cost of the equity analysis of a sweep summary: R runs (default 10,000) x M members
// (default 100). Per run: Gini (uncorrected and corrected), Theil T and L, GE(2), Atkinson 0.5
// and 1, CV, Jain, Palma, S80/S20, concentration index of benefits by income, Kakwani,
// Reynolds-Smolensky, Theil T and L decompositions over 4 member kinds, horizontal equity,
// vertical equity by decile, and the six energy-poverty indicators against frozen baseline
// thresholds. Then Sobol indices (with 500 bootstrap resamples) of a 10,000-run Saltelli
// response vector. Prints wall-clock seconds; target (docs/equity-metrics.md): < 2 s for
// 10,000 runs x 100 members on one core. Then `accord analyze` of a synthetic 10,000-run sweep
// file (5,000 points x 2 replicates, 2 parameters, 60 KPIs): analyze_file (JSON document with
// per-point mean/sd/t intervals and the replicate variance share), the CSV and the tables;
// target (issue 5): < 2 s. Usage: bench_analysis [--runs R] [--members M]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <filesystem>

#include "accord/analysis/analyze.hpp"
#include "accord/analysis/benefit_equity.hpp"
#include "accord/analysis/energy_poverty.hpp"
#include "accord/analysis/inequality.hpp"
#include "accord/analysis/sensitivity.hpp"
#include "accord/sim/h5/h5.hpp"
#include "accord/sim/rng.hpp"

namespace {

using namespace accord::analysis;

// A sweep file with the layout of docs/sweeps.md: `runs` runs, 2 replicates per point.
void write_sweep(const std::string& path, std::size_t runs, std::size_t kpis) {
  namespace h5 = accord::sim::h5;
  auto f = h5::File::create(path);
  f.set_attr_string("filetype", "accord-sweep");
  const std::vector<int32_t> version{1, 0};
  f.set_attr_ints("format_version", version);
  auto d = f.create_group("design");
  d.set_attr_string("type", "lhs");
  d.set_attr_int("points", static_cast<int64_t>(runs / 2));
  d.set_attr_int("replicates", 2);
  d.set_attr_string("parameters", "community.internal_price.eur_per_kwh\nbenefit_rule");
  std::vector<int64_t> id(runs), point(runs), rep(runs), seed(runs);
  std::vector<double> price(runs);
  std::vector<std::string> rule(runs), status(runs, "ok"), error(runs);
  const accord::sim::RandomStream rng(3, 0, accord::sim::Purpose::kSweep, 7);
  for (std::size_t i = 0; i < runs; ++i) {
    id[i] = static_cast<int64_t>(i);
    point[i] = static_cast<int64_t>(i / 2);
    rep[i] = static_cast<int64_t>(i % 2);
    seed[i] = 11 + rep[i];
    price[i] = 0.08 + 0.08 * rng.uniform(i / 2, 0);
    rule[i] = (i / 2) % 2 ? "equal" : "individual_savings";
  }
  d.write_1d("run_id", id);
  d.write_1d("point", point);
  d.write_1d("replicate", rep);
  d.write_1d("seed", seed);
  d.write_strings("status", status);
  d.write_strings("error", error);
  d.write_1d("community.internal_price.eur_per_kwh", price);
  d.write_strings("benefit_rule", rule);
  auto sg = f.create_group("summary");
  std::vector<double> y(runs);
  for (std::size_t k = 0; k < kpis; ++k) {
    for (std::size_t i = 0; i < runs; ++i) y[i] = 100.0 * static_cast<double>(k) + rng.normal(k, i);
    sg.write_1d("kpi_" + std::to_string(1000 + k) + "_eur", y, h5::WriteOptions::with("EUR", "x"));
  }
  f.set_attr_int("complete", 1);
  f.close();
}

double wall_now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Run {
  std::vector<double> income, benefit, after_energy;
  std::vector<int> kind;
  std::vector<Household> households;
};

Run make_run(std::size_t r, std::size_t members) {
  const accord::sim::RandomStream rng(1, 0, accord::sim::Purpose::kSweep, 4242);
  Run run;
  for (std::size_t i = 0; i < members; ++i) {
    const double income = 20000.0 * std::exp(0.5 * rng.normal(r, 3 * i));
    const double spend = 800.0 + 900.0 * rng.uniform(r, 3 * i + 1);
    const double benefit = 20.0 + 60.0 * rng.uniform(r, 3 * i + 2);
    run.income.push_back(income);
    run.benefit.push_back(benefit);
    run.after_energy.push_back(income - spend + benefit);
    run.kind.push_back(static_cast<int>(i % 4));
    run.households.push_back({income, spend - benefit, spend, 0.25 * income, 1.5, 1.0});
  }
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t runs = 10000;
  std::size_t members = 100;
  for (int a = 1; a + 1 < argc; a += 2) {
    const std::string flag = argv[a];
    if (flag == "--runs") runs = std::strtoul(argv[a + 1], nullptr, 10);
    if (flag == "--members") members = std::strtoul(argv[a + 1], nullptr, 10);
  }
  std::vector<Run> sweep;
  sweep.reserve(runs);
  for (std::size_t r = 0; r < runs; ++r) sweep.push_back(make_run(r, members));
  const auto baseline = energy_poverty_thresholds(sweep.front().households);

  double checksum = 0;  // keeps the optimiser from dropping the work
  const double start = wall_now();
  for (const Run& run : sweep) {
    const auto& x = run.after_energy;
    checksum += gini_uncorrected(x) + gini_corrected(x) + theil_t(x) + theil_l(x) +
                generalized_entropy(x, 2) + atkinson(x, 0.5) + atkinson(x, 1) +
                coefficient_of_variation(x) + jain_index(x) + palma_ratio(x) + s80_s20_ratio(x);
    checksum += concentration_index(run.benefit, run.income) +
                kakwani_index(run.income, run.benefit) +
                reynolds_smolensky_index(run.income, run.benefit);
    checksum +=
        theil_t_decomposition(x, run.kind).between + theil_l_decomposition(x, run.kind).between;
    checksum += horizontal_equity(run.benefit, run.kind).weighted_mean_cv;
    checksum += vertical_equity(run.income, run.benefit).front().benefit_share_of_income;
    const auto poverty = assess_energy_poverty(run.households, baseline);
    checksum += poverty.onpe.rate + poverty.lihc.rate + poverty.brde.rate;
  }
  const double metrics_s = wall_now() - start;

  // Sobol indices of one summary KPI over a Saltelli design with k = 8 and N = 1000
  // (10,000 runs).
  const int k = 8;
  const std::size_t n = 1000;
  std::vector<double> y(n * (k + 2));
  const accord::sim::RandomStream rng(2, 0, accord::sim::Purpose::kSweep, 99);
  for (std::size_t i = 0; i < y.size(); ++i) y[i] = rng.normal(0, i);
  const double sobol_start = wall_now();
  const auto sobol = sobol_indices(k, y);
  const double sobol_s = wall_now() - sobol_start;
  checksum += sobol.factors.front().total;

  std::printf("equity metrics: %zu runs x %zu members: %.3f s (%.1f us per run)\n", runs, members,
              metrics_s, 1e6 * metrics_s / static_cast<double>(runs));
  std::printf("sobol indices: k = %d, N = %zu (%zu runs), 500 bootstrap resamples: %.3f s\n", k, n,
              y.size(), sobol_s);
  std::printf("total: %.3f s (target < 2 s)   [checksum %.6g]\n", metrics_s + sobol_s, checksum);

  const auto dir = std::filesystem::temp_directory_path() / "accord-bench-analyze";
  std::filesystem::create_directories(dir);
  const auto sweep_path = dir / "sweep.h5";
  write_sweep(sweep_path.string(), runs, 60);
  const double analyze_start = wall_now();
  const auto doc = analyze_file(sweep_path);
  const double analyze_s = wall_now() - analyze_start;
  const double csv_start = wall_now();
  const auto csv = render_analysis(doc, AnalyzeFormat::kCsv, sweep_path);
  const double csv_s = wall_now() - csv_start;
  const double table_start = wall_now();
  const auto table = render_analysis(doc, AnalyzeFormat::kTable, sweep_path);
  const double table_s = wall_now() - table_start;
  const double json_start = wall_now();
  const auto json = render_analysis(doc, AnalyzeFormat::kJson, sweep_path);
  const double json_s = wall_now() - json_start;
  std::printf(
      "analyze sweep file: %zu runs x 60 KPIs: document %.3f s, csv %.3f s (%zu bytes), "
      "table %.3f s (%zu bytes), json text %.3f s (%zu bytes); document + csv %.3f s "
      "(target < 2 s)\n",
      runs, analyze_s, csv_s, csv.size(), table_s, table.size(), json_s, json.size(),
      analyze_s + csv_s);
  std::filesystem::remove_all(dir);
  return 0;
}
