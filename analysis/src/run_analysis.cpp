// The equity analysis of one run file: the document's "rules", "energy_burden" and "monthly"
// sections (docs/analyze.md); "governance" is in governance_section.cpp.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <functional>
#include <limits>
#include <map>
#include <stdexcept>

#include "accord/analysis/energy_poverty.hpp"
#include "accord/analysis/inequality.hpp"
#include "accord/analysis/run_equity.hpp"
#include "run_analysis.hpp"

namespace accord::analysis::detail {

using nlohmann::json;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool known_income(double x) {
  return std::isfinite(x) && x > 0;
}

// A measure that may be undefined on this distribution (zeros for Theil L, a zero mean ...):
// null rather than an error, the document says which distribution was used.
json try_measure(const std::function<double()>& f) {
  try {
    // Rounding noise of an equal split (1e-15) is not inequality: report 0.
    const double v = f();
    return number(std::abs(v) < 1e-12 ? 0.0 : v);
  } catch (const std::invalid_argument&) {
    return nullptr;
  }
}

// Column sums of a [M, N] matrix.
std::vector<double> column_sums(const std::vector<double>& m, std::size_t rows, std::size_t cols) {
  std::vector<double> out(cols, 0.0);
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < cols; ++c) out[c] += m[r * cols + c];
  return out;
}

double sum(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s;
}

// Lorenz curve of values of any sign (sorted ascending, cumulative share of the total; it
// dips below 0 where benefits are negative): the n + 1 exact points when n <= 100, else
// interpolated at p = 0, 0.01, ..., 1. Empty when the total is <= 0.
json lorenz_points(std::vector<double> x) {
  json out = {{"p", json::array()}, {"l", json::array()}};
  const double total = sum(x);
  if (x.empty() || !(total > 0)) return out;
  std::sort(x.begin(), x.end());
  const std::size_t n = x.size();
  std::vector<double> cum(n + 1, 0.0);
  for (std::size_t i = 0; i < n; ++i) cum[i + 1] = cum[i] + x[i] / total;
  const auto nd = static_cast<double>(n);
  if (n <= 100) {
    for (std::size_t i = 0; i <= n; ++i) {
      out["p"].push_back(static_cast<double>(i) / nd);
      out["l"].push_back(cum[i]);
    }
    return out;
  }
  for (int k = 0; k <= 100; ++k) {
    const double p = k / 100.0;
    const double pos = p * nd;
    const auto lo = std::min(static_cast<std::size_t>(pos), n - 1);
    const double frac = pos - static_cast<double>(lo);
    out["p"].push_back(p);
    out["l"].push_back(cum[lo] + frac * (cum[lo + 1] - cum[lo]));
  }
  return out;
}

json inequality_of(const std::vector<double>& x) {
  return {
      {"gini", try_measure([&] { return gini_uncorrected(x); })},
      {"gini_corrected", try_measure([&] { return gini_corrected(x); })},
      {"theil_t", try_measure([&] { return theil_t(x); })},
      {"theil_l", try_measure([&] { return theil_l(x); })},
      {"atkinson_0.5", try_measure([&] { return atkinson(x, 0.5); })},
      {"atkinson_1", try_measure([&] { return atkinson(x, 1.0); })},
      {"atkinson_2", try_measure([&] { return atkinson(x, 2.0); })},
      {"cv", try_measure([&] { return coefficient_of_variation(x); })},
      {"jain", try_measure([&] { return jain_index(x); })},
      {"palma", try_measure([&] { return palma_ratio(x); })},
      {"s80_s20", try_measure([&] { return s80_s20_ratio(x); })},
  };
}

json conventions() {
  return {
      {"gini",
       "Gini mean-difference form sum|xi-xj|/(2 n^2 mean), uncorrected ('gini'); "
       "'gini_corrected' = gini n/(n-1)"},
      {"theil", "Theil T = GE(1) and Theil L = GE(0) (mean log deviation), natural logarithm"},
      {"atkinson", "Atkinson A(eps) = 1 - EDE/mean for eps = 0.5, 1, 2"},
      {"cv", "coefficient of variation with the population standard deviation"},
      {"palma", "share of the top 10 % / share of the bottom 40 %, Lorenz interpolation"},
      {"s80_s20", "share of the top 20 % / share of the bottom 20 %, Lorenz interpolation"},
      {"concentration_index",
       "2 cov(benefit, fractional income rank) / mean benefit over members with known income; "
       "negative = pro-poor"},
      {"kakwani", "concentration index of the benefit by income - Gini of income"},
      {"reynolds_smolensky", "Gini(income) - concentration index of (income + benefit) by income"},
      {"energy_burden",
       "annualized energy bill / disposable income in %, ratio of sums over the group; before = "
       "bill without the operation, after = bill without the operation - benefit of the rule"},
      {"energy_poverty_thresholds",
       "frozen at baseline (the households before the operation); housing costs unknown (0), "
       "required cost = actual bill; missing consumption units count 1"},
      {"annualization", "money over the run scaled to 365.25 days for % of income"},
      {"quantiles", "Hazen (R type 5), fractional ranks with ties at their mean rank"},
  };
}

json rule_json(const RunData& run, const RuleRecordData& rule, bool in_force,
               const std::vector<double>& bill_ref_total, double annual) {
  const std::size_t m = run.periods;
  const std::size_t n = run.participants();
  json r;
  r["name"] = rule.name;
  r["in_force"] = in_force;
  const auto benefit = column_sums(rule.benefit, m, n);  // run total, EUR
  const double distributed = sum(rule.distributed);
  const double territorial = sum(rule.territorial);
  r["community_benefit_eur"] = number(distributed + territorial);
  r["distributed_eur"] = number(distributed);
  r["territorial_eur"] = number(territorial);
  r["ir_violations"] = number(sum(rule.ir_violations));
  double core = kNaN;
  for (double c : rule.core_shortfall)
    if (std::isfinite(c)) core = std::isfinite(core) ? std::max(core, c) : c;
  r["max_core_shortfall_eur"] = number(core);

  const bool nonnegative =
      std::all_of(benefit.begin(), benefit.end(), [](double b) { return b >= 0; }) &&
      sum(benefit) > 0;
  std::vector<double> net_after(n);
  for (std::size_t i = 0; i < n; ++i) net_after[i] = bill_ref_total[i] - benefit[i];
  if (nonnegative) {
    r["of"] = "benefit: each member's benefit over the run (EUR, >= 0 for this rule)";
    r["inequality"] = inequality_of(benefit);
  } else {
    r["of"] =
        "net bill after: bill without the operation - benefit over the run, per member (EUR); "
        "the benefit itself has negative values for this rule";
    r["inequality"] = inequality_of(net_after);
  }
  r["inequality_net_bill_after"] = inequality_of(net_after);
  r["benefit_gini_signed"] = number(gini_signed(benefit));
  r["lorenz"] = lorenz_points(benefit);

  std::map<std::string, std::pair<double, int>> by_kind;
  for (std::size_t i = 0; i < n; ++i) {
    auto& e = by_kind[run.kinds[i]];
    e.first += benefit[i];
    e.second += 1;
  }
  const double total = sum(benefit);
  r["by_kind"] = json::array();
  for (const auto& [kind, e] : by_kind) {
    r["by_kind"].push_back({{"kind", kind},
                            {"members", e.second},
                            {"total_eur", number(e.first)},
                            {"mean_eur", number(e.first / e.second)},
                            {"share", number(total != 0 ? e.first / total : kNaN)}});
  }
  r["by_decile"] = json::array();
  for (int d = 1; d <= 10; ++d) {
    int members = 0;
    double b = 0, b_known = 0, income = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (run.income_decile[i] != d) continue;
      ++members;
      b += benefit[i];
      if (known_income(run.income[i])) {
        b_known += benefit[i] * annual;
        income += run.income[i];
      }
    }
    if (members == 0) continue;
    r["by_decile"].push_back(
        {{"decile", d},
         {"members", members},
         {"mean_benefit_eur", number(b / members)},
         {"benefit_pct_income", income > 0 ? number(100 * b_known / income) : json(nullptr)}});
  }

  std::vector<double> income, annual_benefit;
  for (std::size_t i = 0; i < n; ++i) {
    if (!known_income(run.income[i])) continue;
    income.push_back(run.income[i]);
    annual_benefit.push_back(benefit[i] * annual);
  }
  const bool vertical = income.size() >= 2;
  r["concentration_index"] =
      vertical ? try_measure([&] { return concentration_index(annual_benefit, income); })
               : json(nullptr);
  r["kakwani"] =
      vertical ? try_measure([&] { return kakwani_index(income, annual_benefit); }) : json(nullptr);
  r["reynolds_smolensky"] =
      vertical ? try_measure([&] { return reynolds_smolensky_index(income, annual_benefit); })
               : json(nullptr);
  return r;
}

json poverty_json(const EnergyPovertyResult& r) {
  return {{"ten_percent", number(r.boardman.rate)},
          {"onpe", number(r.onpe.rate)},
          {"lihc", number(r.lihc.rate)},
          {"two_m", number(r.twice_median_share.rate)},
          {"m_half", number(r.half_median_spend.rate)},
          {"brde", number(r.brde.rate)}};
}

json energy_burden(const RunData& run, const std::vector<double>& bill_ref_total,
                   const std::vector<std::vector<double>>& rule_benefits, double annual) {
  const std::size_t n = run.participants();
  json out;
  out["by_decile"] = json::array();
  for (int d = 1; d <= 10; ++d) {
    int members = 0;
    double income = 0, before = 0;
    std::vector<double> after(rule_benefits.size(), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      if (run.income_decile[i] != d || !known_income(run.income[i])) continue;
      ++members;
      income += run.income[i];
      before += bill_ref_total[i] * annual;
      for (std::size_t r = 0; r < rule_benefits.size(); ++r)
        after[r] += (bill_ref_total[i] - rule_benefits[r][i]) * annual;
    }
    if (members == 0) continue;
    json row = {{"decile", d},
                {"members", members},
                {"before_pct", number(100 * before / income)},
                {"after_pct", number(after.empty() ? kNaN : 100 * after[0] / income)}};
    json by_rule = json::object();
    for (std::size_t r = 0; r < rule_benefits.size(); ++r)
      by_rule[run.rules.empty() ? "in_force" : run.rules[r].name] = number(100 * after[r] / income);
    row["after_pct_by_rule"] = by_rule;
    out["by_decile"].push_back(row);
  }

  std::vector<Household> before, after;
  for (std::size_t i = 0; i < n; ++i) {
    if (!known_income(run.income[i])) continue;
    Household h;
    h.income_eur = run.income[i];
    h.energy_spend_eur = std::max(0.0, bill_ref_total[i] * annual);
    h.required_energy_cost_eur = h.energy_spend_eur;
    const double cu = run.consumption_units[i];
    h.consumption_units = std::isfinite(cu) && cu >= 1 ? cu : 1.0;
    before.push_back(h);
    h.energy_spend_eur = rule_benefits.empty()
                             ? h.energy_spend_eur
                             : std::max(0.0, (bill_ref_total[i] - rule_benefits[0][i]) * annual);
    h.required_energy_cost_eur = h.energy_spend_eur;
    after.push_back(h);
  }
  out["households"] = before.size();
  if (before.size() >= 2) {
    try {
      const auto baseline = energy_poverty_thresholds(before);
      out["poverty"] = {{"before", poverty_json(assess_energy_poverty(before, baseline))},
                        {"after", poverty_json(assess_energy_poverty(after, baseline))}};
    } catch (const std::invalid_argument& e) {
      out["poverty_error"] = e.what();
    }
  }
  return out;
}

json monthly(const RunData& run) {
  const std::size_t m = run.periods;
  const std::size_t n = run.participants();
  json out;
  out["period_start"] = json::array();
  for (auto s : run.period_start) out["period_start"].push_back(iso_date(s));
  auto per_period = [&](const std::vector<double>& mat) {
    json a = json::array();
    if (mat.size() != m * n) return a;
    for (std::size_t p = 0; p < m; ++p) {
      double s = 0;
      for (std::size_t i = 0; i < n; ++i) s += mat[p * n + i];
      a.push_back(number(s));
    }
    return a;
  };
  auto vector = [](const std::vector<double>& v) {
    json a = json::array();
    for (double x : v) a.push_back(number(x));
    return a;
  };
  json members = json::array();
  for (std::size_t p = 0; p < m; ++p) {
    int c = 0;
    for (std::size_t i = 0; i < n; ++i) c += run.member[p * n + i] ? 1 : 0;
    members.push_back(c);
  }
  out["members"] = members;
  out["consumption_kwh"] = vector(run.consumption_kwh);
  out["allocated_kwh"] = vector(run.allocated_kwh);
  out["production_kwh"] = vector(run.production_kwh);
  out["surplus_kwh"] = vector(run.surplus_kwh);
  out["bill_reference_eur"] = per_period(run.bill_reference);
  out["bill_eur"] = per_period(run.bill);
  out["benefit_eur"] = per_period(run.benefit);
  out["producer_revenue_eur"] = vector(run.producer_revenue);
  out["pmo_costs_eur"] = vector(run.pmo_costs);
  out["pmo_fees_eur"] = vector(run.pmo_fees);
  return out;
}

}  // namespace

std::string iso_date(int64_t utc_seconds) {
  // Periods start at local midnight, which is the previous evening in UTC for zones east of
  // Greenwich: the date at the period's start + 12 h is the local date for any |offset| < 12 h.
  const std::time_t t = static_cast<std::time_t>(utc_seconds + 12 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04d}-{:02d}-{:02d}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

json analyze_run(const RunData& run, const AnalyzeOptions& /*options*/) {
  json doc;
  doc["kind"] = "run";
  doc["file"] = run.path;
  doc["scenario"] = run.scenario;
  doc["seed"] = run.seed;
  doc["replicate"] = run.replicate;
  doc["detail"] = run.detail;
  doc["format_version"] = run.format_version;
  doc["participants"] = run.participants();
  doc["producers"] = run.producers;
  doc["conventions"] = conventions();
  json summary = json::object();
  json units = json::object();
  for (const auto& s : run.summary) {
    summary[s.name] = number(s.value);
    units[s.name] = s.units;
    // Counts (stored as float64 in /summary) stay integers in the document.
    if (run.detail == "summary" && (s.name == "participants" || s.name == "producers") &&
        std::isfinite(s.value))
      doc[s.name] = static_cast<int64_t>(std::llround(s.value));
  }
  doc["summary"] = summary;
  doc["summary_units"] = units;
  doc["rules"] = json::array();
  if (run.detail == "summary" || run.periods == 0) {
    doc["notes"] =
        json::array({"detail summary: only /summary is in the file; rules, energy "
                     "burden and monthly flows need detail periods or full"});
    return doc;
  }
  const std::size_t m = run.periods;
  const std::size_t n = run.participants();
  const double annual = annualization_factor(run.covered_seconds);
  doc["annualization_factor"] = annual;
  const auto bill_ref_total = column_sums(run.bill_reference, m, n);

  std::vector<std::vector<double>> rule_benefits;
  if (run.rules.empty()) {
    // A file without /sharing: the rule in force is /periods/benefit.
    RuleRecordData in_force;
    in_force.name = "in_force";
    in_force.benefit = run.benefit;
    in_force.distributed.assign(m, 0.0);
    for (std::size_t p = 0; p < m; ++p)
      for (std::size_t i = 0; i < n; ++i) in_force.distributed[p] += run.benefit[p * n + i];
    doc["rules"].push_back(rule_json(run, in_force, true, bill_ref_total, annual));
    rule_benefits.push_back(column_sums(run.benefit, m, n));
  } else {
    for (std::size_t r = 0; r < run.rules.size(); ++r) {
      doc["rules"].push_back(rule_json(run, run.rules[r], r == 0, bill_ref_total, annual));
      rule_benefits.push_back(column_sums(run.rules[r].benefit, m, n));
    }
  }
  doc["energy_burden"] = energy_burden(run, bill_ref_total, rule_benefits, annual);
  doc["monthly"] = monthly(run);
  // Files without format-1.2 governance records (1.0/1.1) get no governance section.
  if (run.governance.present) doc["governance"] = governance_section(run);
  // Format 1.3 runs with a `dynamics:` section.
  if (run.dynamics.present() && run.periods > 0) doc["dynamics"] = dynamics_section(run);
  if (run.lifecycle.present && run.periods > 0) doc["lifecycle"] = lifecycle_section(run);
  return doc;
}

}  // namespace accord::analysis::detail
