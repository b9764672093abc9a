"""Neighbours of a region at its own level (geo.show.neighbours), for map context."""

from __future__ import annotations

import pytest
import shapely

from geo import settings
from geo.places import boundaries
from geo.show.neighbours import COLUMNS, MARGIN, neighbours

WENZHOU = "330300"


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("neighbour-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "cache_dir", folder)
        yield folder


@pytest.fixture(scope="module")
def wenzhou(cache_dir):
    return neighbours(WENZHOU)


def test_wenzhou_neighbours_cross_the_provincial_border(wenzhou):
    assert list(wenzhou.columns) == list(COLUMNS)
    names = set(wenzhou["name_zh"])
    assert {"台州市", "丽水市", "宁德市"} <= names  # 宁德市 is in Fujian
    assert WENZHOU not in set(wenzhou["adcode"]) and "温州市" not in names
    assert boundaries.unit("350900").province == "福建省"
    levels = {boundaries.unit(code).level for code in wenzhou["adcode"]}
    assert levels == {"市"}
    assert list(wenzhou["adcode"]) == sorted(wenzhou["adcode"])
    assert wenzhou.attrs["datum"] == "wgs84" and wenzhou.crs.to_epsg() == 4326


def test_context_geometry_barely_overlaps_the_region(wenzhou):
    region = boundaries.load_units([boundaries.unit(WENZHOU)]).to_crs(settings.equal_area_crs)
    others = wenzhou.to_crs(settings.equal_area_crs)
    shape = region.geometry.iloc[0]
    overlap = shapely.union_all(others.geometry.to_numpy()).intersection(shape).area
    assert overlap < 0.01 * shape.area  # a sliver of simplification, no more
    minx, miny, maxx, maxy = boundaries.load_units([boundaries.unit(WENZHOU)]).total_bounds
    dx, dy = (maxx - minx) * MARGIN, (maxy - miny) * MARGIN
    window = shapely.box(minx - dx, miny - dy, maxx + dx, maxy + dy).buffer(1e-4)
    assert wenzhou.geometry.within(window).all() and wenzhou.geometry.is_valid.all()
    digits = settings.coordinate_precision
    coords = shapely.get_coordinates(wenzhou.geometry.to_numpy())
    assert (abs(coords - coords.round(digits)) < 1e-9).all()


def test_other_levels(cache_dir):
    lucheng = neighbours("330302")  # a district: adjacent counties and districts
    assert {"龙湾区", "瓯海区", "永嘉县"} <= set(lucheng["name_zh"])
    assert {boundaries.unit(c).level for c in lucheng["adcode"]} == {"区县"}
    zhejiang = neighbours("330000")  # a province: adjacent provinces
    assert {"福建省", "江西省", "安徽省", "江苏省", "上海市"} == set(zhejiang["name_zh"])
    assert neighbours("100000").empty  # the country has none
    gcj = neighbours(WENZHOU, datum="gcj02")
    assert gcj.attrs["datum"] == "gcj02" and set(gcj["adcode"]) == set(neighbours(WENZHOU)
                                                                       ["adcode"])


def test_warm_call_reads_the_cache(cache_dir, wenzhou, monkeypatch):
    """Once computed, neighbours are read back from the cache, not computed again."""
    assert list(cache_dir.glob("neighbours-wgs84-*.wkb"))

    def compute_again(*args):
        raise AssertionError("neighbours computed again despite the cache")

    monkeypatch.setattr("geo.show.neighbours._compute", compute_again)
    again = neighbours(WENZHOU)
    assert again.drop(columns="geometry").equals(wenzhou.drop(columns="geometry"))
    assert again.geometry.geom_equals_exact(wenzhou.geometry, 0).all()
