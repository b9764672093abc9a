"""A map build pays only for what it uses: no folium, branca or requests in its process.

Checked in a fresh interpreter (``sys.modules`` after the build), since the test
session itself imports folium elsewhere.
"""

from __future__ import annotations

import json
import subprocess
import sys

import geo

_HEAVY = ("folium", "branca", "requests")

_SCRIPT = """
import json, sys
from geo.cli import main
heavy = set(sys.argv[1].split(","))
status = main(sys.argv[2:])
print(json.dumps({"status": status,
                  "loaded": sorted({m.split('.')[0] for m in sys.modules} & heavy)}))
"""


def _build(*argv: str) -> dict:
    done = subprocess.run([sys.executable, "-c", _SCRIPT, ",".join(_HEAVY), *argv],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_build_imports_no_folium_branca_or_requests(tmp_path):
    result = _build("build", "tongxiang-2018", "-o", str(tmp_path), "--basemap", "amap")
    assert result == {"status": 0, "loaded": []}
    assert (tmp_path / "tongxiang-2018.amap.html").stat().st_size > 0


def test_an_embed_imports_none_of_them_either(tmp_path):
    assert _build("embed", "tongxiang-2018", "-o", str(tmp_path)) == {"status": 0,
                                                                     "loaded": []}


def test_map_still_returns_a_folium_map_with_the_same_page(atlas):
    import folium

    fmap = atlas.map(lang="en")
    assert isinstance(fmap, folium.Map)
    assert fmap.get_root().render() == atlas.to_html(lang="en")
    assert "srcdoc" in fmap._repr_html_()  # shows inline in Jupyter


def test_diff_map_is_a_folium_map(atlases):
    import folium

    assert isinstance(geo.diff_map(atlases("wenzhou-2022"), atlases("wenzhou-2024")),
                      folium.Map)
