"""GCJ-02 conversion against an independent implementation, and areas."""

import numpy as np
import prcoords
import pytest
import shapely

from geo import boundaries, crs


@pytest.fixture(scope="module")
def points():
    rng = np.random.default_rng(20241125)
    return rng.uniform(74, 134, 500), rng.uniform(19, 52, 500)


def test_forward_matches_prcoords(points):
    lon, lat = points
    glon, glat = crs.wgs84_to_gcj02(lon, lat)
    for i in range(len(lon)):
        ref = prcoords.wgs_gcj(prcoords.Coords(lat[i], lon[i]))
        assert abs(ref.lon - glon[i]) < 1e-9 and abs(ref.lat - glat[i]) < 1e-9


def test_inverse_matches_prcoords_exact_inverse_within_1m(points):
    lon, lat = points
    wlon, wlat = crs.gcj02_to_wgs84(lon, lat)
    worst = 0.0
    for i in range(len(lon)):
        ref = prcoords.gcj_wgs_bored(prcoords.Coords(lat[i], lon[i]))
        dy = (ref.lat - wlat[i]) * 111_320
        dx = (ref.lon - wlon[i]) * 111_320 * np.cos(np.radians(lat[i]))
        worst = max(worst, float(np.hypot(dx, dy)))
    assert worst < 1.0


def test_round_trip_is_exact(points):
    lon, lat = points
    back = crs.wgs84_to_gcj02(*crs.gcj02_to_wgs84(lon, lat))
    assert np.abs(back[0] - lon).max() < 1e-9 and np.abs(back[1] - lat).max() < 1e-9


def test_outside_china_unchanged():
    lon, lat = crs.gcj02_to_wgs84([2.35, -74.0], [48.85, 40.7])
    assert np.allclose(lon, [2.35, -74.0]) and np.allclose(lat, [48.85, 40.7])


def test_offset_in_wenzhou_is_about_half_a_kilometre():
    lon, lat = 120.70, 28.00
    wlon, wlat = crs.gcj02_to_wgs84(lon, lat)
    dx = (lon - wlon) * 111_320 * np.cos(np.radians(lat))
    dy = (lat - wlat) * 111_320
    assert 300 < np.hypot(dx, dy) < 800


def test_geometries_are_converted_vertex_by_vertex():
    polygon = shapely.Polygon([(120.6, 28.0), (120.7, 28.0), (120.7, 28.1)])
    converted = crs.geometries_to_wgs84(np.array([polygon]))[0]
    expected = np.column_stack(crs.gcj02_to_wgs84(*np.asarray(polygon.exterior.coords).T))
    assert np.allclose(np.asarray(converted.exterior.coords), expected, atol=1e-12)


def test_wenzhou_area_matches_official_land_area():
    """Wenzhou's official land area is about 12,110 km²; computed in an equal-area CRS."""
    units = boundaries.children(boundaries.unit("330300"))
    total = crs.areas_km2(boundaries.load_units(units)).sum()
    assert abs(total - 12_110) / 12_110 < 0.03
