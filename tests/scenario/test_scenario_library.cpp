// The scenario library (scenarios/library/, docs/scenario-library.md): every file loads, says
// what it represents, where its figures come from and what is assumed, and its sizes equal
// the ones its header states (`# sizes: members=.. producers=.. kwc=.. perimeter=..
// initiator=.. pmo=..`). The average operation reproduces the published calibration targets.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "accord/models/economics/regulation.hpp"
#include "accord/models/scenario/loader.hpp"

using namespace accord;
namespace fs = std::filesystem;

namespace {

const fs::path kLibrary = fs::path(ACCORD_SOURCE_DIR) / "scenarios" / "library";

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The `# sizes:` line of a header as key -> value.
std::map<std::string, std::string> header_sizes(const std::string& text) {
  std::map<std::string, std::string> out;
  const auto at = text.find("# sizes:");
  if (at == std::string::npos) return out;
  std::istringstream line(text.substr(at + 8, text.find('\n', at) - at - 8));
  std::string pair;
  while (line >> pair) {
    const auto eq = pair.find('=');
    if (eq != std::string::npos) out[pair.substr(0, eq)] = pair.substr(eq + 1);
  }
  return out;
}

struct Sizes {
  int members = 0;  // founding members (candidates excluded)
  int producers = 0;
  double kwc = 0;
  double span_m = 0;  // distance between the two most distant members and plants
};

Sizes sizes_of(const models::Scenario& s) {
  Sizes z;
  std::vector<models::GeoPoint> points;
  for (const auto& p : s.participants) {
    if (!p.member_at_start) continue;
    ++z.members;
    points.push_back(p.location);
  }
  for (const auto& p : s.producers) {
    ++z.producers;
    if (const auto* pv = std::get_if<models::PvSpec>(&p.production.source)) z.kwc += pv->kwp;
    points.push_back(p.location);
  }
  for (size_t i = 0; i < points.size(); ++i)
    for (size_t j = i + 1; j < points.size(); ++j)
      z.span_m = std::max(z.span_m, models::economics::haversine_m(points[i], points[j]));
  return z;
}

std::vector<fs::path> library_files() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(kLibrary))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("scenario library: each file's sizes equal its header", "[scenario][library]") {
  const auto files = library_files();
  // Six community types of the issue and the average operation of early 2024.
  REQUIRE(files.size() == 7);
  for (const auto& f : files) {
    INFO(f.filename().string());
    const std::string text = read_text(f);
    for (const char* part : {"What it represents:", "Sources", "Assumed:"})
      CHECK(text.find(part) != std::string::npos);
    const auto header = header_sizes(text);
    REQUIRE(header.size() == 6);
    const models::Scenario s = models::load_scenario(f.string());
    const Sizes z = sizes_of(s);
    CHECK(z.members == std::stoi(header.at("members")));
    CHECK(z.producers == std::stoi(header.at("producers")));
    CHECK(z.kwc == Approx(std::stod(header.at("kwc"))));
    CHECK(s.regulation.perimeter == header.at("perimeter"));
    CHECK(s.lifecycle.initiator == header.at("initiator"));
    CHECK(s.actors.pmo.form == header.at("pmo"));
    // Within the perimeter the header names (the rural one needs its derogation only on the
    // road to operation: 20 km is the derogation's limit).
    const auto rule = models::economics::perimeter_case_from_name(s.regulation.perimeter);
    REQUIRE(rule);
    CHECK(z.span_m <= models::economics::perimeter_limit_m(*rule));
    CHECK(s.output.detail == "periods");
  }
}

TEST_CASE("scenario library: the average operation is the published one of early 2024",
          "[scenario][library]") {
  // governance-and-fabrique.md §1: about 2 producers for 11 consumers (Q1 2024), 71-79 kW of
  // production per operation (27 MW / 379 operations; 33.6 MVA / 428), led by a local
  // authority (more than 60 % of operations).
  const auto s = models::load_scenario((kLibrary / "operation-moyenne.yaml").string());
  const Sizes z = sizes_of(s);
  CHECK(z.members == 11);
  CHECK(z.producers == 2);
  CHECK(z.kwc >= 71);
  CHECK(z.kwc <= 79);
  CHECK(s.lifecycle.initiator == "municipality");
}

TEST_CASE("scenario library: the sizes the issue asks of each community type",
          "[scenario][library]") {
  auto load = [](const char* name) { return models::load_scenario((kLibrary / name).string()); };
  const auto district = load("quartier-urbain.yaml");
  CHECK(sizes_of(district).members >= 400);
  CHECK(district.lifecycle.initiator == "municipality");
  const auto park = load("zae-entreprises.yaml");
  CHECK(sizes_of(park).members >= 15);
  CHECK(sizes_of(park).members <= 40);
  CHECK(park.actors.pmo.form == "sas");
  const auto village = load("village-rural.yaml");
  CHECK(sizes_of(village).members >= 30);
  CHECK(sizes_of(village).members <= 60);
  CHECK(village.regulation.perimeter == "rural");
  CHECK(village.regulation.derogation);
  CHECK(village.actors.pmo.form == "association");
  const auto landlord = load("bailleur-social.yaml");
  CHECK(landlord.actors.pmo.form == "social_landlord");
  const auto epci = load("epci-public.yaml");
  CHECK(sizes_of(epci).kwc <= 10000);
  CHECK(epci.regulation.perimeter == "epci_public");
  const auto scic = load("scic-citoyenne.yaml");
  CHECK(scic.actors.pmo.form == "scic");
  // Local authorities hold at most 50 % of the capital of every plant (SCIC, since 2014).
  for (const auto& plant : scic.finance) {
    const auto municipality = static_cast<size_t>(models::sharing::Investor::kMunicipality);
    CHECK(plant.investment.equity_shares[municipality] <= 0.5);
  }
}
