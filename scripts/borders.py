#!/usr/bin/env python3
"""Makes the report map's borders and coastlines, `src/report/borders.txt`.

The data is Natural Earth's 1:50m admin-0 countries (public domain), version 4.1.0, as packaged
in the npm registry's `world-atlas` 2.0.2 (TopoJSON, quantized, in degrees). This script fetches
that package with `npm pack`, decodes the TopoJSON, keeps the countries that reach into the box
below, clips their rings to it, simplifies each ring (Douglas-Peucker, 0.02 degrees, about 2 km),
rounds to 0.01 degrees and writes one small text file. Only the Python standard library and npm
are needed:

    python3 scripts/borders.py            # fetches world-atlas 2.0.2 with npm
    python3 scripts/borders.py FILE.json  # or decodes a countries-50m.json already on disk

The box covers Central and Eastern Europe and the Black Sea: every bundled scenario's theatre.
"""

import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile

PACKAGE = "world-atlas@2.0.2"
MEMBER = "package/countries-50m.json"
LON0, LON1, LAT0, LAT1 = 5.0, 50.0, 36.0, 64.0
TOLERANCE_DEG = 0.02
OUT = os.path.join(os.path.dirname(__file__), "..", "src", "report", "borders.txt")


def fetch():
    with tempfile.TemporaryDirectory() as d:
        name = subprocess.run(
            ["npm", "pack", PACKAGE, "--silent"], cwd=d, check=True, capture_output=True, text=True
        ).stdout.strip().splitlines()[-1]
        with tarfile.open(os.path.join(d, name)) as tar:
            return json.load(io.TextIOWrapper(tar.extractfile(MEMBER), encoding="utf-8"))


def arcs_of(topo):
    """The topology's arcs in degrees (delta-decoded and de-quantized)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def ring(arcs, indices):
    pts = []
    for i in indices:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(a if not pts else a[1:])
    return pts


def clip(pts):
    """Sutherland-Hodgman clipping of a closed ring to the box."""
    edges = [
        (lambda p: p[0] >= LON0, lambda a, b: cut_x(a, b, LON0)),
        (lambda p: p[0] <= LON1, lambda a, b: cut_x(a, b, LON1)),
        (lambda p: p[1] >= LAT0, lambda a, b: cut_y(a, b, LAT0)),
        (lambda p: p[1] <= LAT1, lambda a, b: cut_y(a, b, LAT1)),
    ]
    for inside, cut in edges:
        if not pts:
            return []
        out = []
        prev = pts[-1]
        for p in pts:
            if inside(p):
                if not inside(prev):
                    out.append(cut(prev, p))
                out.append(p)
            elif inside(prev):
                out.append(cut(prev, p))
            prev = p
        pts = out
    return pts


def cut_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def cut_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(pts, tol):
    """Douglas-Peucker on an open polyline (iterative)."""
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        (ax, ay), (bx, by) = pts[i], pts[j]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        worst, at = -1.0, None
        for k in range(i + 1, j):
            px, py = pts[k]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > worst:
                worst, at = d, k
        if at is not None and worst > tol:
            keep[at] = True
            stack += [(i, at), (at, j)]
    return [p for p, k in zip(pts, keep) if k]


def area(pts):
    return 0.5 * abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(pts, pts[1:] + pts[:1])))


def main():
    topo = json.load(open(sys.argv[1], encoding="utf-8")) if len(sys.argv) > 1 else fetch()
    arcs = arcs_of(topo)
    lines = [
        "# Country borders and coastlines for the report map.",
        "# Natural Earth 1:50m admin-0 countries, version 4.1.0 (public domain, naturalearthdata.com),",
        f"# as packaged in the npm registry's {PACKAGE}; clipped to lon {LON0:g}..{LON1:g}, lat {LAT0:g}..{LAT1:g},",
        f"# simplified to {TOLERANCE_DEG} degrees and rounded to 0.01 degrees by scripts/borders.py.",
        "# `country NAME` starts a country; each `ring` after it is one closed outline, lon,lat pairs.",
    ]
    for g in sorted(topo["objects"]["countries"]["geometries"], key=lambda g: g["properties"]["name"]):
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g["type"] == "Polygon" else []
        rings = []
        for poly in polys:
            outer = poly[0]  # holes (lakes inside a country) are left out
            pts = clip(ring(arcs, outer))
            if len(pts) < 3:
                continue
            pts = simplify(pts + [pts[0]], TOLERANCE_DEG)[:-1]
            pts = [(round(x, 2), round(y, 2)) for x, y in pts]
            pts = [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]
            if len(pts) >= 3 and area(pts) > 0.002:
                rings.append(pts)
        if rings:
            lines.append(f"country {g['properties']['name']}")
            for r in rings:
                lines.append("ring " + " ".join(f"{x:g},{y:g}" for x, y in r))
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {os.path.normpath(OUT)}: {sum(1 for l in lines if l.startswith('country'))} countries, "
          f"{os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
