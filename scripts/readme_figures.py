#!/usr/bin/env python3
"""Checks the README's figures against what the tool prints, each read from a file:

  --postures FILE  `cargo run --release --example postures` (100 replications a candidate, seed 1):
                   the posture table and the figures of the first answer;
  --sustain FILE   `airpolicing sustain ukraine --years 3 --json`: the sustainment sentence;
  --run FILE       `airpolicing run ukraine -n 1000`: every line of the README's sample output.

Every figure must be what the tool prints (rounded as the README rounds it), so the README cannot
drift from the tool: when a change of the model moves them, this fails until the README says the
new ones."""
import argparse
import json
import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def example_rows(text):
    """scenario -> (aircraft, fighters, 3 years, met, in 20 min, cities) as printed."""
    rows = {}
    for line in text.splitlines():
        m = re.match(
            r"^.{31} (\w+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+ %|—)\s+(\d+ %|—)\s+(\d+ %|—)\s*$", line
        )
        if m:
            rows[m.group(1)] = m.groups()[1:]
    return rows


def readme_rows(text):
    """scenario -> the same columns of the README's posture table."""
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 8 and re.fullmatch(r"`\w+`", cells[1]):
            rows[cells[1].strip("`")] = tuple(cells[2:])
    return rows


def sustainment_errors(readme, doc):
    """The README's sentence on `sustain ukraine`: deployed, flight hours, committed, two pools."""
    a = doc["sustainment"]
    said = [
        f"the {a['deployed']} aircraft deployed",
        f"about {round(a['fh_per_year'], -3):,.0f} flight hours a year",
        f"commits about {round(a['committed'], -1)} aircraft",
        f"rotation 1:3 alone {a['pool_rotation']}",
        f"airframe hours alone {a['pool_hours']}",
        f"and {a['binds']} binds",
    ]
    text = " ".join(readme.split())
    return [f"its sustainment of ukraine does not say {s!r}" for s in said if s not in text]


def run_errors(readme, printed):
    """Each line of the README's sample `run ukraine -n 1000` output, as printed."""
    start = readme.index("```text\nSimulated `ukraine`")
    block = readme[start + len("```text\n") : readme.index("```", start + 3)].splitlines()
    lines = set(printed.splitlines())
    return [
        f"its sample of `run ukraine -n 1000` shows {line.strip()!r}, which the run does not print"
        for line in block
        if line.strip() != "..." and line not in lines
    ]


def main():
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--postures", required=True)
    args.add_argument("--sustain", required=True)
    args.add_argument("--run", required=True)
    a = args.parse_args()
    printed = example_rows(Path(a.postures).read_text(encoding="utf-8"))
    readme = README.read_text(encoding="utf-8")
    table = readme_rows(readme)
    errors = []
    if not printed:
        errors.append("the example printed no posture table")
    if set(printed) != set(table):
        errors.append(f"postures: README {sorted(table)}, example {sorted(printed)}")
    for name in sorted(set(printed) & set(table)):
        if printed[name] != table[name]:
            errors.append(f"{name}: README {table[name]}, example {printed[name]}")
    # The first answer: "(62 aircraft: 34 fighters, …" and "(about 520 aircraft, …" for ukraine.
    if "ukraine" in printed:
        aircraft, fighters, committed = printed["ukraine"][:3]
        about = round(int(committed), -1)
        for said in (f"({aircraft} aircraft: {fighters} fighters", f"(about {about} aircraft"):
            if said not in " ".join(readme.split()):
                errors.append(f"README's first answer does not say {said!r}")
    errors += sustainment_errors(readme, json.loads(Path(a.sustain).read_text(encoding="utf-8")))
    errors += run_errors(readme, Path(a.run).read_text(encoding="utf-8"))
    for e in errors:
        print(f"README.md: {e}", file=sys.stderr)
    if errors:
        print("README.md: update it to what the tool prints", file=sys.stderr)
        sys.exit(1)
    print(f"README.md: its figures match the tool's ({len(printed)} postures)")


if __name__ == "__main__":
    main()
