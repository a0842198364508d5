#include "coefficient_file.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <string_view>
#include <unordered_map>

#include "accord/sim/civil_time.hpp"
#include "accord/sim/error.hpp"
#include "accord/sim/text.hpp"

namespace accord::models::allocation::detail {
namespace {

struct Field {
  std::string_view text;
  int column = 1;  // 1-based column of the field's first character
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::vector<Field> split(std::string_view line, char sep) {
  std::vector<Field> out;
  size_t start = 0;
  while (true) {
    const size_t end = line.find(sep, start);
    const std::string_view raw =
        line.substr(start, end == std::string_view::npos ? end : end - start);
    const std::string_view t = trim(raw);
    const size_t lead = t.empty() ? 0 : static_cast<size_t>(t.data() - raw.data());
    out.push_back(Field{t, static_cast<int>(start + lead) + 1});
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

// The timestamp of step `row` (`utc` as parsed). Without a UTC offset it is a local
// wall-clock time: a time the spring change skips is named (it would read as the hour after);
// in the autumn the repeated hour is read as its summer instant, so its second occurrence
// matches the winter step by its wall reading; a repeated time out of place is named as such.
template <class Fail>
void check_timestamp(const Field& field, int64_t utc, int64_t expected, int64_t row,
                     const sim::TimeZone& zone, int line_no, const Fail& fail) {
  const std::string shown = sim::escape_text(field.text);
  std::string why;
  if (!sim::has_utc_offset(field.text)) {
    int64_t wall = 0;
    static const sim::TimeZone kUtc = sim::TimeZone::from_name("UTC");
    sim::parse_iso8601(field.text, kUtc, wall);
    const sim::LocalTimeKind kind = zone.kind_of_wall(wall);
    if (kind == sim::LocalTimeKind::kNonexistent)
      fail(line_no, field.column,
           "local time '" + shown + "' does not exist in " + zone.name() +
               " (clocks go forward that night, summer time begins): the grid has no step "
               "then; remove the row or write times with their UTC offset");
    if (utc == expected || wall == expected + zone.offset_at(expected)) return;
    if (kind == sim::LocalTimeKind::kAmbiguous)
      why = "; that local time occurs twice in " + zone.name() +
            " (clocks go back that night, summer time ends): give the rows of that hour twice, "
            "summer time first, or write times with their UTC offset";
  } else if (utc == expected) {
    return;
  }
  fail(line_no, field.column,
       "timestamp '" + shown + "' does not match step " + std::to_string(row) + " starting " +
           sim::format_iso8601(expected, zone) + why);
}

}  // namespace

std::vector<double> read_coefficient_file(const std::string& path, const KeyContext& ctx) {
  const auto fail = [&](int line, int column, const std::string& message) {
    throw DataError(SourceLocation{path, line, column}, message);
  };
  std::ifstream in(path);
  if (!in) fail(0, 0, "cannot open the sharing-key coefficients file");
  const sim::TimeZone zone = sim::TimeZone::from_name(ctx.timezone);
  const int64_t n = static_cast<int64_t>(ctx.participant_ids.size());
  std::unordered_map<std::string_view, int64_t> index;
  for (int64_t i = 0; i < n; ++i) index.emplace(ctx.participant_ids[static_cast<size_t>(i)], i);

  std::vector<double> k(static_cast<size_t>(ctx.steps * n), 0.0);
  std::vector<int64_t> column_of;  // participant index of each value column
  char sep = ';';
  std::string line;
  int line_no = 0;
  int64_t row = 0;
  bool have_header = false;
  while (std::getline(in, line)) {
    ++line_no;
    if (trim(line).empty()) continue;
    if (!have_header) {
      sep = line.find(';') != std::string::npos ? ';' : ',';
      const std::vector<Field> header = split(line, sep);
      if (header.size() < 2) fail(line_no, 1, "header must be 'timestamp;<participant id>;...'");
      std::vector<bool> seen(static_cast<size_t>(n), false);
      for (size_t f = 1; f < header.size(); ++f) {
        const auto it = index.find(header[f].text);
        if (it == index.end()) {
          fail(line_no, header[f].column,
               "unknown participant '" + std::string(header[f].text) + "' in header");
        }
        if (seen[static_cast<size_t>(it->second)]) {
          fail(line_no, header[f].column,
               "participant '" + std::string(header[f].text) + "' appears twice in header");
        }
        seen[static_cast<size_t>(it->second)] = true;
        column_of.push_back(it->second);
      }
      have_header = true;
      continue;
    }
    const std::vector<Field> fields = split(line, sep);
    if (fields.size() != column_of.size() + 1) {
      fail(line_no, 1,
           "expected " + std::to_string(column_of.size() + 1) + " fields, found " +
               std::to_string(fields.size()));
    }
    int64_t utc = 0;
    if (!sim::parse_iso8601(fields[0].text, zone, utc)) {
      fail(line_no, fields[0].column,
           "bad timestamp '" + std::string(fields[0].text) + "' (ISO 8601 expected)");
    }
    if (row >= ctx.steps) {
      fail(line_no, fields[0].column,
           "more rows than the " + std::to_string(ctx.steps) + " steps of the grid");
    }
    const int64_t expected = ctx.start_utc + row * ctx.step_seconds;
    check_timestamp(fields[0], utc, expected, row, zone, line_no, fail);
    double sum = 0.0;
    for (size_t f = 1; f < fields.size(); ++f) {
      std::string text(fields[f].text);
      if (sep == ';') {
        for (char& ch : text) ch = ch == ',' ? '.' : ch;
      }
      double value = 0.0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
        fail(line_no, fields[f].column, "bad percentage '" + std::string(fields[f].text) + "'");
      }
      if (!std::isfinite(value) || value < 0.0 || value > 100.0) {
        fail(line_no, fields[f].column,
             "percentage " + std::string(fields[f].text) + " outside [0, 100]");
      }
      sum += value;
      k[static_cast<size_t>(row * n + column_of[f - 1])] = value / 100.0;
    }
    if (sum > 100.0 + 1e-9) {
      fail(line_no, 1, "percentages of the row sum to " + std::to_string(sum) + " (> 100)");
    }
    ++row;
  }
  if (!have_header) fail(line_no, 0, "empty sharing-key coefficients file");
  if (row != ctx.steps) {
    fail(line_no, 0,
         "has " + std::to_string(row) + " rows; the grid has " + std::to_string(ctx.steps) +
             " steps");
  }
  return k;
}

}  // namespace accord::models::allocation::detail
