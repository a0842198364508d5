// Faults around the output of `accord`, each a defect of issue 13 kept fixed: a full disk
// (RLIMIT_FSIZE with SIGXFSZ ignored, so writes fail with EFBIG as on a full file system,
// without root), output paths that are not regular files or are the run's own inputs, stale
// runs under --resume, standard output that cannot be written, SIGTERM during a run and a
// sweep, a negative --seed, damaged input files. Every refusal is one line on stderr.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "run_helpers.hpp"

extern char** environ;

using namespace accord::test;
namespace fs = std::filesystem;
namespace h5 = accord::sim::h5;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

size_t lines(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

// Every file under `dir` whose name holds a temporary suffix (error codes, not exceptions:
// accord may be renaming files meanwhile).
std::vector<std::string> temporaries(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.find(".tmp") != std::string::npos) out.push_back(it->path().string());
  }
  return out;
}

// Runs `accord ARGS` under `sh -c`, with `prefix` shell commands first (ulimit, trap); stdout
// to dir/stdout.txt, stderr captured.
CommandResult run_shell(const std::string& prefix, const std::string& args, const fs::path& dir) {
  const auto out = dir / "stdout.txt";
  const auto err = dir / "stderr.txt";
  const std::string inner = prefix + " exec " + std::string(ACCORD_BINARY) + " " + args + " > " +
                            out.string() + " 2> " + err.string();
  const std::string cmd = "sh -c '" + inner + "'";
  const int raw = std::system(cmd.c_str());
  CommandResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + (WIFSIGNALED(raw) ? WTERMSIG(raw) : 0);
  r.err = read_file(err);
  return r;
}

// A file-size limit of `kib` KiB with SIGXFSZ ignored: writes past it fail with EFBIG, as
// writes fail with ENOSPC on a full file system.
std::string file_size_limit(int kib) {
  return "ulimit -f " + std::to_string(kib) + "; trap \"\" XFSZ;";
}

// Starts `accord ARGS` in the background (output to files in `dir`); returns its pid.
pid_t spawn_accord(const std::vector<std::string>& args, const fs::path& dir) {
  std::vector<std::string> argv_s = {ACCORD_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string out = (dir / "stdout.txt").string();
  const std::string err = (dir / "stderr.txt").string();
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, ACCORD_BINARY, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(rc == 0);
  return pid;
}

// Polls every millisecond until `ready()` or `seconds` passed; false on timeout.
template <typename F>
bool wait_until(F ready, double seconds) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < end) {
    if (ready()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return false;
}

bool complete_run_file(const fs::path& path) {
  try {
    const auto f = h5::File::open(path.string());
    return f.has_attr("complete") && f.attr_int("complete") == 1;
  } catch (const std::exception&) {
    return false;
  }
}

// The worked example (CSV inputs) copied into `dir`, so that its files may be targeted.
fs::path copy_worked_example(const fs::path& dir) {
  fs::copy(source_path("scenarios/worked-example.yaml"), dir / "worked-example.yaml");
  fs::create_directories(dir / "data");
  fs::copy(source_path("scenarios/data/worked-example"), dir / "data" / "worked-example",
           fs::copy_options::recursive);
  return dir / "worked-example.yaml";
}

std::string worked_example() {
  return source_path("scenarios/worked-example.yaml");
}

// A small run file to analyze.
fs::path make_run(const fs::path& dir) {
  const auto out = dir / "w.h5";
  const auto r = run_accord("run " + worked_example() + " -q -o " + out.string(), dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  return out;
}

fs::path write_sweep(const fs::path& dir, const std::string& end, const std::string& body) {
  const auto path = dir / "sweep.yaml";
  write_file(path, "accord_sweep: 1\nbase: " + source_path("scenarios/quartier-mixte.yaml") +
                       "\nset: {time.end: " + end + "}\n" + body);
  return path;
}

}  // namespace

TEST_CASE("faults: run onto a full disk fails with one line, exit 1, no file left",
          "[integration][faults]") {
  const auto dir = scratch("faults-full-disk-run");
  const auto out = dir / "w.h5";
  const auto r =
      run_shell(file_size_limit(40), "run " + worked_example() + " -q -o " + out.string(), dir);
  INFO(r.err);
  CHECK(r.status == 1);  // was 139: SIGSEGV in HDF5's clean-up at exit after a failed close
  CHECK(lines(r.err) == 1);
  CHECK(r.err.find(out.string()) != std::string::npos);
  CHECK(r.err.find("File too large") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  CHECK(temporaries(dir).empty());
}

TEST_CASE("faults: sweep onto a full disk fails, exit 1, no temporary left",
          "[integration][faults]") {
  const auto dir = scratch("faults-full-disk-sweep");
  const auto sweep =
      write_sweep(dir, "2025-01-15",
                  "parameters: [{path: community.internal_price.eur_per_kwh, values: [0.1]}]\n");
  const auto r =
      run_shell(file_size_limit(100),
                "sweep " + sweep.string() + " -j 1 -q -o " + (dir / "out").string(), dir);
  INFO(r.err);
  CHECK(r.status == 1);
  CHECK(r.err.find("File too large") != std::string::npos);
  CHECK(r.err.find("HDF5-DIAG") == std::string::npos);
  CHECK(temporaries(dir).empty());
}

TEST_CASE("faults: outputs never replace a FIFO, a directory or a symbolic link",
          "[integration][faults]") {
  const auto dir = scratch("faults-output-kind");
  const auto run_file = make_run(dir);
  const auto fifo = dir / "fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  const auto target = dir / "target.h5";
  write_file(target, "keep");
  const auto link = dir / "link.h5";
  fs::create_symlink(target, link);
  fs::create_directories(dir / "folder");

  struct Case {
    std::string args;
    fs::path path;
    std::string says;
  };
  const std::string run = "run " + worked_example() + " -q -o ";
  const std::string analyze = "analyze " + run_file.string() + " --format csv -o ";
  const std::string report = "report " + run_file.string() + " -o ";
  const std::vector<Case> cases = {
      {run + fifo.string(), fifo, "FIFO"},
      {run + link.string(), link, "symbolic link"},
      {run + (dir / "folder").string(), dir / "folder", "directory"},
      {analyze + fifo.string(), fifo, "FIFO"},
      {analyze + link.string(), link, "symbolic link"},
      {report + fifo.string(), fifo, "FIFO"},
      {report + link.string(), link, "symbolic link"},
  };
  for (const auto& c : cases) {
    const auto r = run_accord(c.args, dir);
    INFO(c.args);
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK(lines(r.err) == 1);
    CHECK(r.err.find(c.path.string() + ": cannot write the output here") == 0);
    CHECK(r.err.find(c.says) != std::string::npos);
  }
  // A sweep's file: refused before any run.
  const auto sweep =
      write_sweep(dir, "2025-01-08",
                  "parameters: [{path: community.internal_price.eur_per_kwh, values: [0.1]}]\n");
  fs::create_directories(dir / "out");
  fs::create_symlink(target, dir / "out" / "sweep.h5");
  const auto r = run_accord("sweep " + sweep.string() + " -q -o " + (dir / "out").string(), dir);
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(lines(r.err) == 1);
  CHECK(r.err.find("symbolic link") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out" / "runs" / "run-000000.h5"));
  CHECK(fs::is_fifo(fifo));
  CHECK(fs::is_symlink(link));
  CHECK(read_file(target) == "keep");
  CHECK(fs::is_directory(dir / "folder"));
  CHECK(temporaries(dir).empty());
}

TEST_CASE("faults: an output that is one of the run's inputs is refused", "[integration][faults]") {
  const auto dir = scratch("faults-output-is-input");
  const auto scenario = copy_worked_example(dir);
  const auto csv = dir / "data" / "worked-example" / "c2.csv";
  const std::string scenario_text = read_file(scenario);
  const std::string csv_text = read_file(csv);
  for (const auto& out : {scenario, csv}) {
    const auto r = run_accord("run " + scenario.string() + " -q -o " + out.string(), dir);
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK(lines(r.err) == 1);
    CHECK(r.err.find("is an input of the run") != std::string::npos);
  }
  // The same file under another name (relative path, through a linked folder) too.
  fs::create_directory_symlink(dir / "data", dir / "alias");
  const auto r = run_accord("run " + scenario.string() + " -q -o " +
                                (dir / "alias" / "worked-example" / "c2.csv").string(),
                            dir);
  CHECK(r.status == 2);
  CHECK(read_file(scenario) == scenario_text);
  CHECK(read_file(csv) == csv_text);

  const auto run_file = make_run(dir);
  const auto a = run_accord("analyze " + run_file.string() + " -o " + run_file.string(), dir);
  CHECK(a.status == 2);
  CHECK(a.err.find("is an input of the run") != std::string::npos);
  const auto rep = run_accord("report " + run_file.string() + " -o " + run_file.string(), dir);
  CHECK(rep.status == 2);
  CHECK(complete_run_file(run_file));
}

TEST_CASE("faults: --resume makes again the runs whose scenario changed",
          "[integration][faults][sweep]") {
  const auto dir = scratch("faults-resume-stale");
  const auto out = dir / "out";
  const auto sweep = write_sweep(
      dir, "2025-01-08",
      "parameters: [{path: community.internal_price.eur_per_kwh, values: [0.08, 0.12]}]\n");
  const auto first = run_accord("sweep " + sweep.string() + " -j 1 -q -o " + out.string(), dir);
  INFO(first.err);
  REQUIRE(first.status == 0);
  const auto run0 = out / "runs" / "run-000000.h5";
  const auto run1 = out / "runs" / "run-000001.h5";
  const auto kept = fs::last_write_time(run0);

  // The second value changes: run 1 is stale, run 0 is still current.
  write_sweep(dir, "2025-01-08",
              "parameters: [{path: community.internal_price.eur_per_kwh, values: [0.08, 0.13]}]\n");
  // Temporaries of killed runs: of a process gone (removed) and of a live one (kept).
  const auto dead = out / "runs" / "run-000000.h5.tmp-2147480000";
  const auto live = out / "runs" / ("run-000000.h5.tmp-" + std::to_string(::getpid()));
  write_file(dead, "partial");
  write_file(live, "partial");
  const auto r =
      run_shell("", "sweep " + sweep.string() + " -j 1 --resume -o " + out.string(), dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  const std::string said = read_file(dir / "stdout.txt");
  INFO(said);
  CHECK(said.find("1 already complete (1 complete but made for another scenario") !=
        std::string::npos);
  CHECK(said.find("removed 1 temporary files of killed runs") != std::string::npos);
  CHECK(fs::last_write_time(run0) == kept);
  const auto f = h5::File::open(run1.string());
  const std::string yaml = f.open_group("scenario").open_dataset("yaml").read_string();
  CHECK(yaml.find("0.13") != std::string::npos);
  CHECK_FALSE(fs::exists(dead));
  CHECK(fs::exists(live));
}

TEST_CASE("faults: the hint after a shard names the output folder", "[integration][faults]") {
  const auto dir = scratch("faults-shard-hint");
  const auto sweep = write_sweep(
      dir, "2025-01-08",
      "parameters: [{path: community.internal_price.eur_per_kwh, values: [0.08, 0.12]}]\n");
  const auto out = dir / "out";
  const auto r = run_shell("", "sweep " + sweep.string() + " --shard 0/2 -o " + out.string(), dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(read_file(dir / "stdout.txt").find("--resume -o " + out.string()) != std::string::npos);
}

TEST_CASE("faults: analyze -o is atomic and lost standard output fails", "[integration][faults]") {
  const auto dir = scratch("faults-analyze-output");
  const auto run_file = make_run(dir);
  const auto out = dir / "table.csv";
  write_file(out, "old content");
  // The table is larger than the 1 KiB limit: the write fails, the old file stays whole.
  const auto r = run_shell(
      file_size_limit(1), "analyze " + run_file.string() + " --format csv -o " + out.string(), dir);
  INFO(r.err);
  CHECK(r.status == 1);
  CHECK(lines(r.err) == 1);
  CHECK(r.err.find(out.string()) != std::string::npos);
  CHECK(read_file(out) == "old content");
  CHECK(temporaries(dir).empty());

  for (const std::string& args : {std::string("schema"), "analyze " + run_file.string()}) {
    const std::string cmd =
        std::string(ACCORD_BINARY) + " " + args + " > /dev/full 2> " + (dir / "err.txt").string();
    const int raw = std::system(cmd.c_str());
    const std::string err = read_file(dir / "err.txt");
    INFO(args);
    INFO(err);
    CHECK((WIFEXITED(raw) && WEXITSTATUS(raw) == 1));
    CHECK(lines(err) == 1);
    CHECK(err.find("No space left on device") != std::string::npos);
  }
}

TEST_CASE("faults: SIGTERM during a run leaves neither the file nor its temporary",
          "[integration][faults]") {
  const auto dir = scratch("faults-sigterm-run");
  const auto out = dir / "q.h5";
  const pid_t pid = spawn_accord(
      {"run", source_path("scenarios/quartier-mixte.yaml"), "-q", "-j", "1", "-o", out.string()},
      dir);
  // Killed while the file is being written (its temporary exists).
  const bool writing = wait_until([&] { return !temporaries(dir).empty(); }, 300);
  ::kill(pid, SIGTERM);
  int raw = 0;
  ::waitpid(pid, &raw, 0);
  REQUIRE(writing);
  CHECK(WIFSIGNALED(raw));
  CHECK(WTERMSIG(raw) == SIGTERM);
  CHECK(temporaries(dir).empty());
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("faults: SIGTERM during a sweep keeps finished runs whole, no temporary",
          "[integration][faults][sweep]") {
  const auto dir = scratch("faults-sigterm-sweep");
  // At detail full each run's file takes milliseconds to write: a window the test can catch
  // (a summary file is written in well under the polling interval on a fast machine).
  const auto sweep = write_sweep(
      dir, "2025-02-01",
      "parameters: [{path: community.internal_price.eur_per_kwh, values: [0.08, 0.1, 0.12, "
      "0.14]}]\noutput: {detail: full}\n");
  const auto out = dir / "out";
  const pid_t pid =
      spawn_accord({"sweep", sweep.string(), "-j", "1", "-q", "-o", out.string()}, dir);
  // Killed while the second run's file is being written; a sweep that ended before (the
  // window missed) fails the test instead of waiting for the time limit.
  const auto second = [&] {
    for (const auto& t : temporaries(dir))
      if (t.find("run-000001.h5.tmp-") != std::string::npos) return true;
    return false;
  };
  bool writing = false;
  wait_until(
      [&] {
        writing = second();
        return writing || ::waitpid(pid, nullptr, WNOHANG) == pid;
      },
      300);
  ::kill(pid, SIGTERM);
  int raw = 0;
  ::waitpid(pid, &raw, 0);
  REQUIRE(writing);
  CHECK(WIFSIGNALED(raw));
  CHECK(temporaries(dir).empty());
  CHECK(complete_run_file(out / "runs" / "run-000000.h5"));
  CHECK_FALSE(fs::exists(out / "sweep.h5"));
}

TEST_CASE("faults: a negative --seed is refused", "[integration][faults]") {
  const auto dir = scratch("faults-seed");
  for (const char* seed : {"-1", "-0", "+5"}) {
    const auto r = run_accord(
        "run " + worked_example() + " -q --seed " + seed + " -o " + (dir / "w.h5").string(), dir);
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK(lines(r.err) == 1);
    CHECK(r.err.find("--seed") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "w.h5"));
  }
}

TEST_CASE("faults: a truncated file and a directory given to analyze and report say so",
          "[integration][faults]") {
  const auto dir = scratch("faults-damaged-input");
  const auto run_file = make_run(dir);
  const std::string bytes = read_file(run_file);
  const auto cut = dir / "cut.h5";
  write_file(cut, bytes.substr(0, bytes.size() / 2));
  const auto empty = dir / "empty.h5";
  write_file(empty, "");
  struct Case {
    fs::path input;
    std::string says;
  };
  for (const auto& c : {Case{cut, "truncated or damaged HDF5 file"}, Case{empty, "empty file"},
                        Case{dir, "is a directory"}}) {
    for (const std::string& command : {std::string("analyze "), std::string("report ")}) {
      const std::string args = command + c.input.string() +
                               (command == "report " ? " -o " + (dir / "r.html").string() : "");
      const auto r = run_accord(args, dir);
      INFO(args);
      INFO(r.err);
      CHECK(r.status == 2);
      CHECK(lines(r.err) == 1);
      CHECK(r.err.find(c.says) != std::string::npos);
    }
  }
}

TEST_CASE("faults: a damaged file on which libhdf5 loops forever ends with one line, exit 1",
          "[integration][faults]") {
  // Found by fuzz_run_reader: a global heap that makes H5Aread spin inside libhdf5 1.10. The
  // read watchdog ends the process after ACCORD_HDF5_READ_TIMEOUT seconds (2 here).
  const auto dir = scratch("faults-hdf5-loop");
  const std::string damaged = source_path("tests/data/damaged/hdf5-global-heap-loop.h5");
  for (const std::string command : {"analyze", "report"}) {
    const auto r = run_shell("export ACCORD_HDF5_READ_TIMEOUT=2;",
                             command + " " + damaged + " -o " + (dir / "out").string(), dir);
    INFO(command << ": " << r.err);
    CHECK(r.status == 1);
    CHECK(lines(r.err) == 1);
    CHECK(r.err.find("hdf5-global-heap-loop.h5: the HDF5 library has not returned for 2 s") !=
          std::string::npos);
    CHECK(r.err.find("damaged") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "out"));
    CHECK(temporaries(dir).empty());
  }
}

TEST_CASE("faults: a damaged file on which libhdf5 crashes ends with one line, exit 1",
          "[integration][faults]") {
  // Found by fuzz_run_reader: a global heap whose object sizes make H5HG_read memcpy overlapping
  // ranges, a SIGSEGV inside libhdf5 1.10 in a Release build. analyze and report read in a
  // child process (app/reading_child.hpp), so the crash becomes one line. Under the sanitizers
  // the library's fault is caught by ASan first: its report goes to a log file and the child
  // aborts, which the parent reports the same way.
  // A second file makes glibc abort on an invalid free() inside the library, after printing
  // its own message: the child's standard error is dropped after a fault, one line remains.
  const auto dir = scratch("faults-hdf5-crash");
  const std::string sanitizer_log = (dir / "sanitizer").string();
  for (const std::string name : {"hdf5-global-heap-overlap.h5", "hdf5-invalid-free.h5"}) {
    const std::string damaged = source_path("tests/data/damaged/" + name);
    for (const std::string command : {"analyze", "report"}) {
      const auto r = run_shell(
          "export ASAN_OPTIONS=log_path=" + sanitizer_log + ":abort_on_error=1:handle_segv=0;",
          command + " " + damaged + " -o " + (dir / "out").string(), dir);
      INFO(command << " " << name << ": " << r.err);
      CHECK(r.status == 1);
      CHECK(lines(r.err) == 1);
      CHECK(r.err.find(name + ": the HDF5 library crashed reading the file") != std::string::npos);
      CHECK(r.err.find("damaged") != std::string::npos);
      CHECK_FALSE(fs::exists(dir / "out"));
      CHECK(temporaries(dir).empty());
    }
  }
}

TEST_CASE("faults: analyze still prints and exits like one process", "[integration][faults]") {
  // The reading child must not change what a user sees: the output written once, the exit
  // status of the command, a pipe closed early ending quietly.
  const auto dir = scratch("faults-reading-child");
  const auto run_file = make_run(dir);
  const auto json = run_shell("", "analyze --format json " + run_file.string(), dir);
  REQUIRE(json.status == 0);
  CHECK(json.err.empty());
  const std::string text = read_file(dir / "stdout.txt");
  CHECK(text.size() > 100);
  CHECK(text.find("\n{") == std::string::npos);  // one JSON document, not one per process
  CHECK(std::count(text.begin(), text.end(), '{') == std::count(text.begin(), text.end(), '}'));
  const auto missing = run_accord("analyze " + (dir / "missing.h5").string(), dir);
  CHECK(missing.status == 2);
  CHECK(lines(missing.err) == 1);
  const auto err = dir / "pipe-stderr.txt";
  const std::string piped = std::string(ACCORD_BINARY) + " analyze " + run_file.string() + " 2> " +
                            err.string() + " | head -c 10 > /dev/null";
  CHECK(std::system(piped.c_str()) == 0);
  CHECK(read_file(err).empty());
}
