// The sweep file: a full example parses into the expected spec; mistakes are ConfigErrors
// with FILE:LINE:COL, the key path and a "did you mean" where a close name exists.
#include <catch2/catch.hpp>

#include <string>

#include "accord/sim/sweep/spec.hpp"

using namespace accord;
using namespace accord::sim::sweep;

namespace {
const std::string kDir = std::string(ACCORD_SOURCE_DIR) + "/scenarios";

SweepSpec parse(const std::string& yaml) {
  return load_sweep_text(yaml, "s.yaml", kDir);
}

// The one-line messages of the errors a text raises ("" when it parses).
std::string errors_of(const std::string& yaml) {
  try {
    parse(yaml);
  } catch (const ConfigErrors& e) {
    return e.what();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("sweep file: a full example", "[sweep]") {
  const SweepSpec s = parse(R"(accord_sweep: 1
name: demo
base: quartier-mixte.yaml
seed: 7
replicates: 3
parameters:
  - {path: community.sharing_key.type, values: [dynamic_default, static]}
  - {path: community.internal_price.eur_per_kwh, range: {from: 0.08, to: 0.14, step: 0.02}}
  - {path: "producers[id=pv-ecole].pv.kwp", distribution: {uniform: [50, 150]}}
  - {path: "participants[group=menages].consumption.annual_kwh", distribution: {normal: [4200, 400]}}
  - {path: community.benefit_rule, distribution: {choice: [{type: equal}, "1"]}}
design: {type: lhs, samples: 20}
output: {dir: out/demo, detail: periods}
)");
  CHECK(s.name == "demo");
  CHECK(s.base == kDir + "/quartier-mixte.yaml");
  CHECK(s.seed == 7);
  CHECK(s.replicates == 3);
  REQUIRE(s.parameters.size() == 5);
  CHECK(s.parameters[0].kind == Parameter::Kind::kValues);
  CHECK(s.parameters[0].levels[1].text == "static");
  CHECK_FALSE(s.parameters[0].numeric());
  CHECK(s.parameters[1].kind == Parameter::Kind::kRange);
  REQUIRE(s.parameters[1].levels.size() == 4);
  CHECK(s.parameters[1].levels[3].text == "0.14");
  CHECK(s.parameters[2].kind == Parameter::Kind::kUniform);
  CHECK(s.parameters[2].b == 150);
  CHECK(s.parameters[3].kind == Parameter::Kind::kNormal);
  CHECK(s.parameters[4].kind == Parameter::Kind::kChoice);
  CHECK(s.parameters[4].levels[0].text == "{type: equal}");
  CHECK(s.parameters[4].levels[1].text == "\"1\"");  // a quoted string stays a string
  CHECK_FALSE(s.parameters[4].levels[1].number);
  CHECK(s.design.type == DesignType::kLhs);
  CHECK(s.design.samples == 20);
  CHECK(s.output_dir == "out/demo");
  CHECK(s.detail == "periods");
}

TEST_CASE("sweep file: defaults", "[sweep]") {
  const SweepSpec s = parse(
      "accord_sweep: 1\nbase: quartier-mixte.yaml\n"
      "parameters: [{path: community.internal_price.eur_per_kwh, values: [0.1, 0.12]}]\n");
  CHECK(s.name == "s");
  CHECK(s.seed == kDefaultSweepSeed);
  CHECK(s.replicates == 1);
  CHECK(s.design.type == DesignType::kGrid);
  CHECK(s.output_dir == "out/s");
  CHECK(s.detail == "summary");
}

TEST_CASE("sweep file: the scenario as a factor, and display names", "[sweep]") {
  const SweepSpec s = parse(R"(accord_sweep: 1
parameters:
  - {path: base, label: Community, values: [quartier-mixte.yaml, four-members.yaml],
     labels: [district, four]}
  - {path: community.benefit_rule, values: [{type: equal}, {type: proportional_consumption}]}
  - {path: community.internal_price.eur_per_kwh, distribution: {uniform: [0.08, 0.14]}}
)");
  // Without `base:`, the first file of the factor is the base checked before the sweep.
  CHECK(s.base == kDir + "/quartier-mixte.yaml");
  REQUIRE(s.parameters.size() == 3);
  CHECK(s.parameters[0].label == "Community");
  CHECK(s.parameters[0].labels == std::vector<std::string>{"district", "four"});
  CHECK(s.parameters[0].levels[1].text == "four-members.yaml");  // as written
  CHECK(resolve_base(s, "four-members.yaml") == kDir + "/four-members.yaml");
  CHECK(s.parameters[1].labels.empty());
  // A quoted file name is the same file name.
  const SweepSpec quoted =
      parse("accord_sweep: 1\nparameters: [{path: base, values: [\"four-members.yaml\"]}]\n");
  CHECK(quoted.parameters[0].levels[0].text == "four-members.yaml");
  CHECK(quoted.base == kDir + "/four-members.yaml");

  const std::string p = "parameters: [{path: a.b, values: [1, 2]}]\n";
  CHECK(errors_of("accord_sweep: 1\n" + p).find("missing key 'base'") != std::string::npos);
  CHECK(errors_of("accord_sweep: 1\nparameters: [{path: base, values: [nowhere.yaml]}]\n")
            .find("s.yaml:2:36: file not found") != std::string::npos);
  CHECK(errors_of("accord_sweep: 1\nparameters: [{path: base, distribution: {uniform: [0, "
                  "1]}}]\n")
            .find("takes scenario files") != std::string::npos);
  CHECK(errors_of("accord_sweep: 1\nbase: quartier-mixte.yaml\nparameters: [{path: a.b, values: "
                  "[1, 2], labels: [one]}]\n")
            .find("expected 2 labels (one per value, in order), got 1") != std::string::npos);
  CHECK(errors_of("accord_sweep: 1\nbase: quartier-mixte.yaml\nparameters: [{path: a.b, "
                  "distribution: {uniform: [0, 1]}, labels: [a]}]\n")
            .find("not a distribution") != std::string::npos);
}

TEST_CASE("sweep file: located errors", "[sweep]") {
  const std::string head = "accord_sweep: 1\nbase: quartier-mixte.yaml\n";
  const std::string p = "parameters: [{path: a.b, values: [1, 2]}]\n";
  struct Case {
    std::string yaml;
    std::string expected;  // words of the expected line
  };
  const Case cases[] = {
      {head + p + "replicate: 2\n",
       "s.yaml:4:1: unknown key 'replicate'; did you mean 'replicates'"},
      {head + "parameters: [{path: a.b, valeus: [1]}]\n", "did you mean 'values'"},
      {"accord_sweep: 1\nbase: nowhere.yaml\n" + p, "s.yaml:2:7: file not found"},
      {"accord_sweep: 2\nbase: quartier-mixte.yaml\n" + p, "unsupported sweep format version"},
      {head + "parameters: [{path: a.b, values: [1], range: {from: 0, to: 1, step: 1}}]\n",
       "exactly one of: values, range, distribution"},
      {head + "parameters: [{path: a.b, range: {from: 2, to: 1, step: 1}}]\n",
       "expected `to` >= `from` (parameters[0].range.to)"},
      {head + "parameters: [{path: a.b, distribution: {normal: [1, -1]}}]\n",
       "standard deviation > 0"},
      {head + "parameters: [{path: a.b, distribution: {unifrom: [0, 1]}}]\n",
       "did you mean 'uniform'"},
      {head + p + "design: {type: morris, trajectories: 4, levels: 5}\n", "even number of levels"},
      {head + p + "design: {type: lhs}\n", "missing required key 'samples'"},
      {head + p + "design: {type: grid, samples: 3}\n", "not used by design type 'grid'"},
      {head + p + "design: {type: latin}\n", "s.yaml:4:"},
      {head + p + "design: {type: list, points: [[1], [1, 2]]}\n",
       "expected 1 values (one per parameter, in order), got 2"},
      {head + "parameters: [{path: seed, values: [1, 2]}]\n", "use `replicates`"},
      {head + "parameters: [{path: a.b, values: [1]}, {path: a.b, values: [2]}]\n", "given twice"},
      {head + "parameters: [{path: a.b, values: [{x: 1}, {x: 2}, {x: 1}]}]\n",
       "s.yaml:3:51: value given twice in this parameter (each value once) "
       "(parameters[0].values[2])"},
      {head + p + "output: {detail: everything}\n", "(output.detail)"},
      {head + p + "replicates: 0\n", "(replicates)"},
      {"accord_sweep: 1\nbase: [\n", "s.yaml:3:"},
  };
  for (const auto& c : cases) {
    INFO(c.yaml);
    const std::string err = errors_of(c.yaml);
    INFO(err);
    CHECK(err.find(c.expected) != std::string::npos);
  }
  // Every problem is reported, one line each.
  const std::string many = errors_of(head + "replicate: 2\nsed: 3\n" + p);
  CHECK(std::count(many.begin(), many.end(), '\n') == 1);
  CHECK_THROWS_AS(load_sweep("no-such-sweep.yaml"), ConfigError);
}
