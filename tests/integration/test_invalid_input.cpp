// `accord validate` and `accord run` on invalid scenarios: one located line, exit 2, and no
// output file left behind.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

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
