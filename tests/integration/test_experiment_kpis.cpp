// The summary indicators the experiments compare (docs/hdf5-format.md /summary): the
// low-income members' voice in the assembly equals what `accord analyze` computes from the
// ballots, turnout and retention recomputed from the file's records, the intermediaries' cost
// split by payer, the territorial shares of the rule in force. A year of the citizens' SCIC
// of the scenario library with quarterly assemblies, started at once.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "run_helpers.hpp"

using accord::test::run_accord;
using accord::test::scratch;
using accord::test::source_path;

namespace {

double kpi(const accord::sim::h5::File& f, const std::string& name) {
  return f.open_group("summary").open_dataset(name).read<double>().values.at(0);
}

}  // namespace

TEST_CASE("experiment KPIs: voice, turnout, retention, intermediation by payer, territory",
          "[integration][experiments]") {
  const auto dir = scratch("experiment-kpis");
  const auto run = dir / "scic.h5";
  const std::string immediate =
      " --set lifecycle.emergence=0 --set lifecycle.feasibility=0 --set lifecycle.recruitment=0"
      " --set lifecycle.structuring=0 --set lifecycle.grid_agreement=0"
      " --set lifecycle.barriers.bad_design_with_expertise=0"
      " --set lifecycle.barriers.statutes_unsettled=0";
  const auto r =
      run_accord("run " + source_path("scenarios/library/scic-citoyenne.yaml") +
                     " -q --set time.end=2026-01-01 --set governance.calendar=quarterly" +
                     immediate + " -o " + run.string(),
                 dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  const auto f = accord::sim::h5::File::open(run.string());

  // Voice: the analysis's decisions on the low-income voters' side (every vote row of this run
  // is an assembly vote: the board's item is delegated).
  const auto out = dir / "a.json";
  REQUIRE(run_accord("analyze --format json " + run.string() + " -o " + out.string(), dir).status ==
          0);
  std::ifstream in(out);
  const auto doc = nlohmann::json::parse(in);
  const auto& side = doc["governance"]["decision_side"]["low_income"];
  REQUIRE(side["rows"].get<int>() > 0);
  CHECK(kpi(f, "decisions_low_income_side_share") == Approx(side["share"].get<double>()));

  // Turnout from the ballots: -2 not a member, -1 absent, >= 0 a vote.
  const auto g = f.open_group("governance");
  const auto ballot = g.open_dataset("ballot").read<double>();
  const auto protocol = g.open_dataset("protocol").read_strings();
  const auto decided_by = g.open_dataset("decided_by").read_strings();
  const auto low = f.open_group("participants").open_dataset("low_income").read<double>().values;
  const size_t rows = ballot.dims[0], n = ballot.dims[1];
  double eligible[2] = {0, 0}, cast[2] = {0, 0};
  for (size_t row = 0; row < rows; ++row) {
    if (protocol[row] != "vote" || decided_by[row] != "assembly") continue;
    for (size_t i = 0; i < n; ++i) {
      const double b = ballot.values[row * n + i];
      if (b == -2) continue;
      const int group = low[i] != 0 ? 0 : 1;
      eligible[group] += 1;
      cast[group] += b >= 0 ? 1 : 0;
    }
  }
  REQUIRE(eligible[0] > 0);
  CHECK(kpi(f, "assembly_turnout_low_income") == Approx(cast[0] / eligible[0]));
  CHECK(kpi(f, "assembly_turnout_others") == Approx(cast[1] / eligible[1]));
  // The mediator reaches out to deciles 1-3: they attend more than their propensity alone.
  CHECK(kpi(f, "assembly_turnout_low_income") > 0);

  // Intermediation by payer: the mediator is paid by a subsidy, the expert by the PMO; the
  // parts add up to the total.
  const double pmo = kpi(f, "intermediary_cost_pmo_eur");
  const double subsidy = kpi(f, "intermediary_cost_subsidy_eur");
  CHECK(pmo > 0);
  CHECK(subsidy > 0);
  CHECK(kpi(f, "intermediary_cost_municipality_eur") == 0);
  CHECK(pmo + subsidy == Approx(kpi(f, "intermediary_cost_eur")));

  // Retention from the membership counts.
  const double final_members = kpi(f, "members_final"), left = kpi(f, "members_left");
  CHECK(kpi(f, "members_retention_rate") == Approx(final_members / (final_members + left)));

  // The territory's money: the solidarity fund's and the reserve's inflows are the territorial
  // shares of the rule in force (no share to the municipality in this scenario's options).
  CHECK(kpi(f, "territorial_total_eur") ==
        Approx(kpi(f, "solidarity_fund_inflow_eur") + kpi(f, "reinvestment_reserve_inflow_eur"))
            .margin(1e-6));
  CHECK(kpi(f, "territorial_municipality_eur") == 0);
  CHECK(kpi(f, "territorial_total_eur") > 0);

  // The solidarity fund's payouts go to low-income members: with them the burden of deciles
  // 1-3 is lower than with the rule's benefit alone.
  REQUIRE(kpi(f, "solidarity_fund_paid_eur") > 0);
  CHECK(kpi(f, "energy_burden_deciles_1_3_after_fund_pct") <
        kpi(f, "energy_burden_deciles_1_3_after_pct"));
  CHECK(kpi(f, "energy_poverty_ten_percent_after_fund") <=
        kpi(f, "energy_poverty_ten_percent_after"));
}
