#!/usr/bin/env bash
# Runs the quickstart notebook with its default 100 replications and stores it with its outputs,
# as a reader sees it: scripts/notebook.sh (in an environment with the package installed, e.g.
# pip install './bindings/python[notebook]').
set -euo pipefail
cd "$(dirname "$0")/.."
python - <<'PY'
import nbclient, nbformat
path = "notebooks/quickstart.ipynb"
nb = nbformat.read(path, as_version=4)
nbclient.NotebookClient(nb, timeout=1800, kernel_name="python3", resources={"metadata": {"path": "notebooks"}}).execute()
nbformat.write(nb, path)
print(f"{path}: executed and stored with its outputs")
PY
