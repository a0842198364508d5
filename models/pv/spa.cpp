// NREL SPA, Reda & Andreas (2004), NREL/TP-560-34302 (revised January 2008). The periodic
// terms are the report's Tables A4.2 (earth heliocentric longitude L0..L5, latitude B0..B1,
// radius R0..R4, from Meeus' abridged VSOP87) and A4.3 (nutation, Meeus Table 22.A); step
// numbers in comments refer to section 3 of the report.
#include "spa.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <iterator>
#include <numbers>

namespace accord::models::pv::spa {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

struct Term {
  double a;
  double b;
  double c;
};

// Table A4.2, heliocentric longitude.
constexpr Term kL0[] = {
    {175347046, 0, 0},           {3341656, 4.6692568, 6283.07585},
    {34894, 4.6261, 12566.1517}, {3497, 2.7441, 5753.3849},
    {3418, 2.8289, 3.5231},      {3136, 3.6277, 77713.7715},
    {2676, 4.4181, 7860.4194},   {2343, 6.1352, 3930.2097},
    {1324, 0.7425, 11506.7698},  {1273, 2.0371, 529.691},
    {1199, 1.1096, 1577.3435},   {990, 5.233, 5884.927},
    {902, 2.045, 26.298},        {857, 3.508, 398.149},
    {780, 1.179, 5223.694},      {753, 2.533, 5507.553},
    {505, 4.583, 18849.228},     {492, 4.205, 775.523},
    {357, 2.92, 0.067},          {317, 5.849, 11790.629},
    {284, 1.899, 796.298},       {271, 0.315, 10977.079},
    {243, 0.345, 5486.778},      {206, 4.806, 2544.314},
    {205, 1.869, 5573.143},      {202, 2.4458, 6069.777},
    {156, 0.833, 213.299},       {132, 3.411, 2942.463},
    {126, 1.083, 20.775},        {115, 0.645, 0.98},
    {103, 0.636, 4694.003},      {102, 0.976, 15720.839},
    {102, 4.267, 7.114},         {99, 6.21, 2146.17},
    {98, 0.68, 155.42},          {86, 5.98, 161000.69},
    {85, 1.3, 6275.96},          {85, 3.67, 71430.7},
    {80, 1.81, 17260.15},        {79, 3.04, 12036.46},
    {75, 1.76, 5088.63},         {74, 3.5, 3154.69},
    {74, 4.68, 801.82},          {70, 0.83, 9437.76},
    {62, 3.98, 8827.39},         {61, 1.82, 7084.9},
    {57, 2.78, 6286.6},          {56, 4.39, 14143.5},
    {56, 3.47, 6279.55},         {52, 0.19, 12139.55},
    {52, 1.33, 1748.02},         {51, 0.28, 5856.48},
    {49, 0.49, 1194.45},         {41, 5.37, 8429.24},
    {41, 2.4, 19651.05},         {39, 6.17, 10447.39},
    {37, 6.04, 10213.29},        {37, 2.57, 1059.38},
    {36, 1.71, 2352.87},         {36, 1.78, 6812.77},
    {33, 0.59, 17789.85},        {30, 0.44, 83996.85},
    {30, 2.74, 1349.87},         {25, 3.16, 4690.48},
};
constexpr Term kL1[] = {
    {628331966747, 0, 0},       {206059, 2.678235, 6283.07585},
    {4303, 2.6351, 12566.1517}, {425, 1.59, 3.523},
    {119, 5.796, 26.298},       {109, 2.966, 1577.344},
    {93, 2.59, 18849.23},       {72, 1.14, 529.69},
    {68, 1.87, 398.15},         {67, 4.41, 5507.55},
    {59, 2.89, 5223.69},        {56, 2.17, 155.42},
    {45, 0.4, 796.3},           {36, 0.47, 775.52},
    {29, 2.65, 7.11},           {21, 5.34, 0.98},
    {19, 1.85, 5486.78},        {19, 4.97, 213.3},
    {17, 2.99, 6275.96},        {16, 0.03, 2544.31},
    {16, 1.43, 2146.17},        {15, 1.21, 10977.08},
    {12, 2.83, 1748.02},        {12, 3.26, 5088.63},
    {12, 5.27, 1194.45},        {12, 2.08, 4694},
    {11, 0.77, 553.57},         {10, 1.3, 3286.6},
    {10, 4.24, 1349.87},        {9, 2.7, 242.73},
    {9, 5.64, 951.72},          {8, 5.3, 2352.87},
    {6, 2.65, 9437.76},         {6, 4.67, 4690.48},
};
constexpr Term kL2[] = {
    {52919, 0, 0},     {8720, 1.0721, 6283.0758}, {309, 0.867, 12566.152}, {27, 0.05, 3.52},
    {16, 5.19, 26.3},  {16, 3.68, 155.42},        {10, 0.76, 18849.23},    {9, 2.06, 77713.77},
    {7, 0.83, 775.52}, {5, 4.66, 1577.34},        {4, 1.03, 7.11},         {4, 3.44, 5573.14},
    {3, 5.14, 796.3},  {3, 6.05, 5507.55},        {3, 1.19, 242.73},       {3, 6.12, 529.69},
    {3, 0.31, 398.15}, {3, 2.28, 553.57},         {2, 4.38, 5223.69},      {2, 3.75, 0.98},
};
constexpr Term kL3[] = {
    {289, 5.844, 6283.076}, {35, 0, 0},         {17, 5.49, 12566.15}, {3, 5.2, 155.42},
    {1, 4.72, 3.52},        {1, 5.3, 18849.23}, {1, 5.97, 242.73},
};
constexpr Term kL4[] = {{114, 3.142, 0}, {8, 4.13, 6283.08}, {1, 3.84, 12566.15}};
constexpr Term kL5[] = {{1, 3.14, 0}};

// Table A4.2, heliocentric latitude.
constexpr Term kB0[] = {
    {280, 3.199, 84334.662}, {102, 5.422, 5507.553}, {80, 3.88, 5223.69},
    {44, 3.7, 2352.87},      {32, 4, 1577.34},
};
constexpr Term kB1[] = {{9, 3.9, 5507.55}, {6, 1.73, 5223.69}};

// Table A4.2, radius vector.
constexpr Term kR0[] = {
    {100013989, 0, 0},
    {1670700, 3.0984635, 6283.07585},
    {13956, 3.05525, 12566.1517},
    {3084, 5.1985, 77713.7715},
    {1628, 1.1739, 5753.3849},
    {1576, 2.8469, 7860.4194},
    {925, 5.453, 11506.77},
    {542, 4.564, 3930.21},
    {472, 3.661, 5884.927},
    {346, 0.964, 5507.553},
    {329, 5.9, 5223.694},
    {307, 0.299, 5573.143},
    {243, 4.273, 11790.629},
    {212, 5.847, 1577.344},
    {186, 5.022, 10977.079},
    {175, 3.012, 18849.228},
    {110, 5.055, 5486.778},
    {98, 0.89, 6069.78},
    {86, 5.69, 15720.84},
    {86, 1.27, 161000.69},
    {65, 0.27, 17260.15},
    {63, 0.92, 529.69},
    {57, 2.01, 83996.85},
    {56, 5.24, 71430.7},
    {49, 3.25, 2544.31},
    {47, 2.58, 775.52},
    {45, 5.54, 9437.76},
    {43, 6.01, 6275.96},
    {39, 5.36, 4694},
    {38, 2.39, 8827.39},
    {37, 0.83, 19651.05},
    {37, 4.9, 12139.55},
    {36, 1.67, 12036.46},
    {35, 1.84, 2942.46},
    {33, 0.24, 7084.9},
    {32, 0.18, 5088.63},
    {32, 1.78, 398.15},
    {28, 1.21, 6286.6},
    {28, 1.9, 6279.55},
    {26, 4.59, 10447.39},
};
constexpr Term kR1[] = {
    {103019, 1.10749, 6283.07585},
    {1721, 1.0644, 12566.1517},
    {702, 3.142, 0},
    {32, 1.02, 18849.23},
    {31, 2.84, 5507.55},
    {25, 1.32, 5223.69},
    {18, 1.42, 1577.34},
    {10, 5.91, 10977.08},
    {9, 1.42, 6275.96},
    {9, 0.27, 5486.78},
};
constexpr Term kR2[] = {
    {4359, 5.7846, 6283.0758}, {124, 5.579, 12566.152}, {12, 3.14, 0},
    {9, 3.63, 77713.77},       {6, 1.87, 5573.14},      {3, 5.47, 18849.23},
};
constexpr Term kR3[] = {{145, 4.273, 6283.076}, {7, 3.92, 12566.15}};
constexpr Term kR4[] = {{4, 2.56, 6283.08}};

static_assert(std::size(kL0) == 64 && std::size(kL1) == 34 && std::size(kL2) == 20 &&
              std::size(kL3) == 7 && std::size(kL4) == 3 && std::size(kL5) == 1);
static_assert(std::size(kB0) == 5 && std::size(kB1) == 2);
static_assert(std::size(kR0) == 40 && std::size(kR1) == 10 && std::size(kR2) == 6 &&
              std::size(kR3) == 2 && std::size(kR4) == 1);

// Table A4.3: multipliers of X0..X4, then a, b (longitude, 0.0001") and c, d (obliquity).
struct NutationTerm {
  int y[5];
  double a;
  double b;
  double c;
  double d;
};
constexpr NutationTerm kNutation[] = {
    {{0, 0, 0, 0, 1}, -171996, -174.2, 92025, 8.9},
    {{-2, 0, 0, 2, 2}, -13187, -1.6, 5736, -3.1},
    {{0, 0, 0, 2, 2}, -2274, -0.2, 977, -0.5},
    {{0, 0, 0, 0, 2}, 2062, 0.2, -895, 0.5},
    {{0, 1, 0, 0, 0}, 1426, -3.4, 54, -0.1},
    {{0, 0, 1, 0, 0}, 712, 0.1, -7, 0},
    {{-2, 1, 0, 2, 2}, -517, 1.2, 224, -0.6},
    {{0, 0, 0, 2, 1}, -386, -0.4, 200, 0},
    {{0, 0, 1, 2, 2}, -301, 0, 129, -0.1},
    {{-2, -1, 0, 2, 2}, 217, -0.5, -95, 0.3},
    {{-2, 0, 1, 0, 0}, -158, 0, 0, 0},
    {{-2, 0, 0, 2, 1}, 129, 0.1, -70, 0},
    {{0, 0, -1, 2, 2}, 123, 0, -53, 0},
    {{2, 0, 0, 0, 0}, 63, 0, 0, 0},
    {{0, 0, 1, 0, 1}, 63, 0.1, -33, 0},
    {{2, 0, -1, 2, 2}, -59, 0, 26, 0},
    {{0, 0, -1, 0, 1}, -58, -0.1, 32, 0},
    {{0, 0, 1, 2, 1}, -51, 0, 27, 0},
    {{-2, 0, 2, 0, 0}, 48, 0, 0, 0},
    {{0, 0, -2, 2, 1}, 46, 0, -24, 0},
    {{2, 0, 0, 2, 2}, -38, 0, 16, 0},
    {{0, 0, 2, 2, 2}, -31, 0, 13, 0},
    {{0, 0, 2, 0, 0}, 29, 0, 0, 0},
    {{-2, 0, 1, 2, 2}, 29, 0, -12, 0},
    {{0, 0, 0, 2, 0}, 26, 0, 0, 0},
    {{-2, 0, 0, 2, 0}, -22, 0, 0, 0},
    {{0, 0, -1, 2, 1}, 21, 0, -10, 0},
    {{0, 2, 0, 0, 0}, 17, -0.1, 0, 0},
    {{2, 0, -1, 0, 1}, 16, 0, -8, 0},
    {{-2, 2, 0, 2, 2}, -16, 0.1, 7, 0},
    {{0, 1, 0, 0, 1}, -15, 0, 9, 0},
    {{-2, 0, 1, 0, 1}, -13, 0, 7, 0},
    {{0, -1, 0, 0, 1}, -12, 0, 6, 0},
    {{0, 0, 2, -2, 0}, 11, 0, 0, 0},
    {{2, 0, -1, 2, 1}, -10, 0, 5, 0},
    {{2, 0, 1, 2, 2}, -8, 0, 3, 0},
    {{0, 1, 0, 2, 2}, 7, 0, -3, 0},
    {{-2, 1, 1, 0, 0}, -7, 0, 0, 0},
    {{0, -1, 0, 2, 2}, -7, 0, 3, 0},
    {{2, 0, 0, 2, 1}, -7, 0, 3, 0},
    {{2, 0, 1, 0, 0}, 6, 0, 0, 0},
    {{-2, 0, 2, 2, 2}, 6, 0, -3, 0},
    {{-2, 0, 1, 2, 1}, 6, 0, -3, 0},
    {{2, 0, -2, 0, 1}, -6, 0, 3, 0},
    {{2, 0, 0, 0, 1}, -6, 0, 3, 0},
    {{0, -1, 1, 0, 0}, 5, 0, 0, 0},
    {{-2, -1, 0, 2, 1}, -5, 0, 3, 0},
    {{-2, 0, 0, 0, 1}, -5, 0, 3, 0},
    {{0, 0, 2, 2, 1}, -5, 0, 3, 0},
    {{-2, 0, 2, 0, 1}, 4, 0, 0, 0},
    {{-2, 1, 0, 2, 1}, 4, 0, 0, 0},
    {{0, 0, 1, -2, 0}, 4, 0, 0, 0},
    {{-1, 0, 1, 0, 0}, -4, 0, 0, 0},
    {{-2, 1, 0, 0, 0}, -4, 0, 0, 0},
    {{1, 0, 0, 0, 0}, -4, 0, 0, 0},
    {{0, 0, 1, 2, 0}, 3, 0, 0, 0},
    {{0, 0, -2, 2, 2}, -3, 0, 0, 0},
    {{-1, -1, 1, 0, 0}, -3, 0, 0, 0},
    {{0, 1, 1, 0, 0}, -3, 0, 0, 0},
    {{0, -1, 1, 2, 2}, -3, 0, 0, 0},
    {{2, -1, -1, 2, 2}, -3, 0, 0, 0},
    {{0, 0, 3, 2, 2}, -3, 0, 0, 0},
    {{2, -1, 0, 2, 2}, -3, 0, 0, 0},
};
static_assert(std::size(kNutation) == 63);

template <std::size_t N>
double sum_terms(const Term (&terms)[N], double jme) {
  double s = 0;
  for (const Term& t : terms) s += t.a * std::cos(t.b + t.c * jme);
  return s;
}

double wrap360(double deg) {
  double r = std::fmod(deg, 360.0);
  return r < 0 ? r + 360.0 : r;
}

// Horner evaluation of c0 + c1 x + c2 x^2 + ...
template <std::size_t N>
double poly(const double (&c)[N], double x) {
  double s = 0;
  for (std::size_t i = N; i-- > 0;) s = s * x + c[i];
  return s;
}

}  // namespace

Geocentric geocentric(double jd, double delta_t_s) {
  // 3.1: ephemeris time.
  const double jde = jd + delta_t_s / 86400.0;
  const double jce = (jde - 2451545.0) / 36525.0;
  const double jme = jce / 10.0;

  // 3.2: earth heliocentric longitude, latitude (radians) and radius (AU).
  const double l_terms[] = {sum_terms(kL0, jme), sum_terms(kL1, jme), sum_terms(kL2, jme),
                            sum_terms(kL3, jme), sum_terms(kL4, jme), sum_terms(kL5, jme)};
  const double b_terms[] = {sum_terms(kB0, jme), sum_terms(kB1, jme)};
  const double r_terms[] = {sum_terms(kR0, jme), sum_terms(kR1, jme), sum_terms(kR2, jme),
                            sum_terms(kR3, jme), sum_terms(kR4, jme)};
  const double l_deg = wrap360(poly(l_terms, jme) / 1e8 / kDeg);
  const double b_deg = poly(b_terms, jme) / 1e8 / kDeg;
  const double r_au = poly(r_terms, jme) / 1e8;

  // 3.3: geocentric longitude and latitude.
  const double theta_deg = wrap360(l_deg + 180.0);
  const double beta_deg = -b_deg;

  // 3.4: nutation in longitude and obliquity (Meeus 22).
  const double x[5] = {
      poly({297.85036, 445267.111480, -0.0019142, 1.0 / 189474.0}, jce),
      poly({357.52772, 35999.050340, -0.0001603, -1.0 / 300000.0}, jce),
      poly({134.96298, 477198.867398, 0.0086972, 1.0 / 56250.0}, jce),
      poly({93.27191, 483202.017538, -0.0036825, 1.0 / 327270.0}, jce),
      poly({125.04452, -1934.136261, 0.0020708, 1.0 / 450000.0}, jce),
  };
  double dpsi = 0;
  double deps = 0;
  for (const NutationTerm& n : kNutation) {
    double arg = 0;
    for (int j = 0; j < 5; ++j) arg += x[j] * n.y[j];
    arg *= kDeg;
    dpsi += (n.a + n.b * jce) * std::sin(arg);
    deps += (n.c + n.d * jce) * std::cos(arg);
  }
  const double dpsi_deg = dpsi / 36000000.0;
  const double deps_deg = deps / 36000000.0;

  // 3.5: true obliquity of the ecliptic (Laskar polynomial, arcseconds).
  const double u = jme / 10.0;
  const double eps0_arcsec = poly(
      {84381.448, -4680.93, -1.55, 1999.25, -51.38, -249.67, -39.05, 7.12, 27.87, 5.79, 2.45}, u);
  const double eps_deg = eps0_arcsec / 3600.0 + deps_deg;

  // 3.6-3.7: aberration and apparent sun longitude.
  const double dtau_deg = -20.4898 / (3600.0 * r_au);
  const double lambda_deg = theta_deg + dpsi_deg + dtau_deg;

  // 3.9: geocentric right ascension and declination.
  const double lam = lambda_deg * kDeg;
  const double eps = eps_deg * kDeg;
  const double beta = beta_deg * kDeg;
  const double alpha =
      std::atan2(std::sin(lam) * std::cos(eps) - std::tan(beta) * std::sin(eps), std::cos(lam));
  const double delta =
      std::asin(std::sin(beta) * std::cos(eps) + std::cos(beta) * std::sin(eps) * std::sin(lam));

  Geocentric g;
  g.alpha_deg = wrap360(alpha / kDeg);
  g.delta_deg = delta / kDeg;
  g.radius_au = r_au;
  // 3.8: the part of apparent sidereal time that depends on nutation.
  g.equation_of_equinoxes_deg = dpsi_deg * std::cos(eps);
  return g;
}

Observer make_observer(double lat_deg, double lon_deg, double elevation_m, double pressure_mbar,
                       double temperature_c) {
  Observer o;
  o.lat_rad = lat_deg * kDeg;
  o.sin_lat = std::sin(o.lat_rad);
  o.cos_lat = std::cos(o.lat_rad);
  o.lon_deg = lon_deg;
  // 3.10.2-3.10.4 (earth flattening 0.99664719, equatorial radius 6378140 m).
  const double u = std::atan(0.99664719 * std::tan(o.lat_rad));
  o.rho_cos = std::cos(u) + elevation_m / 6378140.0 * o.cos_lat;
  o.rho_sin = 0.99664719 * std::sin(u) + elevation_m / 6378140.0 * o.sin_lat;
  o.refraction_scale = (pressure_mbar / 1010.0) * (283.0 / (273.0 + temperature_c));
  return o;
}

Topocentric topocentric(const Geocentric& geo, double jd, const Observer& obs) {
  // 3.8: apparent sidereal time at Greenwich.
  const double jc = (jd - 2451545.0) / 36525.0;
  const double nu0 =
      280.46061837 + 360.98564736629 * (jd - 2451545.0) + jc * jc * (0.000387933 - jc / 38710000.0);
  const double nu_deg = nu0 + geo.equation_of_equinoxes_deg;

  // 3.9-3.11: local hour angle, then parallax in right ascension and declination.
  const double h = wrap360(nu_deg + obs.lon_deg - geo.alpha_deg) * kDeg;
  const double delta = geo.delta_deg * kDeg;
  const double xi = (8.794 / (3600.0 * geo.radius_au)) * kDeg;
  const double sin_xi = std::sin(xi);
  const double cos_delta = std::cos(delta);
  const double cos_h = std::cos(h);
  const double sin_h = std::sin(h);
  const double denom = cos_delta - obs.rho_cos * sin_xi * cos_h;
  const double dalpha = std::atan2(-obs.rho_cos * sin_xi * sin_h, denom);
  const double delta_p =
      std::atan2((std::sin(delta) - obs.rho_sin * sin_xi) * std::cos(dalpha), denom);
  // 3.12: topocentric local hour angle.
  const double hp = h - dalpha;
  const double sin_hp = std::sin(hp);
  const double cos_hp = std::cos(hp);
  const double sin_dp = std::sin(delta_p);
  const double cos_dp = std::cos(delta_p);

  // 3.13-3.14: elevation, refraction, zenith. Refraction is applied only while any part of
  // the solar disc can be above the horizon (as in NREL's reference code): below that the
  // formula is meaningless and has a pole at e0 = -5.11 deg.
  const double e0_deg =
      std::asin(std::clamp(obs.sin_lat * sin_dp + obs.cos_lat * cos_dp * cos_hp, -1.0, 1.0)) / kDeg;
  double de_deg = 0;
  if (e0_deg >= -(0.26667 + 0.5667)) {
    de_deg =
        obs.refraction_scale * 1.02 / (60.0 * std::tan((e0_deg + 10.3 / (e0_deg + 5.11)) * kDeg));
  }
  const double e_deg = e0_deg + de_deg;

  // 3.15: azimuth, astronomers' convention (from south, westward) then from north.
  const double gamma = std::atan2(sin_hp, cos_hp * obs.sin_lat - (sin_dp / cos_dp) * obs.cos_lat);
  Topocentric t;
  t.zenith_deg = 90.0 - e_deg;
  t.azimuth_deg = wrap360(gamma / kDeg + 180.0);
  const double e = e_deg * kDeg;
  t.cos_zenith = std::sin(e);
  t.sin_zenith = std::cos(e);
  // Azimuth from north = gamma + pi, so its sine and cosine are those of gamma negated.
  const double norm = std::hypot(sin_hp, cos_hp * obs.sin_lat - (sin_dp / cos_dp) * obs.cos_lat);
  if (norm > 0) {
    t.sin_azimuth = -sin_hp / norm;
    t.cos_azimuth = -(cos_hp * obs.sin_lat - (sin_dp / cos_dp) * obs.cos_lat) / norm;
  } else {
    t.sin_azimuth = 0;
    t.cos_azimuth = -1;
  }
  return t;
}

}  // namespace accord::models::pv::spa
