"""A map build pays only for what it uses: no folium, branca or requests in its process,
no installed-metadata lookup (``--version`` only), and with a warm cache no pandas,
geopandas, pyproj or pyarrow either.

Checked in a fresh interpreter (``sys.modules`` after the build), since the test
session itself imports folium elsewhere.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import shapely

import geo

_HEAVY = ("folium", "branca", "requests")
#: What a build needs only to prepare a region's units (a cold cache) or for frames.
_FRAMES = ("pandas", "geopandas", "pyproj", "pyarrow")

_SCRIPT = """
import json, sys
from geo.cli import main
heavy = set(sys.argv[1].split(","))
status = main(sys.argv[2:])
print(json.dumps({"status": status,
                  "loaded": sorted(heavy & {n for m in sys.modules
                                            for n in (m, m.split('.')[0])})}))
"""


def _build(*argv: str, heavy=_HEAVY, env=None) -> dict:
    done = subprocess.run([sys.executable, "-c", _SCRIPT, ",".join(heavy), *argv],
                          capture_output=True, text=True, check=True,
                          env=None if env is None else {**os.environ, **env})
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_build_imports_no_folium_branca_or_requests(tmp_path):
    result = _build("build", "tongxiang-2018", "-o", str(tmp_path), "--basemap", "amap")
    assert result == {"status": 0, "loaded": []}
    assert (tmp_path / "tongxiang-2018.amap.html").stat().st_size > 0


def test_an_embed_imports_none_of_them_either(tmp_path):
    assert _build("embed", "tongxiang-2018", "-o", str(tmp_path)) == {"status": 0,
                                                                     "loaded": []}


def test_a_build_looks_up_no_installed_version(tmp_path):
    """Only ``--version`` reads the installed metadata (some 30 ms). A build on other
    tiles may still import it: xyzservices, which names those tiles, reads its own."""
    assert _build("build", "wenzhou-2024", "-o", str(tmp_path),
                  heavy=("importlib.metadata",)) == {"status": 0, "loaded": []}


@pytest.mark.parametrize("argv", [
    ("build", "wenzhou-2024"),  # a chart of two plans, twelve districts, neighbours
    ("build", "tongxiang-2018", "--basemap", "amap", "--lang", "en"),  # GCJ-02, a county
    ("embed", "wenzhou-2024"),
])
def test_a_warm_build_imports_no_frames_library(tmp_path, argv):
    """The first build prepares the region (geopandas and pyproj compute areas); a second,
    in a fresh process with the cache warm, imports none of them: same bytes."""
    env = {"INDUSTRY_ATLAS_CACHE": str(tmp_path / "cache")}
    cold = _build(*argv, "-o", str(tmp_path / "cold"), heavy=_FRAMES, env=env)
    assert cold["status"] == 0 and "geopandas" in cold["loaded"]  # it did prepare
    assert list((tmp_path / "cache").glob("prepared-*.wkb"))
    warm = _build(*argv, "-o", str(tmp_path / "warm"), heavy=_HEAVY + _FRAMES, env=env)
    assert warm == {"status": 0, "loaded": []}
    pages = sorted(p.relative_to(tmp_path / "warm") for p in (tmp_path / "warm").rglob("*.*"))
    assert pages
    for page in pages:
        assert (tmp_path / "warm" / page).read_bytes() == (tmp_path / "cold" / page).read_bytes()


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


def _atlas_of_frames(atlas):
    """The same atlas given as frames (as national maps and changed copies give it)."""
    import dataclasses

    return dataclasses.replace(atlas, districts=atlas.districts.copy(),
                               table=atlas.table.copy())


def test_the_plain_rows_are_the_frames_rows(atlas):
    from geo.atlas.rows import DistrictRows

    rows = atlas.district_rows
    from_frame = DistrictRows.of_frame(atlas.districts)
    assert rows.rows == from_frame.rows and rows.datum == from_frame.datum == "wgs84"
    assert shapely.equals_exact(rows.geometries, from_frame.geometries, 0).all()
    hosting = atlas.hosting
    assert [tuple(getattr(f, c) for c in hosting.columns) for f in atlas.hosting_rows] == \
        list(hosting.itertuples(index=False, name=None))


def test_an_atlas_of_frames_answers_as_one_of_rows(atlas, tmp_path):
    copy = _atlas_of_frames(atlas)
    assert copy.district_rows.rows == atlas.district_rows.rows
    assert copy.hosting_rows == atlas.hosting_rows
    for industry in atlas.plan.industries:
        assert copy.hosts(industry.id) == atlas.hosts(industry.id)
        found = copy.districts_hosting(industry.id)
        assert tuple(found["adcode"]) == atlas.hosts(industry.id).adcodes
    assert copy.to_html(lang="en") == atlas.to_html(lang="en")


def test_replaced_districts_are_what_the_rows_and_page_show(atlas):
    import dataclasses

    districts = atlas.districts.copy()
    districts["name_en"] = [f"Renamed{n}" for n in range(len(districts))]
    changed = dataclasses.replace(atlas, districts=districts)
    assert [r.name_en for r in changed.district_rows.rows] == list(districts["name_en"])
    from geo.render.packing import unpacked  # the page's data is packed

    assert "Renamed0" in unpacked(changed.to_html(lang="en"))
    assert "Renamed0" not in unpacked(atlas.to_html(lang="en"))
    assert atlas.district_rows.rows[0].name_en != "Renamed0"  # the shared atlas is as it was
