"""Dask: a cluster of worker processes gives exactly the local result, even when tasks fail and
are retried."""

import os

import numpy as np
import pytest

import airpolicing as ap
import airpolicing.dask as apd

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_a_cluster_gives_the_local_result(client):
    s = ap.Scenario.load("baltic")
    local = ap.run(s, replications=12, seed=4)
    remote = apd.run(s, 12, client, seed=4, chunk_size=5)
    assert np.array_equal(local._values, remote._values, equal_nan=True)
    assert local.to_json() == remote.to_json()
    assert len(client.scheduler_info()["workers"]) == 2


FLAG = os.path.join(os.path.dirname(__file__), ".failed-once")


def flaky_chunk(toml_text, origin, seed, start, stop):
    # Fails the first time it runs the chunk starting at 5, as a dying worker would.
    if start == 5 and not os.path.exists(FLAG):
        open(FLAG, "w").close()
        raise RuntimeError("worker lost")
    return apd.run_chunk(toml_text, origin, seed, start, stop)


def test_a_retried_task_gives_the_same_result(client, monkeypatch):
    if os.path.exists(FLAG):
        os.remove(FLAG)
    monkeypatch.setattr(apd, "run_chunk", flaky_chunk)
    s = ap.Scenario.load("baltic")
    try:
        remote = apd.run(s, 12, client, seed=4, chunk_size=5, retries=2)
        assert os.path.exists(FLAG), "the first attempt did fail"
    finally:
        if os.path.exists(FLAG):
            os.remove(FLAG)
    local = ap.run(s, replications=12, seed=4)
    assert np.array_equal(local._values, remote._values, equal_nan=True)


KILLED = os.path.join(os.path.dirname(__file__), ".killed-once")


def dying_score_chunk(toml_text, origin, seed, start, stop):
    # The first time any chunk starting at 10 runs, its worker process dies mid-task.
    if start == 10 and not os.path.exists(KILLED):
        open(KILLED, "w").close()
        os._exit(1)
    return apd.score_chunk(toml_text, origin, seed, start, stop)


def test_sizing_on_a_cluster_equals_local_sizing_even_when_a_worker_dies(client, monkeypatch):
    if os.path.exists(KILLED):
        os.remove(KILLED)
    monkeypatch.setattr(apd, "score_chunk", dying_score_chunk)
    s = ap.Scenario.load("baltic")
    try:
        remote = apd.size(s, client, mix=True, replications=20, seed=2, chunk_size=10)
        assert os.path.exists(KILLED), "a worker did die"
    finally:
        if os.path.exists(KILLED):
            os.remove(KILLED)
    local = ap.size(s, mix=True, replications=20, seed=2)
    assert remote.to_json() == local.to_json()
    per = apd.size(s, client, replications=20, seed=2, chunk_size=7)
    assert per.to_json() == ap.size(s, replications=20, seed=2).to_json()


def test_sequential_sizing_on_a_cluster_equals_local_sizing(client):
    # Each look of a candidate is one batch of tasks over its new replications.
    s = ap.Scenario.load("baltic")
    remote = apd.size(s, client, mix=True, replications=200, seed=2, chunk_size=30, sequential=True)
    local = ap.size(s, mix=True, replications=200, seed=2, sequential=True)
    assert remote.to_json() == local.to_json()
    assert '"sequential"' in remote.to_json()


def test_a_steps_candidates_go_to_the_cluster_together(client, monkeypatch):
    # The reference theatre has several squadrons, so each step of the mix search has several
    # candidates: their tasks are all submitted before any is gathered, and the answer is the
    # local one.
    batches = []
    submitted = []
    futures, gather = apd._futures, client.gather

    def counting_futures(*args, **kwargs):
        submitted.append(1)
        return futures(*args, **kwargs)

    def counting_gather(fs, *args, **kwargs):
        batches.append(len(submitted))
        submitted.clear()
        return gather(fs, *args, **kwargs)

    monkeypatch.setattr(apd, "_futures", counting_futures)
    monkeypatch.setattr(client, "gather", counting_gather)
    s = ap.Scenario.load("reference")
    remote = apd.size(s, client, mix=True, replications=12, seed=3, chunk_size=6, max_aircraft=30)
    local = ap.size(s, mix=True, replications=12, seed=3, max_aircraft=30)
    assert remote.to_json() == local.to_json()
    assert max(batches) > 1, batches
