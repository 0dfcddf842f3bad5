"""The native module. Use the wrappers in ``airpolicing`` instead of calling it directly."""

from typing import Callable

import numpy as np
import numpy.typing as npt

MAX_AIRCRAFT: int
"""The largest count a sizing search tries per squadron by default (the library's limit)."""

class ScenarioError(ValueError):
    """A scenario that is not valid; the message names the file, line, field and what would be valid."""

class NativeScenario:
    """A validated scenario held by the Rust library."""

    @staticmethod
    def load(name_or_path: str) -> "NativeScenario":
        """Loads a scenario file, or a bundled scenario by name."""
    @staticmethod
    def from_toml(text: str, origin: str) -> "NativeScenario":
        """Parses and validates TOML text; ``origin`` names it in errors."""
    @staticmethod
    def from_json(text: str, origin: str) -> "NativeScenario":
        """Validates a scenario given as JSON text shaped like the TOML file."""
    def to_json(self) -> str:
        """The scenario file as JSON text."""
    def to_toml(self) -> str:
        """The scenario file as TOML text."""
    def with_value(self, path: str, value: float) -> "NativeScenario":
        """A copy with the number at ``path`` set to ``value``, validated again."""
    @property
    def name(self) -> str:
        """The scenario's name."""
    @property
    def origin(self) -> str:
        """A path or ``bundled:NAME``."""
    @property
    def warnings(self) -> list[str]:
        """Validation warnings."""

def estimate(scenario: NativeScenario) -> str:
    """The closed-form estimate as JSON text."""

def run_rows(
    scenario: NativeScenario, seed: int, start: int, end: int, n_threads: int | None = None
) -> tuple[list[str], npt.NDArray[np.uint64], npt.NDArray[np.float64], npt.NDArray[np.uint64]]:
    """Runs replications ``start..end`` without the interpreter lock: metric names, replication
    indices, values (one row per replication) and the merged response-time histogram."""

def check_limits(scenario: NativeScenario, replications: int) -> None:
    """Raises ValueError, before any work, for a run over the documented limits."""

def score_rows(
    scenario: NativeScenario, seed: int, start: int, end: int, n_threads: int | None = None
) -> tuple[int, int, list[int]]:
    """Replications ``start..end`` that meet the scenario's standard, as ``(met, replications,
    met_each)``, ``met_each`` holding the replications that met each target in turn."""

def standard_counts(scenario: NativeScenario, names: list[str], values: npt.NDArray[np.float64]) -> str:
    """The scenario's standard counted over ``values`` (one row per replication, columns in the
    order of ``names``), as JSON text: ``targets`` (each ``name`` and ``goal``), ``met_each`` (the
    replications meeting each target), ``met`` (those meeting all of them) and ``replications``."""

def size(
    scenario: NativeScenario,
    names: list[str],
    mix: bool,
    seed: int,
    replications: int,
    max_aircraft: int,
    n_threads: int | None = None,
    sequential_error: float | None = None,
    on_step: Callable[[str, int, int, int], object] | None = None,
) -> str:
    """Sizes the squadrons ``names`` one at a time (or the whole mix) without the interpreter
    lock, sequentially tested with ``sequential_error`` when given: the JSON of a list of squadron
    sizings, or of the force sizing. ``on_step("candidate", aircraft, replications, met)`` is
    called on the calling thread as each candidate is scored."""

def sequential_plan(replications: int, error: float) -> tuple[int, float]:
    """The sequential plan for ``replications`` per candidate: ``(first look, error)``."""

def size_by(
    scenario: NativeScenario,
    name: str | None,
    max_aircraft: int,
    score: Callable[..., tuple[int, int] | tuple[int, int, list[int]]],
    sequential: tuple[int, float] | None = None,
) -> str:
    """Sizes squadron ``name`` (or the mix when None), ``score(candidate)`` giving each
    candidate's ``(met, replications)`` or ``(met, replications, met_each)``: the same search
    with the runs done elsewhere. With ``sequential=(replications, error)`` the search tests each
    candidate look by look and calls ``score(candidate, start, stop)`` for its replications
    ``start..stop``."""

def size_batch_by(
    scenario: NativeScenario,
    max_aircraft: int,
    replications: int,
    score_batch: Callable[[list[tuple[NativeScenario, int, int]]], list[tuple[int, int] | tuple[int, int, list[int]]]],
    sequential: float | None = None,
) -> str:
    """Sizes the whole mix as ``size_by`` does, ``score_batch(items)`` scoring a step's
    candidates together: ``items`` is a list of ``(candidate, start, stop)`` (every candidate of
    a step; with ``sequential=error``, every candidate still undecided at a look) and the result
    a list of ``(met, replications)`` or ``(met, replications, met_each)`` in the same order."""

def sweep(
    scenario: NativeScenario,
    axes: list[tuple[str, list[float]]],
    seed: int,
    replications: int,
    size: bool,
    max_aircraft: int,
    n_threads: int | None = None,
    sequential_error: float | None = None,
    on_step: Callable[[str, int, int, int], object] | None = None,
) -> str:
    """Runs every combination of the axes' values without the interpreter lock; the JSON of
    ``airpolicing sweep --json``. ``on_step("point", done, of, 0)`` is called on the calling
    thread as each point ends (and ``"candidate"`` steps as with :func:`size`)."""

def summarise(names: list[str], values: npt.NDArray[np.float64]) -> str:
    """Summaries of every metric over the rows, as JSON text (the CLI's numbers)."""

def sustainment(
    scenario: NativeScenario,
    means: dict[str, float] | None = None,
    replications: int = 0,
    years: float | None = None,
    dwell: float | None = None,
) -> str:
    """The sustainment account as JSON text, {"account": ..., "sentences": [...]}: from the metric
    means of simulated replications, or from the closed-form estimate when there are none."""

def cases(
    replications: int,
    seed: int,
    n_threads: int | None = None,
    case: str | None = None,
) -> str:
    """The book of published cases (or one case) as JSON text, as ``airpolicing cases --json``."""

def ladder(
    scenario: NativeScenario,
    target: str,
    levels: list[float],
    seed: int,
    replications: int,
    max_aircraft: int,
    n_threads: int | None = None,
    sequential_error: float | None = None,
    on_step: Callable[[str, int, int, int], object] | None = None,
) -> str:
    """The whole force sized for each level of one target, as ``airpolicing ladder --json``."""

def bundled_names() -> list[str]:
    """Names of the bundled scenarios."""

def describe(names: list[str]) -> list[tuple[str, str]]:
    """Each metric's words and unit, as the command-line tool shows them."""

def report_run(
    scenario: NativeScenario, seed: int, start: int, end: int, path: str, n_threads: int | None = None
) -> None:
    """Writes the HTML report of replications ``start..end`` to ``path`` (they are run again)."""

def report_size(
    scenario: NativeScenario,
    answer: str,
    mix: bool,
    seed: int,
    replications: int,
    path: str,
    n_threads: int | None = None,
) -> None:
    """Writes the HTML report of a sizing answer (its JSON) to ``path``."""

def report_sweep(scenario: NativeScenario, answer: str, replications: int, seed: int, path: str) -> None:
    """Writes the HTML report of a sweep answer (its JSON) to ``path``."""
