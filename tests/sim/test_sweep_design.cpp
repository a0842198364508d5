// Sweep designs: the defining properties of each design (Latin hypercube strata, Morris
// steps on the p-level grid, Saltelli A / B / A_B^(i) blocks, grid = product of levels),
// determinism in the seed, the inverse normal CDF against tabulated quantiles, CSV round trip.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "accord/sim/sweep/design.hpp"

using namespace accord::sim::sweep;

namespace {
Parameter values_param(const std::string& path, std::vector<double> vs) {
  Parameter p;
  p.path = path;
  p.kind = Parameter::Kind::kValues;
  for (double v : vs) p.levels.push_back(Value::of(v));
  return p;
}
Parameter uniform_param(const std::string& path, double a, double b) {
  Parameter p;
  p.path = path;
  p.kind = Parameter::Kind::kUniform;
  p.a = a;
  p.b = b;
  return p;
}
double normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::sqrt(2.0));
}
}  // namespace

TEST_CASE("Latin hypercube: one point per stratum in every dimension", "[sweep]") {
  for (int64_t n : {1, 7, 50}) {
    const UnitMatrix m = latin_hypercube(n, 4, 123);
    REQUIRE(m.rows == n);
    REQUIRE(m.cols == 4);
    for (int64_t c = 0; c < 4; ++c) {
      std::set<int64_t> strata;
      for (int64_t r = 0; r < n; ++r) {
        CHECK(m(r, c) >= 0.0);
        CHECK(m(r, c) < 1.0);
        strata.insert(static_cast<int64_t>(std::floor(m(r, c) * static_cast<double>(n))));
      }
      CHECK(static_cast<int64_t>(strata.size()) == n);
    }
  }
}

TEST_CASE("Latin hypercube: a pure function of the seed", "[sweep]") {
  const auto a = latin_hypercube(20, 3, 7);
  const auto b = latin_hypercube(20, 3, 7);
  const auto c = latin_hypercube(20, 3, 8);
  CHECK(a.values == b.values);
  CHECK(a.values != c.values);
  // Columns are permuted independently (not the identity order in every column).
  bool differ = false;
  for (int64_t r = 0; r < 20; ++r)
    if (std::floor(a(r, 0) * 20) != std::floor(a(r, 1) * 20)) differ = true;
  CHECK(differ);
}

TEST_CASE("Morris trajectories: grid levels, one factor per step, by delta", "[sweep]") {
  const int64_t r = 12;
  const int64_t k = 5;
  for (int p : {4, 6}) {
    const MorrisSample s = morris_trajectories(r, k, p, 99);
    const double delta = p / (2.0 * (p - 1));
    CHECK(s.delta == Approx(delta));
    REQUIRE(s.x.rows == r * (k + 1));
    REQUIRE(s.changed.size() == static_cast<size_t>(r * k));
    for (double v : s.x.values) {
      const double level = v * (p - 1);
      CHECK(level == Approx(std::round(level)).margin(1e-12));
      CHECK(v >= 0.0);
      CHECK(v <= 1.0);
    }
    for (int64_t t = 0; t < r; ++t) {
      std::set<int64_t> moved;
      for (int64_t st = 0; st < k; ++st) {
        const int64_t row = t * (k + 1) + st;
        int64_t changed = -1;
        int count = 0;
        for (int64_t c = 0; c < k; ++c) {
          const double d = s.x(row + 1, c) - s.x(row, c);
          if (std::abs(d) > 1e-12) {
            ++count;
            changed = c;
            CHECK(std::abs(d) == Approx(delta).margin(1e-12));
          }
        }
        CHECK(count == 1);
        CHECK(changed == s.changed[static_cast<size_t>(t * k + st)]);
        moved.insert(changed);
      }
      CHECK(static_cast<int64_t>(moved.size()) == k);  // every factor moves once
    }
  }
  CHECK(morris_trajectories(4, 3, 4, 1).x.values == morris_trajectories(4, 3, 4, 1).x.values);
  CHECK(morris_trajectories(4, 3, 4, 1).x.values != morris_trajectories(4, 3, 4, 2).x.values);
}

TEST_CASE("Saltelli: N (k + 2) rows in blocks A, B, A_B^(1..k)", "[sweep]") {
  const int64_t n = 16;
  const int64_t k = 3;
  const UnitMatrix m = saltelli(n, k, 5);
  REQUIRE(m.rows == n * (k + 2));
  std::vector<std::set<int64_t>> strata_a(static_cast<size_t>(k)), strata_b(strata_a);
  for (int64_t j = 0; j < n; ++j) {
    const int64_t a = j;
    const int64_t b = n + j;
    for (int64_t c = 0; c < k; ++c) {
      CHECK(m(a, c) != m(b, c));  // A and B independent
      strata_a[static_cast<size_t>(c)].insert(static_cast<int64_t>(m(a, c) * n));
      strata_b[static_cast<size_t>(c)].insert(static_cast<int64_t>(m(b, c) * n));
    }
    for (int64_t i = 0; i < k; ++i)
      for (int64_t c = 0; c < k; ++c) CHECK(m((2 + i) * n + j, c) == (c == i ? m(b, c) : m(a, c)));
  }
  // A and B are each a Latin hypercube.
  for (int64_t c = 0; c < k; ++c) {
    CHECK(static_cast<int64_t>(strata_a[static_cast<size_t>(c)].size()) == n);
    CHECK(static_cast<int64_t>(strata_b[static_cast<size_t>(c)].size()) == n);
  }
  CHECK(saltelli(4, 2, 1).values == saltelli(4, 2, 1).values);
}

TEST_CASE("inverse normal CDF: tabulated quantiles and round trip", "[sweep]") {
  // Quantiles of the standard normal (e.g. R qnorm, 16 digits).
  CHECK(inverse_normal_cdf(0.5) == Approx(0.0).margin(1e-15));
  CHECK(inverse_normal_cdf(0.975) == Approx(1.959963984540054).epsilon(1e-14));
  CHECK(inverse_normal_cdf(0.025) == Approx(-1.959963984540054).epsilon(1e-14));
  CHECK(inverse_normal_cdf(0.9) == Approx(1.2815515655446004).epsilon(1e-14));
  CHECK(inverse_normal_cdf(0.8413447460685429) == Approx(1.0).epsilon(1e-13));
  CHECK(inverse_normal_cdf(1e-10) == Approx(-6.361340902404056).epsilon(1e-12));
  for (double p : {1e-300, 1e-12, 1e-5, 0.01, 0.02425, 0.1, 0.3, 0.49, 0.7, 0.97, 0.999999})
    CHECK(normal_cdf(inverse_normal_cdf(p)) == Approx(p).epsilon(1e-12));
  CHECK(std::isinf(inverse_normal_cdf(0.0)));
  CHECK(std::isnan(inverse_normal_cdf(1.5)));
}

TEST_CASE("parameter values through ranges and distributions", "[sweep]") {
  CHECK(Value::of(0.1).text == "0.1");
  CHECK(Value::of(250).text == "250");
  const Parameter d = values_param("x", {1, 2, 3});
  CHECK(d.at(0.0).text == "1");
  CHECK(d.at(0.34).text == "2");
  CHECK(d.at(1.0).text == "3");
  const Parameter u = uniform_param("y", 10, 20);
  CHECK(*u.at(0.25).number == Approx(12.5));
  Parameter n;
  n.kind = Parameter::Kind::kNormal;
  n.a = 100;
  n.b = 15;
  CHECK(*n.at(0.975).number == Approx(100 + 15 * 1.959963984540054));
  CHECK(std::isfinite(*n.at(0.0).number));
  const auto levels = u.grid_levels(4);
  REQUIRE(levels.size() == 4);
  CHECK(*levels[0].number == Approx(11.25));
  CHECK(*levels[3].number == Approx(18.75));
}

TEST_CASE("grid: the product of the levels, last parameter fastest; ofat; list", "[sweep]") {
  SweepSpec spec;
  spec.parameters = {values_param("a", {1, 2, 3}), values_param("b", {10, 20}),
                     values_param("c", {5, 6, 7, 8})};
  spec.design.type = DesignType::kGrid;
  const Design g = make_design(spec);
  REQUIRE(g.points.size() == 3 * 2 * 4);
  std::set<std::string> distinct;
  for (const auto& row : g.points)
    distinct.insert(row[0].text + "|" + row[1].text + "|" + row[2].text);
  CHECK(distinct.size() == 24);
  CHECK(g.points[1][2].text == "6");
  CHECK(g.points[1][0].text == "1");
  CHECK(g.points[23][0].text == "3");
  CHECK(g.columns == std::vector<std::string>{"a", "b", "c"});
  CHECK(g.numeric == std::vector<bool>{true, true, true});

  spec.design.type = DesignType::kOfat;
  const Design o = make_design(spec);
  REQUIRE(o.points.size() == 1 + 2 + 1 + 3);
  for (size_t i = 1; i < o.points.size(); ++i) {
    int changed = 0;
    for (size_t c = 0; c < 3; ++c) changed += !(o.points[i][c] == o.points[0][c]);
    CHECK(changed == 1);
  }

  spec.design.type = DesignType::kLhs;
  spec.design.samples = 10;
  spec.seed = 3;
  const Design l1 = make_design(spec);
  const Design l2 = make_design(spec);
  REQUIRE(l1.points.size() == 10);
  for (size_t i = 0; i < 10; ++i)
    for (size_t c = 0; c < 3; ++c) CHECK(l1.points[i][c].text == l2.points[i][c].text);
}

TEST_CASE("design CSV: written and read back unchanged", "[sweep]") {
  SweepSpec spec;
  Parameter key;
  key.path = "community.sharing_key.type";
  key.levels = {Value::parse("static"), Value::parse("dynamic_default")};
  spec.parameters = {uniform_param("producers[id=pv-ecole].pv.kwp", 50, 150), key};
  spec.design.type = DesignType::kLhs;
  spec.design.samples = 6;
  const Design d = make_design(spec);
  CHECK(d.numeric == std::vector<bool>{true, false});
  std::stringstream csv;
  write_design_csv(d, csv);
  std::filesystem::create_directories("scratch");
  const std::string path = "scratch/sweep-design-roundtrip.csv";
  {
    std::ofstream out(path);
    out << csv.str();
  }
  const Design back = read_design_csv(path);
  CHECK(back.columns == d.columns);
  REQUIRE(back.points.size() == d.points.size());
  for (size_t i = 0; i < d.points.size(); ++i)
    for (size_t c = 0; c < 2; ++c) CHECK(back.points[i][c].text == d.points[i][c].text);
  {
    std::ofstream out(path);
    out << "a,b\n1,2\n3\n";
  }
  CHECK_THROWS_WITH(read_design_csv(path),
                    Catch::Contains(path + ":3:") && Catch::Contains("expected 2 fields"));
}
