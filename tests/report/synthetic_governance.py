#!/usr/bin/env python3
"""Adds synthetic format-1.2 governance records to a copy of a real accord run file.

    synthetic_governance.py RUN.h5 OUT.h5 [--seed N]

The simulation does not write /governance rows yet in every scenario; the analysis side
(accord analyze, accord report, accord_reader.py) is tested on real run files to which this
script adds `/governance` (rows, ballots, utilities, in_force, voting_power), `/actors` and
`/dynamics/trust_pmo` exactly as docs/hdf5-format.md specifies them (types, shapes, units,
descriptions), with values drawn from a seeded generator. The values are plausible, not
simulated: voting power is the college's weight split evenly over its members, decisions
follow the plurality of the ballots. Used by tests/report/check_reports.py and
tests/python/test_reader.py; `participation_by_decile` recomputes the participation
indicator independently of the C++ code.
"""

import argparse
import shutil

import h5py
import numpy as np

K = 3  # options per row
STRING = h5py.string_dtype("utf-8")


def _put(group, name, data, units="", description="", dtype=None):
    d = group.create_dataset(name, data=data, dtype=dtype)
    d.attrs["units"] = units
    d.attrs["description"] = description or name
    return d


def _strings(dataset):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in np.atleast_1d(dataset[()])]


def add_governance(path, seed=1):
    """Writes the 1.2 groups into the run file `path` (modified in place). Returns a dict
    with what was written: rows, periods, ballot [R, N], chosen, changed, protocols."""
    rng = np.random.default_rng(seed)
    with h5py.File(path, "r+") as f:
        f.attrs["format_version"] = np.array([1, 2], dtype="int32")
        ids = _strings(f["participants/id"])
        kinds = _strings(f["participants/kind"])
        n = len(ids)
        starts = f["periods/start"][()]
        m = len(starts)
        member = f["periods/member"][()].astype(bool).reshape(m, n)
        if "governance" in f:
            del f["governance"]
        g = f.create_group("governance")
        g.attrs["calendar"] = "quarterly"
        g.attrs["window_periods"] = np.int64(3)
        g.attrs["description"] = "governance rounds (synthetic, tests/report/synthetic_governance.py)"

        periods_held = list(range(min(2, m - 1), m, 3))
        rows = []  # (period, item, protocol, decided_by)
        for p in periods_held:
            rows.append((p, "sharing_key", "vote", "assembly"))
            rows.append((p, "benefit_rule", "bargaining", "parties"))
            rows.append((p, "internal_price", "single_text", "mediator"))
        g.attrs["rounds"] = np.int64(len(periods_held))
        R = len(rows)
        parties = [i for i, k in enumerate(kinds) if k != "household"][:1] + \
                  [i for i, k in enumerate(kinds) if k == "household"][:1]
        # internal_price has two options: its rows are padded with "" (docs/hdf5-format.md).
        options = {"sharing_key": ["{type: dynamic_default}", "{type: static}", "{type: priority}"],
                   "benefit_rule": ["{type: proportional_consumption}", "{type: equal}",
                                    "{type: needs_based}"],
                   "internal_price": ["0.14", "0.12", ""]}
        ballot = np.full((R, n), -2, dtype="int16")
        chosen = np.zeros(R, dtype="int64")
        quorum = np.ones(R, dtype="uint8")
        agreed = np.zeros(R, dtype="uint8")
        nrounds = np.ones(R, dtype="int64")
        support = np.full(R, np.nan)
        turnout = np.zeros(R)
        for r, (p, item, protocol, _) in enumerate(rows):
            k = sum(1 for o in options[item] if o)
            voters = np.flatnonzero(member[min(p, m - 1)])
            if protocol == "bargaining":
                voters = np.array([i for i in parties if member[min(p, m - 1), i]], dtype=int)
            for i in voters:
                ballot[r, i] = rng.integers(0, k) if rng.random() < 0.6 else -1
            took = ballot[r] >= 0
            turnout[r] = took.sum() / max(1, len(voters))
            if protocol == "vote":
                if turnout[r] < 0.25:
                    quorum[r] = 0
                else:
                    counts = np.bincount(ballot[r][took], minlength=K)
                    chosen[r] = int(np.argmax(counts))
                    support[r] = counts[chosen[r]] / max(1, len(voters))
            else:
                nrounds[r] = int(rng.integers(2, 9))
                agreed[r] = 1 if rng.random() < 0.6 else 0
                chosen[r] = int(rng.integers(1, k)) if agreed[r] else 0
        changed = (chosen != 0).astype("uint8")

        _put(g, "period", np.array([row[0] for row in rows], dtype="int64"), "",
             "billing period after which the round was held")
        _put(g, "time", np.array([starts[min(row[0] + 1, m - 1)] for row in rows], dtype="int64"),
             "seconds since 1970-01-01 00:00:00 UTC", "when the round was held")
        for k, name in ((1, "item"), (2, "protocol"), (3, "decided_by")):
            _put(g, name, np.array([row[k] for row in rows], dtype=object), dtype=STRING)
        opts = np.array([options[row[1]] for row in rows], dtype=object).reshape(R, K)
        _put(g, "options", opts, dtype=STRING, description="options, column 0 the status quo")
        src = np.array([["status_quo", "scenario", "expertise:alec" if options[row[1]][2] else ""]
                        for row in rows], dtype=object).reshape(R, K)
        _put(g, "option_source", src, dtype=STRING)
        _put(g, "chosen", chosen)
        _put(g, "changed", changed)
        _put(g, "support", support, "1")
        _put(g, "participation", turnout, "1")
        _put(g, "turnout", turnout, "1")
        _put(g, "quorum_reached", quorum)
        _put(g, "rounds", nrounds, "1")
        _put(g, "agreed", agreed)
        _put(g, "refused", np.array([""] * R, dtype=object), dtype=STRING)
        forecast = rng.uniform(0, 0.3, R)
        forecast[[i for i, row in enumerate(rows) if row[0] == periods_held[-1]]] = np.nan
        _put(g, "forecast_error", forecast, "1")
        _put(g, "ballot", ballot, description="option voted for; -1 no part; -2 not a voter")
        _put(g, "utility", rng.uniform(-1, 1, (R, n, K)), "1")
        _put(g, "payoff_eur", rng.uniform(-50, 50, (R, n, K)), "EUR")

        # Rules in force: each change applies from the period after its round.
        state = {"sharing_key": options["sharing_key"][0], "benefit_rule": options["benefit_rule"][0],
                 "internal_price": 0.14}
        by_period = {}
        for r, row in enumerate(rows):
            by_period.setdefault(row[0] + 1, []).append(r)
        key, rule, price = [], [], []
        for p in range(m):
            for r in by_period.get(p, []):
                if changed[r]:
                    text = options[rows[r][1]][chosen[r]]
                    state[rows[r][1]] = float(text) if rows[r][1] == "internal_price" else text
            key.append(state["sharing_key"])
            rule.append(state["benefit_rule"])
            price.append(state["internal_price"])
        inf = g.create_group("in_force")
        _put(inf, "sharing_key", np.array(key, dtype=object), dtype=STRING)
        _put(inf, "benefit_rule", np.array(rule, dtype=object), dtype=STRING)
        _put(inf, "internal_price", np.array(price), "EUR/kWh")
        _put(inf, "territorial", np.zeros((m, 3)), "1")
        _put(inf, "pmo_fee", np.full(m, 10.0), "EUR/member/yr")

        # Voting power: one college per kind of member, equal weights, split evenly.
        ever = member.any(axis=0)
        colleges = sorted({kinds[i] for i in range(n) if ever[i]})
        counts = np.array([sum(1 for i in range(n) if ever[i] and kinds[i] == c) for c in colleges])
        weight = np.full(len(colleges), 1.0 / max(1, len(colleges)))
        member_college = np.array([colleges.index(kinds[i]) if ever[i] else -1 for i in range(n)],
                                  dtype="int64")
        index = np.array([weight[c] / counts[c] if c >= 0 else 0.0 for c in member_college])
        vp = g.create_group("voting_power")
        _put(vp, "college", np.array(colleges, dtype=object), dtype=STRING)
        _put(vp, "college_weight", weight, "1")
        _put(vp, "college_members", counts.astype("int64"), "1")
        _put(vp, "college_shapley_shubik", weight, "1")
        _put(vp, "college_banzhaf", weight, "1")
        _put(vp, "member_college", member_college)
        _put(vp, "member_shapley_shubik", index, "1")
        _put(vp, "member_banzhaf", index, "1")
        _put(vp, "exact", np.uint8(1))

        if "actors" in f:
            del f["actors"]
        actors = f.create_group("actors")
        pmo = actors.create_group("pmo")
        for k, v in (("form", "association"), ("voting_rule", "simple_majority"),
                     ("majority_base", "cast"), ("quorum", 0.25), ("board_size", 2)):
            pmo.attrs[k] = v
        _put(pmo, "college_name", np.array(colleges, dtype=object), dtype=STRING)
        _put(pmo, "college_weight", weight, "1")
        _put(pmo, "board", np.array(ids[:2], dtype=object), dtype=STRING)
        mun = actors.create_group("municipality")
        mun.attrs["id"] = ""
        mun.attrs["roles"] = "producer,member"
        _put(mun, "objective", np.array(["territorial_benefit", "low_income_support",
                                         "plant_revenue", "visibility"], dtype=object), dtype=STRING)
        _put(mun, "objective_weight", np.array([[0.4, 0.3, 0.2, 0.1], [0.2, 0.5, 0.2, 0.1]]), "1")
        _put(mun, "election_time", np.array([starts[m // 2]], dtype="int64"),
             "seconds since 1970-01-01 00:00:00 UTC")
        inter = actors.create_group("intermediaries")
        _put(inter, "id", np.array(["alec"], dtype=object), dtype=STRING)
        _put(inter, "role", np.array(["mediation+expertise"], dtype=object), dtype=STRING)
        _put(inter, "engaged_from", np.array([starts[0]], dtype="int64"),
             "seconds since 1970-01-01 00:00:00 UTC")
        _put(inter, "engaged_to", np.array([starts[-1]], dtype="int64"),
             "seconds since 1970-01-01 00:00:00 UTC")
        _put(inter, "cost_eur", np.array([1200.0]), "EUR")
        beh = actors.create_group("behaviour")
        drawn = {}
        for name in ("money_weight", "alpha", "beta", "community_motive", "participation",
                     "initial_trust", "forecast_noise"):
            drawn[name] = rng.uniform(0, 1, n)
            _put(beh, name, drawn[name], "1")
        if "dynamics" not in f:
            f.create_group("dynamics")
        if "trust_pmo" in f["dynamics"]:
            del f["dynamics/trust_pmo"]
        _put(f["dynamics"], "trust_pmo", rng.uniform(0, 1, (m, n)), "1")
    return {"rows": rows, "ballot": ballot, "chosen": chosen, "changed": changed,
            "options": opts, "in_force_key": key, "member_college": member_college,
            "colleges": colleges, "behaviour": drawn, "periods": m, "participants": n}


def participation_by_decile(path):
    """{decile: (eligible, took_part)} from the file's ballots: pairs with ballot != -2, of
    which ballot >= 0 (the definition of docs/analyze.md), deciles with an eligible pair."""
    with h5py.File(path, "r") as f:
        ballot = f["governance/ballot"][()]
        decile = f["participants/income_decile"][()]
    out = {}
    for d in np.unique(decile):
        cols = ballot[:, decile == d]
        eligible = int((cols != -2).sum())
        if eligible:
            out[int(d)] = (eligible, int((cols >= 0).sum()))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run")
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    shutil.copyfile(args.run, args.out)
    written = add_governance(args.out, args.seed)
    print(f"{args.out}: {len(written['rows'])} governance rows added")


if __name__ == "__main__":
    main()
