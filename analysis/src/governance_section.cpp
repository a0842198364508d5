// The document's "governance" section (docs/analyze.md): the procedural indicators of
// procedural.hpp, the decisions row by row and the changes of the rules in force.
#include <cmath>

#include "accord/analysis/procedural.hpp"
#include "run_analysis.hpp"

namespace accord::analysis::detail {

using nlohmann::json;

namespace {

json definitions() {
  return {
      {"participation",
       "took part / could take part, pooled over (round row, member) pairs whose ballot is not "
       "-2: ballot >= 0 over ballot != -2"},
      {"voting_power_ratio",
       "group's share of the sum of members' Shapley-Shubik (or Banzhaf) indices / its share "
       "of the members (participants that were members in at least one period); colleges: "
       "index / share of the registered members; 1 = proportional, 0 = no vote"},
      {"decision_side",
       "vote rows where at least one of the group voted: share whose chosen option is among "
       "the options most voted for by the group's voters (one ballot each, unweighted); a tie "
       "between top options counts as on the group's side when chosen is one of them"},
      {"rounds_to_agreement",
       "mean and max of `rounds` over rows with protocol bargaining or single_text "
       "(negotiated), and over all rows"},
      {"rule_changes", "sum of `changed` over the rows"},
      {"quorum_misses", "rows with quorum_reached = 0"},
      {"mean_forecast_error", "mean of the finite forecast_error values of the rows"},
  };
}

json participation_json(const ParticipationGroup& g, const char* key, bool decile) {
  json j;
  if (decile)
    j[key] = std::stoi(g.group);
  else if (key != nullptr)
    j[key] = g.group;
  j["members"] = g.members;
  j["eligible"] = g.eligible;
  j["took_part"] = g.took_part;
  j["rate"] = number(g.rate);
  j["mean_drawn_participation"] = number(g.mean_drawn_participation);
  return j;
}

json power_group_json(const PowerGroup& g, const char* key, bool decile) {
  json j;
  if (decile)
    j[key] = std::stoi(g.group);
  else
    j[key] = g.group;
  j["members"] = g.members;
  j["voters"] = g.voters;
  j["member_share"] = number(g.member_share);
  j["shapley_shubik_share"] = number(g.shapley_shubik_share);
  j["banzhaf_share"] = number(g.banzhaf_share);
  j["shapley_shubik_ratio"] = number(g.shapley_shubik_ratio);
  j["banzhaf_ratio"] = number(g.banzhaf_ratio);
  return j;
}

json side_json(const DecisionSide& d, bool with_group) {
  json j;
  if (with_group) j["kind"] = d.group;
  j["rows"] = d.rows;
  j["on_side"] = d.on_side;
  j["ties"] = d.ties;
  j["share"] = number(d.share);
  return j;
}

json rounds_json(const RoundsStats& s) {
  return {{"rows", s.rows},
          {"mean", number(s.mean)},
          {"max", s.rows > 0 ? json(s.max) : json(nullptr)}};
}

json decisions(const RunData& run) {
  const auto& gov = run.governance;
  json out = json::array();
  for (std::size_t r = 0; r < gov.rows; ++r) {
    const int64_t c = gov.chosen[r];
    const bool valid = c >= 0 && static_cast<std::size_t>(c) < gov.options;
    const std::size_t cell = r * gov.options + (valid ? static_cast<std::size_t>(c) : 0);
    out.push_back({{"row", r},
                   {"period", gov.period[r]},
                   {"date", iso_date(gov.time[r])},
                   {"item", gov.item[r]},
                   {"protocol", gov.protocol[r]},
                   {"decided_by", gov.decided_by[r]},
                   {"chosen", c},
                   {"chosen_option", valid ? json(gov.option_text[cell]) : json(nullptr)},
                   {"chosen_source", valid ? json(gov.option_source[cell]) : json(nullptr)},
                   {"changed", gov.changed[r] != 0},
                   {"quorum_reached", gov.quorum_reached[r] != 0},
                   {"agreed", gov.agreed[r] != 0},
                   {"rounds", gov.rounds[r]},
                   {"support", number(gov.support[r])},
                   {"turnout", number(gov.turnout[r])},
                   {"participation", number(gov.participation[r])},
                   {"forecast_error", number(gov.forecast_error[r])}});
  }
  return out;
}

// Where a rule in force differs from the previous period's (the decisions apply from the
// period after their round).
json in_force_changes(const RunData& run) {
  const auto& in = run.in_force;
  json out = json::array();
  auto differs = [](double a, double b) { return !(a == b || (std::isnan(a) && std::isnan(b))); };
  for (std::size_t p = 1; p < in.sharing_key.size(); ++p) {
    auto change = [&](const char* field, json from, json to) {
      out.push_back({{"period", p},
                     {"date", p < run.period_start.size() ? json(iso_date(run.period_start[p]))
                                                          : json(nullptr)},
                     {"field", field},
                     {"from", std::move(from)},
                     {"to", std::move(to)}});
    };
    if (in.sharing_key[p] != in.sharing_key[p - 1])
      change("sharing_key", in.sharing_key[p - 1], in.sharing_key[p]);
    if (in.benefit_rule[p] != in.benefit_rule[p - 1])
      change("benefit_rule", in.benefit_rule[p - 1], in.benefit_rule[p]);
    if (differs(in.internal_price[p], in.internal_price[p - 1]))
      change("internal_price", number(in.internal_price[p - 1]), number(in.internal_price[p]));
    bool territorial = false;
    json before = json::array(), after = json::array();
    for (std::size_t k = 0; k < 3; ++k) {
      territorial =
          territorial || differs(in.territorial[p * 3 + k], in.territorial[(p - 1) * 3 + k]);
      before.push_back(number(in.territorial[(p - 1) * 3 + k]));
      after.push_back(number(in.territorial[p * 3 + k]));
    }
    if (territorial) change("territorial_shares", before, after);
    if (differs(in.pmo_fee[p], in.pmo_fee[p - 1]))
      change("pmo_fee", number(in.pmo_fee[p - 1]), number(in.pmo_fee[p]));
  }
  return out;
}

}  // namespace

json governance_section(const RunData& run) {
  const auto& gov = run.governance;
  const auto p = procedural_indicators(run);
  json g;
  g["present"] = true;
  g["calendar"] = gov.calendar;
  g["window_periods"] = gov.window_periods;
  g["rounds_held"] = gov.rounds_held;
  g["rows"] = gov.rows;
  g["options"] = gov.options;
  g["definitions"] = definitions();
  if (gov.rows == 0)
    g["note"] = "no governance round in this run (calendar " +
                (gov.calendar.empty() ? std::string("unknown") : gov.calendar) + ")";

  json part;
  part["overall"] = participation_json(p.participation, nullptr, false);
  part["by_kind"] = json::array();
  for (const auto& e : p.participation_by_kind)
    part["by_kind"].push_back(participation_json(e, "kind", false));
  part["by_decile"] = json::array();
  for (const auto& e : p.participation_by_decile)
    part["by_decile"].push_back(participation_json(e, "decile", true));
  g["participation"] = part;

  if (p.has_voting_power) {
    json vp;
    vp["exact"] = p.voting_power_exact;
    vp["colleges"] = json::array();
    for (const auto& c : p.colleges)
      vp["colleges"].push_back({{"college", c.college},
                                {"weight", number(c.weight)},
                                {"weight_share", number(c.weight_share)},
                                {"members", c.members},
                                {"member_share", number(c.member_share)},
                                {"shapley_shubik", number(c.shapley_shubik)},
                                {"banzhaf", number(c.banzhaf)},
                                {"shapley_shubik_ratio", number(c.shapley_shubik_ratio)},
                                {"banzhaf_ratio", number(c.banzhaf_ratio)}});
    vp["by_kind"] = json::array();
    for (const auto& e : p.power_by_kind)
      vp["by_kind"].push_back(power_group_json(e, "kind", false));
    vp["by_decile"] = json::array();
    for (const auto& e : p.power_by_decile)
      vp["by_decile"].push_back(power_group_json(e, "decile", true));
    g["voting_power"] = vp;
  }

  json side;
  side["low_income"] = side_json(p.low_income_side, false);
  side["all_voters"] = side_json(p.all_voters_side, false);
  side["by_kind"] = json::array();
  for (const auto& d : p.side_by_kind) side["by_kind"].push_back(side_json(d, true));
  g["decision_side"] = side;

  g["rounds_to_agreement"] = {{"negotiated", rounds_json(p.rounds_negotiated)},
                              {"all", rounds_json(p.rounds_all)},
                              {"agreement_share", number(p.agreement_share)}};
  g["rule_changes"] = p.rule_changes;
  g["changes_by_item"] = json::array();
  for (const auto& c : p.changes_by_item)
    g["changes_by_item"].push_back({{"item", c.item}, {"rows", c.rows}, {"changed", c.changed}});
  g["decided_by"] = json::object();
  for (const auto& [body, rows] : p.decided_by) g["decided_by"][body] = rows;
  g["quorum_misses"] = p.quorum_misses;
  g["mean_forecast_error"] = number(p.mean_forecast_error);
  g["forecast_rows"] = p.forecast_rows;
  g["mean_support"] = number(p.mean_support);
  g["decisions"] = decisions(run);
  if (run.in_force.present()) g["in_force_changes"] = in_force_changes(run);
  return g;
}

}  // namespace accord::analysis::detail
