"""Spreading replications over a Dask cluster, with results identical to a local run.

Each task runs one range of replications from the scenario's TOML text and the integer seed: a pure
function of its arguments, so Dask may retry it after a worker dies and the result does not
change. The chunks are merged in replication order, exactly as a local run merges them.

Point it at a real cluster with ``Client("tcp://scheduler-host:8786")``; a ``LocalCluster`` works
for one machine. Ray users can do the same with ``ray.remote`` around :func:`run_chunk`.
"""

from __future__ import annotations

from typing import Any, Optional

import numpy as np

from . import RunResult, Scenario, _airpolicing, _seed


def run_chunk(toml_text: str, origin: str, seed: int, start: int, stop: int):
    """Replications ``start..stop`` of the scenario in ``toml_text``: (names, reps, values, hist)."""
    native = _airpolicing.NativeScenario.from_toml(toml_text, origin)
    return _airpolicing.run_rows(native, seed, start, stop, 1)


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
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be an airpolicing.Scenario, not {type(scenario).__name__}")
    s = _seed(seed)
    reps = range(int(replications)) if reps is None else reps
    if len(reps) == 0:
        raise ValueError(f"the replication range {reps} is empty")
    text = scenario.to_toml()
    origin = scenario._native.origin
    starts = list(range(reps.start, reps.stop, chunk_size))
    futures = [
        client.submit(run_chunk, text, origin, s, a, min(a + chunk_size, reps.stop), retries=retries, pure=True)
        for a in starts
    ]
    parts = client.gather(futures)
    names = parts[0][0]
    hist = np.zeros(max(len(p[3]) for p in parts), dtype=np.uint64)
    for p in parts:
        hist[: len(p[3])] += p[3]
    return RunResult(
        scenario.name,
        s,
        names,
        np.concatenate([p[1] for p in parts]),
        np.vstack([p[2] for p in parts]),
        hist,
    )
