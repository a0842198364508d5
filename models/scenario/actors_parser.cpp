#include "actors_parser.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "accord/sim/text.hpp"
#include "member_parsers.hpp"

namespace accord::models::detail {

using sim::ConfigNode;
using sim::Range;

namespace {

std::vector<std::string> string_list(const ConfigNode& node) {
  std::vector<std::string> out;
  if (!node.present()) return out;
  if (node.is_scalar()) {
    out.push_back(node.as_string().value_or(""));
    return out;
  }
  if (!node.expect_sequence()) return out;
  for (const auto& item : node.elements()) out.push_back(item.as_string().value_or(""));
  return out;
}

std::vector<std::string> choice_list(const ConfigNode& node,
                                     const std::vector<std::string>& names) {
  std::vector<std::string> out;
  if (!node.present()) return out;
  if (node.is_scalar()) {
    out.push_back(node.as_choice(names).value_or(""));
    return out;
  }
  if (!node.expect_sequence()) return out;
  for (const auto& item : node.elements()) out.push_back(item.as_choice(names).value_or(""));
  return out;
}

const std::vector<std::string>& pmo_forms() {
  static const std::vector<std::string> forms{
      "association",     "scic",       "sas", "sem", "municipality", "epci",
      "social_landlord", "cooperative"};
  return forms;
}

const std::vector<std::string>& college_roles() {
  static const std::vector<std::string> roles{"producer", "municipality", "low_income", "member"};
  return roles;
}

CollegeSpec parse_college(const ConfigNode& n, const std::vector<Participant>& participants) {
  CollegeSpec c;
  if (!n.expect_map({"name", "weight", "kinds", "groups", "ids", "roles"})) return c;
  c.name = n.identifier("name");
  c.weight = n.number("weight", Range::fraction());
  c.kinds = choice_list(n.optional("kinds"), participant_kinds());
  c.roles = choice_list(n.optional("roles"), college_roles());
  c.groups = string_list(n.optional("groups"));
  c.ids = string_list(n.optional("ids"));
  std::set<std::string> ids, groups;
  for (const auto& p : participants) {
    ids.insert(p.id);
    if (!p.group.empty()) groups.insert(p.group);
  }
  for (const auto& id : c.ids)
    if (!ids.count(id))
      n.optional("ids").error("unknown participant id '" + sim::escape_text(id) + "'");
  for (const auto& g : c.groups)
    if (!groups.count(g))
      n.optional("groups").error("unknown participant group '" + sim::escape_text(g) + "'");
  if (c.kinds.empty() && c.roles.empty() && c.groups.empty() && c.ids.empty())
    n.error("a college needs members: give kinds, groups, ids or roles");
  return c;
}

governance::VotingStatute parse_voting(const ConfigNode& n) {
  governance::VotingStatute v;
  if (!n.present() || !n.expect_map({"rule", "base", "qualified_fraction", "quorum", "tie"}))
    return v;
  const std::string rule = n.choice_or("rule", voting_rule_names(), "majority");
  for (auto r : {governance::VotingRule::kMajority, governance::VotingRule::kQualifiedMajority,
                 governance::VotingRule::kPlurality, governance::VotingRule::kBorda,
                 governance::VotingRule::kApproval, governance::VotingRule::kUnanimity})
    if (voting_rule_name(r) == rule) v.rule = r;
  v.base = n.choice_or("base", {"cast", "registered"}, "cast") == "cast"
               ? governance::MajorityBase::kCast
               : governance::MajorityBase::kRegistered;
  v.qualified_fraction =
      n.number_or("qualified_fraction", v.qualified_fraction, Range{0.5, 1.0, true});
  v.quorum = n.number_or("quorum", v.quorum, Range::fraction());
  (void)n.choice_or("tie", {"status_quo"}, "status_quo");
  return v;
}

BoardSpec parse_board(const ConfigNode& n) {
  BoardSpec b;
  if (!n.present() || !n.expect_map({"size", "chosen_by", "decides"})) return b;
  b.size = static_cast<int>(n.integer("size", Range::between(1, 100)));
  b.chosen_by = n.choice_or("chosen_by", {"colleges", "lot"}, "colleges");
  b.decides = choice_list(n.optional("decides"), agenda_items());
  return b;
}

// Law 47-1775 (art. 19 octies, as amended by law 2014-856): a SCIC's colleges, when used,
// are at least three, each holding between 10 % and 50 % of the votes.
void check_statutes(const ConfigNode& statutes, const PmoSpec& pmo) {
  const auto& colleges = pmo.statutes.colleges;
  if (colleges.empty()) return;
  const auto items = statutes.optional("colleges").elements();
  double sum = 0;
  std::set<std::string> names;
  for (size_t c = 0; c < colleges.size(); ++c) {
    sum += colleges[c].weight;
    if (!colleges[c].name.empty() && !names.insert(colleges[c].name).second)
      items[c].error("duplicate college name '" + sim::escape_text(colleges[c].name) + "'");
  }
  if (std::abs(sum - 1.0) > 1e-6)
    statutes.optional("colleges")
        .error("college weights sum to " + fmt::format("{:.6g}", sum) + "; expected 1");
  if (pmo.form != "scic") return;
  if (colleges.size() < 3)
    statutes.optional("colleges")
        .error("a SCIC with colleges needs at least three (law 47-1775 art. 19 octies)");
  for (size_t c = 0; c < colleges.size(); ++c)
    if (colleges[c].weight < 0.1 - 1e-12 || colleges[c].weight > 0.5 + 1e-12)
      items[c].optional("weight").error(
          "a SCIC college holds between 10 % and 50 % of the votes (law 47-1775 art. 19 octies); "
          "got " +
          fmt::format("{:.6g}", colleges[c].weight));
}

PmoSpec parse_pmo(const ConfigNode& n, const std::vector<Participant>& participants) {
  PmoSpec pmo;
  if (!n.present() || !n.expect_map({"form", "statutes"})) return pmo;
  pmo.form = n.choice_or("form", pmo_forms(), "association");
  const ConfigNode st = n.optional("statutes");
  if (!st.present() || !st.expect_map({"colleges", "voting", "board"})) return pmo;
  if (const ConfigNode list = st.optional("colleges"); list.expect_sequence())
    for (const auto& item : list.elements())
      pmo.statutes.colleges.push_back(parse_college(item, participants));
  pmo.statutes.voting = parse_voting(st.optional("voting"));
  pmo.statutes.board = parse_board(st.optional("board"));
  check_statutes(st, pmo);
  return pmo;
}

ObjectiveWeights parse_objectives(const ConfigNode& n, const ObjectiveWeights& fallback) {
  if (!n.present()) return fallback;
  std::vector<std::string> keys(kMunicipalObjectives.begin(), kMunicipalObjectives.end());
  if (!n.expect_map(keys)) return fallback;
  ObjectiveWeights w{};
  double sum = 0;
  for (size_t k = 0; k < w.size(); ++k) {
    w[k] = n.number_or(kMunicipalObjectives[k], 0.0, Range::fraction());
    sum += w[k];
  }
  if (std::abs(sum - 1.0) > 1e-6)
    n.error("objective weights sum to " + fmt::format("{:.6g}", sum) + "; expected 1");
  return w;
}

MunicipalitySpec parse_municipality(const ConfigNode& n,
                                    const std::vector<Participant>& participants,
                                    const sim::TimeZone& zone) {
  MunicipalitySpec m;
  if (!n.present()) return m;
  if (!n.expect_map({"id", "plant_owners", "objectives", "roles", "staff_hours_per_year",
                     "budget_eur_per_year", "elections"}))
    return m;
  m.present = true;
  m.id = n.string_or("id", "");
  if (!m.id.empty() && std::none_of(participants.begin(), participants.end(),
                                    [&](const Participant& p) { return p.id == m.id; }))
    n.optional("id").error("unknown participant id '" + sim::escape_text(m.id) + "'");
  m.plant_owners = string_list(n.optional("plant_owners"));
  if (!m.id.empty()) m.plant_owners.push_back(m.id);
  m.objectives = parse_objectives(n.optional("objectives"), m.objectives);
  m.roles = choice_list(n.optional("roles"), {"producer", "pmo", "funder", "member"});
  m.staff_hours_per_year = n.number_or("staff_hours_per_year", 0, Range::between(0, 1e6));
  m.budget_eur_per_year = n.number_or("budget_eur_per_year", 0, Range::between(0, 1e9));
  if (const ConfigNode list = n.optional("elections"); list.expect_sequence()) {
    for (const auto& e : list.elements()) {
      if (!e.expect_map({"date", "objectives"})) continue;
      ElectionSpec el;
      el.at_utc = e.child("date").as_time_utc(zone).value_or(0);
      el.objectives = parse_objectives(e.child("objectives"), m.objectives);
      m.elections.push_back(el);
    }
    std::stable_sort(
        m.elections.begin(), m.elections.end(),
        [](const ElectionSpec& a, const ElectionSpec& b) { return a.at_utc < b.at_utc; });
  }
  return m;
}

MediationSpec parse_mediation(const ConfigNode& n) {
  MediationSpec m;
  if (!n.present() || !n.expect_map({"outreach_contacts", "outreach_kinds", "outreach_deciles",
                                     "participation_boost", "single_text", "trust_repair",
                                     "recruitment_contacts_per_period"}))
    return m;
  m.outreach_contacts =
      static_cast<int>(n.integer_or("outreach_contacts", 0, Range::between(0, 1000000)));
  m.outreach_kinds = choice_list(n.optional("outreach_kinds"), participant_kinds());
  if (const ConfigNode d = n.optional("outreach_deciles"); d.expect_sequence())
    for (const auto& item : d.elements())
      m.outreach_deciles.push_back(
          static_cast<int>(item.as_integer(Range::between(1, 10)).value_or(1)));
  m.participation_boost =
      n.number_or("participation_boost", m.participation_boost, Range::fraction());
  m.single_text = n.boolean_or("single_text", m.single_text);
  m.trust_repair = n.number_or("trust_repair", m.trust_repair, Range::fraction());
  m.recruitment_contacts_per_period = static_cast<int>(
      n.integer_or("recruitment_contacts_per_period", 0, Range::between(0, 1000000)));
  return m;
}

ExpertiseSpec parse_expertise(const ConfigNode& n) {
  ExpertiseSpec e;
  if (!n.present() || !n.expect_map({"forecast_error_reduction", "advises", "engineered_options",
                                     "equity_max_gini", "transaction_cost_reduction"}))
    return e;
  e.forecast_error_reduction =
      n.number_or("forecast_error_reduction", e.forecast_error_reduction, Range::fraction());
  e.advises = choice_list(n.optional("advises"), participant_kinds());
  if (n.has("engineered_options"))
    e.engineered_options = choice_list(n.optional("engineered_options"),
                                       {"savings_under_equity_floor", "balanced_internal_price"});
  e.equity_max_gini = n.number_or("equity_max_gini", e.equity_max_gini, Range::fraction());
  e.transaction_cost_reduction =
      n.number_or("transaction_cost_reduction", e.transaction_cost_reduction, Range::fraction());
  return e;
}

IntermediarySpec parse_intermediary(const ConfigNode& n, const sim::TimeZone& zone) {
  IntermediarySpec s;
  if (!n.expect_map(
          {"id", "role", "engaged", "cost_eur_per_year", "paid_by", "mediation", "expertise"}))
    return s;
  s.id = n.identifier("id");
  for (const auto& r : choice_list(n.child("role"), {"mediation", "expertise"})) {
    s.mediation = s.mediation || r == "mediation";
    s.expertise = s.expertise || r == "expertise";
  }
  if (const ConfigNode e = n.optional("engaged"); e.present() && e.expect_map({"from", "to"})) {
    if (e.has("from")) s.from_utc = e.child("from").as_time_utc(zone).value_or(s.from_utc);
    if (e.has("to")) s.to_utc = e.child("to").as_time_utc(zone).value_or(s.to_utc);
    if (s.to_utc <= s.from_utc) e.optional("to").error("engagement must end after it starts");
  }
  s.cost_eur_per_year = n.number_or("cost_eur_per_year", 0, Range::between(0, 1e8));
  s.paid_by = n.choice_or("paid_by", {"pmo", "municipality", "subsidy"}, "pmo");
  if (n.has("mediation") && !s.mediation)
    n.optional("mediation").error("mediation parameters given but role has no mediation");
  if (n.has("expertise") && !s.expertise)
    n.optional("expertise").error("expertise parameters given but role has no expertise");
  s.mediation_params = parse_mediation(n.optional("mediation"));
  s.expertise_params = parse_expertise(n.optional("expertise"));
  return s;
}

}  // namespace

const std::vector<std::string>& voting_rule_names() {
  static const std::vector<std::string> names{"majority", "qualified_majority", "plurality",
                                              "borda",    "approval",           "unanimity"};
  return names;
}

std::string voting_rule_name(governance::VotingRule rule) {
  switch (rule) {
    case governance::VotingRule::kMajority:
      return "majority";
    case governance::VotingRule::kQualifiedMajority:
      return "qualified_majority";
    case governance::VotingRule::kPlurality:
      return "plurality";
    case governance::VotingRule::kBorda:
      return "borda";
    case governance::VotingRule::kApproval:
      return "approval";
    case governance::VotingRule::kUnanimity:
      return "unanimity";
  }
  return "majority";
}

ActorsSpec parse_actors(const ConfigNode& node, const std::vector<Participant>& participants,
                        const sim::TimeZone& zone) {
  ActorsSpec a;
  if (!node.present() || !node.expect_map({"pmo", "municipality", "intermediaries"})) return a;
  a.pmo = parse_pmo(node.optional("pmo"), participants);
  a.municipality = parse_municipality(node.optional("municipality"), participants, zone);
  std::set<std::string> ids;
  if (const ConfigNode list = node.optional("intermediaries"); list.expect_sequence())
    for (const auto& item : list.elements()) {
      a.intermediaries.push_back(parse_intermediary(item, zone));
      const std::string& id = a.intermediaries.back().id;
      if (!id.empty() && !ids.insert(id).second)
        item.optional("id").error("duplicate intermediary id '" + sim::escape_text(id) + "'");
    }
  return a;
}

}  // namespace accord::models::detail
