#include "dynamics_parser.hpp"

#include <fstream>
#include <map>
#include <set>

#include "accord/sim/error.hpp"
#include "accord/sim/text.hpp"

namespace accord::models::detail {

using sim::ConfigNode;
using sim::Range;

namespace {

SatisfactionSpec parse_satisfaction(const ConfigNode& n) {
  SatisfactionSpec s;
  if (!n.present() || !n.expect_map({"initial", "learning_rate", "procedural_weight"})) return s;
  s.initial = n.number_or("initial", s.initial, Range::fraction());
  s.learning_rate = n.number_or("learning_rate", s.learning_rate, Range::fraction());
  s.procedural_weight = n.number_or("procedural_weight", s.procedural_weight, Range::fraction());
  return s;
}

AspirationSpec parse_aspiration(const ConfigNode& n) {
  AspirationSpec a;
  if (!n.present() || !n.expect_map({"initial", "habituation", "scale"})) return a;
  a.initial = n.number_or("initial", a.initial, Range::between(-1, 1));
  a.habituation = n.number_or("habituation", a.habituation, Range::fraction());
  a.scale = n.number_or("scale", a.scale, Range{0.0, 1.0, true});
  return a;
}

TrustDynamicsSpec parse_trust(const ConfigNode& n) {
  TrustDynamicsSpec t;
  if (!n.present() || !n.expect_map({"learning_rate", "municipality_initial",
                                     "intermediaries_initial", "election_renewal"}))
    return t;
  t.learning_rate = n.number_or("learning_rate", t.learning_rate, Range::fraction());
  t.municipality_initial =
      n.number_or("municipality_initial", t.municipality_initial, Range::fraction());
  t.intermediaries_initial =
      n.number_or("intermediaries_initial", t.intermediaries_initial, Range::fraction());
  t.election_renewal = n.number_or("election_renewal", t.election_renewal, Range::fraction());
  return t;
}

// A two-column CSV of person ids, `from,to` header optional; every id must be a participant or
// a candidate. Returns ties as indices of `persons`.
std::vector<std::pair<int, int>> read_ties(const std::string& path, const std::string& label,
                                           const std::map<std::string, int>& persons) {
  std::ifstream in(path);
  if (!in) throw DataError(SourceLocation{label, 0, 0}, "cannot open the ties file");
  std::vector<std::pair<int, int>> ties;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const auto comma = line.find(',');
    if (comma == std::string::npos || line.find(',', comma + 1) != std::string::npos)
      throw DataError(SourceLocation{label, number, 1},
                      "expected two person ids separated by a comma (from,to), got '" +
                          sim::escape_text(line) + "'");
    const std::string from = line.substr(0, comma), to = line.substr(comma + 1);
    if (number == 1 && from == "from" && to == "to") continue;
    for (const auto& [id, column] : {std::pair{from, 1}, std::pair{to, int(comma) + 2}})
      if (persons.find(id) == persons.end())
        throw DataError(SourceLocation{label, number, column},
                        "unknown person '" + sim::escape_text(id) +
                            "' (expected the id of a participant or a candidate)");
    ties.emplace_back(persons.at(from), persons.at(to));
  }
  if (ties.empty()) throw DataError(SourceLocation{label, 0, 0}, "the ties file has no tie");
  return ties;
}

NetworkSpec parse_network(const ConfigNode& n) {
  NetworkSpec s;
  if (!n.present() ||
      !n.expect_map({"type", "neighbours", "rewiring", "homophily", "homophily_by", "csv"}))
    return s;
  s.type = n.choice_or("type", {"small_world", "csv"}, s.type);
  s.neighbours = static_cast<int>(n.integer_or("neighbours", s.neighbours, Range::between(2, 100)));
  if (s.neighbours % 2 != 0)
    n.optional("neighbours").error("neighbours must be even (half on each side of the ring)");
  s.rewiring = n.number_or("rewiring", s.rewiring, Range::fraction());
  s.homophily = n.number_or("homophily", s.homophily, Range::fraction());
  s.homophily_by = n.choice_or("homophily_by", {"kind", "income_decile"}, s.homophily_by);
  if (s.type == "csv") {
    if (const auto file = n.child("csv").as_existing_file()) s.ties_file = *file;
  } else if (n.has("csv")) {
    n.optional("csv").error("csv applies to type: csv");
  }
  return s;
}

AttitudeSpec parse_attitude(const ConfigNode& n) {
  AttitudeSpec a;
  if (!n.present() || !n.expect_map({"model", "convergence", "confidence", "meetings_per_person",
                                     "experience_weight", "members", "candidates"}))
    return a;
  a.model = n.choice_or("model", {"relative_agreement", "bounded_confidence"}, a.model);
  a.convergence = n.number_or("convergence", a.convergence, Range{0.0, 0.5, true});
  a.confidence = n.number_or("confidence", a.confidence, Range{0.0, 1.0, true});
  a.meetings_per_person =
      n.number_or("meetings_per_person", a.meetings_per_person, Range::between(0, 100));
  a.experience_weight = n.number_or("experience_weight", a.experience_weight, Range::fraction());
  auto initial = [](const ConfigNode& r, InitialAttitude& out) {
    if (!r.present() || !r.expect_map({"low", "high", "uncertainty"})) return;
    out.low = r.number_or("low", out.low, Range::fraction());
    out.high = r.number_or("high", out.high, Range::fraction());
    out.uncertainty = r.number_or("uncertainty", out.uncertainty, Range{0.0, 1.0, true});
    if (out.low > out.high) r.error("low is above high");
  };
  initial(n.optional("members"), a.members);
  initial(n.optional("candidates"), a.candidates);
  return a;
}

OutreachSpec parse_outreach(const ConfigNode& n) {
  OutreachSpec o;
  if (!n.present() ||
      !n.expect_map({"position", "uncertainty", "municipality_contacts_per_period"}))
    return o;
  o.position = n.number_or("position", o.position, Range::fraction());
  o.uncertainty = n.number_or("uncertainty", o.uncertainty, Range{0.0, 1.0, true});
  o.municipality_contacts_per_period = static_cast<int>(
      n.integer_or("municipality_contacts_per_period", 0, Range::between(0, 1000000)));
  return o;
}

MembershipSpec parse_membership(const ConfigNode& n) {
  MembershipSpec m;
  if (!n.present() ||
      !n.expect_map({"application_attitude", "admission", "max_members", "max_subscribed_kva",
                     "exit_satisfaction", "exit_after_updates", "loss_window_periods",
                     "loss_tolerance", "notice_periods"}))
    return m;
  m.enabled = true;
  m.application_attitude =
      n.number_or("application_attitude", m.application_attitude, Range::fraction());
  m.admission = n.choice_or("admission", {"automatic", "pmo", "assembly", "board"}, m.admission);
  m.max_members =
      static_cast<int>(n.integer_or("max_members", m.max_members, Range::between(0, 10000000)));
  m.max_subscribed_kva =
      n.number_or("max_subscribed_kva", m.max_subscribed_kva, Range::non_negative());
  m.exit_satisfaction = n.number_or("exit_satisfaction", m.exit_satisfaction, Range::fraction());
  m.exit_after_updates = static_cast<int>(
      n.integer_or("exit_after_updates", m.exit_after_updates, Range::between(1, 1000)));
  m.loss_window_periods = static_cast<int>(
      n.integer_or("loss_window_periods", m.loss_window_periods, Range::between(0, 1000)));
  m.loss_tolerance = n.number_or("loss_tolerance", m.loss_tolerance, Range::fraction());
  m.notice_periods =
      static_cast<int>(n.integer_or("notice_periods", m.notice_periods, Range::between(0, 120)));
  return m;
}

}  // namespace

DynamicsSpec parse_dynamics(const ConfigNode& node, const MemberContext& ctx,
                            const std::vector<Participant>& participants) {
  DynamicsSpec s;
  if (!node.present()) return s;
  if (!node.expect_map({"every_periods", "satisfaction", "aspiration", "trust", "network",
                        "attitude", "outreach", "membership", "candidates"}))
    return s;
  s.enabled = true;
  s.every_periods = static_cast<int>(node.integer_or("every_periods", 1, Range::between(1, 120)));
  s.satisfaction = parse_satisfaction(node.optional("satisfaction"));
  s.aspiration = parse_aspiration(node.optional("aspiration"));
  s.trust = parse_trust(node.optional("trust"));
  s.network = parse_network(node.optional("network"));
  s.attitude = parse_attitude(node.optional("attitude"));
  s.outreach = parse_outreach(node.optional("outreach"));
  s.membership = parse_membership(node.optional("membership"));
  if (const ConfigNode list = node.optional("candidates"); list.present()) {
    s.candidates = parse_participants(list, ctx);
    std::set<std::string> member_ids;
    for (const auto& p : participants) member_ids.insert(p.id);
    for (const auto& c : s.candidates)
      if (member_ids.count(c.id) != 0) {
        list.error("candidate id '" + sim::escape_text(c.id) +
                   "' is already a participant (a person is either a member or a candidate)");
        break;
      }
    // A candidate's plant would produce for the operation before it joins.
    if (s.membership.enabled)
      for (size_t k = 0; k < s.candidates.size(); ++k)
        if (s.candidates[k].own_production) {
          list.error("candidate '" + sim::escape_text(s.candidates[k].id) +
                     "' has pv: with membership, candidates are consumers (declare its plant "
                     "as a producer once it is a member)");
          break;
        }
  }
  if (s.network.ties_file && !node.context().has_errors()) {
    std::map<std::string, int> persons;
    for (const auto& p : participants) persons.emplace(p.id, static_cast<int>(persons.size()));
    for (const auto& c : s.candidates) persons.emplace(c.id, static_cast<int>(persons.size()));
    s.network.ties = read_ties(*s.network.ties_file, *s.network.ties_file, persons);
  }
  return s;
}

void check_membership(const ConfigNode& dynamics, const Scenario& s) {
  const MembershipSpec& m = s.dynamics.membership;
  if (!m.enabled || !m.admission_by_vote()) return;
  const ConfigNode where = dynamics.optional("membership").optional("admission");
  if (s.governance.every_periods() == 0)
    where.error("admission by the " + m.admission +
                " is decided at governance rounds, but governance.calendar is none; give a "
                "calendar (monthly, quarterly, yearly) or admission automatic or pmo");
  else if (m.admission == "board" && s.actors.pmo.statutes.board.size == 0)
    where.error(
        "admission by the board, but the statutes have no board "
        "(actors.pmo.statutes.board.size); give a board or admission assembly");
}

}  // namespace accord::models::detail
