// `accord validate` and `accord run` on invalid scenarios: one located line, exit 2, and no
// output file left behind.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "run_helpers.hpp"

using namespace accord::test;
namespace fs = std::filesystem;

namespace {
struct Case {
  const char* file;
  const char* where;     // FILE:LINE:COL prefix expected (file name part)
  const char* key_path;  // expected key path
  const char* what;      // expected words in the message
};
const Case kCases[] = {
    {"misspelt-key.yaml", "misspelt-key.yaml:5:", "(participants[0].consumption.anual_kwh)",
     "did you mean 'annual_kwh'"},
    {"wrong-type.yaml", "wrong-type.yaml:8:", "(producers[0].pv.kwp)", "expected a number"},
    {"missing-csv.yaml", "missing-csv.yaml:6:", "(participants[1].consumption.csv)",
     "file not found"},
    {"unknown-key-type.yaml", "unknown-key-type.yaml:10:", "(community.sharing_key.type)",
     "did you mean 'static'"},
    {"negative-kwp.yaml", "negative-kwp.yaml:8:", "(producers[0].pv.kwp)", "out of range"},
    {"bad-csv-content.yaml", "bad-values.csv:3:", "", "abc"},
    {"out-of-perimeter.yaml", "out-of-perimeter.yaml:5:", "(participants)",
     "beyond the urban limit"},
    // Governance: statutes, protocols and options checked at load.
    {"gov-college-weights.yaml", "gov-college-weights.yaml:15:", "(actors.pmo.statutes.colleges)",
     "college weights sum to 0.8; expected 1"},
    {"gov-scic-college.yaml", "gov-scic-college.yaml:15:",
     "(actors.pmo.statutes.colleges[0].weight)", "between 10 % and 50 %"},
    {"gov-unknown-protocol.yaml", "gov-unknown-protocol.yaml:19:",
     "(governance.agenda[0].protocol)", "unknown value 'referendum'"},
    {"gov-text-without-mediator.yaml", "gov-text-without-mediator.yaml:21:",
     "(governance.agenda[0].protocol)", "needs a mediation intermediary"},
    {"gov-invalid-option.yaml", "gov-invalid-option.yaml:20:", "(governance.agenda[0].options[0])",
     "option invalid for this community"},
    // Issue 13: what `run` would refuse late (or read wrongly), `validate` refuses first.
    {"producer-id-slash.yaml", "producer-id-slash.yaml:8:", "(producers[0].id)",
     "invalid id 'pv/ecole': '/' at character 3"},
    {"decimal-comma.yaml", "decimal-comma.csv:3:", "", "'2,5' is ambiguous"},
    {"huge-annual-kwh.yaml", "huge-annual-kwh.yaml:5:", "(participants[0].consumption.annual_kwh)",
     "expected a number <= 1e9"},
    {"huge-csv-value.yaml", "huge-value.csv:3:", "", "mean power above 1e6 kW"},
    {"non-utf8-name.yaml", "non-utf8-name.yaml:2:", "(name)", "invalid UTF-8 in 'caf\\xE9'"},
    {"missing-consumption.yaml", "missing-consumption.yaml:6:", "(participants[1].consumption)",
     "missing consumption"},
    {"spring-gap-local-time.yaml", "spring-gap.csv:4:", "",
     "local time 2025-03-30T02:00:00 does not exist in Europe/Paris"},
    // Refused for its memory, or (on a machine with the memory) for its horizon.
    {"long-horizon.yaml", "long-horizon.yaml:4:", "(time.end)", ": the run "},
};
}  // namespace

TEST_CASE("invalid scenarios: one located line each, exit 2, no output", "[integration]") {
  const auto dir = scratch("invalid-scenarios");
  for (const auto& c : kCases) {
    INFO(c.file);
    const std::string path = source_path(std::string("tests/data/invalid/") + c.file);
    for (const std::string& command :
         {"validate " + path, "run " + path + " -o " + (dir / "out.h5").string()}) {
      INFO(command);
      const auto r = run_accord(command, dir);
      INFO(r.err);
      CHECK(r.status == 2);
      CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
      CHECK(r.err.find(c.where) != std::string::npos);
      CHECK(r.err.find(c.key_path) != std::string::npos);
      CHECK(r.err.find(c.what) != std::string::npos);
      // The line:col part is numeric.
      const auto at = r.err.find(c.where) + std::string(c.where).size();
      CHECK(std::isdigit(static_cast<unsigned char>(r.err[at])));
    }
    for (const auto& entry : fs::directory_iterator(dir))
      CHECK(entry.path().filename().string().find(".h5") == std::string::npos);
  }
}

TEST_CASE("invalid command-line input: the option or the path is named, exit 2", "[integration]") {
  const auto dir = scratch("invalid-cli-input");
  struct CliCase {
    std::string scenario;
    std::string args;
    std::string starts;  // the line starts with
    std::string what;    // and contains
  };
  const std::vector<CliCase> cases = {
      {"scenarios/worked-example.yaml", "--set foo.bar=1", "--set foo.bar=1: unknown key 'foo'",
       "(foo)"},
      // Terabytes of ledgers: refused at load, with the estimate, not a bare std::bad_alloc.
      {"tests/data/invalid/many-members.yaml", "--set time.end=3025-01-01",
       "--set time.end=3025-01-01: the run ", "(time.end)"},
  };
  for (const auto& c : cases) {
    const std::string scenario = source_path(c.scenario);
    for (const std::string& command :
         {"validate " + scenario + " " + c.args,
          "run " + scenario + " " + c.args + " -o " + (dir / "out.h5").string()}) {
      INFO(command);
      const auto r = run_accord(command, dir);
      INFO(r.err);
      CHECK(r.status == 2);
      CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
      CHECK(r.err.rfind(c.starts, 0) == 0);
      CHECK(r.err.find(c.what) != std::string::npos);
    }
  }
  // A directory given as the scenario.
  const std::string folder = source_path("scenarios");
  for (const std::string& command : {"validate " + folder, "run " + folder}) {
    INFO(command);
    const auto r = run_accord(command, dir);
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK(r.err == folder + ": is a directory, not a scenario file (give the .yaml file in it)\n");
  }
  for (const auto& entry : fs::directory_iterator(dir))
    CHECK(entry.path().filename().string().find(".h5") == std::string::npos);
}
