"""Outputs take values: only the facade, the catalog and the CLI turn ids and paths into
Plans and Atlases, and drawing a map reads no plan file."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import geo
from geo.atlas import catalog
from geo.plan import file as plan_file
from geo.render.page import build_map

PACKAGE = Path(__file__).resolve().parents[1] / "geo"
#: The only modules allowed to turn a plan id or path into a Plan or an Atlas.
ALLOWED = ("__init__.py", "atlas/catalog.py", "cli/")
COERCIONS = {"as_atlas", "as_plan"}


def _coercions(path: Path, root: Path = PACKAGE) -> list[str]:
    """``module:line name`` of every call of (or import of) as_atlas/as_plan in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        names = []
        if isinstance(node, ast.Call):
            func = node.func
            names = [func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")]
        elif isinstance(node, ast.ImportFrom):
            names = [alias.name for alias in node.names]
        found += [f"{path.relative_to(root)}:{node.lineno} {n}" for n in names
                  if n in COERCIONS]
    return found


def _disallowed(root: Path) -> list[str]:
    return [hit for path in sorted(root.rglob("*.py"))
            if not str(path.relative_to(root)).startswith(ALLOWED)
            for hit in _coercions(path, root)]


def test_only_facade_catalog_and_cli_turn_names_into_plans():
    assert _disallowed(PACKAGE) == []
    allowed = [hit for path in (PACKAGE / "__init__.py", PACKAGE / "cli" / "commands.py",
                                PACKAGE / "atlas" / "catalog.py") for hit in _coercions(path)]
    assert allowed  # the scan sees the calls where they are allowed


def test_the_scan_finds_a_call_in_an_output(tmp_path):
    (tmp_path / "render").mkdir()
    (tmp_path / "render" / "bad.py").write_text(
        "from ..atlas import catalog\nfrom ..atlas.catalog import as_plan\n\n"
        "def f(x):\n    return catalog.as_atlas(x), as_plan(x)\n", "utf-8")
    (tmp_path / "cli").mkdir()
    (tmp_path / "cli" / "ok.py").write_text("def f(x):\n    return as_plan(x)\n", "utf-8")
    assert _disallowed(tmp_path) == ["render/bad.py:2 as_plan", "render/bad.py:5 as_atlas",
                                     "render/bad.py:5 as_plan"]


@pytest.fixture
def plan_reads(monkeypatch):
    """Every plan file read from now on (catalog caches emptied first)."""
    reads = []
    read, top = plan_file.read_plan_file, plan_file.top_value

    def counted_read(path):
        reads.append(str(path))
        return read(path)

    def counted_top(text, key):
        reads.append(key)
        return top(text, key)

    catalog.shipped_plan.cache_clear()
    catalog.shipped_region.cache_clear()
    monkeypatch.setattr(plan_file, "read_plan_file", counted_read)
    monkeypatch.setattr(plan_file, "top_value", counted_top)
    yield reads
    catalog.shipped_plan.cache_clear()
    catalog.shipped_region.cache_clear()


def test_building_a_map_reads_no_other_plan_file(atlas, plan_reads):
    charts = atlas.charts()  # the convenience method reads the companions, once
    assert plan_reads and len(charts) == 2
    plan_reads.clear()
    html = build_map(atlas, charts=charts).get_root().render()
    assert plan_reads == []
    assert html.count('class="atlas-chart"') == 2
    assert 'class="atlas-chart"' not in build_map(atlas).get_root().render()
    assert plan_reads == []


def test_facade_takes_ids_outputs_take_atlases(atlases):
    a, b = atlases("wenzhou-2022"), atlases("wenzhou-2024")
    assert geo.diff("wenzhou-2022", "wenzhou-2024").equals(geo.compare.diff(a, b))
    table = geo.indicators(["wenzhou-2024", a])
    assert set(table["plan"]) == {"wenzhou-2022", "wenzhou-2024"}
