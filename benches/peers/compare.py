"""Runs airpolicing and its SimPy peer on the same scenarios and checks that they agree.

For each scenario (by default the two in this directory: `textbook_stochastic.toml`, scenario A,
and `cap_qra.toml`, scenario B) it runs

- `airpolicing run FILE -n REPS --seed SEED --threads 1 --json` (the release binary), and
- `simpy_peer.py` for PEER_REPS replications in this process,

and compares the mean of every compared metric: the two agree when

    |m_ours - m_simpy| <= z * sqrt(se_ours^2 + se_simpy^2) + 1e-9,

se being each mean's standard error (sd / sqrt(n)) and the small absolute term letting metrics that
are deterministic in both (equal, with sd 0) agree. By default z holds the family-wise error at 5 %
over all compared metrics (Bonferroni: z = Phi^-1(1 - 0.05 / (2k)) for k metrics), so that two
correct models fail the check in at most 1 run in 20; `--z 1.96` applies the per-metric 95 % rule
instead. The table shows each mean with its t-based 95 % half-width.

Speed, replications per second on one core: ours is timed on the CLI's wall-clock at two
replication counts, giving the rate with start-up (the larger run) and without it (the difference
of the two); the peer's is the replications alone, timed in this process.

Exits 1 if any metric disagrees, 2 on a usage or set-up error.

Usage: python benches/peers/compare.py [--reps 2000] [--peer-reps 1000] [--seed 1] [--z Z]
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from pathlib import Path
from statistics import NormalDist

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

import simpy_peer  # noqa: E402

SCENARIOS = [("A", HERE / "textbook_stochastic.toml"), ("B", HERE / "cap_qra.toml")]

# The metrics compared, when the scenario has them; per-squadron MC rates are added. Per-station,
# per-posture and per-squadron copies of a total are left out in a one-station, one-posture,
# one-squadron scenario (they are the same numbers); `--all` compares every metric anyway.
COMPARED = [
    "cap_coverage", "cap_presence", "qra_coverage", "front_coverage_low", "front_coverage_high",
    "violations_per_day", "undetected_fraction", "unanswered_fraction",
    "intercept_within_target", "response_time_mean", "response_time_p50", "response_time_p90",
    "qra_unavailable_fraction", "sorties_per_day", "flight_hours_per_day",
]
ABS_TOL = 1e-9


def run_ours(binary, scenario, reps, seed):
    """Runs the CLI single-threaded; returns (summaries by name, wall-clock seconds)."""
    cmd = [str(binary), "run", str(scenario), "-n", str(reps), "--seed", str(seed),
           "--threads", "1", "--json"]
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if out.returncode != 0:
        raise SystemExit(f"compare: `{' '.join(cmd)}` failed:\n{out.stderr}")
    doc = json.loads(out.stdout)
    # JSON has no NaN: a metric without values (no intercepts at all) comes as null.
    nan = float("nan")
    summaries = {m["name"]: {k: (nan if v is None else v) for k, v in m.items()}
                 for m in doc["metrics"]}
    return summaries, elapsed


def time_ours(binary, scenario, small, large, seed, repeats):
    """Wall-clock of the CLI at `small` and `large` replications, best of `repeats` each."""
    best = {}
    for n in (small, large):
        best[n] = min(run_ours(binary, scenario, n, seed)[1] for _ in range(repeats))
    return best[small], best[large]


def run_peer(scenario, reps, seed):
    """Runs the SimPy peer in this process; returns (summaries by name, seconds, load seconds)."""
    t0 = time.perf_counter()
    scn = simpy_peer.load_scenario(scenario)
    t1 = time.perf_counter()
    rows = simpy_peer.run(scn, reps, seed)
    t2 = time.perf_counter()
    return {s["name"]: s for s in simpy_peer.summarise_rows(scn, rows)}, t2 - t1, t1 - t0


def half_width(s):
    """The t-based 95 % half-width of a summary (0 when it is not finite)."""
    h = s["ci_high"] - s["mean"]
    return h if math.isfinite(h) else 0.0


def standard_error(s):
    return s["sd"] / math.sqrt(s["n"]) if s["n"] > 1 and math.isfinite(s["sd"]) else 0.0


def agree(ours, peer, z):
    """Whether two summaries' means agree, and the difference in combined standard errors
    (None when both are deterministic: no spread beyond rounding in either)."""
    if ours["n"] == 0 or peer["n"] == 0:
        return ours["n"] == peer["n"], None  # no values on one side (or on both)
    se = math.hypot(standard_error(ours), standard_error(peer))
    diff = abs(ours["mean"] - peer["mean"])
    ok = diff <= z * se + ABS_TOL
    deterministic = se <= 1e-12 * max(1.0, abs(ours["mean"]))
    return ok, (None if deterministic else diff / se)


def fmt(s):
    """Mean ± half-width with digits to suit the metric."""
    m, h = s["mean"], half_width(s)
    digits = 4 if abs(m) < 2 else 2
    return f"{m:.{digits}f} ± {h:.{digits}f}"


def compared_names(ours, peer, every):
    """The metric names compared for one scenario, in the engine's order."""
    names = [n for n in ours if n in peer]
    if every:
        return names
    return [n for n in names if n in COMPARED or n.startswith("mc_rate[")]


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Compare airpolicing with its SimPy peer: agreement of the means and speed.")
    ap.add_argument("--reps", type=int, default=2000,
                    help="replications of airpolicing for the agreement check (default 2000)")
    ap.add_argument("--peer-reps", type=int, default=1000,
                    help="replications of the SimPy peer (default 1000)")
    ap.add_argument("--seed", type=int, default=1, help="master seed of both (default 1)")
    ap.add_argument("--speed-reps", type=int, default=10000,
                    help="replications of airpolicing for its timing (default 10000)")
    ap.add_argument("--timing-repeats", type=int, default=3,
                    help="each airpolicing timing is the best of this many runs (default 3)")
    ap.add_argument("--z", type=float, default=None,
                    help="critical value of the check (default: Bonferroni over the compared "
                         "metrics at a 5 %% family-wise level; 1.96 for the per-metric rule)")
    ap.add_argument("--all", action="store_true", help="compare every metric the peer produces")
    ap.add_argument("--scenario", action="append", type=Path, metavar="FILE",
                    help="compare on this scenario file instead (repeatable)")
    ap.add_argument("--binary", type=Path, default=REPO / "target" / "release" / "airpolicing",
                    help="the airpolicing executable (default: target/release/airpolicing)")
    ap.add_argument("--no-speed", action="store_true", help="skip the timing of airpolicing")
    args = ap.parse_args(argv)
    if not args.binary.is_file():
        print(f"compare: no executable at {args.binary}; run `cargo build --release` first",
              file=sys.stderr)
        return 2
    if min(args.reps, args.peer_reps) < 2:
        print("compare: --reps and --peer-reps must be at least 2", file=sys.stderr)
        return 2
    scenarios = ([(f"{i + 1}", p) for i, p in enumerate(args.scenario)]
                 if args.scenario else SCENARIOS)

    results = []
    for label, path in scenarios:
        try:
            peer, peer_s, load_s = run_peer(path, args.peer_reps, args.seed)
        except simpy_peer.Unsupported as e:
            print(f"compare: {path.name}: {e}", file=sys.stderr)
            return 2
        ours, ours_s = run_ours(args.binary, path, args.reps, args.seed)
        names = compared_names(ours, peer, args.all)
        results.append((label, path, ours, ours_s, peer, peer_s, load_s, names))

    k = sum(len(r[7]) for r in results)
    z = args.z if args.z is not None else NormalDist().inv_cdf(1 - 0.05 / (2 * k))
    rule = ("per-metric" if args.z is not None
            else f"Bonferroni over {k} metrics, 5 % family-wise")
    print(f"Agreement of the means: |ours - SimPy| <= {z:.2f} x sqrt(se_ours² + se_SimPy²) "
          f"+ {ABS_TOL:g} ({rule}).")
    print(f"airpolicing: {args.reps} replications; SimPy peer: {args.peer_reps}; seed {args.seed}."
          " Each mean ± its 95 % half-width; |d|/se is the difference in combined standard errors"
          " ('fixed': the same number in every replication of both).")
    failures = 0
    width = max(len(n) for r in results for n in r[7])
    for label, path, ours, _, peer, _, _, names in results:
        print(f"\nScenario {label}: {path.name}")
        print(f"  {'metric':{width}s}  {'ours':>22s}  {'SimPy':>22s}  {'|d|/se':>6s}  agree")
        for n in names:
            ok, zz = agree(ours[n], peer[n], z)
            failures += not ok
            zs = "fixed" if zz is None else f"{zz:6.2f}"
            print(f"  {n:{width}s}  {fmt(ours[n]):>22s}  {fmt(peer[n]):>22s}  {zs:>6s}  "
                  f"{'yes' if ok else 'NO'}")

    print("\nSpeed, replications per second on one core:")
    print(f"  {'scenario':10s} {'ours, with start-up':>20s} {'ours, without':>14s} "
          f"{'SimPy peer':>11s} {'ratio':>8s}")
    for label, path, _, _, _, peer_s, _, _ in results:
        peer_rate = args.peer_reps / peer_s
        if args.no_speed:
            print(f"  {label:10s} {'—':>20s} {'—':>14s} {peer_rate:11.1f} {'—':>8s}")
            continue
        small = max(1, args.speed_reps // 10)
        t_small, t_large = time_ours(args.binary, path, small, args.speed_reps, args.seed,
                                     args.timing_repeats)
        with_start = args.speed_reps / t_large
        without = ((args.speed_reps - small) / (t_large - t_small)
                   if t_large > t_small else math.inf)
        print(f"  {label:10s} {with_start:20.0f} {without:14.0f} {peer_rate:11.1f} "
              f"{without / peer_rate:7.0f}x")
    print("  (ours: CLI wall-clock at --speed-reps, and the difference of two replication counts;"
          "\n   SimPy: the replications alone, timed in this process; ratio: ours without "
          "start-up / SimPy)")

    if failures:
        print(f"\n{failures} metric(s) DISAGREE.")
        return 1
    print("\nAll compared metrics agree.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
