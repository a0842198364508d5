#include "participants.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <set>

#include "accord/models/physical_bounds.hpp"
#include "accord/sim/rng.hpp"
#include "accord/sim/text.hpp"
#include "behaviour_parser.hpp"
#include "member_parsers.hpp"

namespace accord::models::detail {

using sim::ConfigNode;
using sim::Range;

const std::vector<double>& income_decile_bounds() {
  // Upper bounds of deciles D1..D9 of disposable income per consumption unit (niveau de
  // vie), France métropolitaine, INSEE "Revenus et patrimoine des ménages" (2021 incomes),
  // rounded; the floor of D1 and the ceiling of D10 are modelling assumptions.
  static const std::vector<double> bounds{7000,  12070, 15030, 17560, 19970, 22530,
                                          25290, 28630, 33400, 41400, 70000};
  return bounds;
}

namespace {

// OECD-modified scale: 1 for the first adult, 0.5 per other person aged 14+, 0.3 per child.
double oecd_units(int adults, int children) {
  return 1.0 + 0.5 * (adults - 1) + 0.3 * children;
}

// Household sizes 1..5 with the shares of French households (INSEE, recensement 2019,
// rounded): 37 %, 33 %, 13 %, 11 %, 6 %.
int draw_household_size(double u) {
  static const double cumulative[] = {0.37, 0.70, 0.83, 0.94, 1.0};
  for (int k = 0; k < 5; ++k)
    if (u < cumulative[k]) return k + 1;
  return 5;
}

void parse_income(const ConfigNode& node, Participant& p) {
  if (!node.present() || !node.expect_map({"eur_per_year", "decile", "consumption_units"})) return;
  p.income_eur_per_year = node.number_or("eur_per_year", kUnset, Range::non_negative());
  p.income_decile = static_cast<int>(node.integer_or("decile", 0, Range::between(1, 10)));
  p.consumption_units = node.number_or("consumption_units", kUnset, Range::between(1, 10));
}

Participant parse_explicit(const ConfigNode& n, const MemberContext& ctx) {
  Participant p;
  n.expect_map({"id", "kind", "location", "consumption", "pv", "production", "income", "low_income",
                "key", "retail", "surplus_eur_per_kwh", "behaviour"});
  p.id = n.identifier("id");
  p.kind = n.choice("kind", participant_kinds());
  p.location = parse_location(n.optional("location"), ctx.site);
  p.consumption = parse_consumption(n);
  if (auto* lp = std::get_if<LoadProfileSpec>(&p.consumption.source))
    p.profile = lp->profile;
  else
    p.profile = "csv";
  p.own_production = parse_production(n);
  parse_income(n.optional("income"), p);
  p.low_income = n.boolean_or("low_income", p.income_decile >= 1 && p.income_decile <= 3);
  p.key = parse_key_participation(n.optional("key"));
  parse_retail(n.optional("retail"), p);
  p.surplus_price_eur_per_kwh = n.number_or(
      "surplus_eur_per_kwh", kUnset, Range::non_negative().at_most(bounds::kMaxPriceEurPerKwh));
  p.behaviour =
      BehaviourTemplate(n.optional("behaviour"), {ctx.seed, ctx.replicate, ""}).for_member(0);
  return p;
}

// Expands `{group: ID, count: N, ...}` into N participants ID-001..ID-N. Per-member draws are
// keyed by (seed, replicate, group id, member index), so they do not depend on file order.
void expand_group(const ConfigNode& n, const MemberContext& ctx, std::vector<Participant>& out) {
  n.expect_map({"group", "count", "kind", "location", "consumption", "income", "pv", "key",
                "retail", "low_income_max_decile", "behaviour"});
  const std::string gid = n.identifier("group");
  // At most 100,000 members a group: an ACC operation is capped at 10 MW (the EPCI derogation),
  // far below; more only slows loading (found by fuzz_set: 808,880 members took 4 s).
  const int64_t count = n.integer("count", Range::between(1, 100000));
  const std::string kind = n.choice("kind", participant_kinds());
  const ConfigNode cons = n.optional("consumption");
  const ConsumptionSpec base = parse_consumption(n, /*allow_group_keys=*/true);
  const double spread = cons.number_or("spread", 0.3, Range::between(0, 2));
  const double heating_share = cons.number_or("electric_heating_share", 0.0, Range::fraction());

  // Location: around a centre within a radius.
  GeoPoint centre = ctx.site;
  double radius_m = 0;
  if (const ConfigNode loc = n.optional("location");
      loc.present() && loc.expect_map({"lat", "lon", "radius_m"})) {
    centre = GeoPoint{loc.number_or("lat", ctx.site.lat_deg, Range::between(-90, 90)),
                      loc.number_or("lon", ctx.site.lon_deg, Range::between(-180, 180))};
    radius_m = loc.number_or("radius_m", 0, Range::between(0, 100000));
  }

  // Income: members spread evenly over the listed deciles (round-robin by index).
  std::vector<int> deciles;
  const ConfigNode inc = n.optional("income");
  if (inc.present() && inc.expect_map({"deciles"})) {
    const ConfigNode list = inc.child("deciles");
    if (list.expect_sequence())
      for (const auto& d : list.elements())
        deciles.push_back(static_cast<int>(d.as_integer(Range::between(1, 10)).value_or(5)));
    if (deciles.empty()) list.error("expected a non-empty list of deciles 1..10");
  }
  const int low_max =
      static_cast<int>(n.integer_or("low_income_max_decile", 3, Range::between(0, 10)));

  // Prosumers among the group.
  double pv_share = 0;
  PvSpec pv_template;
  if (const ConfigNode pv = n.optional("pv"); pv.present()) {
    pv_template = parse_pv(pv, {"share"});
    pv_share = pv.number_or("share", 1.0, Range::fraction());
  }
  const KeyParticipation key = parse_key_participation(n.optional("key"));
  const BehaviourTemplate behaviour(n.optional("behaviour"), {ctx.seed, ctx.replicate, gid});
  Participant retail_holder;
  parse_retail(n.optional("retail"), retail_holder);

  const sim::RandomStream rng(ctx.seed, ctx.replicate, sim::Purpose::kGroupAttributes,
                              sim::entity_key(gid));
  const auto& bounds = income_decile_bounds();
  for (int64_t i = 0; i < count; ++i) {
    const auto step = static_cast<uint64_t>(i);
    Participant p;
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, "-%03lld", static_cast<long long>(i + 1));
    p.id = gid + suffix;
    p.kind = kind;
    p.group = gid;
    p.consumption = base;
    p.key = key;
    p.behaviour = behaviour.for_member(i);
    p.retail_option = retail_holder.retail_option;
    p.subscribed_kva = retail_holder.subscribed_kva;
    if (radius_m > 0) {
      // Uniform in a disc: r = R sqrt(u).
      const double r = radius_m * std::sqrt(rng.uniform(step, 0));
      const double a = 2 * std::numbers::pi * rng.uniform(step, 1);
      const double dlat = r * std::cos(a) / 111320.0;
      const double dlon =
          r * std::sin(a) / (111320.0 * std::cos(centre.lat_deg * std::numbers::pi / 180));
      p.location = GeoPoint{centre.lat_deg + dlat, centre.lon_deg + dlon};
    } else {
      p.location = centre;
    }
    if (kind == "household") {
      const int size = draw_household_size(rng.uniform(step, 2));
      const int adults = std::min(size, 2);
      p.consumption_units = oecd_units(adults, size - adults);
    }
    if (!deciles.empty()) {
      const int d = deciles[static_cast<size_t>(i) % deciles.size()];
      p.income_decile = d;
      const double lo = bounds[static_cast<size_t>(d - 1)], hi = bounds[static_cast<size_t>(d)];
      const double per_unit = lo + (hi - lo) * rng.uniform(step, 3);
      p.income_eur_per_year =
          per_unit * (std::isnan(p.consumption_units) ? 1.0 : p.consumption_units);
      p.low_income = d <= low_max;
    }
    if (auto* lp = std::get_if<LoadProfileSpec>(&p.consumption.source)) {
      // Lognormal spread around the group's annual energy, mean preserved.
      const double s2 = std::log1p(spread * spread);
      lp->annual_kwh *= std::exp(std::sqrt(s2) * rng.normal(step, 4) - s2 / 2);
      if (heating_share > 0) lp->electric_heating = rng.uniform(step, 5) < heating_share;
      p.profile = lp->profile;
    } else {
      p.profile = "csv";
    }
    if (pv_template.kwp > 0 && rng.uniform(step, 6) < pv_share)
      p.own_production = ProductionSpec{pv_template};
    out.push_back(std::move(p));
  }
}

}  // namespace

std::vector<Participant> parse_participants(const ConfigNode& list, const MemberContext& ctx) {
  std::vector<Participant> out;
  if (!list.expect_sequence()) return out;
  std::set<std::string> ids;
  for (const auto& item : list.elements()) {
    const size_t before = out.size();
    if (item.has("group")) {
      expand_group(item, ctx, out);
    } else if (item.is_map()) {
      out.push_back(parse_explicit(item, ctx));
    } else {
      item.error(
          "expected a participant {id: ..., kind: ..., consumption: ...} or a group "
          "{group: ..., count: ..., ...}");
    }
    for (size_t k = before; k < out.size(); ++k)
      if (!out[k].id.empty() && !ids.insert(out[k].id).second)
        item.error("duplicate participant id '" + sim::escape_text(out[k].id) + "'");
  }
  if (out.empty() && list.present()) list.error("a scenario needs at least one participant");
  return out;
}

std::vector<Producer> parse_producers(const ConfigNode& list, const MemberContext& ctx) {
  std::vector<Producer> out;
  if (!list.present() || !list.expect_sequence()) return out;
  std::set<std::string> ids;
  for (const auto& n : list.elements()) {
    if (!n.expect_map(
            {"id", "owner", "location", "pv", "production", "surplus_eur_per_kwh", "planned"}))
      continue;
    Producer p;
    p.id = n.identifier("id");
    p.owner = n.string_or("owner", "");
    p.location = parse_location(n.optional("location"), ctx.site);
    auto prod = parse_production(n);
    if (!prod) {
      if (!n.has("pv") && !n.has("production"))
        n.error("missing production: give pv: {kwp: ...} or production: {csv: PATH}");
    } else {
      p.production = *prod;
    }
    p.surplus_price_eur_per_kwh = n.number_or(
        "surplus_eur_per_kwh", kUnset, Range::non_negative().at_most(bounds::kMaxPriceEurPerKwh));
    if (const ConfigNode planned = n.optional("planned");
        planned.present() && planned.expect_map({"cost_eur_per_year"})) {
      p.planned = true;
      p.planned_cost_eur_per_year =
          planned.number_or("cost_eur_per_year", 0, Range::between(0, 1e9));
    }
    if (!p.id.empty() && !ids.insert(p.id).second)
      n.optional("id").error("duplicate producer id '" + sim::escape_text(p.id) + "'");
    out.push_back(std::move(p));
  }
  return out;
}

void add_prosumer_producers(const std::vector<Participant>& participants,
                            std::vector<Producer>& producers) {
  for (const auto& p : participants) {
    if (!p.own_production) continue;
    Producer prod;
    prod.id = p.id + ":pv";
    prod.owner = p.id;
    prod.behind_meter_of = p.id;
    prod.location = p.location;
    prod.production = *p.own_production;
    prod.surplus_price_eur_per_kwh = p.surplus_price_eur_per_kwh;
    producers.push_back(std::move(prod));
  }
}

}  // namespace accord::models::detail
