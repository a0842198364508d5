#!/usr/bin/env python3
"""Runs analysis/python/example_figures.py on a real run and checks its PNGs.

    check_example_figures.py ACCORD SOURCE WORKDIR

A run of quartier-mixte (two months, detail full: incomes, two billing periods, energy
arrays), then the example script; every figure must exist, be a PNG (signature) of a
plausible size (a blank 100 dpi canvas is a few kB; a drawn figure is tens of kB).
"""

import shutil
import subprocess
import sys
from pathlib import Path

FIGURES = ["lorenz.png", "benefit_by_decile.png", "energy_burden.png", "monthly_flows.png"]


def main() -> int:
    accord, src, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    run = work / "run.h5"
    subprocess.run([accord, "run", str(src / "scenarios/quartier-mixte.yaml"), "-q",
                    "--set", "time.end=2025-03-01", "-o", str(run)], check=True)
    out = work / "figures"
    result = subprocess.run([sys.executable, str(src / "analysis/python/example_figures.py"),
                             str(run), "-o", str(out)], capture_output=True, text=True)
    print(result.stdout, result.stderr)
    if result.returncode != 0:
        print(f"FAIL: example_figures.py exited {result.returncode}")
        return 1
    bad = []
    for name in FIGURES:
        path = out / name
        if not path.exists():
            bad.append(f"{name} missing")
            continue
        data = path.read_bytes()
        if not data.startswith(b"\x89PNG\r\n\x1a\n") or len(data) < 15000:
            bad.append(f"{name}: not a drawn PNG ({len(data)} bytes)")
    for b in bad:
        print(f"FAIL: {b}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
