"""Datum conversions (GCJ-02, BD-09) against an independent implementation (prcoords),
round trips, offsets, and areas: one table per kind of check."""

import numpy as np
import prcoords
import pytest
import shapely

from geo.places import boundaries, crs


@pytest.fixture(scope="module")
def points():
    rng = np.random.default_rng(20241125)
    return rng.uniform(74, 134, 500), rng.uniform(19, 52, 500)


def _metres(lon_a, lat_a, lon_b, lat_b):
    dy = (np.asarray(lat_a) - lat_b) * 111_320
    dx = (np.asarray(lon_a) - lon_b) * 111_320 * np.cos(np.radians(lat_b))
    return np.hypot(dx, dy)


# (ours, prcoords' conversion, tolerance in metres): prcoords' forward conversions are
# closed formulas (equal to 1e-9 degrees); its inverses ("bored") are iterated.
CONVERSIONS = {
    "wgs84->gcj02": (crs.wgs84_to_gcj02, prcoords.wgs_gcj, 1e-4),
    "gcj02->bd09": (crs.gcj02_to_bd09, prcoords.gcj_bd, 1e-4),
    "gcj02->wgs84": (crs.gcj02_to_wgs84, prcoords.gcj_wgs_bored, 1.0),
    "bd09->gcj02": (crs.bd09_to_gcj02, prcoords.bd_gcj_bored, 1.0),
    "bd09->wgs84": (crs.bd09_to_wgs84, prcoords.bd_wgs_bored, 1.0),
}


@pytest.mark.parametrize("name", CONVERSIONS)
def test_conversion_matches_prcoords(points, name):
    ours, reference, metres = CONVERSIONS[name]
    lon, lat = points
    olon, olat = ours(lon, lat)
    for i in range(len(lon)):
        ref = reference(prcoords.Coords(lat[i], lon[i]))
        assert _metres(olon[i], olat[i], ref.lon, ref.lat) < metres, (name, lon[i], lat[i])


# (there, back, tolerance in metres)
ROUND_TRIPS = {
    "gcj02": (crs.gcj02_to_wgs84, crs.wgs84_to_gcj02, 1e-6),
    "bd09-gcj02": (crs.bd09_to_gcj02, crs.gcj02_to_bd09, 1e-4),
    "bd09-wgs84": (crs.bd09_to_wgs84, crs.wgs84_to_bd09, 1e-4),
    "wgs84-bd09": (crs.wgs84_to_bd09, crs.bd09_to_wgs84, 1e-4),
}


@pytest.mark.parametrize("name", ROUND_TRIPS)
def test_round_trip(points, name):
    there, back, metres = ROUND_TRIPS[name]
    lon, lat = points
    assert _metres(*back(*there(lon, lat)), lon, lat).max() < metres


def test_outside_china_unchanged():
    lon, lat = crs.gcj02_to_wgs84([2.35, -74.0], [48.85, 40.7])
    assert np.allclose(lon, [2.35, -74.0]) and np.allclose(lat, [48.85, 40.7])
    assert crs.in_china([120.7, 2.35], [28.0, 48.85]).tolist() == [True, False]


@pytest.mark.parametrize(("convert", "low", "high"), [
    (crs.gcj02_to_wgs84, 300, 800),    # GCJ-02 sits ~0.5 km from WGS-84
    (crs.wgs84_to_bd09, 700, 1600),    # BD-09 a further ~0.7 km
])
def test_offset_in_wenzhou(convert, low, high):
    lon, lat = 120.70, 28.00
    assert low < _metres(*convert(lon, lat), lon, lat) < high


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
