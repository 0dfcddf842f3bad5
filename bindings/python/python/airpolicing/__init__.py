"""airpolicing: how many aircraft does it take to police a ceasefire line from the air?

Thin Python bindings of the Rust library. Scenarios are validated with the same errors as the
command-line tool, and a run with the same integer seed gives the same numbers as
``airpolicing run --seed``. Nothing global changes on import.
"""

from __future__ import annotations

import html
import json
import os
from typing import Any, Iterable, Mapping, Optional, Sequence

import numpy as np

from . import _airpolicing
from ._airpolicing import ScenarioError

__all__ = [
    "Scenario",
    "ScenarioError",
    "Estimate",
    "RunResult",
    "SizeResult",
    "SweepResult",
    "Sustainment",
    "estimate",
    "run",
    "size",
    "sweep",
    "sustain",
    "cases",
    "ladder",
    "bundled_names",
]


def bundled_names() -> list[str]:
    """Names of the scenarios shipped with the package."""
    return list(_airpolicing.bundled_names())


class Scenario:
    """A validated scenario. Build one with :meth:`load`, :meth:`from_toml` or :meth:`from_dict`."""

    __slots__ = ("_native",)

    def __init__(self, native: Any) -> None:
        self._native = native

    @classmethod
    def load(cls, name_or_path: str) -> "Scenario":
        """A scenario file, or a bundled scenario by name (``ukraine``, ``baltic``, …)."""
        if not isinstance(name_or_path, str):
            raise TypeError(f"name_or_path must be a str, not {type(name_or_path).__name__}")
        return cls(_airpolicing.NativeScenario.load(name_or_path))

    @classmethod
    def from_toml(cls, text: str, origin: str = "<toml>") -> "Scenario":
        """Parses and validates scenario TOML text."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        return cls(_airpolicing.NativeScenario.from_toml(text, origin))

    @classmethod
    def from_dict(cls, d: dict, origin: str = "<dict>") -> "Scenario":
        """Validates a scenario given as a dict shaped like the TOML file."""
        if not isinstance(d, dict):
            raise TypeError(f"d must be a dict, not {type(d).__name__}")
        return cls(_airpolicing.NativeScenario.from_json(json.dumps(d), origin))

    def to_dict(self) -> dict:
        """The scenario file as a dict (round-trips through :meth:`from_dict`)."""
        return json.loads(self._native.to_json())

    def to_toml(self) -> str:
        """The scenario file as TOML text."""
        return self._native.to_toml()

    def __reduce__(self) -> tuple:
        """Pickled (for Dask, multiprocessing, ``copy.deepcopy``) as its TOML text and origin, and
        validated again when unpickled: the same scenario, field for field."""
        return (Scenario.from_toml, (self.to_toml(), self._native.origin))

    def with_value(self, path: str, value: float) -> "Scenario":
        """A copy with the number at ``path`` (``violations.rate_per_day``,
        ``squadrons[0].aircraft_count``, ``aircraft_types.f16.turnaround_min``) set to ``value``."""
        if not isinstance(path, str):
            raise TypeError(f"path must be a str, not {type(path).__name__}")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"value must be a number, not {type(value).__name__}")
        return Scenario(self._native.with_value(path, float(value)))

    @property
    def name(self) -> str:
        """The scenario's name."""
        return self._native.name

    @property
    def squadrons(self) -> list[str]:
        """Squadron names, in scenario order."""
        return [q["name"] for q in self.to_dict()["squadrons"]]

    @property
    def warnings(self) -> list[str]:
        """Validation warnings (questionable but valid values), as text."""
        return list(self._native.warnings)

    def __repr__(self) -> str:
        return f"Scenario({self._native.name!r}, origin={self._native.origin!r})"


class Estimate:
    """The closed-form estimate (``airpolicing estimate``) as pandas DataFrames, one per table:
    ``stations``, ``tanker_tracks``, ``aew_orbits``, ``qra``, ``squadrons`` and ``types``, and
    the answer in ``total`` (aircraft at the confidence, ``None`` when some task cannot be
    manned), ``in_rotation`` and ``given``. ``to_dict()`` gives the JSON document itself."""

    _TABLES = ("stations", "tanker_tracks", "aew_orbits", "qra", "squadrons", "types")

    def __init__(self, data: dict, source: Optional["Scenario"] = None) -> None:
        self._data = data
        self._source = source

    def __getattr__(self, name: str):
        if name in Estimate._TABLES:
            import pandas as pd

            return pd.DataFrame(self._data.get(name, []))
        raise AttributeError(f"Estimate has no {name!r}; its tables are {', '.join(Estimate._TABLES)}")

    @property
    def total(self) -> Optional[int]:
        """Aircraft in all at the confidence."""
        return self._data["total_fleet_at_confidence"]

    @property
    def in_rotation(self) -> int:
        """Aircraft the tasks keep busy at any time."""
        return self._data["total_in_rotation"]

    @property
    def given(self) -> int:
        """Aircraft the scenario gives."""
        return self._data["total_aircraft_count"]

    @property
    def notes(self) -> list:
        """What the estimate assumes, in words."""
        return list(self._data.get("notes", []))

    def sustainment(self, years: Optional[float] = None, dwell: Optional[float] = None) -> "Sustainment":
        """The sustainment account of the closed form (see :class:`Sustainment`): each squadron's
        planned flying, with its fleet at confidence deployed (the scenario's count where there
        is none), as ``airpolicing sustain --closed-form``."""
        if self._source is None:
            raise ValueError("this estimate does not know its scenario; make it with airpolicing.estimate")
        return _sustainment(self._source, None, 0, years, dwell)

    def to_dict(self) -> dict:
        """The document ``airpolicing estimate --json`` prints under ``estimate``."""
        return self._data

    def _repr_html_(self) -> str:
        return (
            f"<p><b>{self._data['scenario']}</b>: closed-form estimate, {self.total} aircraft in all "
            f"({self.in_rotation} in rotation); the scenario gives {self.given}.</p>"
            + self.squadrons.to_html(index=False)
        )

    def __repr__(self) -> str:
        return f"Estimate({self._data['scenario']!r}, total={self.total})"


def estimate(scenario: Scenario) -> Estimate:
    """The closed-form estimate as DataFrames (see :class:`Estimate`), the numbers of
    ``airpolicing estimate``."""
    _check_scenario(scenario)
    return Estimate(json.loads(_airpolicing.estimate(scenario._native)), scenario)


def _plt():
    """matplotlib's pyplot, or an error saying how to get it."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("plots need matplotlib: pip install 'airpolicing[plot]' (or matplotlib)") from e
    return plt


def _described(df):
    """A summary frame with ``label`` and ``unit`` just after its ``metric`` column."""
    described = _airpolicing.describe(list(df["metric"]))
    at = df.columns.get_loc("metric") + 1
    df.insert(at, "label", [d[0] for d in described])
    df.insert(at + 1, "unit", [d[1] for d in described])
    return df


class _Bar:
    """A tqdm bar fed by the native search's progress steps."""

    def __init__(self, total: Optional[int], unit: str) -> None:
        from tqdm.auto import tqdm

        self.bar = tqdm(total=total, unit=unit)
        self.candidates = 0

    def __call__(self, kind: str, a: int, b: int, c: int) -> None:
        if kind == "candidate":
            self.candidates += 1
            self.bar.set_postfix_str(f"candidate {self.candidates}: {a} aircraft, {c} of {b} meet the standard")
            if self.bar.total is None:
                self.bar.update(1)
        else:
            self.bar.update(a - self.bar.n)

    def close(self) -> None:
        self.bar.close()


def _seed(seed: Any) -> int:
    """An integer seed from an int, a numpy SeedSequence or a numpy Generator."""
    if isinstance(seed, bool):
        raise TypeError("seed must be an int, a numpy SeedSequence or a numpy Generator")
    if isinstance(seed, (int, np.integer)):
        if seed < 0 or seed >= 2**64:
            raise ValueError(f"seed must be in [0, 2**64), got {seed}")
        return int(seed)
    if isinstance(seed, np.random.SeedSequence):
        return int(seed.generate_state(1, dtype=np.uint64)[0])
    if isinstance(seed, np.random.Generator):
        return int(seed.integers(0, 2**63))
    raise TypeError(f"seed must be an int, a numpy SeedSequence or a numpy Generator, not {type(seed).__name__}")


class RunResult:
    """Replications of a scenario: one row per replication and a summary per metric."""

    def __init__(
        self,
        scenario: str,
        seed: int,
        names: list,
        reps: np.ndarray,
        values: np.ndarray,
        hist: np.ndarray,
        standard: Optional[dict] = None,
        source: Optional["Scenario"] = None,
    ):
        self._source = source
        self._days = None
        if source is not None:
            d = source.to_dict()["scenario"]
            self._days = float(d["duration_days"]) - float(d.get("warmup_days", 0.0))
        self.scenario = scenario
        self.seed = seed
        self.names = list(names)
        self._reps = reps
        self._values = values
        self._hist = hist
        self._summary = json.loads(_airpolicing.summarise(self.names, values))
        self._standard = standard

    @property
    def met_standard(self) -> Optional[int]:
        """Replications that met every target of the scenario's standard (``[targets]``)."""
        return None if self._standard is None else self._standard["met"]

    def standard(self):
        """The scenario's standard, one row per target (a DataFrame): ``target`` (the metric's
        name), ``goal``, the metric's ``mean``, the replications that ``met`` it, and ``share``,
        the fraction of replications that met it. The target with the lowest share binds; the
        share meeting them all is in ``attrs["share_all"]`` and the binding target's name in
        ``attrs["binds"]``."""
        import pandas as pd

        st = self._standard or {"targets": [], "met_each": [], "met": len(self._reps), "replications": len(self._reps)}
        n = st["replications"]
        means = {m["name"]: m["mean"] for m in self._summary}
        rows = [
            {
                "target": t["name"],
                "goal": t["goal"],
                "mean": means.get(t["name"]),
                "met": met,
                "share": met / n if n else float("nan"),
            }
            for t, met in zip(st["targets"], st["met_each"])
        ]
        df = pd.DataFrame(rows, columns=["target", "goal", "mean", "met", "share"])
        df.attrs["share_all"] = st["met"] / n if n else float("nan")
        df.attrs["binds"] = None if not rows else min(rows, key=lambda r: r["met"])["target"]
        return df

    @property
    def replications(self) -> dict:
        """A dict of numpy arrays, one row per replication: ``replication`` and every metric."""
        out = {"replication": self._reps}
        for i, n in enumerate(self.names):
            out[n] = self._values[:, i]
        return out

    def to_pandas(self):
        """The replications as a pandas DataFrame."""
        import pandas as pd

        return pd.DataFrame(self.replications)

    def summary(self):
        """One row per metric: its machine name (``metric``), the ``label`` and ``unit`` the
        command-line tool shows, and mean, sd, ci_low, ci_high, min, p05, p50, p95, max (a
        DataFrame). A ``share`` is a fraction in [0, 1]."""
        import pandas as pd

        return _described(pd.DataFrame(self._summary).rename(columns={"name": "metric"}))

    @property
    def response_times(self) -> dict:
        """The merged response-time histogram, minutes from crossing the front to the intercept:
        ``counts[i]`` intercepts fell in ``[edges[i], edges[i + 1])``; the last bin, up to
        infinity, holds everything longer. ``violations`` counts every violation of the
        replications, intercepted or not, so ``counts.cumsum() / violations`` is the share of all
        violations intercepted by each minute."""
        edges = np.append(np.arange(len(self._hist), dtype=float), np.inf)
        means = {m["name"]: m["mean"] for m in self._summary}
        rate = means.get("violations_per_day")
        days = self._days
        violations = None if rate is None or days is None else int(round(rate * days * len(self._reps)))
        return {"bin_minutes": 1, "edges": edges, "counts": self._hist, "violations": violations}

    def plot(self, ax=None):
        """The response-time curve: the share of all violations intercepted within each minute
        (matplotlib; returns the axes)."""
        plt = _plt()
        if ax is None:
            _, ax = plt.subplots(figsize=(7, 3.5))
        rt = self.response_times
        if rt["violations"]:
            share = np.cumsum(rt["counts"]) / rt["violations"]
            ax.step(rt["edges"][1:-1], share[:-1], where="post", label="share of all violations intercepted")
        ax.set_xlabel("minutes from crossing the front")
        ax.set_ylabel("share of all violations")
        ax.set_ylim(0, 1)
        ax.set_title(f"{self.scenario}: response times, {len(self._reps)} replications")
        ax.legend(loc="lower right")
        return ax

    def sustainment(self, years: Optional[float] = None, dwell: Optional[float] = None) -> "Sustainment":
        """The sustainment account of these replications (see :class:`Sustainment`): their mean
        flying a day, with the scenario's aircraft deployed, held for ``years`` (default: the
        scenario's horizon); ``dwell`` sets every squadron's deploy-to-dwell ratio. The numbers
        of ``airpolicing run`` and ``airpolicing sustain`` for the same replications."""
        if self._source is None:
            raise ValueError("this result does not know its scenario; run it with airpolicing.run to account for it")
        means = {m["name"]: m["mean"] for m in self._summary}
        return _sustainment(self._source, means, len(self._reps), years, dwell)

    def report(self, path: str, n_threads: Optional[int] = None) -> None:
        """Writes the HTML report of these replications to ``path``, as ``airpolicing run
        --report``: one self-contained file with the map, the charts and the answer in words. The
        replications are run again to draw it (the same numbers)."""
        if self._source is None:
            raise ValueError("this result does not know its scenario; run it with airpolicing.run to report it")
        reps = [int(x) for x in self._reps]
        if reps != list(range(reps[0], reps[-1] + 1)):
            raise ValueError("a report needs one unbroken range of replications")
        _check_count("n_threads", n_threads, optional=True)
        _airpolicing.report_run(self._source._native, self.seed, reps[0], reps[-1] + 1, os.fspath(path), n_threads)

    def to_json(self) -> str:
        """The same document as ``airpolicing run --json`` (without ``origin``)."""
        doc = {
            "scenario": self.scenario,
            "seed": self.seed,
            "replications": {"start": int(self._reps[0]), "end": int(self._reps[-1]) + 1},
            "metrics": self._summary,
            "response_time_histogram": {"bin_minutes": 1, "counts": [int(c) for c in self._hist]},
        }
        if self._source is not None:
            doc["sustainment"] = self.sustainment().to_dict()
        return json.dumps(doc)

    def _repr_html_(self) -> str:
        return (
            f"<p><b>{self.scenario}</b>: {len(self._reps)} replications, seed {self.seed}</p>"
            + self.summary()[["metric", "mean", "ci_low", "ci_high"]].to_html(index=False)
        )

    def __repr__(self) -> str:
        return f"RunResult({self.scenario!r}, {len(self._reps)} replications, seed {self.seed})"


def run(
    scenario: Scenario,
    replications: int = 100,
    seed: Any = 1,
    reps: Optional[range] = None,
    n_threads: Optional[int] = None,
    progress: bool = False,
    chunk_size: int = 64,
) -> RunResult:
    """Runs replications ``range(replications)`` (or ``reps``) of ``scenario``.

    Replication r depends only on (seed, r): any thread count and any split of the range give the
    same rows. The interpreter lock is released while each chunk of replications runs on a local
    thread pool of ``n_threads``; Ctrl-C stops the run between chunks; ``progress=True`` shows a
    tqdm bar.
    """
    _check_scenario(scenario)
    s = _seed(seed)
    if reps is None:
        if isinstance(replications, bool) or not isinstance(replications, (int, np.integer)):
            raise TypeError("replications must be an int")
        reps = range(int(replications))
    if not isinstance(reps, range) or reps.step != 1:
        raise TypeError("reps must be a range with step 1, e.g. range(0, 100)")
    if len(reps) == 0:
        raise ValueError(f"the replication range {reps} is empty")
    _airpolicing.check_limits(scenario._native, len(reps))
    _check_count("n_threads", n_threads, optional=True)
    _check_count("chunk_size", chunk_size)
    chunks: Iterable[range] = [range(a, min(a + chunk_size, reps.stop)) for a in range(reps.start, reps.stop, chunk_size)]
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(reps), unit="rep")
    names, all_reps, all_values, hist = None, [], [], None
    try:
        for c in chunks:
            names, r, v, h = _airpolicing.run_rows(scenario._native, s, c.start, c.stop, n_threads)
            all_reps.append(r)
            all_values.append(v)
            hist = h if hist is None else _add(hist, h)
            if bar is not None:
                bar.update(len(c))
    finally:
        if bar is not None:
            bar.close()
    values = np.vstack(all_values)
    standard = json.loads(_airpolicing.standard_counts(scenario._native, names, values))
    return RunResult(scenario.name, s, names, np.concatenate(all_reps), values, hist, standard, scenario)


def _add(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    n = max(len(a), len(b))
    out = np.zeros(n, dtype=np.uint64)
    out[: len(a)] += a
    out[: len(b)] += b
    return out


def _check_scenario(scenario: Any) -> None:
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be an airpolicing.Scenario, not {type(scenario).__name__}")


def _check_count(name: str, value: Any, optional: bool = False) -> None:
    if optional and value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an int{' or None' if optional else ''}, not {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}")


def _check_study(scenario: Any, seed: Any, replications: Any, max_aircraft: Any, n_threads: Any) -> int:
    """Checks the arguments ``size`` and ``sweep`` share; returns the integer seed."""
    _check_scenario(scenario)
    s = _seed(seed)
    _check_count("replications", replications)
    _check_count("max_aircraft", max_aircraft)
    _check_count("n_threads", n_threads, optional=True)
    return s


SEQUENTIAL_ERROR = 0.05
"""The chance, per candidate, that sequential testing stops it on the wrong side of the confidence."""


def _sequential(sequential: Any, sequential_error: Any) -> Optional[float]:
    """The error rate to pass to the native sizing when ``sequential``, else None."""
    if not isinstance(sequential, bool):
        raise TypeError(f"sequential must be True or False, not {type(sequential).__name__}")
    if isinstance(sequential_error, bool) or not isinstance(sequential_error, (int, float, np.integer, np.floating)):
        raise TypeError(f"sequential_error must be a number, not {type(sequential_error).__name__}")
    if not 0.0 <= float(sequential_error) < 1.0:
        raise ValueError(f"sequential_error must be at least 0 (0: no candidate stops early) and below 1, got {sequential_error}")
    return float(sequential_error) if sequential else None


class Sustainment:
    """What it takes to hold the posture for years, beside what holds it this month: the
    sustainment account (``airpolicing sustain``). Each squadron's flying a day, simulated or
    from the closed form, turned into a year and a horizon: flight hours a year against the
    type's yearly programme, fatigue life, the aircrew the sorties and alerts need, and the
    aircraft to **commit** for each reason (rotation, airframe hours, aircrew, airframe life); the
    largest pool is the committed force and its reason *binds*. ``to_pandas()`` gives one row per
    squadron and a ``total`` row; ``sentences`` says it in words."""

    def __init__(self, scenario: str, data: dict) -> None:
        self.scenario = scenario
        self._account = data["account"]
        self.sentences = list(data["sentences"])

    @property
    def horizon_years(self) -> float:
        """Years the line must be held."""
        return self._account["horizon_years"]

    @property
    def deployed(self) -> int:
        """Aircraft deployed: what holds the line this month."""
        return self._account["deployed"]

    @property
    def committed(self) -> int:
        """Aircraft to commit to hold it for the horizon: the sum of the squadrons' largest pools."""
        return self._account["committed"]

    @property
    def binds(self) -> str:
        """What sets the committed force: ``rotation``, ``airframe_hours``, ``aircrew`` or
        ``airframe_life``."""
        return self._account["binds"]

    @property
    def basis(self) -> str:
        """Where the flying comes from, in words."""
        return self._account["basis"]

    @property
    def left_out(self) -> list:
        """Squadrons whose type has no sustainment figures, left out of the account."""
        return list(self._account["left_out"])

    def to_dict(self) -> dict:
        """The document ``airpolicing sustain --json`` prints under ``sustainment``."""
        return self._account

    def to_pandas(self):
        """One row per squadron and a last row ``total``: ``deployed``, ``committed``, ``binds``,
        the four pools (``pool_rotation``, ``pool_hours``, ``pool_aircrew``, ``pool_life``), flight
        hours a year (``fh_per_year``, of which ``mission_fh_per_year`` and
        ``training_fh_per_year``), per airframe deployed and committed against the budget
        (``budget_fh_per_airframe``), years of fatigue life, aircrew (``crew_needed`` at once,
        ``crew_committed``) and the annual cost in US dollars (``cost_narrow_usd`` to
        ``cost_full_usd``). The total row carries the columns that add up."""
        import pandas as pd

        a = self._account
        rows = [dict(r) for r in a["squadrons"]]
        total = {"squadron": "total"}
        for k in (
            "deployed",
            "backup",
            "committed",
            "pool_rotation",
            "pool_hours",
            "pool_aircrew",
            "pool_life",
            "binds",
            "fh_per_year",
            "crew_needed",
            "crew_committed",
            "cost_narrow_usd",
            "cost_full_usd",
        ):
            total[k] = a[k]
        total["mission_fh_per_year"] = sum(r["mission_fh_per_year"] for r in rows)
        total["training_fh_per_year"] = sum(r["training_fh_per_year"] for r in rows)
        df = pd.DataFrame(rows + [total])
        df.attrs["horizon_years"] = a["horizon_years"]
        df.attrs["binds"] = a["binds"]
        df.attrs["basis"] = a["basis"]
        return df

    def to_json(self) -> str:
        """The account as JSON text."""
        return json.dumps({"scenario": self.scenario, "sustainment": self._account})

    def _repr_html_(self) -> str:
        cols = ["squadron", "deployed", "committed", "binds", "fh_per_year", "fh_per_committed_airframe", "cost_full_usd"]
        body = "".join(f"<p>{html.escape(t)}</p>" for t in self.sentences)
        return f"<p><b>{html.escape(self.scenario)}</b>: sustaining it for {self.horizon_years:g} years</p>" + body + (
            self.to_pandas()[cols].to_html(index=False)
        )

    def __repr__(self) -> str:
        return (
            f"Sustainment({self.scenario!r}, deployed={self.deployed}, committed={self.committed}, "
            f"binds={self.binds!r})"
        )


def _sustainment(scenario: "Scenario", means: Optional[dict], replications: int, years: Any, dwell: Any) -> Sustainment:
    for name, v in (("years", years), ("dwell", dwell)):
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating))):
            raise TypeError(f"{name} must be a number or None, not {type(v).__name__}")
    text = _airpolicing.sustainment(
        scenario._native,
        means,
        int(replications),
        None if years is None else float(years),
        None if dwell is None else float(dwell),
    )
    return Sustainment(scenario.name, json.loads(text))


def sustain(
    scenario: Scenario,
    years: Optional[float] = None,
    dwell: Optional[float] = None,
    replications: int = 100,
    seed: Any = 1,
    closed_form: bool = False,
    n_threads: Optional[int] = None,
) -> Sustainment:
    """What it takes to hold the scenario's posture for ``years`` (default: its ``[sustainment]
    horizon_years``), as ``airpolicing sustain``: the flying of ``replications`` simulated
    replications (or of the closed-form estimate with ``closed_form=True``) turned into the force
    to commit. ``dwell`` sets every squadron's deploy-to-dwell ratio 1:D."""
    _check_scenario(scenario)
    if closed_form:
        return _sustainment(scenario, None, 0, years, dwell)
    return run(scenario, replications=replications, seed=seed, n_threads=n_threads).sustainment(years, dwell)


CASE_COLUMNS = ["id", "name", "published_value", "tool_value", "unit", "tolerance", "within", "low", "high"]
"""The columns of :func:`cases`, in order; ``published``, ``tool``, ``source`` and ``why`` follow."""


def cases(replications: int = 100, seed: Any = 1, n_threads: Optional[int] = None, case: Optional[str] = None):
    """The book of published cases, as ``airpolicing cases``: one row per case (Baltic Air
    Policing, CSIS, the UK-led squadron, RAND's sortie rate, the MQ-9 orbit, Rafale over Libya,
    Portugal 2016, Noble Eagle), with the published figure, the tool's figure (the simulated
    cases run ``replications`` replications of ``seed``), the band it must lie in (``low`` to
    ``high``; ``None`` for an open end), ``within``, and in words what the tool ran (``tool``) and
    the assumption that explains any difference (``why``). ``case`` runs only that one."""
    import pandas as pd

    s = _seed(seed)
    _check_count("replications", replications)
    _check_count("n_threads", n_threads, optional=True)
    if case is not None and not isinstance(case, str):
        raise TypeError(f"case must be a str or None, not {type(case).__name__}")
    rows = json.loads(_airpolicing.cases(int(replications), s, n_threads, case))
    df = pd.DataFrame(rows)
    return df[CASE_COLUMNS + ["published", "tool", "source", "why"]]


class SizeResult:
    """The fleet needed to meet the scenario's standard (``[targets]``) with its confidence.

    Per squadron (each sized with the others as given) or, with ``mix=True``, for the whole force.
    Every candidate was run on the same replications (common random numbers).
    """

    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        replications: int,
        mix: bool,
        data: Any,
        sequential_error: Optional[float] = None,
    ):
        self._scenario = scenario
        self._sequential = (
            None
            if sequential_error is None
            else dict(zip(("first", "error"), _airpolicing.sequential_plan(replications, sequential_error)))
        )
        self.scenario = scenario.name
        self.seed = seed
        self.n_replications = replications
        self.mix = mix
        self.confidence = float(scenario.to_dict()["targets"]["confidence"])
        self._data = data

    @property
    def required(self) -> dict:
        """Aircraft required per squadron (None where no count up to the limit meets the standard)."""
        if self.mix:
            req = self._data["required"]
            return {n: (None if req is None else req[i]) for i, n in enumerate(self._data["squadrons"])}
        return {q["squadron"]: q["required"] for q in self._data}

    def summary(self):
        """One row per squadron: type (per squadron only), given, closed_form, required, the
        fraction of replications meeting the standard at the answer with its Wilson 95 % interval,
        and ``decided_by``, the target met least often by the last count that fell short. For a
        mix, ``limited_by`` names per squadron what holds it at its count: the target whose pass
        rate fell most when one aircraft fewer was tried and fell short,
        ``attrs["decided_by"]`` the target the answer meets least often, and
        ``attrs["never_reached"]`` the targets never reached."""
        import pandas as pd

        if self.mix:
            d = self._data
            final = d["steps"][-1]["point"] if d["required"] is not None else None
            rows = [
                {
                    "squadron": n,
                    "given": d["given"][i],
                    "closed_form": d["closed_form"][i],
                    "required": None if d["required"] is None else d["required"][i],
                    "limited_by": d.get("limited_by", [None] * len(d["squadrons"]))[i],
                }
                for i, n in enumerate(d["squadrons"])
            ]
            df = pd.DataFrame(rows)
            if final is not None:
                df.attrs["force"] = final
            df.attrs["decided_by"] = d.get("decided_by")
            df.attrs["never_reached"] = d.get("never_reached", [])
            return df
        rows = []
        for q in self._data:
            at = next((p for p in q["curve"] if p["aircraft"] == q["required"]), None)
            rows.append(
                {
                    "squadron": q["squadron"],
                    "aircraft_type": q["aircraft_type"],
                    "given": q["given"],
                    "closed_form": q["closed_form"],
                    "required": q["required"],
                    "probability": None if at is None else at["probability"],
                    "ci_low": None if at is None else at["ci_low"],
                    "ci_high": None if at is None else at["ci_high"],
                    "decided_by": q.get("decided_by"),
                }
            )
        return pd.DataFrame(rows)

    def standard(self):
        """Per-target pass rates at the answer (a DataFrame): one row per squadron (or the force)
        and target, with the target's ``goal``, the replications that ``met`` it at the answer,
        their ``share``, and whether it ``decides`` the answer (met least often by the last count
        that fell short) or was ``never_reached`` by any count tried."""
        import pandas as pd

        def rows_of(who: str, d: dict, point: Optional[dict]) -> list:
            out = []
            for i, t in enumerate(d.get("targets", [])):
                each = None if point is None or len(point.get("met_each", [])) <= i else point["met_each"][i]
                out.append(
                    {
                        "squadron": who,
                        "target": t["name"],
                        "goal": t["goal"],
                        "met": each,
                        "share": None if each is None else each / point["replications"],
                        "decides": d.get("decided_by") == t["name"],
                        "never_reached": t["name"] in d.get("never_reached", []),
                    }
                )
            return out

        cols = ["squadron", "target", "goal", "met", "share", "decides", "never_reached"]
        if self.mix:
            d = self._data
            final = d["steps"][-1]["point"] if d["required"] is not None else None
            return pd.DataFrame(rows_of("force", d, final), columns=cols)
        rows = []
        for q in self._data:
            at = next((p for p in q["curve"] if p["aircraft"] == q["required"]), None)
            rows.extend(rows_of(q["squadron"], q, at))
        return pd.DataFrame(rows, columns=cols)

    def to_pandas(self):
        """Every candidate evaluated: per squadron, its sizing curve (squadron, aircraft, met,
        replications, probability, ci_low, ci_high); for a mix, the search's steps (step, change,
        one column per squadron, total aircraft and the same score columns)."""
        import pandas as pd

        if self.mix:
            rows = []
            for i, st in enumerate(self._data["steps"]):
                row = {"step": i, "change": st["change"]}
                row.update(dict(zip(self._data["squadrons"], st["counts"])))
                row.update(st["point"])
                rows.append(row)
            return pd.DataFrame(rows)
        return pd.DataFrame([{"squadron": q["squadron"], **p} for q in self._data for p in q["curve"]])

    def stages(self):
        """A whole-force search run in stages (``mix=True`` with ``sequential=True``): one row per
        stage, in order, with the replications it scored each candidate on (at most: a candidate
        the sequential test decides earlier stops there), the total aircraft where it started
        (``from_aircraft``) and where it ended (``to_aircraft``), the ``steps`` it took, the
        candidates it met first (``new_candidates``) and the replications it ran
        (``replications_run``; the stages' add up to the search's); the last stage's steps are
        ``to_pandas()``. Empty for a search in one stage and for per-squadron sizing."""
        import pandas as pd

        cols = ["replications", "from_aircraft", "to_aircraft", "steps", "new_candidates", "replications_run"]
        rows = self._data.get("stages", []) if self.mix else []
        return pd.DataFrame(rows, columns=cols)

    def plot(self, ax=None):
        """The sizing curve: aircraft against the share of replications meeting the standard,
        with its Wilson 95 % band and the confidence line (matplotlib; returns the axes). For a
        mix, one point per total the search tried; per squadron, one line per squadron."""
        plt = _plt()
        if ax is None:
            _, ax = plt.subplots(figsize=(7, 3.5))
        df = self.to_pandas()
        if self.mix:
            pts = df.drop_duplicates("aircraft", keep="last").sort_values("aircraft")
            groups = [("the whole force", pts)]
        else:
            groups = [(n, g.sort_values("aircraft")) for n, g in df.groupby("squadron", sort=False)]
        for name, g in groups:
            ax.plot(g["aircraft"], g["probability"], marker="o", label=name)
            ax.fill_between(g["aircraft"], g["ci_low"], g["ci_high"], alpha=0.2)
        ax.axhline(self.confidence, color="tab:red", label=f"confidence {100 * self.confidence:.0f} %")
        ax.set_xlabel("aircraft")
        ax.set_ylabel("share of replications meeting the standard")
        ax.set_ylim(0, 1.05)
        ax.legend(loc="lower right")
        return ax

    def report(self, path: str, n_threads: Optional[int] = None) -> None:
        """Writes the HTML report of this sizing to ``path``, as ``airpolicing size --report``:
        the sized force simulated on the same replications, with the sizing curves."""
        _check_count("n_threads", n_threads, optional=True)
        _airpolicing.report_size(
            self._scenario._native, json.dumps(self._data), self.mix, self.seed, self.n_replications, os.fspath(path), n_threads
        )

    def sustainment(
        self, years: Optional[float] = None, dwell: Optional[float] = None, n_threads: Optional[int] = None
    ) -> "Sustainment":
        """The second answer beside the sized force (see :class:`Sustainment`): the force at its
        required counts, simulated once on the same seed and replications, and the aircraft to
        commit to hold the line for ``years`` — as ``airpolicing size`` prints."""
        r = run(self.scenario_at_required(), replications=self.n_replications, seed=self.seed, n_threads=n_threads)
        return r.sustainment(years, dwell)

    def scenario_at_required(self) -> Scenario:
        """The scenario with every squadron at its required count, ready to ``run``."""
        s = self._scenario
        for i, name in enumerate(self._scenario.squadrons):
            n = self.required.get(name)
            if n is None and name in self.required:
                raise ValueError(f"no count of squadron {name!r} up to the limit meets the standard")
            if n is not None:
                s = s.with_value(f"squadrons[{i}].aircraft_count", n)
        return s

    def to_json(self) -> str:
        """The same document as ``airpolicing size --json``, without ``origin`` and without
        ``sustainment``, which needs the sized force simulated: :meth:`sustainment` gives it."""
        doc = {
            "scenario": self.scenario,
            "seed": self.seed,
            "replications": self.n_replications,
            "confidence": self.confidence,
        }
        if self._sequential is not None:
            doc["sequential"] = self._sequential
        doc["force" if self.mix else "squadrons"] = self._data
        return json.dumps(doc)

    def _repr_html_(self) -> str:
        what = "force mix" if self.mix else "per squadron"
        return (
            f"<p><b>{self.scenario}</b>: fleet sized {what} for {100 * self.confidence:.0f} % confidence, "
            f"{self.n_replications} replications, seed {self.seed}</p>" + self.summary().to_html(index=False)
        )

    def __repr__(self) -> str:
        return f"SizeResult({self.scenario!r}, required={self.required})"


def size(
    scenario: Scenario,
    squadron: Optional[str] = None,
    mix: bool = False,
    replications: int = 100,
    seed: Any = 1,
    n_threads: Optional[int] = None,
    max_aircraft: int = _airpolicing.MAX_AIRCRAFT,
    sequential: bool = False,
    sequential_error: float = SEQUENTIAL_ERROR,
    progress: bool = False,
) -> SizeResult:
    """The smallest fleet meeting the scenario's standard with its confidence, as
    ``airpolicing size``: ``squadron`` alone, each squadron in turn (the others as given), or with
    ``mix=True`` the whole force at once. The interpreter lock is released throughout and Ctrl-C
    stops the search.

    With ``sequential=True`` (``airpolicing size --sequential``) each candidate runs a sixteenth of
    the replications (at least 20), then twice as many and so on up to ``replications``, and stops
    as soon as its pass fraction is clearly above or below the confidence; a candidate stopped
    early is on the wrong side with probability at most ``sequential_error``. The summary's
    ``replications`` column says how many each candidate ran. ``progress=True`` shows a tqdm bar
    naming each candidate as it is scored."""
    s = _check_study(scenario, seed, replications, max_aircraft, n_threads)
    error = _sequential(sequential, sequential_error)
    if squadron is not None and not isinstance(squadron, str):
        raise TypeError(f"squadron must be a str or None, not {type(squadron).__name__}")
    if mix and squadron is not None:
        raise ValueError("give either squadron or mix=True, not both")
    names = [squadron] if squadron is not None else scenario.squadrons
    bar = _Bar(None, "candidate") if progress else None
    try:
        text = _airpolicing.size(
            scenario._native, names, bool(mix), s, int(replications), int(max_aircraft), n_threads, error, bar
        )
    finally:
        if bar is not None:
            bar.close()
    return SizeResult(scenario, s, int(replications), bool(mix), json.loads(text), error)


def ladder(
    scenarios: Any,
    target: str,
    levels: Sequence[float],
    replications: int = 100,
    seed: Any = 1,
    n_threads: Optional[int] = None,
    max_aircraft: int = _airpolicing.MAX_AIRCRAFT,
    sequential: bool = False,
    sequential_error: float = SEQUENTIAL_ERROR,
):
    """How much protection for how many aircraft, as ``airpolicing ladder``: the whole force sized
    for each of ``levels`` of ``target`` (a key of ``[targets]``), for one scenario or a list of
    them (the postures to compare). One row per scenario and rung, loosest first: ``level``,
    ``aircraft`` and ``fighters`` in all (``None`` when no force was found), ``probability`` (the
    share of replications meeting that rung's standard), ``from_stricter`` (the rung takes a
    stricter rung's smaller force, which meets it too) and ``counts`` per squadron. Tightening the
    standard never needs fewer aircraft."""
    import pandas as pd

    if isinstance(scenarios, Scenario):
        scenarios = [scenarios]
    scenarios = list(scenarios)
    if not scenarios:
        raise ValueError("give at least one scenario")
    if not isinstance(target, str):
        raise TypeError(f"target must be a str, not {type(target).__name__}")
    lv = [float(v) for v in levels]
    if not lv:
        raise ValueError("give at least one level")
    error = _sequential(sequential, sequential_error)
    rows = []
    for sc in scenarios:
        s = _check_study(sc, seed, replications, max_aircraft, n_threads)
        data = json.loads(
            _airpolicing.ladder(sc._native, target, lv, s, int(replications), int(max_aircraft), n_threads, error)
        )
        for r in data["rungs"]:
            rows.append(
                {
                    "scenario": data["scenario"],
                    "target": data["target"],
                    "level": r["level"],
                    "aircraft": r["total"],
                    "fighters": r["fighters"],
                    "probability": r["probability"],
                    "from_stricter": r["from_stricter"],
                    "counts": r["counts"],
                }
            )
    return pd.DataFrame(rows)


class SweepResult:
    """A trade study: the scenario run at every combination of one or two fields' values."""

    def __init__(self, scenario: str, seed: int, replications: int, data: Any, source: Optional["Scenario"] = None):
        self._source = source
        self.scenario = scenario
        self.seed = seed
        self.n_replications = replications
        self._data = data

    @property
    def axes(self) -> dict:
        """The fields varied and their values."""
        return {a["path"]: list(a["values"]) for a in self._data["axes"]}

    def to_pandas(self):
        """One row per point: the axis values, the fraction of replications meeting the standard
        (``meets_standard`` with its Wilson interval), each metric's mean, and with sizing the
        required total (``required_total``, NaN where none was found)."""
        import pandas as pd

        paths = list(self.axes)
        rows = []
        for p in self._data["points"]:
            row = dict(zip(paths, p["values"]))
            row["meets_standard"] = p["meets_standard"]
            row["meets_ci_low"], row["meets_ci_high"] = p["meets_ci"]
            for m in p["metrics"]:
                row[m["name"]] = m["mean"]
            if p["sizing"] is not None:
                req = p["sizing"]["required"]
                row["required_total"] = float("nan") if req is None else sum(req)
            rows.append(row)
        return pd.DataFrame(rows)

    def summary(self):
        """One row per point and metric: the axis values, metric, mean, sd, ci_low, ci_high,
        min, p05, p50, p95, max."""
        import pandas as pd

        paths = list(self.axes)
        rows = []
        for p in self._data["points"]:
            for m in p["metrics"]:
                row = dict(zip(paths, p["values"]))
                row.update(m)
                rows.append(row)
        return _described(pd.DataFrame(rows).rename(columns={"name": "metric"}))

    def plot(self, ax=None):
        """The share of replications meeting the standard against the first field, one line
        per value of the second, with Wilson 95 % bands (matplotlib; returns the axes)."""
        plt = _plt()
        if ax is None:
            _, ax = plt.subplots(figsize=(7, 3.5))
        df = self.to_pandas()
        paths = list(self.axes)
        groups = [(None, df)] if len(paths) == 1 else [(f"{paths[1]} = {v}", g) for v, g in df.groupby(paths[1])]
        for name, g in groups:
            g = g.sort_values(paths[0])
            ax.plot(g[paths[0]], g["meets_standard"], marker="o", label=name or "share meeting the standard")
            ax.fill_between(g[paths[0]], g["meets_ci_low"], g["meets_ci_high"], alpha=0.2)
        ax.set_xlabel(paths[0])
        ax.set_ylabel("share of replications meeting the standard")
        ax.set_ylim(0, 1.05)
        ax.legend(loc="lower left")
        return ax

    def report(self, path: str) -> None:
        """Writes the HTML report of this study to ``path``, as ``airpolicing sweep --report``."""
        if self._source is None:
            raise ValueError("this result does not know its scenario; run it with airpolicing.sweep to report it")
        _airpolicing.report_sweep(self._source._native, self.to_json(), self.n_replications, self.seed, os.fspath(path))

    def to_json(self) -> str:
        """The same document as ``airpolicing sweep --json``."""
        return json.dumps(self._data)

    def _repr_html_(self) -> str:
        return (
            f"<p><b>{self.scenario}</b>: sweep of {', '.join(self.axes)}, {self.n_replications} replications "
            f"per point, seed {self.seed}</p>" + self.to_pandas().to_html(index=False)
        )

    def __repr__(self) -> str:
        return f"SweepResult({self.scenario!r}, axes={list(self.axes)}, {len(self._data['points'])} points)"


def sweep(
    scenario: Scenario,
    axes: Mapping[str, Sequence[float]],
    replications: int = 100,
    seed: Any = 1,
    n_threads: Optional[int] = None,
    size: bool = False,
    max_aircraft: int = _airpolicing.MAX_AIRCRAFT,
    sequential: bool = False,
    sequential_error: float = SEQUENTIAL_ERROR,
    progress: bool = False,
) -> SweepResult:
    """Runs ``scenario`` at every combination of the values of one or two fields, e.g.
    ``sweep(s, {"violations.rate_per_day": [2, 4, 8]})``, as ``airpolicing sweep --set``. Every
    point's scenario is validated before anything runs; ``size=True`` also sizes the whole force
    at each point, with ``sequential=True`` spending replications where each decision is close (as
    in :func:`size`); the first point's search starts from the closed-form fleets, each later
    point's from the answer of the point before it (a row's first from the first of the row
    before), so neighbouring answers differ by what the step changes. The interpreter lock is released throughout and Ctrl-C stops the sweep;
    ``progress=True`` shows a tqdm bar over the points."""
    s = _check_study(scenario, seed, replications, max_aircraft, n_threads)
    error = _sequential(sequential, sequential_error)
    if not isinstance(axes, Mapping):
        raise TypeError(f"axes must be a dict of field path -> list of values, not {type(axes).__name__}")
    pairs = []
    for path, values in axes.items():
        if not isinstance(path, str):
            raise TypeError(f"axis names must be field paths (str), not {type(path).__name__}")
        if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
            raise TypeError(f"the values of {path!r} must be a list of numbers")
        vals = list(values)
        if any(isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)) for v in vals):
            raise TypeError(f"the values of {path!r} must all be numbers")
        if not vals:
            raise ValueError(f"{path!r} lists no values")
        pairs.append((path, [float(v) for v in vals]))
    if not 1 <= len(pairs) <= 2:
        raise ValueError(f"a sweep takes one or two fields, got {len(pairs)}")
    points = 1
    for _, vals in pairs:
        points *= len(vals)
    bar = _Bar(points, "point") if progress else None
    try:
        text = _airpolicing.sweep(
            scenario._native, pairs, s, int(replications), bool(size), int(max_aircraft), n_threads, error, bar
        )
    finally:
        if bar is not None:
            bar.close()
    return SweepResult(scenario.name, s, int(replications), json.loads(text), scenario)
