#include "accord/sim/sweep/design.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <ostream>
#include <sstream>

#include "accord/sim/rng.hpp"
#include "accord/sim/sweep/salib.hpp"

namespace accord::sim::sweep {

namespace {

// Streams of the design draws, one entity per use so that draws never overlap.
RandomStream stream(uint64_t seed, std::string_view use) {
  return RandomStream(seed, 0, Purpose::kSweep, entity_key(use));
}

// Fisher-Yates permutation of 0..n-1 from draws (step, 0..n-1) of `rs`.
std::vector<int64_t> permutation(int64_t n, const RandomStream& rs, uint64_t step) {
  std::vector<int64_t> p(static_cast<size_t>(n));
  std::iota(p.begin(), p.end(), int64_t{0});
  for (int64_t i = n - 1; i > 0; --i) {
    const auto j = std::min(i, static_cast<int64_t>(rs.uniform(step, static_cast<uint64_t>(i)) *
                                                    static_cast<double>(i + 1)));
    std::swap(p[static_cast<size_t>(i)], p[static_cast<size_t>(j)]);
  }
  return p;
}

UnitMatrix lhs_tagged(int64_t n, int64_t k, uint64_t seed, std::string_view tag) {
  UnitMatrix m{n, k, std::vector<double>(static_cast<size_t>(n * k))};
  const RandomStream perm = stream(seed, std::string(tag) + ":strata");
  const RandomStream jitter = stream(seed, std::string(tag) + ":jitter");
  for (int64_t c = 0; c < k; ++c) {
    const auto p = permutation(n, perm, static_cast<uint64_t>(c));
    for (int64_t r = 0; r < n; ++r)
      m(r, c) = (static_cast<double>(p[static_cast<size_t>(r)]) +
                 jitter.uniform(static_cast<uint64_t>(c), static_cast<uint64_t>(r))) /
                static_cast<double>(n);
  }
  return m;
}

// Morris draws the normal's quantiles between these tails: the grid's 0 and 1 would be
// infinite (Saltelli et al. 2008, Global Sensitivity Analysis: The Primer, §3.3).
constexpr double kMorrisTail = 0.005;

Value morris_value(const Parameter& p, double x) {
  if (p.kind == Parameter::Kind::kNormal) return p.at(kMorrisTail + (1 - 2 * kMorrisTail) * x);
  return p.at(x);
}

void fill_numeric(Design& d) {
  d.numeric.assign(d.columns.size(), true);
  for (const auto& row : d.points)
    for (size_t c = 0; c < row.size() && c < d.columns.size(); ++c)
      if (!row[c].number) d.numeric[c] = false;
}

std::vector<std::string> split_csv_line(const std::string& line, const std::string& file,
                                        int line_no) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  bool was_quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char ch = line[i];
    if (quoted) {
      if (ch == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          cur += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cur += ch;
      }
    } else if (ch == '"' && cur.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (ch == ',') {
      out.push_back(cur);
      cur.clear();
      was_quoted = false;
    } else if (ch != '\r') {
      cur += ch;
    }
  }
  if (quoted) throw DataError(SourceLocation{file, line_no, 0}, "unterminated quoted field");
  out.push_back(cur);
  return out;
}

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return {};
  return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

}  // namespace

UnitMatrix latin_hypercube(int64_t n, int64_t k, uint64_t seed) {
  return lhs_tagged(n, k, seed, "lhs");
}

MorrisSample morris_trajectories(int64_t r, int64_t k, int p, uint64_t seed) {
  MorrisSample s;
  s.x = UnitMatrix{r * (k + 1), k, std::vector<double>(static_cast<size_t>(r * (k + 1) * k))};
  s.delta = p / (2.0 * (p - 1));
  const int64_t step = p / 2;  // delta in grid units
  const RandomStream rs = stream(seed, "morris");
  for (int64_t t = 0; t < r; ++t) {
    const auto tu = static_cast<uint64_t>(t);
    const auto order = permutation(k, rs, 3 * tu);
    std::vector<int64_t> level(static_cast<size_t>(k));
    std::vector<int64_t> dir(static_cast<size_t>(k));
    for (int64_t i = 0; i < k; ++i) {
      const auto iu = static_cast<uint64_t>(i);
      // Base levels 0 .. p/2 - 1 leave room for one step up: x + delta <= 1.
      const auto base = std::min<int64_t>(
          step - 1, static_cast<int64_t>(rs.uniform(3 * tu + 1, iu) * static_cast<double>(step)));
      dir[static_cast<size_t>(i)] = rs.uniform(3 * tu + 2, iu) < 0.5 ? 1 : -1;
      level[static_cast<size_t>(i)] = dir[static_cast<size_t>(i)] > 0 ? base : base + step;
    }
    const int64_t row0 = t * (k + 1);
    for (int64_t s_i = 0; s_i <= k; ++s_i) {
      if (s_i > 0) {
        const auto f = static_cast<size_t>(order[static_cast<size_t>(s_i - 1)]);
        level[f] += dir[f] * step;
        s.changed.push_back(static_cast<int64_t>(f));
      }
      for (int64_t i = 0; i < k; ++i)
        s.x(row0 + s_i, i) =
            static_cast<double>(level[static_cast<size_t>(i)]) / static_cast<double>(p - 1);
    }
  }
  return s;
}

UnitMatrix saltelli(int64_t n, int64_t k, uint64_t seed) {
  const UnitMatrix ab = lhs_tagged(n, 2 * k, seed, "saltelli");
  UnitMatrix m{n * (k + 2), k, std::vector<double>(static_cast<size_t>(n * (k + 2) * k))};
  for (int64_t j = 0; j < n; ++j)
    for (int64_t c = 0; c < k; ++c) {
      const double a = ab(j, c);
      const double b = ab(j, k + c);
      m(j, c) = a;
      m(n + j, c) = b;
      for (int64_t i = 0; i < k; ++i) m((2 + i) * n + j, c) = c == i ? b : a;
    }
  return m;
}

double inverse_normal_cdf(double p) {
  if (std::isnan(p) || p < 0 || p > 1) return std::nan("");
  if (p == 0) return -HUGE_VAL;
  if (p == 1) return HUGE_VAL;
  // Symmetry: work in the lower half, where Phi(x) = erfc(-x / sqrt 2) / 2 keeps its
  // relative precision (1 - p is exact for p >= 1/2).
  if (p > 0.5) return -inverse_normal_cdf(1 - p);
  // First guess within ~5e-4: the centre from a logistic fit, the tail from the rational
  // approximation 26.2.23 of Abramowitz and Stegun (1964).
  double x;
  if (p > 0.1) {
    x = std::sqrt(M_PI / 8) * std::log(p / (1 - p));
  } else {
    const double t = std::sqrt(-2 * std::log(p));
    x = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) /
                  (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
  }
  // Halley's method on f(x) = Phi(x) - p (f' = phi, f'' = -x phi): cubic convergence.
  for (int i = 0; i < 8; ++i) {
    const double e = 0.5 * std::erfc(-x / M_SQRT2) - p;
    const double u = e * std::sqrt(2 * M_PI) * std::exp(0.5 * x * x);
    const double dx = u / (1 + 0.5 * x * u);
    x -= dx;
    if (std::abs(dx) <= 1e-15 * std::max(1.0, std::abs(x))) break;
  }
  return x;
}

Design make_design(const SweepSpec& spec) {
  Design d;
  d.type = spec.design.type;
  const auto& ps = spec.parameters;
  const auto k = static_cast<int64_t>(ps.size());
  for (const auto& p : ps) d.columns.push_back(p.path);
  auto from_unit = [&](const UnitMatrix& u, auto&& map) {
    for (int64_t r = 0; r < u.rows; ++r) {
      std::vector<Value> row;
      for (int64_t c = 0; c < k; ++c) row.push_back(map(ps[static_cast<size_t>(c)], u(r, c)));
      d.points.push_back(std::move(row));
    }
  };
  auto at = [](const Parameter& p, double u) { return p.at(u); };

  switch (spec.design.type) {
    case DesignType::kGrid: {
      std::vector<std::vector<Value>> levels;
      for (const auto& p : ps) levels.push_back(p.grid_levels(spec.design.levels));
      // Mixed-radix count over the levels, the last parameter varying fastest.
      size_t total = ps.empty() ? 0 : 1;
      for (const auto& l : levels) total *= l.size();
      for (size_t i = 0; i < total; ++i) {
        std::vector<Value> row(ps.size());
        size_t rest = i;
        for (size_t c = ps.size(); c-- > 0;) {
          row[c] = levels[c][rest % levels[c].size()];
          rest /= levels[c].size();
        }
        d.points.push_back(std::move(row));
      }
      break;
    }
    case DesignType::kList:
      d.points = spec.design.points;
      break;
    case DesignType::kOfat: {
      std::vector<std::vector<Value>> levels;
      std::vector<Value> baseline;
      for (const auto& p : ps) {
        levels.push_back(p.grid_levels(spec.design.levels));
        baseline.push_back(levels.back().front());
      }
      d.points.push_back(baseline);
      for (size_t c = 0; c < ps.size(); ++c)
        for (size_t l = 1; l < levels[c].size(); ++l) {
          if (levels[c][l] == baseline[c]) continue;
          auto row = baseline;
          row[c] = levels[c][l];
          d.points.push_back(std::move(row));
        }
      break;
    }
    case DesignType::kLhs:
      d.samples = spec.design.samples;
      from_unit(latin_hypercube(spec.design.samples, k, spec.seed), at);
      break;
    case DesignType::kMorris: {
      auto m = morris_trajectories(spec.design.trajectories, k, spec.design.levels, spec.seed);
      d.trajectories = spec.design.trajectories;
      d.levels = spec.design.levels;
      d.delta = m.delta;
      d.morris_changed = std::move(m.changed);
      from_unit(m.x, morris_value);
      break;
    }
    case DesignType::kSaltelli:
      d.samples = spec.design.samples;
      from_unit(saltelli(spec.design.samples, k, spec.seed), at);
      break;
    case DesignType::kCsv: {
      // A SALib/numpy sample (no header) takes the parameters as its columns, in order.
      std::vector<std::string> paths;
      for (const auto& p : ps) paths.push_back(p.path);
      Design in = is_salib_sample(spec.design.file) ? read_salib_sample(spec.design.file, paths)
                                                    : read_design_csv(spec.design.file);
      if (ps.empty()) {
        d.columns = in.columns;
        d.points = std::move(in.points);
        break;
      }
      // Reorder the file's columns to the parameters' order; the sets must match.
      std::vector<size_t> from;
      for (const auto& p : ps) {
        const auto it = std::find(in.columns.begin(), in.columns.end(), p.path);
        if (it == in.columns.end())
          throw DataError(SourceLocation{spec.design.file, 1, 0},
                          "no column '" + p.path + "' for parameter '" + p.path + "'");
        from.push_back(static_cast<size_t>(it - in.columns.begin()));
      }
      if (in.columns.size() != ps.size())
        throw DataError(SourceLocation{spec.design.file, 1, 0},
                        "the header has " + std::to_string(in.columns.size()) +
                            " columns but the sweep has " + std::to_string(ps.size()) +
                            " parameters");
      for (const auto& row : in.points) {
        std::vector<Value> out;
        for (size_t c : from) out.push_back(row[c]);
        d.points.push_back(std::move(out));
      }
      break;
    }
  }
  fill_numeric(d);
  return d;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char ch : text) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

void write_design_csv(const Design& design, std::ostream& out) {
  for (size_t c = 0; c < design.columns.size(); ++c)
    out << (c ? "," : "") << csv_field(design.columns[c]);
  out << "\n";
  for (const auto& row : design.points) {
    for (size_t c = 0; c < row.size(); ++c) out << (c ? "," : "") << csv_field(row[c].text);
    out << "\n";
  }
}

Design read_design_csv(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DataError(SourceLocation{file, 0, 0}, "cannot read the design file");
  Design d;
  d.type = DesignType::kCsv;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (trim(line).empty()) continue;
    auto fields = split_csv_line(line, file, line_no);
    for (auto& f : fields) f = trim(f);
    if (d.columns.empty()) {
      for (const auto& f : fields)
        if (f.empty()) throw DataError(SourceLocation{file, line_no, 0}, "empty column name");
      d.columns = std::move(fields);
      continue;
    }
    if (fields.size() != d.columns.size())
      throw DataError(SourceLocation{file, line_no, 0},
                      "expected " + std::to_string(d.columns.size()) + " fields, got " +
                          std::to_string(fields.size()));
    std::vector<Value> row;
    for (size_t c = 0; c < fields.size(); ++c) {
      if (fields[c].empty())
        throw DataError(SourceLocation{file, line_no, 0}, "empty value for '" + d.columns[c] + "'");
      row.push_back(Value::parse(fields[c]));
    }
    d.points.push_back(std::move(row));
  }
  if (d.columns.empty()) throw DataError(SourceLocation{file, 0, 0}, "empty design file");
  if (d.points.empty()) throw DataError(SourceLocation{file, line_no, 0}, "no design points");
  fill_numeric(d);
  return d;
}

}  // namespace accord::sim::sweep
