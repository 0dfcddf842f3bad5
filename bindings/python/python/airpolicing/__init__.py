"""airpolicing: how many aircraft does it take to police a ceasefire line from the air?

Thin Python bindings of the Rust library. Scenarios are validated with the same errors as the
command-line tool, and a run with the same integer seed gives the same numbers as
``airpolicing run --seed``. Nothing global changes on import.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Optional

import numpy as np

from . import _airpolicing
from ._airpolicing import ScenarioError

__all__ = ["Scenario", "ScenarioError", "RunResult", "estimate", "run", "bundled_names"]


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
        return self._native.name

    @property
    def warnings(self) -> list[str]:
        return list(self._native.warnings)

    def __repr__(self) -> str:
        return f"Scenario({self._native.name!r}, origin={self._native.origin!r})"


def estimate(scenario: Scenario) -> dict:
    """The closed-form estimate (MODEL.md section 8) as a dict, as ``airpolicing estimate --json``."""
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be an airpolicing.Scenario, not {type(scenario).__name__}")
    return json.loads(_airpolicing.estimate(scenario._native))


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

    def __init__(self, scenario: str, seed: int, names: list, reps: np.ndarray, values: np.ndarray, hist: np.ndarray):
        self.scenario = scenario
        self.seed = seed
        self.names = list(names)
        self._reps = reps
        self._values = values
        self._hist = hist
        self._summary = json.loads(_airpolicing.summarise(self.names, values))

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
        """One row per metric: mean, sd, ci_low, ci_high, min, p05, p50, p95, max (a DataFrame)."""
        import pandas as pd

        return pd.DataFrame(self._summary).rename(columns={"name": "metric"})

    @property
    def response_times(self) -> dict:
        """The merged response-time histogram: one-minute bins; the last holds everything longer."""
        return {"bin_minutes": 1, "counts": self._hist}

    def to_json(self) -> str:
        """The same document as ``airpolicing run --json`` (without ``origin``)."""
        return json.dumps(
            {
                "scenario": self.scenario,
                "seed": self.seed,
                "replications": {"start": int(self._reps[0]), "end": int(self._reps[-1]) + 1},
                "metrics": self._summary,
                "response_time_histogram": {"bin_minutes": 1, "counts": [int(c) for c in self._hist]},
            }
        )

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
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be an airpolicing.Scenario, not {type(scenario).__name__}")
    s = _seed(seed)
    if reps is None:
        if isinstance(replications, bool) or not isinstance(replications, (int, np.integer)):
            raise TypeError("replications must be an int")
        reps = range(int(replications))
    if not isinstance(reps, range) or reps.step != 1:
        raise TypeError("reps must be a range with step 1, e.g. range(0, 100)")
    if len(reps) == 0:
        raise ValueError(f"the replication range {reps} is empty")
    if n_threads is not None and (isinstance(n_threads, bool) or not isinstance(n_threads, int)):
        raise TypeError("n_threads must be an int or None")
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
    return RunResult(scenario.name, s, names, np.concatenate(all_reps), np.vstack(all_values), hist)


def _add(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    n = max(len(a), len(b))
    out = np.zeros(n, dtype=np.uint64)
    out[: len(a)] += a
    out[: len(b)] += b
    return out
