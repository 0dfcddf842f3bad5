"""The Python bindings against the command-line tool, and their contract."""

import json
import os
import subprocess
import threading
import time

import numpy as np
import pytest

import airpolicing as ap

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
CLI = os.path.join(ROOT, "target", "debug", "airpolicing")


def test_run_equals_the_cli_json_for_the_same_seed():
    s = ap.Scenario.load("baltic")
    r = ap.run(s, replications=6, seed=9)
    out = subprocess.run([CLI, "run", "baltic", "-n", "6", "--seed", "9", "--json"], capture_output=True, check=True)
    cli = json.loads(out.stdout)
    mine = json.loads(r.to_json())
    assert [m["name"] for m in mine["metrics"]] == [m["name"] for m in cli["metrics"]]
    for a, b in zip(mine["metrics"], cli["metrics"]):
        for key in ("mean", "sd", "ci_low", "ci_high", "p50"):
            assert a[key] == b[key], (a["name"], key)
    assert mine["response_time_histogram"]["counts"] == cli["response_time_histogram"]["counts"]


def test_threads_and_range_splits_give_identical_rows():
    s = ap.Scenario.load("ukraine")
    one = ap.run(s, replications=6, seed=3, n_threads=1)
    two = ap.run(s, replications=6, seed=3, n_threads=2, chunk_size=2)
    assert np.array_equal(one._values, two._values)
    a = ap.run(s, reps=range(0, 2), seed=3)
    b = ap.run(s, reps=range(2, 6), seed=3)
    assert np.array_equal(np.vstack([a._values, b._values]), one._values)
    assert list(one.replications["replication"]) == [0, 1, 2, 3, 4, 5]


def test_results_are_pandas_ready():
    r = ap.run(ap.Scenario.load("textbook"), replications=3)
    df = r.to_pandas()
    assert list(df["replication"]) == [0, 1, 2]
    summary = r.summary()
    assert {"metric", "mean", "sd", "ci_low", "ci_high"} <= set(summary.columns)
    row = summary[summary["metric"] == "cap_coverage"].iloc[0]
    assert row["mean"] == 1.0
    assert "<table" in r._repr_html_()


def test_seeds_accept_numpy_seed_sequences_and_generators():
    s = ap.Scenario.load("baltic")
    seq = np.random.SeedSequence(5)
    a = ap.run(s, replications=2, seed=seq)
    b = ap.run(s, replications=2, seed=int(np.random.SeedSequence(5).generate_state(1, dtype=np.uint64)[0]))
    assert np.array_equal(a._values, b._values, equal_nan=True)
    ap.run(s, replications=1, seed=np.random.default_rng(1))


def test_the_interpreter_lock_is_released_during_a_run():
    s = ap.Scenario.load("ukraine")
    ticks = []
    done = threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    start = time.perf_counter()
    ap.run(s, replications=4, n_threads=1, chunk_size=4)
    end = time.perf_counter()
    done.set()
    t.join()
    during = [x for x in ticks if start < x < end]
    # The other Python thread kept running while the single chunk ran in Rust.
    assert len(during) >= 5, (len(during), end - start)


def test_bad_input_raises_the_documented_exceptions():
    with pytest.raises(ap.ScenarioError) as e:
        ap.Scenario.from_toml(ap.Scenario.load("textbook").to_toml().replace("aircraft_count = 6", "aircraft_count = -6"), "t.toml")
    assert issubclass(ap.ScenarioError, ValueError)
    assert "squadrons[0].aircraft_count" in str(e.value)
    with pytest.raises(ap.ScenarioError, match="neither a scenario file nor a bundled scenario"):
        ap.Scenario.load("atlantis")
    with pytest.raises(ap.ScenarioError, match="no field `rate` in `violations`"):
        ap.Scenario.load("baltic").with_value("violations.rate", 1)
    with pytest.raises(TypeError):
        ap.Scenario.load(42)
    with pytest.raises(TypeError):
        ap.run("baltic")
    with pytest.raises(TypeError):
        ap.run(ap.Scenario.load("baltic"), seed="one")
    with pytest.raises(ValueError, match="empty"):
        ap.run(ap.Scenario.load("baltic"), reps=range(3, 3))


def test_dict_round_trip_and_with_value():
    s = ap.Scenario.load("ukraine")
    d = s.to_dict()
    again = ap.Scenario.from_dict(d)
    assert again.to_dict() == d
    t = s.with_value("violations.rate_per_day", 8)
    assert t.to_dict()["violations"]["rate_per_day"] == 8
    e = ap.estimate(s)
    assert len(e["stations"]) == 4
