// Bad input refused at load with one located line (issue 13): ids outside the documented
// character set, text that is not UTF-8, non-physical magnitudes, a horizon too long for the
// machine's memory, --set on unknown keys, a missing consumption, a name that would take the
// default output path out of out/, a directory given as the scenario.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "accord/models/scenario/loader.hpp"
#include "accord/sim/error.hpp"
#include "scenario_text_support.hpp"

using namespace accord;
using namespace accord::models;
using accord::test_scenarios::error_of;
using accord::test_scenarios::kMinimal;
using accord::test_scenarios::load;
using accord::test_scenarios::replace;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

LoadOptions with_set(const std::string& option) {
  LoadOptions o;
  o.overrides = {option};
  return o;
}

}  // namespace

TEST_CASE("ids are checked against one character set at load", "[scenario][input]") {
  SECTION("a '/' in a producer id (it would end in an HDF5 name)") {
    CHECK(error_of(replace(kMinimal, "id: pv,", "id: pv/ecole,")) ==
          "mini.yaml:8:10: invalid id 'pv/ecole': '/' at character 3; an id uses letters, digits, "
          "'_', '-' and '.', starting with a letter or a digit (producers[0].id)");
  }
  SECTION("a newline or an escape character is shown escaped, on one line") {
    const std::string e = error_of(replace(kMinimal, "id: a,", "id: \"a\\nb\\e[31m\","));
    CHECK(e ==
          "mini.yaml:5:10: invalid id 'a\\nb\\e[31m': '\\n' at character 2; an id uses "
          "letters, digits, '_', '-' and '.', starting with a letter or a digit "
          "(participants[0].id)");
    CHECK(e.find('\n') == std::string::npos);
    CHECK(e.find('\x1b') == std::string::npos);
  }
  SECTION("group ids, college names and intermediary ids follow the same rule") {
    CHECK_THAT(error_of(replace(kMinimal,
                                "  - {id: b, kind: business, consumption: {profile: "
                                "office, annual_kwh: 20000}}",
                                "  - {group: 'les menages', count: 2, kind: household, "
                                "consumption: {profile: household, annual_kwh: 3000}}")),
               StartsWith("mini.yaml:6:13: invalid id 'les menages': ' ' at character 4") &&
                   Contains("(participants[1].group)"));
    CHECK_THAT(error_of(std::string(kMinimal) +
                        "actors:\n  intermediaries:\n    - {id: -alec, role: [mediation]}\n"),
               StartsWith("mini.yaml:11:12: invalid id '-alec': '-' at character 1 (not allowed "
                          "first)") &&
                   Contains("(actors.intermediaries[0].id)"));
  }
  SECTION("valid ids load") {
    const Scenario s = load(replace(kMinimal, "id: pv,", "id: PV_ecole-1.b,"));
    CHECK(s.producers[0].id == "PV_ecole-1.b");
  }
}

TEST_CASE("text that is not UTF-8 is refused wherever it is", "[scenario][input]") {
  CHECK(error_of(replace(kMinimal, "name: mini", "name: \"caf\xE9\"")) ==
        "mini.yaml:2:7: invalid UTF-8 in 'caf\\xE9' (byte 4); save the file as UTF-8 (name)");
  CHECK_THAT(error_of(replace(kMinimal, "owner: commune", "owner: \"comm\xFFune\"")),
             StartsWith("mini.yaml:8:21: invalid UTF-8") && Contains("(producers[0].owner)"));
  // From --set, the message names the option.
  CHECK_THAT(error_of(kMinimal, with_set("name=\xC3\x28")),
             StartsWith("--set name=\\xC3(: invalid UTF-8") && Contains("(name)"));
  // Valid UTF-8 (accents) is kept.
  CHECK(load(replace(kMinimal, "name: mini", "name: quartier-\xC3\xA9t\xC3\xA9")).name ==
        "quartier-\xC3\xA9t\xC3\xA9");
}

TEST_CASE("non-physical magnitudes are refused with the bound", "[scenario][input]") {
  CHECK(error_of(replace(kMinimal, "annual_kwh: 3000", "annual_kwh: 1e308")) ==
        "mini.yaml:5:76: value 1e308 is out of range; expected a number <= 1e9 "
        "(participants[0].consumption.annual_kwh)");
  CHECK(
      error_of(replace(kMinimal, "kwp: 30", "kwp: 2e6")) ==
      "mini.yaml:8:40: value 2e6 is out of range; expected a number <= 1e6 (producers[0].pv.kwp)");
  CHECK_THAT(error_of(std::string(kMinimal) + "tariffs: {surplus_eur_per_kwh: 50}\n"),
             Contains("value 50 is out of range; expected a number <= 10 "
                      "(tariffs.surplus_eur_per_kwh)"));
  // Every other number: no magnitude above 1e12.
  CHECK_THAT(error_of(std::string(kMinimal) +
                      "finance: {pv: [{producer: pv, capex_eur_per_kwp: 1e300}]}\n"),
             Contains("value 1e300 is out of range; no number accord reads may exceed 1e12") &&
                 Contains("(finance.pv[0].capex_eur_per_kwp)"));
  CHECK_THAT(error_of(kMinimal, with_set("participants[0].consumption.annual_kwh=2e9")),
             StartsWith("--set participants[0].consumption.annual_kwh=2e9: value 2e9 is out of "
                        "range; expected a number <= 1e9"));
  // At the bounds, it loads.
  // (1 GWp is far beyond the ACC power cap: loaded only under a declared derogation.)
  CHECK(load(replace(kMinimal, "kwp: 30", "kwp: 1e6") +
             "regulation: {perimeter: urban, derogation: true}\n")
            .producers.size() == 1);
}

TEST_CASE("a horizon too long for the memory is refused at time.end with the estimate",
          "[scenario][input]") {
  LoadOptions o = with_set("time.end=3025-01-01");
  o.available_memory_bytes = 1e9;
  // 17,531,616 steps x (16 B calendar + 8 B time + 4 B run year + 3 x 8 B x 2 participants +
  // 3 x 8 B x 1 producer) = 1.8 GB.
  CHECK(error_of(kMinimal, o) ==
        "--set time.end=3025-01-01: the run needs at least 1.8 GB of memory (17531616 steps of "
        "30 min x 2 participants and 1 producers, every per-step ledger kept for the whole run) "
        "and this machine has 1.0 GB; end the run earlier, use a longer step or fewer members "
        "(time.end)");
  // A sweep's parallel runs share the memory: 1.8 GB fits 8 GB four times, not five. (Within
  // the memory, a thousand years is still refused, for its horizon: one line either way.)
  const std::string horizon =
      "--set time.end=3025-01-01: the run spans 1000 years; expected at most 100 (an ACC "
      "operation and its plants last decades, not centuries): end the run earlier (time.end)";
  o.available_memory_bytes = 8e9;
  CHECK(error_of(kMinimal, o) == horizon);
  o.parallel_runs = 5;
  CHECK_THAT(error_of(kMinimal, o),
             Contains("the run needs at least 1.8 GB of memory") &&
                 Contains("and 5 runs in parallel (-j 5) need 8.8 GB and this machine has 8.0 GB; "
                          "run at most 4 in parallel (-j 4), end the run earlier"));
  o.parallel_runs = 1;
  // At detail periods the inputs are built period by period: only the step calendar is kept
  // whole, 17,531,616 steps x (16 B calendar + 8 B time + 4 B run year) = 0.5 GB.
  o.available_memory_bytes = 0.3e9;
  o.overrides.push_back("output.detail=periods");
  CHECK_THAT(error_of(kMinimal, o), Contains("the run needs at least 0.5 GB of memory") &&
                                        Contains("the step calendar kept for the whole run"));
  o.overrides.pop_back();
  // `accord run` streams the ledgers of detail full to the file: the same 0.5 GB.
  o.streamed_ledgers = true;
  CHECK_THAT(error_of(kMinimal, o), Contains("the run needs at least 0.5 GB of memory") &&
                                        Contains("the step calendar kept for the whole run"));
  o.streamed_ledgers = false;
  // Within the memory, only the horizon refuses it; a century loads. The check uses the
  // machine's memory by default.
  o.available_memory_bytes = 1e12;
  CHECK(error_of(kMinimal, o) == horizon);
  o.overrides = {"time.end=2124-01-01"};
  CHECK(load(kMinimal, o).time.end_utc > 0);
  CHECK(load(kMinimal).time.end_utc > 0);
  // Ten thousand members over a thousand years need terabytes: refused on any machine.
  const std::string big =
      replace(replace(kMinimal, "end: 2025-02-01", "end: 3025-01-01"),
              "  - {id: b, kind: business, consumption: {profile: office, annual_kwh: 20000}}",
              "  - {group: g, count: 10000, kind: household, consumption: {profile: household, "
              "annual_kwh: 3000}}");
  CHECK_THAT(error_of(big), StartsWith("mini.yaml:3:32: the run needs at least") &&
                                Contains("10001 participants") && Contains("(time.end)"));
}

TEST_CASE("messages say what is wrong where it is", "[scenario][input]") {
  SECTION("--set on an unknown key names the option") {
    CHECK_THAT(error_of(kMinimal, with_set("foo.bar=1")),
               StartsWith("--set foo.bar=1: unknown key 'foo'") && Contains("(foo)"));
    CHECK_THAT(
        error_of(kMinimal, with_set("time.stop=2025-03-01")),
        StartsWith("--set time.stop=2025-03-01: unknown key 'stop'") && Contains("(time.stop)"));
  }
  SECTION("a missing consumption is located at its participant") {
    CHECK(error_of(replace(kMinimal,
                           "{id: b, kind: business, consumption: {profile: office, annual_kwh: "
                           "20000}}",
                           "{id: b, kind: business}")) ==
          "mini.yaml:6:5: missing consumption: give {profile: NAME, annual_kwh: X} or {csv: "
          "PATH} (participants[1].consumption)");
    // A misspelt key gets its did-you-mean and nothing more.
    CHECK_THAT(
        error_of(replace(kMinimal, "kind: business, consumption:", "kind: business, consumtion:")),
        Contains("did you mean 'consumption'"));
  }
  SECTION("YAML nested beyond the reader's limit says so") {
    const std::string deep = "accord: 1\nname: " + std::string(3000, '[') + "\n";
    CHECK_THAT(error_of(deep),
               StartsWith("mini.yaml:") && Contains("invalid YAML: nesting reaches 500 levels"));
    CHECK_THAT(error_of(kMinimal, with_set("name=" + std::string(3000, '['))),
               Contains("nesting reaches 500 levels"));
  }
  SECTION("a directory given as the scenario says it is a directory") {
    const std::string dir = ACCORD_SOURCE_DIR "/scenarios";
    try {
      (void)load_scenario(dir);
      FAIL("a directory loaded");
    } catch (const ConfigError& e) {
      CHECK(std::string(e.what()) ==
            dir + ": is a directory, not a scenario file (give the .yaml file in it)");
    }
  }
}

TEST_CASE("the scenario name cannot take the default output path out of out/",
          "[scenario][input]") {
  namespace fs = std::filesystem;
  for (const char* name : {"../../../x", "a/b", "/etc/passwd", "..", ".hidden", "a b:c"}) {
    INFO(name);
    const Scenario s = load(replace(kMinimal, "name: mini", std::string("name: \"") + name + "\""));
    CHECK(s.name == name);
    const fs::path out(s.output.path);
    CHECK(out.parent_path() == "out");
    CHECK(out.lexically_normal().parent_path() == "out");
    CHECK(out.filename().string()[0] != '.');
    CHECK(out.extension() == ".h5");
  }
  CHECK(load(replace(kMinimal, "name: mini", "name: \"../../../x\"")).output.path ==
        "out/_._.._.._x.h5");
  // An explicit output.path is the user's choice and kept as given.
  CHECK(load(std::string(kMinimal) + "output: {path: ../elsewhere/run.h5}\n").output.path ==
        "../elsewhere/run.h5");
}
