"""The quickstart notebook runs top to bottom without error."""

import os

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "notebooks"))


def test_the_quickstart_notebook_executes(monkeypatch):
    # A few replications: this checks that every cell runs, not the answers (the Rust tests do).
    monkeypatch.setenv("AIRPOLICING_REPS", "4")
    nb = nbformat.read(os.path.join(NOTEBOOKS, "quickstart.ipynb"), as_version=4)
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": NOTEBOOKS}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 3, "the coverage, response-time and sizing charts are drawn"
    text = "".join(o.get("text", "") for o in outputs)
    assert "aircraft in all" in text
