// Governance rounds inside a run: decisions recomputed independently, quorum, the mechanisms
// of intermediaries and inequity aversion compared over fixed seeds, reproducibility.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "accord/models/simulation/simulation.hpp"
#include "simulation/governance_mini.hpp"

using namespace accord::models;
using accord::test_governance::MiniGovernance;
using accord::test_governance::run;

namespace {

// Gini of a positive-mean vector: mean absolute difference over twice the mean.
double gini(const Eigen::VectorXd& x) {
  double sum = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i)
    for (Eigen::Index j = 0; j < x.size(); ++j) sum += std::abs(x(i) - x(j));
  return sum / (2.0 * static_cast<double>(x.size() * x.size()) * x.mean());
}

// Share of the members of deciles 1-3 who took part, over all vote rows.
double low_decile_turnout(const output::RunResult& r) {
  int present = 0, asked = 0;
  for (const auto& row : r.governance.rows)
    for (size_t i = 0; i < r.participants.size(); ++i) {
      const int d = r.participants[i].income_decile;
      if (d < 1 || d > 3 || row.ballot[i] == -2) continue;
      ++asked;
      present += row.ballot[i] >= 0 ? 1 : 0;
    }
  return asked > 0 ? static_cast<double>(present) / asked : 0;
}

}  // namespace

TEST_CASE("with money-only utilities and no forecast error the vote follows the colleges' majority",
          "[governance][behaviour]") {
  for (unsigned seed : {1u, 2u, 3u}) {
    MiniGovernance g;
    g.seed = seed;
    // Trust 1: propensity x trust / 0.5 stays >= 1 after losses, so every household votes.
    g.behaviour = "{participation: 1, forecast_noise: 0, initial_trust: 1}";
    g.public_behaviour = g.behaviour;
    g.agenda =
        "[{item: benefit_rule, protocol: vote, options: [equal, proportional_consumption, "
        "{type: needs_based, sigma: 0.5, base_rule: equal}]}]";
    const auto r = run(g);
    REQUIRE(r.governance.rows.size() == 5);  // rounds after periods 0..4 (none after the last)
    // Colleges: households 0.5, public 0.3, town 0.2, everyone takes part (propensity 1).
    const double W[] = {0.5, 0.3, 0.2};
    for (const auto& row : r.governance.rows) {
      const auto K = static_cast<int>(row.options.size());
      // x = payoff / reference bill of the window (the period just closed).
      std::vector<double> support(static_cast<size_t>(K), 0.0);
      for (int k = 1; k < K; ++k) {
        double yes[3] = {0, 0, 0}, votes[3] = {0, 0, 0};
        for (size_t i = 0; i < r.participants.size(); ++i) {
          const auto& kind = r.participants[i].kind;
          const int c = kind == "household" ? 0 : kind == "public" ? 1 : 2;
          const double ref =
              std::max(1.0, r.accounts.bill_reference(row.period, static_cast<Eigen::Index>(i)));
          const double x0 = row.payoff_eur(static_cast<Eigen::Index>(i), 0) / ref;
          const double xk = row.payoff_eur(static_cast<Eigen::Index>(i), k) / ref;
          REQUIRE(row.ballot[i] >= 0);  // everyone took part
          votes[c] += 1;
          yes[c] += xk > x0 ? 1 : 0;
        }
        // support = sum_c W_c yes_c / votes_c over the colleges that voted, renormalised.
        double voting_weight = 0;
        for (int c = 0; c < 3; ++c)
          if (votes[c] > 0) {
            support[static_cast<size_t>(k)] += W[c] * yes[c] / votes[c];
            voting_weight += W[c];
          }
        support[static_cast<size_t>(k)] /= voting_weight;
      }
      int expected = 0;
      for (int k = 1; k < K; ++k)
        if (support[static_cast<size_t>(k)] > 0.5 &&
            (expected == 0 ||
             support[static_cast<size_t>(k)] > support[static_cast<size_t>(expected)]))
          expected = k;
      CHECK(row.chosen == expected);
      if (expected > 0)
        CHECK(row.support == Approx(support[static_cast<size_t>(expected)]).margin(1e-12));
      // The status quo's valuation is what the households realised in the period.
      for (size_t i = 0; i < 40; ++i)
        CHECK(row.payoff_eur(static_cast<Eigen::Index>(i), 0) ==
              Approx(r.accounts.benefit(row.period, static_cast<Eigen::Index>(i))).margin(1e-9));
    }
  }
}

TEST_CASE("a quorum not reached keeps the status quo", "[governance][behaviour]") {
  MiniGovernance g;
  g.behaviour = "{participation: 0.3, forecast_noise: 0}";
  g.statutes =
      "colleges: [{name: all, weight: 1, kinds: [household, public, municipality]}]\n"
      "      voting: {rule: majority, base: cast, quorum: 0.9}";
  g.agenda =
      "[{item: benefit_rule, protocol: vote, options: [equal, {type: needs_based, sigma: 0.3, "
      "base_rule: equal}]}]";
  const auto r = run(g);
  REQUIRE(!r.governance.rows.empty());
  for (const auto& row : r.governance.rows) {
    // Options are recorded as the shortest text that reads back as the same values.
    REQUIRE(row.options.size() == 3);
    CHECK(row.options[2] == "{type: needs_based, sigma: 0.3, base_rule: equal}");
    CHECK_FALSE(row.quorum_reached);
    CHECK(row.chosen == 0);
    CHECK(row.participation < 0.9);
  }
  for (const auto& rule : r.governance.rule_in_force) CHECK(rule == "{type: individual_savings}");
  // A vote without quorum decided nothing: no member won or lost it, so trust stays where it
  // started.
  const auto& trust = r.governance.trust_pmo;
  REQUIRE(trust.rows() > 1);
  for (Eigen::Index m = 0; m < trust.rows(); ++m)
    for (Eigen::Index i = 0; i < trust.cols(); ++i)
      if (!std::isnan(trust(m, i))) CHECK(trust(m, i) == trust(0, i));
}

TEST_CASE("an engaged mediator raises the participation of deciles 1-3 (seeds 1-6)",
          "[governance][behaviour]") {
  // Tolerance: the mean over six seeds must rise by at least 0.05 (outreach reaches 10 of the
  // 12 low-decile households each round with boost 0.6 from a propensity of 0.2).
  double with = 0, without = 0;
  for (unsigned seed = 1; seed <= 6; ++seed) {
    MiniGovernance g;
    g.seed = seed;
    g.behaviour = "{participation: 0.2, forecast_noise: 0}";
    without += low_decile_turnout(run(g)) / 6;
    g.intermediaries =
        "[{id: alec, role: mediation, mediation: {outreach_contacts: 10, outreach_deciles: [1, 2, "
        "3], participation_boost: 0.6}}]";
    with += low_decile_turnout(run(g)) / 6;
  }
  CHECK(with > without + 0.05);
}

TEST_CASE("an expert lowers the members' forecast error against what they realise (seeds 1-6)",
          "[governance][behaviour]") {
  auto mean_error = [](const output::RunResult& r) {
    double sum = 0;
    int n = 0;
    for (const auto& row : r.governance.rows)
      if (!std::isnan(row.forecast_error)) {
        sum += row.forecast_error;
        ++n;
      }
    REQUIRE(n > 0);
    return sum / n;
  };
  double with = 0, without = 0;
  for (unsigned seed = 1; seed <= 6; ++seed) {
    MiniGovernance g;
    g.seed = seed;
    g.behaviour = "{participation: 1, forecast_noise: 0.3}";
    without += mean_error(run(g)) / 6;
    g.intermediaries =
        "[{id: be, role: expertise, expertise: {forecast_error_reduction: 0.8, "
        "engineered_options: []}}]";
    with += mean_error(run(g)) / 6;
  }
  // The forecast sd falls from 0.3 to 0.06; the error also holds the change of season
  // between window and realisation, which advice does not remove. Tolerance: 20 % lower.
  CHECK(with < 0.8 * without);
}

TEST_CASE("strong inequity aversion chooses benefit rules with a lower Gini of normalised benefit",
          "[governance][behaviour]") {
  // Gini of each member's benefit over its reference bill (the payoffs members compare in
  // their Fehr-Schmidt utility), over the whole run, mean over seeds 1-3. The plant belongs to
  // the commune, not to a member, so that no member's payoff holds plant revenue. Measured at
  // writing: 0.27 selfish, 0.11 averse; the check only asks for lower.
  auto run_gini = [](const std::string& behaviour) {
    double mean = 0;
    for (unsigned seed = 1; seed <= 3; ++seed) {
      MiniGovernance g;
      g.seed = seed;
      g.behaviour = behaviour;
      g.public_behaviour = behaviour;
      g.plant_owner = "commune";
      g.statutes =
          "colleges: [{name: all, weight: 1, kinds: [household, public, municipality]}]\n"
          "      voting: {rule: majority, base: cast}";
      g.agenda =
          "[{item: benefit_rule, protocol: vote, options: [equal, proportional_consumption, "
          "{type: needs_based, sigma: 0.5, base_rule: proportional_consumption}]}]";
      const auto r = run(g);
      const Eigen::VectorXd x = r.accounts.benefit.colwise().sum().transpose().array() /
                                r.accounts.bill_reference.colwise().sum().transpose().array();
      mean += gini(x) / 3;
    }
    return mean;
  };
  const double selfish =
      run_gini("{participation: 1, forecast_noise: 0, alpha: 0, beta: 0, initial_trust: 1}");
  const double averse =
      run_gini("{participation: 1, forecast_noise: 0, alpha: 2, beta: 0.6, initial_trust: 1}");
  CHECK(averse < selfish);
}

TEST_CASE("same seed, same governance trajectory whatever the threads",
          "[governance][reproducibility]") {
  MiniGovernance g;
  g.behaviour = "{participation: 0.5, forecast_noise: 0.2, alpha: {uniform: [0, 1]}}";
  g.intermediaries =
      "[{id: alec, role: mediation, mediation: {outreach_contacts: 5}},"
      " {id: be, role: expertise}]";
  const auto a = run(g, 1), b = run(g, 2);
  REQUIRE(a.governance.rows.size() == b.governance.rows.size());
  for (size_t k = 0; k < a.governance.rows.size(); ++k) {
    const auto &x = a.governance.rows[k], &y = b.governance.rows[k];
    CHECK(x.chosen == y.chosen);
    CHECK(x.options == y.options);
    CHECK(x.ballot == y.ballot);
    CHECK(x.utility == y.utility);
    CHECK((std::isnan(x.forecast_error) ? std::isnan(y.forecast_error)
                                        : x.forecast_error == y.forecast_error));
  }
  CHECK(a.accounts.benefit == b.accounts.benefit);
  CHECK(a.governance.trust_pmo == b.governance.trust_pmo);
}

TEST_CASE("governance.calendar=none turns governance off: the run equals one without an agenda",
          "[governance]") {
  MiniGovernance g;
  LoadOptions off;
  off.overrides = {"governance.calendar=none"};
  const auto a = [&] {
    Simulation sim(g.load(off));
    sim.run();
    return sim.take_result();
  }();
  MiniGovernance plain = g;
  plain.agenda = "[]";
  const auto b = run(plain);
  CHECK(a.governance.rows.empty());
  CHECK(a.accounts.bill == b.accounts.bill);
  CHECK(a.accounts.benefit == b.accounts.benefit);
  CHECK(a.allocated == b.allocated);
}
