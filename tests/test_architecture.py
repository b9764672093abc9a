"""The shape of the package: the import contract, no private reach-ins, small modules."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "geo"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
MAX_LINES = 500


def _modules():
    return sorted(p for p in PACKAGE.rglob("*.py"))


def _lint_imports(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=folder, capture_output=True,
                          text=True, env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"})


def test_import_contract_holds():
    done = _lint_imports(ROOT)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "3 kept, 0 broken" in done.stdout


@pytest.mark.parametrize(("module", "line"), [
    ("plan/model.py", "from ..render import page"),  # the model reaching up to the map
    ("places/names.py", "from ..plan import model"),  # places reaching up to the plan model
    ("atlas/join.py", "from ..show import layer_specs"),  # the Atlas reaching up to outputs
    ("figures/kit.py", "from .. import cli"),  # an output reaching up to the CLI
    ("show/geometry.py", "from ..figures import kit"),  # a cycle: figures import geometry
])
def test_import_contract_fails_on_a_reverse_import(tmp_path, module, line):
    shutil.copytree(PACKAGE, tmp_path / "geo", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    with (tmp_path / "geo" / module).open("a", encoding="utf-8") as handle:
        handle.write(f"\n{line}  # noqa\n")
    done = _lint_imports(tmp_path)
    assert done.returncode == 1, done.stdout[-2000:]
    assert "BROKEN" in done.stdout


def _private_reach_ins(path: Path) -> list[str]:
    """``from x import _y`` and ``module._y`` where x / module is another module of geo."""
    tree = ast.parse(path.read_text("utf-8"))
    modules, found = set(), []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith(
                "geo")):
            for alias in node.names:
                name = alias.asname or alias.name
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{path.name}:{node.lineno} imports {alias.name}")
                modules.add(name)
        elif isinstance(node, ast.Import):
            modules.update(a.asname or a.name for a in node.names if a.name.startswith("geo"))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in modules and node.attr.startswith("_")
                and not node.attr.startswith("__")):
            found.append(f"{path.name}:{node.lineno} uses {node.value.id}.{node.attr}")
    return found


def test_no_module_reaches_into_another_modules_private_names():
    found = [hit for path in _modules() for hit in _private_reach_ins(path)]
    assert found == []


def test_private_reach_in_check_is_real(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("from . import kit\nfrom .page import _feature\nkit._style()\n")
    assert len(_private_reach_ins(probe)) == 2


def test_no_module_is_over_500_lines():
    long = {str(p.relative_to(ROOT)): n for p in _modules()
            if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def _test_module_imports(path: Path) -> list[str]:
    """The test modules (``test_*``) that the file at ``path`` imports."""
    names = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return [n for n in names if n.split(".")[0].startswith("test_")]


def test_no_test_module_imports_another():
    """What several test modules share lives in a helper module (browser.py, pdfs.py,
    synthetic.py) or a conftest fixture, not in another test module."""
    found = {p.name: hits for p in sorted((ROOT / "tests").glob("*.py"))
             if (hits := _test_module_imports(p))}
    assert found == {}


def test_test_import_check_is_real(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("import pdfs\ndef f():\n    from test_print import raster\n")
    assert _test_module_imports(probe) == ["test_print"]
