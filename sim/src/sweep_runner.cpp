#include "accord/sim/sweep/runner.hpp"

#include <fmt/format.h>
#include <hdf5.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

#include "accord/sim/atomic_text_file.hpp"
#include "accord/sim/h5/h5.hpp"
#include "accord/sim/h5/library.hpp"
#include "accord/sim/output_path.hpp"
#include "accord/sim/parallel.hpp"
#include "accord/sim/rng.hpp"
#include "accord/sim/sweep/progress.hpp"

namespace accord::sim::sweep {

namespace fs = std::filesystem;

namespace {

enum class Status { kMissing, kOk, kFailed };

const char* status_name(Status s) {
  switch (s) {
    case Status::kOk:
      return "ok";
    case Status::kFailed:
      return "failed";
    case Status::kMissing:
      break;
  }
  return "missing";
}

// What the sweep keeps of a run: its status, its error and its KPI values by column number
// (names and units are kept once, in KpiColumns): ~16 bytes per KPI and run.
struct RunRecord {
  Status status = Status::kMissing;
  std::string error;
  std::vector<std::pair<int32_t, double>> kpis;
};

struct KpiColumn {
  std::string name;
  std::string units;
  std::string description;
};

// The union of KPI names over all runs, shared by the worker threads.
class KpiColumns {
 public:
  std::vector<std::pair<int32_t, double>> intern(const std::vector<RunKpi>& kpis) {
    std::lock_guard lock(mutex_);
    std::vector<std::pair<int32_t, double>> out;
    out.reserve(kpis.size());
    for (const auto& k : kpis) {
      auto [it, added] = index_.try_emplace(k.name, static_cast<int32_t>(columns_.size()));
      if (added) columns_.push_back({k.name, k.units, k.description});
      out.emplace_back(it->second, k.value);
    }
    return out;
  }
  // Column numbers sorted by name: the same columns whatever the order in which runs
  // finished or were read back.
  std::vector<int32_t> sorted() const {
    std::vector<int32_t> out;
    for (const auto& [name, i] : index_) out.push_back(i);
    return out;
  }
  const KpiColumn& operator[](int32_t i) const { return columns_[static_cast<size_t>(i)]; }

 private:
  std::mutex mutex_;
  std::map<std::string, int32_t> index_;
  std::vector<KpiColumn> columns_;
};

std::string error_file(const fs::path& runs_dir, int64_t id) {
  return (runs_dir / fmt::format("run-{:06}.error", id)).string();
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The process id in a temporary name `<name>.tmp-<pid>`, or 0.
long temp_owner(const std::string& name) {
  const auto at = name.rfind(".tmp-");
  if (at == std::string::npos || at + 5 == name.size()) return 0;
  long pid = 0;
  for (size_t i = at + 5; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9' || pid > 1'000'000'000) return 0;
    pid = pid * 10 + (name[i] - '0');
  }
  return pid;
}

bool process_alive(long pid) {
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

// The run id of `run-NNNNNN.<anything>`, or -1.
int64_t run_id_of(const std::string& name) {
  if (name.rfind("run-", 0) != 0) return -1;
  int64_t id = 0;
  size_t i = 4;
  for (; i < name.size() && name[i] >= '0' && name[i] <= '9'; ++i) id = id * 10 + (name[i] - '0');
  return i > 4 && i < name.size() && name[i] == '.' ? id : -1;
}

// --resume: removes what killed runs left behind, `<file>.tmp-<pid>` of a process that no
// longer runs here, for the run files of this shard and (when this call gathers) the sweep
// file and table. A temporary of a live process (another shard writing now) is left alone.
int64_t remove_stale_temporaries(const fs::path& dir, const fs::path& runs_dir,
                                 const RunnerOptions& options) {
  int64_t removed = 0;
  const auto sweep_in = [&](const fs::path& folder, bool runs) {
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      const long pid = temp_owner(name);
      if (pid <= 0 || process_alive(pid)) continue;
      if (runs) {
        const int64_t id = run_id_of(name);
        if (id < 0 || id % options.shard_count != options.shard_index) continue;
      } else if (options.shard_count > 1 ||
                 (name.rfind("sweep.h5.tmp-", 0) != 0 && name.rfind("summary.csv.tmp-", 0) != 0)) {
        continue;
      }
      std::error_code removed_ec;
      if (fs::remove(it->path(), removed_ec)) ++removed;
    }
  };
  sweep_in(runs_dir, true);
  sweep_in(dir, false);
  return removed;
}

// The KPIs a finished run file holds under /summary (scalar float64 datasets).
std::vector<RunKpi> read_kpis(const std::string& path) {
  std::vector<RunKpi> out;
  const h5::File f = h5::File::open(path);
  if (!f.exists("summary")) return out;
  const h5::Group g = f.open_group("summary");
  for (const auto& name : g.children()) {
    const h5::Dataset d = g.open_dataset(name);
    if (d.is_string()) continue;
    const auto a = d.read<double>();
    if (a.values.size() != 1) continue;
    RunKpi k{name, a.values[0], "", ""};
    if (d.has_attr("units")) k.units = d.attr_string("units");
    if (d.has_attr("description")) k.description = d.attr_string("description");
    out.push_back(std::move(k));
  }
  return out;
}

// The records of the runs a process made, as bytes for the root (Distribution::gather):
// per run its id, status, error and KPIs by name (column numbers are local to a process).
// Values travel as their bits, so the root's tables are those of a single process.
void put_u64(std::string& out, uint64_t v) {
  char b[8];
  std::memcpy(b, &v, 8);
  out.append(b, 8);
}
void put_str(std::string& out, const std::string& s) {
  put_u64(out, s.size());
  out += s;
}

class Reader {
 public:
  explicit Reader(const std::string& in) : in_(in) {}
  bool done() const { return pos_ == in_.size(); }
  uint64_t u64() {
    need(8);
    uint64_t v = 0;
    std::memcpy(&v, in_.data() + pos_, 8);
    pos_ += 8;
    return v;
  }
  std::string str() {
    const uint64_t n = u64();
    need(n);
    std::string s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }

 private:
  void need(uint64_t n) const {
    if (n > in_.size() - pos_) throw IoError("sweep: truncated run records from another rank");
  }
  const std::string& in_;
  size_t pos_ = 0;
};

std::string serialize_records(const std::vector<int64_t>& ids,
                              const std::vector<RunRecord>& records, const KpiColumns& kpis) {
  std::string out;
  for (const int64_t id : ids) {
    const RunRecord& r = records[static_cast<size_t>(id)];
    if (r.status == Status::kMissing) continue;
    put_u64(out, static_cast<uint64_t>(id));
    put_u64(out, r.status == Status::kOk ? 1 : 2);
    put_str(out, r.error);
    put_u64(out, r.kpis.size());
    for (const auto& [c, v] : r.kpis) {
      const KpiColumn& col = kpis[c];
      put_str(out, col.name);
      put_str(out, col.units);
      put_str(out, col.description);
      put_u64(out, std::bit_cast<uint64_t>(v));
    }
  }
  return out;
}

// Adds the records of `payload` to `records`; returns {runs, failed} it held.
std::pair<int64_t, int64_t> deserialize_records(const std::string& payload,
                                                std::vector<RunRecord>& records, KpiColumns& kpis) {
  Reader in(payload);
  int64_t runs = 0;
  int64_t failed = 0;
  while (!in.done()) {
    const uint64_t id = in.u64();
    if (id >= records.size()) throw IoError("sweep: run id out of range from another rank");
    RunRecord& r = records[id];
    r.status = in.u64() == 1 ? Status::kOk : Status::kFailed;
    r.error = in.str();
    const uint64_t n = in.u64();
    std::vector<RunKpi> values;
    for (uint64_t k = 0; k < n; ++k) {
      RunKpi kpi;
      kpi.name = in.str();
      kpi.units = in.str();
      kpi.description = in.str();
      kpi.value = std::bit_cast<double>(in.u64());
      values.push_back(std::move(kpi));
    }
    r.kpis = kpis.intern(values);
    ++runs;
    if (r.status == Status::kFailed) ++failed;
  }
  return {runs, failed};
}

std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\r', ' ');
  return s;
}

double kpi_value(const RunRecord& r, int32_t column) {
  for (const auto& [c, v] : r.kpis)
    if (c == column) return v;
  return std::numeric_limits<double>::quiet_NaN();
}

// A factor's display names for reports (attributes of its /design column): `label`, and
// `levels` / `labels`, the values' text and names joined by newlines, in the file's order.
void write_display_names(h5::Dataset column, const SweepSpec& spec, const std::string& path) {
  const auto p = std::find_if(spec.parameters.begin(), spec.parameters.end(),
                              [&](const Parameter& q) { return q.path == path; });
  if (p == spec.parameters.end()) return;
  if (!p->label.empty()) column.set_attr_string("label", p->label);
  if (p->labels.empty()) return;
  std::string levels, labels;
  for (size_t i = 0; i < p->labels.size(); ++i) {
    levels += (i ? "\n" : "") + one_line(p->levels[i].text);
    labels += (i ? "\n" : "") + one_line(p->labels[i]);
  }
  column.set_attr_string("levels", levels);
  column.set_attr_string("labels", labels);
}

void write_sweep_h5(const std::string& path, const SweepSpec& spec, const Design& design,
                    const std::vector<RunRecord>& records, const KpiColumns& kpis) {
  const auto n = static_cast<int64_t>(records.size());
  const auto reps = static_cast<int64_t>(spec.replicates);
  h5::AtomicFile out(path);
  h5::File& file = out.file();
  file.set_attr_string("filetype", "accord-sweep");
  const int32_t version[2] = {1, 0};
  file.set_attr_ints("format_version", version);
#ifdef ACCORD_VERSION
  file.set_attr_string("accord_version", ACCORD_VERSION);
#endif
#ifdef ACCORD_GIT_SHA
  file.set_attr_string("git_sha", ACCORD_GIT_SHA);
#endif
  file.set_attr_string("sweep_name", spec.name);
  file.set_attr_string("base", spec.base);
  file.set_attr_int("seed", static_cast<int64_t>(spec.seed));
  file.set_attr_int("replicates", reps);
  file.set_attr_int("runs", n);
  file.set_attr_string("detail", spec.detail);
  if (!spec.source_file.empty() && fs::is_regular_file(spec.source_file))
    file.write_string("sweep_yaml", read_text(spec.source_file),
                      h5::WriteOptions::with("", "The sweep file as given"));

  std::vector<int64_t> run_id(static_cast<size_t>(n)), point(run_id.size()),
      replicate(run_id.size()), seed(run_id.size());
  std::vector<std::string> status(run_id.size()), error(run_id.size());
  for (int64_t i = 0; i < n; ++i) {
    const auto u = static_cast<size_t>(i);
    run_id[u] = i;
    point[u] = i / reps;
    replicate[u] = i % reps;
    seed[u] = static_cast<int64_t>(replicate_seed(spec.seed, static_cast<uint32_t>(i % reps)));
    status[u] = status_name(records[u].status);
    error[u] = records[u].error;
  }
  h5::Group dg = file.create_group("design");
  dg.set_attr_string("description", "One row per run: the design point and how the run went");
  dg.set_attr_string("type", design_type_name(design.type));
  std::string params;
  for (const auto& c : design.columns) params += (params.empty() ? "" : "\n") + c;
  dg.set_attr_string("parameters", params);
  std::string fixed;
  for (const auto& f : spec.fixed) fixed += (fixed.empty() ? "" : "\n") + f;
  dg.set_attr_string("set", fixed);
  dg.set_attr_int("points", static_cast<int64_t>(design.points.size()));
  dg.set_attr_int("replicates", reps);
  if (design.samples) dg.set_attr_int("samples", design.samples);
  if (design.type == DesignType::kSaltelli)
    dg.set_attr_string("layout", "points in blocks of `samples`: A, B, A_B^(1), ..., A_B^(k)");
  if (design.type == DesignType::kMorris) {
    dg.set_attr_int("trajectories", design.trajectories);
    dg.set_attr_int("levels", design.levels);
    dg.set_attr_double("delta", design.delta);
    // Not a column of /design (its length is r k, not the number of runs).
    file.create_group("morris").write_1d(
        "changed", design.morris_changed,
        h5::WriteOptions::with("1",
                               "Morris: index of the parameter moved at each step, "
                               "[trajectories * parameters], trajectory after trajectory"));
  }
  const auto meta = [](const char* units, const char* what) {
    return h5::WriteOptions::with(units, what);
  };
  dg.write_1d("run_id", run_id, meta("1", "Run id = point * replicates + replicate"));
  dg.write_1d("point", point, meta("1", "Design point (row of the design)"));
  dg.write_1d("replicate", replicate, meta("1", "Replicate index"));
  dg.write_1d("seed", seed, meta("1", "Seed of the run (same for a replicate at every point)"));
  dg.write_strings("status", status, meta("", "ok | failed | missing"));
  dg.write_strings("error", error, meta("", "Error of a failed run, empty otherwise"));
  for (size_t c = 0; c < design.columns.size(); ++c) {
    const std::string what = "Parameter " + design.columns[c];
    if (design.numeric[c]) {
      std::vector<double> v(static_cast<size_t>(n));
      for (int64_t i = 0; i < n; ++i)
        v[static_cast<size_t>(i)] = *design.points[static_cast<size_t>(i / reps)][c].number;
      dg.write_1d(design.columns[c], v, h5::WriteOptions::with("", what));
    } else {
      std::vector<std::string> v(static_cast<size_t>(n));
      for (int64_t i = 0; i < n; ++i)
        v[static_cast<size_t>(i)] = design.points[static_cast<size_t>(i / reps)][c].text;
      dg.write_strings(design.columns[c], v, h5::WriteOptions::with("", what));
    }
    write_display_names(dg.open_dataset(design.columns[c]), spec, design.columns[c]);
  }

  h5::Group sg = file.create_group("summary");
  sg.set_attr_string("description", "One row per run: its scalar KPIs (NaN when not ok)");
  for (const int32_t c : kpis.sorted()) {
    const KpiColumn& col = kpis[c];
    std::vector<double> v(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i)
      v[static_cast<size_t>(i)] = kpi_value(records[static_cast<size_t>(i)], c);
    sg.write_1d(col.name, v,
                h5::WriteOptions::with(col.units.empty() ? "1" : col.units, col.description));
  }

  h5::Group rg = file.create_group("runs");
  rg.set_attr_string("description", "External links to the complete run files");
  for (int64_t i = 0; i < n; ++i) {
    if (records[static_cast<size_t>(i)].status != Status::kOk) continue;
    const std::string target = "runs/" + run_file_name(i);
    const std::string link = fs::path(run_file_name(i)).stem().string();
    if (H5Lcreate_external(target.c_str(), "/", rg.id(), link.c_str(), H5P_DEFAULT, H5P_DEFAULT) <
        0)
      rg.fail("create external link", link);
  }
  file.set_attr_int("complete", 1);
  out.commit();
}

void write_summary_csv(const std::string& path, const SweepSpec& spec, const Design& design,
                       const std::vector<RunRecord>& records, const KpiColumns& kpis) {
  const auto reps = static_cast<int64_t>(spec.replicates);
  const auto cols = kpis.sorted();
  std::ostringstream out;
  out.precision(17);
  out << "run_id,point,replicate,seed,status";
  for (const auto& c : design.columns) out << "," << csv_field(c);
  for (const int32_t c : cols) out << "," << csv_field(kpis[c].name);
  out << ",error\n";
  for (size_t i = 0; i < records.size(); ++i) {
    const auto id = static_cast<int64_t>(i);
    const auto r = static_cast<uint32_t>(id % reps);
    out << id << "," << id / reps << "," << r << "," << replicate_seed(spec.seed, r) << ","
        << status_name(records[i].status);
    for (const auto& v : design.points[static_cast<size_t>(id / reps)])
      out << "," << csv_field(v.text);
    for (const int32_t c : cols) {
      const double v = kpi_value(records[i], c);
      out << ",";
      if (!std::isnan(v)) out << v;
    }
    out << "," << csv_field(records[i].error) << "\n";
  }
  write_text_file_atomically(path, out.str());
}

}  // namespace

std::unique_lock<std::mutex> h5_serial_lock() {
  if (h5::library_threadsafe()) return {};
  return std::unique_lock(h5_mutex());
}

std::mutex& h5_mutex() {
  static std::mutex m;
  return m;
}

uint64_t replicate_seed(uint64_t sweep_seed, uint32_t replicate) {
  const RandomStream rs(sweep_seed, 0, Purpose::kSweep, entity_key(std::string_view("seeds")));
  uint64_t w[4];
  rs.raw(replicate, 0, w);
  return w[0] & ((uint64_t{1} << 53) - 1);
}

int64_t run_count(const SweepSpec& spec, const Design& design) {
  return static_cast<int64_t>(design.points.size()) * static_cast<int64_t>(spec.replicates);
}

std::string run_file_name(int64_t run_id) {
  return fmt::format("run-{:06}.h5", run_id);
}

RunRequest make_request(const SweepSpec& spec, const Design& design, int64_t run_id,
                        const std::string& output_dir) {
  RunRequest r;
  const auto reps = static_cast<int64_t>(spec.replicates);
  r.run_id = run_id;
  r.point = run_id / reps;
  r.replicate = static_cast<uint32_t>(run_id % reps);
  r.seed = replicate_seed(spec.seed, r.replicate);
  r.base = spec.base;
  const auto& row = design.points.at(static_cast<size_t>(r.point));
  r.overrides = spec.fixed;
  for (size_t c = 0; c < design.columns.size(); ++c) {
    if (design.columns[c] == kBaseParameter)
      r.base = resolve_base(spec, row[c].text);  // the scenario is a factor
    else
      r.overrides.push_back(design.columns[c] + "=" + row[c].text);
  }
  r.output_path = (fs::path(output_dir) / "runs" / run_file_name(run_id)).string();
  r.detail = spec.detail;
  return r;
}

bool run_file_complete(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return false;
  const auto lock = h5_serial_lock();
  try {
    const h5::File f = h5::File::open(path);
    return f.has_attr("complete") && f.attr_int("complete") == 1;
  } catch (const Error&) {
    return false;  // unreadable: a run cut short; it is made again
  }
}

SweepOutcome run_sweep(const SweepSpec& spec, const Design& design, const RunFunction& run,
                       const RunnerOptions& options) {
  if (options.shard_count < 1 || options.shard_index < 0 ||
      options.shard_index >= options.shard_count)
    throw ConfigError(SourceLocation{"--shard", 0, 0},
                      fmt::format("invalid shard {}/{}: expected I/N with 0 <= I < N",
                                  options.shard_index, options.shard_count));
  const std::string dir = options.output_dir.empty() ? spec.output_dir : options.output_dir;
  const fs::path runs_dir = fs::path(dir) / "runs";
  std::error_code ec;
  fs::create_directories(runs_dir, ec);
  if (ec) throw IoError(fmt::format("cannot create {}: {}", runs_dir.string(), ec.message()));

  SweepOutcome outcome;
  outcome.runs = run_count(spec, design);
  std::vector<RunRecord> records(static_cast<size_t>(outcome.runs));
  KpiColumns kpis;
  Distribution* const dist = options.distribution;
  const bool root = dist == nullptr || dist->rank() == 0;
  std::vector<int64_t> todo;
  if (root && options.shard_count == 1) {
    // Refused now rather than after the runs (the writers check again).
    check_output_path(fs::path(dir) / "sweep.h5");
    check_output_path(fs::path(dir) / "summary.csv");
  }
  if (root) {
    if (options.resume)
      outcome.temporaries_removed = remove_stale_temporaries(dir, runs_dir, options);
    for (int64_t id = 0; id < outcome.runs; ++id) {
      if (id % options.shard_count != options.shard_index) continue;
      const std::string path = (runs_dir / run_file_name(id)).string();
      if (options.resume && run_file_complete(path)) {
        if (!options.run_is_current ||
            options.run_is_current(make_request(spec, design, id, dir), path)) {
          ++outcome.skipped;
          continue;
        }
        ++outcome.stale;  // made again below, replacing the file
      }
      todo.push_back(id);
    }
  }
  if (dist) dist->share(todo);

  Progress progress(options.progress, options.progress_is_terminal,
                    static_cast<int64_t>(todo.size()), options.progress_every);
  std::atomic<int64_t> started{0};
  std::atomic<int64_t> done{0};
  std::atomic<int64_t> failed{0};
  const unsigned threads = options.threads > 0 ? options.threads : default_threads();
  std::vector<int64_t> mine;  // the runs made by this process (distributed sweeps)
  std::mutex mine_mutex;
  const auto body = [&](int64_t i) {
    if (options.stop_after && started.fetch_add(1) >= *options.stop_after) return false;
    const int64_t id = todo[static_cast<size_t>(i)];
    const RunRequest req = make_request(spec, design, id, dir);
    RunRecord& rec = records[static_cast<size_t>(id)];
    const std::string err_path = error_file(runs_dir, id);
    try {
      rec.kpis = kpis.intern(run(req));
      rec.status = Status::kOk;
      std::error_code ignored;
      fs::remove(err_path, ignored);
    } catch (const std::exception& e) {
      rec.status = Status::kFailed;
      rec.error = one_line(e.what());
      rec.kpis.clear();
      ++failed;
      std::error_code ignored;
      fs::remove(req.output_path, ignored);  // a stale file from an earlier sweep
      try {
        write_text_file_atomically(err_path, rec.error + "\n");
      } catch (const Error&) {
        // The error stays in the sweep file; the side file only serves shards and resume.
      }
    }
    ++done;
    progress.tick(rec.status == Status::kFailed);
    if (dist) {
      std::lock_guard lock(mine_mutex);
      mine.push_back(id);
    }
    return rec.status == Status::kFailed;
  };
  const auto count = static_cast<int64_t>(todo.size());
  if (dist)
    dist->run(count, threads, body, progress);
  else
    parallel_for(count, threads, body);
  progress.finish();
  outcome.executed = done.load();
  outcome.failed = failed.load();
  if (dist) {
    // Every rank's records to the root, which then holds the same table as one process.
    std::sort(mine.begin(), mine.end());
    const auto payloads =
        dist->gather(root ? std::string() : serialize_records(mine, records, kpis));
    if (!root) return outcome;
    for (const auto& p : payloads) {
      const auto [runs, bad] = deserialize_records(p, records, kpis);
      outcome.executed += runs;
      outcome.failed += bad;
    }
  }
  for (const int64_t id : todo) {  // in run id order: the same line whatever the threads
    const RunRecord& rec = records[static_cast<size_t>(id)];
    if (rec.status != Status::kFailed) continue;
    outcome.first_error = fmt::format("run-{:06}: {}", id, rec.error);
    break;
  }
  if (options.shard_count > 1) {
    // One shard of several: the gathering (and the sweep file) is a later call's job.
    outcome.missing = count - outcome.executed;
    return outcome;
  }

  // Gather: the runs not made here come from their files (or their error files).
  for (int64_t id = 0; id < outcome.runs; ++id) {
    RunRecord& rec = records[static_cast<size_t>(id)];
    if (rec.status != Status::kMissing) continue;
    const std::string path = (runs_dir / run_file_name(id)).string();
    if (run_file_complete(path)) {
      const auto lock = h5_serial_lock();
      try {
        rec.kpis = kpis.intern(read_kpis(path));
        rec.status = Status::kOk;
      } catch (const Error& e) {
        rec.status = Status::kFailed;
        rec.error = one_line(e.what());
      }
    } else if (const std::string ep = error_file(runs_dir, id); fs::is_regular_file(ep)) {
      rec.status = Status::kFailed;
      rec.error = one_line(read_text(ep));
      while (!rec.error.empty() && rec.error.back() == ' ') rec.error.pop_back();
    }
    if (rec.status == Status::kMissing) ++outcome.missing;
  }

  outcome.sweep_file = (fs::path(dir) / "sweep.h5").string();
  outcome.summary_csv = (fs::path(dir) / "summary.csv").string();
  {
    const auto lock = h5_serial_lock();
    write_sweep_h5(outcome.sweep_file, spec, design, records, kpis);
  }
  write_summary_csv(outcome.summary_csv, spec, design, records, kpis);
  return outcome;
}

}  // namespace accord::sim::sweep
