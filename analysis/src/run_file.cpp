#include "accord/analysis/run_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>

#include "accord/sim/error.hpp"
#include "accord/sim/h5/h5.hpp"

namespace accord::analysis {

namespace h5 = sim::h5;

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what) {
  throw DataError(SourceLocation{path.string(), 0, 0}, what);
}

// Why HDF5 could not open `path`, in the user's terms: an unreadable file, an empty one, an
// HDF5 file cut short (the signature is there, the rest is not: a copy or a write that did
// not finish), or another kind of file.
std::string why_not_hdf5(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fmt::format("cannot be read ({})", std::strerror(errno));
  char head[8] = {};
  in.read(head, sizeof head);
  if (in.gcount() == 0) return "empty file (expected an accord run or sweep file)";
  static constexpr char kSignature[8] = {'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};
  if (in.gcount() == 8 && std::equal(head, head + 8, kSignature))
    return "truncated or damaged HDF5 file (HDF5 cannot open it; was it copied or written "
           "completely?)";
  return "not an HDF5 file (expected an accord run or sweep file)";
}

h5::File open_hdf5(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) fail(path, "no such file");
  if (std::filesystem::is_directory(path, ec))
    fail(path, "is a directory (expected an accord run or sweep file)");
  try {
    return h5::File::open(path.string());
  } catch (const IoError&) {
    fail(path, why_not_hdf5(path));
  }
}

// Reads a numeric dataset, checking its element count; the caller names what it expects.
std::vector<double> read_doubles(const h5::Location& g, const std::string& name, std::size_t n,
                                 const std::filesystem::path& path) {
  if (!g.exists(name)) fail(path, fmt::format("missing dataset {}/{}", g.name(), name));
  auto a = g.open_dataset(name).read<double>();
  if (a.values.size() != n) {
    fail(path, fmt::format("dataset {}/{} has {} values, expected {}", g.name(), name,
                           a.values.size(), n));
  }
  return std::move(a.values);
}

std::vector<std::string> read_strings(const h5::Location& g, const std::string& name,
                                      const std::filesystem::path& path) {
  if (!g.exists(name)) fail(path, fmt::format("missing dataset {}/{}", g.name(), name));
  return g.open_dataset(name).read_strings();
}

// A numeric dataset of any integer or float type read as T (HDF5 converts, e.g. the int16
// ballots to int32), checking its element count.
template <h5::Element T>
std::vector<T> read_as(const h5::Location& g, const std::string& name, std::size_t n,
                       const std::filesystem::path& path) {
  if (!g.exists(name)) fail(path, fmt::format("missing dataset {}/{}", g.name(), name));
  auto a = g.open_dataset(name).read<T>();
  if (a.values.size() != n) {
    fail(path, fmt::format("dataset {}/{} has {} values, expected {}", g.name(), name,
                           a.values.size(), n));
  }
  return std::move(a.values);
}

std::vector<std::string> read_strings_n(const h5::Location& g, const std::string& name,
                                        std::size_t n, const std::filesystem::path& path) {
  auto v = read_strings(g, name, path);
  if (v.size() != n) {
    fail(path,
         fmt::format("dataset {}/{} has {} values, expected {}", g.name(), name, v.size(), n));
  }
  return v;
}

template <class T>
std::vector<T> cast_vector(const std::vector<double>& v) {
  std::vector<T> out(v.size());
  std::transform(v.begin(), v.end(), out.begin(),
                 [](double x) { return std::isfinite(x) ? static_cast<T>(x) : T{}; });
  return out;
}

// Sums a [M, K] matrix over its columns into [M].
std::vector<double> row_sums(const std::vector<double>& m, std::size_t rows) {
  std::vector<double> out(rows, 0.0);
  if (rows == 0) return out;
  const std::size_t cols = m.size() / rows;
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < cols; ++c) out[r] += m[r * cols + c];
  return out;
}

// Period of each metering step: the last period whose start is <= the step's start (-1 before
// the first period).
std::vector<long> step_periods(const std::vector<int64_t>& steps,
                               const std::vector<int64_t>& period_start) {
  std::vector<long> out(steps.size(), -1);
  for (std::size_t t = 0; t < steps.size(); ++t) {
    auto it = std::upper_bound(period_start.begin(), period_start.end(), steps[t]);
    out[t] = static_cast<long>(it - period_start.begin()) - 1;
  }
  return out;
}

// Sums a [T, K] matrix by period into [M, K].
std::vector<double> by_period(const std::vector<double>& m, std::size_t cols,
                              const std::vector<long>& period_of_step, std::size_t periods) {
  std::vector<double> out(periods * cols, 0.0);
  for (std::size_t t = 0; t < period_of_step.size(); ++t) {
    const long p = period_of_step[t];
    if (p < 0) continue;
    const auto row = static_cast<std::size_t>(p) * cols;
    for (std::size_t c = 0; c < cols; ++c) out[row + c] += m[t * cols + c];
  }
  return out;
}

void read_periods(const h5::File& f, RunData& run, const std::filesystem::path& path) {
  const auto g = f.open_group("periods");
  const auto start = g.open_dataset("start").read<int64_t>();
  run.period_start = start.values;
  const std::size_t m = run.period_start.size();
  const std::size_t n = run.participants();
  run.periods = m;
  run.member = cast_vector<uint8_t>(read_doubles(g, "member", m * n, path));
  run.bill_reference = read_doubles(g, "bill_reference", m * n, path);
  run.bill = read_doubles(g, "bill", m * n, path);
  run.benefit = read_doubles(g, "benefit", m * n, path);
  const auto pir = read_doubles(g, "producer_internal_revenue", m * run.producers, path);
  const auto psr = read_doubles(g, "producer_surplus_revenue", m * run.producers, path);
  run.producer_revenue = row_sums(pir, m);
  const auto psr_sum = row_sums(psr, m);
  for (std::size_t p = 0; p < m; ++p) run.producer_revenue[p] += psr_sum[p];
  run.pmo_costs = read_doubles(g, "pmo_costs", m, path);
  run.pmo_fees = read_doubles(g, "pmo_fees", m, path);

  // Energy by period: format 1.1 writes it under /periods; older full files only per step.
  if (g.exists("consumption")) {
    run.member_consumption_kwh = read_doubles(g, "consumption", m * n, path);
    run.consumption_kwh = row_sums(run.member_consumption_kwh, m);
    if (g.exists("allocated"))
      run.allocated_kwh = row_sums(read_doubles(g, "allocated", m * n, path), m);
    if (g.exists("production"))
      run.production_kwh = row_sums(read_doubles(g, "production", m * run.producers, path), m);
    if (g.exists("surplus"))
      run.surplus_kwh = row_sums(read_doubles(g, "surplus", m * run.producers, path), m);
  } else if (run.detail == "full" && f.exists("energy") && f.exists("time")) {
    const auto steps = f.open_group("time").open_dataset("start").read<int64_t>().values;
    const auto e = f.open_group("energy");
    const auto period_of_step = step_periods(steps, run.period_start);
    const std::size_t t = steps.size();
    run.member_consumption_kwh =
        by_period(read_doubles(e, "consumption", t * n, path), n, period_of_step, m);
    run.consumption_kwh = row_sums(run.member_consumption_kwh, m);
    run.allocated_kwh =
        row_sums(by_period(read_doubles(e, "allocated", t * n, path), n, period_of_step, m), m);
    const std::size_t p = run.producers;
    run.production_kwh =
        row_sums(by_period(read_doubles(e, "production", t * p, path), p, period_of_step, m), m);
    run.surplus_kwh =
        row_sums(by_period(read_doubles(e, "surplus", t * p, path), p, period_of_step, m), m);
  }
}

void read_sharing(const h5::File& f, RunData& run, const std::filesystem::path& path) {
  const auto g = f.open_group("sharing");
  if (!g.exists("rules")) return;
  const std::size_t m = run.periods;
  const std::size_t n = run.participants();
  for (const auto& name : g.open_dataset("rules").read_strings()) {
    if (!g.exists(name)) fail(path, fmt::format("missing group /sharing/{}", name));
    const auto r = g.open_group(name);
    RuleRecordData rule;
    rule.name = name;
    rule.benefit = read_doubles(r, "benefit", m * n, path);
    rule.territorial = read_doubles(r, "territorial", m * 3, path);
    rule.distributed = read_doubles(r, "distributed", m, path);
    rule.ir_violations = read_doubles(r, "ir_violations", m, path);
    rule.core_shortfall = read_doubles(r, "core_shortfall", m, path);
    run.rules.push_back(std::move(rule));
  }
}

// /governance rows (format 1.2); R = 0 when the group has no `period` dataset.
void read_governance_rows(const h5::Group& g, RunData& run, const std::filesystem::path& path) {
  auto& gov = run.governance;
  if (!g.exists("period")) return;
  gov.period = g.open_dataset("period").read<int64_t>().values;
  const std::size_t r = gov.period.size();
  const std::size_t n = run.participants();
  gov.rows = r;
  if (!g.exists("options")) fail(path, "missing dataset /governance/options");
  const auto options = g.open_dataset("options");
  const auto dims = options.dims();
  if (dims.size() != 2 || dims[0] != r)
    fail(path, fmt::format("dataset /governance/options is not [{}, K]", r));
  gov.options = static_cast<std::size_t>(dims[1]);
  const std::size_t k = gov.options;
  gov.option_text = read_strings_n(g, "options", r * k, path);
  gov.option_source = read_strings_n(g, "option_source", r * k, path);
  gov.time = read_as<int64_t>(g, "time", r, path);
  gov.item = read_strings_n(g, "item", r, path);
  gov.protocol = read_strings_n(g, "protocol", r, path);
  gov.decided_by = read_strings_n(g, "decided_by", r, path);
  gov.chosen = read_as<int64_t>(g, "chosen", r, path);
  gov.rounds = read_as<int64_t>(g, "rounds", r, path);
  gov.changed = read_as<uint8_t>(g, "changed", r, path);
  gov.quorum_reached = read_as<uint8_t>(g, "quorum_reached", r, path);
  gov.agreed = read_as<uint8_t>(g, "agreed", r, path);
  gov.support = read_as<double>(g, "support", r, path);
  gov.participation = read_as<double>(g, "participation", r, path);
  gov.turnout = read_as<double>(g, "turnout", r, path);
  gov.forecast_error = read_as<double>(g, "forecast_error", r, path);
  gov.ballot = read_as<int32_t>(g, "ballot", r * n, path);
}

void read_in_force(const h5::Group& g, RunData& run, const std::filesystem::path& path) {
  const std::size_t m = run.periods;
  auto& in = run.in_force;
  in.sharing_key = read_strings_n(g, "sharing_key", m, path);
  in.benefit_rule = read_strings_n(g, "benefit_rule", m, path);
  in.internal_price = read_doubles(g, "internal_price", m, path);
  in.territorial = read_doubles(g, "territorial", m * 3, path);
  in.pmo_fee = read_doubles(g, "pmo_fee", m, path);
}

void read_voting_power(const h5::Group& g, RunData& run, const std::filesystem::path& path) {
  auto& vp = run.voting_power;
  const std::size_t n = run.participants();
  vp.college = read_strings(g, "college", path);
  const std::size_t c = vp.college.size();
  vp.college_weight = read_doubles(g, "college_weight", c, path);
  vp.college_members = read_as<int64_t>(g, "college_members", c, path);
  vp.college_shapley_shubik = read_doubles(g, "college_shapley_shubik", c, path);
  vp.college_banzhaf = read_doubles(g, "college_banzhaf", c, path);
  vp.member_college = read_as<int64_t>(g, "member_college", n, path);
  vp.member_shapley_shubik = read_doubles(g, "member_shapley_shubik", n, path);
  vp.member_banzhaf = read_doubles(g, "member_banzhaf", n, path);
  vp.exact = read_doubles(g, "exact", 1, path)[0] != 0;
  for (auto college : vp.member_college)
    if (college < -1 || college >= static_cast<int64_t>(c))
      fail(path,
           fmt::format("/governance/voting_power/member_college has {} ({} colleges)", college, c));
}

// Format 1.2: /governance (attributes, rows, in_force, voting_power) and /actors/behaviour.
// Format 1.0 writes an empty /governance group: not present.
void read_governance(const h5::File& f, RunData& run, const std::filesystem::path& path) {
  if (f.exists("governance")) {
    const auto g = f.open_group("governance");
    auto& gov = run.governance;
    gov.present = g.has_attr("calendar") || !g.children().empty();
    if (g.has_attr("calendar")) gov.calendar = g.attr_string("calendar");
    if (g.has_attr("window_periods")) gov.window_periods = g.attr_int("window_periods");
    if (g.has_attr("rounds")) gov.rounds_held = g.attr_int("rounds");
    read_governance_rows(g, run, path);
    if (g.exists("in_force")) read_in_force(g.open_group("in_force"), run, path);
    if (g.exists("voting_power")) read_voting_power(g.open_group("voting_power"), run, path);
  }
  if (f.exists("actors") && f.open_group("actors").exists("behaviour")) {
    const auto b = f.open_group("actors").open_group("behaviour");
    for (const auto& name : b.children()) {
      const auto d = b.open_dataset(name);
      if (d.is_string() || d.dims().size() != 1) continue;
      run.behaviour.push_back({name, read_doubles(b, name, run.participants(), path)});
    }
  }
}

// Format 1.3: phase 4's /dynamics, when the run had a `dynamics:` section (/dynamics/person).
void read_dynamics(const h5::File& f, RunData& run, const std::filesystem::path& path) {
  if (!f.exists("dynamics")) return;
  const auto g = f.open_group("dynamics");
  if (!g.exists("person")) return;  // only trust_pmo (format 1.2 governance bookkeeping)
  const std::size_t m = run.periods, n = run.participants();
  const std::size_t persons = read_strings(g, "person", path).size();
  if (persons < n) fail(path, "/dynamics/person has fewer entries than /participants/id");
  auto& d = run.dynamics;
  d.attitude_model = g.has_attr("attitude_model") ? g.attr_string("attitude_model") : "";
  d.satisfaction = read_doubles(g, "satisfaction", m * n, path);
  d.aspiration = read_doubles(g, "aspiration", m * n, path);
  d.trust_pmo = read_doubles(g, "trust_pmo", m * n, path);
  d.attitude = read_doubles(g, "attitude", m * persons, path);
  if (g.exists("trust_municipality"))
    d.trust_municipality = read_doubles(g, "trust_municipality", m * persons, path);
  if (g.exists("trust_intermediaries")) {
    const auto tg = g.open_group("trust_intermediaries");
    for (const auto& id : tg.children()) {
      d.intermediary_ids.push_back(id);
      d.trust_intermediaries.push_back(read_doubles(tg, id, m * persons, path));
    }
  }
  const std::size_t c = persons - n;
  if (c > 0) {
    const auto cg = g.open_group("candidates");
    d.candidate_kind = read_strings_n(cg, "kind", c, path);
    d.candidate_decile = read_as<int32_t>(cg, "income_decile", c, path);
    d.candidate_low_income = read_as<uint8_t>(cg, "low_income", c, path);
  }
  if (g.exists("membership")) {
    const auto mg = g.open_group("membership");
    auto& ms = d.membership;
    ms.state = read_as<uint8_t>(mg, "state", m * n, path);
    ms.applied = read_as<int32_t>(mg, "applied", n, path);
    ms.joined = read_as<int32_t>(mg, "joined", n, path);
    ms.left = read_as<int32_t>(mg, "left", n, path);
    ms.exit_cause = read_as<uint8_t>(mg, "exit_cause", n, path);
    for (const uint8_t s : ms.state)
      if (s > 4) fail(path, "/dynamics/membership/state has a value above 4");
    for (const uint8_t cause : ms.exit_cause)
      if (cause > 3) fail(path, "/dynamics/membership/exit_cause has a value above 3");
  }
  if (g.exists("network") && g.open_group("network").exists("from")) {
    const auto dims = g.open_group("network").open_dataset("from").dims();
    d.ties = dims.empty() ? 0 : static_cast<std::size_t>(dims[0]);
  }
}

// Format 1.4: /lifecycle, when the run had a `lifecycle:` section.
void read_lifecycle(const h5::File& f, RunData& run, const std::filesystem::path& path) {
  if (!f.exists("lifecycle")) return;
  const auto g = f.open_group("lifecycle");
  auto& l = run.lifecycle;
  l.present = true;
  l.initiator = g.has_attr("initiator") ? g.attr_string("initiator") : "";
  l.abandoned_in = g.has_attr("abandoned_in") ? g.attr_string("abandoned_in") : "";
  l.abandonment_cause = g.has_attr("abandonment_cause") ? g.attr_string("abandonment_cause") : "";
  l.start_period = g.has_attr("start_period") ? g.attr_int("start_period") : -1;
  l.phase = read_as<uint8_t>(g, "phase", run.periods, path);
  for (const uint8_t p : l.phase)
    if (p > 7) fail(path, "/lifecycle/phase has a value above 7");
  const auto e = g.open_group("events");
  const auto dims = e.open_dataset("time").dims();
  const std::size_t n = dims.empty() ? 0 : static_cast<std::size_t>(dims[0]);
  const auto period = read_as<int64_t>(e, "period", n, path);
  const auto time = read_as<int64_t>(e, "time", n, path);
  const auto type = read_strings_n(e, "type", n, path);
  const auto subject = read_strings_n(e, "subject", n, path);
  const auto cause = read_strings_n(e, "cause", n, path);
  for (std::size_t k = 0; k < n; ++k)
    l.events.push_back({period[k], time[k], type[k], subject[k], cause[k]});
}

void read_contents(const h5::File& f, RunData& run, const std::filesystem::path& path) {
  run.scenario = f.has_attr("scenario_name") ? f.attr_string("scenario_name") : "";
  run.seed = f.has_attr("seed") ? f.attr_int("seed") : 0;
  run.replicate = f.has_attr("replicate") ? f.attr_int("replicate") : 0;
  run.detail = f.has_attr("detail") ? f.attr_string("detail") : "summary";

  if (f.exists("summary")) {
    const auto g = f.open_group("summary");
    for (const auto& name : g.children()) {
      const auto d = g.open_dataset(name);
      const auto a = d.read<double>();
      if (a.values.size() != 1) continue;  // the contract has scalars only
      run.summary.push_back({name, a.values[0], d.has_attr("units") ? d.attr_string("units") : "",
                             d.has_attr("description") ? d.attr_string("description") : ""});
    }
  }
  if (run.detail == "summary") return;

  for (const char* group : {"participants", "producers", "periods"})
    if (!f.exists(group))
      fail(path, fmt::format("missing group /{} (detail {})", group, run.detail));
  const auto pg = f.open_group("participants");
  run.ids = read_strings(pg, "id", path);
  const std::size_t n = run.ids.size();
  run.kinds = read_strings(pg, "kind", path);
  if (run.kinds.size() != n) fail(path, "/participants/kind and /participants/id differ in size");
  run.income = read_doubles(pg, "income_eur_per_year", n, path);
  run.income_decile = cast_vector<int32_t>(read_doubles(pg, "income_decile", n, path));
  run.low_income = cast_vector<uint8_t>(read_doubles(pg, "low_income", n, path));
  run.consumption_units = read_doubles(pg, "consumption_units", n, path);
  run.producers = read_strings(f.open_group("producers"), "id", path).size();

  if (f.exists("time")) {
    const auto t = f.open_group("time").open_dataset("start");
    const auto dims = t.dims();
    const double steps = dims.empty() ? 0.0 : static_cast<double>(dims[0]);
    const double step =
        t.has_attr("step_seconds") ? static_cast<double>(t.attr_int("step_seconds")) : 0.0;
    run.covered_seconds = steps * step;
  }
  read_periods(f, run, path);
  if (f.exists("sharing")) read_sharing(f, run, path);
  read_governance(f, run, path);
  read_dynamics(f, run, path);
  read_lifecycle(f, run, path);
}

}  // namespace

std::string hdf5_filetype(const std::filesystem::path& path) {
  const auto f = open_hdf5(path);
  return f.has_attr("filetype") ? f.attr_string("filetype") : std::string();
}

RunData read_run_file(const std::filesystem::path& path) {
  auto f = open_hdf5(path);
  RunData run;
  run.path = path.string();
  try {
    const std::string type = f.has_attr("filetype") ? f.attr_string("filetype") : "";
    if (type != "accord-run") {
      fail(path, type.empty() ? "not an accord file (no filetype attribute)"
                              : fmt::format("filetype is {}, expected accord-run", type));
    }
    run.format_version =
        f.has_attr("format_version") ? f.attr_ints("format_version") : std::vector<int64_t>{};
    if (run.format_version.empty() || run.format_version[0] != 1) {
      fail(path, fmt::format("unsupported format_version {} (this reader knows 1.x)",
                             run.format_version.empty() ? -1 : run.format_version[0]));
    }
    if (!f.has_attr("complete") || f.attr_int("complete") != 1)
      fail(path, "incomplete run file (complete != 1: the run did not finish writing)");
    read_contents(f, run, path);
  } catch (const IoError& e) {
    fail(path, fmt::format("unreadable run file: {}", e.what()));
  }
  return run;
}

}  // namespace accord::analysis
