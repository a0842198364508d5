#include <catch2/catch.hpp>

#include "accord/sim/config_node.hpp"

using namespace accord;
using namespace accord::sim;

namespace {
ConfigNode load(const std::string& text, std::shared_ptr<ConfigContext>& ctx) {
  ctx = std::make_shared<ConfigContext>("s.yaml");
  return ConfigNode(YAML::Load(text), "", ctx);
}
}  // namespace

TEST_CASE("unknown keys are errors with a did-you-mean and a location", "[config]") {
  std::shared_ptr<ConfigContext> ctx;
  const auto root = load("time:\n  start: 2025-01-01\n  stpe: 30min\n", ctx);
  root.child("time").expect_map({"start", "end", "step", "timezone"});
  REQUIRE(ctx->errors().size() == 1);
  CHECK(std::string(ctx->errors()[0].what()) ==
        "s.yaml:3:3: unknown key 'stpe'; did you mean 'step'? (time.stpe)");
}

TEST_CASE("duplicate keys, wrong types and ranges are reported", "[config]") {
  std::shared_ptr<ConfigContext> ctx;
  const auto root = load("a: 1\nb: hello\na: 2\nc: -5\nd: [1, 2]\n", ctx);
  root.expect_map({"a", "b", "c", "d"});
  (void)root.number("b");
  (void)root.number("c", Range::positive());
  (void)root.string("d");
  (void)root.number("missing");
  REQUIRE(ctx->errors().size() == 5);
  CHECK(std::string(ctx->errors()[0].what()) == "s.yaml:3:1: duplicate key 'a' (a)");
  CHECK(std::string(ctx->errors()[1].what()) == "s.yaml:2:4: expected a number, got 'hello' (b)");
  CHECK(std::string(ctx->errors()[2].what()) ==
        "s.yaml:4:4: value -5 is out of range; expected a number > 0 (c)");
  CHECK(std::string(ctx->errors()[3].what()) == "s.yaml:5:4: expected a string, got a list (d)");
  CHECK(std::string(ctx->errors()[4].what()).find("missing required key 'missing'") !=
        std::string::npos);
  CHECK_THROWS_AS(ctx->throw_if_errors(), ConfigErrors);
}

TEST_CASE("choices list the known names", "[config]") {
  std::shared_ptr<ConfigContext> ctx;
  const auto root = load("type: statik\n", ctx);
  CHECK(root.choice("type", {"static", "dynamic_default"}).empty());
  REQUIRE(ctx->errors().size() == 1);
  CHECK(std::string(ctx->errors()[0].what()) ==
        "s.yaml:1:7: unknown value 'statik'; did you mean 'static'? Known: static, "
        "dynamic_default (type)");
}

TEST_CASE("durations and paths in list items", "[config]") {
  std::shared_ptr<ConfigContext> ctx;
  const auto root = load("steps: [15min, 1h, 30, 2days]\n", ctx);
  const auto items = root.child("steps").elements();
  REQUIRE(items.size() == 4);
  CHECK(items[0].as_duration_seconds() == 900);
  CHECK(items[1].as_duration_seconds() == 3600);
  CHECK_FALSE(items[2].as_duration_seconds());
  CHECK_FALSE(items[3].as_duration_seconds());
  REQUIRE(ctx->errors().size() == 2);
  CHECK(ctx->errors()[0].key_path() == "steps[2]");
}

TEST_CASE("did_you_mean only suggests close names", "[config]") {
  CHECK(did_you_mean("annual_kwh", {"annual_kwh_x", "kwp"}) == "annual_kwh_x");
  CHECK(did_you_mean("zzz", {"participants", "producers"}).empty());
}

TEST_CASE("assigning a ConfigNode rebinds the view and never edits the document", "[config]") {
  std::shared_ptr<ConfigContext> ctx;
  const auto root = load("a: 1\nb: 2\n", ctx);
  ConfigNode x = root.child("a");
  const ConfigNode y = root.child("b");
  x = y;
  CHECK(x.path() == "b");
  CHECK(root.yaml()["a"].as<int>() == 1);
  CHECK(root.yaml()["b"].as<int>() == 2);
  std::vector<ConfigNode> v{root.child("b"), root.child("a")};
  std::swap(v[0], v[1]);
  CHECK(v[0].path() == "a");
  CHECK(root.yaml()["a"].as<int>() == 1);
}

TEST_CASE("a misspelt required key is one error, not two", "[config]") {
  std::shared_ptr<ConfigContext> ctx;
  const auto root = load("pv: {kwpp: 3}\n", ctx);
  const auto pv = root.child("pv");
  pv.expect_map({"kwp", "tilt_deg"});
  (void)pv.number("kwp");
  REQUIRE(ctx->errors().size() == 1);
  CHECK(ctx->errors()[0].key_path() == "pv.kwpp");
}
