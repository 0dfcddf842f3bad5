#!/usr/bin/env bash
# Runs every test of airpolicing on a fresh machine: formatting, lints, unit, integration and doc
# tests, the library without the command-line tool, the examples, and the Python bindings. Cargo
# fetches the crates it needs from crates.io on the first run; pip builds the Python package as a
# user does (pip install ./bindings/python[test], with maturin as its build backend) and fetches
# numpy, pandas, pytest, tqdm, dask, and nbclient, ipykernel and matplotlib for the notebook, into
# a virtual environment under target/; apt installs Chromium for the report's browser test when it is missing
set -euo pipefail
cd "$(dirname "$0")/.."

for component in rustfmt clippy; do
  if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
    rustup component add "$component"
  fi
done

# Headless Chromium for the browser test of the report (tests/browser.rs), from Debian's
# packages where the machine has apt and the rights to use it.
if [ -z "${CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1 && [ -z "${AIRPOLICING_SKIP_BROWSER:-}" ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "== installing Chromium for the browser test"
    apt-get install -y -q chromium >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }
  else
    echo "no Chromium and no way to install it: install it, set CHROMIUM, or set AIRPOLICING_SKIP_BROWSER=1" >&2
    exit 1
  fi
fi

echo "== formatting"
cargo fmt --all -- --check

echo "== lints"
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked -p airpolicing-python -- -D warnings

echo "== the library alone, without the command-line tool"
cargo check --locked --lib --no-default-features

echo "== tests"
cargo test --locked --lib --bins --tests --examples

echo "== benches, each run once as a test (optimised: they size the bundled theatre)"
cargo test --locked --release --benches

echo "== doc tests"
cargo test --locked --doc

echo "== examples (a few replications each; see AIRPOLICING_REPS)"
export AIRPOLICING_REPS=3
for example in examples/*.rs; do
  name=$(basename "$example" .rs)
  echo "-- $name"
  cargo run --locked --quiet --release --example "$name" >/dev/null
done

echo "== the README's figures: its posture table, first answer, sustainment and sample run, as the tool prints them"
env -u AIRPOLICING_REPS cargo run --locked --quiet --release --example postures >target/postures.txt
cargo run --locked --quiet --release -- sustain ukraine --years 3 -q --json >target/sustain_ukraine.json
cargo run --locked --quiet --release -- run ukraine -n 1000 -q >target/run_ukraine.txt
python3 scripts/readme_figures.py --postures target/postures.txt \
  --sustain target/sustain_ukraine.json --run target/run_ukraine.txt

echo "== Python bindings (a virtual environment in target/pyvenv)"
python3 -m venv target/pyvenv
# shellcheck disable=SC1091
. target/pyvenv/bin/activate
# Installed as a user installs it (README): pip builds it with maturin as its build backend.
python -m pip install --quiet './bindings/python[test]'
python -m pytest -q -p no:logging bindings/python/tests
deactivate

echo "all tests passed"
