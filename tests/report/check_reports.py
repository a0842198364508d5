#!/usr/bin/env python3
"""Generates accord reports and opens each in headless Debian Chromium.

    check_reports.py --accord BIN --source SRC --work DIR [--fixtures-only]

Pages come from the hand-written analysis documents in tests/report/data/*.json (the
contract of docs/report.md) and from real files: a run of scenarios/four-members.yaml, a
run of quartier-mixte (one month) and the small Morris sweep tests/report/data/sweep-small.yaml.
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
    "sweep-grid": 3,    # heatmap, points, replicate variance
    "sweep-morris": 3,  # heatmap, points, morris
    "sweep-sobol": 4,   # heatmap, points, sobol, replicate variance
}

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


def check_page(chromium, html, expected, min_charts=1):
    """Opens `html`; `expected` charts exactly, or at least `min_charts` when None."""
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
    if requests:
        fail(name, f"the page made network requests: {requests[:5]}")
    if len(failures) == before:
        print(f"ok   {name}: {rendered}/{total} charts, no errors, no requests", flush=True)


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

    pages = []  # (html, expected charts or None, minimum)
    for fixture in sorted((src / "tests/report/data").glob("*.json")):
        html = work / f"{fixture.stem}.html"
        run([accord, "report", str(fixture), "-o", str(html)])
        pages.append((html, FIXTURE_CHARTS.get(fixture.stem), 1))
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
        pages.append((work / "four-members.html", None, 3))
        mixed = work / "quartier-mixte.h5"
        run([accord, "run", str(src / "scenarios/quartier-mixte.yaml"), "-q", "--set",
             "time.end=2025-02-01", "--set", "output.detail=periods", "-o", str(mixed)])
        run([accord, "report", str(mixed), "-o", str(work / "quartier-mixte.html")])
        pages.append((work / "quartier-mixte.html", None, 3))
        sweep_dir = work / "sweep"
        run([accord, "sweep", str(src / "tests/report/data/sweep-small.yaml"), "-q", "-j", "2",
             "-o", str(sweep_dir)])
        run([accord, "report", str(sweep_dir / "sweep.h5"), "-o", str(work / "sweep-small.html")])
        pages.append((work / "sweep-small.html", None, 3))  # heatmap, points, morris

    for html, expected, minimum in pages:
        check_page(chromium, html, expected, minimum)

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
