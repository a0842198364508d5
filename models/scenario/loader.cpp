#include "accord/models/scenario/loader.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "accord/models/allocation/sharing_key.hpp"
#include "accord/models/scenario/key_context.hpp"
#include "accord/sim/civil_time.hpp"
#include "actors_parser.hpp"
#include "benefit_rule_parser.hpp"
#include "community_parser.hpp"
#include "dynamics_parser.hpp"
#include "finance_parser.hpp"
#include "governance_parser.hpp"
#include "key_parser.hpp"
#include "lifecycle_parser.hpp"
#include "member_parsers.hpp"
#include "overrides.hpp"
#include "participants.hpp"
#include "regulatory_checks.hpp"
#include "run_memory.hpp"

namespace accord::models {

using sim::ConfigNode;
using sim::Range;

int64_t GovernanceSpec::every_periods() const {
  if (calendar == "monthly") return 1;
  if (calendar == "quarterly") return 3;
  if (calendar == "yearly") return 12;
  return 0;
}

namespace {

const std::vector<std::string> kTopLevelKeys{"accord",    "name",    "seed",         "time",
                                             "site",      "tariffs", "participants", "producers",
                                             "community", "finance", "governance",   "regulation",
                                             "output",    "actors",  "dynamics",     "lifecycle"};

TimeSpec parse_time(const ConfigNode& n) {
  TimeSpec t;
  if (!n.expect_map({"start", "end", "step", "timezone"})) return t;
  t.timezone = n.string_or("timezone", t.timezone);
  sim::TimeZone zone = sim::TimeZone::from_name("UTC");
  try {
    zone = sim::TimeZone::from_name(t.timezone);
  } catch (const std::invalid_argument& e) {
    n.optional("timezone").error(e.what());
  }
  t.start_utc = n.child("start").as_time_utc(zone).value_or(0);
  t.end_utc = n.child("end").as_time_utc(zone).value_or(0);
  t.step_seconds =
      n.optional("step").present() ? n.optional("step").as_duration_seconds().value_or(1800) : 1800;
  if (t.step_seconds != 900 && t.step_seconds != 1800 && t.step_seconds != 3600)
    n.optional("step").error("metering step must be 15min, 30min or 60min");
  if (n.has("start") && n.has("end") && t.end_utc <= t.start_utc)
    n.optional("end").error("end must be after start");
  else if ((t.end_utc - t.start_utc) % t.step_seconds != 0)
    n.optional("end").error("the run must be a whole number of steps");
  return t;
}

void parse_community(const ConfigNode& n, Scenario& s, const sim::TimeZone& zone) {
  if (!n.present()) return;  // all defaults
  if (!n.expect_map({"sharing_key", "benefit_rule", "compare_benefit_rules", "internal_price",
                     "pmo", "pooled_producer_revenue", "funds"}))
    return;
  s.pmo = detail::parse_pmo(n.optional("pmo"));
  s.pooled_producer_revenue = detail::parse_pooling(n.optional("pooled_producer_revenue"));
  s.funds = detail::parse_funds(n.optional("funds"), zone);
  if (const ConfigNode k = n.optional("sharing_key"); k.present())
    s.sharing_key = detail::parse_sharing_key(k);
  if (const ConfigNode r = n.optional("benefit_rule"); r.present())
    s.benefit_rule = detail::parse_benefit_rule(r);
  if (const ConfigNode list = n.optional("compare_benefit_rules"); list.expect_sequence())
    for (const auto& item : list.elements())
      s.compare_benefit_rules.push_back(item.is_scalar() ? detail::parse_benefit_rule_name(item)
                                                         : detail::parse_benefit_rule(item));
  if (const ConfigNode p = n.optional("internal_price");
      p.present() && p.expect_map({"eur_per_kwh"}))
    s.internal_price.eur_per_kwh = p.number("eur_per_kwh", Range::between(0, 2));
}

// The key is validated by building it once (coefficients, ids, rules): errors at the key.
void check_sharing_key(const ConfigNode& community, const Scenario& s) {
  const allocation::KeyContext kc = key_context_of(s);
  try {
    (void)allocation::make_sharing_key(s.sharing_key, kc);
  } catch (const std::invalid_argument& e) {
    const ConfigNode key = community.optional("sharing_key");
    (key.present() ? key : community).error(e.what());
  } catch (const Error& e) {
    const ConfigNode key = community.optional("sharing_key");
    (key.present() ? key : community).error(e.what());
  }
}

// The name as one file name: ASCII other than letters, digits, '_', '-', '.' becomes '_', and
// so does a leading '.', so that no name (`../../x`, `a/b`) takes the default path out of
// out/ or hides it. Other UTF-8 text (accents) is kept.
std::string file_name_of(const std::string& name) {
  if (name.empty()) return "run";
  std::string out = name;
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    const bool keep = u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    if (!keep) c = '_';
  }
  if (out[0] == '.') out[0] = '_';
  return out;
}

void parse_output(const ConfigNode& n, Scenario& s) {
  s.output.path = "out/" + file_name_of(s.name) + ".h5";
  if (!n.present() || !n.expect_map({"path", "detail"})) return;
  s.output.path = n.string_or("path", s.output.path);
  s.output.detail = n.choice_or("detail", {"full", "periods", "summary"}, "full");
}

// Phase 4's settings as they run (candidates and the network file stay as written).
void resolve_dynamics_yaml(YAML::Node d, const DynamicsSpec& s) {
  d["every_periods"] = s.every_periods;
  d["satisfaction"]["initial"] = s.satisfaction.initial;
  d["satisfaction"]["learning_rate"] = s.satisfaction.learning_rate;
  d["satisfaction"]["procedural_weight"] = s.satisfaction.procedural_weight;
  d["aspiration"]["initial"] = s.aspiration.initial;
  d["aspiration"]["habituation"] = s.aspiration.habituation;
  d["aspiration"]["scale"] = s.aspiration.scale;
  d["trust"]["learning_rate"] = s.trust.learning_rate;
  d["trust"]["municipality_initial"] = s.trust.municipality_initial;
  d["trust"]["intermediaries_initial"] = s.trust.intermediaries_initial;
  d["trust"]["election_renewal"] = s.trust.election_renewal;
  d["network"]["type"] = s.network.type;
  if (s.network.type == "small_world") {
    d["network"]["neighbours"] = s.network.neighbours;
    d["network"]["rewiring"] = s.network.rewiring;
    d["network"]["homophily"] = s.network.homophily;
    d["network"]["homophily_by"] = s.network.homophily_by;
  }
  YAML::Node a = d["attitude"];
  a["model"] = s.attitude.model;
  a["convergence"] = s.attitude.convergence;
  a["confidence"] = s.attitude.confidence;
  a["meetings_per_person"] = s.attitude.meetings_per_person;
  a["experience_weight"] = s.attitude.experience_weight;
  for (const auto& [name, start] : {std::pair{"members", &s.attitude.members},
                                    std::pair{"candidates", &s.attitude.candidates}}) {
    a[name]["low"] = start->low;
    a[name]["high"] = start->high;
    a[name]["uncertainty"] = start->uncertainty;
  }
  d["outreach"]["position"] = s.outreach.position;
  d["outreach"]["uncertainty"] = s.outreach.uncertainty;
  d["outreach"]["municipality_contacts_per_period"] = s.outreach.municipality_contacts_per_period;
  if (s.membership.enabled) {
    YAML::Node m = d["membership"];
    const MembershipSpec& ms = s.membership;
    m["application_attitude"] = ms.application_attitude;
    m["admission"] = ms.admission;
    m["max_members"] = ms.max_members;
    m["max_subscribed_kva"] = ms.max_subscribed_kva;
    m["exit_satisfaction"] = ms.exit_satisfaction;
    m["exit_after_updates"] = ms.exit_after_updates;
    m["loss_window_periods"] = ms.loss_window_periods;
    m["loss_tolerance"] = ms.loss_tolerance;
    m["notice_periods"] = ms.notice_periods;
  }
}

// The scenario as it will run: the document after overrides, with the sections this loader
// owns completed by their resolved values (defaults made explicit).
std::string resolve_yaml(YAML::Node doc, const Scenario& s) {
  doc["seed"] = s.seed;
  // A key named by a bare word (`sharing_key: static`) becomes a map before it is completed.
  if (!doc["community"]["sharing_key"].IsMap()) doc["community"]["sharing_key"] = YAML::Node();
  YAML::Node key = doc["community"]["sharing_key"];
  key["type"] = s.sharing_key.type;
  key["floor_0_1_percent"] = s.sharing_key.floor_0_1_percent;
  doc["community"]["benefit_rule"] = detail::benefit_rule_yaml(s.benefit_rule);
  doc["community"]["internal_price"]["eur_per_kwh"] = s.internal_price.eur_per_kwh;
  // The PMO model as it runs (the deprecated tariffs.pmo converted into it).
  if (doc["tariffs"].IsMap() && doc["tariffs"]["pmo"]) doc["tariffs"].remove("pmo");
  YAML::Node pmo = doc["community"]["pmo"];
  pmo["fixed_eur_per_year"] = s.pmo.fixed_eur_per_year;
  pmo["software_eur_per_year"] = s.pmo.software_eur_per_year;
  pmo["staff_hours_per_year"] = s.pmo.staff_hours_per_year;
  pmo["staff_eur_per_hour"] = s.pmo.staff_eur_per_hour;
  pmo["fee_eur_per_member_year"] = s.pmo.fee_eur_per_member_year;
  doc["community"]["pooled_producer_revenue"] = pooling_mode_name(s.pooled_producer_revenue);
  doc["time"]["timezone"] = s.time.timezone;
  doc["time"]["step"] = std::to_string(s.time.step_seconds / 60) + "min";
  doc["site"]["lat"] = s.site.lat_deg;
  doc["site"]["lon"] = s.site.lon_deg;
  doc["site"]["school_zone"] = s.school_zone;
  doc["regulation"]["perimeter"] = s.regulation.perimeter;
  doc["regulation"]["derogation"] = s.regulation.derogation;
  doc["governance"]["calendar"] = s.governance.calendar;
  if (s.dynamics.enabled) resolve_dynamics_yaml(doc["dynamics"], s.dynamics);
  if (s.lifecycle.enabled) {
    // The phases' durations as they run (barriers and events stay as written).
    YAML::Node l = doc["lifecycle"];
    l["initiator"] = s.lifecycle.initiator;
    if (s.lifecycle.initiator_hours_per_year)
      l["initiator_hours_per_year"] = *s.lifecycle.initiator_hours_per_year;
    for (const auto& [name, m] : {std::pair{"emergence", &s.lifecycle.emergence},
                                  std::pair{"feasibility", &s.lifecycle.feasibility},
                                  std::pair{"recruitment", &s.lifecycle.recruitment},
                                  std::pair{"structuring", &s.lifecycle.structuring},
                                  std::pair{"grid_agreement", &s.lifecycle.grid_agreement}}) {
      YAML::Node months(YAML::NodeType::Sequence);
      months.SetStyle(YAML::EmitterStyle::Flow);
      months.push_back(m->min);
      months.push_back(m->mode);
      months.push_back(m->max);
      l[name] = months;
    }
    l["renewal"]["every_months"] = s.lifecycle.renewal.every_months;
    l["renewal"]["by"] = s.lifecycle.renewal.by;
  }
  doc["output"]["path"] = s.output.path;
  doc["output"]["detail"] = s.output.detail;
  YAML::Emitter out;
  out << doc;
  return out.c_str();
}

}  // namespace

Scenario load_scenario_text(const std::string& text, const std::string& file_label,
                            const std::string& base_dir, const LoadOptions& options) {
  auto ctx = std::make_shared<sim::ConfigContext>(file_label, base_dir);
  YAML::Node doc = sim::load_yaml_document(text, file_label);
  for (const auto& o : options.overrides) detail::apply_override(doc, o, *ctx);
  ctx->throw_if_errors();

  const ConfigNode root(doc, "", ctx);
  // Every string accepted is valid UTF-8: the run file, `analyze --format json` and the
  // messages below can then carry it as it is.
  sim::check_text(root);
  ctx->throw_if_errors();
  Scenario s;
  s.source_file = file_label;
  s.replicate = options.replicate;
  if (!root.expect_map(kTopLevelKeys)) ctx->throw_if_errors();
  const ConfigNode version = root.child("accord");
  if (version.present() &&
      version.as_integer().value_or(kScenarioFormatVersion) != kScenarioFormatVersion)
    version.error("unsupported scenario format version; this accord reads version " +
                  std::to_string(kScenarioFormatVersion));
  s.name = root.string_or("name", std::filesystem::path(file_label).stem().string());
  s.seed = static_cast<uint64_t>(
      root.integer_or("seed", static_cast<int64_t>(kDefaultSeed), Range::non_negative()));
  if (options.seed) s.seed = *options.seed;
  const ConfigNode time = root.child("time");
  s.time = parse_time(time);
  if (const ConfigNode site = root.optional("site");
      site.present() && site.expect_map({"lat", "lon", "school_zone"})) {
    s.site = GeoPoint{site.number("lat", Range::between(-90, 90)),
                      site.number("lon", Range::between(-180, 180))};
    s.school_zone = site.choice_or("school_zone", {"A", "B", "C"}, "A");
  }

  sim::TimeZone zone = sim::TimeZone::from_name("UTC");
  try {
    zone = sim::TimeZone::from_name(s.time.timezone);
  } catch (const std::invalid_argument&) {
  }
  s.tariffs = economics::parse_tariffs(root.optional("tariffs"), zone);
  if (s.time.end_utc > s.time.start_utc)
    s.tariffs = economics::escalate(s.tariffs, s.time.start_utc, s.time.end_utc, zone);

  const detail::MemberContext mctx{s.site, s.seed, s.replicate};
  s.participants = detail::parse_participants(root.child("participants"), mctx);
  s.producers = detail::parse_producers(root.optional("producers"), mctx);
  detail::add_prosumer_producers(s.participants, s.producers);
  if (s.producers.empty() && root.has("participants"))
    root.error("the operation has no producer: add producers or participants with pv");

  // Default rule: each participant keeps its own savings (no redistribution).
  s.benefit_rule.type = "individual_savings";
  const ConfigNode community = root.optional("community");
  parse_community(community, s, zone);
  detail::apply_legacy_pmo(root.optional("tariffs"), community, s.tariffs, s.pmo, s.warnings);
  s.actors = detail::parse_actors(root.optional("actors"), s.participants, zone);
  s.governance = detail::parse_governance(root.optional("governance"));
  s.dynamics = detail::parse_dynamics(root.optional("dynamics"), mctx, s.participants);
  s.lifecycle =
      detail::parse_lifecycle(root.optional("lifecycle"),
                              detail::LifecycleContext{&s.participants, &s.producers,
                                                       s.time.start_utc, s.time.end_utc, &zone});
  if (const ConfigNode r = root.optional("regulation");
      r.present() && r.expect_map({"perimeter", "derogation"})) {
    s.regulation.perimeter =
        r.choice_or("perimeter", {"urban", "periurban", "rural", "epci_public"}, "urban");
    s.regulation.derogation = r.boolean_or("derogation", false);
  }
  s.finance = detail::parse_finance(root.optional("finance"), s.producers);
  parse_output(root.optional("output"), s);

  // Rules that enumerate coalitions cannot run on large communities: say so before running.
  if (!ctx->has_errors() && s.participants.size() > 20) {
    auto check = [&](const sharing::BenefitRuleSpec& spec, const ConfigNode& where) {
      for (const char* rule : {"nucleolus", "least_core", "solidarity_value", "nash_bargaining"})
        if (spec.type == rule)
          where.error(spec.type + " enumerates coalitions and needs at most 20 participants; the " +
                      "scenario has " + std::to_string(s.participants.size()) +
                      "; use shapley (sampled beyond 20) or another rule");
    };
    const ConfigNode rule = community.optional("benefit_rule");
    check(s.benefit_rule, rule.present() ? rule : community);
    const auto items = community.optional("compare_benefit_rules").elements();
    for (size_t k = 0; k < s.compare_benefit_rules.size() && k < items.size(); ++k)
      check(s.compare_benefit_rules[k], items[k]);
  }
  // Cross-section checks only once each section is valid on its own.
  if (!ctx->has_errors()) {
    // Before anything allocates per step (`validate` builds the inputs too).
    detail::check_run_memory(
        time, s, options.available_memory_bytes.value_or(detail::physical_memory_bytes()),
        options.parallel_runs, options.streamed_ledgers);
    // One line: a horizon the memory already refuses is not refused twice.
    if (!ctx->has_errors()) detail::check_horizon(time, s);
    check_sharing_key(community, s);
    detail::check_regulation(root, s);
    detail::check_governance(root.optional("governance"), s);
    detail::check_membership(root.optional("dynamics"), s);
    detail::check_renewal(root.optional("lifecycle"), s);
  }
  ctx->throw_if_errors();
  s.resolved_yaml = resolve_yaml(doc, s);
  // With membership, the candidates are people of the run who are not members yet: they get
  // inputs and accounts (their bill is the reference bill until they join). They come after
  // the participants, in the order /dynamics/person already gives them.
  if (s.dynamics.membership.enabled) {
    for (auto& c : s.dynamics.candidates) {
      c.member_at_start = false;
      s.participants.push_back(std::move(c));
    }
    s.dynamics.candidates.clear();
  }
  return s;
}

Scenario load_scenario(const std::string& path, const LoadOptions& options) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw ConfigError(SourceLocation{path, 0, 0},
                      "is a directory, not a scenario file (give the .yaml file in it)");
  std::ifstream in(path);
  if (!in) throw ConfigError(SourceLocation{path, 0, 0}, "cannot open scenario file");
  std::ostringstream text;
  text << in.rdbuf();
  const std::string base = std::filesystem::path(path).parent_path().string();
  return load_scenario_text(text.str(), path, base.empty() ? "." : base, options);
}

}  // namespace accord::models
