// Procedural indicators of `accord analyze` (format 1.2 /governance, /governance/in_force,
// /governance/voting_power, /actors/behaviour) on a small run file written here with the
// sim/h5 layer (ballots as int16 through the HDF5 C API, as the contract says), every
// expected value computed by hand in the comments.
#include <hdf5.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "accord/analysis/analyze.hpp"
#include "accord/analysis/procedural.hpp"
#include "accord/analysis/run_file.hpp"
#include "accord/sim/error.hpp"
#include "accord/sim/h5/h5.hpp"

namespace fs = std::filesystem;
namespace h5 = accord::sim::h5;
using accord::analysis::analyze_file;
using nlohmann::json;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kN = 7;           // participants
constexpr std::size_t kM = 12;          // billing periods
constexpr std::size_t kR = 4;           // governance rows (3 rounds: periods 2, 5, 8)
constexpr std::size_t kK = 3;           // options per row
constexpr int64_t kStart = 1735686000;  // 2025-01-01 00:00 Europe/Paris
constexpr int64_t kPeriod = 30 * 86400;

fs::path scratch(const std::string& name) {
  const auto dir = fs::temp_directory_path() / "accord-test-procedural";
  fs::create_directories(dir);
  return dir / name;
}

void write_int16(const h5::Group& g, const char* name, const std::vector<int16_t>& values,
                 hsize_t rows, hsize_t cols) {
  const hsize_t dims[2] = {rows, cols};
  const hid_t space = H5Screate_simple(2, dims, nullptr);
  const hid_t d =
      H5Dcreate2(g.id(), name, H5T_STD_I16LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  REQUIRE(d >= 0);
  REQUIRE(H5Dwrite(d, H5T_NATIVE_INT16, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0);
  H5Dclose(d);
  H5Sclose(space);
}

void write_strings_2d(const h5::Group& g, const char* name, const std::vector<std::string>& values,
                      hsize_t rows, hsize_t cols) {
  const hsize_t dims[2] = {rows, cols};
  const hid_t space = H5Screate_simple(2, dims, nullptr);
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);
  const hid_t d = H5Dcreate2(g.id(), name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  REQUIRE(d >= 0);
  std::vector<const char*> pointers;
  for (const auto& v : values) pointers.push_back(v.c_str());
  REQUIRE(H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()) >= 0);
  H5Dclose(d);
  H5Tclose(type);
  H5Sclose(space);
}

enum class Governance { kNone, kEmptyGroup, kCalendarNone, kFull, kBadBallot };

// Participants (kind, income decile, low income, college):
//   0 h1     household     1  low   consumers
//   1 h2     household     1  low   consumers
//   2 h3     household     5        consumers
//   3 h4     household     9        consumers
//   4 biz    business      0        businesses
//   5 mairie municipality  0        commune
//   6 cand   household     2        never a member, no vote (ballot -2 everywhere)
// 12 periods of 30 days from 2025-01-01; members 0..5 in every period.
fs::path write_run(const std::string& name, Governance governance) {
  const auto path = scratch(name);
  auto f = h5::File::create(path.string());
  f.set_attr_string("filetype", "accord-run");
  const std::vector<int32_t> version{1, 2};
  f.set_attr_ints("format_version", version);
  f.set_attr_string("scenario_name", "procedural");
  f.set_attr_int("seed", 1);
  f.set_attr_int("replicate", 0);
  f.set_attr_string("detail", "periods");
  f.create_group("summary").write_scalar("benefit_eur", 0.0, h5::WriteOptions::with("EUR", "x"));
  std::vector<int64_t> starts(kM);
  for (std::size_t p = 0; p < kM; ++p) starts[p] = kStart + static_cast<int64_t>(p) * kPeriod;
  f.create_group("time").write_1d("start", starts).set_attr_int("step_seconds", kPeriod);
  auto pg = f.create_group("participants");
  pg.write_strings("id", std::vector<std::string>{"h1", "h2", "h3", "h4", "biz", "mairie", "cand"});
  pg.write_strings("kind",
                   std::vector<std::string>{"household", "household", "household", "household",
                                            "business", "municipality", "household"});
  pg.write_1d("income_eur_per_year",
              std::vector<double>{9000, 10000, 25000, 60000, kNaN, kNaN, 15000});
  pg.write_1d("income_decile", std::vector<int32_t>{1, 1, 5, 9, 0, 0, 2});
  pg.write_1d("low_income", std::vector<uint8_t>{1, 1, 0, 0, 0, 0, 0});
  pg.write_1d("consumption_units", std::vector<double>{1, 1, 1, 1, kNaN, kNaN, 1});
  f.create_group("producers").write_strings("id", std::vector<std::string>{"pv"});
  auto per = f.create_group("periods");
  per.write_1d("start", starts);
  std::vector<uint8_t> member(kM * kN, 1);
  for (std::size_t p = 0; p < kM; ++p) member[p * kN + 6] = 0;
  per.write_2d("member", member, kM, kN);
  const std::vector<double> zeros(kM * kN, 0.0);
  for (const char* m : {"bill_reference", "bill", "benefit"}) per.write_2d(m, zeros, kM, kN);
  per.write_2d("producer_internal_revenue", std::vector<double>(kM, 0.0), kM, 1);
  per.write_2d("producer_surplus_revenue", std::vector<double>(kM, 0.0), kM, 1);
  per.write_1d("pmo_costs", std::vector<double>(kM, 0.0));
  per.write_1d("pmo_fees", std::vector<double>(kM, 0.0));

  if (governance == Governance::kNone) {
    f.set_attr_int("complete", 1);
    f.close();
    return path;
  }
  auto g = f.create_group("governance");
  if (governance == Governance::kEmptyGroup) {  // format 1.0/1.1: an empty, described group
    g.set_attr_string("description", "no governance records in this format");
    f.set_attr_int("complete", 1);
    f.close();
    return path;
  }
  g.set_attr_string("calendar", governance == Governance::kCalendarNone ? "none" : "quarterly");
  g.set_attr_int("window_periods", 3);
  g.set_attr_int("rounds", governance == Governance::kCalendarNone ? 0 : 3);

  // Rules in force: the key changes at period 3 (decision of row 0, period 2) and back at
  // period 9 (row 3, period 8).
  auto in = g.create_group("in_force");
  std::vector<std::string> key(kM, "{type: dynamic_default}");
  if (governance != Governance::kCalendarNone)
    for (std::size_t p = 3; p < 9; ++p) key[p] = "{type: static}";
  in.write_strings("sharing_key", key);
  in.write_strings("benefit_rule", std::vector<std::string>(kM, "{type: equal}"));
  in.write_1d("internal_price", std::vector<double>(kM, 0.14));
  in.write_2d("territorial", std::vector<double>(kM * 3, 0.0), kM, 3);
  in.write_1d("pmo_fee", std::vector<double>(kM, 10.0));
  if (governance == Governance::kCalendarNone) {
    f.set_attr_int("complete", 1);
    f.close();
    return path;
  }

  // Rows: (0) period 2 sharing_key vote by the assembly, option 1 chosen (changed);
  // (1) period 2 benefit_rule bargaining between biz and mairie, no agreement, 5 offers;
  // (2) period 5 internal_price vote, quorum missed (status quo); (3) period 8 sharing_key
  // single text by the mediator, 3 proposals, option 2 chosen (changed).
  g.write_1d("period", std::vector<int64_t>{2, 2, 5, 8});
  g.write_1d("time", std::vector<int64_t>{starts[3], starts[3], starts[6], starts[9]});
  g.write_strings("item", std::vector<std::string>{"sharing_key", "benefit_rule", "internal_price",
                                                   "sharing_key"});
  g.write_strings("protocol",
                  std::vector<std::string>{"vote", "bargaining", "vote", "single_text"});
  g.write_strings("decided_by",
                  std::vector<std::string>{"assembly", "parties", "assembly", "mediator"});
  write_strings_2d(g, "options",
                   {"{type: dynamic_default}", "{type: static}", "{type: priority}",  //
                    "{type: equal}", "{type: needs_based}", "",                       //
                    "0.14", "0.12", "0.10",                                           //
                    "{type: static}", "{type: priority}", "{type: dynamic_default}"},
                   kR, kK);
  write_strings_2d(g, "option_source",
                   {"status_quo", "scenario", "expertise:alec",  //
                    "status_quo", "scenario", "",                //
                    "status_quo", "scenario", "scenario",        //
                    "status_quo", "scenario", "scenario"},
                   kR, kK);
  g.write_1d("chosen", std::vector<int64_t>{1, 0, 0, 2});
  g.write_1d("changed", std::vector<uint8_t>{1, 0, 0, 1});
  g.write_1d("support", std::vector<double>{0.6, kNaN, kNaN, kNaN});
  g.write_1d("participation", std::vector<double>{0.8, 1.0, 0.1, 0.9});
  g.write_1d("turnout", std::vector<double>{5.0 / 6, 1.0, 1.0 / 6, 5.0 / 6});
  g.write_1d("quorum_reached", std::vector<uint8_t>{1, 1, 0, 1});
  g.write_1d("rounds", std::vector<int64_t>{1, 5, 1, 3});
  g.write_1d("agreed", std::vector<uint8_t>{0, 0, 0, 1});
  g.write_strings("refused", std::vector<std::string>(kR, ""));
  g.write_1d("forecast_error", std::vector<double>{0.1, 0.3, 0.2, kNaN});
  // Ballots [R, N] (h1 h2 h3 h4 biz mairie cand):
  std::vector<int16_t> ballot{
      1,  2,  1,  -1, 0,  1,  -2,  // row 0: vote
      -2, -2, -2, -2, 1,  0,  -2,  // row 1: bargaining, only the parties
      -1, 2,  -1, -1, -1, -1, -2,  // row 2: vote, h2 alone
      2,  2,  2,  1,  2,  -1, -2,  // row 3: single text
  };
  if (governance == Governance::kBadBallot) ballot.resize(ballot.size() - kN);
  write_int16(g, "ballot", ballot, governance == Governance::kBadBallot ? kR - 1 : kR, kN);

  // Voting power of the statutes: weights 0.5 (4 consumers, 0.125 each), 0.2, 0.3, quota
  // > 0.5. Enumerated: Shapley-Shubik 7/60 per consumer, 1/6 biz, 11/30 mairie; normalised
  // Banzhaf (swings 7, 7, 7, 7, 9, 21 of 58) 7/58, 9/58, 21/58.
  auto vp = g.create_group("voting_power");
  vp.write_strings("college", std::vector<std::string>{"consumers", "businesses", "commune"});
  vp.write_1d("college_weight", std::vector<double>{0.5, 0.2, 0.3});
  vp.write_1d("college_members", std::vector<int64_t>{4, 1, 1});
  vp.write_1d("college_shapley_shubik", std::vector<double>{28.0 / 60, 1.0 / 6, 11.0 / 30});
  vp.write_1d("college_banzhaf", std::vector<double>{28.0 / 58, 9.0 / 58, 21.0 / 58});
  vp.write_1d("member_college", std::vector<int64_t>{0, 0, 0, 0, 1, 2, -1});
  vp.write_1d("member_shapley_shubik",
              std::vector<double>{7.0 / 60, 7.0 / 60, 7.0 / 60, 7.0 / 60, 1.0 / 6, 11.0 / 30, 0});
  vp.write_1d("member_banzhaf",
              std::vector<double>{7.0 / 58, 7.0 / 58, 7.0 / 58, 7.0 / 58, 9.0 / 58, 21.0 / 58, 0});
  vp.write_scalar("exact", uint8_t{1});

  auto behaviour = f.create_group("actors").create_group("behaviour");
  behaviour.write_1d("participation", std::vector<double>{0.9, 0.7, 0.5, 0.3, 0.6, 0.8, 0.4});
  behaviour.write_1d("alpha", std::vector<double>(kN, 0.5));
  f.create_group("dynamics").write_2d("trust_pmo", std::vector<double>(kM * kN, 0.5), kM, kN);
  f.set_attr_int("complete", 1);
  f.close();
  return path;
}

}  // namespace

TEST_CASE("procedural indicators: reader of the format 1.2 governance groups",
          "[analysis][procedural]") {
  const auto run = accord::analysis::read_run_file(write_run("reader.h5", Governance::kFull));
  const auto& gov = run.governance;
  REQUIRE(gov.present);
  CHECK(gov.calendar == "quarterly");
  CHECK(gov.window_periods == 3);
  CHECK(gov.rounds_held == 3);
  REQUIRE(gov.rows == kR);
  REQUIRE(gov.options == kK);
  CHECK(gov.option_text[1 * kK + 1] == "{type: needs_based}");
  CHECK(gov.option_text[1 * kK + 2].empty());  // padding
  CHECK(gov.option_source[2] == "expertise:alec");
  CHECK(gov.ballot[2 * kN + 1] == 2);  // int16 on file, read as int32
  CHECK(gov.ballot[1 * kN + 0] == -2);
  CHECK(run.in_force.present());
  CHECK(run.in_force.sharing_key[3] == "{type: static}");
  REQUIRE(run.voting_power.present());
  CHECK(run.voting_power.exact);
  CHECK(run.voting_power.member_college[6] == -1);
  REQUIRE(run.behaviour.size() == 2);
  CHECK(run.behaviour[0].name == "alpha");  // sorted by name
  CHECK(run.behaviour[1].values[0] == Approx(0.9));
}

TEST_CASE("procedural indicators computed by hand", "[analysis][procedural]") {
  const auto run = accord::analysis::read_run_file(write_run("by-hand.h5", Governance::kFull));
  const auto p = accord::analysis::procedural_indicators(run);
  CHECK(p.rows == kR);

  // Participation over (row, member) pairs with ballot != -2 (took part: ballot >= 0):
  //   h1 eligible in rows 0, 2, 3, took part in 0 and 3 -> 2/3;  h2 in 0, 2, 3 -> 3/3;
  //   h3 in 0 and 3 of 3 -> 2/3;  h4 in 3 only -> 1/3;  biz (eligible in all 4 rows) in 0,
  //   1, 3 -> 3/4;  mairie in 0, 1 -> 2/4;  cand never eligible (not counted).
  // All: 13 / 20 = 0.65.
  CHECK(p.participation.members == 6);
  CHECK(p.participation.eligible == 20);
  CHECK(p.participation.took_part == 13);
  CHECK(p.participation.rate == Approx(0.65));
  // Drawn propensity of the 6 members: (0.9 + 0.7 + 0.5 + 0.3 + 0.6 + 0.8) / 6 = 0.6333.
  CHECK(p.participation.mean_drawn_participation == Approx(3.8 / 6));
  // By kind (sorted): business 3/4, household 8/12 (cand has no eligible row), municipality 2/4.
  REQUIRE(p.participation_by_kind.size() == 3);
  CHECK(p.participation_by_kind[0].group == "business");
  CHECK(p.participation_by_kind[0].rate == Approx(0.75));
  CHECK(p.participation_by_kind[1].group == "household");
  CHECK(p.participation_by_kind[1].members == 4);
  CHECK(p.participation_by_kind[1].rate == Approx(2.0 / 3));
  CHECK(p.participation_by_kind[1].mean_drawn_participation == Approx(0.6));
  CHECK(p.participation_by_kind[2].rate == Approx(0.5));
  // By decile: 0 (biz, mairie) 5/8; 1 (h1, h2) 5/6; 5 (h3) 2/3; 9 (h4) 1/3; 2 (cand) absent.
  REQUIRE(p.participation_by_decile.size() == 4);
  CHECK(p.participation_by_decile[0].group == "0");
  CHECK(p.participation_by_decile[0].rate == Approx(5.0 / 8));
  CHECK(p.participation_by_decile[1].group == "1");
  CHECK(p.participation_by_decile[1].eligible == 6);
  CHECK(p.participation_by_decile[1].took_part == 5);
  CHECK(p.participation_by_decile[1].rate == Approx(5.0 / 6));
  CHECK(p.participation_by_decile[1].mean_drawn_participation == Approx(0.8));
  CHECK(p.participation_by_decile[2].group == "5");
  CHECK(p.participation_by_decile[2].rate == Approx(2.0 / 3));
  CHECK(p.participation_by_decile[3].group == "9");
  CHECK(p.participation_by_decile[3].rate == Approx(1.0 / 3));

  // Colleges: member shares 4/6, 1/6, 1/6 of the 6 registered members.
  //   consumers SS 7/15 / (2/3) = 0.7, Banzhaf (28/58) / (2/3) = 21/29;
  //   businesses SS (1/6) / (1/6) = 1, Banzhaf (9/58) * 6 = 27/29;
  //   commune SS (11/30) * 6 = 2.2, Banzhaf (21/58) * 6 = 63/29.
  REQUIRE(p.has_voting_power);
  REQUIRE(p.colleges.size() == 3);
  CHECK(p.colleges[0].college == "consumers");
  CHECK(p.colleges[0].weight_share == Approx(0.5));
  CHECK(p.colleges[0].member_share == Approx(2.0 / 3));
  CHECK(p.colleges[0].shapley_shubik_ratio == Approx(0.7));
  CHECK(p.colleges[0].banzhaf_ratio == Approx(21.0 / 29));
  CHECK(p.colleges[1].shapley_shubik_ratio == Approx(1.0));
  CHECK(p.colleges[1].banzhaf_ratio == Approx(27.0 / 29));
  CHECK(p.colleges[2].shapley_shubik_ratio == Approx(2.2));
  CHECK(p.colleges[2].banzhaf_ratio == Approx(63.0 / 29));
  // Groups of members (base: the 6 participants that were ever members; cand is not):
  //   household 4/6 of the members, SS 28/60 -> ratio 0.7; municipality 11/30 / (1/6) = 2.2.
  REQUIRE(p.power_by_kind.size() == 3);
  CHECK(p.power_by_kind[1].group == "household");
  CHECK(p.power_by_kind[1].members == 4);
  CHECK(p.power_by_kind[1].voters == 4);
  CHECK(p.power_by_kind[1].member_share == Approx(2.0 / 3));
  CHECK(p.power_by_kind[1].shapley_shubik_share == Approx(28.0 / 60));
  CHECK(p.power_by_kind[1].shapley_shubik_ratio == Approx(0.7));
  CHECK(p.power_by_kind[2].shapley_shubik_ratio == Approx(2.2));
  //   decile 0 (biz, mairie): 1/3 of the members, SS 10/60 + 22/60 = 8/15 -> ratio 1.6,
  //   Banzhaf 30/58 -> 45/29; decile 1 (h1, h2): SS 14/60 / (1/3) = 0.7.
  REQUIRE(p.power_by_decile.size() == 4);
  CHECK(p.power_by_decile[0].group == "0");
  CHECK(p.power_by_decile[0].shapley_shubik_ratio == Approx(1.6));
  CHECK(p.power_by_decile[0].banzhaf_ratio == Approx(45.0 / 29));
  CHECK(p.power_by_decile[1].group == "1");
  CHECK(p.power_by_decile[1].shapley_shubik_ratio == Approx(0.7));
  CHECK(p.power_by_decile[1].banzhaf_ratio == Approx(21.0 / 29));

  // Low-income voters (h1, h2) in vote rows: row 0 h1 -> 1, h2 -> 2: tie {1, 2}, chosen 1 is
  // on their side; row 2 h2 -> 2, chosen 0: not. 1 of 2, one tie.
  CHECK(p.low_income_side.rows == 2);
  CHECK(p.low_income_side.on_side == 1);
  CHECK(p.low_income_side.ties == 1);
  CHECK(p.low_income_side.share == Approx(0.5));
  // All voters: row 0 votes 1 (biz), 3 (h1, h3, mairie), 1 (h2): top {1} = chosen; row 2 {2}.
  CHECK(p.all_voters_side.rows == 2);
  CHECK(p.all_voters_side.on_side == 1);
  CHECK(p.all_voters_side.ties == 0);
  // By kind: business row 0 voted 0 (chosen 1): 0 of 1; household 1 of 2; municipality 1 of 1.
  REQUIRE(p.side_by_kind.size() == 3);
  CHECK(p.side_by_kind[0].group == "business");
  CHECK(p.side_by_kind[0].share == Approx(0.0));
  CHECK(p.side_by_kind[1].share == Approx(0.5));
  CHECK(p.side_by_kind[2].share == Approx(1.0));

  // Rounds: negotiated rows 1 (5) and 3 (3): mean 4, max 5; all rows (1, 5, 1, 3): mean 2.5.
  CHECK(p.rounds_negotiated.rows == 2);
  CHECK(p.rounds_negotiated.mean == Approx(4.0));
  CHECK(p.rounds_negotiated.max == 5);
  CHECK(p.rounds_all.rows == 4);
  CHECK(p.rounds_all.mean == Approx(2.5));
  CHECK(p.rounds_all.max == 5);
  CHECK(p.agreement_share == Approx(0.5));  // row 3 agreed, row 1 not

  CHECK(p.rule_changes == 2);
  REQUIRE(p.changes_by_item.size() == 3);  // in order of appearance
  CHECK(p.changes_by_item[0].item == "sharing_key");
  CHECK(p.changes_by_item[0].rows == 2);
  CHECK(p.changes_by_item[0].changed == 2);
  CHECK(p.changes_by_item[2].item == "internal_price");
  CHECK(p.changes_by_item[2].changed == 0);
  REQUIRE(p.decided_by.size() == 5);
  CHECK(p.decided_by[0] == std::pair<std::string, int>{"assembly", 2});
  CHECK(p.decided_by[1] == std::pair<std::string, int>{"board", 0});
  CHECK(p.decided_by[2] == std::pair<std::string, int>{"municipality", 0});
  CHECK(p.decided_by[3] == std::pair<std::string, int>{"parties", 1});
  CHECK(p.decided_by[4] == std::pair<std::string, int>{"mediator", 1});
  CHECK(p.quorum_misses == 1);
  CHECK(p.mean_forecast_error == Approx(0.2));  // (0.1 + 0.3 + 0.2) / 3, NaN ignored
  CHECK(p.forecast_rows == 3);
  CHECK(p.mean_support == Approx(0.6));
}

TEST_CASE("procedural indicators in the analyze document, tables and CSV",
          "[analysis][procedural]") {
  const auto path = write_run("document.h5", Governance::kFull);
  const auto doc = analyze_file(path);
  REQUIRE(doc.contains("governance"));
  const auto& g = doc["governance"];
  CHECK(g["present"] == true);
  CHECK(g["rows"] == 4);
  CHECK(g["participation"]["overall"]["rate"] == Approx(0.65));
  CHECK(g["participation"]["by_decile"][1]["decile"] == 1);
  CHECK(g["participation"]["by_decile"][1]["rate"] == Approx(5.0 / 6));
  CHECK(g["participation"]["by_kind"][0]["kind"] == "business");
  CHECK(g["voting_power"]["exact"] == true);
  CHECK(g["voting_power"]["colleges"][2]["shapley_shubik_ratio"] == Approx(2.2));
  CHECK(g["voting_power"]["by_decile"][0]["decile"] == 0);
  CHECK(g["decision_side"]["low_income"]["share"] == Approx(0.5));
  CHECK(g["decision_side"]["low_income"]["ties"] == 1);
  CHECK(g["rounds_to_agreement"]["negotiated"]["mean"] == Approx(4));
  CHECK(g["rounds_to_agreement"]["all"]["max"] == 5);
  CHECK(g["rule_changes"] == 2);
  CHECK(g["decided_by"]["assembly"] == 2);
  CHECK(g["decided_by"]["mediator"] == 1);
  CHECK(g["quorum_misses"] == 1);
  CHECK(g["mean_forecast_error"] == Approx(0.2));
  // Decisions, one per row: row 0 held at the start of period 3 (2025-01-01 + 90 days).
  REQUIRE(g["decisions"].size() == 4);
  const auto& d0 = g["decisions"][0];
  CHECK(d0["date"] == "2025-04-01");
  CHECK(d0["chosen_option"] == "{type: static}");
  CHECK(d0["chosen_source"] == "scenario");
  CHECK(d0["changed"] == true);
  CHECK(g["decisions"][2]["quorum_reached"] == false);
  CHECK(g["decisions"][3]["forecast_error"].is_null());
  // The rules in force change where the changed decisions apply: periods 3 and 9.
  REQUIRE(g["in_force_changes"].size() == 2);
  CHECK(g["in_force_changes"][0]["period"] == 3);
  CHECK(g["in_force_changes"][0]["field"] == "sharing_key");
  CHECK(g["in_force_changes"][0]["to"] == "{type: static}");
  CHECK(g["in_force_changes"][1]["period"] == 9);
  CHECK(g["definitions"].contains("decision_side"));

  const auto csv =
      accord::analysis::render_analysis(doc, accord::analysis::AnalyzeFormat::kCsv, path);
  CHECK(csv.find("\nparticipation,,all,rate,0.65\n") != std::string::npos);
  CHECK(csv.find("\nparticipation_by_decile,,1,rate,0.8333333333333334\n") != std::string::npos);
  CHECK(csv.find("\nvoting_power_college,,commune,shapley_shubik_ratio,2.2") != std::string::npos);
  CHECK(csv.find("\ndecision_side,,low_income,share,0.5\n") != std::string::npos);
  CHECK(csv.find("\ngovernance,,,rule_changes,2\n") != std::string::npos);
  CHECK(csv.find("\ndecided_by,,parties,rows,1\n") != std::string::npos);
  CHECK(csv.find("\ndecision,,0,item,sharing_key\n") != std::string::npos);
  const auto table =
      accord::analysis::render_analysis(doc, accord::analysis::AnalyzeFormat::kTable, path);
  CHECK(table.find("Governance: procedural indicators") != std::string::npos);
  CHECK(table.find("Voting power by college") != std::string::npos);
  CHECK(table.find("Participation by income decile") != std::string::npos);
  const auto text =
      accord::analysis::render_analysis(doc, accord::analysis::AnalyzeFormat::kJson, path);
  CHECK(json::parse(text)["governance"]["rows"] == 4);
}

TEST_CASE("files without governance records give no governance section", "[analysis][procedural]") {
  for (auto [name, kind] :
       {std::pair{"none.h5", Governance::kNone}, std::pair{"empty.h5", Governance::kEmptyGroup}}) {
    const auto path = write_run(name, kind);
    const auto run = accord::analysis::read_run_file(path);
    CHECK_FALSE(run.governance.present);
    CHECK_FALSE(run.in_force.present());
    CHECK_FALSE(run.voting_power.present());
    const auto doc = analyze_file(path);
    CHECK_FALSE(doc.contains("governance"));
    CHECK_FALSE(doc["rules"].empty());
    const auto csv =
        accord::analysis::render_analysis(doc, accord::analysis::AnalyzeFormat::kCsv, path);
    CHECK(csv.find("governance") == std::string::npos);
    CHECK(csv.find("participation") == std::string::npos);
    const auto table =
        accord::analysis::render_analysis(doc, accord::analysis::AnalyzeFormat::kTable, path);
    CHECK(table.find("Governance") == std::string::npos);
  }
}

TEST_CASE("calendar none: a governance section without rows", "[analysis][procedural]") {
  const auto doc = analyze_file(write_run("calendar-none.h5", Governance::kCalendarNone));
  REQUIRE(doc.contains("governance"));
  const auto& g = doc["governance"];
  CHECK(g["calendar"] == "none");
  CHECK(g["rows"] == 0);
  CHECK(g["participation"]["overall"]["rate"].is_null());
  CHECK(g["participation"]["by_kind"].empty());
  CHECK(g["decision_side"]["low_income"]["share"].is_null());
  CHECK(g["rounds_to_agreement"]["all"]["max"].is_null());
  CHECK(g["rule_changes"] == 0);
  CHECK(g["decisions"].empty());
  CHECK(g["in_force_changes"].empty());
  CHECK_FALSE(g.contains("voting_power"));
  CHECK(g.contains("note"));
}

TEST_CASE("a governance dataset of the wrong size is a DataError", "[analysis][procedural]") {
  const auto path = write_run("bad-ballot.h5", Governance::kBadBallot);
  CHECK_THROWS_AS(accord::analysis::read_run_file(path), accord::DataError);
  CHECK_THROWS_WITH(analyze_file(path), Catch::Contains("/governance/ballot has 21 values, "
                                                        "expected 28"));
}
