// analyze_file: dispatch on the file's type, and the three renderings of the document.
#include "accord/analysis/analyze.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "accord/analysis/run_file.hpp"
#include "accord/analysis/sweep_file.hpp"
#include "accord/sim/error.hpp"
#include "accord/sim/sweep/design.hpp"
#include "run_analysis.hpp"

namespace accord::analysis {

using nlohmann::json;

json analyze_file(const std::filesystem::path& path, const AnalyzeOptions& options) {
  if (path.extension() == ".csv") {
    return detail::analyze_sweep_data(
        read_design_csv(path, options.csv_design, options.csv_parameters), options);
  }
  const std::string type = hdf5_filetype(path);
  if (type == "accord-run") return detail::analyze_run(read_run_file(path), options);
  if (type == "accord-sweep") return detail::analyze_sweep(path, options);
  throw DataError(SourceLocation{path.string(), 0, 0},
                  type.empty()
                      ? "not an accord file (no filetype attribute)"
                      : fmt::format("filetype is {}, expected accord-run or accord-sweep", type));
}

AnalyzeFormat parse_analyze_format(const std::string& name) {
  if (name == "table") return AnalyzeFormat::kTable;
  if (name == "csv") return AnalyzeFormat::kCsv;
  if (name == "json") return AnalyzeFormat::kJson;
  throw std::invalid_argument("unknown format '" + name + "' (table, csv or json)");
}

namespace {

using sim::sweep::csv_field;  // the quoting summary.csv is written with

// Text of a JSON value for tables and CSV: numbers to 6 significant digits in tables, full
// precision (shortest round trip) in CSV; null as "-" in tables and empty in CSV.
std::string cell(const json& v, bool csv) {
  if (v.is_null()) return csv ? "" : "-";
  if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
  if (v.is_number())
    return csv ? fmt::format("{}", v.get<double>()) : fmt::format("{:.6g}", v.get<double>());
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  return v.dump();
}

// A left-aligned first column, right-aligned others, two spaces apart.
struct Table {
  std::string title;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  std::string render() const {
    std::vector<std::size_t> width(header.size(), 0);
    auto grow = [&](const std::vector<std::string>& r) {
      for (std::size_t c = 0; c < r.size() && c < width.size(); ++c)
        width[c] = std::max(width[c], r[c].size());
    };
    grow(header);
    for (const auto& r : rows) grow(r);
    std::string out = title + "\n";
    auto line = [&](const std::vector<std::string>& r) {
      std::string l;
      for (std::size_t c = 0; c < r.size() && c < width.size(); ++c) {
        if (c > 0) l += "  ";
        l += c == 0 ? fmt::format("{:<{}}", r[c], width[c]) : fmt::format("{:>{}}", r[c], width[c]);
      }
      while (!l.empty() && l.back() == ' ') l.pop_back();
      return l + "\n";
    };
    out += line(header);
    std::size_t total = 0;
    for (auto w : width) total += w + 2;
    out += std::string(total > 2 ? total - 2 : 0, '-') + "\n";
    for (const auto& r : rows) out += line(r);
    return out + "\n";
  }
};

const json& at_or_null(const json& j, const std::string& key) {
  static const json kNull = nullptr;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

// The dynamics section as tables (docs/analyze.md, phase 4).
std::string dynamics_tables(const json& d) {
  auto c = [](const json& v) { return cell(v, false); };
  std::string out;
  Table k{fmt::format("Dynamics: members at the end of the run ({} candidates, {} ties, {})",
                      d["candidates"].dump(), d["network_ties"].dump(),
                      d["attitude_model"].get<std::string>()),
          {"members", "count", "satisfaction", "aspiration", "trust in PMO", "attitude"},
          {}};
  auto add = [&](const std::string& label, const json& e) {
    k.rows.push_back({label, c(e["members"]), c(e["satisfaction_final"]), c(e["aspiration_final"]),
                      c(e["trust_pmo_final"]), c(e["attitude_final"])});
  };
  add("low-income", d["low_income"]);
  add("others", d["not_low_income"]);
  for (const auto& e : d["by_kind"]) add("kind " + e["kind"].get<std::string>(), e);
  for (const auto& e : d["by_decile"]) add("decile " + e["decile"].dump(), e);
  out += k.render();
  if (!d["candidates_by_decile"].empty()) {
    Table t{"Dynamics: candidates' attitude by income decile (0 = unknown)",
            {"decile", "candidates", "first period", "last period"},
            {}};
    for (const auto& e : d["candidates_by_decile"])
      t.rows.push_back(
          {c(e["decile"]), c(e["candidates"]), c(e["attitude_first"]), c(e["attitude_final"])});
    out += t.render();
  }
  if (d.contains("membership")) {
    const json& ms = d["membership"];
    Table t{
        fmt::format("Dynamics: membership (exits: {} dissatisfied, {} losses, {} events)",
                    ms["exits_by_cause"]["dissatisfied"].dump(),
                    ms["exits_by_cause"]["losses"].dump(), ms["exits_by_cause"]["event"].dump()),
        {"who", "founders", "joined", "never joined", "left", "members at the end"},
        {}};
    auto add_counts = [&](const std::string& label, const json& e) {
      t.rows.push_back({label, c(e["founders"]), c(e["joined"]), c(e["never_joined"]), c(e["left"]),
                        c(e["members_final"])});
    };
    add_counts("low-income", ms["low_income"]);
    add_counts("others", ms["not_low_income"]);
    for (const auto& e : ms["by_kind"]) add_counts("kind " + e["kind"].get<std::string>(), e);
    for (const auto& e : ms["by_decile"]) add_counts("decile " + e["decile"].dump(), e);
    out += t.render();
  }
  return out;
}

// The lifecycle section as tables (docs/analyze.md, phase 5).
std::string lifecycle_tables(const json& l) {
  auto c = [](const json& v) { return cell(v, false); };
  std::string title = "Lifecycle: initiated by " + l["initiator"].get<std::string>();
  if (!l["start"].is_null())
    title += ", operating from " + l["start"].get<std::string>() + " (" +
             cell(l["months_to_start"], false) + " months)";
  if (!l["abandoned_in"].is_null())
    title += ", abandoned in " + l["abandoned_in"].get<std::string>() + ": " +
             l["abandonment_cause"].get<std::string>();
  Table p{title, {"phase", "from", "periods"}, {}};
  for (const auto& e : l["phases"])
    p.rows.push_back({c(e["phase"]), c(e["from"]), c(e["periods"])});
  std::string out = p.render();
  Table e{"Lifecycle: events", {"date", "type", "subject", "cause"}, {}};
  for (const auto& v : l["events"])
    e.rows.push_back({c(v["date"]), c(v["type"]), c(v["subject"]), c(v["cause"])});
  if (!e.rows.empty()) out += e.render();
  return out;
}

// The governance section as tables (docs/analyze.md, procedural indicators).
std::string governance_tables(const json& g) {
  auto c = [](const json& v) { return cell(v, false); };
  std::string out;
  const auto& side = g["decision_side"];
  const auto& rounds = g["rounds_to_agreement"];
  Table k{"Governance: procedural indicators (definitions in docs/analyze.md)",
          {"indicator", "value"},
          {}};
  k.rows = {
      {"calendar", c(g["calendar"])},
      {"rows (round x item)", c(g["rows"])},
      {"participation (took part / could)", c(g["participation"]["overall"]["rate"])},
      {"decisions on the low-income voters' side", c(side["low_income"]["share"])},
      {"  vote rows with low-income voters", c(side["low_income"]["rows"])},
      {"decisions on the plurality of all voters", c(side["all_voters"]["share"])},
      {"rounds to agreement, negotiated: mean", c(rounds["negotiated"]["mean"])},
      {"rounds to agreement, negotiated: max", c(rounds["negotiated"]["max"])},
      {"rounds to agreement, all rows: mean", c(rounds["all"]["mean"])},
      {"rounds to agreement, all rows: max", c(rounds["all"]["max"])},
      {"negotiations agreed (share)", c(rounds["agreement_share"])},
      {"rule changes", c(g["rule_changes"])},
      {"quorum misses", c(g["quorum_misses"])},
      {"mean forecast error", c(g["mean_forecast_error"])},
      {"mean support of votes", c(g["mean_support"])},
  };
  for (const auto& [body, n] : g["decided_by"].items())
    k.rows.push_back({"decided by " + body, c(n)});
  out += k.render();

  auto participation = [&](const char* title, const json& rows, const char* key) {
    Table t{
        title, {key, "members", "could take part", "took part", "rate", "drawn propensity"}, {}};
    for (const auto& e : rows)
      t.rows.push_back({c(e[key]), c(e["members"]), c(e["eligible"]), c(e["took_part"]),
                        c(e["rate"]), c(e["mean_drawn_participation"])});
    if (!t.rows.empty()) out += t.render();
  };
  participation("Participation by kind ((round, member) pairs)", g["participation"]["by_kind"],
                "kind");
  participation("Participation by income decile (0 = unknown)", g["participation"]["by_decile"],
                "decile");
  if (g.contains("voting_power")) {
    const auto& vp = g["voting_power"];
    Table t{fmt::format("Voting power by college ({}; ratio = index / member share)",
                        vp["exact"].get<bool>() ? "exact" : "sampled"),
            {"college", "weight", "weight share", "members", "member share", "Shapley-Shubik",
             "Banzhaf", "SS ratio", "Bz ratio"},
            {}};
    for (const auto& e : vp["colleges"])
      t.rows.push_back({c(e["college"]), c(e["weight"]), c(e["weight_share"]), c(e["members"]),
                        c(e["member_share"]), c(e["shapley_shubik"]), c(e["banzhaf"]),
                        c(e["shapley_shubik_ratio"]), c(e["banzhaf_ratio"])});
    out += t.render();
    auto power = [&](const char* title, const json& rows, const char* key) {
      Table p{title,
              {key, "members", "voters", "member share", "SS share", "Bz share", "SS ratio",
               "Bz ratio"},
              {}};
      for (const auto& e : rows)
        p.rows.push_back({c(e[key]), c(e["members"]), c(e["voters"]), c(e["member_share"]),
                          c(e["shapley_shubik_share"]), c(e["banzhaf_share"]),
                          c(e["shapley_shubik_ratio"]), c(e["banzhaf_ratio"])});
      if (!p.rows.empty()) out += p.render();
    };
    power("Voting power by kind (share of the indices / share of the members)", vp["by_kind"],
          "kind");
    power("Voting power by income decile (0 = unknown)", vp["by_decile"], "decile");
  }
  Table sk{"Decisions on the side of each kind's voters (vote rows)",
           {"kind", "rows", "on side", "ties", "share"},
           {}};
  for (const auto& e : side["by_kind"])
    sk.rows.push_back({c(e["kind"]), c(e["rows"]), c(e["on_side"]), c(e["ties"]), c(e["share"])});
  if (!sk.rows.empty()) out += sk.render();
  Table it{"Decisions by item", {"item", "rows", "changed"}, {}};
  for (const auto& e : g["changes_by_item"])
    it.rows.push_back({c(e["item"]), c(e["rows"]), c(e["changed"])});
  if (!it.rows.empty()) out += it.render();
  Table d{"Decisions (one row per round and item; applies from period + 1)",
          {"period", "date", "item", "protocol", "decided by", "chosen", "changed", "rounds",
           "support", "turnout"},
          {}};
  for (const auto& e : g["decisions"])
    d.rows.push_back({c(e["period"]), c(e["date"]), c(e["item"]), c(e["protocol"]),
                      c(e["decided_by"]), c(e["chosen"]), c(e["changed"]), c(e["rounds"]),
                      c(e["support"]), c(e["turnout"])});
  if (!d.rows.empty()) out += d.render();
  return out;
}

std::string run_tables(const json& doc) {
  std::string out =
      fmt::format("run {}  scenario {}  seed {}  replicate {}  detail {}\n",
                  doc["file"].get<std::string>(), doc["scenario"].get<std::string>(),
                  doc["seed"].dump(), doc["replicate"].dump(), doc["detail"].get<std::string>());
  out += fmt::format("participants {}  producers {}\n\n", doc["participants"].dump(),
                     doc["producers"].dump());
  const auto& rules = doc["rules"];
  if (!rules.empty()) {
    Table t{
        "Equity by benefit rule (rule in force first; EUR over the run; indices of the "
        "distribution named in 'of')",
        {"rule", "in force", "benefit EUR", "distributed", "territorial", "IR viol.", "Gini",
         "Theil T", "Theil L", "Atkinson 1", "Palma", "S80/S20", "conc. idx", "Kakwani", "RS",
         "of"},
        {}};
    for (const auto& r : rules) {
      const auto& q = r["inequality"];
      const std::string of = r["of"].get<std::string>();
      t.rows.push_back({cell(r["name"], false), cell(r["in_force"], false),
                        cell(r["community_benefit_eur"], false), cell(r["distributed_eur"], false),
                        cell(r["territorial_eur"], false), cell(r["ir_violations"], false),
                        cell(q["gini"], false), cell(q["theil_t"], false),
                        cell(q["theil_l"], false), cell(q["atkinson_1"], false),
                        cell(q["palma"], false), cell(q["s80_s20"], false),
                        cell(r["concentration_index"], false), cell(r["kakwani"], false),
                        cell(r["reynolds_smolensky"], false), of.substr(0, of.find(':'))});
    }
    out += t.render();
    for (const auto& r : rules) {
      Table k{fmt::format("Benefit by kind, rule {}", r["name"].get<std::string>()),
              {"kind", "members", "total EUR", "mean EUR", "share"},
              {}};
      for (const auto& e : r["by_kind"])
        k.rows.push_back({cell(e["kind"], false), cell(e["members"], false),
                          cell(e["total_eur"], false), cell(e["mean_eur"], false),
                          cell(e["share"], false)});
      out += k.render();
      Table d{fmt::format("Benefit by income decile, rule {}", r["name"].get<std::string>()),
              {"decile", "members", "mean benefit EUR", "benefit % income (annualized)"},
              {}};
      for (const auto& e : r["by_decile"])
        d.rows.push_back({cell(e["decile"], false), cell(e["members"], false),
                          cell(e["mean_benefit_eur"], false),
                          cell(e["benefit_pct_income"], false)});
      if (!d.rows.empty()) out += d.render();
    }
  }
  if (doc.contains("energy_burden")) {
    const auto& eb = doc["energy_burden"];
    Table b{"Energy burden by income decile (annualized bill / income, %; after = rule in force)",
            {"decile", "households", "before %", "after %"},
            {}};
    for (const auto& e : eb["by_decile"])
      b.rows.push_back({cell(e["decile"], false), cell(e["members"], false),
                        cell(e["before_pct"], false), cell(e["after_pct"], false)});
    if (!b.rows.empty()) out += b.render();
    if (eb.contains("poverty")) {
      Table p{"Energy poverty (share of households; thresholds frozen at baseline)",
              {"indicator", "before", "after"},
              {}};
      for (const auto& [name, v] : eb["poverty"]["before"].items())
        p.rows.push_back({name, cell(v, false), cell(eb["poverty"]["after"][name], false)});
      out += p.render();
    }
  }
  if (doc.contains("governance")) out += governance_tables(doc["governance"]);
  if (doc.contains("dynamics")) out += dynamics_tables(doc["dynamics"]);
  if (doc.contains("lifecycle")) out += lifecycle_tables(doc["lifecycle"]);
  Table s{"Summary (/summary)", {"kpi", "value", "units"}, {}};
  for (const auto& [name, v] : doc["summary"].items())
    s.rows.push_back({name, cell(v, false), cell(at_or_null(doc["summary_units"], name), false)});
  out += s.render();
  return out;
}

std::string sweep_tables(const json& doc) {
  const auto& d = doc["design"];
  std::string out = fmt::format(
      "sweep {}  design {}  points {}  replicates {}  runs {} (ok {}, failed {}, "
      "missing {})\n{}\n\n",
      doc["file"].get<std::string>(), d["type"].get<std::string>(), d["points"].dump(),
      d["replicates"].dump(), d["runs"].dump(), d["ok"].dump(), d["failed"].dump(),
      d["missing"].dump(), doc["interval"].get<std::string>());
  for (const auto& kpi : doc["kpis"]) {
    const std::string name = kpi.get<std::string>();
    Table t{fmt::format("{} [{}]", name, cell(at_or_null(doc["kpi_units"], name), false)), {}, {}};
    t.header.push_back("point");
    for (const auto& p : d["parameters"]) t.header.push_back(p.get<std::string>());
    for (const char* h : {"n", "mean", "sd", "ci_low", "ci_high"}) t.header.push_back(h);
    for (const auto& p : doc["points"]) {
      std::vector<std::string> row{cell(p["point"], false)};
      for (const auto& par : d["parameters"])
        row.push_back(cell(at_or_null(p["parameters"], par.get<std::string>()), false));
      const auto& st = p["kpis"][name];
      for (const char* h : {"n", "mean", "sd", "ci_low", "ci_high"})
        row.push_back(cell(st[h], false));
      t.rows.push_back(row);
    }
    out += t.render();
  }
  if (doc.contains("sensitivity")) {
    const auto& s = doc["sensitivity"];
    const bool morris = s["method"] == "morris";
    for (const auto& [kpi, rows] : s["outputs"].items()) {
      Table t{fmt::format("{} indices of {}", morris ? "Morris" : "Sobol", kpi),
              morris ? std::vector<std::string>{"parameter", "mu", "mu*", "sigma"}
                     : std::vector<std::string>{"parameter", "S1", "S1 low", "S1 high", "ST",
                                                "ST low", "ST high"},
              {}};
      for (const auto& r : rows) {
        if (morris)
          t.rows.push_back({cell(r["parameter"], false), cell(r["mu"], false),
                            cell(r["mu_star"], false), cell(r["sigma"], false)});
        else
          t.rows.push_back({cell(r["parameter"], false), cell(r["s1"], false),
                            cell(r["s1_ci"][0], false), cell(r["s1_ci"][1], false),
                            cell(r["st"], false), cell(r["st_ci"][0], false),
                            cell(r["st_ci"][1], false)});
      }
      out += t.render();
    }
  }
  if (doc.contains("replicate_variance_share")) {
    Table t{"Share of the variance due to replicates (within-point / total)", {"kpi", "share"}, {}};
    for (const auto& [kpi, v] : doc["replicate_variance_share"].items())
      t.rows.push_back({kpi, cell(v, false)});
    out += t.render();
  }
  return out;
}

// The run document in long form: section,rule,group,metric,value.
std::string run_csv(const json& doc) {
  std::string out = "section,rule,group,metric,value\n";
  auto row = [&](const std::string& section, const std::string& rule, const std::string& group,
                 const std::string& metric, const json& v) {
    out += fmt::format("{},{},{},{},{}\n", section, csv_field(rule), csv_field(group),
                       csv_field(metric), csv_field(cell(v, true)));
  };
  for (const auto& [name, v] : doc["summary"].items()) row("summary", "", "", name, v);
  for (const auto& r : doc["rules"]) {
    const std::string rule = r["name"].get<std::string>();
    for (const char* m : {"community_benefit_eur", "distributed_eur", "territorial_eur",
                          "ir_violations", "max_core_shortfall_eur", "concentration_index",
                          "kakwani", "reynolds_smolensky", "benefit_gini_signed"})
      row("rule", rule, "", m, at_or_null(r, m));
    for (const auto& [m, v] : r["inequality"].items()) row("inequality", rule, "", m, v);
    for (const auto& [m, v] : r["inequality_net_bill_after"].items())
      row("inequality_net_bill_after", rule, "", m, v);
    for (const auto& e : r["by_kind"])
      for (const char* m : {"members", "total_eur", "mean_eur", "share"})
        row("by_kind", rule, e["kind"].get<std::string>(), m, e[m]);
    for (const auto& e : r["by_decile"])
      for (const char* m : {"members", "mean_benefit_eur", "benefit_pct_income"})
        row("by_decile", rule, e["decile"].dump(), m, e[m]);
  }
  if (doc.contains("energy_burden")) {
    const auto& eb = doc["energy_burden"];
    for (const auto& e : eb["by_decile"])
      for (const char* m : {"members", "before_pct", "after_pct"})
        row("energy_burden", "", e["decile"].dump(), m, e[m]);
    if (eb.contains("poverty"))
      for (const char* when : {"before", "after"})
        for (const auto& [m, v] : eb["poverty"][when].items())
          row("energy_poverty", "", when, m, v);
  }
  if (doc.contains("dynamics")) {
    const auto& d = doc["dynamics"];
    const char* finals[] = {"members", "satisfaction_final", "aspiration_final", "trust_pmo_final",
                            "attitude_final"};
    for (const char* m : finals) {
      row("dynamics", "", "low_income", m, d["low_income"][m]);
      row("dynamics", "", "not_low_income", m, d["not_low_income"][m]);
    }
    for (const auto& e : d["by_kind"])
      for (const char* m : finals)
        row("dynamics_by_kind", "", e["kind"].get<std::string>(), m, e[m]);
    for (const auto& e : d["by_decile"])
      for (const char* m : finals) row("dynamics_by_decile", "", e["decile"].dump(), m, e[m]);
    for (const auto& e : d["candidates_by_decile"])
      for (const char* m : {"candidates", "attitude_first", "attitude_final"})
        row("candidates_by_decile", "", e["decile"].dump(), m, e[m]);
    if (d.contains("membership")) {
      const auto& ms = d["membership"];
      const char* counts[] = {"founders", "joined", "never_joined", "left", "members_final"};
      for (const auto& [cause, v] : ms["exits_by_cause"].items())
        row("membership_exits", "", cause, "exits", v);
      for (const char* m : counts) {
        row("membership", "", "low_income", m, ms["low_income"][m]);
        row("membership", "", "not_low_income", m, ms["not_low_income"][m]);
      }
      for (const auto& e : ms["by_kind"])
        for (const char* m : counts)
          row("membership_by_kind", "", e["kind"].get<std::string>(), m, e[m]);
      for (const auto& e : ms["by_decile"])
        for (const char* m : counts) row("membership_by_decile", "", e["decile"].dump(), m, e[m]);
    }
  }
  if (doc.contains("lifecycle")) {
    const auto& l = doc["lifecycle"];
    for (const char* m :
         {"initiator", "start", "months_to_start", "abandoned_in", "abandonment_cause"})
      row("lifecycle", "", "", m, l[m]);
    for (const auto& e : l["phases"])
      for (const char* m : {"from", "periods"})
        row("lifecycle_phases", "", e["phase"].get<std::string>(), m, e[m]);
    for (const auto& e : l["events"])
      row("lifecycle_events", "", e["date"].get<std::string>(), e["type"].get<std::string>(),
          e["subject"].get<std::string>() +
              (e["cause"].get<std::string>().empty() ? "" : ": " + e["cause"].get<std::string>()));
  }
  if (doc.contains("governance")) {
    const auto& g = doc["governance"];
    for (const char* m : {"calendar", "rows", "rounds_held", "rule_changes", "quorum_misses",
                          "mean_forecast_error", "forecast_rows", "mean_support"})
      row("governance", "", "", m, g[m]);
    const auto& rounds = g["rounds_to_agreement"];
    for (const char* which : {"negotiated", "all"})
      for (const char* m : {"rows", "mean", "max"})
        row("rounds_to_agreement", "", which, m, rounds[which][m]);
    row("rounds_to_agreement", "", "negotiated", "agreement_share", rounds["agreement_share"]);
    const char* part[] = {"members", "eligible", "took_part", "rate", "mean_drawn_participation"};
    for (const char* m : part) row("participation", "", "all", m, g["participation"]["overall"][m]);
    for (const auto& e : g["participation"]["by_kind"])
      for (const char* m : part)
        row("participation_by_kind", "", e["kind"].get<std::string>(), m, e[m]);
    for (const auto& e : g["participation"]["by_decile"])
      for (const char* m : part) row("participation_by_decile", "", e["decile"].dump(), m, e[m]);
    if (g.contains("voting_power")) {
      const auto& vp = g["voting_power"];
      row("voting_power", "", "", "exact", vp["exact"]);
      for (const auto& e : vp["colleges"])
        for (const char* m : {"weight", "weight_share", "members", "member_share", "shapley_shubik",
                              "banzhaf", "shapley_shubik_ratio", "banzhaf_ratio"})
          row("voting_power_college", "", e["college"].get<std::string>(), m, e[m]);
      const char* power[] = {"members",       "voters",
                             "member_share",  "shapley_shubik_share",
                             "banzhaf_share", "shapley_shubik_ratio",
                             "banzhaf_ratio"};
      for (const auto& e : vp["by_kind"])
        for (const char* m : power)
          row("voting_power_by_kind", "", e["kind"].get<std::string>(), m, e[m]);
      for (const auto& e : vp["by_decile"])
        for (const char* m : power) row("voting_power_by_decile", "", e["decile"].dump(), m, e[m]);
    }
    const char* side[] = {"rows", "on_side", "ties", "share"};
    for (const char* who : {"low_income", "all_voters"})
      for (const char* m : side) row("decision_side", "", who, m, g["decision_side"][who][m]);
    for (const auto& e : g["decision_side"]["by_kind"])
      for (const char* m : side)
        row("decision_side_by_kind", "", e["kind"].get<std::string>(), m, e[m]);
    for (const auto& [body, n] : g["decided_by"].items()) row("decided_by", "", body, "rows", n);
    for (const auto& e : g["changes_by_item"])
      for (const char* m : {"rows", "changed"})
        row("changes_by_item", "", e["item"].get<std::string>(), m, e[m]);
    for (const auto& e : g["decisions"])
      for (const char* m : {"period", "date", "item", "protocol", "decided_by", "chosen",
                            "chosen_source", "changed", "quorum_reached", "agreed", "rounds",
                            "support", "turnout", "participation", "forecast_error"})
        row("decision", "", e["row"].dump(), m, e[m]);
  }
  return out;
}

// A design CSV given back per point (the document holds every row as a point).
std::string sweep_csv_of_doc(const json& doc) {
  std::string out = "point";
  for (const auto& p : doc["design"]["parameters"]) out += "," + csv_field(p.get<std::string>());
  for (const auto& k : doc["kpis"]) out += "," + csv_field(k.get<std::string>());
  out += "\n";
  for (const auto& p : doc["points"]) {
    out += p["point"].dump();
    for (const auto& par : doc["design"]["parameters"])
      out += "," + csv_field(cell(at_or_null(p["parameters"], par.get<std::string>()), true));
    for (const auto& k : doc["kpis"])
      out += "," + cell(p["kpis"][k.get<std::string>()]["mean"], true);
    out += "\n";
  }
  return out;
}

}  // namespace

std::string render_analysis(const json& doc, AnalyzeFormat format,
                            const std::filesystem::path& path) {
  const bool sweep = doc.value("kind", "") == "sweep";
  switch (format) {
    case AnalyzeFormat::kJson:
      return doc.dump(2) + "\n";
    case AnalyzeFormat::kCsv:
      if (sweep && path.extension() == ".csv") return sweep_csv_of_doc(doc);
      return sweep ? sweep_csv(read_sweep_file(path)) : run_csv(doc);
    case AnalyzeFormat::kTable:
      break;
  }
  return sweep ? sweep_tables(doc) : run_tables(doc);
}

}  // namespace accord::analysis
