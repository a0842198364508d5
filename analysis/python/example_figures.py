#!/usr/bin/env python3
"""Reproduces the main figures of `accord report` from a run file with matplotlib.

    /usr/bin/python3 analysis/python/example_figures.py out/run.h5 -o figures/

Writes PNGs (only those the file has the data for):
    lorenz.png             Lorenz curve of the annual benefit, one curve per benefit rule
    benefit_by_decile.png  mean benefit per member by income decile, per rule
    energy_burden.png      electricity bill as % of income by decile, before and after
    monthly_flows.png      energy (detail full) and money per billing period

An example to start from, not a second implementation of `accord analyze`: it reads the run
file directly (accord_reader.open_run, h5py, pandas) with the same conventions as the report
(benefit summed over billing periods; burden = mean bill / mean income of the decile, the
income prorated to the periods the run covers). Needs Debian's python3-matplotlib,
python3-h5py, python3-pandas.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accord_reader import open_run  # noqa: E402


def _text(value) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def rule_benefits(run) -> dict[str, pd.Series]:
    """Annual benefit per member (EUR, summed over billing periods), per rule in /sharing,
    the rule in force first. Falls back on /periods/benefit (the rule in force only)."""
    members = run.periods("member").astype(bool).any(axis=0)
    out = {}
    h5 = run.h5
    if "sharing/rules" in h5:
        ids = run.participants.index
        for name in (_text(r) for r in np.atleast_1d(h5["sharing/rules"][()])):
            values = np.asarray(h5[f"sharing/{name}/benefit"][()]).sum(axis=0)
            out[name] = pd.Series(values, index=ids)[members.values]
    elif "periods/benefit" in h5:
        out["rule in force"] = run.periods("benefit").sum(axis=0)[members.values]
    return out


def lorenz(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cumulative population share and cumulative benefit share, sorted ascending."""
    v = np.sort(np.asarray(values, dtype=float))
    p = np.arange(len(v) + 1) / len(v)
    total = v.sum()
    l = np.concatenate([[0.0], np.cumsum(v) / total]) if total != 0 else p
    return p, l


def figure_lorenz(benefits, out: Path) -> Path:
    fig, ax = plt.subplots(figsize=(6.5, 5.5))
    ax.plot([0, 1], [0, 1], ls="--", color="0.6", lw=1, label="equal shares")
    for name, series in benefits.items():
        p, l = lorenz(series.values)
        ax.plot(p, l, lw=2, label=name)
    ax.set_title("Lorenz curves of the annual benefit, by rule")
    ax.set_xlabel("Cumulative share of members, ranked by benefit (0–1)")
    ax.set_ylabel("Cumulative share of total benefit (0–1)")
    ax.set_xlim(0, 1)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=9)
    path = out / "lorenz.png"
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def figure_deciles(benefits, deciles: pd.Series, out: Path) -> Path | None:
    known = deciles[deciles > 0]
    if known.empty:
        return None
    table = pd.DataFrame({name: s.groupby(known.reindex(s.index)).mean() for name, s in benefits.items()})
    table = table.reindex(range(1, 11))
    fig, ax = plt.subplots(figsize=(7.5, 5))
    width = 0.8 / max(1, len(table.columns))
    for i, name in enumerate(table.columns):
        ax.bar(table.index + (i - (len(table.columns) - 1) / 2) * width, table[name], width, label=name)
    ax.set_title("Mean annual benefit by income decile")
    ax.set_xlabel("Income decile (1 = lowest)")
    ax.set_ylabel("Mean benefit per member (EUR/yr)")
    ax.set_xticks(range(1, 11))
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=9)
    path = out / "benefit_by_decile.png"
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def figure_burden(run, participants: pd.DataFrame, out: Path) -> Path | None:
    income = participants["income_eur_per_year"]
    decile = participants["income_decile"]
    known = income.notna() & (income > 0) & (decile > 0)
    if not known.any():
        return None
    months = len(run.period_start)
    year_share = months / 12.0  # income prorated to the periods the run covers
    before = run.periods("bill_reference").sum(axis=0)[known]
    after = run.periods("bill").sum(axis=0)[known]
    frame = pd.DataFrame({"decile": decile[known], "income": income[known] * year_share,
                          "before": before, "after": after})
    means = frame.groupby("decile").mean()
    means = means.reindex(range(1, 11))
    fig, ax = plt.subplots(figsize=(7.5, 5))
    x = np.arange(1, 11)
    ax.bar(x - 0.2, 100 * means["before"] / means["income"], 0.4, color="#b0b8c4", label="before (no community)")
    ax.bar(x + 0.2, 100 * means["after"] / means["income"], 0.4, color="#1f6f8b", label="after (with community)")
    ax.axhline(10, color="#a4262c", ls="--", lw=1, label="10 % of income")
    ax.set_title("Energy burden by income decile, before and after")
    ax.set_xlabel("Income decile (1 = lowest)")
    ax.set_ylabel("Electricity spending (% of income)")
    ax.set_xticks(x)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=9)
    path = out / "energy_burden.png"
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def figure_monthly(run, out: Path) -> Path:
    starts = run.period_start
    has_energy = "energy/consumption" in run.h5
    fig, axes = plt.subplots(1, 2 if has_energy else 1, figsize=(13 if has_energy else 7, 5), squeeze=False)
    axes = axes[0]
    labels = [s.strftime("%Y-%m") for s in starts.tz_convert(run.timezone)]
    if has_energy:
        # Steps grouped by the billing period they fall in (periods start at `starts`).
        period_of_step = np.searchsorted(starts.values, run.time.values, side="right") - 1
        ax = axes[0]
        for name, label in [("consumption", "Consumption"), ("production", "Production"),
                            ("allocated", "Shared (allocated to members)"), ("surplus", "Surplus (sold to the grid)")]:
            totals = run.energy(name).sum(axis=1).groupby(period_of_step).sum().reindex(range(len(starts)))
            ax.plot(labels, totals.values, marker="o", lw=2, label=label)
        ax.set_title("Energy per billing period (community totals)")
        ax.set_xlabel("Billing period (start month)")
        ax.set_ylabel("Energy (kWh per period)")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
        ax.tick_params(axis="x", rotation=45)
    ax = axes[-1]
    for name, label in [("bill_reference", "Bills without the community"), ("bill", "Bills with the community"),
                        ("benefit", "Members' benefit")]:
        ax.plot(labels, run.periods(name).sum(axis=1).values, marker="o", lw=2, label=label)
    revenue = run.periods("producer_internal_revenue").sum(axis=1) + run.periods("producer_surplus_revenue").sum(axis=1)
    ax.plot(labels, revenue.values, marker="o", lw=2, label="Producers' revenue")
    ax.plot(labels, run.periods("pmo_costs")["pmo_costs"].values, marker="o", lw=1.5, label="PMO costs")
    ax.set_title("Money per billing period (community totals)")
    ax.set_xlabel("Billing period (start month)")
    ax.set_ylabel("Amount (EUR per period)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    ax.tick_params(axis="x", rotation=45)
    path = out / "monthly_flows.png"
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", help="run file (accord run ... -o run.h5), detail full or periods")
    parser.add_argument("-o", "--output", default="figures", help="folder for the PNGs")
    args = parser.parse_args(argv)
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    with open_run(args.run) as run:
        if "periods" not in run.h5:
            print(f"{args.run}: no /periods (detail {run.detail}); run with output.detail full or periods",
                  file=sys.stderr)
            return 2
        participants = run.participants
        benefits = rule_benefits(run)
        written = [figure_lorenz(benefits, out) if benefits else None,
                   figure_deciles(benefits, participants["income_decile"], out) if benefits else None,
                   figure_burden(run, participants, out),
                   figure_monthly(run, out)]
    for path in written:
        if path is not None:
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
