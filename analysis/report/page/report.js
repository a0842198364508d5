// accord report page: reads the embedded `accord analyze` document (script#accord-data) and
// draws charts (Vega-Lite through vega-embed, SVG renderer) and tables. The contract of the
// document is docs/report.md; fields absent from it are skipped, never invented.
// When every chart has settled, body[data-charts] = "<rendered>/<expected>" and
// body[data-status] = "done"; errors are counted in body[data-errors] (see template.html).
(function () {
  "use strict";

  var recordError = window.accordRecordError || function (m) { throw new Error(m); };
  if (window.accordFlushErrors) window.accordFlushErrors();

  var doc;
  try {
    doc = JSON.parse(document.getElementById("accord-data").textContent);
  } catch (e) {
    recordError("cannot read the embedded analysis document: " + e.message);
    document.body.dataset.status = "done";
    return;
  }

  // ---------------------------------------------------------------- helpers

  var content = document.getElementById("content");
  var toc = document.getElementById("toc");
  var charts = { expected: 0, rendered: 0, pending: [] };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") node.textContent = attrs[k];
        else if (k === "className") node.className = attrs[k];
        else node.setAttribute(k, attrs[k]);
      });
    }
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function isNum(v) { return typeof v === "number" && isFinite(v); }
  function arr(v) { return Array.isArray(v) ? v : []; }

  // Numbers for tables: thousands grouped, about four significant digits, "—" when absent.
  function fmt(v, digits) {
    if (v === null || v === undefined) return "—";
    if (typeof v !== "number") return String(v);
    if (!isFinite(v)) return "—";
    var a = Math.abs(v);
    var d = digits !== undefined ? digits : a >= 1000 ? 0 : a >= 100 ? 1 : a >= 1 ? 2 : a === 0 ? 0 : 4;
    return v.toLocaleString("en-US", { minimumFractionDigits: 0, maximumFractionDigits: d });
  }
  function pct(v) { return isNum(v) ? fmt(100 * v, 1) + " %" : "—"; }

  function section(id, title, intro) {
    var s = el("section", { id: id, className: "block" }, [el("h2", { text: title })]);
    if (intro) s.appendChild(el("p", { className: "intro", text: intro }));
    content.appendChild(s);
    toc.appendChild(el("a", { href: "#" + id, text: title }));
    return s;
  }

  function table(headers, rows, options) {
    var opts = options || {};
    var thead = el("thead", null, [el("tr", null, headers.map(function (h, j) {
      return el("th", opts.textColumns && opts.textColumns.indexOf(j) >= 0 ? { text: h, className: "text" } : { text: h });
    }))]);
    var tbody = el("tbody");
    rows.forEach(function (r, i) {
      var tr = el("tr", opts.rowClass ? { className: opts.rowClass(i) || "" } : null);
      r.forEach(function (cell, j) {
        var td = el("td", { text: typeof cell === "number" || cell === null || cell === undefined ? fmt(cell) : String(cell) });
        if (opts.textColumns && opts.textColumns.indexOf(j) >= 0) td.className = "text";
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    var wrap = el("div", { className: opts.scroll ? "table-wrap scroll" : "table-wrap" }, [el("table", null, [thead, tbody])]);
    if (!opts.title) return wrap;
    return el("div", null, [el("h3", { text: opts.title }), wrap]);
  }

  var embedOptions = {
    renderer: "svg",
    actions: { export: true, source: false, compiler: false, editor: false },
    logLevel: vega.Error
  };

  function baseSpec(title, subtitle) {
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      title: subtitle ? { text: title, subtitle: subtitle, anchor: "start" } : { text: title, anchor: "start" },
      width: "container",
      height: 300,
      config: {
        font: "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif",
        title: { fontSize: 15, subtitleFontSize: 12, subtitleColor: "#5b6473" },
        axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 600 },
        legend: { labelFontSize: 11, titleFontSize: 12, orient: "bottom", labelLimit: 260 },
        view: { stroke: null }
      }
    };
  }

  // A figure with a chart and its caption; `spec` may be re-drawn by `redraw(newSpec)`.
  function chart(parent, id, caption, spec) {
    var view = el("div", { className: "view", id: "chart-" + id });
    var figure = el("figure", { className: "chart", "data-chart": id }, [view, el("figcaption", { text: caption })]);
    parent.appendChild(figure);
    charts.expected += 1;
    var current = null;
    function draw(s, initial) {
      var p = vegaEmbed(view, s, embedOptions).then(function (result) {
        if (current) current.finalize();
        current = result;
        if (initial) {
          charts.rendered += 1;
          figure.dataset.rendered = "1";
        }
      }).catch(function (e) {
        recordError("chart " + id + ": " + (e && e.message ? e.message : e));
      });
      return p;
    }
    charts.pending.push(draw(spec, true));
    return {
      redraw: function (s) { draw(s, false); },
      figure: figure
    };
  }

  function grid(parent) {
    var g = el("div", { className: "grid" });
    parent.appendChild(g);
    return g;
  }

  function facts(pairs) {
    var dl = document.getElementById("facts");
    pairs.forEach(function (p) {
      if (p[1] === undefined || p[1] === null || p[1] === "") return;
      dl.appendChild(el("div", null, [el("dt", { text: p[0] }), el("dd", { text: String(p[1]) })]));
    });
  }

  function conventions(parent, conv) {
    if (!conv || typeof conv !== "object" || Object.keys(conv).length === 0) return;
    var dl = el("dl", { className: "conventions" });
    Object.keys(conv).forEach(function (k) {
      dl.appendChild(el("dt", { text: k.replace(/_/g, " ") }));
      dl.appendChild(el("dd", { text: String(conv[k]) }));
    });
    parent.appendChild(dl);
  }

  function select(parent, label, options, value, onChange) {
    var s = el("select");
    options.forEach(function (o) {
      var opt = el("option", { value: o, text: o });
      if (o === value) opt.selected = true;
      s.appendChild(opt);
    });
    s.addEventListener("change", function () { onChange(s.value); });
    parent.appendChild(el("label", null, [label, s]));
    return s;
  }

  // ---------------------------------------------------------------- run documents

  var RULE_COLORS = { scheme: "tableau10" };

  function runPage(d) {
    facts([
      ["Scenario", d.scenario], ["Seed", d.seed], ["Replicate", d.replicate],
      ["Detail", d.detail], ["Participants", d.participants], ["Producers", d.producers],
      ["File", d.file]
    ]);
    var rules = arr(d.rules);

    // Key numbers.
    var keys = section("key-numbers", "Key numbers",
      "The run's summary and, for each benefit rule evaluated on the same energy flows, how much the community gains and how unequally it is shared. The rule in force (the one billed) comes first.");
    var notes = arr(d.notes).map(String);
    if (d.energy_burden && d.energy_burden.poverty_error) notes.push("energy poverty: " + d.energy_burden.poverty_error);
    if (d.governance && d.governance.present && d.governance.note) notes.push("governance: " + d.governance.note);
    if (notes.length)
      keys.appendChild(el("ul", { className: "note" }, notes.map(function (n) { return el("li", { text: n }); })));
    var tables = el("div", { className: "tables" });
    if (rules.length) {
      keys.appendChild(table(
        ["Rule", "Community benefit (EUR/yr)", "Distributed (EUR/yr)", "Territorial (EUR/yr)", "IR violations", "Max core shortfall (EUR)"],
        rules.map(function (r) {
          return [r.name, r.community_benefit_eur, r.distributed_eur, r.territorial_eur, r.ir_violations, r.max_core_shortfall_eur];
        }),
        { title: "Benefit by rule", rowClass: function (i) { return rules[i].in_force ? "in-force" : ""; } }));
      keys.appendChild(table(
        ["Rule", "Gini", "Gini (corr.)", "Theil T", "Theil L", "Atkinson ε=1", "Palma", "S80/S20", "Jain", "Concentration", "Kakwani", "Reynolds–Smolensky"],
        rules.map(function (r) {
          var q = r.inequality || {};
          return [r.name, q.gini, q.gini_corrected, q.theil_t, q.theil_l, q["atkinson_1"], q.palma, q.s80_s20, q.jain,
                  r.concentration_index, r.kakwani, r.reynolds_smolensky];
        }),
        { title: "Inequality by rule" + (rules[0] && rules[0].of ? " (of: " + rules[0].of + ")" : ""),
          rowClass: function (i) { return rules[i].in_force ? "in-force" : ""; } }));
    }
    keys.appendChild(tables);
    var summary = d.summary && typeof d.summary === "object" ? d.summary : {};
    var summaryKeys = Object.keys(summary);
    if (summaryKeys.length) {
      var units = d.summary_units && typeof d.summary_units === "object" ? d.summary_units : {};
      tables.appendChild(table(["Indicator", "Value", "Units"],
        summaryKeys.map(function (k) { return [k, summary[k], units[k] || ""]; }),
        { title: "Run summary (/summary)", textColumns: [2], scroll: true }));
    }
    if (d.conventions && typeof d.conventions === "object" && Object.keys(d.conventions).length) {
      var box = el("div", null, [el("h3", { text: "Conventions" })]);
      conventions(box, d.conventions);
      tables.appendChild(box);
    }

    // Equity charts.
    var lorenzRows = [];
    rules.forEach(function (r) {
      var p = arr(r.lorenz && r.lorenz.p), l = arr(r.lorenz && r.lorenz.l);
      for (var i = 0; i < Math.min(p.length, l.length); i++)
        if (isNum(p[i]) && isNum(l[i])) lorenzRows.push({ rule: r.name, p: p[i], l: l[i] });
    });
    var decileRows = [];
    rules.forEach(function (r) {
      arr(r.by_decile).forEach(function (b) {
        decileRows.push({ rule: r.name, decile: b.decile, members: b.members,
                          mean_benefit_eur: b.mean_benefit_eur, benefit_pct_income: b.benefit_pct_income });
      });
    });
    if (lorenzRows.length || decileRows.length) {
      var eq = section("equity", "Who gains",
        "How the annual benefit is spread over members under each rule, and how it relates to income.");
      var g = grid(eq);
      if (lorenzRows.length) {
        var ls = baseSpec("Lorenz curves of the annual benefit, by rule", "Diagonal: every member gains the same");
        ls.height = 340;
        ls.layer = [
          { data: { values: [{ p: 0, l: 0 }, { p: 1, l: 1 }] },
            mark: { type: "line", color: "#9aa3ae", strokeDash: [4, 4] },
            encoding: { x: { field: "p", type: "quantitative" }, y: { field: "l", type: "quantitative" } } },
          { data: { values: lorenzRows },
            mark: { type: "line", strokeWidth: 2, interpolate: "linear" },
            encoding: {
              x: { field: "p", type: "quantitative", title: "Cumulative share of members, ranked by benefit (0–1)",
                   scale: { domain: [0, 1] } },
              y: { field: "l", type: "quantitative", title: "Cumulative share of total benefit (0–1)" },
              color: { field: "rule", type: "nominal", title: "Rule", scale: RULE_COLORS },
              tooltip: [{ field: "rule" }, { field: "p", format: ".2f" }, { field: "l", format: ".3f" }]
            } }
        ];
        chart(g, "lorenz", "Each curve adds up members' annual benefit from the smallest to the largest. The further a curve sags below the diagonal, the more the benefit is concentrated on few members (Gini = twice the area between them). A curve dipping below 0 means some members lose.", ls);
      }
      if (decileRows.length) {
        var ds = baseSpec("Mean annual benefit by income decile", "Members with a known income; decile 1 = lowest income");
        ds.data = { values: decileRows };
        ds.mark = { type: "bar" };
        ds.encoding = {
          x: { field: "decile", type: "ordinal", title: "Income decile (1 = lowest)", axis: { labelAngle: 0 } },
          xOffset: { field: "rule", type: "nominal" },
          y: { field: "mean_benefit_eur", type: "quantitative", title: "Mean benefit per member (EUR/yr)" },
          color: { field: "rule", type: "nominal", title: "Rule", scale: RULE_COLORS },
          tooltip: [{ field: "rule" }, { field: "decile" }, { field: "members" }, { field: "mean_benefit_eur", format: ",.2f", title: "EUR/yr" }]
        };
        chart(g, "benefit-decile", "Average benefit a member of each income decile receives in a year under each rule: vertical equity in euros.", ds);
        var pctRows = decileRows.filter(function (r) { return isNum(r.benefit_pct_income); });
        if (pctRows.length) {
          var ps = baseSpec("Benefit as a share of income, by income decile", "Progressive when the lowest deciles gain the most relative to income");
          ps.data = { values: pctRows };
          ps.mark = { type: "line", point: true, strokeWidth: 2 };
          ps.encoding = {
            x: { field: "decile", type: "ordinal", title: "Income decile (1 = lowest)", axis: { labelAngle: 0 } },
            y: { field: "benefit_pct_income", type: "quantitative", title: "Benefit (% of annual income)" },
            color: { field: "rule", type: "nominal", title: "Rule", scale: RULE_COLORS },
            tooltip: [{ field: "rule" }, { field: "decile" }, { field: "benefit_pct_income", format: ".3f", title: "% of income" }]
          };
          chart(g, "benefit-pct-income", "Mean benefit divided by mean income of the decile, in percent: a falling line means the benefit matters most to low-income members.", ps);
        }
      }
      var kindRows = [];
      rules.forEach(function (r) {
        arr(r.by_kind).forEach(function (k) { kindRows.push([r.name, k.kind, k.members, k.total_eur, k.mean_eur, pct(k.share)]); });
      });
      if (kindRows.length)
        eq.appendChild(el("div", { style: "margin-top:18px" }, [table(["Rule", "Member kind", "Members", "Total (EUR/yr)", "Mean (EUR/yr)", "Share of benefit"], kindRows,
          { title: "Benefit by kind of member" })]));
    }

    // Energy burden.
    var eb = d.energy_burden || {};
    var burdenRows = [];
    arr(eb.by_decile).forEach(function (b) {
      if (isNum(b.before_pct)) burdenRows.push({ decile: b.decile, when: "before (no community)", pct: b.before_pct, members: b.members });
      if (isNum(b.after_pct)) burdenRows.push({ decile: b.decile, when: "after (with community)", pct: b.after_pct, members: b.members });
    });
    var poverty = eb.poverty || {};
    if (burdenRows.length || poverty.before || poverty.after) {
      var bs = section("energy-burden", "Energy burden",
        "Households with a known income: electricity spending as a share of income, before and after joining the community, and the share of households in energy poverty by each indicator.");
      var bg = grid(bs);
      if (burdenRows.length) {
        var es = baseSpec("Energy burden by income decile, before and after", "Dashed line: 10 % of income (the 10 % rule)");
        es.layer = [
          { data: { values: burdenRows },
            mark: { type: "bar" },
            encoding: {
              x: { field: "decile", type: "ordinal", title: "Income decile (1 = lowest)", axis: { labelAngle: 0 } },
              xOffset: { field: "when", type: "nominal", sort: ["before (no community)", "after (with community)"] },
              y: { field: "pct", type: "quantitative", title: "Electricity spending (% of income)" },
              color: { field: "when", type: "nominal", title: null, sort: ["before (no community)", "after (with community)"],
                       scale: { range: ["#b0b8c4", "#1f6f8b"] } },
              tooltip: [{ field: "decile" }, { field: "when" }, { field: "members" }, { field: "pct", format: ".2f", title: "% of income" }]
            } },
          { data: { values: [{ y: 10 }] },
            mark: { type: "rule", color: "#a4262c", strokeDash: [5, 4] },
            encoding: { y: { field: "y", type: "quantitative" } } }
        ];
        chart(bg, "energy-burden", "Mean annual electricity bill over mean income per decile; grey before the community, blue with it. The drop is what the community gives each decile relative to what it spends.", es);
      }
      var indicators = Object.keys(poverty.before || poverty.after || {});
      if (indicators.length) {
        var names = { ten_percent: "10 % rule", onpe: "ONPE (effort > 8 %, deciles 1–3)", lihc: "LIHC", two_m: "2M (twice the median effort)",
                      m_half: "M/2 (half the median spending)", brde: "BRDE" };
        var povRows = [];
        indicators.forEach(function (k) {
          var b = poverty.before ? poverty.before[k] : null, a = poverty.after ? poverty.after[k] : null;
          if (isNum(b)) povRows.push({ indicator: names[k] || k, when: "before (no community)", share: b });
          if (isNum(a)) povRows.push({ indicator: names[k] || k, when: "after (with community)", share: a });
        });
        var pv = baseSpec("Households in energy poverty, before and after", "Share of the households with a known income, by indicator");
        pv.data = { values: povRows };
        pv.mark = { type: "bar" };
        pv.encoding = {
          y: { field: "indicator", type: "nominal", title: "Indicator", sort: null },
          yOffset: { field: "when", type: "nominal", sort: ["before (no community)", "after (with community)"] },
          x: { field: "share", type: "quantitative", title: "Share of households (%)", axis: { format: ".0%" } },
          color: { field: "when", type: "nominal", title: null, sort: ["before (no community)", "after (with community)"],
                   scale: { range: ["#b0b8c4", "#1f6f8b"] } },
          tooltip: [{ field: "indicator" }, { field: "when" }, { field: "share", format: ".1%" }]
        };
        chart(bg, "energy-poverty", "Share of households counted as energy-poor by each indicator; each has its own definition (docs/equity-metrics.md) and they are not additive. Relative thresholds: " + ((d.conventions && d.conventions.energy_poverty_thresholds) || "see the conventions") + ".", pv);
        bs.appendChild(el("div", { style: "margin-top:18px" }, [table(["Indicator", "Before", "After"],
          indicators.map(function (k) {
            return [names[k] || k, pct(poverty.before ? poverty.before[k] : null), pct(poverty.after ? poverty.after[k] : null)];
          }), { title: "Energy poverty (share of households)" })]));
      }
    }

    governanceSection(d.governance);
    dynamicsSection(d.dynamics);
    lifecycleSection(d.lifecycle);

    // Monthly flows.
    var m = d.monthly || {};
    var starts = arr(m.period_start);
    function fold(series) {
      var rows = [];
      series.forEach(function (s) {
        var v = arr(m[s[0]]);
        for (var i = 0; i < Math.min(v.length, starts.length); i++)
          if (isNum(v[i])) rows.push({ period: starts[i], series: s[1], value: v[i] });
      });
      return rows;
    }
    if (starts.length) {
      var ms = section("monthly", "Month by month",
        "Energy and money per billing period, summed over the community.");
      var mg = grid(ms);
      var energySeries = [["consumption_kwh", "Consumption"], ["production_kwh", "Production"],
                          ["allocated_kwh", "Shared (allocated to members)"], ["surplus_kwh", "Surplus (sold to the grid)"]];
      var energyRows = fold(energySeries);
      var order = function (series) { return series.map(function (s) { return s[1]; }); };
      if (energyRows.length) {
        var en = baseSpec("Energy per billing period", "Community totals");
        en.data = { values: energyRows };
        en.mark = { type: "line", point: true, strokeWidth: 2 };
        en.encoding = {
          x: { field: "period", type: "temporal", timeUnit: "yearmonth", title: "Billing period (start month)" },
          y: { field: "value", type: "quantitative", title: "Energy (kWh per period)" },
          color: { field: "series", type: "nominal", title: null, sort: order(energySeries), legend: { columns: 2 },
                   scale: { domain: order(energySeries), range: ["#4c566a", "#e3a21a", "#1f6f8b", "#8fb339"] } },
          tooltip: [{ field: "period", type: "temporal", timeUnit: "yearmonth" }, { field: "series" }, { field: "value", format: ",.0f", title: "kWh" }]
        };
        chart(mg, "monthly-energy", "Members' consumption, the community's production, the part of it allocated to members (collective self-consumption) and the surplus left to the grid, per billing period.", en);
      }
      var moneySeries = [["bill_reference_eur", "Bills without the community"], ["bill_eur", "Bills with the community"],
                         ["benefit_eur", "Members' benefit"], ["producer_revenue_eur", "Producers' revenue"],
                         ["pmo_costs_eur", "PMO costs"], ["pmo_fees_eur", "PMO fees"]];
      var moneyRows = fold(moneySeries);
      if (moneyRows.length) {
        var mo = baseSpec("Money per billing period", "Community totals, EUR incl. taxes as billed");
        mo.data = { values: moneyRows };
        mo.mark = { type: "line", point: true, strokeWidth: 2 };
        mo.encoding = {
          x: { field: "period", type: "temporal", timeUnit: "yearmonth", title: "Billing period (start month)" },
          y: { field: "value", type: "quantitative", title: "Amount (EUR per period)" },
          color: { field: "series", type: "nominal", title: null, sort: order(moneySeries), legend: { columns: 3 }, scale: { domain: order(moneySeries), scheme: "tableau10" } },
          tooltip: [{ field: "period", type: "temporal", timeUnit: "yearmonth" }, { field: "series" }, { field: "value", format: ",.2f", title: "EUR" }]
        };
        chart(mg, "monthly-money", "Members' bills with and without the community (the gap is their benefit), the producers' revenue from the energy they share and the organising entity's (PMO) costs and fees, per billing period.", mo);
      }
      var memberRows = fold([["members", "Members"]]);
      if (memberRows.length) {
        var mm = baseSpec("Membership over time", "Members taking part in each billing period");
        mm.height = 220;
        mm.data = { values: memberRows };
        mm.mark = { type: "line", interpolate: "step-after", point: true, strokeWidth: 2, color: "#1f6f8b" };
        mm.encoding = {
          x: { field: "period", type: "temporal", timeUnit: "yearmonth", title: "Billing period (start month)" },
          y: { field: "value", type: "quantitative", title: "Members (count)", scale: { zero: true } },
          tooltip: [{ field: "period", type: "temporal", timeUnit: "yearmonth" }, { field: "value", title: "members" }]
        };
        chart(mg, "membership", "Number of participating members per billing period; steps are joins and departures.", mm);
      }
    }
  }

  // ---------------------------------------------------------------- dynamics (run documents)

  // Phase 4 (docs/dynamics.md, docs/analyze.md "dynamics"): shown only for runs with it.
  function dynamicsSection(dy) {
    if (!dy || typeof dy !== "object" || !dy.over_time) return;
    var ds = section("dynamics", "Social dynamics",
      "How the members live the operation and how word of it travels: satisfaction (the propensity to stay), trust in the PMO and attitudes towards the operation, learnt from money, votes and kept promises and spread on a social network that includes the candidates around the operation (docs/dynamics.md). Means are over the members of each period.");
    var low = dy.low_income || {}, others = dy.not_low_income || {};
    var tables = el("div", { className: "tables" });
    ds.appendChild(tables);
    tables.appendChild(table(["Members at the end", "Count", "Satisfaction", "Trust in the PMO", "Attitude"],
      [["Low-income", low.members, fmt(low.satisfaction_final, 3), fmt(low.trust_pmo_final, 3), fmt(low.attitude_final, 3)],
       ["Others", others.members, fmt(others.satisfaction_final, 3), fmt(others.trust_pmo_final, 3), fmt(others.attitude_final, 3)]].concat(
        arr(dy.by_kind).map(function (e) {
          return ["Kind " + e.kind, e.members, fmt(e.satisfaction_final, 3), fmt(e.trust_pmo_final, 3), fmt(e.attitude_final, 3)];
        })),
      { title: "Final state (" + dy.candidates + " candidates, " + dy.network_ties + " ties, " + dy.attitude_model + ")" }));
    var cands = arr(dy.candidates_by_decile);
    if (cands.length)
      tables.appendChild(table(["Decile", "Candidates", "Attitude, first period", "Attitude, last period"],
        cands.map(function (e) { return [e.decile === 0 ? "unknown" : e.decile, e.candidates, fmt(e.attitude_first, 3), fmt(e.attitude_final, 3)]; }),
        { title: "Candidates' attitude by income decile" }));

    var dg = grid(ds);
    var t = dy.over_time, periods = arr(t.period);
    var series = [["satisfaction_mean", "Satisfaction (members)"], ["trust_pmo_mean", "Trust in the PMO (members)"],
                  ["attitude_members_mean", "Attitude (members)"], ["attitude_candidates_mean", "Attitude (candidates)"]];
    var rows = [];
    series.forEach(function (sr) {
      arr(t[sr[0]]).forEach(function (v, i) { if (isNum(v)) rows.push({ period: periods[i], series: sr[1], value: v }); });
    });
    // Trust in the municipality and in each intermediary (format 1.4), when recorded.
    var extra = [];
    if (t.trust_municipality_mean) extra.push(["Trust in the municipality (members)", t.trust_municipality_mean]);
    Object.keys(t.trust_intermediaries_mean || {}).forEach(function (id) {
      extra.push(["Trust in " + id + " (members)", t.trust_intermediaries_mean[id]]);
    });
    extra.forEach(function (e) {
      series.push([null, e[0]]);
      arr(e[1]).forEach(function (v, i) { if (isNum(v)) rows.push({ period: periods[i], series: e[0], value: v }); });
    });
    if (rows.length) {
      var names = series.map(function (sr) { return sr[1]; });
      var palette = ["#1f6f8b", "#e3a21a", "#5a8f29", "#a4262c", "#6b4c9a", "#8c8c8c", "#d1603d", "#2a9d8f"];
      var ts = baseSpec("Satisfaction, trust and attitudes over time", "Mean at the end of each period");
      ts.data = { values: rows };
      ts.mark = { type: "line", point: true };
      ts.encoding = {
        x: { field: "period", type: "temporal", title: "Period" },
        y: { field: "value", type: "quantitative", title: "Mean (0 to 1)", scale: { domain: [0, 1] } },
        color: { field: "series", type: "nominal", title: null, sort: names,
                 scale: { domain: names, range: names.map(function (n, i) { return palette[i % palette.length]; }) } },
        tooltip: [{ field: "period", type: "temporal" }, { field: "series" }, { field: "value", format: ".3f" }]
      };
      chart(dg, "dynamics-time", "Members' satisfaction and trust in the PMO, and the attitudes of members and candidates, period by period. Satisfaction follows money against what members expected (it rises in sunny months) and the votes they won or lost; candidates' attitudes move with what members and outreach tell them.", ts);
    }
    var deciles = arr(dy.by_decile).filter(function (e) { return e.members > 0; });
    var drows = [];
    deciles.forEach(function (e) {
      var label = e.decile === 0 ? "unknown" : String(e.decile);
      if (isNum(e.satisfaction_final)) drows.push({ decile: e.decile, label: label, measure: "Satisfaction", value: e.satisfaction_final, members: e.members });
      if (isNum(e.trust_pmo_final)) drows.push({ decile: e.decile, label: label, measure: "Trust in the PMO", value: e.trust_pmo_final, members: e.members });
    });
    if (drows.length) {
      var order = deciles.slice().sort(function (a, b) { return a.decile - b.decile; }).map(function (e) { return e.decile === 0 ? "unknown" : String(e.decile); });
      var measures = ["Satisfaction", "Trust in the PMO"];
      var bs = baseSpec("Satisfaction and trust by income decile", "Members at the end of the run");
      bs.data = { values: drows };
      bs.mark = { type: "bar" };
      bs.encoding = {
        x: { field: "label", type: "ordinal", sort: order, title: "Income decile (1 = lowest)", axis: { labelAngle: 0 } },
        xOffset: { field: "measure", type: "nominal", sort: measures },
        y: { field: "value", type: "quantitative", title: "Mean (0 to 1)", scale: { domain: [0, 1] } },
        color: { field: "measure", type: "nominal", title: null, sort: measures, scale: { domain: measures, range: ["#1f6f8b", "#e3a21a"] } },
        tooltip: [{ field: "label", title: "decile" }, { field: "measure" }, { field: "value", format: ".3f" }, { field: "members" }]
      };
      chart(dg, "dynamics-deciles", "Members' final satisfaction and trust in the PMO by income decile: lower bars for the first deciles mean the arrangement works less well for the low-income members, who will be the first tempted to leave.", bs);
    }
    membershipPart(ds, dg, dy.membership, periods);
  }

  // Who joined and who left (dynamics.membership, format 1.4): counts by state over time, and
  // by group the founders, those who joined, those who left and the members at the end.
  function membershipPart(ds, dg, ms, periods) {
    if (!ms || typeof ms !== "object" || !ms.after_each_period) return;
    var causes = ms.exits_by_cause || {};
    var counts = function (label, e) {
      e = e || {};
      return [label, e.founders, e.joined, e.never_joined, e.left, e.members_final];
    };
    var tables = el("div", { className: "tables" });
    ds.appendChild(tables);
    tables.appendChild(table(["Who", "Founders", "Joined", "Never joined", "Left", "Members at the end"],
      [counts("Low-income", ms.low_income), counts("Others", ms.not_low_income)].concat(
        arr(ms.by_kind).map(function (e) { return counts("Kind " + e.kind, e); }),
        arr(ms.by_decile).map(function (e) { return counts("Decile " + (e.decile === 0 ? "unknown" : e.decile), e); })),
      { title: "Membership (exits: " + causes.dissatisfied + " dissatisfied, " + causes.losses + " after losses, " + causes.event + " by events)" }));
    var t = ms.after_each_period, rows = [];
    var series = [["members", "Members"], ["applicants", "Applicants waiting"], ["candidates", "Candidates"], ["left", "Left"]];
    series.forEach(function (sr) {
      arr(t[sr[0]]).forEach(function (v, i) { if (isNum(v)) rows.push({ period: periods[i], series: sr[1], value: v }); });
    });
    if (!rows.length) return;
    var names = series.map(function (sr) { return sr[1]; });
    var spec = baseSpec("Membership over time", "People in each state after each period's decisions");
    spec.data = { values: rows };
    spec.mark = { type: "line", point: true };
    spec.encoding = {
      x: { field: "period", type: "temporal", title: "Period" },
      y: { field: "value", type: "quantitative", title: "People" },
      color: { field: "series", type: "nominal", title: null, sort: names,
               scale: { domain: names, range: ["#1f6f8b", "#e3a21a", "#8c8c8c", "#a4262c"] } },
      tooltip: [{ field: "period", type: "temporal" }, { field: "series" }, { field: "value" }]
    };
    chart(dg, "dynamics-membership", "How many people are members, wait for admission, are still only candidates, or have left, period by period. Candidates apply when word of mouth and outreach have convinced them; members leave after lasting dissatisfaction or losses, once their notice has run (docs/dynamics.md).", spec);
  }

  // The project from the first meeting (phase 5, format 1.4): its phases as a timeline with the
  // events on it, and the events in a table.
  function lifecycleSection(l) {
    if (!l || typeof l !== "object" || !Array.isArray(l.phases)) return;
    var intro = "The road from the initiators' first meeting to an operating community, and what happened to it afterwards (docs/lifecycle.md). Initiated by " + l.initiator + "; ";
    intro += l.start ? "operating from " + l.start + ", " + fmt(l.months_to_start, 1) + " months after the first meeting." :
      (l.abandoned_in ? "abandoned in " + l.abandoned_in + ": " + l.abandonment_cause + "." : "not operating within the run.");
    var ls = section("lifecycle", "Lifecycle of the project", intro);
    var tables = el("div", { className: "tables" });
    ls.appendChild(tables);
    tables.appendChild(table(["Date", "Event", "Subject", "Cause"],
      arr(l.events).map(function (e) { return [e.date, e.type, e.subject, e.cause]; }),
      { title: "Events" }));
    var lg = grid(ls);
    var order = ["emergence", "feasibility", "recruitment", "structuring", "grid_agreement", "operation", "abandoned", "dissolved"];
    var colors = ["#8c8c8c", "#6b4c9a", "#e3a21a", "#d1603d", "#2a9d8f", "#1f6f8b", "#a4262c", "#5a5a5a"];
    var spans = arr(l.phases).map(function (p) { return { phase: p.phase, from: p.from, to: p.to, periods: p.periods, row: "Phase" }; });
    var marks = arr(l.events).filter(function (e) { return e.type !== "phase"; })
      .map(function (e) { return { date: e.date, type: e.type, subject: e.subject, cause: e.cause, row: "Events" }; });
    var spec = baseSpec("Timeline", "Phases of the project, and the events of its life");
    spec.layer = [
      { data: { values: spans }, mark: { type: "bar" },
        encoding: {
          x: { field: "from", type: "temporal", title: null }, x2: { field: "to" },
          y: { field: "row", type: "nominal", title: null, sort: ["Phase", "Events"] },
          color: { field: "phase", type: "nominal", title: "Phase", sort: order, scale: { domain: order, range: colors } },
          tooltip: [{ field: "phase" }, { field: "from", type: "temporal" }, { field: "periods" }] } },
      { data: { values: marks }, mark: { type: "point", filled: true, size: 80, color: "#222" },
        encoding: {
          x: { field: "date", type: "temporal" },
          y: { field: "row", type: "nominal", sort: ["Phase", "Events"] },
          shape: { field: "type", type: "nominal", title: "Event" },
          tooltip: [{ field: "date", type: "temporal" }, { field: "type" }, { field: "subject" }, { field: "cause" }] } }
    ];
    chart(lg, "lifecycle-timeline", "The project's phases from the first meeting (a period belongs to the phase it begins in) and its events: outages, inverter failures, anchor members leaving, a derogation granted, a dissolution. An expert shortens the feasibility study and avoids bad designs; a mediator speeds recruitment and settles the statutes.", spec);
  }

  // ---------------------------------------------------------------- governance (run documents)

  // Procedural indicators (docs/analyze.md): shown only when the run held governance rounds.
  function governanceSection(g) {
    if (!g || typeof g !== "object" || !(g.rows > 0)) return;
    var gs = section("governance", "Governance",
      "How the community decided its rules: who took part, who holds voting power compared with their numbers, whose side the decisions fell on, and what changed when. No standard measure of procedural equity exists; the definitions are below the tables (docs/analyze.md).");
    var part = g.participation || {};
    var side = g.decision_side || {};
    var rounds = g.rounds_to_agreement || {};
    var neg = rounds.negotiated || {}, all = rounds.all || {};
    var low = side.low_income || {}, voters = side.all_voters || {};
    var keyRows = [
      ["Rounds × items decided", g.rows],
      ["Participation (took part / could)", pct((part.overall || {}).rate)],
      ["Decisions on the side of the low-income voters", isNum(low.share) ? pct(low.share) + " of " + low.rows + " votes" : "—"],
      ["Decisions on the side of all voters' plurality", isNum(voters.share) ? pct(voters.share) + " of " + voters.rows + " votes" : "—"],
      ["Rounds to agreement, negotiated (mean / max)", isNum(neg.mean) ? fmt(neg.mean) + " / " + fmt(neg.max) : "—"],
      ["Rounds to agreement, all rows (mean / max)", isNum(all.mean) ? fmt(all.mean) + " / " + fmt(all.max) : "—"],
      ["Negotiations that reached agreement", pct(rounds.agreement_share)],
      ["Rule changes", g.rule_changes],
      ["Quorum misses", g.quorum_misses],
      ["Mean forecast error", g.mean_forecast_error]
    ];
    var bodies = g.decided_by && typeof g.decided_by === "object" ? g.decided_by : {};
    Object.keys(bodies).forEach(function (b) { keyRows.push(["Decided by " + b, bodies[b]]); });
    var tables = el("div", { className: "tables" });
    gs.appendChild(tables);
    tables.appendChild(table(["Indicator", "Value"], keyRows, { title: "Procedural indicators", textColumns: [1] }));
    var items = arr(g.changes_by_item);
    if (items.length)
      tables.appendChild(table(["Item", "Decisions", "Changed the rule"], items.map(function (e) { return [e.item, e.rows, e.changed]; }),
        { title: "Decisions by agenda item" }));

    var gg = grid(gs);
    function decileLabel(v) { return v === 0 ? "unknown" : String(v); }
    var partRows = arr(part.by_decile).filter(function (e) { return isNum(e.rate); }).map(function (e) {
      return { decile: e.decile, label: decileLabel(e.decile), rate: e.rate, members: e.members, eligible: e.eligible, took_part: e.took_part };
    });
    if (partRows.length) {
      var order = partRows.slice().sort(function (a, b) { return a.decile - b.decile; }).map(function (r) { return r.label; });
      var ps = baseSpec("Participation by income decile", "Share of the votes a member could cast that it did cast; line: all members");
      ps.layer = [
        { data: { values: partRows },
          mark: { type: "bar", color: "#1f6f8b" },
          encoding: {
            x: { field: "label", type: "ordinal", sort: order, title: "Income decile (1 = lowest; unknown: no income known)", axis: { labelAngle: 0 } },
            y: { field: "rate", type: "quantitative", title: "Participation (%)", axis: { format: ".0%" }, scale: { domain: [0, 1] } },
            tooltip: [{ field: "label", title: "decile" }, { field: "members" }, { field: "eligible", title: "could take part" },
                      { field: "took_part", title: "took part" }, { field: "rate", format: ".1%", title: "participation" }]
          } }
      ];
      if (isNum((part.overall || {}).rate))
        ps.layer.push({ data: { values: [{ y: part.overall.rate }] },
                        mark: { type: "rule", color: "#a4262c", strokeDash: [5, 4] },
                        encoding: { y: { field: "y", type: "quantitative" } } });
      chart(gg, "governance-participation", "Per income decile, ballots cast over the ballots its members could cast (rows where a member is not a voter under the protocol are left out). A low bar for the first deciles means the decisions are made without the low-income members.", ps);
    }
    var colleges = arr((g.voting_power || {}).colleges);
    var powerRows = [];
    colleges.forEach(function (c) {
      if (isNum(c.member_share)) powerRows.push({ college: c.college, measure: "Share of the members", value: c.member_share, ratio: "—" });
      if (isNum(c.shapley_shubik)) powerRows.push({ college: c.college, measure: "Shapley–Shubik power", value: c.shapley_shubik, ratio: fmt(c.shapley_shubik_ratio, 2) });
      if (isNum(c.banzhaf)) powerRows.push({ college: c.college, measure: "Banzhaf power", value: c.banzhaf, ratio: fmt(c.banzhaf_ratio, 2) });
    });
    if (powerRows.length) {
      var measures = ["Share of the members", "Shapley–Shubik power", "Banzhaf power"];
      var vs = baseSpec("Voting power and share of the members, by college",
        "A priori power of the statutes (" + (g.voting_power.exact === false ? "sampled" : "exact") + "); power above the grey bar = more say than numbers");
      vs.data = { values: powerRows };
      vs.mark = { type: "bar" };
      vs.encoding = {
        x: { field: "college", type: "nominal", title: "College", axis: { labelAngle: 0, labelLimit: 200 } },
        xOffset: { field: "measure", type: "nominal", sort: measures },
        y: { field: "value", type: "quantitative", title: "Share (%)", axis: { format: ".0%" } },
        color: { field: "measure", type: "nominal", title: null, sort: measures, scale: { domain: measures, range: ["#b0b8c4", "#1f6f8b", "#e3a21a"] } },
        tooltip: [{ field: "college" }, { field: "measure" }, { field: "value", format: ".1%", title: "share" },
                  { field: "ratio", title: "power / member share" }]
      };
      chart(gg, "governance-power", "Each college's share of the registered members (grey) against its Shapley–Shubik and Banzhaf voting power (the share of orderings, resp. of swings, in which its members are pivotal). The ratio power / member share is 1 when power is proportional to numbers.", vs);
    }
    var decisions = arr(g.decisions).filter(function (e) { return isNum(e.period) && e.item; }).map(function (e) {
      return { period: e.period, date: e.date, item: e.item, outcome: e.changed ? "changed the rule" : "kept the rule",
               protocol: e.protocol, decided_by: e.decided_by, chosen: e.chosen_option === null || e.chosen_option === undefined ? "" : String(e.chosen_option),
               rounds: e.rounds, support: pct(e.support), turnout: pct(e.turnout), quorum: e.quorum_reached === false ? "missed" : "reached" };
    });
    if (decisions.length) {
      var outcomes = ["changed the rule", "kept the rule"];
      var ts = baseSpec("Decisions over time", "One mark per round and agenda item; a decision applies from the next period");
      ts.height = Math.max(160, 48 * Object.keys(decisions.reduce(function (a, e) { a[e.item] = 1; return a; }, {})).length);
      ts.data = { values: decisions };
      ts.mark = { type: "point", filled: true, size: 140 };
      ts.encoding = {
        x: { field: "period", type: "quantitative", title: "Billing period after which the round was held (index)", axis: { tickMinStep: 1, format: "d" } },
        y: { field: "item", type: "nominal", title: "Agenda item", axis: { labelLimit: 200 } },
        color: { field: "outcome", type: "nominal", title: null, sort: outcomes, scale: { domain: outcomes, range: ["#a4262c", "#9aa3ae"] } },
        shape: { field: "outcome", type: "nominal", sort: outcomes, scale: { domain: outcomes, range: ["diamond", "circle"] } },
        tooltip: [{ field: "date", title: "held on" }, { field: "item" }, { field: "outcome" }, { field: "chosen", title: "decided option" },
                  { field: "protocol" }, { field: "decided_by", title: "decided by" }, { field: "rounds" },
                  { field: "quorum" }, { field: "support" }, { field: "turnout" }]
      };
      chart(gg, "governance-timeline", "Every decision of the run by agenda item: red diamonds changed the rule in force, grey circles kept it (status quo, failed negotiation or missed quorum). Hover for the option decided, the protocol and who decided.", ts);
    }

    var more = el("div", { className: "tables", style: "margin-top:18px" });
    gs.appendChild(more);
    var byKind = arr(part.by_kind);
    if (byKind.length)
      more.appendChild(table(["Kind", "Members", "Could take part", "Took part", "Participation"],
        byKind.map(function (e) { return [e.kind, e.members, e.eligible, e.took_part, pct(e.rate)]; }),
        { title: "Participation by kind of member" }));
    var vp = g.voting_power || {};
    function powerTable(rows, key, title) {
      if (!arr(rows).length) return;
      gs.appendChild(el("div", { style: "margin-top:18px" }, [table([key === "decile" ? "Decile" : "Kind", "Members", "Voters", "Share of members", "Shapley–Shubik share", "Banzhaf share", "SS / members", "Banzhaf / members"],
        arr(rows).map(function (e) {
          return [key === "decile" ? decileLabel(e.decile) : e.kind, e.members, e.voters, pct(e.member_share), pct(e.shapley_shubik_share),
                  pct(e.banzhaf_share), e.shapley_shubik_ratio, e.banzhaf_ratio];
        }), { title: title })]));
    }
    powerTable(vp.by_kind, "kind", "Voting power by kind of member");
    powerTable(vp.by_decile, "decile", "Voting power by income decile");
    var sides = arr(side.by_kind);
    if (sides.length)
      more.appendChild(table(["Kind", "Votes with its voters", "On its side", "Ties", "Share"],
        sides.map(function (e) { return [e.kind, e.rows, e.on_side, e.ties, pct(e.share)]; }),
        { title: "Decisions on the side of each kind's voters" }));
    if (decisions.length)
      gs.appendChild(el("div", { style: "margin-top:18px" }, [table(["Held on", "Period", "Item", "Protocol", "Decided by", "Decided option", "Outcome", "Rounds", "Support", "Turnout"],
        decisions.map(function (e) { return [e.date || "—", e.period, e.item, e.protocol, e.decided_by, e.chosen, e.outcome, e.rounds, e.support, e.turnout]; }),
        { title: "Decisions", textColumns: [0, 2, 3, 4, 5, 6], scroll: true })]));
    if (g.definitions && typeof g.definitions === "object" && Object.keys(g.definitions).length) {
      var box = el("div", { style: "margin-top:18px" }, [el("h3", { text: "Definitions" })]);
      conventions(box, g.definitions);
      gs.appendChild(box);
    }
  }

  // ---------------------------------------------------------------- experiments

  // The outcomes of the research questions (experiments/), in the order the comparison table
  // shows them; the first one present that differs between configurations is the default.
  var PREFERRED_OUTCOMES = [
    "lifecycle_started", "lifecycle_months_to_start", "assembly_turnout_low_income",
    "decisions_low_income_side_share", "benefit_gini", "benefit_share_low_income",
    "members_retention_rate", "members_retention_rate_low_income", "intermediary_cost_pmo_eur",
    "intermediary_cost_municipality_eur", "intermediary_cost_subsidy_eur", "territorial_total_eur",
    "energy_burden_deciles_1_3_after_fund_pct"
  ];
  var KIND_ORDER = ["household", "business", "public", "municipality", "social_landlord"];

  function valueKey(v) {
    return (typeof v === "number" ? "n:" : "s:") + (typeof v === "string" || typeof v === "number" ? String(v) : JSON.stringify(v));
  }
  function valueText(v) { return typeof v === "string" ? v : typeof v === "number" ? String(v) : JSON.stringify(v); }
  function fileStem(text) { return String(text).split(/[\\/]/).pop().replace(/\.[^.]*$/, ""); }

  // Each parameter as a factor: its levels in the sweep file's order (the `levels` of
  // design.labels when the file names them, else the order of the design) and their names.
  function factorsOf(paths, points, labels) {
    var names = labels && typeof labels === "object" ? labels : {};
    return paths.map(function (path) {
      var info = names[path] && typeof names[path] === "object" ? names[path] : {};
      var levels = [], seen = {};
      points.forEach(function (pt) {
        var v = pt && pt.parameters ? pt.parameters[path] : undefined;
        if (v === undefined || v === null) return;
        var k = valueKey(v);
        if (seen[k] === undefined) { seen[k] = levels.length; levels.push({ value: v, name: null, order: 1e9 + levels.length }); }
      });
      var texts = arr(info.levels), given = arr(info.labels);
      levels.forEach(function (l) {
        for (var i = 0; i < texts.length; ++i) {
          var t = String(texts[i]);
          var same = typeof l.value === "number" ? (t.trim() !== "" && Number(t) === l.value) || t === String(l.value) : t === valueText(l.value);
          if (same) { l.order = i; if (given[i] !== undefined && String(given[i]) !== "") l.name = String(given[i]); break; }
        }
      });
      levels.sort(function (a, b) { return a.order - b.order; });
      var index = {};
      levels.forEach(function (l, i) {
        index[valueKey(l.value)] = i;
        if (!l.name) l.name = path === "base" ? fileStem(l.value) : valueText(l.value);
      });
      var label = typeof info.label === "string" && info.label ? info.label : path === "base" ? "Community type" : path;
      return { path: path, label: label, levels: levels, index: index };
    });
  }

  function parameterLabel(design, path) {
    var info = design && design.labels && design.labels[path];
    if (info && typeof info.label === "string" && info.label) return info.label;
    return path === "base" ? "Community type" : path;
  }

  function ciOf(s) {
    return { mean: s.mean, lo: isNum(s.ci_low) ? s.ci_low : s.mean, hi: isNum(s.ci_high) ? s.ci_high : s.mean, n: s.n };
  }

  // Checkbox list of configurations, at most `max` checked (checking one more unchecks the
  // oldest); onChange(selected points).
  function configPicker(parent, configs, max, onChange) {
    var chosen = configs.slice(0, max).map(function (c) { return c.point; });
    var box = el("fieldset", { className: "config-picks", "data-control": "configurations" },
      [el("legend", { text: "Configurations drawn (up to " + max + ")" })]);
    var inputs = [];
    configs.forEach(function (c) {
      var input = el("input", { type: "checkbox", value: String(c.point) });
      input.checked = chosen.indexOf(c.point) >= 0;
      input.addEventListener("change", function () {
        var p = c.point;
        if (input.checked) { chosen.push(p); if (chosen.length > max) chosen.shift(); }
        else chosen = chosen.filter(function (q) { return q !== p; });
        inputs.forEach(function (i) { i.checked = chosen.indexOf(Number(i.value)) >= 0; });
        onChange(chosen.slice());
      });
      inputs.push(input);
      box.appendChild(el("label", null, [input, c.label]));
    });
    parent.appendChild(box);
    return function () { return chosen.slice(); };
  }

  function chooser(parent, label, pairs, value, onChange, name) {
    var s = el("select", name ? { "data-control": name } : null);
    pairs.forEach(function (p) {
      var opt = el("option", { value: p[0], text: p[1] });
      if (p[0] === value) opt.selected = true;
      s.appendChild(opt);
    });
    s.addEventListener("change", function () { onChange(s.value); });
    parent.appendChild(el("label", null, [label, s]));
    return s;
  }

  // Sections of a sweep of discrete configurations (grid, list, ofat): outcomes by
  // configuration with intervals, the benefit by income decile and member kind, and the
  // sensitivity ranking of the screening sweeps given with --screening.
  function experimentSections(d, kpis, units) {
    var design = d.design || {};
    var params = arr(design.parameters);
    var points = arr(d.points).filter(function (pt) { return pt && pt.parameters && pt.kpis; });
    var discrete = ["grid", "list", "ofat"].indexOf(design.type) >= 0 && params.length > 0 && points.length > 0;
    var confText = isNum(d.confidence) ? fmt(100 * d.confidence, 0) + " %" : "95 %";
    function kpiTitle(k) { return units[k] ? k + " (" + units[k] + ")" : k; }
    var shared = { outcome: null, listeners: [] };

    if (discrete) {
      var factors = factorsOf(params, points, design.labels);
      var configs = points.map(function (pt) {
        var sel = factors.map(function (f) { return f.index[valueKey(pt.parameters[f.path])]; });
        var names = {};
        factors.forEach(function (f, j) { names[f.path] = sel[j] === undefined ? "—" : f.levels[sel[j]].name; });
        return { point: pt.point, pt: pt, sel: sel, names: names,
                 label: factors.map(function (f) { return names[f.path]; }).join(" · ") };
      });
      configs.sort(function (a, b) {
        for (var j = 0; j < a.sel.length; ++j) {
          var x = a.sel[j] === undefined ? 1e9 : a.sel[j], y = b.sel[j] === undefined ? 1e9 : b.sel[j];
          if (x !== y) return x - y;
        }
        return a.point - b.point;
      });
      var used = {};
      configs.forEach(function (c) { if (used[c.label]) c.label += " (point " + c.point + ")"; used[c.label] = true; });
      var configOrder = configs.map(function (c) { return c.label; });

      function stat(c, k) { var s = c.pt.kpis[k]; return s && isNum(s.mean) ? ciOf(s) : null; }
      var present = PREFERRED_OUTCOMES.filter(function (k) { return kpis.indexOf(k) >= 0; });
      function varies(k) {
        var seen = {};
        configs.forEach(function (c) { var s = stat(c, k); if (s) seen[String(s.mean)] = true; });
        return Object.keys(seen).length > 1;
      }
      shared.outcome = present.filter(varies)[0] || present[0] || (kpis.indexOf("benefit_eur") >= 0 ? "benefit_eur" : kpis[0]);
      var colourBy = factors[0].path;

      var cs = section("comparison", "Comparison of configurations",
        "Each configuration (a design point: one level of every factor) and the selected outcome: the mean over its replicates (dot) and the " +
        confText + " t interval of that mean (whisker: mean ± t(n−1)·sd/√n). Intervals that overlap a lot mean the model cannot tell the configurations apart with these replicates.");
      cs.setAttribute("data-section", "comparison");
      var ccontrols = el("div", { className: "controls" });
      cs.appendChild(ccontrols);
      var cwrap = el("div", { className: "wide" });
      cs.appendChild(cwrap);

      var comparisonRows = function (k) {
        return configs.map(function (c) {
          var s = stat(c, k);
          if (!s) return null;
          return { point: c.point, config: c.label, colour: c.names[colourBy], mean: s.mean, lo: s.lo, hi: s.hi, n: s.n };
        }).filter(function (r) { return r !== null; });
      };
      var comparisonSpec = function () {
        var k = shared.outcome;
        var f = factors.filter(function (x) { return x.path === colourBy; })[0];
        var rows = comparisonRows(k);
        var s = baseSpec(k + " by configuration", "Mean over replicates and its " + confText + " interval; colour: " + f.label);
        s.height = Math.max(140, 24 * rows.length);
        s.data = { values: rows };
        var y = { field: "config", type: "nominal", title: null, sort: configOrder, axis: { labelLimit: 560 } };
        var colour = { field: "colour", type: "nominal", title: f.label, scale: { domain: f.levels.map(function (l) { return l.name; }), scheme: "tableau10" } };
        s.layer = [
          { mark: { type: "rule", strokeWidth: 2 }, encoding: { y: y, x: { field: "lo", type: "quantitative", title: kpiTitle(k), scale: { zero: false } }, x2: { field: "hi" }, color: colour } },
          { mark: { type: "point", filled: true, size: 80, opacity: 1 },
            encoding: { y: y, x: { field: "mean", type: "quantitative" }, color: colour,
                        tooltip: [{ field: "config", title: "Configuration" }, { field: "mean", format: ",.4~g" }, { field: "lo", format: ",.4~g", title: "CI low" },
                                  { field: "hi", format: ",.4~g", title: "CI high" }, { field: "n", title: "replicates" }] } }
        ];
        return s;
      };
      var cmp = chart(cwrap, "comparison", "One row per configuration, named by its factors' levels (the sweep file's labels). Dot: the outcome's mean over the configuration's successful replicates; whisker: its " +
        confText + " t interval (none with one replicate). Choose the outcome and the colouring factor above.", comparisonSpec());
      var markComparison = function () {
        cmp.figure.setAttribute("data-drawn", JSON.stringify({ outcome: shared.outcome, rows: comparisonRows(shared.outcome) }));
        cs.setAttribute("data-outcome", shared.outcome);
      };
      markComparison();
      chooser(ccontrols, "Outcome", kpis.map(function (k) { return [k, kpiTitle(k)]; }), shared.outcome, function (v) {
        shared.outcome = v;
        cmp.redraw(comparisonSpec());
        markComparison();
        shared.listeners.forEach(function (fn) { fn(v); });
      }, "outcome");
      if (factors.length > 1)
        chooser(ccontrols, "Colour by", factors.map(function (f) { return [f.path, f.label]; }), colourBy, function (v) {
          colourBy = v;
          cmp.redraw(comparisonSpec());
        }, "colour");

      // The table of every outcome of the questions present (else the first KPIs).
      var columns = present.length ? present : kpis.slice(0, 8);
      var tableRows = configs.map(function (c) {
        return factors.map(function (f) { return c.names[f.path]; }).concat(columns.map(function (k) {
          var s = stat(c, k);
          return s ? fmt(s.mean) + " [" + fmt(s.lo) + ", " + fmt(s.hi) + "]" : "—";
        }));
      });
      var tw = el("div", { "data-section": "comparison-table" }, [table(factors.map(function (f) { return f.label; }).concat(columns.map(kpiTitle)), tableRows,
        { title: "Outcomes by configuration: mean [" + confText + " interval]", textColumns: factors.map(function (f, j) { return j; }), scroll: true })]);
      cs.appendChild(tw);

      // Distributions: the benefit by income decile and by member kind.
      var decileKpis = [];
      for (var dd = 1; dd <= 10; ++dd) {
        var name = "benefit_decile_" + dd + "_eur_per_year";
        if (kpis.indexOf(name) >= 0) decileKpis.push({ kpi: name, group: String(dd) });
      }
      var kindKpis = kpis.map(function (k) { var m = /^benefit_(.+)_eur_per_year$/.exec(k); return m && !/^decile_/.test(m[1]) ? { kpi: k, group: m[1] } : null; })
        .filter(function (x) { return x !== null; });
      kindKpis.sort(function (a, b) {
        var i = KIND_ORDER.indexOf(a.group), j = KIND_ORDER.indexOf(b.group);
        return (i < 0 ? 99 : i) - (j < 0 ? 99 : j) || (a.group < b.group ? -1 : 1);
      });
      var ds = section("distributions", "Distributions by decile and kind",
        "Who gains in each configuration: the mean annual benefit per member of each income decile (members with a known income) and of each kind of member, " +
        "averaged over the replicates, with its " + confText + " t interval. Choose up to four configurations to compare.");
      ds.setAttribute("data-section", "distributions");
      if (!decileKpis.length && !kindKpis.length) {
        ds.appendChild(el("p", { className: "note", "data-note": "no-distributions",
          text: "The runs' summaries hold no benefit by income decile (benefit_decile_<d>_eur_per_year) or by member kind (benefit_<kind>_eur_per_year): nothing to draw." }));
      } else {
        var picked = configs.slice(0, 4).map(function (c) { return c.point; });
        var dgrid = null;
        var distRows = function (list) {
          var rows = [];
          picked.forEach(function (p) {
            var c = configs.filter(function (x) { return x.point === p; })[0];
            if (!c) return;
            list.forEach(function (e) {
              var s = stat(c, e.kpi);
              if (s) rows.push({ point: c.point, config: c.label, group: e.group, kpi: e.kpi, mean: s.mean, lo: s.lo, hi: s.hi, n: s.n });
            });
          });
          return rows;
        };
        var distSpec = function (list, title, xTitle) {
          var rows = distRows(list);
          var s = baseSpec(title, "Mean over replicates (bar) and its " + confText + " interval (whisker)");
          s.height = 300;
          s.data = { values: rows };
          var order = configs.map(function (c) { return c.label; }).filter(function (l) { return rows.some(function (r) { return r.config === l; }); });
          var x = { field: "group", type: "nominal", title: xTitle, sort: list.map(function (e) { return e.group; }), axis: { labelAngle: 0 } };
          var off = { field: "config", type: "nominal", sort: order };
          s.layer = [
            { mark: { type: "bar" },
              encoding: { x: x, xOffset: off, y: { field: "mean", type: "quantitative", title: "Mean benefit per member (EUR/yr)" },
                          color: { field: "config", type: "nominal", title: "Configuration", sort: order, scale: { scheme: "tableau10" } },
                          tooltip: [{ field: "config", title: "Configuration" }, { field: "group", title: xTitle }, { field: "mean", format: ",.4~g" },
                                    { field: "lo", format: ",.4~g", title: "CI low" }, { field: "hi", format: ",.4~g", title: "CI high" }, { field: "n", title: "replicates" }] } },
            { mark: { type: "rule", color: "#222" }, encoding: { x: x, xOffset: off, y: { field: "lo", type: "quantitative" }, y2: { field: "hi" } } }
          ];
          return s;
        };
        var dcontrols = el("div", { className: "controls" });
        ds.appendChild(dcontrols);
        dgrid = grid(ds);
        var drawnOf = function (list) { return JSON.stringify({ points: picked, rows: distRows(list) }); };
        var dchart = null, kchart = null;
        if (decileKpis.length) {
          dchart = chart(dgrid, "benefit-deciles", "Mean annual benefit per member of each income decile (1 = lowest incomes; benefit_decile_<d>_eur_per_year), one bar per chosen configuration; whisker: the interval over replicates.",
            distSpec(decileKpis, "Benefit by income decile", "Income decile"));
          dchart.figure.setAttribute("data-drawn", drawnOf(decileKpis));
        } else {
          ds.appendChild(el("p", { className: "note", "data-note": "no-deciles", text: "No benefit by income decile in the runs' summaries (no member with a known income): no decile chart." }));
        }
        if (kindKpis.length) {
          kchart = chart(dgrid, "benefit-kinds", "Mean annual benefit per member of each kind (benefit_<kind>_eur_per_year), one bar per chosen configuration; whisker: the interval over replicates.",
            distSpec(kindKpis, "Benefit by kind of member", "Kind of member"));
          kchart.figure.setAttribute("data-drawn", drawnOf(kindKpis));
        } else {
          ds.appendChild(el("p", { className: "note", "data-note": "no-kinds", text: "No benefit by member kind in the runs' summaries: no kind chart." }));
        }
        configPicker(dcontrols, configs, 4, function (sel) {
          picked = sel;
          if (dchart) { dchart.redraw(distSpec(decileKpis, "Benefit by income decile", "Income decile")); dchart.figure.setAttribute("data-drawn", drawnOf(decileKpis)); }
          if (kchart) { kchart.redraw(distSpec(kindKpis, "Benefit by kind of member", "Kind of member")); kchart.figure.setAttribute("data-drawn", drawnOf(kindKpis)); }
        });
      }
    }

    // The ranking of the screening sweeps (--screening).
    var screenings = arr(d.screening).filter(function (sc) {
      var sens = sc && sc.sensitivity;
      return sens && (sens.method === "morris" || sens.method === "sobol") && sens.outputs && typeof sens.outputs === "object";
    });
    if (!screenings.length) return;
    var ws = section("screening", "Which uncertain parameters matter",
      "The screening sweep" + (screenings.length > 1 ? "s" : "") + " given with --screening vary the behavioural parameters no source fixes, over their plausible ranges. " +
      "Morris: μ* is the mean absolute elementary effect of a parameter on the outcome (how much it moves it; same unit as the outcome), σ the spread of those effects " +
      "(large σ against μ*: non-linear effects or interactions). Sobol: the share of the outcome's variance due to the parameter alone (S1) and with its interactions (ST). " +
      "Parameters at the top matter most; those near zero can be left at their default values.");
    ws.setAttribute("data-section", "screening");
    screenings.forEach(function (sc, i) {
      var sens = sc.sensitivity, outputs = sens.outputs;
      var sunits = sc.kpi_units && typeof sc.kpi_units === "object" ? sc.kpi_units : units;
      var keys = Object.keys(outputs).filter(function (k) { return arr(outputs[k]).length > 0; });
      if (!keys.length) return;
      // The comparison's outcome when the screening has it and some parameter moves it; else
      // the first outcome of the questions that some parameter moves.
      var moves = function (k) {
        return arr(outputs[k]).some(function (r) { return (isNum(r.mu_star) && r.mu_star > 0) || (isNum(r.st) && r.st > 0); });
      };
      var pick = function (want) {
        if (want && keys.indexOf(want) >= 0 && moves(want)) return want;
        var p = PREFERRED_OUTCOMES.concat(["benefit_eur"]).filter(function (k) { return keys.indexOf(k) >= 0; });
        var m = p.filter(moves);
        return m[0] || (want && keys.indexOf(want) >= 0 ? want : p[0] || keys[0]);
      };
      var current = pick(shared.outcome);
      var part = el("div", { className: "screening", "data-screening": String(i) });
      ws.appendChild(part);
      var design = sc.design || {};
      part.appendChild(el("h3", { text: (sc.name ? sc.name + " — " : "") + (sens.method === "morris" ? "Morris screening" : "Sobol indices") +
        (isNum(design.runs) ? ", " + design.runs + " runs" : "") + (sc.file ? " (" + sc.file + ")" : "") }));
      var scontrols = el("div", { className: "controls" });
      part.appendChild(scontrols);
      var morris = sens.method === "morris";
      var ranking = function (k) {
        var rows = arr(outputs[k]).map(function (r) {
          var label = parameterLabel(design, r.parameter);
          return morris
            ? (isNum(r.mu_star) ? { parameter: r.parameter, label: label, mu: r.mu, mu_star: r.mu_star, sigma: isNum(r.sigma) ? r.sigma : null, key: r.mu_star } : null)
            : (isNum(r.st) || isNum(r.s1) ? { parameter: r.parameter, label: label, s1: r.s1, st: r.st, s1_ci: arr(r.s1_ci), st_ci: arr(r.st_ci), key: isNum(r.st) ? r.st : r.s1 } : null);
        }).filter(function (r) { return r !== null; });
        rows.sort(function (a, b) { return b.key - a.key; });
        rows.forEach(function (r, j) { r.rank = j + 1; });
        return rows;
      };
      var rankSpec = function () {
        var k = current, rows = ranking(k), long = [];
        rows.forEach(function (r) {
          if (morris) {
            long.push({ label: r.label, parameter: r.parameter, measure: "μ* (importance)", value: r.mu_star, lo: r.mu_star, hi: r.mu_star });
            if (isNum(r.sigma)) long.push({ label: r.label, parameter: r.parameter, measure: "σ (interactions, non-linearity)", value: r.sigma, lo: r.sigma, hi: r.sigma });
          } else {
            if (isNum(r.st)) long.push({ label: r.label, parameter: r.parameter, measure: "ST (total)", value: r.st, lo: isNum(r.st_ci[0]) ? r.st_ci[0] : r.st, hi: isNum(r.st_ci[1]) ? r.st_ci[1] : r.st });
            if (isNum(r.s1)) long.push({ label: r.label, parameter: r.parameter, measure: "S1 (alone)", value: r.s1, lo: isNum(r.s1_ci[0]) ? r.s1_ci[0] : r.s1, hi: isNum(r.s1_ci[1]) ? r.s1_ci[1] : r.s1 });
          }
        });
        var measures = morris ? ["μ* (importance)", "σ (interactions, non-linearity)"] : ["ST (total)", "S1 (alone)"];
        var s = baseSpec((morris ? "μ* and σ" : "Sobol ST and S1") + " of " + k + ", by parameter", "Sorted by " + (morris ? "μ*" : "ST") + ", most influential first");
        s.height = Math.max(120, 44 * rows.length);
        s.data = { values: long };
        var y = { field: "label", type: "nominal", title: null, sort: rows.map(function (r) { return r.label; }), axis: { labelLimit: 320 } };
        var off = { field: "measure", type: "nominal", sort: measures };
        var xTitle = morris ? "Effect on " + k + " (" + (sunits[k] || "units of " + k) + ")" : "Share of the variance of " + k + " (0–1)";
        s.layer = [
          { mark: { type: "bar" },
            encoding: { y: y, yOffset: off, x: { field: "value", type: "quantitative", title: xTitle },
                        color: { field: "measure", type: "nominal", title: null, sort: measures, scale: { domain: measures, range: ["#1f6f8b", "#e3a21a"] } },
                        tooltip: [{ field: "label", title: "Parameter" }, { field: "parameter", title: "Path" }, { field: "measure" }, { field: "value", format: ",.4~g" }] } }
        ];
        if (!morris) s.layer.push({ mark: { type: "rule", color: "#222" }, encoding: { y: y, yOffset: off, x: { field: "lo", type: "quantitative" }, x2: { field: "hi" } } });
        return s;
      };
      var rc = chart(part, "screening-ranking-" + i, morris
        ? "One pair of bars per uncertain parameter of the screening (the sweep file's names), sorted by μ*: blue, μ* (how much the parameter moves the outcome); orange, σ. Same unit as the outcome."
        : "One pair of bars per uncertain parameter, sorted by ST: blue, ST (with its interactions); orange, S1 (alone); whiskers: bootstrap confidence intervals.", rankSpec());
      var tableHolder = el("div");
      part.appendChild(tableHolder);
      var mark = function () {
        var rows = ranking(current);
        rc.figure.setAttribute("data-drawn", JSON.stringify({ outcome: current, method: sens.method, rows: rows.map(function (r) {
          return morris ? { parameter: r.parameter, label: r.label, mu_star: r.mu_star, sigma: r.sigma } : { parameter: r.parameter, label: r.label, st: r.st, s1: r.s1 };
        }) }));
        rc.figure.setAttribute("data-ranking", "1");
        tableHolder.textContent = "";
        tableHolder.appendChild(morris
          ? table(["Rank", "Parameter", "Path", "μ*", "σ", "μ"], rows.map(function (r) { return [r.rank, r.label, r.parameter, r.mu_star, r.sigma, r.mu]; }),
                  { title: "Ranking for " + current, textColumns: [1, 2] })
          : table(["Rank", "Parameter", "Path", "ST", "ST CI", "S1", "S1 CI"], rows.map(function (r) {
              return [r.rank, r.label, r.parameter, r.st, "[" + fmt(r.st_ci[0], 3) + ", " + fmt(r.st_ci[1], 3) + "]", r.s1, "[" + fmt(r.s1_ci[0], 3) + ", " + fmt(r.s1_ci[1], 3) + "]"];
            }), { title: "Ranking for " + current, textColumns: [1, 2] }));
      };
      mark();
      var sel = chooser(scontrols, "Outcome", keys.map(function (k) { return [k, kpiTitle(k)]; }), current, function (v) {
        current = v;
        rc.redraw(rankSpec());
        mark();
      }, "screening-outcome");
      shared.listeners.push(function (v) {
        if (keys.indexOf(v) < 0) return;
        current = v;
        sel.value = v;
        rc.redraw(rankSpec());
        mark();
      });
    });
  }

  // ---------------------------------------------------------------- sweep documents

  function sweepPage(d) {
    var design = d.design || {};
    facts([
      ["Sweep design", design.type], ["Points", design.points], ["Replicates", design.replicates],
      ["Runs", design.runs], ["OK", design.ok], ["Failed", design.failed], ["Missing", design.missing],
      ["Confidence", isNum(d.confidence) ? fmt(100 * d.confidence, 1) + " %" : null], ["File", d.file]
    ]);
    var points = arr(d.points);
    var params = arr(design.parameters);
    var kpis = arr(d.kpis).filter(function (k) {
      return points.some(function (p) { return p.kpis && p.kpis[k] && isNum(p.kpis[k].mean); });
    });
    var units = d.kpi_units && typeof d.kpi_units === "object" ? d.kpi_units : {};
    function kpiTitle(k) { return units[k] ? k + " (" + units[k] + ")" : k; }
    var state = { kpi: kpis.indexOf("benefit_eur") >= 0 ? "benefit_eur" : kpis[0], x: params[0], y: params[1] };
    var redraws = [];

    var intro = section("design", "Design",
      "What was varied, and the KPI (a column of each run's /summary) the charts below show. Means over replicates with " +
      (isNum(d.confidence) ? fmt(100 * d.confidence, 0) + " %" : "the stated") + " confidence intervals.");
    var controls = el("div", { className: "controls" });
    intro.appendChild(controls);
    intro.appendChild(table(["Parameter (scenario key path)", "Distinct values", "Min", "Max"], params.map(function (p) {
      var vals = points.map(function (pt) { return pt.parameters ? pt.parameters[p] : undefined; }).filter(function (v) { return v !== undefined && v !== null; });
      var distinct = {};
      vals.forEach(function (v) { distinct[JSON.stringify(v)] = true; });
      var nums = vals.filter(isNum);
      return [p, Object.keys(distinct).length, nums.length ? Math.min.apply(null, nums) : "—", nums.length ? Math.max.apply(null, nums) : "—"];
    }), { title: "Parameters", textColumns: [0] }));

    function value(pt, p) { return pt.parameters ? pt.parameters[p] : undefined; }
    function numeric(p) { return points.every(function (pt) { var v = value(pt, p); return v === undefined || v === null || isNum(v); }); }
    function distinctCount(p) {
      var seen = {};
      points.forEach(function (pt) { seen[JSON.stringify(value(pt, p))] = true; });
      return Object.keys(seen).length;
    }
    function axis(p, title) {
      // Few distinct values (grid, list): one cell each. Continuous designs: binned.
      if (numeric(p) && distinctCount(p) > 12)
        return { field: "v_" + title, type: "quantitative", bin: { maxbins: 10 }, title: p };
      var a = { field: "v_" + title, type: numeric(p) ? "ordinal" : "nominal", title: p, sort: "ascending" };
      if (numeric(p)) a.axis = { labelExpr: "format(datum.value, '.4~g')" };
      return a;
    }
    function kpiRows(k) {
      return points.filter(function (pt) { return pt.kpis && pt.kpis[k] && isNum(pt.kpis[k].mean); }).map(function (pt) {
        var s = pt.kpis[k];
        return { point: pt.point, mean: s.mean, sd: s.sd, lo: isNum(s.ci_low) ? s.ci_low : s.mean, hi: isNum(s.ci_high) ? s.ci_high : s.mean,
                 n: s.n, v_x: state.x !== undefined ? value(pt, state.x) : null, v_y: state.y !== undefined ? value(pt, state.y) : null };
      });
    }

    experimentSections(d, kpis, units);

    var sg = null;
    if (kpis.length) {
      var ks = section("kpis", "KPIs across the design", "Each design point's KPI, averaged over its replicates.");
      sg = grid(ks);
      if (params.length >= 2) {
        var heatSpec = function () {
          var s = baseSpec("Mean " + state.kpi + " by two parameters",
                           "Mean over replicates" + (numeric(state.x) && distinctCount(state.x) > 12 ? " and over the points in each bin" : "") + "; other parameters averaged");
          s.height = 320;
          s.data = { values: kpiRows(state.kpi) };
          s.encoding = { x: axis(state.x, "x"), y: axis(state.y, "y") };
          s.layer = [
            { mark: { type: "rect" },
              encoding: { color: { aggregate: "mean", field: "mean", type: "quantitative", title: kpiTitle(state.kpi), scale: { scheme: "viridis" },
                                   legend: { orient: "right", direction: "vertical", gradientLength: 200 } },
                          tooltip: [{ aggregate: "mean", field: "mean", type: "quantitative", title: "mean " + state.kpi, format: ",.4~g" },
                                    { aggregate: "count", type: "quantitative", title: "points" }] } }
          ];
          s.config.axis.labelAngle = 0;
          return s;
        };
        var heat = chart(sg, "heatmap", "Colour: the KPI's mean over replicates for each pair of values of the two parameters (averaged over the other parameters when there are more). Choose the KPI and the parameters above.", heatSpec());
        redraws.push(function () { heat.redraw(heatSpec()); });
      } else if (params.length === 1) {
        var lineSpec = function () {
          var s = baseSpec(state.kpi + " against " + state.x, "Mean over replicates with its confidence interval");
          s.data = { values: kpiRows(state.kpi) };
          var xenc = { field: "v_x", type: numeric(state.x) ? "quantitative" : "nominal", title: state.x };
          s.layer = [
            { mark: { type: "errorbar", ticks: true }, encoding: { x: xenc, y: { field: "lo", type: "quantitative", title: kpiTitle(state.kpi) }, y2: { field: "hi" } } },
            { mark: { type: "line", point: true }, encoding: { x: xenc, y: { field: "mean", type: "quantitative" },
                                                               tooltip: [{ field: "v_x", title: state.x }, { field: "mean", format: ",.4~g" }, { field: "lo", format: ",.4~g" }, { field: "hi", format: ",.4~g" }] } }
          ];
          return s;
        };
        var line = chart(sg, "kpi-vs-parameter", "The KPI's mean over replicates at each value of the single swept parameter; bars are the confidence interval over replicates.", lineSpec());
        redraws.push(function () { line.redraw(lineSpec()); });
      }
      var pointSpec = function () {
        var s = baseSpec(state.kpi + " by design point", "Mean and confidence interval over replicates");
        s.data = { values: kpiRows(state.kpi) };
        var xenc = { field: "point", type: "quantitative", title: "Design point (index)", axis: { tickMinStep: 1, format: "d" } };
        s.layer = [
          { mark: { type: "rule", color: "#8aa" }, encoding: { x: xenc, y: { field: "lo", type: "quantitative", title: kpiTitle(state.kpi) }, y2: { field: "hi" } } },
          { mark: { type: "point", filled: true, size: 30, color: "#1f6f8b" },
            encoding: { x: xenc, y: { field: "mean", type: "quantitative" },
                        tooltip: [{ field: "point" }, { field: "mean", format: ",.4~g" }, { field: "lo", format: ",.4~g", title: "CI low" }, { field: "hi", format: ",.4~g", title: "CI high" }, { field: "n", title: "replicates" }] } }
        ];
        return s;
      };
      var pc = chart(sg, "points", "Every design point's mean KPI (dot) and its confidence interval over replicates (line); the interval is absent with one replicate.", pointSpec());
      redraws.push(function () { pc.redraw(pointSpec()); });
    }

    var sens = d.sensitivity || {};
    var outputs = sens.outputs && typeof sens.outputs === "object" ? sens.outputs : {};
    var sensKpis = Object.keys(outputs).filter(function (k) { return arr(outputs[k]).length > 0; });
    if (sensKpis.length && (sens.method === "morris" || sens.method === "sobol")) {
      var ss = section("sensitivity", sens.method === "morris" ? "Sensitivity (Morris elementary effects)" : "Sensitivity (Sobol indices)",
        sens.method === "morris"
          ? "Which parameters move the KPI: μ* is the mean absolute elementary effect (importance), σ their standard deviation (non-linearity or interactions)."
          : "Share of the KPI's variance explained by each parameter alone (S1) and with its interactions (ST), with bootstrap confidence intervals.");
      var sgrid = grid(ss);
      var sensKpi = function () { return outputs[state.kpi] ? state.kpi : sensKpis[0]; };
      if (sens.method === "morris") {
        var morrisSpec = function () {
          var k = sensKpi();
          var s = baseSpec("Morris screening of " + k, "Right: influential; up: non-linear or interacting");
          s.height = 340;
          s.data = { values: arr(outputs[k]).filter(function (r) { return isNum(r.mu_star) && isNum(r.sigma); }) };
          // Room on the right and top for the parameter labels.
          var maxMu = Math.max.apply(null, [0].concat(s.data.values.map(function (r) { return r.mu_star; })));
          var maxSigma = Math.max.apply(null, [0].concat(s.data.values.map(function (r) { return r.sigma; })));
          s.layer = [
            { mark: { type: "point", filled: true, size: 70, color: "#1f6f8b" },
              encoding: { x: { field: "mu_star", type: "quantitative", title: "μ* — mean |elementary effect| (" + (units[k] || "units of " + k) + ")", scale: maxMu > 0 ? { domain: [0, maxMu * 1.6] } : { zero: true } },
                          y: { field: "sigma", type: "quantitative", title: "σ — sd of elementary effects (" + (units[k] || "units of " + k) + ")", scale: maxSigma > 0 ? { domain: [0, maxSigma * 1.15] } : { zero: true } },
                          tooltip: [{ field: "parameter" }, { field: "mu", format: ",.4~g", title: "μ" }, { field: "mu_star", format: ",.4~g", title: "μ*" }, { field: "sigma", format: ",.4~g", title: "σ" }] } },
            { mark: { type: "text", align: "left", dx: 7, dy: -6, fontSize: 11, limit: 260 },
              encoding: { x: { field: "mu_star", type: "quantitative" }, y: { field: "sigma", type: "quantitative" }, text: { field: "parameter" } } }
          ];
          return s;
        };
        var mc = chart(sgrid, "morris", "One dot per parameter. Parameters near the origin can be fixed; far right ones matter most; high σ relative to μ* means the effect depends on the other parameters.", morrisSpec());
        redraws.push(function () { mc.redraw(morrisSpec()); });
        ss.appendChild(el("div", { style: "margin-top:18px" }, [table(["KPI", "Parameter", "μ", "μ*", "σ"],
          [].concat.apply([], sensKpis.map(function (k) { return arr(outputs[k]).map(function (r) { return [k, r.parameter, r.mu, r.mu_star, r.sigma]; }); })),
          { title: "Morris indices", textColumns: [1], scroll: true })]));
      } else {
        var sobolSpec = function () {
          var k = sensKpi();
          var rows = [];
          arr(outputs[k]).forEach(function (r) {
            var c1 = arr(r.s1_ci), ct = arr(r.st_ci);
            if (isNum(r.s1)) rows.push({ parameter: r.parameter, index: "S1 (first order)", value: r.s1, lo: isNum(c1[0]) ? c1[0] : r.s1, hi: isNum(c1[1]) ? c1[1] : r.s1 });
            if (isNum(r.st)) rows.push({ parameter: r.parameter, index: "ST (total)", value: r.st, lo: isNum(ct[0]) ? ct[0] : r.st, hi: isNum(ct[1]) ? ct[1] : r.st });
          });
          var s = baseSpec("Sobol indices of " + k, "Bars: estimate; whiskers: bootstrap confidence interval");
          s.height = 320;
          s.data = { values: rows };
          var xenc = { field: "parameter", type: "nominal", title: "Parameter", axis: { labelAngle: -20, labelLimit: 220 } };
          var off = { field: "index", type: "nominal" };
          s.layer = [
            { mark: { type: "bar" },
              encoding: { x: xenc, xOffset: off, y: { field: "value", type: "quantitative", title: "Sobol index (share of variance, 0–1)" },
                          color: { field: "index", type: "nominal", title: null, scale: { range: ["#1f6f8b", "#e3a21a"] } },
                          tooltip: [{ field: "parameter" }, { field: "index" }, { field: "value", format: ".3f" }, { field: "lo", format: ".3f", title: "CI low" }, { field: "hi", format: ".3f", title: "CI high" }] } },
            { mark: { type: "rule", color: "#222" },
              encoding: { x: xenc, xOffset: off, y: { field: "lo", type: "quantitative" }, y2: { field: "hi" } } }
          ];
          return s;
        };
        var sc = chart(sgrid, "sobol", "S1: variance share due to the parameter alone; ST: including all its interactions (ST − S1 = interactions). Small negative estimates are sampling noise around 0.", sobolSpec());
        redraws.push(function () { sc.redraw(sobolSpec()); });
        ss.appendChild(el("div", { style: "margin-top:18px" }, [table(["KPI", "Parameter", "S1", "S1 CI", "ST", "ST CI"],
          [].concat.apply([], sensKpis.map(function (k) {
            return arr(outputs[k]).map(function (r) {
              var c1 = arr(r.s1_ci), ct = arr(r.st_ci);
              return [k, r.parameter, r.s1, "[" + fmt(c1[0], 3) + ", " + fmt(c1[1], 3) + "]", r.st, "[" + fmt(ct[0], 3) + ", " + fmt(ct[1], 3) + "]"];
            });
          })), { title: "Sobol indices", textColumns: [1], scroll: true })]));
      }
    }

    var rvs = d.replicate_variance_share && typeof d.replicate_variance_share === "object" ? d.replicate_variance_share : {};
    var rvsRows = Object.keys(rvs).filter(function (k) { return isNum(rvs[k]); }).map(function (k) { return { kpi: k, share: rvs[k] }; });
    if (rvsRows.length) {
      var rs = section("replicates", "Noise from replicates",
        "How much of each KPI's variance over the whole sweep comes from the random seed rather than the parameters.");
      var rv = baseSpec("Share of variance due to replicates", "Per KPI; high values mean the design effects are hard to see");
      rv.height = Math.max(160, 22 * rvsRows.length);
      rv.data = { values: rvsRows };
      rv.mark = { type: "bar", color: "#8a6fb0" };
      rv.encoding = {
        y: { field: "kpi", type: "nominal", title: "KPI", sort: "-x", axis: { labelLimit: 260 } },
        x: { field: "share", type: "quantitative", title: "Share of variance from replicates (%)", axis: { format: ".0%", tickCount: 10 }, scale: { domain: [0, 1] } },
        tooltip: [{ field: "kpi" }, { field: "share", format: ".1%" }]
      };
      chart(grid(rs), "replicate-variance", "Within-point (replicate) variance over total variance of each KPI across all runs.", rv);
    }

    // Controls after the charts exist, so a change redraws all of them.
    if (kpis.length) {
      select(controls, "KPI", kpis, state.kpi, function (v) { state.kpi = v; redraws.forEach(function (f) { f(); }); });
      if (params.length >= 2) {
        select(controls, "Heatmap x", params, state.x, function (v) { state.x = v; redraws.forEach(function (f) { f(); }); });
        select(controls, "Heatmap y", params, state.y, function (v) { state.y = v; redraws.forEach(function (f) { f(); }); });
      }
    }
  }

  // ---------------------------------------------------------------- main

  try {
    if (doc && doc.kind === "run") runPage(doc);
    else if (doc && doc.kind === "sweep") sweepPage(doc);
    else recordError("unknown analysis document kind: " + (doc && doc.kind));
  } catch (e) {
    recordError("page: " + (e && e.stack ? e.stack : e));
  }
  if (charts.expected === 0) content.appendChild(el("p", { className: "note", text: "This file holds no data the report can chart." }));
  document.body.dataset.charts = charts.rendered + "/" + charts.expected;
  Promise.all(charts.pending).then(function () {
    document.body.dataset.charts = charts.rendered + "/" + charts.expected;
    document.body.dataset.status = "done";
  });
})();
