"""BD-09 (Baidu) conversion against an independent implementation (prcoords)."""

import numpy as np
import prcoords
import pytest

from geo import crs


@pytest.fixture(scope="module")
def points():
    rng = np.random.default_rng(20261125)
    return rng.uniform(74, 134, 500), rng.uniform(19, 52, 500)


def _metres(lon_a, lat_a, lon_b, lat_b):
    dy = (np.asarray(lat_a) - lat_b) * 111_320
    dx = (np.asarray(lon_a) - lon_b) * 111_320 * np.cos(np.radians(lat_b))
    return np.hypot(dx, dy)


def test_forward_matches_prcoords(points):
    lon, lat = points
    blon, blat = crs.gcj02_to_bd09(lon, lat)
    for i in range(len(lon)):
        ref = prcoords.gcj_bd(prcoords.Coords(lat[i], lon[i]))
        assert abs(ref.lon - blon[i]) < 1e-9 and abs(ref.lat - blat[i]) < 1e-9


def test_inverse_matches_prcoords_exact_inverse_within_1m(points):
    lon, lat = points
    glon, glat = crs.bd09_to_gcj02(lon, lat)
    wlon, wlat = crs.bd09_to_wgs84(lon, lat)
    for i in range(len(lon)):
        ref = prcoords.bd_gcj_bored(prcoords.Coords(lat[i], lon[i]))
        assert _metres(glon[i], glat[i], ref.lon, ref.lat) < 1.0
        ref = prcoords.bd_wgs_bored(prcoords.Coords(lat[i], lon[i]))
        assert _metres(wlon[i], wlat[i], ref.lon, ref.lat) < 1.0


def test_round_trips_are_within_a_tenth_of_a_millimetre(points):
    lon, lat = points
    back = crs.gcj02_to_bd09(*crs.bd09_to_gcj02(lon, lat))
    assert _metres(*back, lon, lat).max() < 1e-4
    back = crs.wgs84_to_bd09(*crs.bd09_to_wgs84(lon, lat))
    assert _metres(*back, lon, lat).max() < 1e-4
    back = crs.bd09_to_wgs84(*crs.wgs84_to_bd09(lon, lat))
    assert _metres(*back, lon, lat).max() < 1e-4


def test_offset_in_wenzhou_is_about_a_kilometre():
    """BD-09 sits a further ~0.7 km from GCJ-02, which sits ~0.5 km from WGS-84."""
    lon, lat = 120.70, 28.00
    blon, blat = crs.wgs84_to_bd09(lon, lat)
    assert 700 < _metres(blon, blat, lon, lat) < 1600


def test_in_china():
    assert crs.in_china([120.7, 2.35], [28.0, 48.85]).tolist() == [True, False]
