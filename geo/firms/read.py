"""Reading a firm table (CSV, Parquet/GeoParquet, GeoPackage) into the standard frame.

The standard frame has ``row`` (0-based position in the input) and one column per
field found (see :mod:`geo.firms.columns`); CSV values stay text, so that junk is
rejected row by row later, never guessed here. A point geometry stands in for
``lon``/``lat``. Whatever cannot be read at all is one :class:`~geo.errors.InputError`
naming the file, the place and what was expected.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import AtlasError, InputError
from .columns import FIELDS, parse_mapping, resolve_columns

CSV_SUFFIXES = {".csv": ",", ".txt": ",", ".tsv": "\t"}
PARQUET_SUFFIXES = {".parquet", ".geoparquet", ".pq"}
OGR_SUFFIXES = {".gpkg", ".geojson", ".json", ".shp", ".fgb"}

#: Rows per piece when a Parquet file is split (row groups are never cut).
PIECE_ROWS = 1_000_000


@dataclass(frozen=True)
class Piece:
    """Row groups of one Parquet file, read as one partition."""

    path: str
    row_groups: tuple
    offset: int
    rows: int


@dataclass
class FirmSource:
    """A firm table checked and ready to read: its kind, columns and geometry.

    Build it with :func:`open_firms`; read it whole with :meth:`read`, or piece by
    piece (Parquet only) with :meth:`pieces` and :meth:`read_piece`.
    """

    path: Path
    kind: str
    columns: dict
    geometry: str | None = None
    encoding: str = "utf-8"
    layer: str | None = None
    files: list = field(default_factory=list)

    @property
    def fields(self) -> list[str]:
        """The fields of the standard frame, ``lon``/``lat`` included for a geometry."""
        have = set(self.columns) | ({"lon", "lat"} if self.geometry else set())
        return [f for f in FIELDS if f in have]

    def read(self) -> pd.DataFrame:
        """The whole table as the standard frame (CSV and OGR formats; a Parquet source is
        read piece by piece, :meth:`pieces`)."""
        if self.kind == "parquet":
            raise AtlasError(f"{self.path}: a Parquet table is read piece by piece (pieces)")
        frame = _read_csv(self) if self.kind == "csv" else _read_ogr(self)
        if frame.empty:
            raise InputError(f"{self.path}: no rows; expected a header and at least one row")
        return frame

    def pieces(self, rows: int = PIECE_ROWS) -> list[Piece]:
        """Parquet row groups gathered into pieces of about ``rows`` rows, in file order."""
        import pyarrow.parquet as pq

        if self.kind != "parquet":
            raise InputError(f"{self.path}: the dask engine reads (Geo)Parquet; expected a "
                             f".parquet file or folder, not {self.kind}")
        pieces, offset = [], 0
        for path in self.files:
            meta = pq.ParquetFile(path).metadata
            groups, count = [], 0
            for i in range(meta.num_row_groups):
                groups.append(i)
                count += meta.row_group(i).num_rows
                if count >= rows:
                    pieces.append(Piece(str(path), tuple(groups), offset, count))
                    offset, groups, count = offset + count, [], 0
            if groups and count:
                pieces.append(Piece(str(path), tuple(groups), offset, count))
                offset += count
        if offset == 0:
            raise InputError(f"{self.path}: no rows; expected a Parquet table with at least "
                             f"one row")
        return pieces

    def read_piece(self, piece: Piece, names: bool = True) -> pd.DataFrame:
        """One piece as the standard frame: only the mapped columns (``name`` too only
        with ``names``); a text ``industry`` column is read as a dictionary (categorical).
        """
        columns = {f: c for f, c in self.columns.items() if names or f != "name"}
        wanted = list(dict.fromkeys([*columns.values(),
                                     *([self.geometry] if self.geometry else [])]))
        table = self._row_groups(piece, wanted, dictionary=[columns["industry"]])
        data = {f: table.column(c).to_pandas() for f, c in columns.items()}
        if self.geometry and "lon" not in self.columns:
            data["lon"], data["lat"] = _point_xy(table.column(self.geometry).to_numpy(False))
        return _standard(data, piece.offset, piece.rows,
                         [f for f in self.fields if f in data])

    def names(self, piece: Piece, rows) -> np.ndarray:
        """The ``name`` cells of some rows of a piece (numbered as in the whole table)."""
        column = self._row_groups(piece, [self.columns["name"]]).column(0)
        return column.take(np.asarray(rows) - piece.offset).to_pandas().to_numpy()

    def _row_groups(self, piece: Piece, columns: list, dictionary=()):
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            handle = pq.ParquetFile(piece.path)
            text = [c for c in dictionary
                    if pa.types.is_string(handle.schema_arrow.field(c).type)
                    or pa.types.is_large_string(handle.schema_arrow.field(c).type)]
            if text:
                handle = pq.ParquetFile(piece.path, read_dictionary=text)
            return handle.read_row_groups(list(piece.row_groups), columns=columns)
        except Exception as exc:  # pyarrow raises several types for damaged files
            raise InputError(f"{piece.path}: cannot read row groups {piece.row_groups}: "
                             f"{exc}; expected a readable Parquet file") from None


def open_firms(path, columns=None, encoding: str = "utf-8", layer: str | None = None):
    """Check a firm table's format and header; map its columns.

    Parameters
    ----------
    path : str or path
        ``.csv``/``.tsv``/``.txt``, ``.parquet`` (a file or a folder of them,
        GeoParquet included), ``.gpkg`` or another OGR vector format.
    columns : dict or list of "FIELD=COLUMN", optional
        Column mapping; unmapped fields use :data:`geo.firms.columns.DEFAULTS`.
    encoding : str
        Of a CSV file (UTF-8 by default; ``gbk`` or ``gb18030`` for many Chinese files).
    layer : str, optional
        GeoPackage layer.

    Returns
    -------
    FirmSource

    Raises
    ------
    InputError
    """
    path = Path(path)
    mapping = parse_mapping(columns)
    if not path.exists():
        raise InputError(f"{path}: no such file; expected a CSV, Parquet or GeoPackage file")
    suffix = path.suffix.lower()
    if path.is_dir() or suffix in PARQUET_SUFFIXES:
        files = sorted(path.rglob("*.parquet")) if path.is_dir() else [path]
        if not files:
            raise InputError(f"{path}: folder holds no .parquet files")
        names, geometry, crs = _parquet_header(files[0])
        found = resolve_columns(names, mapping, str(path), bool(geometry))
        _check_geographic(path, crs if geometry and "lon" not in found else None)
        return FirmSource(path, "parquet", found, geometry, files=files)
    if path.stat().st_size == 0:
        raise InputError(f"{path}: empty file; expected a header line and rows")
    if suffix in CSV_SUFFIXES:
        names = _csv_header(path, encoding, CSV_SUFFIXES[suffix])
        return FirmSource(path, "csv", resolve_columns(names, mapping, str(path)), None, encoding)
    if suffix in OGR_SUFFIXES:
        names, geometry, crs = _ogr_header(path, layer)
        found = resolve_columns(names, mapping, str(path), bool(geometry))
        _check_geographic(path, crs if geometry and "lon" not in found else None)
        return FirmSource(path, "ogr", found, geometry, layer=layer)
    raise InputError(f"{path}: unknown format {suffix or '(no suffix)'}; expected .csv, .tsv, "
                     f".parquet or .gpkg")


def _standard(data: dict, offset: int, rows: int, fields: list[str]) -> pd.DataFrame:
    columns = {"row": np.arange(offset, offset + rows, dtype="int64")}
    for f in fields:
        values = data[f]
        columns[f] = values.array if isinstance(values, pd.Series) else values
    return pd.DataFrame(columns, copy=False)


def _point_xy(geometries) -> tuple[np.ndarray, np.ndarray]:
    """x and y of WKB or shapely points; NaN for anything else (rejected later)."""
    import shapely

    geoms = np.asarray(geometries, dtype=object)
    if geoms.size and not isinstance(next((g for g in geoms if g is not None), None),
                                     shapely.Geometry):
        geoms = shapely.from_wkb(geoms, on_invalid="ignore")
    points = shapely.get_type_id(geoms) == 0
    x = np.where(points, shapely.get_x(np.where(points, geoms, None)), np.nan)
    y = np.where(points, shapely.get_y(np.where(points, geoms, None)), np.nan)
    return x, y


def _parquet_header(path: Path) -> tuple[list[str], str | None, object]:
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
    except Exception as exc:  # not Parquet, truncated, ...
        raise InputError(f"{path}: not a readable Parquet file ({exc}); expected Parquet or "
                         f"GeoParquet") from None
    geometry = crs = None
    meta = schema.metadata or {}
    if b"geo" in meta:
        try:
            geo = json.loads(meta[b"geo"])
            geometry = geo["primary_column"]
            crs = geo["columns"][geometry].get("crs", "EPSG:4326")
        except (ValueError, KeyError):
            geometry = crs = None
    return [n for n in schema.names if n != geometry], geometry, crs


def _ogr_header(path: Path, layer):
    import pyogrio

    try:
        info = pyogrio.read_info(path, layer=layer)
    except Exception as exc:
        raise InputError(f"{path}: cannot read layer {layer or '(first)'} ({exc}); expected a "
                         f"GeoPackage or other vector file") from None
    if info.get("features", 1) == 0:
        raise InputError(f"{path}: no rows; expected at least one feature")
    return list(info["fields"]), info.get("geometry_type"), info.get("crs")


def _check_geographic(path, crs) -> None:
    """A geometry column must hold longitudes and latitudes (its datum is --datum's)."""
    import pyproj

    if crs is None:
        return
    try:
        parsed = pyproj.CRS.from_user_input(crs)
    except pyproj.exceptions.CRSError:
        return
    if not parsed.is_geographic:
        raise InputError(f"{path}: geometry in {parsed.name} ({parsed.to_string()}); expected "
                         f"longitude/latitude (EPSG:4326), in the datum --datum gives")


def _read_ogr(source: FirmSource) -> pd.DataFrame:
    import pyogrio

    try:
        gdf = pyogrio.read_dataframe(source.path, layer=source.layer,
                                     columns=list(source.columns.values()))
    except Exception as exc:
        raise InputError(f"{source.path}: cannot read ({exc}); expected a vector file") from None
    data = {f: gdf[c] for f, c in source.columns.items()}
    if source.geometry and "lon" not in source.columns:
        data["lon"], data["lat"] = _point_xy(gdf.geometry.to_numpy())
    return _standard(data, 0, len(gdf), source.fields)


def _csv_header(path: Path, encoding: str, delimiter: str) -> list[str]:
    import csv

    with open(path, "rb") as handle:
        first = handle.readline()
    try:
        text = first.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError:
        raise InputError(_encoding_message(path, encoding, 1)) from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}; expected e.g. utf-8 or gbk") from None
    header = next(csv.reader([text.rstrip("\r\n")], delimiter=delimiter), None)
    if not header or not any(h.strip() for h in header):
        raise InputError(f"{path}: empty first line; expected a header line of column names")
    return [h.strip() for h in header]


def _encoding_message(path, encoding: str, line: int) -> str:
    hint = " (GBK? try --encoding gbk)" if encoding.replace("-", "").lower() == "utf8" else ""
    return f"{path} line {line}: not {encoding} text{hint}; expected {encoding}"


def _read_csv(source: FirmSource) -> pd.DataFrame:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    delimiter = CSV_SUFFIXES[source.path.suffix.lower()]
    names = _csv_header(source.path, source.encoding, delimiter)
    wanted = list(dict.fromkeys(source.columns.values()))
    try:
        table = pacsv.read_csv(
            source.path,
            read_options=pacsv.ReadOptions(encoding=source.encoding, column_names=names,
                                           skip_rows=1),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names}, include_columns=wanted,
                strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        raise InputError(_diagnose_csv(source.path, source.encoding, delimiter, len(names))
                         or f"{source.path}: unreadable CSV ({exc})") from None
    data = {f: table.column(c).to_pandas() for f, c in source.columns.items()}  # Arrow text
    return _standard(data, 0, table.num_rows, source.fields)


def _diagnose_csv(path, encoding: str, delimiter: str, width: int) -> str | None:
    """Find the first bad line of a CSV the fast reader refused, for a one-line message."""
    import csv

    line = 1
    try:
        with open(path, encoding=encoding, newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter, strict=True)
            for record in reader:
                if reader.line_num > 1 and len(record) != width and record:
                    return (f"{path} line {reader.line_num}: {len(record)} fields; expected "
                            f"{width} as in the header (ragged row or bad quoting)")
                line = reader.line_num
    except UnicodeDecodeError:
        return _encoding_message(path, encoding, _first_bad_line(path, encoding))
    except csv.Error as exc:
        return f"{path} line {line + 1}: {exc}; expected well-formed CSV quoting"
    return None


def _first_bad_line(path, encoding: str) -> int:
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            try:
                raw.decode(encoding)
            except UnicodeDecodeError:
                return number
    return 1


def frame_columns(frame, columns=None, name: str = "the firm table") -> tuple[dict, bool]:
    """The column mapping of a (geo, or Dask) frame, and whether its geometry gives lon/lat."""
    geometry = _geometry_name(frame)
    names = [c for c in frame.columns if c != geometry]
    mapping = resolve_columns(names, parse_mapping(columns), name, geometry is not None)
    return mapping, geometry is not None and "lon" not in mapping


def _geometry_name(frame) -> str | None:
    try:
        return frame.geometry.name if hasattr(frame, "crs") else None
    except AttributeError:  # a GeoDataFrame without an active geometry column
        return None


def from_frame(frame, columns=None, name: str = "the firm table") -> pd.DataFrame:
    """A pandas (or geopandas) frame as the standard frame, its columns mapped as for a file.

    A GeoDataFrame's point geometry stands in for ``lon``/``lat``.
    """
    mapping, use_geometry = frame_columns(frame, columns, name)
    if len(frame) == 0:
        raise InputError(f"{name}: no rows; expected at least one firm")
    data = {f: frame[c] for f, c in mapping.items()}
    if use_geometry:
        _check_geographic(name, frame.crs)
        data["lon"], data["lat"] = _point_xy(frame.geometry.to_numpy())
    fields = [f for f in FIELDS if f in data]
    return _standard(data, 0, len(frame), fields)
