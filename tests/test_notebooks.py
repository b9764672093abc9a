"""Every notebook in notebooks/ runs the documented way and writes nothing into notebooks/."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
JUPYTER = Path(sys.executable).parent / "jupyter"


def test_there_are_notebooks():
    assert NOTEBOOKS


def _tree(folder: Path) -> dict:
    return {p.relative_to(folder): p.stat().st_mtime_ns for p in folder.rglob("*")}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path, tmp_path):
    """README's command, ``.venv/bin/jupyter execute notebooks/<name>.ipynb``, from the root."""
    notebook = json.loads(path.read_text("utf-8"))
    for cell in notebook["cells"]:
        assert not cell.get("outputs"), f"{path.name}: stored outputs; clear them before commit"
    before = _tree(ROOT / "notebooks")
    env = {**os.environ, "TMPDIR": str(tmp_path)}  # the notebooks' temporary folders go here
    result = subprocess.run([str(JUPYTER), "execute", f"notebooks/{path.name}"], cwd=ROOT,
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert _tree(ROOT / "notebooks") == before  # nothing written (or rewritten) there
    assert not list(ROOT.glob("demo-hangzhou*")) and not (ROOT / "report-assets").exists()
