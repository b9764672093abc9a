"""Geometry prepared for display: what the HTML maps and the static figures both draw.

Below both output media, so neither imports the other:

- datum choice (:func:`to_datum`): GCJ-02 over Amap tiles, WGS-84 elsewhere;
- simplification (:func:`simplified`): district borders simplified as one
  coverage (neighbours keep identical shared edges: no gaps, no slivers), then
  rounded to ``settings.coordinate_precision`` decimals (:func:`rounded`);
- the local projection of a figure (:func:`local_crs`) and its furniture
  maths: the scale bar measured on the ellipsoid (:func:`scale_bar_length`),
  true north (:func:`north_vector`).
"""

from __future__ import annotations

import hashlib
import math
from collections import OrderedDict
from pathlib import Path

import numpy as np
import shapely

from .. import settings
from ..places.crs import geometries_to_gcj02, geometries_to_wgs84
from ..places.prepared import read_table, write_table


def to_datum(geometries, source: str, target: str):
    """Geometries (an array) converted from datum ``source`` to ``target``."""
    if source == target:
        return geometries
    if target == "gcj02":
        return geometries_to_gcj02(geometries)
    return geometries_to_wgs84(geometries)


def simplify_tolerance(geometries) -> float:
    """Tolerance for a set of districts: ``settings.simplify_tolerance``, or a
    fixed fraction of the set's extent when that is larger (a national map)."""
    minx, miny, maxx, maxy = shapely.total_bounds(geometries)
    span = max(maxx - minx, maxy - miny)
    return max(settings.simplify_tolerance, span * settings.simplify_extent_fraction)


#: Simplified coverages already computed in this process, by what they were made of.
_SIMPLIFIED: OrderedDict[tuple, np.ndarray] = OrderedDict()
_SIMPLIFIED_KEPT = 16
#: Bumped when what a simplified-coverage cache file holds changes.
_SIMPLIFIED_FORMAT = 1


def simplified(geometries) -> np.ndarray:
    """District geometry for display: borders simplified as a coverage, so that
    neighbours keep identical shared edges (no gaps, no slivers), then rounded
    to ``settings.coordinate_precision`` decimals.

    Computed once for the same geometries and settings: kept for the process (the
    map, the figures and the report of one plan share it) and in
    ``settings.cache_dir`` for later processes (370 cities take seconds to simplify,
    a few milliseconds to read back).
    """
    geometries = np.asarray(geometries, dtype=object)
    key = (hashlib.sha256(b"".join(shapely.to_wkb(geometries))).hexdigest(), len(geometries),
           settings.simplify_tolerance, settings.simplify_extent_fraction,
           settings.coordinate_precision)
    if key in _SIMPLIFIED:
        _SIMPLIFIED.move_to_end(key)
        return _SIMPLIFIED[key].copy()
    path = _simplified_path(key)
    found = read_table(path, names=())
    if found is not None and len(found[1]) == len(geometries):
        result = found[1]
    else:
        if settings.simplify_tolerance > 0:
            geometries = shapely.coverage_simplify(geometries, simplify_tolerance(geometries))
        result = rounded(geometries)
        write_table(path, {}, result)
    _SIMPLIFIED[key] = result
    while len(_SIMPLIFIED) > _SIMPLIFIED_KEPT:
        _SIMPLIFIED.popitem(last=False)
    return result.copy()


def _simplified_path(key: tuple):
    """The cache file of one simplified coverage (``None`` without a cache folder): keyed
    by what it was made of, the settings and the GEOS that simplified it."""
    if settings.cache_dir is None:
        return None
    about = repr((_SIMPLIFIED_FORMAT, key, shapely.__version__, shapely.geos_version_string))
    digest = hashlib.sha256(about.encode("utf-8")).hexdigest()[:24]
    return Path(settings.cache_dir) / f"simplified-{digest}.wkb"


def rounded(geometries) -> np.ndarray:
    """Geometries with coordinates rounded to ``settings.coordinate_precision`` decimals."""
    digits = settings.coordinate_precision
    return shapely.transform(geometries, lambda xy: np.round(xy, digits))


def local_crs(bounds) -> str:
    """An equal-area (Albers) projection fitted to ``bounds`` (lon/lat degrees).

    Centred on the bounds' central meridian, with standard parallels at one
    sixth and five sixths of their latitude range, so north is up in the middle
    and distortion is small across the region.
    """
    minx, miny, maxx, maxy = bounds
    dy = max(maxy - miny, 0.1)
    lat1, lat2 = miny + dy / 6, miny + 5 * dy / 6
    return (f"+proj=aea +lat_1={lat1:.4f} +lat_2={lat2:.4f} +lat_0={(miny + maxy) / 2:.4f} "
            f"+lon_0={(minx + maxx) / 2:.4f} +datum=WGS84 +units=m +no_defs")


def _nice(metres: float) -> float:
    """The largest of 1, 2 or 5 times a power of ten not above ``metres``."""
    power = 10 ** math.floor(math.log10(metres))
    return max(s * power for s in (1, 2, 5) if s * power <= metres)


def scale_bar_length(crs: str, x: float, y: float, span: float) -> tuple[float, float]:
    """A round ground distance that fits in ``span``, and its length on the map.

    Parameters
    ----------
    crs : str
        The projected CRS the map is drawn in.
    x, y : float
        Where the bar starts, in ``crs`` units.
    span : float
        The longest bar wanted, in ``crs`` units, drawn eastwards from ``(x, y)``.

    Returns
    -------
    metres : float
        The distance the bar stands for (1, 2 or 5 times a power of ten),
        measured on the WGS-84 ellipsoid.
    length : float
        The bar's length in ``crs`` units: the map's scale is measured where
        the bar is drawn, so the bar is right even where the projection stretches.
    """
    from pyproj import Geod, Transformer

    to_lonlat = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    lons, lats = to_lonlat.transform([x, x + span], [y, y])
    ground = Geod(ellps="WGS84").inv(lons[0], lats[0], lons[1], lats[1])[2]
    metres = _nice(ground)
    return metres, metres * span / ground


def distance_label(metres: float) -> str:
    """``"500 m"``, ``"20 km"``: a scale-bar label."""
    return f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"


def north_vector(crs: str, x: float, y: float) -> tuple[float, float]:
    """Unit vector of true north at ``(x, y)`` of a map projected in ``crs``."""
    from pyproj import Transformer

    to_lonlat = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    to_map = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    lon, lat = to_lonlat.transform(x, y)
    nx, ny = to_map.transform(lon, min(lat + 0.01, 89.99))
    norm = math.hypot(nx - x, ny - y)
    return (nx - x) / norm, (ny - y) / norm
