#include "lifecycle_parser.hpp"

#include <algorithm>

#include "accord/sim/text.hpp"

namespace accord::models::detail {

using sim::ConfigNode;
using sim::Range;

namespace {

// `months: 4` or `months: [min, mode, max]` (triangular), never negative.
MonthsSpec parse_months(const ConfigNode& n, MonthsSpec fallback) {
  if (!n.present()) return fallback;
  const Range months = Range::between(0, 600);
  if (n.is_scalar()) {
    const double v = n.as_number(months).value_or(fallback.mode);
    return MonthsSpec{v, v, v};
  }
  if (!n.expect_sequence()) return fallback;
  const auto items = n.elements();
  if (items.size() != 3) {
    n.error("expected a number of months or [min, mode, max]");
    return fallback;
  }
  MonthsSpec m{items[0].as_number(months).value_or(0), items[1].as_number(months).value_or(0),
               items[2].as_number(months).value_or(0)};
  if (!(m.min <= m.mode && m.mode <= m.max))
    n.error("expected [min, mode, max] with min <= mode <= max");
  return m;
}

LifecycleBarriersSpec parse_barriers(const ConfigNode& n) {
  LifecycleBarriersSpec b;
  if (!n.present() ||
      !n.expect_map({"bad_design_without_expertise", "bad_design_with_expertise",
                     "expertise_duration_factor", "mediation_duration_factor", "min_members",
                     "stall_months", "statutes_unsettled", "mediation_settles_factor",
                     "unsettled_delay_months", "max_attempts", "staff_hours_needed",
                     "staff_shortage_factor", "derogation_months", "dissolve_after_periods",
                     "min_savings_share"}))
    return b;
  const Range factor = Range::between(0, 10);
  b.bad_design_without_expertise = n.number_or("bad_design_without_expertise",
                                               b.bad_design_without_expertise, Range::fraction());
  b.bad_design_with_expertise =
      n.number_or("bad_design_with_expertise", b.bad_design_with_expertise, Range::fraction());
  b.expertise_duration_factor =
      n.number_or("expertise_duration_factor", b.expertise_duration_factor, factor);
  b.mediation_duration_factor =
      n.number_or("mediation_duration_factor", b.mediation_duration_factor, factor);
  b.min_members =
      static_cast<int>(n.integer_or("min_members", b.min_members, Range::between(0, 10000000)));
  b.stall_months = n.number_or("stall_months", b.stall_months, Range::between(0, 600));
  b.statutes_unsettled = n.number_or("statutes_unsettled", b.statutes_unsettled, Range::fraction());
  b.mediation_settles_factor =
      n.number_or("mediation_settles_factor", b.mediation_settles_factor, Range::fraction());
  b.unsettled_delay_months =
      n.number_or("unsettled_delay_months", b.unsettled_delay_months, Range::between(0, 600));
  b.max_attempts =
      static_cast<int>(n.integer_or("max_attempts", b.max_attempts, Range::between(1, 100)));
  b.staff_hours_needed =
      n.number_or("staff_hours_needed", b.staff_hours_needed, Range::non_negative());
  b.staff_shortage_factor = n.number_or("staff_shortage_factor", b.staff_shortage_factor, factor);
  if (n.has("min_savings_share"))
    b.min_savings_share = n.number("min_savings_share", Range::between(-1, 1));
  b.derogation_months = parse_months(n.optional("derogation_months"), b.derogation_months);
  b.dissolve_after_periods = static_cast<int>(
      n.integer_or("dissolve_after_periods", b.dissolve_after_periods, Range::between(0, 1000)));
  return b;
}

LifecycleEventSpec parse_event(const ConfigNode& e, const LifecycleContext& ctx) {
  LifecycleEventSpec ev;
  if (!e.expect_map(
          {"type", "producer", "participant", "at", "days", "rate_per_year", "days_range"}))
    return ev;
  const std::vector<std::string> types{"outage", "inverter_failures", "anchor_exit",
                                       "derogation_granted"};
  if (!e.has("type")) {
    e.error("an event needs a type: outage, inverter_failures, anchor_exit or derogation_granted");
    return ev;
  }
  ev.type = e.string_or("type", "");
  if (std::find(types.begin(), types.end(), ev.type) == types.end()) {
    e.choice_or("type", types, "outage");  // reports the unknown type (with a suggestion)
    ev.type.clear();
    return ev;
  }
  const bool dated = ev.type != "inverter_failures";
  if (dated) {
    if (!e.has("at")) {
      e.error("a " + ev.type + " event needs a date (at)");
    } else {
      const ConfigNode at = e.child("at");
      ev.at_utc = at.as_time_utc(*ctx.zone).value_or(ctx.start_utc);
      if (ev.at_utc < ctx.start_utc || ev.at_utc >= ctx.end_utc)
        at.error("the event is dated outside the run (time.start to time.end)");
    }
  }
  auto known = [&](const char* key, bool producer) {
    if (!e.has(key)) return;
    const ConfigNode id = e.child(key);
    // A producer may be a prosumer's own plant, `<participant id>:pv` (not an identifier).
    ev.subject = (producer ? id.as_string() : id.as_identifier()).value_or("");
    const bool found = producer
                           ? std::any_of(ctx.producers->begin(), ctx.producers->end(),
                                         [&](const Producer& p) { return p.id == ev.subject; })
                           : std::any_of(ctx.participants->begin(), ctx.participants->end(),
                                         [&](const Participant& p) { return p.id == ev.subject; });
    if (!found)
      id.error(std::string("unknown ") + (producer ? "producer" : "participant") + " '" +
               sim::escape_text(ev.subject) + "'" +
               (producer ? "; expected a producers[].id or a prosumer's plant '<participant id>:pv'"
                         : ""));
  };
  if (ev.type == "outage" || ev.type == "inverter_failures") known("producer", true);
  if (ev.type == "anchor_exit") known("participant", false);
  if (ev.type == "outage") {
    if (!e.has("producer")) e.error("an outage names its producer");
    ev.days = e.number_or("days", 1, Range{0.0, 3650.0, true});
  }
  if (ev.type == "anchor_exit" && !e.has("participant"))
    e.error("an anchor_exit names its participant");
  if (ev.type == "inverter_failures") {
    ev.rate_per_year = e.number_or("rate_per_year", 0.1, Range::between(0, 100));
    const ConfigNode range = e.optional("days_range");
    ev.days_min = 3;
    ev.days_max = 20;
    if (range.present() && range.expect_sequence()) {
      const auto items = range.elements();
      if (items.size() != 2) {
        range.error("expected [min, max] days");
      } else {
        ev.days_min = items[0].as_number(Range::between(0, 3650)).value_or(0);
        ev.days_max = items[1].as_number(Range::between(0, 3650)).value_or(0);
        if (ev.days_max < ev.days_min) range.error("expected [min, max] with min <= max");
      }
    }
  }
  return ev;
}

}  // namespace

LifecycleSpec parse_lifecycle(const ConfigNode& node, const LifecycleContext& ctx) {
  LifecycleSpec s;
  if (!node.present()) return s;
  if (!node.expect_map({"initiator", "initiator_hours_per_year", "emergence", "feasibility",
                        "recruitment", "structuring", "grid_agreement", "barriers", "renewal",
                        "events"}))
    return s;
  s.enabled = true;
  s.initiator = node.choice_or(
      "initiator", {"municipality", "citizens", "social_landlord", "business", "developer"},
      s.initiator);
  if (node.has("initiator_hours_per_year"))
    s.initiator_hours_per_year =
        node.child("initiator_hours_per_year").as_number(Range::between(0, 1e6));
  s.emergence = parse_months(node.optional("emergence"), s.emergence);
  s.feasibility = parse_months(node.optional("feasibility"), s.feasibility);
  s.recruitment = parse_months(node.optional("recruitment"), s.recruitment);
  s.structuring = parse_months(node.optional("structuring"), s.structuring);
  s.grid_agreement = parse_months(node.optional("grid_agreement"), s.grid_agreement);
  s.barriers = parse_barriers(node.optional("barriers"));
  if (const ConfigNode r = node.optional("renewal");
      r.present() && r.expect_map({"every_months", "by"})) {
    s.renewal.every_months =
        static_cast<int>(r.integer_or("every_months", 0, Range::between(0, 1200)));
    s.renewal.by = r.choice_or("by", {"assembly", "board"}, s.renewal.by);
  }
  if (const ConfigNode events = node.optional("events");
      events.present() && events.expect_sequence())
    for (const auto& e : events.elements()) s.events.push_back(parse_event(e, ctx));
  return s;
}

void check_renewal(const ConfigNode& lifecycle, const Scenario& s) {
  const RenewalSpec& r = s.lifecycle.renewal;
  if (r.every_months == 0) return;
  const ConfigNode where = lifecycle.optional("renewal");
  if (s.governance.every_periods() == 0)
    where.error(
        "renewal is voted at governance rounds, but governance.calendar is none; give a "
        "calendar (monthly, quarterly, yearly) or every_months: 0");
  else if (r.by == "board" && s.actors.pmo.statutes.board.size == 0)
    where.optional("by").error(
        "renewal by the board, but the statutes have no board (actors.pmo.statutes.board.size)");
}

}  // namespace accord::models::detail
