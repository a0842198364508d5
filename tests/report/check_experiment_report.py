#!/usr/bin/env python3
"""The report page of an experiment (`accord report SWEEP.h5 --screening SCREENING.h5`) in
headless Debian Chromium.

    check_experiment_report.py --accord BIN --source SRC --work DIR

Builds, with the binary, a small experiment like those of experiments/: a grid of two library
scenarios (`base`, named "Community type" with one label per file) x the benefit rule (equal,
needs_based; labelled), 3 replicates, a few months of operation; and a tiny Morris screening
(3 trajectories) of two behavioural parameters with labels. The page of the sweep with the
screening must draw every chart (body[data-charts] = "N/N", an SVG per figure), hold the
sections "Comparison of configurations" (chart and table), "Distributions by decile and kind"
(decile and kind charts) and "Which uncertain parameters matter" (the ranking), name the
configurations and parameters by the sweep files' labels, and draw means equal to the mean
over the ok replicates that sweep.h5 holds (h5py, relative tolerance 1e-9) for the
comparison's outcome at every configuration and for every decile and kind of the drawn
configurations; the ranking is μ* of `accord analyze` of the screening, sorted. No error
recorded, no request in Chromium's net log. Without --screening the ranking section is absent;
a screening file that is not a Morris/Sobol sweep, or is missing, exits 2 with one line and
writes no page. Chromium missing is a failure.
"""

import argparse
import html
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import h5py
import numpy as np

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--virtual-time-budget=20000",
]
REL_TOL = 1e-9
IMMEDIATE = ("{time.end: 2026-09-01, lifecycle.emergence: 0, lifecycle.feasibility: 0, "
             "lifecycle.recruitment: 0, lifecycle.structuring: 0, lifecycle.grid_agreement: 0}")
SCENARIOS = {"operation-moyenne": "Medium operation", "village-rural": "Rural village"}
RULES = {"equal": "Equal shares", "needs_based": "By needs"}
SCREENING_LABELS = {"dynamics.membership.exit_satisfaction": "Satisfaction below which members leave",
                    "dynamics.aspiration.initial": "Initial aspiration"}

failures = []


def fail(what, message):
    failures.append(f"{what}: {message}")
    print(f"FAIL {what}: {message}", flush=True)


def run(cmd):
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {result.returncode}:\n"
                           f"{result.stdout}\n{result.stderr}")
    return result


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return a == b or abs(a - b) <= REL_TOL * max(abs(a), abs(b), 1e-300)


def write_sweeps(src, work):
    lib = (src / "scenarios/library").resolve()
    sweep = work / "sweep.yaml"
    sweep.write_text(f"""accord_sweep: 1
name: experiment-small
seed: 2026
replicates: 3
parameters:
  - {{path: base, label: Community type,
     values: [{lib}/operation-moyenne.yaml, {lib}/village-rural.yaml],
     labels: [{SCENARIOS['operation-moyenne']}, {SCENARIOS['village-rural']}]}}
  - {{path: community.benefit_rule.type, label: Benefit rule, values: [equal, needs_based],
     labels: [{RULES['equal']}, {RULES['needs_based']}]}}
set: {IMMEDIATE}
design: {{type: grid}}
output: {{dir: {work / 'sweep'}, detail: summary}}
""")
    screening = work / "screening.yaml"
    params = "\n".join(
        f"  - {{path: {p}, label: {label}, distribution: {{uniform: [{lo}, {hi}]}}}}"
        for (p, label), (lo, hi) in zip(SCREENING_LABELS.items(), [(0.1, 0.4), (0.01, 0.10)]))
    screening.write_text(f"""accord_sweep: 1
name: experiment-screening
base: {lib}/village-rural.yaml
seed: 2026
replicates: 1
parameters:
{params}
set: {IMMEDIATE}
design: {{type: morris, trajectories: 3, levels: 4}}
output: {{dir: {work / 'screening'}, detail: summary}}
""")
    return sweep, screening


class Sweep:
    """sweep.h5: per design point, its levels and the mean of a KPI over its ok replicates."""

    def __init__(self, path):
        with h5py.File(path, "r") as f:
            design = f["design"]
            self.status = [text(s) for s in design["status"][()]]
            self.point = [int(p) for p in design["point"][()]]
            self.base = [text(s) for s in design["base"][()]]
            self.rule = [text(s) for s in design["community.benefit_rule.type"][()]]
            self.summary = {k: f["summary"][k][()] for k in f["summary"]}

    def label(self, point):
        i = self.point.index(point)
        return f"{SCENARIOS[Path(self.base[i]).stem]} · {RULES[self.rule[i]]}"

    def mean(self, kpi, point):
        values = [float(self.summary[kpi][i]) for i in range(len(self.point))
                  if self.point[i] == point and self.status[i] == "ok"
                  and math.isfinite(self.summary[kpi][i])]
        return (float(np.mean(values)), len(values)) if values else (None, 0)


def open_page(chromium, page):
    with tempfile.TemporaryDirectory(prefix="accord-chromium-") as profile:
        netlog = Path(profile) / "netlog.json"
        result = subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}/profile",
             f"--log-net-log={netlog}", "--dump-dom", page.resolve().as_uri()],
            capture_output=True, text=True, timeout=240)
        if result.returncode != 0 or "<body" not in result.stdout:
            raise RuntimeError(f"chromium exited {result.returncode}: {result.stderr[-2000:]}")
        log = json.loads(netlog.read_text())
    types = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    requests = [e["params"]["url"] for e in log.get("events", [])
                if types.get(e.get("type")) == "URL_REQUEST_START_JOB"
                and e.get("params", {}).get("url")
                and e["params"].get("initiator") != "not an origin"]
    return result.stdout, requests


def check_common(name, dom, requests):
    """Every chart drawn, no error, no request; returns {chart id: (attributes, drawn?)}."""
    body = re.search(r"<body([^>]*data-status[^>]*)>", dom)
    attrs = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', body.group(1) if body else ""))
    if attrs.get("status") != "done":
        fail(name, f"page did not finish (data-status={attrs.get('status')})")
    problems = re.findall(r'<ul id="problem-list">(.*?)</ul>', dom, re.S)
    if attrs.get("errors") != "0" or (problems and problems[0].strip()):
        fail(name, f"errors recorded ({attrs.get('errors')}): {problems}")
    match = re.fullmatch(r"(\d+)/(\d+)", attrs.get("charts", ""))
    if not match or match.group(1) != match.group(2):
        fail(name, f"charts not all rendered (data-charts={attrs.get('charts')!r})")
    figures = {}
    for attributes, inner in re.findall(r'<figure class="chart"([^>]*)>(.*?)</figure>', dom, re.S):
        chart_id = re.search(r'data-chart="([^"]*)"', attributes)
        figures[chart_id.group(1) if chart_id else "?"] = (
            attributes, '<svg' in inner and 'class="marks"' in inner)
    if match and len(figures) != int(match.group(2)):
        fail(name, f"{len(figures)} figures for data-charts={attrs.get('charts')}")
    for chart_id, (_, drawn) in figures.items():
        if not drawn:
            fail(name, f"chart {chart_id} has no SVG")
    if requests:
        fail(name, f"the page made network requests: {requests[:5]}")
    return figures


def drawn(figures, chart_id):
    attributes = figures.get(chart_id, ("", False))[0]
    m = re.search(r'data-drawn="([^"]*)"', attributes)
    return json.loads(html.unescape(m.group(1))) if m else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--accord", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if chromium is None:
        print("FAIL: chromium is not installed (Debian package `chromium`; scripts/install-deps.sh).")
        return 1
    src, work, accord = Path(args.source).resolve(), Path(args.work).resolve(), args.accord
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)

    sweep_yaml, screening_yaml = write_sweeps(src, work)
    run([accord, "sweep", sweep_yaml, "-q", "-j", "2"])
    run([accord, "sweep", screening_yaml, "-q", "-j", "2"])
    sweep_h5, screening_h5 = work / "sweep/sweep.h5", work / "screening/sweep.h5"
    page = work / "experiment.html"
    run([accord, "report", sweep_h5, "--screening", screening_h5, "-o", page])
    dom, requests = open_page(chromium, page)
    name = page.name
    figures = check_common(name, dom, requests)
    for section in ("comparison", "comparison-table", "distributions", "screening"):
        if f'data-section="{section}"' not in dom:
            fail(name, f"section {section} missing")
    for chart_id in ("comparison", "benefit-deciles", "benefit-kinds", "screening-ranking-0"):
        if not figures.get(chart_id, (None, False))[1]:
            fail(name, f"chart {chart_id} not drawn")

    sweep = Sweep(sweep_h5)
    # Outcomes by configuration: every configuration's drawn mean is sweep.h5's.
    comparison = drawn(figures, "comparison") or {}
    outcome = comparison.get("outcome")
    rows = comparison.get("rows", [])
    if outcome not in sweep.summary or len(rows) != len(set(sweep.point)):
        fail(name, f"comparison drew {len(rows)} configurations of {outcome!r}")
    for row in rows:
        mean, n = sweep.mean(outcome, row["point"])
        if not close(row["mean"], mean) or row["n"] != n:
            fail(name, f"{outcome} of point {row['point']}: drawn {row['mean']} (n {row['n']}), "
                       f"sweep.h5 {mean} (n {n})")
        if row["config"] != sweep.label(row["point"]):
            fail(name, f"point {row['point']} named {row['config']!r}, expected {sweep.label(row['point'])!r}")
        if not (row["lo"] <= row["mean"] <= row["hi"]):
            fail(name, f"interval of point {row['point']} does not hold its mean: {row}")
    table = re.search(r'data-section="comparison-table"(.*?)</table>', dom, re.S)  # factors' names
    cells = [html.unescape(c) for c in re.findall(r"<t[dh](?:\s[^>]*)?>(.*?)</t[dh]>", table.group(1))] if table else []
    if not all(n in cells for n in ("Community type", "Benefit rule", *SCENARIOS.values(), *RULES.values())) \
            or not any(c.startswith("lifecycle_started") for c in cells):
        fail(name, "the comparison table lacks the configurations' labels or the outcomes")
    # Distributions: every decile and kind of the drawn configurations.
    for chart_id, prefix in (("benefit-deciles", "benefit_decile_"), ("benefit-kinds", "benefit_")):
        dist = drawn(figures, chart_id) or {}
        points = dist.get("points", [])
        if len(points) != min(4, len(set(sweep.point))) or not dist.get("rows"):
            fail(name, f"{chart_id}: drew points {points}")
        checked = 0
        for row in dist.get("rows", []):
            if not row["kpi"].startswith(prefix) or row["point"] not in points:
                fail(name, f"{chart_id}: unexpected row {row}")
                continue
            mean, n = sweep.mean(row["kpi"], row["point"])
            if not close(row["mean"], mean) or row["n"] != n:
                fail(name, f"{chart_id}: {row['kpi']} of point {row['point']}: drawn {row['mean']}, "
                           f"sweep.h5 {mean}")
            checked += 1
        expected = sum(1 for p in points for k in sweep.summary
                       if k.startswith(prefix) and k.endswith("_eur_per_year")
                       and (prefix == "benefit_decile_" or not k.startswith("benefit_decile_"))
                       and sweep.mean(k, p)[0] is not None)
        if checked != expected:
            fail(name, f"{chart_id}: {checked} values drawn, sweep.h5 has {expected}")
    # The ranking: accord analyze's mu* of the screening, sorted, named by its labels.
    ranking = drawn(figures, "screening-ranking-0") or {}
    analysis = json.loads(run([accord, "analyze", screening_h5, "--format", "json"]).stdout)
    indices = {r["parameter"]: r for r in
               analysis["sensitivity"]["outputs"].get(ranking.get("outcome"), [])}
    ranked = ranking.get("rows", [])
    if ranking.get("method") != "morris" or {r["parameter"] for r in ranked} != set(SCREENING_LABELS):
        fail(name, f"ranking: {ranking}")
    for r in ranked:
        if r["label"] != SCREENING_LABELS.get(r["parameter"]) or \
                not close(r["mu_star"], indices.get(r["parameter"], {}).get("mu_star")):
            fail(name, f"ranking row {r} against {indices.get(r['parameter'])}")
    if [r["mu_star"] for r in ranked] != sorted((r["mu_star"] for r in ranked), reverse=True):
        fail(name, f"ranking not sorted by mu*: {ranked}")
    if not failures:
        print(f"ok   {name}: {len(figures)} charts, {len(rows)} configurations of {outcome}, "
              f"ranking of {ranking.get('outcome')}", flush=True)

    # Without --screening: no ranking section, the rest drawn.
    plain = work / "plain.html"
    run([accord, "report", sweep_h5, "-o", plain])
    dom, requests = open_page(chromium, plain)
    figures = check_common(plain.name, dom, requests)
    if 'data-section="screening"' in dom or 'data-section="comparison"' not in dom:
        fail(plain.name, "sections wrong without --screening")

    # Bad screening files: exit 2, one line naming the file, no page.
    for bad, why in ((sweep_h5, "a grid sweep"), (work / "no-such.h5", "a missing file")):
        out = work / "bad.html"
        r = subprocess.run([accord, "report", str(sweep_h5), "--screening", str(bad), "-o", str(out)],
                           capture_output=True, text=True)
        lines = r.stderr.strip().splitlines()
        if r.returncode != 2 or len(lines) != 1 or bad.name not in lines[0] or out.exists():
            fail(f"--screening {why}", f"exit {r.returncode}, stderr {r.stderr!r}")
        else:
            print(f"ok   --screening {why}: {lines[0]}", flush=True)

    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("experiment report: comparison, distributions and ranking drawn from sweep.h5")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        print(f"FAIL: {error}")
        sys.exit(1)
