// CSV time series (Enedis portal export, SGE export, plain timestamp,kWh) onto the grid.
// Every source row becomes an interval [begin, end) of uniform energy; intervals are then
// integrated onto the grid steps by overlap, which conserves energy whatever the source
// step and alignment.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "accord/models/energy/load_series.hpp"
#include "accord/models/physical_bounds.hpp"
#include "accord/sim/error.hpp"
#include "accord/sim/text.hpp"

namespace accord::models::energy {

namespace {

struct Field {
  std::string_view text;
  int column = 1;  // 1-based byte column of the field's first character
};

struct Row {
  int64_t time = 0;  // UTC seconds: interval end (Enedis, SGE) or start (plain)
  int64_t step = 0;  // explicit interval length (SGE "Pas en minutes"), 0 = derive
  double value = 0;  // W (Enedis, SGE) or kWh (plain), before scale
  int line = 0;
  int time_column = 1;
  int value_column = 1;
  // A local time without offset that the zone shows twice (autumn): read by order, so a
  // mistake near it is explained by the ambiguity. `wall` is its wall-clock reading.
  bool ambiguous = false;
  int64_t wall = 0;
};

struct Interval {
  int64_t begin = 0;
  int64_t end = 0;
  double kwh = 0;
  int line = 0;
};

enum class Format { kEnedis, kSge, kPlain };

class Reader {
 public:
  Reader(const CsvSeriesSpec& spec, const sim::TimeZone& zone) : spec_(spec), zone_(zone) {}

  std::vector<Interval> read() {
    load_lines();
    const Format format = detect();
    switch (format) {
      case Format::kEnedis:
        return read_enedis();
      case Format::kSge:
        return read_sge();
      case Format::kPlain:
        return read_plain();
    }
    return {};
  }

  [[noreturn]] void fail(int line, int column, const std::string& message) const {
    throw DataError(SourceLocation{spec_.path, line, column}, message);
  }

 private:
  const CsvSeriesSpec& spec_;
  const sim::TimeZone& zone_;
  const sim::TimeZone utc_ = sim::TimeZone::from_name("UTC");
  std::string content_;
  std::vector<std::string_view> lines_;  // without line terminators; index = line - 1
  std::vector<Field> fields_;            // scratch for split()
  char delim_ = ';';                     // field separator of the data rows
  size_t header_fields_ = 0;             // fields of the header line

  void load_lines() {
    std::ifstream in(spec_.path, std::ios::binary);
    if (!in) fail(0, 0, "cannot open the series file");
    std::ostringstream ss;
    ss << in.rdbuf();
    content_ = ss.str();
    std::string_view all(content_);
    if (all.substr(0, 3) == "\xEF\xBB\xBF") all.remove_prefix(3);  // UTF-8 byte-order mark
    while (!all.empty()) {
      const size_t nl = all.find('\n');
      std::string_view line = all.substr(0, nl);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      lines_.push_back(line);
      if (nl == std::string_view::npos) break;
      all.remove_prefix(nl + 1);
    }
    bool any = false;
    for (auto l : lines_) any = any || !blank(l);
    if (!any) fail(1, 1, "empty file: no header and no data");
  }

  static bool blank(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
  }

  static char delimiter_of(std::string_view line) {
    return line.find(';') != std::string_view::npos ? ';' : ',';
  }

  // Splits on `delim`, trimming blanks and one pair of double quotes around each field.
  const std::vector<Field>& split(std::string_view line, char delim) {
    fields_.clear();
    size_t pos = 0;
    while (true) {
      const size_t next = line.find(delim, pos);
      const size_t end = next == std::string_view::npos ? line.size() : next;
      size_t b = pos;
      size_t e = end;
      while (b < e && (line[b] == ' ' || line[b] == '\t')) ++b;
      while (e > b && (line[e - 1] == ' ' || line[e - 1] == '\t')) --e;
      if (e - b >= 2 && line[b] == '"' && line[e - 1] == '"') {
        ++b;
        --e;
      }
      fields_.push_back({line.substr(b, e - b), static_cast<int>(b) + 1});
      if (next == std::string_view::npos) break;
      pos = next + 1;
    }
    return fields_;
  }

  // Lower case, French accented e folded to 'e' (UTF-8 or Latin-1), other non-ASCII dropped.
  static std::string normalize(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c < 0x80) {
        out += static_cast<char>(std::tolower(c));
      } else if (c == 0xC3 && i + 1 < s.size()) {
        const auto d = static_cast<unsigned char>(s[i + 1]);
        if ((d >= 0xA8 && d <= 0xAB) || (d >= 0x88 && d <= 0x8B)) out += 'e';
        ++i;
      } else if ((c >= 0xE8 && c <= 0xEB) || (c >= 0xC8 && c <= 0xCB)) {
        out += 'e';
      }
    }
    return out;
  }

  Format detect() {
    int first = 0;
    while (blank(lines_[static_cast<size_t>(first)])) ++first;
    if (spec_.format == "plain") return Format::kPlain;
    if (spec_.format == "enedis" || spec_.format == "sge") {
      header_ = find_header(spec_.format == "enedis" ? Format::kEnedis : Format::kSge);
      if (header_ < 0)
        fail(1, 1,
             spec_.format == "enedis"
                 ? "no 'Horodate;Valeur' header line found (format enedis)"
                 : "no 'Date de la mesure;Heure de la mesure;...' header line found (format sge)");
      return spec_.format == "enedis" ? Format::kEnedis : Format::kSge;
    }
    if (spec_.format != "auto")
      fail(0, 0, "unknown series format '" + spec_.format + "'; known: auto, enedis, sge, plain");
    const auto& head =
        split(lines_[static_cast<size_t>(first)], delimiter_of(lines_[static_cast<size_t>(first)]));
    const std::string name = normalize(head[0].text);
    if (name == "timestamp" || name == "time" || name == "datetime" || name == "date_time")
      return Format::kPlain;
    if ((header_ = find_header(Format::kEnedis)) >= 0) return Format::kEnedis;
    if ((header_ = find_header(Format::kSge)) >= 0) return Format::kSge;
    fail(first + 1, 1,
         "unknown series format: expected an Enedis export ('Horodate;Valeur' header), an SGE "
         "export ('Date de la mesure;Heure de la mesure;...;Valeur') or a plain "
         "'timestamp,<name>' header");
  }

  // Index of the header line of an Enedis or SGE export, -1 when absent. The header block
  // before it (PRM, data type, dates ...) varies between exports and is skipped.
  int find_header(Format f) {
    for (size_t i = 0; i < lines_.size(); ++i) {
      const auto& fs = split(lines_[i], ';');
      if (fs.size() < 2) continue;
      if (f == Format::kEnedis) {
        if (normalize(fs[0].text) == "horodate" && normalize(fs[1].text).rfind("valeur", 0) == 0)
          return static_cast<int>(i);
      } else {
        bool date = false, hour = false;
        for (const auto& x : fs) {
          const std::string n = normalize(x.text);
          date = date || n == "date de la mesure";
          hour = hour || n == "heure de la mesure";
        }
        if (date && hour) return static_cast<int>(i);
      }
    }
    return -1;
  }

  int header_ = -1;

  double number(const Field& f, int line, const char* what) const {
    if (f.text.empty()) fail(line, f.column, std::string("missing value (empty ") + what + ")");
    char buf[64];
    if (f.text.size() >= sizeof buf)
      fail(line, f.column, "bad number '" + sim::escape_text(f.text) + "' in " + what);
    size_t n = 0;
    // French decimal comma, unambiguous only when ',' does not separate fields.
    for (char c : f.text) buf[n++] = c == ',' && delim_ != ',' ? '.' : c;
    double v = 0;
    const char* b = buf;
    if (*b == '+') ++b;
    const auto r = std::from_chars(b, buf + n, v);
    if (r.ec != std::errc() || r.ptr != buf + n || !std::isfinite(v))
      fail(line, f.column, "bad number '" + sim::escape_text(f.text) + "' in " + what);
    if (v < 0) fail(line, f.column, "negative value '" + sim::escape_text(f.text) + "' in " + what);
    return v;
  }

  // A row with more non-empty fields than the header cannot be read safely: in a
  // comma-separated file it is most often a decimal comma ("2,5" read as 2 and 5).
  // Trailing empty fields (a separator at the end of the line) are harmless.
  void check_field_count(const std::vector<Field>& fs, int line, size_t value_col) const {
    if (fs.size() <= header_fields_) return;
    size_t extra = header_fields_;
    while (extra < fs.size() && fs[extra].text.empty()) ++extra;
    if (extra == fs.size()) return;
    std::string message = "row has " + std::to_string(fs.size()) + " fields, the header " +
                          std::to_string(header_fields_);
    if (delim_ == ',' && value_col + 1 < fs.size()) {
      message += ": '" + sim::escape_text(fs[value_col].text) + "," +
                 sim::escape_text(fs[value_col + 1].text) +
                 "' is ambiguous (a decimal comma in a comma-separated file?); write the "
                 "decimal point (2.5) or separate the fields with ';'";
      fail(line, fs[value_col].column, message);
    }
    fail(line, fs[extra].column,
         message + "; a field too many is ambiguous (check separators and decimal marks)");
  }

  // One delivery point does not draw or inject more than bounds::kMaxSeriesPowerKw on
  // average over a row: a larger value is a unit or scale mistake, and 1e308 would turn
  // into inf once resampled.
  void check_power(const Row& r, double kwh, int64_t seconds) const {
    const double kw = kwh / (static_cast<double>(seconds) / 3600.0);
    if (kw <= bounds::kMaxSeriesPowerKw) return;
    char shown[64];
    std::snprintf(shown, sizeof shown, "%.6g", r.value);
    fail(r.line, r.value_column,
         std::string("value ") + shown + " is a mean power above 1e6 kW (1 GW) over the row's " +
             std::to_string(seconds / 60) +
             " min, beyond any delivery point; check the unit (W for Enedis and SGE exports, kWh "
             "per row for plain files) and the scale");
  }

  std::string wall_text(int64_t wall) const {
    // A UTC formatting of the wall reading, without its "+00:00".
    return sim::format_iso8601(wall, utc_).substr(0, 19);
  }

  // Local times the zone skips (spring) are refused; the ones it shows twice (autumn) are
  // flagged on the row.
  void check_local(Row& r, int64_t wall, int column) const {
    const sim::LocalTimeKind kind = zone_.kind_of_wall(wall);
    if (kind == sim::LocalTimeKind::kNonexistent)
      fail(r.line, column,
           "local time " + wall_text(wall) + " does not exist in " + zone_.name() +
               " (clocks go forward that night, summer time begins); local times in the hour "
               "skipped cannot be read: remove the row or write times with their UTC offset");
    r.ambiguous = kind == sim::LocalTimeKind::kAmbiguous;
    r.wall = wall;
  }

  std::string ambiguity_note(const Row& r, const Row& previous) const {
    const Row* a = r.ambiguous ? &r : previous.ambiguous ? &previous : nullptr;
    if (a == nullptr) return "";
    return "; local time " + wall_text(a->wall) + " occurs twice in " + zone_.name() +
           " (clocks go back that night, summer time ends): give the rows of that hour twice, "
           "summer time first, or write times with their UTC offset";
  }

  // In the autumn overlap a local wall-clock time occurs twice; the reader returns the
  // summer instant, so a repeated time (not after the previous row) is the standard one.
  int64_t disambiguate(int64_t t, int64_t previous, bool have_previous) const {
    if (have_previous && t <= previous && zone_.is_dst(t) && !zone_.is_dst(t + 3600))
      return t + 3600;
    return t;
  }

  // Sets r.time from an ISO 8601 field; without an offset the time is local in the zone.
  void read_timestamp(Row& r, const Field& f, const std::vector<Row>& rows) const {
    r.time_column = f.column;
    if (!sim::parse_iso8601(f.text, zone_, r.time))
      fail(r.line, f.column,
           "bad timestamp '" + sim::escape_text(f.text) + "' (expected ISO 8601, e.g. " +
               "2025-03-30T03:30:00+02:00)");
    if (sim::has_utc_offset(f.text)) return;
    int64_t wall = 0;
    sim::parse_iso8601(f.text, utc_, wall);
    check_local(r, wall, f.column);
    if (!rows.empty()) r.time = disambiguate(r.time, rows.back().time, true);
  }

  std::vector<Interval> read_enedis() {
    delim_ = ';';
    header_fields_ = split(lines_[static_cast<size_t>(header_)], ';').size();
    std::vector<Row> rows;
    rows.reserve(lines_.size());
    for (size_t i = static_cast<size_t>(header_) + 1; i < lines_.size(); ++i) {
      if (blank(lines_[i])) continue;
      const int line = static_cast<int>(i) + 1;
      const auto& fs = split(lines_[i], ';');
      if (fs.size() < 2)
        fail(line, static_cast<int>(lines_[i].size()) + 1, "missing value (no Valeur field)");
      check_field_count(fs, line, 1);
      Row r;
      r.line = line;
      r.value_column = fs[1].column;
      r.value = number(fs[1], line, "Valeur");
      read_timestamp(r, fs[0], rows);
      rows.push_back(r);
    }
    return from_end_times(rows, /*watts=*/true);
  }

  std::vector<Interval> read_sge() {
    const int hline = header_ + 1;
    const auto& hs = split(lines_[static_cast<size_t>(header_)],
                           delimiter_of(lines_[static_cast<size_t>(header_)]));
    const char delim = delimiter_of(lines_[static_cast<size_t>(header_)]);
    delim_ = delim;
    header_fields_ = hs.size();
    int date_col = -1, hour_col = -1, value_col = -1, step_col = -1;
    for (size_t k = 0; k < hs.size(); ++k) {
      const std::string n = normalize(hs[k].text);
      const int idx = static_cast<int>(k);
      if (n == "date de la mesure") date_col = idx;
      if (n == "heure de la mesure") hour_col = idx;
      if (n == "valeur" && value_col < 0) value_col = idx;
      if (n == "pas en minutes") step_col = idx;
    }
    if (value_col < 0) fail(hline, 1, "SGE header has no 'Valeur' column");
    const size_t needed = static_cast<size_t>(std::max({date_col, hour_col, value_col, step_col}));
    std::vector<Row> rows;
    rows.reserve(lines_.size());
    for (size_t i = static_cast<size_t>(header_) + 1; i < lines_.size(); ++i) {
      if (blank(lines_[i])) continue;
      const int line = static_cast<int>(i) + 1;
      const auto& fs = split(lines_[i], delim);
      if (fs.size() <= needed)
        fail(line, static_cast<int>(lines_[i].size()) + 1,
             "row has " + std::to_string(fs.size()) + " fields, the header " +
                 std::to_string(hs.size()));
      check_field_count(fs, line, static_cast<size_t>(value_col));
      Row r;
      r.line = line;
      r.time_column = fs[static_cast<size_t>(date_col)].column;
      r.value_column = fs[static_cast<size_t>(value_col)].column;
      r.value = number(fs[static_cast<size_t>(value_col)], line, "Valeur");
      if (step_col >= 0) {
        const Field& sf = fs[static_cast<size_t>(step_col)];
        const double minutes = number(sf, line, "Pas en minutes");
        // A metering step is minutes long (Enedis: 5 to 60); a day is far beyond any meter.
        if (minutes <= 0 || minutes > 1440 || minutes != std::floor(minutes))
          fail(line, sf.column,
               "bad step '" + sim::escape_text(sf.text) +
                   "' in Pas en minutes (expected a whole number of minutes from 1 to 1440)");
        r.step = static_cast<int64_t>(minutes) * 60;
      }
      read_local_date_time(r, fs[static_cast<size_t>(date_col)], fs[static_cast<size_t>(hour_col)]);
      if (!rows.empty()) r.time = disambiguate(r.time, rows.back().time, true);
      rows.push_back(r);
    }
    return from_end_times(rows, /*watts=*/true);
  }

  static bool digits(std::string_view s, size_t pos, size_t len, int& out) {
    if (pos + len > s.size()) return false;
    for (size_t i = pos; i < pos + len; ++i)
      if (s[i] < '0' || s[i] > '9') return false;
    return std::from_chars(s.data() + pos, s.data() + pos + len, out).ec == std::errc();
  }

  // SGE date "dd/mm/yyyy" or "yyyy-mm-dd" and time "HH:MM[:SS]", local in the zone.
  void read_local_date_time(Row& r, const Field& date, const Field& hour) const {
    const int line = r.line;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    const std::string_view ds = date.text;
    const bool fr = ds.size() == 10 && ds[2] == '/' && ds[5] == '/' && digits(ds, 0, 2, d) &&
                    digits(ds, 3, 2, mo) && digits(ds, 6, 4, y);
    const bool iso = ds.size() == 10 && ds[4] == '-' && ds[7] == '-' && digits(ds, 0, 4, y) &&
                     digits(ds, 5, 2, mo) && digits(ds, 8, 2, d);
    if ((!fr && !iso) || mo < 1 || mo > 12 || d < 1 ||
        sim::civil_from_days(sim::days_from_civil(y, mo, d)).day != d)
      fail(line, date.column,
           "bad date '" + sim::escape_text(ds) + "' (expected dd/mm/yyyy or yyyy-mm-dd)");
    const std::string_view hs = hour.text;
    bool ok = hs.size() >= 5 && hs[2] == ':' && digits(hs, 0, 2, h) && digits(hs, 3, 2, mi);
    if (ok && hs.size() == 8)
      ok = hs[5] == ':' && digits(hs, 6, 2, se);
    else if (ok)
      ok = hs.size() == 5;
    if (!ok || h > 24 || mi > 59 || se > 59 || (h == 24 && (mi | se) != 0))
      fail(line, hour.column,
           "bad time '" + sim::escape_text(hs) + "' (expected HH:MM or HH:MM:SS)");
    r.time = zone_.to_utc(y, mo, d, h, mi, se);
    check_local(r, sim::utc_seconds(y, mo, d, h, mi, se), hour.column);
  }

  // Rows stamped at the end of their interval; the length is the explicit step or the
  // difference to the previous row (first row: the next row's spacing).
  std::vector<Interval> from_end_times(const std::vector<Row>& rows, bool watts) const {
    if (rows.empty()) fail(header_ + 1, 1, "no data rows after the header");
    const bool explicit_step = rows.front().step > 0;
    if (!explicit_step && rows.size() < 2)
      fail(rows.front().line, 1, "a single row: the step cannot be inferred");
    // Order first: rows out of order would otherwise show as a gap where they jump ahead.
    check_order(rows);
    const int64_t nominal = explicit_step ? rows.front().step : rows[1].time - rows[0].time;
    std::vector<Interval> out;
    out.reserve(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      const Row& r = rows[i];
      const int64_t len = explicit_step ? r.step : nominal;
      if (i > 0) {
        const int64_t expected_begin = out.back().end;
        if (explicit_step) {
          if (r.time - len > expected_begin) gap(r, rows[i - 1], expected_begin, r.time - len, len);
          if (r.time - len < expected_begin) irregular(r, rows[i - 1], len);
        } else {
          check_step(r, rows[i - 1], nominal, rows[i - 1].time, r.time - nominal);
        }
      }
      const double hours = static_cast<double>(len) / 3600.0;
      const double kwh = (watts ? r.value * hours / 1000.0 : r.value) * spec_.scale;
      check_power(r, kwh, len);
      out.push_back({r.time - len, r.time, kwh, r.line});
    }
    return out;
  }

  void check_order(const std::vector<Row>& rows) const {
    for (size_t i = 1; i < rows.size(); ++i) check_increasing(rows[i], rows[i - 1]);
  }

  void check_increasing(const Row& r, const Row& previous) const {
    if (r.time == previous.time)
      fail(r.line, r.time_column,
           "duplicate timestamp " + sim::format_iso8601(r.time, zone_) +
               " (same instant as the row before)" + ambiguity_note(r, previous));
    if (r.time < previous.time)
      fail(r.line, r.time_column,
           "timestamps not increasing: rows out of order, " + sim::format_iso8601(r.time, zone_) +
               " comes after " + sim::format_iso8601(previous.time, zone_) + " (line " +
               std::to_string(previous.line) + "); sort the rows by time" +
               ambiguity_note(r, previous));
  }

  [[noreturn]] void gap(const Row& r, const Row& previous, int64_t from, int64_t to,
                        int64_t step) const {
    fail(r.line, r.time_column,
         "gap in the data: no value from " + sim::format_iso8601(from, zone_) + " to " +
             sim::format_iso8601(to, zone_) + " (step " + std::to_string(step / 60) + " min)" +
             ambiguity_note(r, previous));
  }

  [[noreturn]] void irregular(const Row& r, const Row& previous, int64_t step) const {
    fail(r.line, r.time_column,
         "irregular step: " + std::to_string((r.time - previous.time) / 60) +
             " min after the previous row, expected " + std::to_string(step / 60) + " min" +
             ambiguity_note(r, previous));
  }

  // A fixed step (the first spacing): a longer spacing is a gap (missing [from, to)), a
  // shorter one an irregular step.
  void check_step(const Row& r, const Row& previous, int64_t nominal, int64_t from,
                  int64_t to) const {
    const int64_t d = r.time - previous.time;
    if (d > nominal) gap(r, previous, from, to, nominal);
    if (d < nominal) irregular(r, previous, nominal);
  }

  std::vector<Interval> read_plain() {
    size_t h = 0;
    while (blank(lines_[h])) ++h;
    const char delim = delimiter_of(lines_[h]);
    delim_ = delim;
    const int hline = static_cast<int>(h) + 1;
    size_t value_col = 1;
    {
      const auto& hs = split(lines_[h], delim);
      header_fields_ = hs.size();
      if (spec_.column.empty()) {
        if (hs.size() < 2)
          fail(hline, 1, "plain header needs 'timestamp" + std::string(1, delim) + "<name>'");
      } else {
        size_t k = 1;
        while (k < hs.size() && hs[k].text != spec_.column) ++k;
        if (k == hs.size()) {
          std::string names;
          for (size_t j = 1; j < hs.size(); ++j)
            names += (j > 1 ? ", " : "") + std::string(hs[j].text);
          fail(hline, 1, "no column '" + spec_.column + "' in the header; columns: " + names);
        }
        value_col = k;
      }
    }
    header_ = static_cast<int>(h);
    std::vector<Row> rows;
    rows.reserve(lines_.size());
    for (size_t i = h + 1; i < lines_.size(); ++i) {
      if (blank(lines_[i])) continue;
      const int line = static_cast<int>(i) + 1;
      const auto& fs = split(lines_[i], delim);
      if (fs.size() <= value_col)
        fail(line, static_cast<int>(lines_[i].size()) + 1, "missing value (too few fields)");
      check_field_count(fs, line, value_col);
      Row r;
      r.line = line;
      r.value_column = fs[value_col].column;
      r.value = number(fs[value_col], line, "the value column");
      read_timestamp(r, fs[0], rows);
      rows.push_back(r);
    }
    if (rows.empty()) fail(hline, 1, "no data rows after the header");
    if (rows.size() < 2) fail(rows.front().line, 1, "a single row: the step cannot be inferred");
    // Stamped at the start: row i covers [t_i, t_i+1), the last row the nominal step.
    check_order(rows);
    const int64_t nominal = rows[1].time - rows[0].time;
    std::vector<Interval> out;
    out.reserve(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      if (i > 0)
        check_step(rows[i], rows[i - 1], nominal, rows[i - 1].time + nominal, rows[i].time);
      const int64_t end = i + 1 < rows.size() ? rows[i + 1].time : rows[i].time + nominal;
      const double kwh = rows[i].value * spec_.scale;
      check_power(rows[i], kwh, end - rows[i].time);
      out.push_back({rows[i].time, end, kwh, rows[i].line});
    }
    return out;
  }
};

}  // namespace

std::vector<double> read_series_csv(const CsvSeriesSpec& spec, const sim::TimeGrid& grid,
                                    const sim::TimeZone& zone) {
  Reader reader(spec, zone);
  const std::vector<Interval> intervals = reader.read();
  const int64_t start = grid.start_utc;
  const int64_t end = grid.end_utc();
  if (intervals.front().begin > start)
    reader.fail(intervals.front().line, 1,
                "the data start at " + sim::format_iso8601(intervals.front().begin, zone) +
                    ", after the start of the run " + sim::format_iso8601(start, zone));
  if (intervals.back().end < end)
    reader.fail(intervals.back().line, 1,
                "the data end at " + sim::format_iso8601(intervals.back().end, zone) +
                    ", before the end of the run " + sim::format_iso8601(end, zone));
  std::vector<double> out(static_cast<size_t>(grid.steps), 0.0);
  // Uniform energy over each source interval, integrated onto the steps it overlaps.
  for (const Interval& iv : intervals) {
    int64_t b = std::max(iv.begin, start);
    const int64_t e = std::min(iv.end, end);
    if (b >= e) continue;
    const double per_second = iv.kwh / static_cast<double>(iv.end - iv.begin);
    auto k = (b - start) / grid.step_seconds;
    while (b < e) {
      const int64_t seg_end = std::min(e, start + (k + 1) * grid.step_seconds);
      out[static_cast<size_t>(k)] += per_second * static_cast<double>(seg_end - b);
      b = seg_end;
      ++k;
    }
  }
  return out;
}

}  // namespace accord::models::energy
