// accord workshop page (`accord report SWEEP.h5 --workshop`, docs/report.md "Workshop page"):
// reads the embedded `accord analyze` sweep document (script#accord-data) and lets people
// choose the level of each factor of the design; for the design point of those levels it
// draws, as plain SVG, the mean annual benefit per member of each kind and each income decile
// (mean over the point's replicates and its t interval, as the document holds them) and a
// few headline numbers in plain words, in French or English. Nothing absent from the
// document is invented.
// Markers for tests and readers: body[data-status] = "done" once drawn, body[data-lang],
// body[data-redraws] (incremented at every drawing of the results), #ws-output[data-state] =
// "ok" | "missing" (no design point for these levels) | "failed" (no run of the point ok),
// #ws-output[data-point]; each chart figure has data-drawn = JSON {point, values: {key:
// {mean, low, high, n}}} and its bars data-key / data-value / data-low / data-high.
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

  // ---------------------------------------------------------------- words, in both languages

  function plural(n, one, many) { return n === 1 ? one : many; }

  var TEXT = {
    fr: {
      locale: "fr-FR",
      title: "Atelier : qui gagne quoi ?",
      lead: "Choisissez une option pour chaque question ci-dessous. Les résultats se mettent à jour aussitôt : ce que le modèle prévoit pour chaque type de membre et chaque tranche de revenus.",
      choices: "Vos choix",
      baseLabel: "Type de communauté",
      pin: "Garder ce choix pour comparer",
      unpin: "Ne plus comparer",
      pinNote: function (s) { return "Comparé à : " + s; },
      resultsFor: function (s, n) { return "Résultats pour : " + s + " — " + n + " " + plural(n, "simulation", "simulations") + "."; },
      missing: "Cette combinaison de choix n’a pas été simulée : le modèle n’a rien à en dire. Changez l’un des choix pour revenir à une combinaison simulée.",
      missingOfat: "Dans cette série, on a changé un seul choix à la fois à partir des choix de départ.",
      back: "Revenir aux choix de départ",
      failed: "Toutes les simulations de cette combinaison ont échoué : il n’y a rien à montrer.",
      headlines: "En bref",
      kindTitle: "Gain moyen par membre et par an, selon le type de membre",
      decileTitle: "Gain moyen par membre et par an, selon la tranche de revenus",
      kindCaption: "Ce qu’un membre gagne en un an grâce à la communauté, par rapport à rester seul face à son fournisseur (en euros ; négatif : il y perd).",
      decileCaption: "Tranche 1 : les 10 % de foyers aux revenus les plus bas ; tranche 10 : les 10 % aux revenus les plus hauts. Seuls les membres dont le revenu est connu sont comptés.",
      sameScale: "L’échelle reste la même quand vous changez vos choix : les hauteurs se comparent.",
      axis: "€ par membre et par an",
      decileAxis: "Tranche de revenus",
      lowest: "plus modestes",
      highest: "plus aisés",
      now: "Maintenant",
      kept: "Gardé pour comparer",
      noData: "pas de données",
      noKinds: "Ces simulations ne donnent pas le gain par type de membre ni par tranche de revenus (fichier écrit par une version plus ancienne d’accord).",
      noDeciles: "Aucun revenu n’est connu dans ces simulations : pas de résultat par tranche de revenus.",
      between: function (a, b) { return "entre " + a + " et " + b; },
      oneRun: "une seule simulation : pas de marge",
      same: "identique dans toutes les simulations",
      noAnswer: "pas de réponse dans ces simulations",
      keptValue: function (v) { return "Gardé pour comparer : " + v; },
      started: function (k, n) {
        if (k === n) return n === 1 ? "Oui (1 simulation)" : "Oui, dans les " + n + " simulations";
        if (k === 0) return n === 1 ? "Non (1 simulation)" : "Non, dans aucune des " + n + " simulations";
        return "Dans " + k + " simulations sur " + n;
      },
      months: function (text) { return text + " mois"; },
      members: function (text, v) { return text + (Math.abs(v) < 2 ? " membre" : " membres"); },
      percent: function (v) { return v + " %"; },
      eur: function (v) { return v + " €"; },
      helpTitle: "Comment lire ces résultats",
      help: function (n, c) {
        return [
          "Le modèle a été lancé " + n + " fois pour chaque combinaison de choix, avec des tirages au hasard différents (qui rejoint le projet, qui vote, qui part…). Chaque barre montre la moyenne de ces simulations.",
          "Le trait fin autour de chaque barre est la marge d’incertitude de cette moyenne : si l’on refaisait beaucoup plus de simulations, leur moyenne tomberait dans cette marge " + c + " fois sur 100. Quand les traits de deux choix se chevauchent beaucoup, le modèle ne permet pas vraiment de les départager. Avec peu de simulations, la marge est large.",
          "Ce sont des résultats de modèle, pas des prévisions : ils servent à discuter des choix et de leurs effets pour chacun, pas à décider à votre place."
        ];
      },
      varied: "Ce qui change d’une simulation à l’autre",
      footer: function (name, runs) {
        return "Page écrite par accord report --workshop" + (name ? " à partir de la série « " + name + " »" : "") + " (" + runs + " simulations). Elle fonctionne sans connexion : les données sont dans la page.";
      },
      kinds: { household: "Ménages", business: "Entreprises", "public": "Bâtiments publics", municipality: "Commune", social_landlord: "Bailleur social" },
      headline: {
        lifecycle_started: "Le projet a-t-il démarré ?",
        lifecycle_months_to_start: "Temps avant le démarrage",
        members_final: "Membres encore là à la fin",
        members_left: "Membres partis en cours de route",
        members_left_low_income: "Membres à revenus modestes partis",
        savings_eur: "Économies de tous les participants, sur la période simulée",
        self_consumption_rate: "Part de l’électricité solaire locale consommée dans la communauté",
        benefit_gini: "Inégalité des gains entre membres (0 : tous gagnent pareil ; 1 : un seul gagne tout)",
        energy_poverty_ten_percent_after: "Ménages qui dépensent plus de 10 % de leurs revenus en électricité",
        assembly_participation_mean: "Participation aux votes de l’assemblée générale",
        solidarity_fund_inflow_eur: "Argent versé au fonds de solidarité",
        intermediary_cost_eur: "Coût des intermédiaires (médiation, expertise)"
      }
    },
    en: {
      locale: "en-GB",
      title: "Workshop: who gains what?",
      lead: "Pick one option for each question below. The results update at once: what the model expects for each kind of member and each income group.",
      choices: "Your choices",
      baseLabel: "Community type",
      pin: "Keep this choice to compare",
      unpin: "Stop comparing",
      pinNote: function (s) { return "Compared with: " + s; },
      resultsFor: function (s, n) { return "Results for: " + s + " — " + n + " " + plural(n, "simulation", "simulations") + "."; },
      missing: "This combination of choices was not simulated: the model has nothing to say about it. Change one of the choices to go back to a simulated combination.",
      missingOfat: "In this series, one choice at a time was changed from the starting choices.",
      back: "Back to the starting choices",
      failed: "Every simulation of this combination failed: there is nothing to show.",
      headlines: "In short",
      kindTitle: "Average gain per member and per year, by kind of member",
      decileTitle: "Average gain per member and per year, by income group",
      kindCaption: "What a member gains in a year thanks to the community, compared with staying alone with their supplier (in euros; negative: they lose money).",
      decileCaption: "Group 1: the 10 % of households with the lowest incomes; group 10: the 10 % with the highest. Only members whose income is known are counted.",
      sameScale: "The scale stays the same when you change your choices: heights can be compared.",
      axis: "€ per member per year",
      decileAxis: "Income group",
      lowest: "lowest incomes",
      highest: "highest incomes",
      now: "Now",
      kept: "Kept to compare",
      noData: "no data",
      noKinds: "These simulations do not give the gain per kind of member or income group (file written by an older version of accord).",
      noDeciles: "No income is known in these simulations: no result by income group.",
      between: function (a, b) { return "between " + a + " and " + b; },
      oneRun: "one simulation only: no range",
      same: "the same in every simulation",
      noAnswer: "no answer in these simulations",
      keptValue: function (v) { return "Kept to compare: " + v; },
      started: function (k, n) {
        if (k === n) return n === 1 ? "Yes (1 simulation)" : "Yes, in all " + n + " simulations";
        if (k === 0) return n === 1 ? "No (1 simulation)" : "No, in none of the " + n + " simulations";
        return "In " + k + " of " + n + " simulations";
      },
      months: function (text) { return text + (text === "1" ? " month" : " months"); },
      members: function (text) { return text + (text === "1" ? " member" : " members"); },
      percent: function (v) { return v + " %"; },
      eur: function (v) { return "€" + v; },
      helpTitle: "How to read these results",
      help: function (n, c) {
        return [
          "The model was run " + n + " times for each combination of choices, with different random draws (who joins, who votes, who leaves…). Each bar shows the average of these simulations.",
          "The thin line around each bar is the uncertainty of that average: if we ran many more simulations, their average would fall within this range " + c + " times out of 100. When the lines of two choices overlap a lot, the model cannot really tell them apart. With few simulations, the range is wide.",
          "These are model results, not forecasts: they help discuss the choices and what they mean for each person, they do not decide for you."
        ];
      },
      varied: "What changes from one simulation to another",
      footer: function (name, runs) {
        return "Page written by accord report --workshop" + (name ? " from the series “" + name + "”" : "") + " (" + runs + " simulations). It works offline: the data are inside the page.";
      },
      kinds: { household: "Households", business: "Businesses", "public": "Public buildings", municipality: "Municipality", social_landlord: "Social landlord" },
      headline: {
        lifecycle_started: "Did the project start?",
        lifecycle_months_to_start: "Time before the start",
        members_final: "Members still in at the end",
        members_left: "Members who left along the way",
        members_left_low_income: "Low-income members who left",
        savings_eur: "Savings of all participants, over the simulated period",
        self_consumption_rate: "Share of the local solar power used inside the community",
        benefit_gini: "How unevenly gains are shared (0: everyone gains the same; 1: one member takes all)",
        energy_poverty_ten_percent_after: "Households spending more than 10 % of their income on electricity",
        assembly_participation_mean: "Turnout at the general assembly's votes",
        solidarity_fund_inflow_eur: "Money paid into the solidarity fund",
        intermediary_cost_eur: "Cost of the intermediaries (mediation, expertise)"
      }
    }
  };

  // Headline numbers, in this order, when the document has the KPI: how to say the value.
  var HEADLINES = [
    ["lifecycle_started", "runs"], ["lifecycle_months_to_start", "months"],
    ["members_final", "members"], ["members_left", "members"], ["members_left_low_income", "members"],
    ["savings_eur", "eur"], ["self_consumption_rate", "share"], ["benefit_gini", "index"],
    ["energy_poverty_ten_percent_after", "share"], ["assembly_participation_mean", "share"],
    ["solidarity_fund_inflow_eur", "eur"], ["intermediary_cost_eur", "eur"]
  ];
  var KIND_ORDER = ["household", "business", "public", "municipality", "social_landlord"];

  // ---------------------------------------------------------------- the design

  function isNum(v) { return typeof v === "number" && isFinite(v); }
  function arr(v) { return Array.isArray(v) ? v : []; }

  var design = doc && typeof doc.design === "object" && doc.design ? doc.design : {};
  var paths = arr(design.parameters).map(String);
  var names = design.labels && typeof design.labels === "object" ? design.labels : {};
  var points = arr(doc && doc.points);
  var kpiSet = {};
  arr(doc && doc.kpis).forEach(function (k) { kpiSet[k] = true; });
  var confidence = isNum(doc && doc.confidence) ? doc.confidence : 0.95;

  function valueKey(v) { return (typeof v === "number" ? "n:" : "s:") + String(v); }
  function fileStem(text) { return String(text).split(/[\\/]/).pop().replace(/\.[^.]*$/, ""); }

  // Each factor: its levels in the sweep file's order (the `levels` attribute when the file
  // names them, else the order in which the design meets them) and their display names.
  var factors = paths.map(function (path) {
    var info = names[path] && typeof names[path] === "object" ? names[path] : {};
    var levels = [];
    var seen = {};
    points.forEach(function (pt) {
      var v = pt && pt.parameters ? pt.parameters[path] : undefined;
      if (v === undefined) return;
      var k = valueKey(v);
      if (seen[k] === undefined) { seen[k] = levels.length; levels.push({ value: v, name: null, order: 1e9 + levels.length }); }
    });
    var texts = arr(info.levels), labels = arr(info.labels);
    levels.forEach(function (l) {
      for (var i = 0; i < texts.length; ++i) {
        var t = String(texts[i]);
        var same = typeof l.value === "number" ? (t.trim() !== "" && Number(t) === l.value) || t === String(l.value) : t === String(l.value);
        if (same) { l.order = i; if (labels[i] !== undefined && String(labels[i]) !== "") l.name = String(labels[i]); break; }
      }
    });
    levels.sort(function (a, b) { return a.order - b.order; });
    var index = {};
    levels.forEach(function (l, i) { index[valueKey(l.value)] = i; });
    return { path: path, label: typeof info.label === "string" && info.label ? info.label : null, levels: levels, index: index };
  });

  // Design points by their levels ("i,j,k"); the first one wins if a list repeats a point.
  var pointAt = {};
  var first = null;
  points.forEach(function (pt) {
    if (!pt || !pt.parameters) return;
    var sel = factors.map(function (f) { var v = pt.parameters[f.path]; return v === undefined ? -1 : f.index[valueKey(v)]; });
    if (sel.indexOf(-1) >= 0) return;
    var key = sel.join(",");
    if (pointAt[key] === undefined) pointAt[key] = pt;
    if (first === null) first = sel;
  });

  function stat(pt, kpi) {
    var s = pt && pt.kpis ? pt.kpis[kpi] : null;
    if (!s || !isNum(s.mean)) return null;
    return { mean: s.mean, low: isNum(s.ci_low) ? s.ci_low : null, high: isNum(s.ci_high) ? s.ci_high : null, n: isNum(s.n) ? s.n : 0 };
  }

  // The groups drawn: kinds (benefit_<kind>_eur_per_year) and deciles (benefit_decile_<d>_...).
  var decileGroups = [];
  for (var d = 1; d <= 10; ++d)
    if (kpiSet["benefit_decile_" + d + "_eur_per_year"]) decileGroups.push({ key: String(d), kpi: "benefit_decile_" + d + "_eur_per_year" });
  var kindGroups = Object.keys(kpiSet).filter(function (k) {
    return /^benefit_.+_eur_per_year$/.test(k) && !/^benefit_decile_\d+_eur_per_year$/.test(k);
  }).map(function (k) { return { key: k.replace(/^benefit_/, "").replace(/_eur_per_year$/, ""), kpi: k }; });
  kindGroups.sort(function (a, b) {
    var ia = KIND_ORDER.indexOf(a.key), ib = KIND_ORDER.indexOf(b.key);
    if (ia < 0) ia = 99;
    if (ib < 0) ib = 99;
    return ia !== ib ? ia - ib : (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  });

  // One scale for every choice: the extent of all points' means and intervals, with 0.
  function extent(groups) {
    var lo = 0, hi = 0;
    points.forEach(function (pt) {
      groups.forEach(function (g) {
        var s = stat(pt, g.kpi);
        if (!s) return;
        [s.mean, s.low, s.high].forEach(function (v) { if (isNum(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); } });
      });
    });
    return [lo, hi];
  }
  var kindDomain = extent(kindGroups), decileDomain = extent(decileGroups);

  // ---------------------------------------------------------------- state

  var state = {
    lang: /^fr/i.test(navigator.language || "") ? "fr" : "en",  // French for French browsers
    sel: first ? first.slice() : factors.map(function () { return 0; }),
    kept: null  // {sel, point} kept to compare
  };
  var redraws = 0;
  function tx() { return TEXT[state.lang]; }

  // ---------------------------------------------------------------- formatting

  function num(v, digits) {
    var a = Math.abs(v);
    var dg = digits !== undefined ? digits : a >= 100 ? 0 : a >= 10 ? 1 : 2;
    if (a < Math.pow(10, -dg) / 2) v = 0;  // no "-0"
    return v.toLocaleString(tx().locale, { minimumFractionDigits: 0, maximumFractionDigits: dg });
  }
  function say(v, how) {
    var t = tx();
    if (!isNum(v)) return "—";
    switch (how) {
      case "eur":  // the sign before the currency: "−€12", "−12 €"
      case "eur-short": {
        var body = num(Math.abs(v), Math.abs(v) >= 10 ? 0 : how === "eur" ? 2 : 1);
        return (v < 0 && /[1-9]/.test(body) ? "\u2212" : "") + t.eur(body);
      }
      case "share": return t.percent(num(100 * v, Math.abs(100 * v) >= 10 ? 0 : 1));
      case "months": return t.months(num(v, 1));
      case "members": return t.members(num(v, Math.abs(v) >= 100 ? 0 : 1), v);
      case "index": return num(v, 2);
      default: return num(v);
    }
  }
  // The interval in words. Quantities that cannot be negative (counts, durations, shares)
  // have it clipped to their possible values; an interval that rounds to one value is "the
  // same in every simulation".
  function range(s, how) {
    if (!s || s.n < 2 || !isNum(s.low) || !isNum(s.high)) return tx().oneRun;
    var low = s.low, high = s.high;
    if (how === "share" || how === "members" || how === "months") low = Math.max(0, low);
    if (how === "share") high = Math.min(1, high);
    var a = say(low, how), b = say(high, how);
    return a === b ? tx().same : tx().between(a, b);
  }

  function factorName(f) {
    if (f.label) return f.label;
    return f.path === "base" ? tx().baseLabel : f.path;
  }
  function levelName(f, i) {
    var l = f.levels[i];
    if (!l) return "?";
    if (l.name) return l.name;
    if (f.path === "base") return fileStem(l.value);
    return String(l.value);
  }
  // "name: value" with the language's punctuation (French puts a space before : and ;).
  function colon() { return state.lang === "fr" ? "\u00a0: " : ": "; }
  function describe(sel) {
    return factors.map(function (f, j) { return factorName(f) + colon() + levelName(f, sel[j]); })
      .join(state.lang === "fr" ? "\u00a0; " : "; ");
  }

  // ---------------------------------------------------------------- DOM helpers

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  var SVGNS = "http://www.w3.org/2000/svg";
  function sv(tag, attrs, text) {
    var node = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // ---------------------------------------------------------------- controls

  var controls = document.getElementById("ws-controls");
  function buildControls() {
    controls.textContent = "";
    factors.forEach(function (f, j) {
      var legend = el("legend", null, [factorName(f)]);
      if (factorName(f) !== f.path && f.path !== "base") legend.appendChild(el("span", { className: "path", text: f.path }));
      var fs = el("fieldset", { "data-factor": f.path, "data-factor-index": String(j) }, [legend]);
      if (f.levels.length <= 8) {
        var chips = el("div", { className: "chips" });
        f.levels.forEach(function (l, i) {
          var input = el("input", { type: "radio", name: "factor-" + j, value: String(i), "data-factor-index": String(j), "data-level": String(i) });
          input.checked = state.sel[j] === i;
          chips.appendChild(el("label", { className: "chip", "data-factor-index": String(j), "data-level": String(i) }, [input, el("span", { text: levelName(f, i) })]));
        });
        fs.appendChild(chips);
      } else {
        var select = el("select", { "data-factor-index": String(j), "aria-label": factorName(f) });
        f.levels.forEach(function (l, i) {
          var o = el("option", { value: String(i), text: levelName(f, i) });
          if (state.sel[j] === i) o.selected = true;
          select.appendChild(o);
        });
        fs.appendChild(select);
      }
      controls.appendChild(fs);
    });
  }
  function onChoice(e) {
    var target = e.target;
    if (!target || target.dataset.factorIndex === undefined) return;
    if (target.type === "radio" && !target.checked) return;
    var j = Number(target.dataset.factorIndex), i = Number(target.value);
    if (!(j >= 0 && j < factors.length) || !(i >= 0 && i < factors[j].levels.length)) return;
    if (state.sel[j] === i) return;
    state.sel[j] = i;
    drawResults();
  }
  controls.addEventListener("change", onChoice);
  controls.addEventListener("input", onChoice);
  controls.addEventListener("submit", function (e) { e.preventDefault(); });

  // ---------------------------------------------------------------- charts

  function niceStep(span) {
    var raw = span / 5;
    var p = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10));
    var m = raw / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }

  // rows: [{key, name: [lines], sub, now: stat|null, kept: stat|null}]
  function barChart(rows, domain, axisTitle, xTitle) {
    var W = 600, H = 330, ml = 70, mr = 10, mt = 18;
    var mb = xTitle ? 76 : 60;
    var pw = W - ml - mr, ph = H - mt - mb;
    var lo = domain[0], hi = domain[1];
    if (!(hi > lo)) { lo -= 1; hi += 1; }
    var pad = (hi - lo) * 0.1;
    if (lo < 0) lo -= pad;
    hi += pad;
    var step = niceStep(hi - lo);
    lo = Math.floor(lo / step) * step;
    hi = Math.ceil(hi / step) * step;
    function y(v) { return mt + (hi - v) / (hi - lo) * ph; }
    var svg = sv("svg", { viewBox: "0 0 " + W + " " + H, role: "img" });
    var ticks = Math.round((hi - lo) / step);
    for (var k = 0; k <= ticks; ++k) {
      var v = lo + k * step;
      if (Math.abs(v) < step * 1e-9) v = 0;
      svg.appendChild(sv("line", { x1: ml, x2: W - mr, y1: y(v), y2: y(v), "class": "grid" }));
      svg.appendChild(sv("text", { x: ml - 8, y: y(v) + 4, "text-anchor": "end", "class": "tick" }, say(v, step >= 1 ? "eur" : "index")));
    }
    svg.appendChild(sv("line", { x1: ml, x2: W - mr, y1: y(0), y2: y(0), "class": "zero" }));
    svg.appendChild(sv("text", { transform: "translate(16," + (mt + ph / 2) + ") rotate(-90)", "text-anchor": "middle", "class": "axis-title" }, axisTitle));
    if (xTitle) svg.appendChild(sv("text", { x: ml + pw / 2, y: H - 6, "text-anchor": "middle", "class": "axis-title" }, xTitle));
    var slot = pw / Math.max(1, rows.length);
    var both = rows.some(function (r) { return r.kept; });
    var bw = Math.min(both ? 30 : 56, slot * (both ? 0.34 : 0.6));
    function bar(r, s, cx, which) {
      var g = sv("g", { "data-key": r.key });
      if (!s) {
        g.appendChild(sv("text", { x: cx, y: y(0) - 6, "text-anchor": "middle", "class": "nodata", "data-key": r.key, "data-which": which }, "—"));
        svg.appendChild(g);
        return;
      }
      var top = y(Math.max(0, s.mean)), bottom = y(Math.min(0, s.mean));
      var rect = sv("rect", { x: cx - bw / 2, y: top, width: bw, height: Math.max(1, bottom - top),
                              "class": "bar " + (which === "kept" ? "kept" : s.mean < 0 ? "loss" : "gain"),
                              "data-which": which, "data-key": r.key, "data-value": String(s.mean),
                              "data-low": s.low === null ? "" : String(s.low), "data-high": s.high === null ? "" : String(s.high),
                              "data-n": String(s.n) });
      rect.appendChild(sv("title", null, (which === "kept" ? tx().kept + " — " : "") + r.name.join(" ") + colon() + say(s.mean, "eur") + " (" + range(s, "eur") + ")"));
      g.appendChild(rect);
      var upper = s.mean, lower = s.mean;
      if (s.low !== null && s.high !== null) {
        var cap = bw * 0.22;
        g.appendChild(sv("line", { x1: cx, x2: cx, y1: y(s.low), y2: y(s.high), "class": "whisker" }));
        g.appendChild(sv("line", { x1: cx - cap, x2: cx + cap, y1: y(s.low), y2: y(s.low), "class": "whisker" }));
        g.appendChild(sv("line", { x1: cx - cap, x2: cx + cap, y1: y(s.high), y2: y(s.high), "class": "whisker" }));
        upper = Math.max(upper, s.high);
        lower = Math.min(lower, s.low);
      }
      if (which === "now") {
        var above = s.mean >= 0;
        g.appendChild(sv("text", { x: cx, y: above ? y(Math.max(0, upper)) - 6 : y(Math.min(0, lower)) + 15, "text-anchor": "middle", "class": "value" }, say(s.mean, "eur-short")));
      }
      svg.appendChild(g);
    }
    rows.forEach(function (r, i) {
      var cx = ml + slot * (i + 0.5);
      if (both) {
        bar(r, r.kept, cx - bw * 0.58, "kept");
        bar(r, r.now, cx + bw * 0.58, "now");
      } else {
        bar(r, r.now, cx, "now");
      }
      var ly = mt + ph + 18;
      r.name.forEach(function (line, n) {
        svg.appendChild(sv("text", { x: cx, y: ly + 16 * n, "text-anchor": "middle", "class": "xlabel" }, line));
      });
      if (r.sub) {  // under the first and last groups, kept inside the chart
        var start = i === 0 && rows.length > 1, end = i === rows.length - 1 && rows.length > 1;
        svg.appendChild(sv("text", { x: start ? cx - slot / 2 : end ? cx + slot / 2 : cx, y: ly + 16 * r.name.length,
                                     "text-anchor": start ? "start" : end ? "end" : "middle", "class": "xsub" }, r.sub));
      }
    });
    return svg;
  }

  function splitName(text) {
    var words = String(text).split(" ");
    if (text.length <= 12 || words.length < 2) return [String(text)];
    var half = Math.ceil(words.length / 2);
    return [words.slice(0, half).join(" "), words.slice(half).join(" ")];
  }

  function chartFigure(id, title, caption, groups, domain, names, subs, xTitle, pt, keptPt) {
    var values = {};
    var rows = groups.map(function (g, i) {
      var s = stat(pt, g.kpi);
      values[g.key] = s ? { mean: s.mean, low: s.low, high: s.high, n: s.n } : null;
      return { key: g.key, name: names[i], sub: subs ? subs[i] : null, now: s, kept: keptPt ? stat(keptPt, g.kpi) : null };
    });
    var figure = el("figure", { className: "ws-chart", id: "chart-" + id, "data-chart": id }, [el("h3", { text: title })]);
    if (keptPt) {
      figure.appendChild(el("div", { className: "legend" }, [
        el("span", null, [el("i", { style: "background:#2a8c6a" }), tx().now]),
        el("span", null, [el("i", { style: "background:#c6cbd2;border:1px dashed #6d7580" }), tx().kept])
      ]));
    }
    figure.appendChild(barChart(rows, domain, tx().axis, xTitle));
    figure.appendChild(el("figcaption", { text: caption + " " + tx().sameScale }));
    figure.dataset.drawn = JSON.stringify({ point: pt.point, values: values });
    return figure;
  }

  // ---------------------------------------------------------------- results

  var output = document.getElementById("ws-output");

  function headlineCards(pt, keptPt) {
    var t = tx();
    var cards = [];
    HEADLINES.forEach(function (h) {
      var kpi = h[0], how = h[1];
      if (!kpiSet[kpi]) return;
      var s = stat(pt, kpi);
      var answer, detail;
      if (!s) {
        answer = "—";
        detail = t.noAnswer;
      } else if (how === "runs") {
        var runs = pt.replicates !== undefined && isNum(pt.replicates) ? pt.replicates : s.n;
        answer = t.started(Math.round(s.mean * s.n), s.n || runs);
        detail = null;
      } else {
        answer = say(s.mean, how);
        detail = range(s, how);
      }
      var card = el("div", { className: "card", "data-kpi": kpi, "data-value": s ? String(s.mean) : "" }, [
        el("p", { className: "q", text: t.headline[kpi] }), el("p", { className: "a", text: answer })]);
      if (detail) card.appendChild(el("p", { className: "d", text: detail }));
      if (keptPt) {
        var ks = stat(keptPt, kpi);
        var kv = !ks ? "—" : how === "runs" ? t.started(Math.round(ks.mean * ks.n), ks.n) : say(ks.mean, how);
        card.appendChild(el("p", { className: "kept", text: t.keptValue(kv) }));
      }
      cards.push(card);
    });
    if (!cards.length) return null;
    return el("div", null, [el("h2", { text: t.headlines, style: "font-size:21px;margin:6px 0 10px" }), el("div", { className: "cards" }, cards)]);
  }

  function drawResults() {
    var t = tx();
    redraws += 1;
    output.textContent = "";
    var key = state.sel.join(",");
    var pt = pointAt[key];
    output.dataset.point = pt ? String(pt.point) : "";
    // Keep the radio buttons and lists in step with the state (after "back", say).
    factors.forEach(function (f, j) {
      var radios = controls.querySelectorAll('input[data-factor-index="' + j + '"]');
      Array.prototype.forEach.call(radios, function (r) { r.checked = Number(r.value) === state.sel[j]; });
      var select = controls.querySelector('select[data-factor-index="' + j + '"]');
      if (select) select.value = String(state.sel[j]);
    });
    if (!pt) {
      output.dataset.state = "missing";
      var box = el("div", { className: "ws-missing", role: "status" }, [el("p", { text: t.missing, style: "margin:0" })]);
      if (design.type === "ofat") box.appendChild(el("p", { className: "note", text: t.missingOfat }));
      if (first) {
        var back = el("button", { type: "button", text: t.back, style: "font:inherit;margin-top:10px;padding:5px 14px;cursor:pointer" });
        back.addEventListener("click", function () { state.sel = first.slice(); drawResults(); });
        box.appendChild(back);
      }
      output.appendChild(box);
      finishDraw();
      return;
    }
    var okRuns = isNum(pt.replicates) ? pt.replicates : 0;
    if (okRuns === 0) {
      output.dataset.state = "failed";
      output.appendChild(el("div", { className: "ws-missing", role: "status", text: t.failed }));
      finishDraw();
      return;
    }
    output.appendChild(el("p", { className: "ws-selected", text: t.resultsFor(describe(state.sel), okRuns) }));
    output.dataset.state = "ok";
    var keptPt = state.kept ? state.kept.point : null;
    var cards = headlineCards(pt, keptPt);
    if (cards) output.appendChild(cards);
    var charts = el("div", { className: "charts" });
    if (kindGroups.length) {
      charts.appendChild(chartFigure("kind", t.kindTitle, t.kindCaption, kindGroups, kindDomain,
        kindGroups.map(function (g) { return splitName(t.kinds[g.key] || g.key); }), null, null, pt, keptPt));
    }
    if (decileGroups.length) {
      var subs = decileGroups.map(function (g) { return g.key === "1" ? t.lowest : g.key === "10" ? t.highest : null; });
      charts.appendChild(chartFigure("decile", t.decileTitle, t.decileCaption, decileGroups, decileDomain,
        decileGroups.map(function (g) { return [g.key]; }), subs, t.decileAxis, pt, keptPt));
    }
    if (charts.childNodes.length) output.appendChild(charts);
    if (!kindGroups.length && !decileGroups.length) output.appendChild(el("p", { className: "note", text: t.noKinds }));
    else if (!decileGroups.length) output.appendChild(el("p", { className: "note", text: t.noDeciles }));
    finishDraw();
  }

  function finishDraw() {
    var t = tx();
    var pin = document.getElementById("ws-pin-button");
    var note = document.getElementById("ws-pin-note");
    pin.textContent = state.kept ? t.unpin : t.pin;
    pin.disabled = !state.kept && !pointAt[state.sel.join(",")];
    note.textContent = state.kept ? t.pinNote(describe(state.kept.sel)) : "";
    document.body.dataset.redraws = String(redraws);
  }

  document.getElementById("ws-pin-button").addEventListener("click", function () {
    var pt = pointAt[state.sel.join(",")];
    state.kept = state.kept ? null : pt ? { sel: state.sel.slice(), point: pt } : null;
    drawResults();
  });

  // ---------------------------------------------------------------- static texts, language

  function drawTexts() {
    var t = tx();
    document.documentElement.lang = state.lang;
    document.body.dataset.lang = state.lang;
    document.title = t.title + (doc.name ? " — " + doc.name : "");
    document.getElementById("ws-title").textContent = t.title;
    document.getElementById("ws-lead").textContent = t.lead;
    document.getElementById("ws-choices-title").textContent = t.choices;
    Array.prototype.forEach.call(document.querySelectorAll("[data-lang-button]"), function (b) {
      b.setAttribute("aria-pressed", b.dataset.langButton === state.lang ? "true" : "false");
    });
    var help = document.getElementById("ws-help");
    help.textContent = "";
    help.appendChild(el("h2", { text: t.helpTitle }));
    var reps = isNum(design.replicates) ? design.replicates : 1;
    t.help(reps, num(100 * confidence, 1)).forEach(function (p) { help.appendChild(el("p", { text: p })); });
    help.appendChild(el("h2", { text: t.varied }));
    var dl = el("dl");
    factors.forEach(function (f) {
      dl.appendChild(el("dt", { text: factorName(f) }));
      dl.appendChild(el("dd", { text: f.levels.map(function (l, i) { return levelName(f, i); }).join(" · ") }));
    });
    help.appendChild(dl);
    document.getElementById("ws-footer").textContent = t.footer(doc.name || "", isNum(design.runs) ? design.runs : points.length);
  }

  function drawAll() {
    drawTexts();
    buildControls();
    drawResults();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-lang-button]"), function (b) {
    b.addEventListener("click", function () {
      if (state.lang === b.dataset.langButton) return;
      state.lang = b.dataset.langButton;
      drawAll();
    });
  });

  try {
    if (!factors.length || !first) throw new Error("the document has no design point with its parameters");
    drawAll();
  } catch (e) {
    recordError("page: " + (e && e.stack ? e.stack : e));
  }
  document.body.dataset.status = "done";
})();
