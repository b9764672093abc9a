"""The HTML map without a browser: offline, compact, deterministic, escaped."""

import json
import re

import numpy as np
import pytest
import shapely

from geo.render.codec import embedded_data
from geo.render.escape import script_json
from geo.render.packing import unpacked
from geo.show.geometry import simplified
from geo.show.neighbours import neighbours


@pytest.fixture(scope="module")
def page(atlas, tmp_path_factory):
    """The page as written: its scripts packed (geo/render/packing.py)."""
    path = tmp_path_factory.mktemp("map") / "wenzhou-2024.html"
    atlas.to_html(path)
    return path.read_text("utf-8")


@pytest.fixture(scope="module")
def html(page):
    """The page with its program unpacked: what the browser runs."""
    return unpacked(page)


@pytest.mark.parametrize("form", ["page", "html"])
def test_nothing_is_loaded_from_the_network(form, request):
    text = request.getfixturevalue(form)
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=[\"']?(https?:)?//", text)
    assert "cdn." not in text and "@import" not in text


def test_leaflet_is_inlined_in_the_packed_program(page, html):
    assert "Leaflet 1.9.3" not in page and "Leaflet 1.9.3" in html  # from xstatic-leaflet
    assert page.count("<script") == 2 and page.count("data-atlas-packed") == 1


def test_geometry_is_embedded_once(atlas, html):
    data = embedded_data(html)
    assert len(data["districts"]["features"]) == len(atlas.districts)
    polygons = [f for f in data["districts"]["features"] + data["context"]["features"]
                + data["zones"]["features"] if f["geometry"]["type"].endswith("Polygon")]
    assert html.count('"type":"MultiPolygon"') + html.count('"type":"Polygon"') == len(polygons)
    assert len(data["context"]["features"]) == len(neighbours(atlas.region))


def test_one_layer_per_layout_element_and_per_industry(atlas, html):
    specs = re.findall(r"industryAtlas\.view\(\w+,\s*(\{.*?\})\);", html)
    ids = [json.loads(s)["id"] for s in specs]
    expected = [f"layout:{e.id}" for e in atlas.plan.layout]
    expected += [f"industry:{i.id}" for i in atlas.plan.industries]
    assert ids == expected


def test_same_plan_gives_the_same_bytes(atlas, page, tmp_path):
    again = atlas.to_html(tmp_path / "again.html").read_text("utf-8")
    assert again == page


def test_script_json_cannot_close_the_script():
    text = script_json({"t": "</script><script>alert(1)</script>\u2028`${x}`<!--"})
    assert "<" not in text and ">" not in text and "\u2028" not in text
    assert json.loads(text)["t"].startswith("</script>")


def test_popup_text_is_escaped(tmp_path):
    from geo.render import content
    from geo.vocabulary import Lang

    html = content.render("card", name="<b>x</b>", code="`${1}`", area="{{ 7 * 7 }}",
                          elements=[], groups=[], t=Lang("en").words("map"))
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert "{{" not in html and "49" not in html


def test_simplification_keeps_a_gapless_coverage(atlas):
    original = atlas.districts.geometry.to_numpy()
    simple = simplified(original)
    assert shapely.coverage_is_valid(simple)
    assert shapely.get_num_coordinates(simple).sum() < shapely.get_num_coordinates(
        original).sum()
    union_simple = shapely.union_all(simple)
    union_original = shapely.union_all(original)
    # no slivers between neighbours: the union has no more holes than before
    holes = [sum(len(p.interiors) for p in getattr(u, "geoms", [u]))
             for u in (union_simple, union_original)]
    assert holes[0] <= holes[1]
    assert abs(union_simple.area - union_original.area) / union_original.area < 0.01


def test_outline_of_the_corridor_is_the_union_of_its_members(atlas, html):
    data = embedded_data(html)
    outline = shapely.geometry.shape(data["outlines"]["layout:corridor"])
    members = [g for a, g in zip(atlas.districts["adcode"], simplified(
        atlas.districts.geometry.to_numpy()), strict=True) if "corridor" in
        atlas.districts.set_index("adcode").loc[a, "elements"]]
    assert np.isclose(outline.length, shapely.union_all(members).boundary.length)


def test_geometry_codec_round_trips_and_is_compact(atlas):
    from geo.render.codec import decode, encode

    for geometry in list(simplified(atlas.districts.geometry.to_numpy())) + [
            shapely.Point(120.5, 28.25), shapely.LineString([(120, 28), (121.5, 27.12345)])]:
        encoded = encode(geometry, 5)
        back = shapely.geometry.shape(decode(encoded))
        assert shapely.equals_exact(back, geometry, tolerance=1e-9)
        plain = json.dumps(shapely.geometry.mapping(geometry), separators=(",", ":"))
        if shapely.get_num_coordinates(geometry) > 100:
            assert len(json.dumps(encoded, separators=(",", ":"))) < 0.7 * len(plain)


def test_tolerance_grows_with_the_extent_of_the_region(atlas):
    from geo import settings
    from geo.show.geometry import simplify_tolerance

    assert simplify_tolerance(atlas.districts.geometry.to_numpy()) == settings.simplify_tolerance
    country = np.array([shapely.box(73, 18, 135, 53)])
    assert simplify_tolerance(country) == pytest.approx(62 * settings.simplify_extent_fraction)


def test_small_units_of_a_national_map_get_markers(html, atlases):
    """Wenzhou's 12 districts need no markers; the national plan's highlighted cities do."""
    specs = [json.loads(s) for s in re.findall(r"industryAtlas\.view\(\w+,\s*(\{.*?\})\);",
                                                html)]
    assert all(spec["points"] == [] for spec in specs)
    national = atlases("china-clusters-2022")
    specs = [json.loads(s) for s in re.findall(r"industryAtlas\.view\(\w+,\s*(\{.*?\})\);",
                                                unpacked(national.to_html()))]
    hefei = next(s for s in specs if "340100" in s["adcodes"])
    assert len(hefei["points"]) == len(hefei["adcodes"])
    lat, lon = hefei["points"][hefei["adcodes"].index("340100")]
    assert 30.9 < lat < 32.6 and 116.6 < lon < 118.0  # inside Hefei

