#include "accord/sim/sweep/salib.hpp"

#include "accord/sim/atomic_text_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <limits>
#include <sstream>

#include "accord/sim/error.hpp"

namespace accord::sim::sweep {

namespace {

const Parameter* find_parameter(const SweepSpec& spec, const std::string& path) {
  for (const auto& p : spec.parameters)
    if (p.path == path) return &p;
  return nullptr;
}

bool has_blank(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char ch) {
    return std::isspace(static_cast<unsigned char>(ch)) != 0 || ch == ',';
  });
}

// The non-comment content of a line ("" for blank and `#` lines), blanks split apart.
std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> out;
  if (line.find_first_not_of(" \t\r") != std::string::npos &&
      line[line.find_first_not_of(" \t\r")] == '#')
    return out;
  std::istringstream in(line);
  for (std::string f; in >> f;) out.push_back(f);
  return out;
}

// Like every output: checked path, temporary name, renamed when written.
void write_file(const std::string& path, const std::string& text) {
  write_text_file_atomically(path, text);
}

}  // namespace

std::vector<int64_t> salib_row_order(const Design& design) {
  const auto n = static_cast<int64_t>(design.points.size());
  std::vector<int64_t> order;
  order.reserve(static_cast<size_t>(n));
  if (design.type == DesignType::kSaltelli && design.samples > 0) {
    // Ours: blocks of N rows A, B, A_B^(1), ..., A_B^(k). SALib (first order): per base
    // sample j the k + 2 rows A_j, A_B^(1)_j, ..., A_B^(k)_j, B_j.
    const int64_t N = design.samples;
    const int64_t k = n / N - 2;
    for (int64_t j = 0; j < N; ++j) {
      order.push_back(j);
      for (int64_t i = 0; i < k; ++i) order.push_back((2 + i) * N + j);
      order.push_back(N + j);
    }
    return order;
  }
  for (int64_t i = 0; i < n; ++i) order.push_back(i);
  return order;
}

void write_salib_problem(const SweepSpec& spec, const Design& design, std::ostream& out) {
  const SourceLocation where{spec.source_file, 0, 0};
  out << "# name lower_bound upper_bound [group distribution]: SALib problem file, written by "
         "accord sweep --export-salib\n";
  for (size_t c = 0; c < design.columns.size(); ++c) {
    const std::string& name = design.columns[c];
    if (has_blank(name))
      throw DataError(where, "SALib export: parameter '" + name +
                                 "' has a blank or a comma in its name, which SALib cannot read");
    if (!design.numeric[c])
      throw DataError(where, "SALib export: parameter '" + name +
                                 "' takes non-numeric values; SALib needs numbers");
    const Parameter* p = find_parameter(spec, name);
    if (p && p->kind == Parameter::Kind::kNormal) {
      out << name << " " << Value::of(p->a).text << " " << Value::of(p->b).text << " " << name
          << " norm\n";
      continue;
    }
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    if (p && p->kind == Parameter::Kind::kUniform) {
      lo = p->a;
      hi = p->b;
    } else if (p) {
      for (const auto& v : p->levels) {
        lo = std::min(lo, *v.number);
        hi = std::max(hi, *v.number);
      }
    } else {
      for (const auto& row : design.points) {
        lo = std::min(lo, *row[c].number);
        hi = std::max(hi, *row[c].number);
      }
    }
    out << name << " " << Value::of(lo).text << " " << Value::of(hi).text << "\n";
  }
}

void write_salib_sample(const Design& design, const std::vector<int64_t>& order,
                        std::ostream& out) {
  for (const int64_t r : order) {
    const auto& row = design.points.at(static_cast<size_t>(r));
    for (size_t c = 0; c < row.size(); ++c) {
      if (!row[c].number)
        throw DataError(SourceLocation{}, "SALib export: '" + row[c].text + "' of " +
                                              design.columns[c] + " is not a number");
      // The shortest text that reads back as the run's number.
      out << (c ? " " : "") << Value::of(*row[c].number).text;
    }
    out << "\n";
  }
}

std::vector<std::string> export_salib(const SweepSpec& spec, const Design& design,
                                      const std::string& prefix) {
  const std::vector<int64_t> order = salib_row_order(design);
  std::ostringstream problem, sample, points;
  write_salib_problem(spec, design, problem);
  write_salib_sample(design, order, sample);
  for (const int64_t r : order) points << r << "\n";
  const std::vector<std::string> paths = {prefix + ".problem.txt", prefix + ".sample.txt",
                                          prefix + ".points.txt"};
  write_file(paths[0], problem.str());
  write_file(paths[1], sample.str());
  write_file(paths[2], points.str());
  return paths;
}

bool is_salib_sample(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  for (std::string line; std::getline(in, line);) {
    const auto fields = fields_of(line);
    if (fields.empty()) continue;
    if (line.find(',') != std::string::npos) return false;
    return std::all_of(fields.begin(), fields.end(),
                       [](const std::string& f) { return Value::parse(f).number.has_value(); });
  }
  return false;
}

Design read_salib_sample(const std::string& file, const std::vector<std::string>& columns) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DataError(SourceLocation{file, 0, 0}, "cannot read the design file");
  if (columns.empty())
    throw DataError(SourceLocation{file, 0, 0},
                    "a SALib sample has no header: list the sweep's parameters, in the order "
                    "of the SALib problem file");
  Design d;
  d.type = DesignType::kCsv;
  d.columns = columns;
  int line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    const auto fields = fields_of(line);
    if (fields.empty()) continue;
    if (fields.size() != columns.size())
      throw DataError(SourceLocation{file, line_no, 0},
                      fmt::format("expected {} numbers (one per parameter, in order), got {}",
                                  columns.size(), fields.size()));
    std::vector<Value> row;
    for (const auto& f : fields) {
      Value v = Value::parse(f);
      if (!v.number)
        throw DataError(SourceLocation{file, line_no, 0}, "'" + f + "' is not a number");
      // The shortest exact text, so "8.000000000000000000e-02" runs as 0.08.
      row.push_back(Value::of(*v.number));
    }
    d.points.push_back(std::move(row));
  }
  if (d.points.empty()) throw DataError(SourceLocation{file, line_no, 0}, "no design points");
  d.numeric.assign(columns.size(), true);
  return d;
}

}  // namespace accord::sim::sweep
