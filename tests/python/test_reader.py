#!/usr/bin/env python3
"""Checks accord_reader.py on a run file and the invariants of DESIGN.md §3.3.

    /usr/bin/python3 tests/python/test_reader.py RUN.h5
    /usr/bin/python3 tests/python/test_reader.py --sweep SWEEP.h5 SUMMARY.csv

Plain script (no pytest): prints one line per failed check and exits 1 if any failed.
Energy invariants (per step, to 1e-9 kWh) are checked when the file has /energy
(detail=full): allocated <= consumption, allocated + supplied == consumption,
autoprod + surplus == production, sum over participants of allocated == sum over producers
of autoprod. The reader's error paths are checked on modified copies in a temporary folder.
Governance (format 1.2): the file's own /governance, /actors and /dynamics/trust_pmo are
checked against the contract when present (None/empty otherwise, always for format < 1.2),
and a copy with synthetic governance records (tests/report/synthetic_governance.py) must
read back as written.
"""

import os
import shutil
import sys
import tempfile
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "analysis" / "python"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "report"))
import accord_reader  # noqa: E402
import synthetic_governance  # noqa: E402

TOL = 1e-9  # kWh, DESIGN.md §3.3
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print(f"FAIL: {message}", file=sys.stderr)


def check_raises(kind, function, message):
    try:
        function()
    except kind:
        return
    except Exception as error:  # noqa: BLE001
        check(False, f"{message}: raised {type(error).__name__}: {error}")
        return
    check(False, f"{message}: no {kind.__name__} raised")


def check_described(h5file):
    """Every dataset carries units and description attributes."""
    missing = []

    def visit(name, obj):
        if isinstance(obj, h5py.Dataset):
            if "units" not in obj.attrs or "description" not in obj.attrs:
                missing.append(name)

    h5file.visititems(visit)
    check(not missing, f"datasets without units/description: {missing}")


def check_energy(run):
    cons = run.energy("consumption").to_numpy()
    alloc = run.energy("allocated").to_numpy()
    supp = run.energy("supplied").to_numpy()
    prod = run.energy("production").to_numpy()
    auto = run.energy("autoprod").to_numpy()
    surp = run.energy("surplus").to_numpy()
    t = len(run.time)
    n = len(run.participants)
    p = len(run.producers)
    for name, array, width in (("consumption", cons, n), ("allocated", alloc, n),
                               ("supplied", supp, n), ("production", prod, p),
                               ("autoprod", auto, p), ("surplus", surp, p)):
        check(array.shape == (t, width), f"/energy/{name} shape {array.shape} != {(t, width)}")
        check(run.units(f"energy/{name}") == "kWh", f"/energy/{name} units is not kWh")
        check(np.isfinite(array).all(), f"/energy/{name} has non-finite values")
    check(bool((alloc <= cons + TOL).all()),
          f"allocated <= consumption violated by {float((alloc - cons).max()):.3g} kWh")
    check(np.allclose(alloc + supp, cons, rtol=0, atol=TOL),
          f"allocated + supplied != consumption (max {float(abs(alloc + supp - cons).max()):.3g})")
    check(np.allclose(auto + surp, prod, rtol=0, atol=TOL),
          f"autoprod + surplus != production (max {float(abs(auto + surp - prod).max()):.3g})")
    check(np.allclose(alloc.sum(axis=1), auto.sum(axis=1), rtol=0, atol=TOL),
          "sum(allocated) != sum(autoprod) at some step "
          f"(max {float(abs(alloc.sum(axis=1) - auto.sum(axis=1)).max()):.3g})")
    check((alloc >= -TOL).all() and (supp >= -TOL).all() and (surp >= -TOL).all(),
          "negative allocated/supplied/surplus")
    frame = run.energy("consumption")
    check(str(frame.index.tz) == "UTC", "energy index is not UTC")
    check(list(frame.columns) == list(run.participants.index), "energy columns != participant ids")
    check(list(run.energy("production").columns) == list(run.producers.index),
          "production columns != producer ids")
    steps = np.diff(frame.index.asi8) // 1_000_000_000
    check(len(steps) == 0 or bool((steps == run.step_seconds).all()),
          "time/start is not spaced by step_seconds")


def check_periods(run):
    m = len(run.period_start)
    n = len(run.participants)
    member = run.periods("member").to_numpy()
    check(member.shape == (m, n), f"/periods/member shape {member.shape}")
    check(set(np.unique(member)) <= {0, 1}, "/periods/member is not 0/1")
    for name in ("bill_reference", "bill", "benefit", "internal_purchase"):
        frame = run.periods(name)
        check(frame.shape == (m, n), f"/periods/{name} shape {frame.shape}")
        check(run.units(f"periods/{name}") == "EUR", f"/periods/{name} units is not EUR")
    for name in ("pmo_costs", "pmo_fees"):
        check(run.periods(name).shape == (m, 1), f"/periods/{name} shape")
    if len(run.time):
        check(run.period_start[0] == run.time[0], "first period does not start with the first step")
    # Format 1.5: a plant produces nothing before the period it was commissioned in (-1: never
    # built, 0: from the start).
    if "commissioned_period" in run.producers.columns:
        since = run.producers["commissioned_period"].to_numpy()
        check(((since >= -1) & (since < m)).all(), "commissioned_period outside [-1, M)")
        production = run.periods("production").to_numpy()
        for p, c in enumerate(since):
            before = production[:, p] if c < 0 else production[:c, p]
            check((before == 0).all(), f"producer {p} produces before it is commissioned ({c})")


def check_xarray(run, path, detail):
    try:
        import xarray as xr
    except ImportError:
        print("skip: xarray not installed")
        return
    ds = run.to_xarray()
    if detail != "summary":
        check({"participant", "producer", "period"} <= set(ds.sizes), f"to_xarray dims {dict(ds.sizes)}")
        check(ds["bill"].dims == ("period", "participant"), f"bill dims {ds['bill'].dims}")
    if detail == "full":
        check(ds["consumption"].dims == ("time", "participant"), "consumption dims")
        check(ds["surplus"].dims == ("time", "producer"), "surplus dims")
    engine = None
    for candidate in ("h5netcdf", "netCDF4"):
        try:
            __import__(candidate)
            engine = candidate.lower()
            break
        except ImportError:
            continue
    if engine is None:
        print("skip: neither h5netcdf nor netCDF4 installed (xarray.open_dataset not checked)")
        return
    groups = {"full": ["energy", "periods", "participants", "producers", "time", "summary"],
              "periods": ["periods", "participants", "producers", "time", "summary"],
              "summary": ["summary"]}[detail]
    for group in groups:
        try:
            with xr.open_dataset(path, group=group, engine=engine) as opened:
                if group == "energy":
                    check(opened["consumption"].dims == ("time", "participant"),
                          f"xarray energy dims {opened['consumption'].dims}")
                    check(opened["time"].dtype.kind == "M", "xarray did not decode time")
                if group == "periods":
                    check(opened["bill"].dims == ("period", "participant"),
                          f"xarray periods dims {opened['bill'].dims}")
        except Exception as error:  # noqa: BLE001
            check(False, f"xarray.open_dataset(group={group!r}, engine={engine!r}): {error}")


GOVERNANCE_COLUMNS = ["period", "time", "item", "protocol", "decided_by", "options",
                      "option_source", "chosen", "chosen_option", "changed", "support",
                      "participation", "turnout", "quorum_reached", "rounds", "agreed", "refused",
                      "forecast_error"]


def check_governance(run):
    """The format 1.2 groups against docs/hdf5-format.md, when the file has them."""
    version = tuple(run.attrs["format_version"])
    gov, in_force, power, actors = run.governance, run.in_force, run.voting_power, run.actors
    if version < (1, 2) or run.detail == "summary":
        check(gov is None and run.ballots is None, f"governance rows in a {version} file")
        check(in_force is None and power == {} and actors == {},
              f"in_force/voting_power/actors in a {version} / {run.detail} file")
        return
    ids = list(run.participants.index)
    n, m = len(ids), len(run.period_start)
    if gov is not None:
        check(list(gov.columns) == GOVERNANCE_COLUMNS, f"governance columns {list(gov.columns)}")
        r = len(gov)
        check(gov["period"].between(0, m - 1).all(), "governance period outside [0, M)")
        check(set(gov["item"]) <= {"sharing_key", "benefit_rule", "internal_price",
                                   "territorial_shares", "pmo_fee", "expansion", "admission",
                                   "renewal"}, f"items {set(gov['item'])}")
        check(set(gov["protocol"]) <= {"vote", "bargaining", "single_text", "delegated"},
              f"protocols {set(gov['protocol'])}")
        check(set(gov["decided_by"]) <= {"assembly", "board", "municipality", "parties", "mediator"},
              f"decided_by {set(gov['decided_by'])}")
        widths = gov["options"].map(len)
        check((widths >= 1).all(), "a governance row without its status quo")
        check(all("" not in o for o in gov["options"]), "padding left in options")
        check((gov["option_source"].map(len) == widths).all(), "option_source not aligned")
        check(((gov["chosen"] >= 0) & (gov["chosen"] < widths)).all(), "chosen outside the options")
        check(all(o[c] == t for o, c, t in zip(gov["options"], gov["chosen"], gov["chosen_option"])),
              "chosen_option is not options[chosen]")
        check(str(gov["time"].dt.tz) == "UTC", "governance time is not UTC")
        ballots = run.ballots
        check(ballots.shape == (r, n) and list(ballots.columns) == ids, f"ballots {ballots.shape}")
        check(bool((ballots.to_numpy() >= -2).all()), "ballot below -2")
        check(all((row < w).all() for (_, row), w in zip(ballots.iterrows(), widths)),
              "a ballot for an option the row does not have")
        k = run.h5["governance/options"].shape[1]
        for name in ("utility", "payoff_eur"):
            check(run.governance_array(name).shape == (r, n, k), f"/governance/{name} shape")
    if in_force is not None:
        check(len(in_force) == m, f"in_force has {len(in_force)} periods, expected {m}")
        check(in_force.index.equals(run.period_start), "in_force index != period starts")
    if power:
        members = power["members"]
        check(list(members.index) == ids, "voting power members != participant ids")
        colleges = power["colleges"]
        check(members["college_index"].between(-1, len(colleges) - 1).all(), "member_college range")
        counts = members["college_index"].value_counts()
        check(all(counts.get(c, 0) == colleges["members"].iloc[c] for c in range(len(colleges))),
              "college_members != number of members with that member_college")
        if (members["college_index"] >= 0).any():
            check(abs(members["shapley_shubik"].sum() - 1) < 1e-6, "Shapley-Shubik indices do not sum to 1")
            check(abs(members["banzhaf"].sum() - 1) < 1e-6, "Banzhaf indices do not sum to 1")
        check(isinstance(power["exact"], bool), "voting_power exact is not a bool")
    if "behaviour" in actors:
        check(list(actors["behaviour"].index) == ids, "behaviour index != participant ids")
    if "dynamics" in run.h5 and "trust_pmo" in run.h5["dynamics"]:
        check(run.dynamics("trust_pmo").shape == (m, n), "trust_pmo shape")


def check_membership(run, member):
    """Format 1.4 /dynamics/membership against /periods/member, when the file has it."""
    table = run.membership()
    if "dynamics/membership" not in run.h5:
        check(table.empty, "membership() without /dynamics/membership")
        return
    state = run.dynamics("membership/state").to_numpy()
    check(state.shape == member.shape, f"membership/state shape {state.shape}")
    check(list(table.index) == list(run.participants.index), "membership index")
    starts = list(run.period_start)
    # A member in period m + 1 was a member (or under a notice not yet run out) after m.
    for i, pid in enumerate(table.index):
        left = table.loc[pid, "left"]
        left_index = starts.index(left) if not pd.isna(left) else None
        for m in range(state.shape[0] - 1):
            expected = state[m, i] == 2 or (state[m, i] == 3 and (left_index is None or left_index > m + 1))
            if bool(member[m + 1, i]) != bool(expected):
                check(False, f"{pid}: member in period {m + 1} is {member[m + 1, i]}, state after {m} is {state[m, i]}")
                break
        joined = table.loc[pid, "joined"]
        if not pd.isna(joined):
            check(bool(member[starts.index(joined), i]), f"{pid}: not a member the period it joined")
    check(set(table["exit_cause"]) <= set(accord_reader.Run.EXIT_CAUSES), "exit causes")
    # Everyone who left has a cause (a notice running past the end has a cause, no date).
    check(bool((table.loc[table["left"].notna(), "exit_cause"] != "none").all()),
          "a member left without a cause")


def check_lifecycle(run):
    """Format 1.4 /lifecycle, when the file has it: phases in order, events in time order,
    nobody a member before the start."""
    phase, events = run.lifecycle()
    if "lifecycle" not in run.h5:
        check(phase.empty and events.empty, "lifecycle() without /lifecycle")
        return
    attrs = run.h5["lifecycle"].attrs
    check(len(phase) == len(run.period_start), "one phase per period")
    codes = run.h5["lifecycle/phase"][()]
    pre = codes[codes < 5]
    check(bool((np.diff(pre) >= 0).all()), "phases before operation out of order")
    check(events.index.is_monotonic_increasing, "events not in time order")
    start = int(attrs["start_period"])
    member = run.h5["periods/member"][()]
    if start >= 0:
        check(phase.iloc[start] == "operation", "start_period is not operating")
        check(int(member[:start].sum()) == 0, "members before the start")
    else:
        check(int(member.sum()) == 0, "members without a start")
    check(set(events["type"]) <= {"phase", "abandoned", "derogation_granted", "not_started",
                                  "outage", "inverter_failure", "anchor_exit", "dissolved"},
          "event types")


def check_dynamics(run):
    """The format 1.3 /dynamics group against docs/hdf5-format.md, when the file has it."""
    if "dynamics/person" not in run.h5:
        return
    n = len(run.participants)
    candidates = run.candidates()
    persons = n + len(candidates)
    check(len(run.h5["dynamics/person"]) == persons, "person = participants + candidates")
    for name in ("satisfaction", "aspiration", "trust_pmo"):
        frame = run.dynamics(name)
        check(frame.shape == (len(run.period_start), n), f"/dynamics/{name} shape {frame.shape}")
        check(list(frame.columns) == list(run.participants.index), f"{name} columns")
    attitude = run.dynamics("attitude")
    check(attitude.shape == (len(run.period_start), persons), f"attitude shape {attitude.shape}")
    check(list(attitude.columns[n:]) == list(candidates.index), "attitude columns: candidates last")
    # Satisfaction and aspiration are a member's: NaN exactly where /periods/member is 0.
    member = run.h5["periods/member"][()] != 0
    for name in ("satisfaction", "aspiration"):
        values = run.dynamics(name).to_numpy()
        check(bool((np.isfinite(values) == member).all()), f"/dynamics/{name} NaN off members")
    for name in ("satisfaction", "attitude", "trust_pmo"):
        values = run.dynamics(name).to_numpy()
        values = values[member] if name == "satisfaction" else values
        check(values.size == 0 or (np.isfinite(values).all() and values.min() >= 0 and values.max() <= 1),
              f"/dynamics/{name} outside [0, 1]")
    check((run.dynamics("aspiration").to_numpy()[member] >= 0).all(), "aspiration below 0")
    # Format 1.4: trust in the municipality and each intermediary, [M, persons] in [0, 1].
    names = [f"trust_intermediaries/{k}" for k in run.h5["dynamics"].get("trust_intermediaries", {})]
    if "dynamics/trust_municipality" in run.h5:
        names.append("trust_municipality")
    for name in names:
        values = run.dynamics(name).to_numpy()
        check(values.shape == (len(run.period_start), persons), f"/dynamics/{name} shape")
        check(np.isfinite(values).all() and values.min() >= 0 and values.max() <= 1,
              f"/dynamics/{name} outside [0, 1]")
    check_membership(run, member)
    ties = run.network()
    ids = set(run.h5["dynamics/person"].asstr()[()])
    check(len(ties) > 0 and set(ties["from"]) <= ids and set(ties["to"]) <= ids, "network ids")
    raw_from, raw_to = run.h5["dynamics/network/from"][()], run.h5["dynamics/network/to"][()]
    check(bool((raw_from < raw_to).all()), "network ties not ordered from < to")
    check(candidates["income_decile"].between(0, 10).all(), "candidates' deciles")


def check_synthetic_governance(path):
    """Synthetic governance records added to a copy of the file read back as written."""
    folder = tempfile.mkdtemp(prefix="accord-governance-")
    try:
        target = os.path.join(folder, "governance.h5")
        shutil.copyfile(path, target)
        written = synthetic_governance.add_governance(target, seed=3)
        with accord_reader.open_run(target) as run:
            check_governance(run)
            gov = run.governance
            rows = written["rows"]
            check(gov is not None and len(gov) == len(rows), "synthetic governance rows")
            check(list(gov["item"]) == [row[1] for row in rows], "governance items")
            check(list(gov["protocol"]) == [row[2] for row in rows], "governance protocols")
            options = [[o for o in row if o] for row in written["options"].tolist()]
            check(list(gov["options"]) == options, "options lists (padding removed)")
            check(all(len(o) == 2 for o, item in zip(gov["options"], gov["item"])
                      if item == "internal_price"), "padded internal_price rows not shortened")
            check(np.array_equal(gov["chosen"].to_numpy(), written["chosen"]), "chosen")
            check(np.array_equal(gov["changed"].to_numpy(), written["changed"].astype(bool)),
                  "changed")
            check(np.array_equal(run.ballots.to_numpy(), written["ballot"]), "ballots")
            check(list(run.in_force["sharing_key"]) == written["in_force_key"], "in_force key")
            power = run.voting_power
            check(list(power["colleges"].index) == written["colleges"], "colleges")
            check(np.array_equal(power["members"]["college_index"].to_numpy(),
                                 written["member_college"]), "member_college")
            check(power["exact"] is True, "exact")
            actors = run.actors
            check(set(actors) == {"pmo", "municipality", "intermediaries", "behaviour"},
                  f"actors {sorted(actors)}")
            check(np.allclose(actors["behaviour"]["participation"].to_numpy(),
                              written["behaviour"]["participation"]), "behaviour participation")
            check(list(actors["pmo"]["colleges"].index) == written["colleges"], "pmo colleges")
            check(actors["pmo"]["attrs"]["form"] == "association", "pmo attributes")
            check(actors["municipality"]["objective_weight"].shape == (2, 4), "objective weights")
            check(list(actors["municipality"]["objective_weight"].index) == ["start", "election 1"],
                  "objective weight rows")
            check(list(actors["intermediaries"].index) == ["alec"], "intermediaries")
            check(run.dynamics("trust_pmo").shape == (written["periods"], written["participants"]),
                  "trust_pmo")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def check_errors(path):
    folder = tempfile.mkdtemp(prefix="accord-reader-")
    try:
        def copy_with(name, change):
            target = os.path.join(folder, name)
            shutil.copyfile(path, target)
            with h5py.File(target, "r+") as f:
                change(f.attrs)
            return target

        wrong_type = copy_with("type.h5", lambda a: a.__setitem__("filetype", "accord-sweep"))
        check_raises(accord_reader.FormatError, lambda: accord_reader.open_run(wrong_type),
                     "wrong filetype accepted")
        major = copy_with("major.h5", lambda a: a.__setitem__(
            "format_version", np.array([2, 0], dtype="int32")))
        check_raises(accord_reader.FormatError, lambda: accord_reader.open_run(major),
                     "format_version 2.0 accepted")
        incomplete = copy_with("incomplete.h5", lambda a: a.__setitem__("complete", 0))
        check_raises(accord_reader.IncompleteRunError,
                     lambda: accord_reader.open_run(incomplete), "incomplete run accepted")
        with accord_reader.open_run(incomplete, allow_incomplete=True) as run:
            check(not run.complete, "allow_incomplete run reports complete")
        text = os.path.join(folder, "text.h5")
        with open(text, "w") as handle:
            handle.write("not hdf5")
        check_raises(accord_reader.FormatError, lambda: accord_reader.open_run(text),
                     "non-HDF5 file accepted")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def check_sweep(path, summary_csv):
    """open_sweep: the design joined with the summaries equals summary.csv written by the
    sweep (same columns, same values), links lead to the run files, errors are raised."""
    import pandas as pd
    with accord_reader.open_sweep(path) as sweep:
        table = sweep.table
        csv = pd.read_csv(summary_csv, index_col="run_id", keep_default_na=False,
                          na_values=[""])
        check(list(table.columns) == list(csv.columns),
              f"sweep table columns differ from summary.csv: {list(table.columns)}")
        check(len(table) == len(csv), "sweep table rows differ from summary.csv")
        for column in sweep.summary.columns:
            a = table[column].to_numpy(dtype=float)
            b = csv[column].to_numpy(dtype=float)
            check(np.allclose(a, b, rtol=1e-12, equal_nan=True), f"KPI {column} differs")
        check(set(sweep.parameters) <= set(table.columns), "parameters missing from table")
        ok = table.index[table["status"] == "ok"]
        check(len(ok) > 0, "no ok run in the sweep")
        with sweep.run(int(ok[0])) as run:
            check(abs(run.summary["benefit_eur"] - table.loc[ok[0], "benefit_eur"]) < 1e-9,
                  "linked run's benefit differs from the sweep summary")
    folder = tempfile.mkdtemp(prefix="accord-sweep-")
    try:
        target = os.path.join(folder, "sweep.h5")
        shutil.copyfile(path, target)
        with h5py.File(target, "r+") as f:
            f.attrs["complete"] = 0
        check_raises(accord_reader.IncompleteRunError, lambda: accord_reader.open_sweep(target),
                     "incomplete sweep accepted")
        with h5py.File(target, "r+") as f:
            f.attrs["filetype"] = "accord-run"
        check_raises(accord_reader.FormatError, lambda: accord_reader.open_sweep(target),
                     "a run file accepted as a sweep")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv):
    if len(argv) == 4 and argv[1] == "--sweep":
        check_sweep(argv[2], argv[3])
        if failures:
            print(f"{len(failures)} check(s) failed on {argv[2]}", file=sys.stderr)
            return 1
        print(f"ok: {argv[2]} (sweep)")
        return 0
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = argv[1]
    with accord_reader.open_run(path) as run:
        attrs = run.attrs
        check(attrs["filetype"] == "accord-run", "filetype")
        check(attrs["format_version"][0] == 1, "format_version major")
        check(attrs["complete"] == 1, "complete")
        for key in ("accord_version", "git_sha", "created_utc", "seed", "replicate",
                    "scenario_name"):
            check(key in attrs, f"root attribute {key} missing")
        detail = run.detail
        yaml_text = run.scenario_yaml
        check(isinstance(yaml_text, str), "scenario yaml is not text")
        import hashlib
        check(hashlib.sha256(yaml_text.encode("utf-8")).hexdigest() == run.scenario_sha256,
              "/scenario/yaml sha256 does not match its text")
        check(all(isinstance(v, (int, float)) for v in run.summary.values()), "summary values")
        check_described(run.h5)
        if detail in ("full", "periods"):
            check(run.participants.index.is_unique, "participant ids are not unique")
            check(run.producers.index.is_unique, "producer ids are not unique")
            check_periods(run)
        if detail == "full":
            check_energy(run)
        else:
            check("energy" not in run.h5, f"/energy present with detail={detail}")
            check_raises(KeyError, lambda: run.energy("consumption"), "energy() without /energy")
        if detail == "summary":
            check(set(run.h5.keys()) == {"scenario", "summary"}, f"groups {sorted(run.h5.keys())}")
        check_xarray(run, path, detail)
        check_governance(run)
        check_dynamics(run)
        check_lifecycle(run)
    check_errors(path)
    if detail in ("full", "periods"):
        check_synthetic_governance(path)
    if failures:
        print(f"{len(failures)} check(s) failed on {path}", file=sys.stderr)
        return 1
    print(f"ok: {path} (detail={detail})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
