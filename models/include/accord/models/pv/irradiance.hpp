#pragma once
// Irradiance building blocks of the PV model (docs/pv-model.md gives equations and sources).
// All irradiances in W/m2, angles in degrees unless the name says otherwise.

namespace accord::models::pv {

// Total solar irradiance at 1 AU, W/m2 (Kopp & Lean 2011).
inline constexpr double kSolarConstantWm2 = 1361.0;
// Floor of cos(zenith) (zenith 85 deg) in beam ratios and clearness indices: near the horizon
// clear-sky models and decompositions are unreliable and cos(incidence)/cos(zenith) diverges.
inline constexpr double kMinCosZenith = 0.0872;

// Relative optical air mass, Kasten & Young (1989); `zenith_deg` is the apparent zenith.
// Returns 0 for a sun below the horizon (zenith >= 90 deg).
double relative_airmass(double zenith_deg);

// Clear-sky global horizontal irradiance, Ineichen & Perez (2002), with Linke turbidity
// `linke_turbidity` (air mass 2), site altitude `elevation_m` and extraterrestrial normal
// irradiance `dni_extra_wm2`. 0 when the sun is below the horizon.
double clear_sky_ghi_ineichen(double cos_zenith, double airmass_relative, double linke_turbidity,
                              double elevation_m, double dni_extra_wm2);

// Diffuse fraction of global horizontal irradiance from the clearness index kt, Erbs, Klein &
// Duffie (1982).
double erbs_diffuse_fraction(double kt);

}  // namespace accord::models::pv
