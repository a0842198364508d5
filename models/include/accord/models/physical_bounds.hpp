#pragma once
// Upper bounds on the magnitudes a scenario may give, checked at load (docs/errors.md,
// docs/scenario-reference.md). They are far beyond any collective self-consumption operation
// (the French ACC perimeter caps the installed power at 3 MW, 5 MW by derogation) yet keep
// every sum of the engine finite: a T x N ledger of values at these bounds, over centuries of
// 15-min steps and a million members, stays below 1e20 kWh and 1e21 EUR, far from the
// largest double. A larger value is a unit mistake (Wh for kWh, W for kW) or a typo, and a
// silent inf or NaN in a published result is worse than a refusal.
namespace accord::models::bounds {

// Annual energy of one participant's load profile (annual_kwh): 1 TWh, about 100 000
// French households or the largest industrial sites.
inline constexpr double kMaxAnnualKwh = 1e9;
// Peak power of one PV plant (kwp): 1 GWp, the size of the largest plants in France.
inline constexpr double kMaxKwp = 1e6;
// Mean power of one row of a CSV series, after `scale`: 1 GW (1e6 kW) at one delivery point.
// Enedis and SGE rows are in W (so at most 1e9 W); plain rows are kWh over the row's
// interval (so at most 1e6 kWh per hour of interval).
inline constexpr double kMaxSeriesPowerKw = 1e6;
// `scale` of a CSV series: 1e6 converts GWh to kWh; larger is not a unit conversion.
inline constexpr double kMaxSeriesScale = 1e6;
// Any price per kWh (retail, network, excise, surplus, internal): 10 EUR/kWh, 40 times the
// French regulated retail price of 2025 and 10 times the highest day-ahead prices of 2022.
inline constexpr double kMaxPriceEurPerKwh = 10;

}  // namespace accord::models::bounds
