// The research questions as experiments (experiments/, docs/experiments.md): each folder holds
// a laptop-sized sweep, a cluster-sized one and a Morris screening; every design covers every
// level of every factor; the laptop designs cross their factors fully and every one of their
// runs loads (a run that could not start would only show once the sweep ran).
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "accord/models/scenario/loader.hpp"
#include "accord/sim/sweep/design.hpp"
#include "accord/sim/sweep/runner.hpp"
#include "accord/sim/sweep/spec.hpp"

using namespace accord;
namespace fs = std::filesystem;
namespace sw = accord::sim::sweep;

namespace {

const fs::path kExperiments = fs::path(ACCORD_SOURCE_DIR) / "experiments";
const std::vector<std::string> kQuestions = {"intermediaries", "partnerships", "members-territory",
                                             "governance-voice"};

// Every level of every discrete parameter appears in its design column.
void check_levels_covered(const sw::SweepSpec& spec, const sw::Design& design) {
  for (const auto& p : spec.parameters) {
    if (!p.discrete()) continue;
    INFO(p.path);
    const auto column = std::find(design.columns.begin(), design.columns.end(), p.path);
    REQUIRE(column != design.columns.end());
    const auto c = static_cast<size_t>(column - design.columns.begin());
    std::set<std::string> seen;
    for (const auto& point : design.points) seen.insert(point[c].text);
    for (const auto& level : p.levels) {
      INFO(level.text);
      CHECK(seen.count(level.text) == 1);
    }
    // Display names for every level (reports and the workshop page show them).
    CHECK_FALSE(p.label.empty());
    CHECK(p.labels.size() == p.levels.size());
  }
}

// The full crossing: as many distinct points as the product of the factors' levels.
void check_fully_crossed(const sw::SweepSpec& spec, const sw::Design& design) {
  size_t product = 1;
  for (const auto& p : spec.parameters) product *= p.levels.size();
  // Levels that go together (a list design's linked columns) count once: the governance
  // experiment sets the agenda with the statutes.
  std::set<std::vector<std::string>> distinct;
  for (const auto& point : design.points) {
    std::vector<std::string> row;
    for (const auto& v : point) row.push_back(v.text);
    distinct.insert(row);
  }
  CHECK(distinct.size() == design.points.size());
  if (spec.design.type == sw::DesignType::kGrid) CHECK(design.points.size() == product);
}

}  // namespace

TEST_CASE("experiments: four questions, each a sweep, a cluster design and a screening",
          "[experiments]") {
  for (const auto& q : kQuestions) {
    INFO(q);
    const fs::path dir = kExperiments / q;
    CHECK(fs::is_regular_file(dir / "README.md"));
    const auto laptop = sw::load_sweep((dir / "sweep.yaml").string());
    const auto cluster = sw::load_sweep((dir / "cluster.yaml").string());
    const auto screening = sw::load_sweep((dir / "screening.yaml").string());
    CHECK(laptop.replicates >= 10);  // confidence intervals over seeds
    CHECK(cluster.replicates > laptop.replicates);
    CHECK(screening.design.type == sw::DesignType::kMorris);
    for (const auto* spec : {&laptop, &cluster}) {
      const auto design = sw::make_design(*spec);
      check_levels_covered(*spec, design);
      check_fully_crossed(*spec, design);
      CHECK(sw::run_count(*spec, design) <= 10000);
    }
    // The cluster design covers at least the laptop's levels of each factor.
    for (const auto& p : laptop.parameters) {
      INFO(p.path);
      const auto c = std::find_if(cluster.parameters.begin(), cluster.parameters.end(),
                                  [&](const sw::Parameter& x) { return x.path == p.path; });
      REQUIRE(c != cluster.parameters.end());
      for (const auto& level : p.levels)
        CHECK(std::find(c->levels.begin(), c->levels.end(), level) != c->levels.end());
    }
  }
}

TEST_CASE("experiments: every run of the laptop designs and of the screenings loads",
          "[experiments]") {
  for (const auto& q : kQuestions) {
    for (const char* file : {"sweep.yaml", "screening.yaml"}) {
      const auto spec = sw::load_sweep((kExperiments / q / file).string());
      const auto design = sw::make_design(spec);
      const int64_t step = std::string(file) == "sweep.yaml" ? 1 : 7;  // a point per trajectory
      for (int64_t point = 0; point < static_cast<int64_t>(design.points.size()); point += step) {
        const auto req = sw::make_request(spec, design, point * spec.replicates, "unused");
        INFO(q << "/" << file << " point " << point << ": " << req.base);
        models::LoadOptions options;
        options.overrides = req.overrides;
        options.seed = req.seed;
        CHECK_NOTHROW(models::load_scenario(req.base, options));
      }
    }
  }
}
