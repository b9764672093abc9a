"""Exports of an atlas's districts: GeoJSON, GeoPackage, GeoParquet and a CSV matrix.

GeoJSON, GeoPackage and GeoParquet hold one feature per district with the same
attributes, in this order: ``adcode``, ``name_zh``, ``name_en``, ``elements``,
``industries``, ``area_km2``, then one boolean ``has_<industry id>`` per
industry of the plan (in plan order). ``elements`` and ``industries`` are lists
written as one string, the ids joined by ``;`` in the atlas's order
(``"corridor;north-core"``; ``""`` for none): ids cannot contain ``;``, so
:func:`split_list` gives the tuples back exactly. Geometry is WGS-84 lon/lat,
coordinates rounded to :data:`PRECISION` decimal places, exterior rings
counter-clockwise and holes clockwise (RFC 7946's right-hand rule), in every format.

The CSV is the district x industry matrix: one row per district (``adcode``,
``name_zh``, ``name_en``), one column per industry id, each cell the elements
through which the district hosts that industry (layout element ids, or
``direct``, joined by ``;``), empty if it does not. It is UTF-8 with a byte
order mark (so Excel shows Chinese names), comma-separated, every cell quoted,
CRLF line ends (RFC 4180); a cell starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return gets a leading ``'`` so spreadsheets show it as text
instead of running it as a formula (OWASP "CSV injection").

Every export is built in memory, then written atomically; the same atlas gives
the same bytes on every run (the GeoPackage's timestamp is the plan's date).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import numpy as np
import shapely

from .errors import OutputError, closest
from .output import write_bytes

#: Decimal places of exported coordinates (6 places is about 0.1 m).
PRECISION = 6

#: Joins the ids of ``elements``, ``industries`` and CSV cells.
LIST_SEPARATOR = ";"

#: Format names and the file extension each writes.
EXTENSIONS = {"geojson": "geojson", "gpkg": "gpkg", "parquet": "parquet", "csv": "csv"}

_SUFFIXES = {".geojson": "geojson", ".json": "geojson", ".gpkg": "gpkg",
             ".parquet": "parquet", ".geoparquet": "parquet", ".csv": "csv"}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_EPOCH = "1970-01-01"


def check_format(fmt: str | None, path=None) -> str:
    """The export format named by ``fmt``, or inferred from the suffix of ``path``.

    Parameters
    ----------
    fmt : str, optional
        ``"geojson"``, ``"gpkg"``, ``"parquet"`` or ``"csv"`` (any case, leading dot allowed).
    path : str or path, optional
        Used when ``fmt`` is None: ``.geojson``/``.json``, ``.gpkg``,
        ``.parquet``/``.geoparquet`` or ``.csv``.

    Returns
    -------
    str
        A key of :data:`EXTENSIONS`.

    Raises
    ------
    OutputError
        For any other format or suffix.
    """
    if fmt is None:
        suffix = Path(path or "").suffix.lower()
        if suffix not in _SUFFIXES:
            raise OutputError(f"cannot tell the export format from {str(path)!r}; "
                              "use a .geojson, .gpkg, .parquet or .csv suffix, or give format")
        return _SUFFIXES[suffix]
    name = str(fmt).lower().lstrip(".")
    name = {"json": "geojson", "geoparquet": "parquet"}.get(name, name)
    if name not in EXTENSIONS:
        hint = closest(name, EXTENSIONS)
        raise OutputError(f"unknown export format {fmt!r}; expected geojson, gpkg, parquet "
                          f"or csv" + (f" (did you mean {hint}?)" if hint else ""))
    return name


def export(atlas, path, format: str | None = None) -> Path:
    """Write the atlas's districts to ``path`` atomically.

    Parameters
    ----------
    atlas : geo.Atlas
    path : str or path
        The file to write; its folder is created if missing.
    format : {"geojson", "gpkg", "parquet", "csv"}, optional
        Default: inferred from the suffix of ``path``.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    OutputError
        For an unknown format, or a path that cannot be written (nothing is left behind).
    """
    return write_bytes(path, export_bytes(atlas, check_format(format, path)))


def export_bytes(atlas, format: str) -> bytes:
    """The bytes of an export of the atlas in ``format`` (see :func:`check_format`)."""
    fmt = check_format(format)
    if fmt == "csv":
        return csv_bytes(matrix(atlas))
    frame = districts_table(atlas)
    if fmt == "geojson":
        return geojson_bytes(frame)
    if fmt == "gpkg":
        return gpkg_bytes(frame, layer=atlas.plan.id, date=atlas.plan.date)
    return parquet_bytes(frame)


def districts_table(atlas):
    """The districts as exported: list columns as strings, ``has_<id>`` flags, clean geometry.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326 (WGS-84), a fresh ``RangeIndex``; see the module docstring for columns.
    """
    import geopandas as gpd

    districts = atlas.districts
    columns = {name: [str(v) for v in districts[name]] for name in ("adcode", "name_zh",
                                                                       "name_en")}
    columns["elements"] = [join_list(e) for e in districts["elements"]]
    columns["industries"] = [join_list(i) for i in districts["industries"]]
    columns["area_km2"] = [float(a) for a in districts["area_km2"]]
    for industry in atlas.plan.industries:
        columns[f"has_{industry.id}"] = [industry.id in i for i in districts["industries"]]
    geometry = clean_geometry(districts.geometry.to_numpy(),
                              districts.attrs.get("datum", "wgs84"))
    return gpd.GeoDataFrame(columns, geometry=list(geometry), crs="EPSG:4326")


def clean_geometry(geometries, datum: str = "wgs84"):
    """Geometries in WGS-84, rounded to :data:`PRECISION` places, oriented per RFC 7946."""
    if datum != "wgs84":
        from .places.crs import geometries_to_wgs84

        geometries = geometries_to_wgs84(geometries)
    rounded = shapely.transform(np.asarray(geometries, dtype=object),
                                lambda xy: np.round(xy, PRECISION))
    return shapely.orient_polygons(rounded, exterior_cw=False)


def join_list(items) -> str:
    """Ids as one string: ``("corridor", "north-core")`` -> ``"corridor;north-core"``."""
    return LIST_SEPARATOR.join(str(i) for i in items)


def split_list(text: str) -> tuple[str, ...]:
    """The inverse of :func:`join_list` (``""`` -> ``()``)."""
    return tuple(text.split(LIST_SEPARATOR)) if text else ()


def matrix(atlas):
    """The district x industry matrix (not yet neutralised for spreadsheets).

    Returns
    -------
    pandas.DataFrame
        ``adcode``, ``name_zh``, ``name_en``, then one column per industry id
        (plan order) holding the elements through which the district hosts it
        (``"direct"`` for a direct assignment) joined by ``;``, or ``""``.
    """
    import pandas as pd

    hosting = atlas.hosting[atlas.hosting["place_kind"] == "district"]
    via: dict[tuple[str, str], dict[str, None]] = {}
    for place, industry, element in zip(hosting["place_id"], hosting["industry"],
                                        hosting["element"], strict=True):
        via.setdefault((str(place), industry), {})[element] = None
    districts = atlas.districts
    rows = {name: [str(v) for v in districts[name]] for name in ("adcode", "name_zh",
                                                                    "name_en")}
    for industry in atlas.plan.industries:
        rows[industry.id] = [join_list(via.get((a, industry.id), ())) for a in rows["adcode"]]
    return pd.DataFrame(rows)


def neutralise(cell: str) -> str:
    """``cell`` with a leading ``'`` if a spreadsheet would read it as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def csv_bytes(frame) -> bytes:
    """``frame`` as CSV: UTF-8 with BOM, all cells quoted and neutralised, CRLF line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([neutralise(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False):
        writer.writerow([neutralise(str(c)) for c in row])
    return buffer.getvalue().encode("utf-8-sig")


def geojson_bytes(frame) -> bytes:
    """``frame`` as an RFC 7946 FeatureCollection: no ``crs``, one feature per line.

    Keys come in a fixed order (``type``, ``properties`` in column order,
    ``geometry``); the geometry is written as it is in ``frame`` (see
    :func:`clean_geometry`).
    """
    names = [c for c in frame.columns if c != frame.geometry.name]
    lines = []
    for values, geom in zip(frame[names].itertuples(index=False), frame.geometry, strict=True):
        feature = {"type": "Feature",
                   "properties": {n: _plain(v) for n, v in zip(names, values, strict=True)},
                   "geometry": shapely.geometry.mapping(geom) if geom is not None else None}
        lines.append(json.dumps(feature, ensure_ascii=False, allow_nan=False,
                                separators=(",", ":")))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    return text.encode("utf-8")


def _plain(value):
    """A numpy scalar as the Python value ``json`` writes."""
    return value.item() if isinstance(value, np.generic) else value


def gpkg_bytes(frame, layer: str, date: str = "") -> bytes:
    """``frame`` as a GeoPackage with one layer; its timestamp is ``date`` (YYYY-MM-DD).

    GDAL stamps ``gpkg_contents.last_change`` with the current time unless the
    ``OGR_CURRENT_DATE`` option is set: it is set to ``date`` (else 1970-01-01)
    while writing, so the same frame gives the same bytes.
    """
    import pyogrio

    day = date if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(date)) else _EPOCH
    previous = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": f"{day}T00:00:00.000Z"})
    try:
        buffer = io.BytesIO()
        pyogrio.write_dataframe(frame, buffer, driver="GPKG", layer=layer)
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})
    return buffer.getvalue()


def parquet_bytes(frame) -> bytes:
    """``frame`` as GeoParquet (WKB geometry, no index); pyarrow writes no timestamps."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()
