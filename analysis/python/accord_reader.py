"""Reader for accord run files (HDF5 trajectory, format 1.x; see docs/hdf5-format.md).

    from accord_reader import open_run
    with open_run("out/run.h5") as run:
        run.participants                 # DataFrame indexed by participant id
        run.energy("consumption")        # DataFrame [time UTC x participant id], kWh
        run.periods("bill")              # DataFrame [period start x participant id], EUR
        run.summary                      # {name: value}
        run.to_xarray()                  # xarray.Dataset, dims time/participant/producer/period
        run.governance                   # DataFrame, one row per round and item (None if absent)
        run.in_force, run.voting_power, run.actors, run.ballots   # format 1.2

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


def _trim_padding(options: list) -> list:
    """A row of /governance/options without its trailing "" padding."""
    end = len(options)
    while end > 0 and options[end - 1] == "":
        end -= 1
    return options[:end]


def _attr_value(value):
    if isinstance(value, (bytes, str)):
        return _text(value)
    if isinstance(value, np.ndarray) and value.shape != ():
        return value.tolist()
    return value.item() if hasattr(value, "item") else value


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

    # -- governance, actors, dynamics (format 1.2) ---------------------------------------
    def _governance_rows(self):
        g = self._file.get("governance")
        return g if g is not None and "period" in g else None

    @property
    def governance(self) -> pd.DataFrame | None:
        """One row per governance round and agenda item (/governance, format 1.2), or None
        when the file holds no rows (format 1.0/1.1, `governance.calendar: none`, detail
        summary). Columns: period (billing period after which the round was held; the
        decision applies from period + 1), time (UTC), item, protocol, decided_by, options
        and option_source (lists, padding removed; options[0] is the status quo), chosen,
        chosen_option, changed, support, participation, turnout, quorum_reached, rounds,
        agreed, refused, forecast_error. Ballots, utilities and payoffs: ballots,
        governance_array()."""
        g = self._governance_rows()
        if g is None:
            return None
        rows = len(g["period"])

        def matrix(name):
            values = [_text(v) for v in np.asarray(g[name][()]).reshape(-1)]
            width = len(values) // rows if rows else 0
            return [values[r * width:(r + 1) * width] for r in range(rows)]

        options = [_trim_padding(o) for o in matrix("options")]
        sources = [s[:len(o)] for s, o in zip(matrix("option_source"), options)]
        chosen = np.asarray(g["chosen"][()], dtype="int64")
        frame = pd.DataFrame({
            "period": np.asarray(g["period"][()], dtype="int64"),
            "time": _utc(g["time"][()]),
            "item": _strings(g["item"]),
            "protocol": _strings(g["protocol"]),
            "decided_by": _strings(g["decided_by"]),
            "options": options,
            "option_source": sources,
            "chosen": chosen,
            "chosen_option": [o[c] if 0 <= c < len(o) else None for o, c in zip(options, chosen)],
            "changed": np.asarray(g["changed"][()]).astype(bool),
            "support": g["support"][()],
            "participation": g["participation"][()],
            "turnout": g["turnout"][()],
            "quorum_reached": np.asarray(g["quorum_reached"][()]).astype(bool),
            "rounds": np.asarray(g["rounds"][()], dtype="int64"),
            "agreed": np.asarray(g["agreed"][()]).astype(bool),
            "refused": _strings(g["refused"]),
            "forecast_error": g["forecast_error"][()],
        })
        frame.index.name = "row"
        return frame

    @property
    def ballots(self) -> pd.DataFrame | None:
        """/governance/ballot: index row (as in `governance`), one column per participant id;
        the option each member voted for, -1 took no part, -2 not a voter. None without rows."""
        g = self._governance_rows()
        if g is None:
            return None
        return pd.DataFrame(np.asarray(g["ballot"][()], dtype="int64"),
                            index=pd.RangeIndex(len(g["period"]), name="row"),
                            columns=pd.Index(_strings(self._require("participants/id")),
                                             name="participant"))

    def governance_array(self, name: str) -> np.ndarray:
        """A /governance dataset as numpy, e.g. "utility" or "payoff_eur" [R, N, K]
        (row, participant, option)."""
        return self._require(f"governance/{name}")[()]

    @property
    def in_force(self) -> pd.DataFrame | None:
        """Rules in force in each billing period (/governance/in_force), indexed by period
        start (UTC): sharing_key, benefit_rule (one-line YAML), internal_price (EUR/kWh),
        territorial_solidarity_fund, territorial_reinvestment_reserve,
        territorial_municipality (fractions), pmo_fee (EUR/member/yr). None when absent."""
        g = self._file.get("governance/in_force")
        if g is None:
            return None
        territorial = np.asarray(g["territorial"][()], dtype="float64").reshape(-1, 3)
        return pd.DataFrame({
            "sharing_key": _strings(g["sharing_key"]),
            "benefit_rule": _strings(g["benefit_rule"]),
            "internal_price": g["internal_price"][()],
            "territorial_solidarity_fund": territorial[:, 0],
            "territorial_reinvestment_reserve": territorial[:, 1],
            "territorial_municipality": territorial[:, 2],
            "pmo_fee": g["pmo_fee"][()],
        }, index=self.period_start)

    @property
    def voting_power(self) -> dict:
        """A priori voting power of the statutes (/governance/voting_power): {"colleges":
        DataFrame indexed by college (weight, members, shapley_shubik, banzhaf), "members":
        DataFrame indexed by participant id (college_index, -1 = no vote; college, None
        without; shapley_shubik, banzhaf), "exact": bool}. Empty dict when absent."""
        g = self._file.get("governance/voting_power")
        if g is None:
            return {}
        colleges = _strings(g["college"])
        college_index = np.asarray(g["member_college"][()], dtype="int64")
        return {
            "colleges": pd.DataFrame({
                "weight": g["college_weight"][()],
                "members": np.asarray(g["college_members"][()], dtype="int64"),
                "shapley_shubik": g["college_shapley_shubik"][()],
                "banzhaf": g["college_banzhaf"][()],
            }, index=pd.Index(colleges, name="college")),
            "members": pd.DataFrame({
                "college_index": college_index,
                "college": [colleges[c] if c >= 0 else None for c in college_index],
                "shapley_shubik": g["member_shapley_shubik"][()],
                "banzhaf": g["member_banzhaf"][()],
            }, index=pd.Index(_strings(self._require("participants/id")), name="participant")),
            "exact": bool(np.asarray(g["exact"][()]).item()),
        }

    @property
    def actors(self) -> dict:
        """The actors as they ran (/actors, format 1.2); only the parts the file holds:
        "pmo": {"attrs", "colleges" (DataFrame: weight by college), "board" (member ids)};
        "municipality": {"attrs", "objective_weight" (DataFrame, row 0 at the start, row e
        after election e; one column per objective), "election_time" (UTC)};
        "intermediaries": DataFrame indexed by id (engaged_from/to as UTC datetimes, NaT
        when unbounded);
        "behaviour": DataFrame indexed by participant id (values drawn for each member).
        Other groups: {"attrs", "datasets"}. Empty dict when absent."""
        root = self._file.get("actors")
        if root is None:
            return {}
        out = {}
        for name, group in root.items():
            if not isinstance(group, h5py.Group):
                continue
            attrs = {k: _attr_value(v) for k, v in group.attrs.items()}
            if name == "pmo":
                names = _strings(group["college_name"]) if "college_name" in group else []
                out[name] = {
                    "attrs": attrs,
                    "colleges": pd.DataFrame(
                        {"weight": group["college_weight"][()] if "college_weight" in group else []},
                        index=pd.Index(names, name="college")),
                    "board": _strings(group["board"]) if "board" in group else [],
                }
            elif name == "municipality":
                objectives = _strings(group["objective"]) if "objective" in group else []
                weights = np.asarray(group["objective_weight"][()], dtype="float64") \
                    if "objective_weight" in group else np.zeros((0, len(objectives)))
                weights = weights.reshape(-1, len(objectives)) if objectives else weights
                labels = ["start"] + [f"election {e}" for e in range(1, len(weights))]
                out[name] = {
                    "attrs": attrs,
                    "objective_weight": pd.DataFrame(
                        weights, columns=pd.Index(objectives, name="objective") if objectives else None,
                        index=pd.Index(labels[:len(weights)], name="after")),
                    "election_time": _utc(group["election_time"][()] if "election_time" in group
                                          else []).rename("election_time"),
                }
            elif name in ("intermediaries", "behaviour"):
                columns = {}
                for key, dataset in group.items():
                    if not isinstance(dataset, h5py.Dataset) or key == "id":
                        continue
                    if h5py.check_string_dtype(dataset.dtype) is not None:
                        columns[key] = _strings(dataset)
                    elif key in ("engaged_from", "engaged_to"):
                        # The int64 extremes mean "no bound": NaT.
                        columns[key] = pd.to_datetime(np.asarray(dataset[()], dtype="int64"),
                                                      unit="s", utc=True, errors="coerce")
                    else:
                        columns[key] = dataset[()]
                if name == "behaviour":
                    index = pd.Index(_strings(self._require("participants/id")), name="participant")
                else:
                    ids = _strings(group["id"]) if "id" in group else []
                    index = pd.Index(ids, name="id")
                out[name] = pd.DataFrame(columns, index=index)
            else:
                out[name] = {"attrs": attrs,
                             "datasets": {k: d[()] for k, d in group.items()
                                          if isinstance(d, h5py.Dataset)}}
        return out

    def dynamics(self, name: str) -> pd.DataFrame:
        """Per-period array /dynamics/<name>: index period start (UTC), one column per
        participant id for [M, N] arrays ("trust_pmo", "satisfaction", "aspiration"), per person
        id (participants, then candidates) for [M, N + C] ones ("attitude",
        "attitude_uncertainty"; format 1.3), integer columns otherwise."""
        values = self._require(f"dynamics/{name}")[()]
        ids = _strings(self._require("participants/id"))
        columns = None
        if values.shape[1] == len(ids):
            columns = pd.Index(ids, name="participant")
        elif "dynamics/person" in self._file and values.shape[1] == len(self._file["dynamics/person"]):
            columns = pd.Index(_strings(self._file["dynamics/person"]), name="person")
        return pd.DataFrame(values, index=self.period_start, columns=columns)

    def candidates(self) -> pd.DataFrame:
        """The candidates of /dynamics/candidates (format 1.3): index id; kind, group,
        income_decile, low_income. Empty without a `dynamics:` section or candidates."""
        group = self._file.get("dynamics/candidates")
        if group is None or "id" not in group:
            return pd.DataFrame(columns=["kind", "group", "income_decile", "low_income"],
                                index=pd.Index([], name="id"))
        return pd.DataFrame({"kind": _strings(group["kind"]), "group": _strings(group["group"]),
                             "income_decile": group["income_decile"][()],
                             "low_income": group["low_income"][()].astype(bool)},
                            index=pd.Index(_strings(group["id"]), name="id"))

    EXIT_CAUSES = ("none", "dissatisfied", "losses", "event")
    MEMBER_STATES = ("candidate", "applicant", "member", "under_notice", "left")

    def membership(self) -> pd.DataFrame:
        """Who applied, joined and left (format 1.4, runs with dynamics.membership): index
        participant id; applied, joined and left as period starts (NaT: never; joined is the
        first period as a member, left the first period gone), exit_cause as a name (none,
        dissatisfied, losses, event). Empty without membership. The states per period are
        run.dynamics("membership/state") (0 candidate, 1 applicant, 2 member, 3 under notice,
        4 left)."""
        group = self._file.get("dynamics/membership")
        columns = ["applied", "joined", "left", "exit_cause"]
        if group is None:
            return pd.DataFrame(columns=columns, index=pd.Index([], name="id"))
        starts = self.period_start

        def dates(name):
            index = group[name][()]
            return pd.DatetimeIndex([starts[i] if i >= 0 else pd.NaT for i in index])

        return pd.DataFrame({"applied": dates("applied"), "joined": dates("joined"),
                             "left": dates("left"),
                             "exit_cause": [self.EXIT_CAUSES[c] for c in group["exit_cause"][()]]},
                            index=pd.Index(_strings(self._require("participants/id")), name="id"))

    PROJECT_PHASES = ("emergence", "feasibility", "recruitment", "structuring", "grid_agreement",
                      "operation", "abandoned", "dissolved")

    def lifecycle(self) -> tuple[pd.Series, pd.DataFrame]:
        """The project's lifecycle (format 1.4, runs with a `lifecycle:` section): the phase of
        each period (a Series of phase names indexed by period start, UTC) and the events (a
        DataFrame indexed by time, UTC, with columns period, type, subject, cause). Both empty
        without a lifecycle. The group's attributes (initiator, start_period, abandoned_in,
        abandonment_cause) are in run.h5["lifecycle"].attrs."""
        group = self._file.get("lifecycle")
        if group is None:
            return (pd.Series([], dtype=object, name="phase"),
                    pd.DataFrame(columns=["period", "type", "subject", "cause"]))
        phase = pd.Series([self.PROJECT_PHASES[p] for p in group["phase"][()]],
                          index=self.period_start, name="phase")
        ev = group["events"]
        time = pd.to_datetime(ev["time"][()], unit="s", utc=True)
        events = pd.DataFrame({"period": ev["period"][()], "type": _strings(ev["type"]),
                               "subject": _strings(ev["subject"]), "cause": _strings(ev["cause"])},
                              index=pd.DatetimeIndex(time, name="time"))
        return phase, events

    def network(self) -> pd.DataFrame:
        """The social network's ties (format 1.3) as person ids: columns from, to."""
        person = _strings(self._require("dynamics/person"))
        ties = self._require("dynamics/network")
        return pd.DataFrame({"from": [person[i] for i in ties["from"][()]],
                             "to": [person[i] for i in ties["to"][()]]})

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
