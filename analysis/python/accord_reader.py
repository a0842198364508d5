"""Reader for accord run files (HDF5 trajectory, format 1.x; see docs/hdf5-format.md).

    from accord_reader import open_run
    with open_run("out/run.h5") as run:
        run.participants                 # DataFrame indexed by participant id
        run.energy("consumption")        # DataFrame [time UTC x participant id], kWh
        run.periods("bill")              # DataFrame [period start x participant id], EUR
        run.summary                      # {name: value}
        run.to_xarray()                  # xarray.Dataset, dims time/participant/producer/period

Uses only Debian's python3-h5py, python3-numpy, python3-pandas (and python3-xarray for
to_xarray).
"""

from __future__ import annotations

import h5py
import numpy as np
import pandas as pd

FILETYPE = "accord-run"
SUPPORTED_MAJOR = 1

__all__ = ["FormatError", "IncompleteRunError", "Run", "open_run", "FILETYPE", "SUPPORTED_MAJOR",
           "Sweep", "open_sweep", "SWEEP_FILETYPE"]


class FormatError(ValueError):
    """The file is not an accord run file of a supported format version."""


class IncompleteRunError(FormatError):
    """The run file was not finished (attribute complete != 1)."""


def _text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray) and value.shape == ():
        return _text(value[()])
    return str(value)


def _strings(dataset: h5py.Dataset) -> list[str]:
    return [_text(v) for v in np.atleast_1d(dataset[()])]


def _utc(seconds) -> pd.DatetimeIndex:
    return pd.to_datetime(np.asarray(seconds, dtype="int64"), unit="s", utc=True)


class _ContractFile:
    """An accord HDF5 file opened read-only after the contract checks every reader makes
    first (docs/hdf5-format.md): filetype, format_version major, complete."""

    FILETYPE = ""
    WHAT = "file"
    INCOMPLETE_HINT = ""

    def __init__(self, path, allow_incomplete: bool = False):
        self.path = str(path)
        try:
            self._file = h5py.File(self.path, "r")
        except OSError as error:
            raise FormatError(f"{self.path}: not a readable HDF5 file ({error})") from None
        try:
            self._check(allow_incomplete)
        except BaseException:
            self._file.close()
            raise

    def _check(self, allow_incomplete: bool) -> None:
        attrs = self._file.attrs
        filetype = _text(attrs["filetype"]) if "filetype" in attrs else None
        if filetype != self.FILETYPE:
            raise FormatError(f"{self.path}: filetype is {filetype!r}, expected {self.FILETYPE!r}")
        if "format_version" not in attrs:
            raise FormatError(f"{self.path}: no format_version attribute")
        version = tuple(int(v) for v in np.atleast_1d(attrs["format_version"]))
        if len(version) != 2 or version[0] != SUPPORTED_MAJOR:
            raise FormatError(
                f"{self.path}: format_version {list(version)} is not supported by this reader "
                f"(major {SUPPORTED_MAJOR} expected); use a matching accord_reader.py"
            )
        self.format_version = version
        complete = int(attrs["complete"]) if "complete" in attrs else 0
        if complete != 1 and not allow_incomplete:
            raise IncompleteRunError(
                f"{self.path}: the {self.WHAT} is incomplete (complete={complete}); it was "
                f"interrupted or is still being written{self.INCOMPLETE_HINT}"
            )
        self.complete = complete == 1

    # -- file handling -------------------------------------------------------------------
    def close(self) -> None:
        self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def h5(self) -> h5py.File:
        """The underlying h5py.File, for datasets this reader has no shortcut for."""
        return self._file


class Run(_ContractFile):
    """An open accord run file. Use open_run(); close() or use as a context manager."""

    FILETYPE = FILETYPE  # the module constant (class bodies read globals)
    WHAT = "run"
    INCOMPLETE_HINT = " (open_run(..., allow_incomplete=True) to read it anyway)"

    # -- provenance ----------------------------------------------------------------------
    @property
    def attrs(self) -> dict:
        """Root attributes (provenance): strings as str, numbers as Python numbers."""
        out = {}
        for key, value in self._file.attrs.items():
            if isinstance(value, (bytes, str)):
                out[key] = _text(value)
            elif isinstance(value, np.ndarray) and value.shape != ():
                out[key] = value.tolist()
            else:
                out[key] = value.item() if hasattr(value, "item") else value
        return out

    @property
    def detail(self) -> str:
        return self.attrs.get("detail", "full")

    @property
    def scenario_yaml(self) -> str:
        return _text(self._require("scenario/yaml")[()])

    @property
    def scenario_sha256(self) -> str:
        return _text(self._require("scenario/yaml").attrs["sha256"])

    # -- static tables -------------------------------------------------------------------
    def _require(self, name: str):
        if name not in self._file:
            raise KeyError(
                f"{self.path}: /{name} is not in this run (written with detail={self.detail})"
            )
        return self._file[name]

    def _table(self, group_name: str, index_name: str) -> pd.DataFrame:
        group = self._require(group_name)
        ids = _strings(group["id"])
        columns = {}
        for name, dataset in group.items():
            if name == "id":
                continue
            if h5py.check_string_dtype(dataset.dtype) is not None:
                columns[name] = _strings(dataset)
            else:
                columns[name] = dataset[()]
        frame = pd.DataFrame(columns, index=pd.Index(ids, name=index_name))
        if "low_income" in frame:
            frame["low_income"] = frame["low_income"].astype(bool)
        return frame

    @property
    def participants(self) -> pd.DataFrame:
        """Static attributes of the participants, indexed by participant id."""
        return self._table("participants", "participant")

    @property
    def producers(self) -> pd.DataFrame:
        """Static attributes of the producers, indexed by producer id."""
        return self._table("producers", "producer")

    @property
    def time(self) -> pd.DatetimeIndex:
        """Start of each metering step, UTC."""
        return _utc(self._require("time/start")[()]).rename("time")

    @property
    def step_seconds(self) -> int:
        return int(self._require("time/start").attrs["step_seconds"])

    @property
    def timezone(self) -> str:
        return _text(self._require("time/start").attrs["timezone"])

    @property
    def period_start(self) -> pd.DatetimeIndex:
        """Start of each billing period, UTC."""
        return _utc(self._require("periods/start")[()]).rename("period")

    # -- arrays --------------------------------------------------------------------------
    def _columns_for(self, dataset: h5py.Dataset) -> pd.Index:
        width = dataset.shape[1]
        participants = _strings(self._require("participants/id"))
        producers = _strings(self._require("producers/id"))
        # The attached dimension scale says which axis this is; fall back on the width.
        scale = dataset.dims[1][0].name.rsplit("/", 1)[-1] if len(dataset.dims[1]) else ""
        if scale == "producer" or (scale == "" and width == len(producers) != len(participants)):
            return pd.Index(producers, name="producer")
        return pd.Index(participants, name="participant")

    def energy(self, name: str) -> pd.DataFrame:
        """Per-step array /energy/<name> (kWh): index time (UTC), one column per id."""
        dataset = self._require(f"energy/{name}")
        return pd.DataFrame(dataset[()], index=self.time, columns=self._columns_for(dataset))

    def periods(self, name: str) -> pd.DataFrame:
        """Per-period array /periods/<name>: index period start (UTC), one column per id
        (a single column named <name> for per-period totals such as pmo_costs)."""
        dataset = self._require(f"periods/{name}")
        values = dataset[()]
        if values.ndim == 1:
            return pd.DataFrame({name: values}, index=self.period_start)
        return pd.DataFrame(values, index=self.period_start, columns=self._columns_for(dataset))

    @property
    def summary(self) -> dict:
        """Scalar indicators: {name: value}."""
        group = self._require("summary")
        return {name: dataset[()].item() for name, dataset in group.items()}

    @property
    def summary_units(self) -> dict:
        group = self._require("summary")
        return {name: _text(dataset.attrs.get("units", "")) for name, dataset in group.items()}

    def units(self, name: str) -> str:
        """The units attribute of a dataset given by its path, e.g. 'energy/consumption'."""
        return _text(self._require(name).attrs["units"])

    # -- xarray --------------------------------------------------------------------------
    def to_xarray(self):
        """Everything as one xarray.Dataset with dims time, participant, producer, period.
        Participant attributes are coordinates on `participant`; producer attributes are
        coordinates on `producer`, prefixed `producer_`. Per-period energy of format 1.1 that
        shares a name with an /energy series is named period_<name>. Each variable keeps its units and
        description; the root attributes become the Dataset's attributes."""
        import xarray as xr

        f = self._file
        ds = xr.Dataset(attrs=self.attrs)
        if "participants" in f:
            ds = ds.assign_coords(participant=_strings(f["participants/id"]))
            for name, column in self.participants.items():
                ds = ds.assign_coords({name: ("participant", column.to_numpy())})
            ds = ds.assign_coords(producer=_strings(f["producers/id"]))
            for name, column in self.producers.items():
                ds = ds.assign_coords({f"producer_{name}": ("producer", column.to_numpy())})
        if "time" in f:
            ds = ds.assign_coords(time=self.time.tz_localize(None))
        if "periods" in f:
            ds = ds.assign_coords(period=self.period_start.tz_localize(None))

        def meta(dataset):
            return {k: _text(dataset.attrs[k]) for k in ("units", "description") if k in dataset.attrs}

        if "energy" in f:
            for name, dataset in f["energy"].items():
                if dataset.ndim != 2:
                    continue  # local coordinate scales
                dims = ("time", self._columns_for(dataset).name)
                ds[name] = xr.Variable(dims, dataset[()], attrs=meta(dataset))
        if "periods" in f:
            for name, dataset in f["periods"].items():
                if dataset.ndim == 2:
                    dims = ("period", self._columns_for(dataset).name)
                elif name in ("pmo_costs", "pmo_fees"):
                    dims = ("period",)
                else:
                    continue  # start/period/participant/producer coordinates
                # Format 1.1 also has per-period energy named like the /energy series
                # (consumption, allocated, ...): those become period_<name>.
                key = f"period_{name}" if name in ds.data_vars else name
                ds[key] = xr.Variable(dims, dataset[()], attrs=meta(dataset))
        if "summary" in f:
            for name, dataset in f["summary"].items():
                ds[f"summary_{name}"] = xr.Variable((), dataset[()], attrs=meta(dataset))
        return ds

    def __repr__(self) -> str:
        a = self.attrs
        return (
            f"<accord run {a.get('scenario_name', '?')!r} seed={a.get('seed')} "
            f"replicate={a.get('replicate')} detail={self.detail} path={self.path!r}>"
        )


def open_run(path, allow_incomplete: bool = False) -> Run:
    """Opens an accord run file, checking filetype == "accord-run", format_version major == 1
    and complete == 1 (unless allow_incomplete). Raises FormatError / IncompleteRunError."""
    return Run(path, allow_incomplete=allow_incomplete)


SWEEP_FILETYPE = "accord-sweep"


class Sweep(_ContractFile):
    """An open accord sweep file (docs/sweeps.md). Use open_sweep(); close() or use as a
    context manager.

        with open_sweep("out/sw/sweep.h5") as sweep:
            sweep.design        # DataFrame indexed by run_id: point, replicate, seed, status,
                                # error, one column per parameter path
            sweep.summary       # DataFrame indexed by run_id: one column per KPI (NaN not ok)
            sweep.table         # design joined with summary (the columns of summary.csv)
            sweep.parameters    # parameter paths in design order
            with sweep.run(3) as run: ...   # the run file of run 3 (a Run)
    """

    FILETYPE = SWEEP_FILETYPE
    WHAT = "sweep"

    @property
    def parameters(self) -> list[str]:
        text = _text(self._file["design"].attrs.get("parameters", ""))
        return [line for line in text.split("\n") if line]

    @property
    def design_type(self) -> str:
        return _text(self._file["design"].attrs.get("type", ""))

    @property
    def design(self) -> pd.DataFrame:
        g = self._file["design"]
        run_id = g["run_id"][()]
        columns = {}
        for name in ("point", "replicate", "seed"):
            columns[name] = g[name][()]
        for name in ("status", "error"):
            columns[name] = _strings(g[name]) if name in g else [""] * len(run_id)
        for path in self.parameters:
            d = g[path]
            columns[path] = _strings(d) if d.dtype.kind in ("O", "S", "U") else d[()]
        return pd.DataFrame(columns, index=pd.Index(run_id, name="run_id"))

    @property
    def summary(self) -> pd.DataFrame:
        g = self._file["summary"]
        run_id = self._file["design/run_id"][()]
        return pd.DataFrame({name: g[name][()] for name in sorted(g.keys())},
                            index=pd.Index(run_id, name="run_id"))

    @property
    def summary_units(self) -> dict:
        g = self._file["summary"]
        return {name: _text(g[name].attrs.get("units", "")) for name in g.keys()}

    @property
    def table(self) -> pd.DataFrame:
        """Design joined with the summaries, one row per run (the columns of summary.csv)."""
        design = self.design
        error = design.pop("error")
        out = design.join(self.summary)
        out["error"] = error
        return out

    def run_path(self, run_id: int) -> str:
        """Path of a run's file (from the external link /runs/run-NNNNNN)."""
        import os
        name = f"run-{int(run_id):06d}"
        link = self._file["runs"].get(name, getlink=True)
        if link is None:
            raise KeyError(f"{self.path}: run {run_id} has no file (not ok?)")
        return os.path.join(os.path.dirname(os.path.abspath(self.path)), link.filename)

    def run(self, run_id: int, allow_incomplete: bool = False) -> "Run":
        return Run(self.run_path(run_id), allow_incomplete)

    def __repr__(self) -> str:
        return f"<accord Sweep {self.path}: {len(self._file['design/run_id'])} runs>"


def open_sweep(path) -> Sweep:
    """Opens an accord sweep file, checking filetype, major version and completeness."""
    return Sweep(path)
