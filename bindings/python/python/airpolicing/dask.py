"""Spreading replications over a Dask cluster, with results identical to a local run.

Each task runs one range of replications from the scenario's TOML text and the integer seed: a pure
function of its arguments, so Dask may retry it after a worker dies and the result does not
change. The chunks are merged in replication order, exactly as a local run merges them.

Sizing searches candidate fleets one after another, exactly as a local ``size`` does; each
candidate's replications are spread over the cluster (:func:`score_chunk`) and their counts of
replications meeting the standard are added, so the answer is the local answer.

Point it at a real cluster with ``Client("tcp://scheduler-host:8786")``; a ``LocalCluster`` works
for one machine. Ray users can do the same with ``ray.remote`` around :func:`run_chunk` and
:func:`score_chunk`.
"""

from __future__ import annotations

import json
from typing import Any, Optional

import numpy as np

from . import (
    SEQUENTIAL_ERROR,
    RunResult,
    Scenario,
    SizeResult,
    _airpolicing,
    _check_count,
    _check_scenario,
    _seed,
    _sequential,
)

__all__ = ["run", "size", "run_chunk", "score_chunk"]


def run_chunk(toml_text: str, origin: str, seed: int, start: int, stop: int):
    """Replications ``start..stop`` of the scenario in ``toml_text``: (names, reps, values, hist)."""
    native = _airpolicing.NativeScenario.from_toml(toml_text, origin)
    return _airpolicing.run_rows(native, seed, start, stop, 1)


def score_chunk(toml_text: str, origin: str, seed: int, start: int, stop: int) -> tuple[int, int, list[int]]:
    """Replications ``start..stop`` of the scenario in ``toml_text`` that meet its standard, as
    ``(met, replications, met_each)`` with ``met_each`` the replications meeting each target."""
    native = _airpolicing.NativeScenario.from_toml(toml_text, origin)
    return _airpolicing.score_rows(native, seed, start, stop, 1)


def _futures(client: Any, fn: Any, native: Any, seed: int, reps: range, chunk_size: int, retries: int) -> list:
    """One task per ``chunk_size`` replications of ``reps``, submitted: their futures in
    replication order."""
    text, origin = native.to_toml(), native.origin
    return [
        client.submit(fn, text, origin, seed, a, min(a + chunk_size, reps.stop), retries=retries, pure=True)
        for a in range(reps.start, reps.stop, chunk_size)
    ]


def _submit(client: Any, fn: Any, native: Any, seed: int, reps: range, chunk_size: int, retries: int) -> list:
    """One task per ``chunk_size`` replications of ``reps``; the results in replication order."""
    return client.gather(_futures(client, fn, native, seed, reps, chunk_size, retries))


def run(
    scenario: Scenario,
    replications: int,
    client: Any,
    seed: Any = 1,
    chunk_size: int = 50,
    retries: int = 2,
    reps: Optional[range] = None,
) -> RunResult:
    """Runs ``range(replications)`` (or ``reps``) of ``scenario`` on the Dask ``client``'s
    cluster, ``chunk_size`` replications per task, and merges the chunks in order. The result is
    identical to ``airpolicing.run`` with the same seed."""
    _check_scenario(scenario)
    s = _seed(seed)
    _check_count("chunk_size", chunk_size)
    reps = range(int(replications)) if reps is None else reps
    if len(reps) == 0:
        raise ValueError(f"the replication range {reps} is empty")
    _airpolicing.check_limits(scenario._native, len(reps))
    parts = _submit(client, run_chunk, scenario._native, s, reps, chunk_size, retries)
    names = parts[0][0]
    hist = np.zeros(max(len(p[3]) for p in parts), dtype=np.uint64)
    for p in parts:
        hist[: len(p[3])] += p[3]
    values = np.vstack([p[2] for p in parts])
    standard = json.loads(_airpolicing.standard_counts(scenario._native, names, values))
    return RunResult(
        scenario.name,
        s,
        names,
        np.concatenate([p[1] for p in parts]),
        values,
        hist,
        standard,
        scenario,
    )


def size(
    scenario: Scenario,
    client: Any,
    squadron: Optional[str] = None,
    mix: bool = False,
    replications: int = 100,
    seed: Any = 1,
    chunk_size: int = 50,
    max_aircraft: int = _airpolicing.MAX_AIRCRAFT,
    retries: int = 2,
    sequential: bool = False,
    sequential_error: float = SEQUENTIAL_ERROR,
) -> SizeResult:
    """Sizes the fleet as ``airpolicing.size`` does, with every candidate's replications spread
    over the Dask ``client``'s cluster, ``chunk_size`` per task. The result is identical to the
    local one with the same seed. With ``sequential=True`` each look of a candidate (see
    ``airpolicing.size``) is one batch of tasks. With ``mix=True`` the candidates of each step of
    the search (with ``sequential=True``, those of each look) are submitted together, so the
    cluster runs them side by side."""
    _check_scenario(scenario)
    s = _seed(seed)
    _check_count("replications", replications)
    _check_count("chunk_size", chunk_size)
    _check_count("max_aircraft", max_aircraft)
    if mix and squadron is not None:
        raise ValueError("give either squadron or mix=True, not both")
    error = _sequential(sequential, sequential_error)

    def score(candidate: Any, start: int = 0, stop: int = int(replications)) -> tuple[int, int, list[int]]:
        parts = _submit(client, score_chunk, candidate, s, range(start, stop), chunk_size, retries)
        each = [sum(col) for col in zip(*(p[2] for p in parts))]
        return sum(p[0] for p in parts), sum(p[1] for p in parts), each

    def score_batch(items: list) -> list:
        # Every candidate of a step (or of a look) at once: all their tasks are submitted before
        # any is gathered, so the cluster runs them side by side.
        futures = [_futures(client, score_chunk, c, s, range(a, b), chunk_size, retries) for c, a, b in items]
        done = client.gather(futures)
        out = []
        for parts in done:
            each = [sum(col) for col in zip(*(p[2] for p in parts))]
            out.append((sum(p[0] for p in parts), sum(p[1] for p in parts), each))
        return out

    native = scenario._native
    plan = None if error is None else (int(replications), error)
    if mix:
        data = json.loads(_airpolicing.size_batch_by(native, int(max_aircraft), int(replications), score_batch, error))
    else:
        names = [squadron] if squadron is not None else scenario.squadrons
        data = [json.loads(_airpolicing.size_by(native, n, int(max_aircraft), score, plan)) for n in names]
    return SizeResult(scenario, s, int(replications), bool(mix), data, error)
