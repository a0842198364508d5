#include "governance_parser.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include <fmt/format.h>

#include "accord/models/allocation/sharing_key.hpp"
#include "accord/models/scenario/key_context.hpp"
#include "accord/sim/text.hpp"
#include "benefit_rule_parser.hpp"
#include "key_parser.hpp"

namespace accord::models::detail {

using sim::ConfigNode;
using sim::Range;

namespace {

sharing::TerritorialShares parse_territorial(const ConfigNode& t) {
  sharing::TerritorialShares s;
  if (!t.expect_map({"solidarity_fund", "reinvestment_reserve", "municipality"})) return s;
  s.solidarity_fund = t.number_or("solidarity_fund", 0, Range::fraction());
  s.reinvestment_reserve = t.number_or("reinvestment_reserve", 0, Range::fraction());
  s.municipality = t.number_or("municipality", 0, Range::fraction());
  if (s.total() > 1 + 1e-12) t.error("territorial shares sum to more than 1");
  return s;
}

double scalar_or_key(const ConfigNode& n, const char* key, Range range) {
  if (n.is_scalar()) return n.as_number(range).value_or(0);
  if (!n.expect_map({key})) return 0;
  return n.number(key, range);
}

RuleOption parse_option(const std::string& item, const ConfigNode& n) {
  RuleOption o;
  if (item == "sharing_key") o.sharing_key = parse_sharing_key(n);
  if (item == "benefit_rule")
    o.benefit_rule = n.is_scalar() ? parse_benefit_rule_name(n) : parse_benefit_rule(n);
  if (item == "internal_price")
    o.internal_price_eur_per_kwh = scalar_or_key(n, "eur_per_kwh", Range::between(0, 2));
  if (item == "territorial_shares") o.territorial = parse_territorial(n);
  if (item == "pmo_fee")
    o.pmo_fee_eur_per_member_year = scalar_or_key(n, "eur_per_member_year", Range::between(0, 1e4));
  if (item == "expansion") {
    if (n.is_scalar())
      o.plant = n.as_string().value_or("");
    else if (n.expect_map({"plant"}))
      o.plant = n.string("plant");
  }
  return o;
}

AgendaItemSpec parse_item(const ConfigNode& n) {
  AgendaItemSpec a;
  if (!n.expect_map({"item", "protocol", "delegate", "options"})) return a;
  a.item = n.choice("item", agenda_items());
  a.protocol = n.choice_or("protocol", governance_protocols(), "");
  a.delegate = n.choice_or("delegate", {"board", "municipality"}, "board");
  if (n.has("delegate") && a.protocol != "delegated")
    n.optional("delegate").error("delegate applies to protocol: delegated");
  if (const ConfigNode list = n.optional("options"); list.expect_sequence())
    for (const auto& item : list.elements()) a.options.push_back(parse_option(a.item, item));
  return a;
}

}  // namespace

GovernanceSpec parse_governance(const ConfigNode& g) {
  GovernanceSpec s;
  if (!g.present() || !g.expect_map({"calendar", "window_periods", "agenda", "bargaining",
                                     "single_text", "trust", "transaction_cost_eur_per_round"}))
    return s;
  s.calendar = g.choice_or("calendar", {"none", "monthly", "quarterly", "yearly"}, "none");
  s.window_periods = g.integer_or("window_periods", 0, Range::between(0, 120));
  std::set<std::string> items;
  if (const ConfigNode list = g.optional("agenda"); list.expect_sequence())
    for (const auto& n : list.elements()) {
      s.agenda.push_back(parse_item(n));
      if (!s.agenda.back().item.empty() && !items.insert(s.agenda.back().item).second)
        n.optional("item").error("item '" + s.agenda.back().item + "' is already on the agenda");
    }
  if (const ConfigNode b = g.optional("bargaining");
      b.present() &&
      b.expect_map({"method", "parties", "max_rounds", "discount", "kappa", "beta"})) {
    s.bargaining.method =
        b.choice_or("method", {"zeuthen", "alternating_offers", "time_dependent"}, "zeuthen");
    if (const ConfigNode p = b.optional("parties"); p.expect_sequence())
      for (const auto& item : p.elements())
        s.bargaining.parties.push_back(item.as_string().value_or(""));
    s.bargaining.max_rounds = static_cast<int>(
        b.integer_or("max_rounds", s.bargaining.max_rounds, Range::between(1, 10000)));
    s.bargaining.discount = b.number_or("discount", s.bargaining.discount, Range{0, 1, true});
    s.bargaining.kappa = b.number_or("kappa", s.bargaining.kappa, Range::fraction());
    s.bargaining.beta = b.number_or("beta", s.bargaining.beta, Range{0, 100, true});
  }
  if (const ConfigNode t = g.optional("single_text");
      t.present() && t.expect_map({"max_rounds", "temperature", "cooling"})) {
    s.single_text.max_rounds = static_cast<int>(
        t.integer_or("max_rounds", s.single_text.max_rounds, Range::between(1, 10000)));
    s.single_text.temperature = t.number_or("temperature", 0, Range::non_negative());
    s.single_text.cooling = t.number_or("cooling", s.single_text.cooling, Range{0, 1, true});
  }
  if (const ConfigNode t = g.optional("trust"); t.present() && t.expect_map({"gain", "loss"})) {
    s.trust.gain = t.number_or("gain", s.trust.gain, Range::fraction());
    s.trust.loss = t.number_or("loss", s.trust.loss, Range::fraction());
  }
  s.transaction_cost_eur_per_round =
      g.number_or("transaction_cost_eur_per_round", 0, Range::between(0, 1e7));
  return s;
}

namespace {

bool mediator_engaged_during(const Scenario& s) {
  for (const auto& i : s.actors.intermediaries)
    if (i.mediation && i.mediation_params.single_text && i.from_utc < s.time.end_utc &&
        i.to_utc > s.time.start_utc)
      return true;
  return false;
}

void check_option(const ConfigNode& where, const std::string& item, const RuleOption& o,
                  const Scenario& s) {
  if (o.sharing_key) {
    try {
      (void)allocation::make_sharing_key(*o.sharing_key, key_context_of(s));
    } catch (const std::exception& e) {
      where.error(std::string("option invalid for this community: ") + e.what());
    }
  }
  if (o.benefit_rule && s.participants.size() > 20)
    for (const char* rule : {"nucleolus", "least_core", "solidarity_value", "nash_bargaining"})
      if (o.benefit_rule->type == rule)
        where.error("option invalid for this community: " + o.benefit_rule->type +
                    " enumerates coalitions and needs at most 20 participants; the scenario has " +
                    std::to_string(s.participants.size()));
  if (o.territorial && item == "territorial_shares" && o.territorial->total() > 1 + 1e-12)
    where.error("option invalid: territorial shares sum to more than 1");
  if (item == "expansion" && o.plant) {
    const auto p = std::find_if(s.producers.begin(), s.producers.end(),
                                [&](const Producer& q) { return q.id == *o.plant; });
    if (p == s.producers.end() || !p->planned)
      where.error("expansion option '" + sim::escape_text(*o.plant) +
                  "' is not a planned plant; expected the id of a producer with planned: "
                  "{cost_eur_per_year: ...}");
  }
}

}  // namespace

void check_governance(const ConfigNode& g, const Scenario& s) {
  const GovernanceSpec& gov = s.governance;
  const auto items = g.optional("agenda").elements();
  const auto& statutes = s.actors.pmo.statutes;
  std::set<std::string> colleges;
  for (const auto& c : statutes.colleges) colleges.insert(c.name);
  for (size_t k = 0; k < gov.agenda.size() && k < items.size(); ++k) {
    const AgendaItemSpec& a = gov.agenda[k];
    const ConfigNode& node = items[k];
    const bool board_item = std::find(statutes.board.decides.begin(), statutes.board.decides.end(),
                                      a.item) != statutes.board.decides.end();
    if (board_item && !a.protocol.empty() && a.protocol != "delegated")
      node.optional("protocol")
          .error("the statutes give '" + a.item +
                 "' to the board alone (actors.pmo.statutes.board.decides)");
    const std::string protocol =
        a.protocol.empty() ? (board_item ? "delegated" : "vote") : a.protocol;
    if (protocol == "single_text" && !mediator_engaged_during(s))
      node.optional("protocol")
          .error(
              "the single negotiation text needs a mediation intermediary engaged during the run "
              "(actors.intermediaries with role mediation and single_text: true)");
    if (protocol == "delegated" && a.delegate == "board" && statutes.board.size == 0)
      node.error(
          "delegated to the board, but the statutes have no board "
          "(actors.pmo.statutes.board.size)");
    if (protocol == "delegated" && a.delegate == "municipality" && !s.actors.municipality.present)
      node.optional("delegate")
          .error("delegated to the municipality, but actors.municipality is absent");
    if (a.options.empty())
      node.error("an agenda item needs at least one option besides the status quo");
    const auto option_nodes = node.optional("options").elements();
    for (size_t o = 0; o < a.options.size() && o < option_nodes.size(); ++o)
      check_option(option_nodes[o], a.item, a.options[o], s);
  }
  for (size_t k = 0; k < gov.bargaining.parties.size(); ++k) {
    const std::string& p = gov.bargaining.parties[k];
    if (p == "municipality" ? !s.actors.municipality.present : !colleges.count(p))
      g.optional("bargaining")
          .optional("parties")
          .elements()[k]
          .error("unknown bargaining party '" + sim::escape_text(p) +
                 "': expected a college name or municipality");
  }
}

namespace {
// The shortest text that reads back as the same double (0.2, not 0.20000000000000001): a
// yaml-cpp node stores a double assigned to it with 17 digits, whatever the emitter's precision.
std::string shortest(double v) {
  return fmt::format("{}", v);
}
}  // namespace

std::string key_text(const SharingKeySpec& key) {
  YAML::Node n;
  n["type"] = key.type;
  if (key.type == "priority") n["within_level"] = key.within_level;
  if (key.type == "dynamic_custom" && !key.rule.empty()) {
    n["rule"] = key.rule;
    n["rule_share"] = shortest(key.rule_share);
  }
  if (key.floor_0_1_percent) n["floor_0_1_percent"] = true;
  YAML::Emitter out;
  out << YAML::Flow << n;
  return out.c_str();
}

std::string rule_text(const sharing::BenefitRuleSpec& rule) {
  // Only the parameters the rule reads, so that texts stay short and comparable.
  YAML::Node n;
  n["type"] = rule.type;
  if (rule.type == "egalitarian_shapley") n["alpha"] = shortest(rule.alpha);
  if (rule.type == "needs_based") {
    n["sigma"] = shortest(rule.sigma);
    n["base_rule"] = rule.base_rule;
  }
  if (rule.type == "nash_bargaining") n["weights_by"] = rule.weights_by;
  YAML::Emitter out;
  out << YAML::Flow << n;
  return out.c_str();
}

std::string option_text(const std::string& item, const RuleOption& o) {
  char buf[160];
  if (item == "sharing_key" && o.sharing_key) return key_text(*o.sharing_key);
  if (item == "benefit_rule" && o.benefit_rule) return rule_text(*o.benefit_rule);
  if (item == "internal_price" && o.internal_price_eur_per_kwh) {
    std::snprintf(buf, sizeof buf, "{eur_per_kwh: %.4f}", *o.internal_price_eur_per_kwh);
    return buf;
  }
  if (item == "territorial_shares" && o.territorial) {
    std::snprintf(buf, sizeof buf,
                  "{solidarity_fund: %.4g, reinvestment_reserve: %.4g, municipality: %.4g}",
                  o.territorial->solidarity_fund, o.territorial->reinvestment_reserve,
                  o.territorial->municipality);
    return buf;
  }
  if (item == "expansion" && o.plant)
    return o.plant->empty() ? "build nothing" : "build " + *o.plant;
  if (item == "pmo_fee" && o.pmo_fee_eur_per_member_year) {
    std::snprintf(buf, sizeof buf, "{eur_per_member_year: %.2f}", *o.pmo_fee_eur_per_member_year);
    return buf;
  }
  return "";
}

}  // namespace accord::models::detail
