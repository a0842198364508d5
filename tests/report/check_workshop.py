#!/usr/bin/env python3
"""The workshop page (`accord report SWEEP.h5 --workshop`) driven in headless Chromium.

    check_workshop.py --accord BIN --source SRC --work DIR

Builds a small real sweep with the binary (a grid of the benefit rule x the internal price,
3 replicates, one month of scenarios/quartier-mixte.yaml), writes its workshop page and opens
it in Debian's headless Chromium, driven over the DevTools protocol (python3-websocket):
mouse clicks on two factors' options, as a user does, then on the language switch. After
each click the values the page drew (data-drawn of the charts, data-value of the bars) must
equal the mean over the replicates that sweep.h5 holds for the chosen levels (recomputed here
with h5py, relative tolerance 1e-9), for every kind and income decile, and must have changed
from the first state; the language switch changes the labels, not the values. A page where a
combination of levels has no design point says so instead of drawing. No error may be
recorded by the page or reported by the browser, and the page may make no request (the
browser's events and its net log, as check_reports.py). A sweep whose factor is the scenario
file (`base`) names it "Community type" / "Type de communauté" and its options by the files'
stems. A sweep with a continuous parameter,
a sampled (lhs) design and a run file are refused with exit status 2 and one line.
Chromium missing is a failure.
"""

import argparse
import json
import math
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import h5py
import numpy as np

try:
    import websocket  # Debian python3-websocket
except ImportError:
    websocket = None

RULES = ["equal", "proportional_consumption"]
PRICES = [0.08, 0.14]
RULE_PATH = "community.benefit_rule"
PRICE_PATH = "community.internal_price.eur_per_kwh"
RULE_LABEL = "Règle de partage des gains"
RULE_LABELS = ["À parts égales", "Selon la consommation"]
REL_TOL = 1e-9

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--remote-debugging-port=0", "--window-size=1280,1000",
]

failures = []


def fail(where, message):
    failures.append(f"{where}: {message}")
    print(f"FAIL {where}: {message}", flush=True)


def ok(where, message):
    print(f"ok   {where}: {message}", flush=True)


def run(cmd, **kwargs):
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {result.returncode}:\n"
                           f"{result.stdout}\n{result.stderr}")
    return result


def sweep_yaml(base, labels, extra=""):
    rule_values = "[{type: equal}, {type: proportional_consumption}]"
    named = f', label: "{RULE_LABEL}", labels: {json.dumps(RULE_LABELS, ensure_ascii=False)}' if labels else ""
    return (f"accord_sweep: 1\n"
            f"name: workshop-check\n"
            f"base: {json.dumps(str(base))}\n"
            f"seed: 7\n"
            f"replicates: 3\n"
            f"set:\n  time.end: 2025-02-01\n"
            f"parameters:\n"
            f"  - {{path: {RULE_PATH}, values: {rule_values}{named}}}\n"
            f"  - {{path: {PRICE_PATH}, values: {json.dumps(PRICES)}}}\n"
            f"design: {{type: grid}}\n"
            f"output: {{detail: summary}}\n" + extra)


# ---------------------------------------------------------------- the sweep file, in Python

def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


class Sweep:
    """Reads sweep.h5 and gives, for levels (rule index, price index), the design point and
    the mean over its ok replicates of every KPI."""

    def __init__(self, path):
        with h5py.File(path, "r") as f:
            design = f["design"]
            self.status = [text(s) for s in design["status"][()]]
            self.point = design["point"][()]
            self.rule = [text(s) for s in design[RULE_PATH][()]]
            self.price = design[PRICE_PATH][()]
            self.rule_attrs = {k: text(v) for k, v in design[RULE_PATH].attrs.items()}
            self.summary = {k: f["summary"][k][()] for k in f["summary"]}

    def rows(self, rule, price):
        # "equal" is not part of "proportional_consumption": the name picks the rule.
        return [i for i in range(len(self.status))
                if RULES[rule] in self.rule[i] and self.price[i] == PRICES[price]]

    def point_of(self, rule, price):
        points = {int(self.point[i]) for i in self.rows(rule, price)}
        if len(points) != 1:
            raise RuntimeError(f"levels {(rule, price)} match points {points}")
        return points.pop()

    def mean(self, kpi, rule, price):
        values = [self.summary[kpi][i] for i in self.rows(rule, price)
                  if self.status[i] == "ok" and math.isfinite(self.summary[kpi][i])]
        return float(np.mean(values)) if values else None

    def groups(self):
        kinds = sorted(k for k in self.summary
                       if k.startswith("benefit_") and k.endswith("_eur_per_year") and not k.startswith("benefit_decile_"))
        deciles = sorted((k for k in self.summary if k.startswith("benefit_decile_")),
                         key=lambda k: int(k.split("_")[2]))
        return ({k[len("benefit_"):-len("_eur_per_year")]: k for k in kinds},
                {k.split("_")[2]: k for k in deciles})


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= REL_TOL * max(abs(a), abs(b), 1e-300) or a == b


# ---------------------------------------------------------------- Chromium over DevTools

class Browser:
    """Headless Chromium with remote debugging; one page driven over the flattened protocol
    (one websocket, commands carrying the page's sessionId)."""

    def __init__(self, chromium, profile, netlog):
        self.proc = subprocess.Popen(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--log-net-log={netlog}",
             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        port_file = Path(profile) / "DevToolsActivePort"
        deadline = time.time() + 90
        while not port_file.exists() or len(port_file.read_text().split()) < 2:
            if self.proc.poll() is not None:
                raise RuntimeError(f"chromium exited {self.proc.returncode}: {self.proc.stderr.read()[-2000:]}")
            if time.time() > deadline:
                raise RuntimeError("chromium did not open its DevTools port")
            time.sleep(0.1)
        port, path = port_file.read_text().split()[:2]
        self.ws = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=120,
                                              suppress_origin=True)
        self.next_id = 0
        self.events = []
        self.session = None

    def send(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def open_page(self, accept_language=None):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": 1280, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
        if accept_language:
            self.send("Emulation.setUserAgentOverride",
                      {"userAgent": self.evaluate("navigator.userAgent"), "acceptLanguage": accept_language})
        return target

    def close_page(self, target):
        self.send("Target.closeTarget", {"targetId": target}, session=False)
        self.session = None

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluate {expression[:80]!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def navigate(self, url):
        self.send("Page.navigate", {"url": url})
        self.wait_for("document.readyState === 'complete' && document.body && "
                      "document.body.dataset.status === 'done'", what=f"{url} to finish drawing")

    def wait_for(self, expression, what, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if self.evaluate(expression):
                    return
            except RuntimeError:
                pass  # the page is being replaced
            time.sleep(0.05)
        raise RuntimeError(f"timed out waiting for {what}")

    def click(self, selector):
        """A user's click: the mouse pressed and released at the element's centre."""
        where = self.evaluate(
            "(function () { var e = document.querySelector(%s); if (!e) return null;"
            " e.scrollIntoView({block: 'center'}); var r = e.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()" % json.dumps(selector))
        if where is None:
            raise RuntimeError(f"no element {selector}")
        x, y = where
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left",
                                                   "clickCount": 1})

    def click_and_wait(self, selector):
        before = int(self.evaluate("document.body.dataset.redraws || '0'"))
        self.click(selector)
        self.wait_for(f"Number(document.body.dataset.redraws || '0') > {before}",
                      what=f"a redraw after clicking {selector}", timeout=30)

    def problems(self, page_urls):
        """Errors the browser reported and requests other than the pages themselves, since
        the last call."""
        out = []
        events, self.events = self.events, []
        for e in events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.exceptionThrown":
                out.append(f"exception: {params.get('exceptionDetails', {}).get('text')}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                out.append(f"console.{params.get('type')}: {[a.get('value') for a in params.get('args', [])]}")
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                out.append(f"log: {params['entry'].get('text')} {params['entry'].get('url', '')}")
            elif method == "Network.requestWillBeSent":
                url = params.get("request", {}).get("url", "")
                if url not in page_urls and url != "about:blank":
                    out.append(f"request: {url}")
        return out

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except Exception:  # noqa: BLE001 - the browser may close the socket first
            pass
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.ws.close()


# ---------------------------------------------------------------- the checks

def drawn(browser, chart):
    value = browser.evaluate(f"(function () {{ var f = document.getElementById('chart-{chart}');"
                             " return f ? f.dataset.drawn : null; })()")
    return json.loads(value) if value else None


def bars(browser, chart):
    return browser.evaluate(
        f"Array.prototype.map.call(document.querySelectorAll('#chart-{chart} rect.bar[data-which=now]'),"
        " function (r) { return [r.dataset.key, Number(r.dataset.value), r.dataset.low, r.dataset.high]; })")


def check_state(browser, sweep, levels, where):
    """The page's drawing for `levels` against sweep.h5; returns the drawn means."""
    kinds, deciles = sweep.groups()
    before = len(failures)
    expected_point = sweep.point_of(*levels)
    state = browser.evaluate("document.getElementById('ws-output').dataset.state")
    point = browser.evaluate("document.getElementById('ws-output').dataset.point")
    if state != "ok" or point != str(expected_point):
        fail(where, f"output state {state!r} point {point!r}, expected ok and {expected_point}")
        return {}
    means = {}
    for chart, groups in (("kind", kinds), ("decile", deciles)):
        if not groups:
            fail(where, f"sweep.h5 has no benefit_*_eur_per_year KPI for the {chart} chart")
            continue
        d = drawn(browser, chart)
        if d is None or d.get("point") != expected_point:
            fail(where, f"chart {chart}: drawn {d and d.get('point')}, expected point {expected_point}")
            continue
        marks = {key: value for key, value, _, _ in bars(browser, chart)}
        for key, kpi in groups.items():
            want = sweep.mean(kpi, *levels)
            got = (d["values"].get(key) or {}).get("mean")
            if not close(got, want):
                fail(where, f"{chart} {key}: drawn mean {got}, sweep.h5 mean over replicates {want}")
            if want is not None and not close(marks.get(key), want):
                fail(where, f"{chart} {key}: bar data-value {marks.get(key)}, expected {want}")
            means[(chart, key)] = got
        if set(d["values"]) != set(groups):
            fail(where, f"{chart}: drawn groups {sorted(d['values'])} != {sorted(groups)}")
    if len(failures) == before:
        ok(where, f"point {expected_point}: {len(means)} means equal sweep.h5's")
    return means


def check_errors(browser, where, page_urls):
    errors = browser.evaluate("document.body.dataset.errors")
    listed = browser.evaluate("Array.prototype.map.call(document.querySelectorAll('#problem-list li'),"
                              " function (l) { return l.textContent; })")
    if errors != "0" or listed:
        fail(where, f"the page recorded errors ({errors}): {listed}")
    for problem in browser.problems(page_urls):
        fail(where, problem)


def texts(browser):
    return browser.evaluate(
        "({lang: document.documentElement.lang, body: document.body.dataset.lang,"
        " title: document.getElementById('ws-title').textContent,"
        " chart: (document.querySelector('#chart-kind h3') || {}).textContent,"
        " legends: Array.prototype.map.call(document.querySelectorAll('#ws-controls legend'),"
        "   function (l) { return l.firstChild.textContent; }),"
        " options: Array.prototype.map.call(document.querySelectorAll('#ws-controls label.chip'),"
        "   function (l) { return l.textContent; })})")


def drive_page(browser, html, sweep):
    """Clicks two factors and the language switch; checks the drawings against sweep.h5."""
    where = html.name
    url = html.resolve().as_uri()
    target = browser.open_page()
    browser.navigate(url)
    lang = browser.evaluate("navigator.language")
    first = texts(browser)
    expected_lang = "fr" if lang.lower().startswith("fr") else "en"
    if first["body"] != expected_lang or first["lang"] != expected_lang:
        fail(where, f"browser language {lang!r}: page in {first['body']!r}, expected {expected_lang!r}")
    # Factor names: the sweep file's label when sweep.h5 has it, else the path.
    want_rule = sweep.rule_attrs.get("label", RULE_PATH)
    if first["legends"][:2] != [want_rule, PRICE_PATH]:
        fail(where, f"factor names {first['legends']}, expected {[want_rule, PRICE_PATH]}")
    if "labels" in sweep.rule_attrs and first["options"][:2] != RULE_LABELS:
        fail(where, f"options {first['options'][:2]}, expected the sweep file's labels {RULE_LABELS}")
    if first["options"][2:4] != [str(p) for p in PRICES]:
        fail(where, f"price options {first['options'][2:4]}, expected the values {PRICES}")

    start = check_state(browser, sweep, (0, 0), f"{where} start")
    # Two controls changed as a user does: a click on an option of each factor.
    browser.click_and_wait('label.chip[data-factor-index="0"][data-level="1"]')
    check_state(browser, sweep, (1, 0), f"{where} after the first click")
    browser.click_and_wait('label.chip[data-factor-index="1"][data-level="1"]')
    after = check_state(browser, sweep, (1, 1), f"{where} after the second click")
    changed = [k for k in start if k in after and start[k] is not None and after[k] is not None
               and not close(start[k], after[k])]
    if not any(k[0] == "kind" for k in changed) or not any(k[0] == "decile" for k in changed):
        fail(where, f"the drawn values did not change with the choices (changed: {changed})")
    else:
        ok(where, f"{len(changed)} of {len(start)} drawn means changed with the two clicks")

    # The language switch: other labels, same values.
    other = "en" if first["body"] == "fr" else "fr"
    browser.click_and_wait(f'button[data-lang-button="{other}"]')
    switched = texts(browser)
    if switched["body"] != other or switched["lang"] != other:
        fail(where, f"after the switch to {other}: page in {switched['body']!r} (html lang {switched['lang']!r})")
    for field in ("title", "chart"):
        if not switched[field] or switched[field] == first[field]:
            fail(where, f"the {field} did not change with the language: {first[field]!r} -> {switched[field]!r}")
    again = check_state(browser, sweep, (1, 1), f"{where} in {other}")
    if again != after:
        fail(where, "the values changed with the language")
    browser.click_and_wait(f'button[data-lang-button="{first["body"]}"]')
    if texts(browser)["title"] != first["title"]:
        fail(where, "switching back did not restore the labels")
    ok(where, f"language {first['body']} -> {other} -> {first['body']}: labels {first['title']!r} / {switched['title']!r}")

    # Keep a choice to compare: kept bars drawn beside the current ones.
    browser.click_and_wait("#ws-pin-button")
    browser.click_and_wait('label.chip[data-factor-index="0"][data-level="0"]')
    kept = browser.evaluate("document.querySelectorAll('#chart-kind rect.bar[data-which=kept]').length")
    if not kept:
        fail(where, "no kept bars after 'keep this choice to compare'")
    check_state(browser, sweep, (0, 1), f"{where} compared")
    check_errors(browser, where, {url})
    browser.close_page(target)

    # A French browser gets the French page.
    target = browser.open_page(accept_language="fr-FR,fr")
    browser.navigate(url)
    if browser.evaluate("navigator.language").lower().startswith("fr"):
        if texts(browser)["body"] != "fr":
            fail(where, "a French browser did not get the French page")
        else:
            ok(where, "a French browser gets the French page")
    check_errors(browser, where, {url})
    browser.close_page(target)


def drive_missing(browser, html):
    """A document without the point (1, 1): the page says so instead of drawing."""
    where = html.name
    url = html.resolve().as_uri()
    target = browser.open_page()
    browser.navigate(url)
    browser.click_and_wait('label.chip[data-factor-index="0"][data-level="1"]')
    browser.click_and_wait('label.chip[data-factor-index="1"][data-level="1"]')
    state = browser.evaluate("document.getElementById('ws-output').dataset.state")
    message = browser.evaluate("(document.querySelector('#ws-output .ws-missing') || {}).textContent")
    charts = browser.evaluate("document.querySelectorAll('#ws-output figure').length")
    if state != "missing" or not message or charts:
        fail(where, f"missing point: state {state!r}, message {message!r}, {charts} charts")
    else:
        ok(where, f"missing combination said in words: {message[:70]!r}...")
    browser.click_and_wait("#ws-output .ws-missing button")
    if browser.evaluate("document.getElementById('ws-output').dataset.state") != "ok":
        fail(where, "'back to the starting choices' did not draw the first point")
    check_errors(browser, where, {url})
    browser.close_page(target)


def drive_base(browser, html):
    """A sweep whose factor is the scenario file (`base`): named "Community type" or "Type de
    communauté", its options by the files' stems; choosing the other file draws its point."""
    where = html.name
    url = html.resolve().as_uri()
    target = browser.open_page()
    browser.navigate(url)
    current = texts(browser)
    other = "en" if current["body"] == "fr" else "fr"
    browser.click_and_wait(f'button[data-lang-button="{other}"]')
    names = {current["body"]: current, other: texts(browser)}
    want = {"en": "Community type", "fr": "Type de communauté"}
    for lang, t in names.items():
        if t["legends"][:1] != [want[lang]] or t["options"] != ["quartier-mixte", "quartier-mixte-scic"]:
            fail(where, f"{lang}: factor {t['legends']}, options {t['options']}; expected "
                        f"{want[lang]!r} and the scenario files' stems")
    browser.click_and_wait('label.chip[data-factor-index="0"][data-level="1"]')
    state = browser.evaluate("document.getElementById('ws-output').dataset.state")
    point = browser.evaluate("document.getElementById('ws-output').dataset.point")
    if state != "ok" or point != "1":
        fail(where, f"after choosing the second scenario: state {state!r}, point {point!r}")
    check_errors(browser, where, {url})
    browser.close_page(target)
    if not any(f.startswith(where) for f in failures):
        ok(where, "the scenario factor is named in both languages, its options by file stem")


def check_refused(accord, work, path, expect, where):
    out = work / f"refused-{where}.html"
    result = subprocess.run([accord, "report", str(path), "--workshop", "-o", str(out)],
                            capture_output=True, text=True)
    lines = result.stderr.strip().splitlines()
    if result.returncode != 2 or len(lines) != 1 or str(path) not in lines[0] or expect not in lines[0] \
            or out.exists():
        fail(where, f"exit {result.returncode}, stderr {result.stderr!r}, page written: {out.exists()}")
    else:
        ok(where, f"refused: {lines[0]}")


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
    if websocket is None:
        print("FAIL: python3-websocket is not installed (scripts/install-deps.sh installs it).")
        return 1
    src = Path(args.source).resolve()
    work = Path(args.work).resolve()
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    accord = args.accord
    base = src / "scenarios/quartier-mixte.yaml"

    # The sweep: 2 x 2 levels, 3 replicates, one month.
    spec = work / "workshop-sweep.yaml"
    spec.write_text(sweep_yaml(base, labels=True), encoding="utf-8")
    made = subprocess.run([accord, "sweep", str(spec), "-q", "-j", "2", "-o", str(work / "sweep")],
                          capture_output=True, text=True)
    if made.returncode == 2 and "label" in made.stderr:
        print("note: this accord does not know the sweep keys label/labels; sweep without them")
        spec.write_text(sweep_yaml(base, labels=False), encoding="utf-8")
        made = subprocess.run([accord, "sweep", str(spec), "-q", "-j", "2", "-o", str(work / "sweep")],
                              capture_output=True, text=True)
    if made.returncode != 0:
        raise RuntimeError(f"accord sweep exited {made.returncode}: {made.stderr}")
    sweep_h5 = work / "sweep" / "sweep.h5"
    sweep = Sweep(sweep_h5)
    page = work / "workshop.html"
    run([accord, "report", sweep_h5, "--workshop", "-o", page])

    # The same document without the point of levels (1, 1).
    document = json.loads(run([accord, "analyze", sweep_h5, "--format", "json"]).stdout)
    gone = sweep.point_of(1, 1)
    document["points"] = [p for p in document["points"] if p["point"] != gone]
    missing_json = work / "workshop-missing.json"
    missing_json.write_text(json.dumps(document), encoding="utf-8")
    missing_page = work / "workshop-missing.html"
    run([accord, "report", missing_json, "--workshop", "-o", missing_page])

    # The scenario itself as a factor (the `base` parameter), one replicate.
    base_spec = work / "base-sweep.yaml"
    base_spec.write_text(
        f"accord_sweep: 1\nname: community-types\nreplicates: 1\nset:\n  time.end: 2025-01-08\n"
        # Plain scalars: a quoted value keeps its quotes in the design (and as a file name).
        f"parameters:\n  - {{path: base, values: [{base}, {src / 'scenarios/quartier-mixte-scic.yaml'}]}}\n"
        f"design: {{type: grid}}\noutput: {{detail: summary}}\n", encoding="utf-8")
    run([accord, "sweep", base_spec, "-q", "-j", "2", "-o", work / "base"])
    base_page = work / "workshop-base.html"
    run([accord, "report", work / "base" / "sweep.h5", "--workshop", "-o", base_page])

    # Refused: a sampled design, a continuous parameter, a run file.
    document["design"]["type"] = "lhs"
    lhs_json = work / "lhs.json"
    lhs_json.write_text(json.dumps(document), encoding="utf-8")
    check_refused(accord, work, lhs_json, "grid or list design of discrete values", "lhs design")
    continuous = work / "continuous-sweep.yaml"
    continuous.write_text(
        f"accord_sweep: 1\nname: continuous\nbase: {json.dumps(str(base))}\nreplicates: 1\n"
        f"set:\n  time.end: 2025-01-08\n"
        f"parameters:\n  - {{path: {PRICE_PATH}, distribution: {{uniform: [0.08, 0.14]}}}}\n"
        f"design: {{type: grid, levels: 2}}\noutput: {{detail: summary}}\n", encoding="utf-8")
    run([accord, "sweep", continuous, "-q", "-j", "2", "-o", work / "continuous"])
    check_refused(accord, work, work / "continuous" / "sweep.h5", "continuous", "continuous parameter")
    check_refused(accord, work, work / "sweep" / "runs" / "run-000000.h5", "needs a sweep file", "run file")

    with tempfile.TemporaryDirectory(prefix="accord-workshop-") as profile:
        netlog = Path(profile) / "netlog.json"
        browser = Browser(chromium, Path(profile) / "profile", netlog)
        try:
            drive_page(browser, page, sweep)
            drive_missing(browser, missing_page)
            drive_base(browser, base_page)
        finally:
            browser.close()
        sys.path.insert(0, str(src / "tests/report"))
        from check_reports import page_requests
        pages = {p.resolve().as_uri() for p in (page, missing_page, base_page)} | {"about:blank"}
        requests = [u for u in page_requests(netlog) if u not in pages]
        if requests:
            fail("net log", f"the pages made network requests: {requests[:5]}")
        else:
            ok("net log", "no request made by the pages")

    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("the workshop page draws the sweep's means for the chosen levels, in both languages")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as error:
        print(f"FAIL: {error}")
        sys.exit(1)
