#!/usr/bin/env python3
"""Generates accord reports and opens each in headless Debian Chromium.

    check_reports.py --accord BIN --source SRC --work DIR [--fixtures-only]

Pages come from the hand-written analysis documents in tests/report/data/*.json (the
contract of docs/report.md) and from real files: a run of scenarios/four-members.yaml, a
run of quartier-mixte (one month), a year of quartier-mixte with format-1.2 governance
records added (tests/report/synthetic_governance.py), a year of quartier-mixte-scic
(governance simulated) and the small Morris sweep tests/report/data/sweep-small.yaml. The Governance section's charts must be drawn exactly
when the document has governance rows (and `accord analyze`'s participation by decile of
the governance file must match the one recomputed from its ballots).
For every page: the page's own markers say every chart rendered (body[data-charts] =
"N/N", one <svg class="marks"> per chart figure) and no error was recorded (window
errors, unhandled rejections, console.error, blocked requests: body[data-errors] = 0);
Chromium's net log shows no request made by the page. Chromium missing is a failure.
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--virtual-time-budget=20000",
]

# Charts each fixture must draw (tests/report/data): a change of the page that drops a
# chart fails here.
FIXTURE_CHARTS = {
    "run-rules": 8,     # lorenz, benefit/decile, % income, burden, poverty, energy, money, members
    "run-hostile": 1,   # lorenz only; strings try to break out of the <script> element
    "run-governance": 3,  # governance only: participation by decile, power by college, timeline
    "sweep-grid": 4,    # comparison of configurations, heatmap, points, replicate variance
    "sweep-morris": 3,  # heatmap, points, morris
    "sweep-sobol": 4,   # heatmap, points, sobol, replicate variance
}

# The charts of the Governance section (report.js governanceSection), drawn when the run has
# governance rows and only then.
GOVERNANCE_CHARTS = ["governance-participation", "governance-power", "governance-timeline"]
# The charts of the Social dynamics section (report.js dynamicsSection), drawn when the run has
# phase 4's /dynamics and only then.
# fabrique-quartier, the page checked with /dynamics, also has dynamics.membership (format 1.4).
DYNAMICS_CHARTS = ["dynamics-time", "dynamics-deciles", "dynamics-membership",
                   "lifecycle-timeline"]  # fabrique-quartier also has a lifecycle (1.4)

failures = []


def fail(page, message):
    failures.append(f"{page}: {message}")
    print(f"FAIL {page}: {message}", flush=True)


def run(cmd, **kwargs):
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {result.returncode}:\n"
                           f"{result.stdout}\n{result.stderr}")
    return result


def page_requests(netlog_path):
    """URLs requested by the page itself (not by the browser's own background services,
    whose requests carry the initiator "not an origin")."""
    try:
        log = json.loads(Path(netlog_path).read_text())
    except (OSError, ValueError) as error:
        return [f"<unreadable net log: {error}>"]
    types = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    urls = []
    for event in log.get("events", []):
        if types.get(event.get("type")) != "URL_REQUEST_START_JOB":
            continue
        params = event.get("params", {})
        url = params.get("url")
        if url and params.get("initiator") != "not an origin":
            urls.append(url)
    return urls


def has_governance_rows(document):
    governance = document.get("governance") if isinstance(document, dict) else None
    return isinstance(governance, dict) and (governance.get("rows") or 0) > 0


def check_page(chromium, html, expected, min_charts=1, governance=False, dynamics=False):
    """Opens `html`; `expected` charts exactly, or at least `min_charts` when None; the
    governance charts drawn when `governance`, absent otherwise."""
    name = html.name
    before = len(failures)
    with tempfile.TemporaryDirectory(prefix="accord-chromium-") as profile:
        netlog = Path(profile) / "netlog.json"
        result = subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}/profile",
             f"--log-net-log={netlog}", "--dump-dom", html.resolve().as_uri()],
            capture_output=True, text=True, timeout=240)
        dom = result.stdout
        if result.returncode != 0 or "<body" not in dom:
            fail(name, f"chromium exited {result.returncode}: {result.stderr[-2000:]}")
            return
        requests = page_requests(netlog)
    # The inlined libraries contain "<body" in strings: take the element with our markers.
    marked = re.search(r"<body([^>]*data-status[^>]*)>", dom)
    body = marked.group(1) if marked else ""
    attrs = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', body))
    errors = re.findall(r'<ul id="problem-list">(.*?)</ul>', dom, re.S)
    problems = re.findall(r"<li>(.*?)</li>", errors[0], re.S) if errors else []
    if attrs.get("status") != "done":
        fail(name, f"page did not finish (data-status={attrs.get('status')})")
    if attrs.get("errors") != "0" or problems:
        fail(name, f"errors recorded ({attrs.get('errors')}): {problems}")
    if "pwned" in attrs:
        fail(name, "a string from the data ran as script")
    charts = attrs.get("charts", "")
    match = re.fullmatch(r"(\d+)/(\d+)", charts)
    if not match:
        fail(name, f"no chart marker (data-charts={charts!r})")
        return
    rendered, total = int(match.group(1)), int(match.group(2))
    if rendered != total:
        fail(name, f"only {rendered} of {total} charts rendered")
    if expected is not None and total != expected:
        fail(name, f"{total} charts, expected {expected}")
    if expected is None and total < min_charts:
        fail(name, f"{total} charts, expected at least {min_charts}")
    figures = re.findall(r'<figure class="chart"[^>]*>(.*?)</figure>', dom, re.S)
    drawn = [f for f in figures if '<svg' in f and 'class="marks"' in f]
    if len(figures) != total or len(drawn) != total:
        fail(name, f"{len(figures)} chart figures, {len(drawn)} with an SVG, expected {total}")
    ids = {}
    for attributes, inner in re.findall(r'<figure class="chart"([^>]*)>(.*?)</figure>', dom, re.S):
        chart_id = re.search(r'data-chart="([^"]*)"', attributes)
        if chart_id:
            ids[chart_id.group(1)] = '<svg' in inner and 'class="marks"' in inner
    for chart_id in GOVERNANCE_CHARTS:
        if governance and not ids.get(chart_id):
            fail(name, f"governance chart {chart_id} not drawn")
        if not governance and chart_id in ids:
            fail(name, f"governance chart {chart_id} drawn without governance rows")
    for chart_id in DYNAMICS_CHARTS:
        if dynamics and not ids.get(chart_id):
            fail(name, f"dynamics chart {chart_id} not drawn")
        if not dynamics and chart_id in ids:
            fail(name, f"dynamics chart {chart_id} drawn without /dynamics")
    if requests:
        fail(name, f"the page made network requests: {requests[:5]}")
    if len(failures) == before:
        print(f"ok   {name}: {rendered}/{total} charts, no errors, no requests", flush=True)


def governance_rows(accord, path):
    """Whether `accord analyze` finds governance rows in a run file."""
    return has_governance_rows(json.loads(run([accord, "analyze", str(path), "--format", "json"]).stdout))


def check_participation(accord, path, expected):
    """accord analyze's participation by decile against {decile: (eligible, took part)}."""
    document = json.loads(run([accord, "analyze", str(path), "--format", "json"]).stdout)
    rows = {e["decile"]: e for e in document.get("governance", {}).get("participation", {}).get("by_decile", [])}
    if set(rows) != set(expected):
        fail(path.name, f"participation deciles {sorted(rows)} != {sorted(expected)}")
        return
    for decile, (eligible, took_part) in expected.items():
        e = rows[decile]
        if (e["eligible"], e["took_part"]) != (eligible, took_part) or \
                abs(e["rate"] - took_part / eligible) > 1e-12:
            fail(path.name, f"participation of decile {decile}: {e} != {(eligible, took_part)}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--accord", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--fixtures-only", action="store_true")
    args = parser.parse_args()

    chromium = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if chromium is None:
        print("FAIL: chromium is not installed (Debian package `chromium`; scripts/install-deps.sh "
              "installs it). The report test needs it.")
        return 1
    src = Path(args.source)
    work = Path(args.work)
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    accord = args.accord

    pages = []  # (html, expected charts or None, minimum, governance charts expected)
    for fixture in sorted((src / "tests/report/data").glob("*.json")):
        html = work / f"{fixture.stem}.html"
        run([accord, "report", str(fixture), "-o", str(html)])
        pages.append((html, FIXTURE_CHARTS.get(fixture.stem), 1,
                      has_governance_rows(json.loads(fixture.read_text()))))
    missing = set(FIXTURE_CHARTS) - {p[0].stem for p in pages}
    for stem in sorted(missing):
        fail(stem, "fixture missing from tests/report/data")

    # Bad input: a clear error and exit status 2, no page written.
    bad = subprocess.run([accord, "report", str(work / "no-such.h5"), "-o", str(work / "bad.html")],
                         capture_output=True, text=True)
    if bad.returncode != 2 or "no-such.h5" not in bad.stderr or (work / "bad.html").exists():
        fail("bad input", f"exit {bad.returncode}, stderr {bad.stderr!r}")

    if not args.fixtures_only:
        four = work / "four-members.h5"
        run([accord, "run", str(src / "scenarios/four-members.yaml"), "-q", "-o", str(four)])
        run([accord, "report", str(four), "-o", str(work / "four-members.html")])
        pages.append((work / "four-members.html", None, 3, governance_rows(accord, four)))
        mixed = work / "quartier-mixte.h5"
        run([accord, "run", str(src / "scenarios/quartier-mixte.yaml"), "-q", "--set",
             "time.end=2025-02-01", "--set", "output.detail=periods", "-o", str(mixed)])
        run([accord, "report", str(mixed), "-o", str(work / "quartier-mixte.html")])
        pages.append((work / "quartier-mixte.html", None, 3, governance_rows(accord, mixed)))
        year = work / "quartier-mixte-year.h5"
        run([accord, "run", str(src / "scenarios/quartier-mixte.yaml"), "-q", "--set",
             "output.detail=periods", "-o", str(year)])
        governed = work / "quartier-mixte-governance.h5"
        shutil.copyfile(year, governed)
        sys.path.insert(0, str(src / "tests/report"))
        import synthetic_governance
        synthetic_governance.add_governance(governed)
        check_participation(accord, governed, synthetic_governance.participation_by_decile(governed))
        run([accord, "report", str(governed), "-o", str(work / "quartier-mixte-governance.html")])
        pages.append((work / "quartier-mixte-governance.html", None, 11, True))
        scic = work / "quartier-mixte-scic.h5"  # governance simulated (colleges, board, mediator)
        run([accord, "run", str(src / "scenarios/quartier-mixte-scic.yaml"), "-q", "--set",
             "output.detail=periods", "-o", str(scic)])
        run([accord, "report", str(scic), "-o", str(work / "quartier-mixte-scic.html")])
        pages.append((work / "quartier-mixte-scic.html", None, 3, governance_rows(accord, scic)))
        fabrique = work / "fabrique-quartier.h5"  # phase 4: /dynamics with candidates
        # The road to operation made immediate, so that six months hold members.
        immediate = [f"lifecycle.{p}=0" for p in ("emergence", "feasibility", "recruitment",
                                                  "structuring", "grid_agreement")]
        immediate += ["lifecycle.barriers.bad_design_with_expertise=0",
                      "lifecycle.barriers.statutes_unsettled=0", "lifecycle.events=[]"]
        run([accord, "run", str(src / "scenarios/fabrique-quartier.yaml"), "-q", "--set",
             "time.end=2025-07-01", "--set", "output.detail=periods", "-o", str(fabrique)]
            + [a for s in immediate for a in ("--set", s)])
        run([accord, "report", str(fabrique), "-o", str(work / "fabrique-quartier.html")])
        pages.append((work / "fabrique-quartier.html", None, 7, governance_rows(accord, fabrique)))
        sweep_dir = work / "sweep"
        run([accord, "sweep", str(src / "tests/report/data/sweep-small.yaml"), "-q", "-j", "2",
             "-o", str(sweep_dir)])
        run([accord, "report", str(sweep_dir / "sweep.h5"), "-o", str(work / "sweep-small.html")])
        pages.append((work / "sweep-small.html", None, 3, False))  # heatmap, points, morris

    for html, expected, minimum, governance in pages:
        check_page(chromium, html, expected, minimum, governance, html.stem == "fabrique-quartier")

    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print(f"all {len(pages)} report pages rendered cleanly")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        print(f"FAIL: {error}")
        sys.exit(1)
