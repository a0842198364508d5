#include "accord/analysis/energy_poverty.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "accord/analysis/weighted_stats.hpp"

namespace accord::analysis {

namespace {

constexpr std::string_view kName = "energy_poverty";

void check_households(std::span<const Household> households) {
  if (households.empty()) detail::fail(kName, "no households");
  double total_weight = 0;
  for (std::size_t i = 0; i < households.size(); ++i) {
    const Household& h = households[i];
    if (!(h.income_eur > 0) || !std::isfinite(h.income_eur)) {
      detail::fail_value(kName, "income_eur must be finite and > 0", i, h.income_eur);
    }
    if (!(h.energy_spend_eur >= 0) || !std::isfinite(h.energy_spend_eur)) {
      detail::fail_value(kName, "energy_spend_eur must be finite and >= 0", i, h.energy_spend_eur);
    }
    if (!(h.required_energy_cost_eur >= 0) || !std::isfinite(h.required_energy_cost_eur)) {
      detail::fail_value(kName, "required_energy_cost_eur must be finite and >= 0", i,
                         h.required_energy_cost_eur);
    }
    if (!(h.housing_cost_eur >= 0) || !std::isfinite(h.housing_cost_eur)) {
      detail::fail_value(kName, "housing_cost_eur must be finite and >= 0", i, h.housing_cost_eur);
    }
    if (!(h.consumption_units >= 1) || !std::isfinite(h.consumption_units)) {
      detail::fail_value(kName, "consumption_units must be finite and >= 1", i,
                         h.consumption_units);
    }
    if (!(h.weight >= 0) || !std::isfinite(h.weight)) {
      detail::fail_value(kName, "weight must be finite and >= 0", i, h.weight);
    }
    total_weight += h.weight;
  }
  if (!(total_weight > 0)) detail::fail(kName, "household weights sum to 0");
}

template <class F>
std::vector<double> column(std::span<const Household> households, F f) {
  std::vector<double> out;
  out.reserve(households.size());
  for (const Household& h : households) out.push_back(f(h));
  return out;
}

double share(const Household& h) {
  return h.energy_spend_eur / h.income_eur;
}
double after_housing_per_cu(const Household& h) {
  return (h.income_eur - h.housing_cost_eur) / h.consumption_units;
}

template <class Predicate>
IndicatorResult indicator(std::span<const Household> households, Predicate poor) {
  IndicatorResult out;
  out.flags.reserve(households.size());
  double total = 0;
  double flagged = 0;
  for (const Household& h : households) {
    const bool is_poor = poor(h);
    out.flags.push_back(is_poor ? 1 : 0);
    total += h.weight;
    if (is_poor) flagged += h.weight;
  }
  out.rate = flagged / total;
  return out;
}

void check_options(const EnergyPovertyOptions& o) {
  auto in_unit = [](double v) { return v > 0 && v < 1; };
  if (!in_unit(o.boardman_share))
    detail::fail(kName, fmt::format("boardman_share {} not in (0, 1)", o.boardman_share));
  if (!in_unit(o.onpe_effort_share))
    detail::fail(kName, fmt::format("onpe_effort_share {} not in (0, 1)", o.onpe_effort_share));
  if (!in_unit(o.onpe_income_quantile))
    detail::fail(kName,
                 fmt::format("onpe_income_quantile {} not in (0, 1)", o.onpe_income_quantile));
  if (!in_unit(o.poverty_line_share))
    detail::fail(kName, fmt::format("poverty_line_share {} not in (0, 1)", o.poverty_line_share));
}

}  // namespace

double oecd_modified_consumption_units(int persons_14_plus, int children_under_14) {
  if (persons_14_plus < 1) {
    detail::fail("oecd_modified_consumption_units",
                 fmt::format("persons_14_plus must be >= 1, got {}", persons_14_plus));
  }
  if (children_under_14 < 0) {
    detail::fail("oecd_modified_consumption_units",
                 fmt::format("children_under_14 must be >= 0, got {}", children_under_14));
  }
  return 1.0 + 0.5 * (persons_14_plus - 1) + 0.3 * children_under_14;
}

EnergyPovertyThresholds energy_poverty_thresholds(std::span<const Household> households) {
  check_households(households);
  const auto w = column(households, [](const Household& h) { return h.weight; });
  const auto quantile = [&](auto f, double p) {
    return weighted_quantile(column(households, f), p, w);
  };
  EnergyPovertyThresholds t;
  t.median_energy_share = quantile(share, 0.5);
  t.median_energy_spend_eur = quantile([](const Household& h) { return h.energy_spend_eur; }, 0.5);
  t.income_per_cu_decile3_eur =
      quantile([](const Household& h) { return h.income_eur / h.consumption_units; }, 0.3);
  t.median_energy_spend_per_cu_eur =
      quantile([](const Household& h) { return h.energy_spend_eur / h.consumption_units; }, 0.5);
  t.median_income_after_housing_per_cu_eur = quantile(after_housing_per_cu, 0.5);
  t.median_required_cost_per_cu_eur = quantile(
      [](const Household& h) { return h.required_energy_cost_eur / h.consumption_units; }, 0.5);
  return t;
}

EnergyPovertyResult assess_energy_poverty(std::span<const Household> households,
                                          const EnergyPovertyThresholds& baseline,
                                          const EnergyPovertyOptions& options) {
  check_options(options);
  check_households(households);
  EnergyPovertyResult r;
  // The ONPE decile cut-off must match the quantile asked for; recompute it from the same
  // population as the other thresholds.
  if (options.mode == ThresholdMode::kRecomputed) {
    r.thresholds = energy_poverty_thresholds(households);
    if (options.onpe_income_quantile != 0.3) {
      const auto w = column(households, [](const Household& h) { return h.weight; });
      r.thresholds.income_per_cu_decile3_eur = weighted_quantile(
          column(households, [](const Household& h) { return h.income_eur / h.consumption_units; }),
          options.onpe_income_quantile, w);
    }
  } else {
    r.thresholds = baseline;
  }
  const EnergyPovertyThresholds& t = r.thresholds;
  const EnergyPovertyOptions& o = options;
  const double poverty_line = o.poverty_line_share * t.median_income_after_housing_per_cu_eur;
  r.boardman =
      indicator(households, [&](const Household& h) { return share(h) > o.boardman_share; });
  r.onpe = indicator(households, [&](const Household& h) {
    return share(h) > o.onpe_effort_share &&
           h.income_eur / h.consumption_units <= t.income_per_cu_decile3_eur;
  });
  r.brde = indicator(households, [&](const Household& h) {
    return h.energy_spend_eur / h.consumption_units > t.median_energy_spend_per_cu_eur &&
           after_housing_per_cu(h) < poverty_line;
  });
  r.lihc = indicator(households, [&](const Household& h) {
    const double required_per_cu = h.required_energy_cost_eur / h.consumption_units;
    return required_per_cu > t.median_required_cost_per_cu_eur &&
           after_housing_per_cu(h) - required_per_cu < poverty_line;
  });
  r.twice_median_share = indicator(
      households, [&](const Household& h) { return share(h) > 2.0 * t.median_energy_share; });
  r.half_median_spend = indicator(households, [&](const Household& h) {
    return h.energy_spend_eur < 0.5 * t.median_energy_spend_eur;
  });
  return r;
}

EnergyPovertyResult assess_energy_poverty(std::span<const Household> households,
                                          const EnergyPovertyOptions& options) {
  return assess_energy_poverty(households, energy_poverty_thresholds(households), options);
}

}  // namespace accord::analysis
