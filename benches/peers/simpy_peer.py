"""A SimPy peer of the airpolicing engine, for a documented subset of the model.

The peer reads the same scenario file as `airpolicing` (with `tomllib`) and computes its own
geometry with `geographiclib` (Karney's geodesics on WGS-84, the algorithm of the
`geographiclib-rs` crate the engine uses). It then simulates replications written the way an
analyst would write them in SimPy:

- one **sortie process** per launch (launch, transit, on station until bingo, home, turnaround),
  interrupted when the fighter is sent after a violator;
- one **availability process** per aircraft (up and down periods on the clock, `mc_rate`);
- a **PriorityStore of ready aircraft** per squadron, which the relief of a CAP station draws from
  (lowest tail number first, as the engine takes the first ready aircraft of the fleet);
- one **relief process** per planned relief of a CAP element;
- a **violation arrival process** (Poisson) with one process per violation (crossing, detection,
  command-and-control delay, response), and one **scramble process** per QRA launch.

The decisions mirror the engine (`src/sim/engine/`) for the subset below, in the engine's words:
relief groups with `members` and `relief`; the relief planned to arrive `overlap` before the first
member's predicted departure and only for the members that must leave (that member and any other
due to leave within one relief lead, launch plus transit, of it; the others stay on, to be
relieved at their own time), an empty place in the element filled at once, the relief planned
again when a member comes back from an intercept; a member that must leave before its relief is
complete bringing the relief forward (for the empty place and the members due to leave within a
lead); the aircraft still to launch joining the element once the old members have all gone;
ready aircraft going first to a QRA posture short of its alert; fuel tracked continuously; the
responder that intercepts first; metrics measured after the warm-up (docs/model.md, metrics).

Subset (anything else in a scenario is refused with a message):

- fighter squadrons whose aircraft type is defined in full in the scenario file (no built-in
  catalog types, no `based_on`); availability `perfect` or `mc_rate`;
- CAP stations at a fixed `position`, each served by exactly one squadron, element relief, no
  tanker track, no `hours`;
- QRA postures; ground radars;
- violations at a flat Poisson rate (no hourly multipliers, surges or sector weights), violator
  types with `penetration_km` or `dwell_min`, flying perpendicular to the front plus a random
  spread (no `toward` points).

Left out: tankers and air-to-air refuelling, AEW orbits, the failure model (failures, ground
aborts, inspections), individual relief, part-day stations, per-sector metrics, the
response-time histogram.

Random numbers come from Python's `random.Random`, one stream per replication seeded by
(seed, replication). The peer shares no random numbers with the engine: agreement is in
distribution, checked by `compare.py`.

Usage: `python simpy_peer.py SCENARIO.toml -n 100 --seed 1 [--json]`.
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import random
import sys
import time
import tomllib
from dataclasses import dataclass, field

import simpy
from geographiclib.geodesic import Geodesic

WGS84 = Geodesic.WGS84

# ---------------------------------------------------------------------------------------------
# Geography: geodesics, the theatre plane and the front


def distance_km(a, b):
    """Geodesic distance in km between two (lat, lon) positions on WGS-84."""
    return WGS84.Inverse(a[0], a[1], b[0], b[1], Geodesic.DISTANCE)["s12"] / 1000.0


def distance_azimuth(a, b):
    """Geodesic distance (km) and initial azimuth (degrees clockwise from north) from a to b."""
    r = WGS84.Inverse(a[0], a[1], b[0], b[1], Geodesic.DISTANCE | Geodesic.AZIMUTH)
    return r["s12"] / 1000.0, r["azi1"]


def destination(p, azimuth_deg, d_km):
    """The position reached by flying d_km along the geodesic leaving p on azimuth_deg."""
    r = WGS84.Direct(p[0], p[1], azimuth_deg, d_km * 1000.0,
                     Geodesic.LATITUDE | Geodesic.LONGITUDE)
    return (r["lat2"], r["lon2"])


class Projection:
    """The engine's theatre plane: azimuthal equidistant, (east, north) in km from `centre`."""

    def __init__(self, centre):
        self.centre = centre

    def forward(self, p):
        """Plane coordinates of a position."""
        d, az = distance_azimuth(self.centre, p)
        az = math.radians(az)
        return (d * math.sin(az), d * math.cos(az))


class Front:
    """The front: vertices, the protected side, lengths along it and the theatre projection."""

    def __init__(self, vertices, protected_side):
        self.vertices = [tuple(v) for v in vertices]
        self.protected = protected_side
        self.cumulative = [0.0]
        self.azimuths = []  # of each segment's geodesic at its first vertex
        for a, b in zip(self.vertices, self.vertices[1:]):
            d, az = distance_azimuth(a, b)
            self.cumulative.append(self.cumulative[-1] + d)
            self.azimuths.append(az)
        self.length_km = self.cumulative[-1]
        self.projection = Projection(self.point_at(self.length_km / 2.0))
        self.planar = [self.projection.forward(v) for v in self.vertices]

    def _segment(self, along):
        """Index of the segment holding the point `along` km from the first vertex."""
        i = sum(1 for c in self.cumulative if c <= along)
        return min(max(i - 1, 0), len(self.vertices) - 2)

    def point_at(self, along):
        """The point `along` km from the first vertex, on the geodesic segments."""
        along = min(max(along, 0.0), self.length_km)
        i = self._segment(along)
        return destination(self.vertices[i], self.azimuths[i], along - self.cumulative[i])

    def inward_normal(self, along):
        """Unit plane vector perpendicular to the front at `along`, into the protected side."""
        i = self._segment(min(max(along, 0.0), self.length_km))
        (x0, y0), (x1, y1) = self.planar[i], self.planar[i + 1]
        n = math.hypot(x1 - x0, y1 - y0)
        dx, dy = (x1 - x0) / n, (y1 - y0) / n
        return (-dy, dx) if self.protected == "left" else (dy, -dx)

    def sample(self, spacing):
        """Centres of equal pieces of about `spacing` km: (point, piece length)."""
        n = max(1, math.ceil(self.length_km / spacing))
        piece = self.length_km / n
        return [(self.point_at((k + 0.5) * piece), piece) for k in range(n)]


def radar_horizon_km(height_m):
    """Radar horizon with the 4/3 effective Earth radius: 4.12 km x sqrt(h in m)."""
    return 4.12 * math.sqrt(max(height_m, 0.0))


def coverage_radius_km(range_km, radar_height_m, target_height_m):
    """Detection radius: the instrumented range or the sum of the two horizons (docs/model.md, violations)."""
    return min(range_km, radar_horizon_km(radar_height_m) + radar_horizon_km(target_height_m))


def intercept_time(tx, ty, vx, vy, speed):
    """Earliest tau >= 0 with |target + velocity * tau| = speed * tau, or None (no closure)."""
    c = tx * tx + ty * ty
    if c == 0.0:
        return 0.0
    a = vx * vx + vy * vy - speed * speed
    b = 2.0 * (tx * vx + ty * vy)
    if abs(a) < 1e-12:
        # Equal speeds: b * tau + c = 0, a meeting only when the target closes.
        return -c / b if b < 0.0 else None
    disc = b * b - 4.0 * a * c
    if disc < 0.0:
        return None
    r = math.sqrt(disc)
    lo, hi = sorted(((-b - r) / (2.0 * a), (-b + r) / (2.0 * a)))
    if lo >= 0.0:
        return lo
    return hi if hi >= 0.0 else None


def first_entry(sx, sy, vx, vy, duration, cx, cy, radius):
    """First time in [0, duration] a point moving from s with velocity v is within radius of c."""
    dx, dy = sx - cx, sy - cy
    c = dx * dx + dy * dy - radius * radius
    if c <= 0.0:
        return 0.0
    a = vx * vx + vy * vy
    if a == 0.0:
        return None
    b = 2.0 * (dx * vx + dy * vy)
    disc = b * b - 4.0 * a * c
    if disc < 0.0:
        return None
    t = (-b - math.sqrt(disc)) / (2.0 * a)
    return t if 0.0 <= t <= duration else None


# ---------------------------------------------------------------------------------------------
# Random durations


@dataclass
class Dist:
    """A fixed value or a distribution, as written in a scenario file (unit from the key)."""

    kind: str
    a: float = 0.0
    b: float = 0.0
    c: float = 0.0

    @staticmethod
    def parse(spec, where):
        """A plain number is fixed; a table names its `dist`."""
        if isinstance(spec, (int, float)):
            return Dist("fixed", float(spec))
        d = spec.get("dist")
        if d == "fixed":
            return Dist("fixed", float(spec["value"]))
        if d == "uniform":
            return Dist("uniform", float(spec["min"]), float(spec["max"]))
        if d == "triangular":
            lo, mode, hi = float(spec["min"]), float(spec["mode"]), float(spec["max"])
            return Dist("fixed", mode) if lo >= hi else Dist("triangular", lo, mode, hi)
        if d == "lognormal":
            mean, sd = float(spec["mean"]), float(spec["sd"])
            s2 = math.log(1.0 + (sd / mean) ** 2)
            return Dist("lognormal", math.log(mean) - s2 / 2.0, math.sqrt(s2), mean)
        if d == "exponential":
            return Dist("exponential", float(spec["mean"]))
        raise Unsupported(f"{where}: unknown distribution {spec!r}")

    def mean(self):
        """The distribution's mean."""
        if self.kind == "uniform":
            return (self.a + self.b) / 2.0
        if self.kind == "triangular":
            return (self.a + self.b + self.c) / 3.0
        if self.kind == "lognormal":
            return self.c
        return self.a  # fixed value, or the exponential's mean

    def sample(self, rng):
        """One draw; a fixed value draws no random number."""
        k = self.kind
        if k == "fixed":
            return self.a
        if k == "uniform":
            return rng.uniform(self.a, self.b)
        if k == "triangular":
            return rng.triangular(self.a, self.c, self.b)  # random's order: low, high, mode
        if k == "lognormal":
            return rng.lognormvariate(self.a, self.b)
        return rng.expovariate(1.0 / self.a)


# ---------------------------------------------------------------------------------------------
# The scenario, read from the same TOML file as the engine


class Unsupported(ValueError):
    """The scenario uses a feature outside the peer's subset."""


@dataclass
class SquadronDef:
    """A fighter squadron with its type's performance."""

    name: str
    base: tuple
    base_xy: tuple
    count: int
    cruise_kmh: float
    fuel_kg: float
    cruise_burn: float
    patrol_burn: float
    reserve_kg: float
    max_sortie_h: float
    launch_min: Dist
    turnaround_min: Dist
    dash_kmh: float
    dash_burn: float
    mc_rate: float | None  # None: perfect availability
    up_mean_h: float = 0.0
    down_h: Dist | None = None


@dataclass
class StationDef:
    """A CAP station: where, how many on it, who serves it and how far they fly."""

    name: str
    position: tuple
    xy: tuple
    element: int
    squadron: int
    transit_h: float
    lead_h: float


@dataclass
class QraDef:
    """A QRA posture at its squadron's base."""

    name: str
    squadron: int
    on_alert: int
    readiness_min: Dist
    scramble_size: int
    regenerate_min: Dist
    spares_regenerate: bool


@dataclass
class RadarDef:
    """A ground radar, always on."""

    xy: tuple
    range_km: float
    height_m: float


@dataclass
class ViolatorDef:
    """A kind of violator."""

    speed_kmh: float
    altitude_m: float
    penetration_km: float | None
    dwell_min: Dist | None
    spread_rad: float
    cum_share: float


@dataclass
class Scenario:
    """Everything a replication reads, computed once."""

    name: str
    duration_h: float
    warmup_h: float
    overlap_h: float
    front: Front
    squadrons: list
    stations: list
    qra: list
    radars: list
    front_low: float | None = None
    front_high: float | None = None
    rate_per_h: float = 0.0
    sectors: list = field(default_factory=list)
    violators: list = field(default_factory=list)
    c2_min: Dist | None = None
    shadow_min: Dist | None = None
    target_h: float | None = None

    @property
    def has_violations(self):
        return bool(self.violators)

    def metric_names(self):
        """The engine's metric names for this subset, in the engine's row order."""
        n = []
        if self.stations:
            n += ["cap_coverage", "cap_presence"]
            n += [f"station_coverage[{s.name}]" for s in self.stations]
        if self.radars:
            n += ["front_coverage_low", "front_coverage_high"]
        if self.qra:
            n.append("qra_coverage")
            n += [f"qra_coverage[{q.name}]" for q in self.qra]
        if self.has_violations:
            n += ["violations_per_day", "undetected_fraction", "unanswered_fraction"]
            if self.target_h is not None:
                n.append("intercept_within_target")
            n += [f"response_time_{q}" for q in ("mean", "p50", "p90", "p99")]
            if self.qra:
                n.append("qra_unavailable_fraction")
        n += ["sorties_per_day", "flight_hours_per_day"]
        for s in self.squadrons:
            n += [f"sorties_per_day[{s.name}]", f"flight_hours_per_day[{s.name}]",
                  f"mc_rate[{s.name}]"]
        return n


def _refuse(table, allowed, where):
    extra = sorted(set(table) - set(allowed))
    if extra:
        raise Unsupported(f"{where}: the SimPy peer does not model {', '.join(extra)}")


def load_scenario(path):
    """Reads a scenario file and builds the peer's model; refuses what the subset leaves out."""
    with open(path, "rb") as f:
        doc = tomllib.load(f)
    _refuse(doc, ["scenario", "front", "bases", "aircraft", "squadrons", "relief",
                  "cap_stations", "qra", "ground_radars", "violations", "targets"], "scenario")
    meta = doc["scenario"]
    fr = doc["front"]
    front = Front(fr["points"], fr["protected_side"])
    proj = front.projection
    bases = {}
    for b in doc.get("bases", []):
        bases[b["name"]] = tuple(b["position"])
        if "icao" in b:
            bases[b["icao"]] = tuple(b["position"])
    types = {}
    for t in doc.get("aircraft", []):
        if "based_on" in t:
            raise Unsupported(f"aircraft {t['id']}: `based_on` (the peer has no catalog)")
        types[t["id"]] = t

    squadrons = []
    for q in doc.get("squadrons", []):
        if q["aircraft"] not in types:
            raise Unsupported(f"squadron {q['name']}: type {q['aircraft']} is not defined in full "
                              "in the file (the peer has no built-in catalog)")
        t = types[q["aircraft"]]
        if "fighter" not in t:
            raise Unsupported(f"squadron {q['name']}: only fighters are modelled")
        avail = t.get("availability", {"model": "perfect"})
        base = bases[q["base"]]
        sq = SquadronDef(
            name=q["name"], base=base, base_xy=proj.forward(base), count=int(q["aircraft_count"]),
            cruise_kmh=float(t["cruise_speed_kmh"]), fuel_kg=float(t["fuel_kg"]),
            cruise_burn=float(t["cruise_burn_kg_h"]), patrol_burn=float(t["patrol_burn_kg_h"]),
            reserve_kg=float(t["reserve_fuel_kg"]), max_sortie_h=float(t["max_sortie_h"]),
            launch_min=Dist.parse(t["launch_min"], "launch_min"),
            turnaround_min=Dist.parse(t["turnaround_min"], "turnaround_min"),
            dash_kmh=float(t["fighter"]["dash_speed_kmh"]),
            dash_burn=float(t["fighter"]["dash_burn_kg_h"]), mc_rate=None)
        if avail["model"] == "mc_rate" and float(avail["mc_rate"]) < 1.0:
            sq.mc_rate = float(avail["mc_rate"])
            sq.down_h = Dist.parse(avail["mean_down_h"], "mean_down_h")
            # Up periods are exponential with the mean that makes the long-run fraction up mc_rate.
            sq.up_mean_h = sq.down_h.mean() * sq.mc_rate / (1.0 - sq.mc_rate)
        elif avail["model"] not in ("perfect", "mc_rate"):
            raise Unsupported(f"squadron {q['name']}: availability model {avail['model']}")
        squadrons.append(sq)
    sq_index = {s.name: i for i, s in enumerate(squadrons)}

    relief = doc.get("relief", {})
    _refuse(relief, ["overlap_min", "mode", "refuel_at_fuel_fraction"], "relief")
    if relief.get("mode", "element") != "element":
        raise Unsupported("relief: only element relief is modelled")

    stations = []
    for c in doc.get("cap_stations", []):
        _refuse(c, ["name", "position", "element", "squadrons"], f"cap station {c['name']}")
        if len(c["squadrons"]) != 1:
            raise Unsupported(f"cap station {c['name']}: exactly one serving squadron")
        q = sq_index[c["squadrons"][0]]
        sq = squadrons[q]
        pos = tuple(c["position"])
        transit = distance_km(sq.base, pos) / sq.cruise_kmh
        stations.append(StationDef(
            name=c["name"], position=pos, xy=proj.forward(pos), element=int(c.get("element", 2)),
            squadron=q, transit_h=transit, lead_h=sq.launch_min.mean() / 60.0 + transit))

    qra = [QraDef(name=x["name"], squadron=sq_index[x["squadron"]], on_alert=int(x["on_alert"]),
                  readiness_min=Dist.parse(x.get("readiness_min", 15.0), "readiness_min"),
                  scramble_size=int(x.get("scramble_size", 2)),
                  regenerate_min=Dist.parse(x["regenerate_min"], "regenerate_min"),
                  spares_regenerate=bool(x.get("spares_regenerate", True)))
           for x in doc.get("qra", [])]

    radars = [RadarDef(xy=proj.forward(tuple(r["position"])), range_km=float(r["range_km"]),
                       height_m=float(r["antenna_height_m"]))
              for r in doc.get("ground_radars", [])]

    scn = Scenario(name=meta["name"], duration_h=float(meta["duration_days"]) * 24.0,
                   warmup_h=float(meta.get("warmup_days", 0.0)) * 24.0,
                   overlap_h=float(relief.get("overlap_min", 10.0)) / 60.0, front=front,
                   squadrons=squadrons, stations=stations, qra=qra, radars=radars)

    if radars:
        # Ground radars are always on, so the front's cover is a constant: the engine's samples
        # (about every km) inside a radar's geodesic coverage radius, weighted by length.
        samples = front.sample(max(front.length_km / 2000.0, 1.0))
        positions = [tuple(r["position"]) for r in doc["ground_radars"]]

        def cover(target_m):
            radii = [coverage_radius_km(r.range_km, r.height_m, target_m) for r in radars]
            seen = sum(w for p, w in samples
                       if any(distance_km(pos, p) <= rad for pos, rad in zip(positions, radii)))
            return seen / sum(w for _, w in samples)

        scn.front_low = cover(float(fr.get("low_target_m", 100.0)))
        scn.front_high = cover(float(fr.get("high_target_m", 8000.0)))

    v = doc.get("violations")
    if v:
        _refuse(v, ["rate_per_day", "c2_delay_min", "shadow_min", "types"], "violations")
        scn.rate_per_h = float(v["rate_per_day"]) / 24.0
        n_sectors = int(fr.get("sectors", 4))
        piece = front.length_km / n_sectors
        scn.sectors = [(k * piece, (k + 1) * piece) for k in range(n_sectors)]
        scn.c2_min = Dist.parse(v.get("c2_delay_min", 2.0), "c2_delay_min")
        scn.shadow_min = Dist.parse(v.get("shadow_min", 10.0), "shadow_min")
        cum = 0.0
        for t in v["types"]:
            _refuse(t, ["name", "share", "speed_kmh", "altitude_m", "penetration_km",
                        "dwell_min", "heading_spread_deg"], f"violator type {t['name']}")
            cum += float(t["share"])
            scn.violators.append(ViolatorDef(
                speed_kmh=float(t["speed_kmh"]), altitude_m=float(t["altitude_m"]),
                penetration_km=t.get("penetration_km"),
                dwell_min=Dist.parse(t["dwell_min"], "dwell_min") if "dwell_min" in t else None,
                spread_rad=math.radians(float(t.get("heading_spread_deg", 30.0))),
                cum_share=cum))
        rt = doc.get("targets", {}).get("response_time_min")
        scn.target_h = None if rt is None else float(rt) / 60.0
    return scn


# ---------------------------------------------------------------------------------------------
# One replication


class TimeWeighted:
    """Integrates a piecewise-constant value over [warm-up, end] (the engine's definition)."""

    __slots__ = ("value", "since", "integral")

    def __init__(self, value):
        self.value = value
        self.since = 0.0
        self.integral = 0.0

    def set(self, now, value, warmup, end):
        self.close(now, warmup, end)
        self.value = value

    def close(self, now, warmup, end):
        a = max(self.since, warmup)
        b = min(now, end)
        if b > a:
            self.integral += self.value * (b - a)
        self.since = now


# Aircraft states (the engine's `St`, for the subset).
READY, ALERT, REGENERATING, LAUNCHING, OUTBOUND, ON_STATION = range(6)
HOMEBOUND, SCRAMBLING, DASH, SHADOW, RETURNING, TURNAROUND, DOWN = range(6, 13)
AIRBORNE = {OUTBOUND, ON_STATION, HOMEBOUND, DASH, SHADOW, RETURNING}


class Aircraft:
    """One fighter: its state, its task, the fuel on board and its availability."""

    def __init__(self, index, sq):
        self.index = index  # tail number within the squadron: the fleet order
        self.sq = sq
        self.state = READY
        self.qra = None  # the posture it is on alert for, or being put on alert for
        self.group = None
        self.fuel = sq.fuel_kg
        self.fuel_t = 0.0
        self.burn = 0.0
        self.wheels_up = 0.0
        self.airborne_since = 0.0
        self.bingo_at = 0.0  # predicted departure from the station (plans the relief)
        self.leave_at = 0.0  # when it actually leaves the station if nothing intervenes
        self.home_leg_h = 0.0
        self.down = False
        self.sortie = None  # the sortie process while on a CAP task
        self.regenerations = 0  # counts the times it was put on the way to alert

    def __lt__(self, other):  # the PriorityStore hands out the lowest tail number first
        return self.index < other.index


class ReliefGroup:
    """The element on a CAP station and its relief (the engine's `Group`, element relief).

    A relief replaces only the members that must leave: the first member due to leave and any
    other due within one relief lead (launch plus transit) of it. The others stay on as members
    and are relieved at their own time; an empty place in the element is filled at once."""

    def __init__(self, rep, station):
        self.rep = rep
        self.station = station
        self.size = station.element
        self.members = []
        self.relief = []
        self.relieving = []  # the members the current relief replaces
        self.planned = 0  # aircraft in the current relief, launched or not
        self.need = 0  # ... of which still to launch
        self.filling = True  # launches fill the members (none on post) or form a relief
        self.pending = False  # a relief is planned or still launching
        self.due = 0.0  # when the planned relief launches (or launched), hours
        self.launching = False  # the relief process is taking ready aircraft
        self.waiting = False  # ... and found none ready
        self.epoch = 0
        self.on_station = 0

    def due_to_leave_by(self, t):
        """The members predicted to leave the station by `t`."""
        return [a for a in self.members if a.bingo_at <= t]

    def schedule(self, launch_at, replaced):
        """Starts a relief process launching at `launch_at` to replace the members `replaced`
        and fill any empty place; the members not replaced stay on."""
        rep = self.rep
        staying = len(self.members) - len(replaced)
        self.pending = True
        self.due = launch_at
        self.planned = max(self.size - staying, 1)
        self.need = self.planned
        self.relieving = replaced
        self.epoch += 1
        rep.env.process(self.relief_process(launch_at - rep.env.now, self.epoch))

    def plan_relief(self):
        """Plans the next relief: to arrive `overlap` before the first member's predicted
        departure, for that member and those due to leave within a lead of it; with a place
        empty, at once; with no members, at once to fill the element."""
        if self.pending or self.relief:
            return
        rep = self.rep
        now = rep.env.now
        lead = self.station.lead_h
        if not self.members:
            first, target = now, now
        elif len(self.members) < self.size:
            first, target = now, now - rep.scn.overlap_h
        else:
            first = min(a.bingo_at for a in self.members)
            target = first - rep.scn.overlap_h
        launch_at = max(target - lead, now)
        if launch_at >= rep.scn.duration_h:
            return
        self.schedule(launch_at, self.due_to_leave_by(first + lead))

    def relieve_now(self):
        """A member left early: bring the relief forward to now, unless it is already going.
        It is for the empty place and for the members due to leave within a lead from now."""
        if self.relief or (self.pending and self.need < self.planned):
            return
        if self.waiting or self.launching:
            return
        now = self.rep.env.now
        self.schedule(now, self.due_to_leave_by(now + self.station.lead_h))

    def relief_process(self, delay, epoch):
        """Waits until the planned launch, then launches ready aircraft as they become ready."""
        rep = self.rep
        yield rep.env.timeout(delay)
        if epoch != self.epoch:
            return  # replanned since
        # Whether the launches fill the element or form its relief; `member_gone` turns a relief
        # into filling when the old members have all gone.
        self.filling = not self.members
        self.launching = True
        store = rep.ready[self.station.squadron]
        while self.need > 0:
            get = store.get()
            if not get.triggered:
                self.waiting = True
            ac = yield get
            rep.launch(ac, self)
            self.need -= 1
        self.pending = self.launching = self.waiting = False

    def arrived(self, ac, from_intercept):
        """`ac` is on station: the hand-over when the whole relief is there, then planning. A
        member back from an intercept leaves earlier, so its relief is planned again."""
        if (self.relief and len(self.relief) == self.planned
                and all(r.state == ON_STATION for r in self.relief)):
            # The relief takes the places of the members it replaces, which stay on station
            # until their own bingo (the overlap); the members it does not replace stay on.
            replaced, self.relieving = self.relieving, []
            self.members = [a for a in self.members if a not in replaced] + self.relief
            self.relief = []
        if from_intercept and ac in self.members:
            self.replan_relief()
        self.plan_relief()

    def replan_relief(self):
        """A member's predicted departure came earlier: a relief not yet due comes forward; one
        already due (launching, or waiting for ready aircraft) is left as it is."""
        if self.pending and self.due > self.rep.env.now:
            self.pending = False
            self.plan_relief()

    def member_gone(self, ac):
        """`ac` leaves for home. If it was a member its relief may be due now."""
        was_member = ac in self.members or ac in self.relief
        ac.group = None
        for listing in (self.members, self.relief, self.relieving):
            if ac in listing:
                listing.remove(ac)
        if not was_member:
            return
        if not self.members:
            # The old element has gone: the part of the relief already launched is the element,
            # and the aircraft still to launch join it.
            self.filling = True
            if self.relief:
                self.members, self.relief = self.relief, []
                self.relieving = []
                self.plan_relief()
                return
        self.relieve_now()


class Violation:
    """One airspace violation: its track in the theatre plane and how it ended."""

    __slots__ = ("t0", "kind", "sx", "sy", "vx", "vy", "window_h", "outcome", "no_alert")

    def __init__(self, t0, kind, start, velocity, window_h):
        self.t0 = t0
        self.kind = kind
        self.sx, self.sy = start
        self.vx, self.vy = velocity
        self.window_h = window_h
        self.outcome = "pending"  # or "undetected", "unanswered", or the response time in hours
        self.no_alert = False


class Replication:
    """One replication of a scenario in a SimPy environment."""

    def __init__(self, scn, seed, rep):
        self.scn = scn
        self.rng = random.Random(seed * 1_000_003 + rep)
        self.env = simpy.Environment()
        w, e = scn.warmup_h, scn.duration_h
        self.w, self.e = w, e
        self.fleet = [[Aircraft(i, sq) for i in range(sq.count)] for sq in scn.squadrons]
        self.ready = [simpy.PriorityStore(self.env) for _ in scn.squadrons]
        self.groups = [ReliefGroup(self, st) for st in scn.stations]
        self.all_cap = TimeWeighted(0.0)
        self.cap_presence = TimeWeighted(0.0)
        self.station_full = [TimeWeighted(0.0) for _ in scn.stations]
        self.alert = [0] * len(scn.qra)
        self.regenerating = [0] * len(scn.qra)
        self.qra_held = [TimeWeighted(0.0) for _ in scn.qra]
        self.all_qra = TimeWeighted(0.0)
        self.capable = [TimeWeighted(float(sq.count)) for sq in scn.squadrons]
        self.sorties = [0.0] * len(scn.squadrons)
        self.flight_h = [0.0] * len(scn.squadrons)
        self.violations = []

    # -- fuel and bookkeeping ------------------------------------------------------------------

    def set_burn(self, ac, burn):
        """Brings the fuel on board up to now and sets a new burn rate."""
        now = self.env.now
        ac.fuel -= ac.burn * (now - ac.fuel_t)
        ac.fuel_t = now
        ac.burn = burn

    def fuel_now(self, ac):
        return ac.fuel - ac.burn * (self.env.now - ac.fuel_t)

    def refresh_station(self, g):
        """Coverage after a change of the number of fighters on a station."""
        now = self.env.now
        k = self.groups.index(g)
        self.station_full[k].set(now, 1.0 if g.on_station >= g.size else 0.0, self.w, self.e)
        full = all(x.on_station >= x.size for x in self.groups)
        present = all(x.on_station >= 1 for x in self.groups)
        self.all_cap.set(now, 1.0 if full else 0.0, self.w, self.e)
        self.cap_presence.set(now, 1.0 if present else 0.0, self.w, self.e)

    def refresh_qra(self, q):
        now = self.env.now
        held = self.alert[q] >= self.scn.qra[q].on_alert
        self.qra_held[q].set(now, 1.0 if held else 0.0, self.w, self.e)
        every = all(a >= d.on_alert for a, d in zip(self.alert, self.scn.qra))
        self.all_qra.set(now, 1.0 if every else 0.0, self.w, self.e)

    def set_down(self, ac, down):
        if ac.down != down:
            ac.down = down
            c = self.capable[self.scn.squadrons.index(ac.sq)]
            c.set(self.env.now, c.value + (-1.0 if down else 1.0), self.w, self.e)

    def squadron_of(self, ac):
        return self.scn.squadrons.index(ac.sq)

    # -- start ---------------------------------------------------------------------------------

    def start(self):
        """Availability in the long-run mix, QRA alert from ready aircraft, first reliefs,
        violations."""
        for q, sq in enumerate(self.scn.squadrons):
            for ac in self.fleet[q]:
                if sq.mc_rate is not None:
                    up = self.rng.random() < sq.mc_rate
                    if not up:
                        self.set_down(ac, True)
                        ac.state = DOWN
                    self.env.process(self.availability(ac, up))
                if ac.state == READY:
                    self.ready[q].put(ac)
        for q, d in enumerate(self.scn.qra):
            items = self.ready[d.squadron].items
            while self.alert[q] < d.on_alert and items:
                ac = heapq.heappop(items)
                ac.state, ac.qra = ALERT, q
                self.alert[q] += 1
            self.refresh_qra(q)
        for g in self.groups:
            self.refresh_station(g)
        for g in self.groups:
            g.plan_relief()
        if self.scn.has_violations:
            self.env.process(self.violation_arrivals())

    # -- availability and alert ----------------------------------------------------------------

    def availability(self, ac, up):
        """Up and down periods on the clock; a fighter in the air finishes its sortie."""
        sq = ac.sq
        if not up:
            yield self.env.timeout(sq.down_h.sample(self.rng))
            self.came_up(ac)
        while True:
            yield self.env.timeout(self.rng.expovariate(1.0 / sq.up_mean_h))
            self.went_down(ac)
            yield self.env.timeout(sq.down_h.sample(self.rng))
            self.came_up(ac)

    def went_down(self, ac):
        self.set_down(ac, True)
        q = self.squadron_of(ac)
        if ac.state == READY:
            items = self.ready[q].items
            if ac in items:
                items.remove(ac)
                heapq.heapify(items)
                ac.state = DOWN
            # Otherwise a relief has just taken it: it launches, like any aircraft in the air.
        elif ac.state == ALERT:
            ac.state = DOWN
            self.alert[ac.qra] -= 1
            self.refresh_qra(ac.qra)
            self.regenerate(ac.qra)
        elif ac.state == REGENERATING:
            ac.state = DOWN
            self.regenerating[ac.qra] -= 1
            self.regenerate(ac.qra)
        # In the air or in turnaround: worked on after landing, until it is up.

    def came_up(self, ac):
        self.set_down(ac, False)
        if ac.state == DOWN:
            self.assign(ac)

    def assign(self, ac):
        """A ready aircraft goes to a QRA posture short of its alert, else to the ready line
        (where a waiting relief takes it at once)."""
        q_sq = self.squadron_of(ac)
        for q, d in enumerate(self.scn.qra):
            if d.squadron == q_sq and self.alert[q] + self.regenerating[q] < d.on_alert:
                ac.state, ac.qra = REGENERATING, q
                self.regenerating[q] += 1
                ac.regenerations += 1
                self.env.process(self.regenerate_alert(ac, q, ac.regenerations))
                return
        ac.state = READY
        self.ready[q_sq].put(ac)

    def regenerate_alert(self, ac, q, n):
        """Puts `ac` on alert after the regeneration time, if this is still its current
        regeneration (it may have gone down meanwhile and started another)."""
        yield self.env.timeout(self.scn.qra[q].regenerate_min.sample(self.rng) / 60.0)
        if ac.state == REGENERATING and ac.qra == q and ac.regenerations == n:
            self.regenerating[q] -= 1
            ac.state = ALERT
            self.alert[q] += 1
            self.refresh_qra(q)

    def regenerate(self, q):
        """Puts a ready spare of posture q's squadron on the way to alert, if there is one."""
        d = self.scn.qra[q]
        items = self.ready[d.squadron].items
        if d.spares_regenerate and items:
            self.assign(heapq.heappop(items))

    # -- CAP sorties ---------------------------------------------------------------------------

    def launch(self, ac, g):
        """Launches `ac` for relief group `g`."""
        sq = ac.sq
        (g.members if g.filling else g.relief).append(ac)
        launch_h = sq.launch_min.sample(self.rng) / 60.0
        now = self.env.now
        ac.state = LAUNCHING
        ac.group = g
        ac.fuel, ac.fuel_t, ac.burn = sq.fuel_kg, now, 0.0
        ac.wheels_up = now + launch_h
        transit = g.station.transit_h
        arrive = now + launch_h + transit
        ac.bingo_at = self.leave_time(ac, g.station, arrive, sq.fuel_kg - transit * sq.cruise_burn)
        ac.sortie = self.env.process(self.cap_sortie(ac, g, launch_h))

    def leave_time(self, ac, st, arrive, fuel):
        """When a fighter arriving at `arrive` with `fuel` must leave: bingo or crew limit."""
        sq = ac.sq
        crew = ac.wheels_up + sq.max_sortie_h - st.transit_h
        fuel_h = (fuel - sq.reserve_kg - st.transit_h * sq.cruise_burn) / sq.patrol_burn
        return min(arrive + fuel_h, crew)

    def put_on_station(self, ac, g, from_intercept=False):
        sq = ac.sq
        ac.state = ON_STATION
        self.set_burn(ac, sq.patrol_burn)
        ac.home_leg_h = g.station.transit_h
        now = self.env.now
        fuel = self.fuel_now(ac)
        leave = self.leave_time(ac, g.station, now, fuel)
        fuel_bingo = now + (fuel - sq.reserve_kg - ac.home_leg_h * sq.cruise_burn) / sq.patrol_burn
        ac.bingo_at = leave
        ac.leave_at = min(leave, fuel_bingo)
        g.on_station += 1
        self.refresh_station(g)
        g.arrived(ac, from_intercept)

    def cap_sortie(self, ac, g, launch_h):
        """Launch, transit, hold the station until bingo (answering violators), fly home."""
        env, sq = self.env, ac.sq
        yield env.timeout(launch_h)
        ac.state = OUTBOUND
        ac.airborne_since = env.now
        self.set_burn(ac, sq.cruise_burn)
        if env.now >= self.w:
            self.sorties[self.squadron_of(ac)] += 1
        ac.home_leg_h = g.station.transit_h
        yield env.timeout(g.station.transit_h)
        self.put_on_station(ac, g)
        home_from = None
        while home_from is None:
            try:
                yield env.timeout(max(ac.leave_at - env.now, 0.0))
            except simpy.Interrupt as sent:
                # Sent after a violator: dash, shadow, then back to the station or home.
                _, t_meet, meet = sent.cause
                yield env.timeout(t_meet - env.now)
                shadow = self.start_shadow([ac], meet)
                yield env.timeout(shadow)
                back_h = self.after_shadow(ac, meet)
                if back_h is not None:
                    yield env.timeout(back_h)
                    self.put_on_station(ac, ac.group, from_intercept=True)
                    continue
                home_from = ("meet", meet)
            else:
                # Bingo (or the crew limit): leave the station.
                g.on_station -= 1
                self.refresh_station(g)
                ac.state = HOMEBOUND
                self.set_burn(ac, sq.cruise_burn)
                g.member_gone(ac)
                home_from = ("station", ac.home_leg_h)
        if home_from[0] == "meet":
            mx, my = home_from[1]
            leg = math.hypot(mx - sq.base_xy[0], my - sq.base_xy[1]) / sq.cruise_kmh
        else:
            leg = home_from[1]
        yield from self.fly_home_and_turn_round(ac, leg)

    def fly_home_and_turn_round(self, ac, leg_h):
        """Home over `leg_h` hours of cruise (diverting when the fuel would fall below the
        reserve), landing, turnaround, ready."""
        sq, env = ac.sq, self.env
        spare_h = (self.fuel_now(ac) - sq.reserve_kg) / sq.cruise_burn
        yield env.timeout(max(spare_h, 0.0) if spare_h + 1e-9 < leg_h else leg_h)
        # Landed.
        self.set_burn(ac, 0.0)
        counted = min(env.now, self.e) - max(ac.airborne_since, self.w)
        if counted > 0.0:
            self.flight_h[self.squadron_of(ac)] += counted
        ac.group = None
        ac.sortie = None
        ac.state = TURNAROUND
        yield env.timeout(sq.turnaround_min.sample(self.rng) / 60.0)
        if ac.down:
            ac.state = DOWN
        else:
            self.assign(ac)

    # -- violations ----------------------------------------------------------------------------

    def violation_arrivals(self):
        """Poisson arrivals; each violation crosses the front and is handled by its own process."""
        scn, rng, env = self.scn, self.rng, self.env
        front = scn.front
        while True:
            yield env.timeout(rng.expovariate(scn.rate_per_h))
            t = env.now
            a, b = scn.sectors[min(int(rng.random() * len(scn.sectors)), len(scn.sectors) - 1)]
            along = a + rng.random() * (b - a)
            u = rng.random()
            kind = next((k for k, x in enumerate(scn.violators) if u < x.cum_share),
                        len(scn.violators) - 1)
            vt = scn.violators[kind]
            start = front.projection.forward(front.point_at(along))
            spread = (2.0 * rng.random() - 1.0) * vt.spread_rad
            nx, ny = front.inward_normal(along)
            sn, cs = math.sin(spread), math.cos(spread)
            dx, dy = nx * cs - ny * sn, nx * sn + ny * cs
            if vt.penetration_km is not None:
                window = vt.penetration_km / vt.speed_kmh
            else:
                window = vt.dwell_min.sample(rng) / 60.0
            v = Violation(t, kind, start, (dx * vt.speed_kmh, dy * vt.speed_kmh), window)
            self.violations.append(v)
            env.process(self.violation(v))

    def violation(self, v):
        """Detection along the inbound leg by a sensor on station, C2 delay, response."""
        alt = self.scn.violators[v.kind].altitude_m
        seen = math.inf
        for r in self.scn.radars:
            t = first_entry(v.sx, v.sy, v.vx, v.vy, v.window_h, r.xy[0], r.xy[1],
                            coverage_radius_km(r.range_km, r.height_m, alt))
            if t is not None:
                seen = min(seen, t)
        if seen == math.inf:
            v.outcome = "undetected"
            return
        yield self.env.timeout(seen + self.scn.c2_min.sample(self.rng) / 60.0)
        self.respond(v)

    def respond(self, v):
        """The response: whichever CAP fighter or QRA posture intercepts first."""
        env, scn = self.env, self.scn
        now = env.now
        tx, ty = v.sx + v.vx * (now - v.t0), v.sy + v.vy * (now - v.t0)
        left = v.t0 + v.window_h - now
        v.no_alert = bool(scn.qra) and all(a == 0 for a in self.alert)
        shadow_mean_h = scn.shadow_min.mean() / 60.0
        best = None  # (intercept time, responder)
        for g in self.groups:
            if g.on_station == 0:
                continue
            px, py = g.station.xy
            for ac in g.members + g.relief:
                if ac.state != ON_STATION:
                    continue
                sq = ac.sq
                tau = intercept_time(tx - px, ty - py, v.vx, v.vy, sq.dash_kmh)
                if tau is None or tau > left:
                    continue
                if self.fuel_now(ac) < self.intercept_fuel(sq, tau, tx + v.vx * tau,
                                                           ty + v.vy * tau, shadow_mean_h):
                    continue
                if best is None or now + tau < best[0]:
                    best = (now + tau, ("cap", ac))
        for q, d in enumerate(scn.qra):
            if self.alert[q] == 0:
                continue
            sq = scn.squadrons[d.squadron]
            ready_h = d.readiness_min.sample(self.rng) / 60.0
            ux, uy = tx + v.vx * ready_h, ty + v.vy * ready_h
            tau = intercept_time(ux - sq.base_xy[0], uy - sq.base_xy[1], v.vx, v.vy, sq.dash_kmh)
            if tau is None or ready_h + tau > left:
                continue
            if sq.fuel_kg < self.intercept_fuel(sq, tau, ux + v.vx * tau, uy + v.vy * tau,
                                                shadow_mean_h):
                continue
            if best is None or now + ready_h + tau < best[0]:
                best = (now + ready_h + tau, ("qra", q, ready_h))
        if best is None:
            v.outcome = "unanswered"
            return
        t_meet, who = best
        meet = (v.sx + v.vx * (t_meet - v.t0), v.sy + v.vy * (t_meet - v.t0))
        v.outcome = t_meet - v.t0
        if who[0] == "cap":
            # One fighter leaves the element; the others hold the station.
            ac = who[1]
            g = ac.group
            g.on_station -= 1
            self.refresh_station(g)
            ac.state = DASH
            self.set_burn(ac, ac.sq.dash_burn)
            ac.sortie.interrupt((v, t_meet, meet))
        else:
            _, q, ready_h = who
            d = scn.qra[q]
            n = min(d.scramble_size, self.alert[q])
            on_alert = sorted(a for a in self.fleet[d.squadron]
                              if a.state == ALERT and a.qra == q)[:n]
            for ac in on_alert:
                ac.state = SCRAMBLING
                self.alert[q] -= 1
            self.refresh_qra(q)
            for _ in range(n):
                self.regenerate(q)
            env.process(self.scramble(on_alert, ready_h, t_meet, meet))

    def intercept_fuel(self, sq, dash_h, mx, my, shadow_h):
        """Fuel to dash, shadow for the mean time and fly home with the reserve, kg."""
        home_h = math.hypot(mx - sq.base_xy[0], my - sq.base_xy[1]) / sq.cruise_kmh
        return (dash_h * sq.dash_burn + shadow_h * sq.patrol_burn + home_h * sq.cruise_burn
                + sq.reserve_kg)

    def scramble(self, element, ready_h, t_meet, meet):
        """A QRA element: readiness, dash, shadow, home, turnaround."""
        env = self.env
        yield env.timeout(ready_h)
        for ac in element:
            if ac.state != SCRAMBLING:
                continue
            sq = ac.sq
            ac.state = DASH
            ac.airborne_since = env.now
            ac.fuel, ac.fuel_t, ac.burn = sq.fuel_kg, env.now, sq.dash_burn
            if env.now >= self.w:
                self.sorties[self.squadron_of(ac)] += 1
        yield env.timeout(t_meet - env.now)
        shadow = self.start_shadow(element, meet)
        yield env.timeout(shadow)
        for ac in element:
            if ac.state != SHADOW:
                continue
            self.after_shadow(ac, meet)
            sq = ac.sq
            leg = math.hypot(meet[0] - sq.base_xy[0], meet[1] - sq.base_xy[1]) / sq.cruise_kmh
            env.process(self.fly_home_and_turn_round(ac, leg))

    def start_shadow(self, responders, meet):
        """At the intercept: shadow for the drawn time, less if someone needs the fuel home."""
        shadow = self.scn.shadow_min.sample(self.rng) / 60.0
        for ac in responders:
            if ac.state != DASH:
                continue
            ac.state = SHADOW
            sq = ac.sq
            self.set_burn(ac, sq.patrol_burn)
            home_h = math.hypot(meet[0] - sq.base_xy[0], meet[1] - sq.base_xy[1]) / sq.cruise_kmh
            spare = (self.fuel_now(ac) - sq.reserve_kg - home_h * sq.cruise_burn) / sq.patrol_burn
            shadow = min(shadow, max(spare, 0.0))
        return shadow

    def after_shadow(self, ac, meet):
        """After shadowing: the hours back to the station if the fuel allows (a quarter hour
        above bingo on arrival), else None and the fighter heads home."""
        sq = ac.sq
        self.set_burn(ac, sq.cruise_burn)
        g = ac.group
        if g is not None:
            st = g.station
            back_h = math.hypot(meet[0] - st.xy[0], meet[1] - st.xy[1]) / sq.cruise_kmh
            need = (back_h * sq.cruise_burn + 0.25 * sq.patrol_burn + sq.reserve_kg
                    + st.transit_h * sq.cruise_burn)
            if self.fuel_now(ac) >= need:
                ac.state = RETURNING
                return back_h
            g.member_gone(ac)
        ac.state = HOMEBOUND
        return None

    # -- run and results -----------------------------------------------------------------------

    def run(self):
        """Runs the replication and returns its metrics, keyed by the engine's names."""
        self.start()
        self.env.run(until=self.e)
        return self.finish()

    def finish(self):
        scn, w, e = self.scn, self.w, self.e
        span = e - w
        days = span / 24.0
        for q, fleet in enumerate(self.fleet):
            for ac in fleet:
                if ac.state in AIRBORNE:
                    counted = e - max(ac.airborne_since, w)
                    if counted > 0.0:
                        self.flight_h[q] += counted
        tws = [self.all_cap, self.cap_presence, self.all_qra, *self.station_full,
               *self.qra_held, *self.capable]
        for t in tws:
            t.close(e, w, e)
        m = {}
        if scn.stations:
            m["cap_coverage"] = self.all_cap.integral / span
            m["cap_presence"] = self.cap_presence.integral / span
            for st, t in zip(scn.stations, self.station_full):
                m[f"station_coverage[{st.name}]"] = t.integral / span
        if scn.radars:
            m["front_coverage_low"] = scn.front_low
            m["front_coverage_high"] = scn.front_high
        if scn.qra:
            m["qra_coverage"] = self.all_qra.integral / span
            for d, t in zip(scn.qra, self.qra_held):
                m[f"qra_coverage[{d.name}]"] = t.integral / span
        if scn.has_violations:
            counted = [v for v in self.violations if v.t0 >= w]
            n = len(counted)
            nan = float("nan")

            def frac(test):
                return sum(1 for v in counted if test(v)) / n if n else nan

            times = sorted(v.outcome * 60.0 for v in counted if isinstance(v.outcome, float))
            m["violations_per_day"] = n / days
            m["undetected_fraction"] = frac(lambda v: v.outcome == "undetected")
            m["unanswered_fraction"] = frac(lambda v: v.outcome == "unanswered")
            if scn.target_h is not None:
                m["intercept_within_target"] = frac(
                    lambda v: isinstance(v.outcome, float) and v.outcome <= scn.target_h + 1e-12)
            m["response_time_mean"] = sum(times) / len(times) if times else nan
            for q in (0.5, 0.9, 0.99):
                m[f"response_time_p{round(q * 100)}"] = quantile(times, q)
            if scn.qra:
                seen = [v for v in counted if v.outcome != "undetected"]
                m["qra_unavailable_fraction"] = (
                    sum(1 for v in seen if v.no_alert) / len(seen) if seen else nan)
        m["sorties_per_day"] = sum(self.sorties) / days
        m["flight_hours_per_day"] = sum(self.flight_h) / days
        for q, sq in enumerate(scn.squadrons):
            m[f"sorties_per_day[{sq.name}]"] = self.sorties[q] / days
            m[f"flight_hours_per_day[{sq.name}]"] = self.flight_h[q] / days
            m[f"mc_rate[{sq.name}]"] = (self.capable[q].integral / (sq.count * span)
                                        if sq.count else 0.0)
        return m


def quantile(sorted_values, q):
    """The q-quantile, interpolating linearly between order statistics (NaN when empty)."""
    if not sorted_values:
        return float("nan")
    h = q * (len(sorted_values) - 1)
    lo, hi = math.floor(h), math.ceil(h)
    return sorted_values[lo] + (h - lo) * (sorted_values[hi] - sorted_values[lo])


# ---------------------------------------------------------------------------------------------
# Monte Carlo and summaries


def t95(df):
    """Two-sided 95 % Student t quantile (Cornish-Fisher expansion; exact to 1e-4 for df >= 5)."""
    z = 1.959963984540054
    g1 = (z ** 3 + z) / 4.0
    g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96.0
    g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384.0
    g4 = (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / 92160.0
    return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4


def summarise(name, values):
    """Mean, sd and t-based 95 % interval over the finite values (as the engine's summary)."""
    xs = [x for x in values if math.isfinite(x)]
    n = len(xs)
    mean = sum(xs) / n if n else float("nan")
    sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / (n - 1)) if n > 1 else float("nan")
    half = t95(n - 1) * sd / math.sqrt(n) if n > 1 else float("nan")
    return {"name": name, "n": n, "mean": mean, "sd": sd,
            "ci_low": mean - half, "ci_high": mean + half}


def run(scn, n, seed=1, first=0):
    """Replications first..first+n of `scn`; returns the per-replication metric rows."""
    return [Replication(scn, seed, r).run() for r in range(first, first + n)]


def summarise_rows(scn, rows):
    """One summary per metric name, in the engine's order."""
    return [summarise(name, [r[name] for r in rows]) for name in scn.metric_names()]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scenario", help="a scenario file inside the peer's subset")
    ap.add_argument("-n", "--replications", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true", help="print one JSON document")
    args = ap.parse_args(argv)
    try:
        scn = load_scenario(args.scenario)
    except Unsupported as e:
        print(f"simpy_peer: {e}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    rows = run(scn, args.replications, args.seed)
    elapsed = time.perf_counter() - t0
    summaries = summarise_rows(scn, rows)
    if args.json:
        print(json.dumps({"scenario": scn.name, "replications": args.replications,
                          "seed": args.seed, "seconds": elapsed, "metrics": summaries},
                         indent=2))
    else:
        print(f"{scn.name}: {args.replications} replications in {elapsed:.2f} s")
        for s in summaries:
            print(f"  {s['name']:40s} {s['mean']:12.5f}  [{s['ci_low']:.5f}, {s['ci_high']:.5f}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
