"""The outcome of a plan-vs-reality run: the table, the rejects, the summary, and writing them."""

from __future__ import annotations

import io
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from ..errors import AtlasError
from ..output import output_path, write_bytes
from .measures import concentration, specialisation
from .resolve import REASONS

FORMATS = ("csv", "parquet")


@dataclass(frozen=True)
class Summary:
    """What a run read and did, reconciled: ``input = matched + rejected``.

    Attributes
    ----------
    plan, firms, datum, engine : str
        The plan id, the firm table (path or "a DataFrame") and the run's options.
    min_firms : int
    input, matched, rejected : int
        Rows.
    reconciled : bool
        ``input == matched + rejected``.
    reasons : dict
        Reason code (:data:`geo.firms.REASONS`) -> rejected rows.
    methods : dict
        ``coordinates``/``adcode``/``address`` -> matched rows.
    flags : dict
        How renamed units and zones were resolved -> matched rows.
    unknown_industries : dict
        Industry name -> rows counted as "other", most first.
    warnings : tuple of str
        One line each (the datum check: points outside the region far more often
        under the declared datum than under another).
    """

    plan: str
    firms: str
    datum: str
    engine: str
    min_firms: int
    input: int
    matched: int
    rejected: int
    reconciled: bool
    reasons: dict
    methods: dict
    flags: dict
    unknown_industries: dict
    warnings: tuple = ()

    def to_dict(self) -> dict:
        """The summary as plain data (``<plan>-summary.json``)."""
        return asdict(self)


@dataclass(repr=False)
class RealityResult:
    """Firms joined to a plan's districts.

    Attributes
    ----------
    table : pandas.DataFrame
        District x industry: counts, shares, location quotients and status
        (see :func:`geo.firms.table.build_table`).
    rejects : pandas.DataFrame
        Every rejected input row: ``row`` (0-based), ``reason`` and its fields as text.
    summary : Summary
    firms : pandas.DataFrame or None
        The trail (with ``trail=True``): every matched input row, by ``row``, with
        its ``place_id`` and ``name_zh``, ``industry_id``, ``method``
        (coordinates, adcode, address), ``datum`` used and ``flag``. Its rows and
        the rejects' are every input row, once.
    specialisation : pandas.DataFrame
        One row per district: ``place_id``, names, ``count`` (its firms), ``krugman``
        and ``krugman_weight`` (:mod:`geo.firms.measures`); computed from ``table``
        when not given.
    concentration : pandas.DataFrame
        One row per industry: ``industry``, names, ``count``, ``hoover`` and
        ``hoover_weight``; computed from ``table`` when not given.
    """

    table: pd.DataFrame
    rejects: pd.DataFrame
    summary: Summary
    firms: pd.DataFrame | None = None
    specialisation: pd.DataFrame | None = None
    concentration: pd.DataFrame | None = None

    def __post_init__(self):
        weighted = bool(self.table["weight"].notna().any())
        if self.specialisation is None:
            self.specialisation = specialisation(self.table, weighted)
        if self.concentration is None:
            self.concentration = concentration(self.table, weighted)

    def write_trail(self, path) -> Path:
        """Write the trail to ``path``: CSV, or GeoParquet (``.parquet``; WGS-84 points
        for rows located by coordinates, empty geometry for the others), atomically.

        Returns
        -------
        pathlib.Path
        """
        if self.firms is None:
            raise AtlasError("no trail: run reality with trail=True")
        path = Path(path)
        if path.suffix.lower() in (".parquet", ".geoparquet"):
            return write_bytes(path, _geoparquet(self.firms))
        return write_bytes(path, _encode(self.firms, "csv"))

    def __repr__(self) -> str:
        s = self.summary
        return (f"<RealityResult {s.plan}: {s.input:,} firms = {s.matched:,} matched + "
                f"{s.rejected:,} rejected; {len(self.table)} district x industry cells>")

    def lines(self) -> list[str]:
        """The summary as printable lines."""
        s = self.summary
        out = [f"{s.plan}: {s.input:,} firms read = {s.matched:,} matched + "
               f"{s.rejected:,} rejected" + ("" if s.reconciled else "  (DOES NOT RECONCILE)")]
        for method, count in s.methods.items():
            out.append(f"  matched by {method}: {count:,}")
        for flag, count in s.flags.items():
            out.append(f"  {flag}: {count:,}")
        for reason, count in s.reasons.items():
            out.append(f"  rejected, {reason} ({REASONS[reason]}): {count:,}")
        if s.unknown_industries:
            names = ", ".join(f"{k or '(empty)'} ({v:,})"
                              for k, v in list(s.unknown_industries.items())[:10])
            more = len(s.unknown_industries) - 10
            out.append(f"  industries not in the plan, counted as other: {names}"
                       + (f" and {more} more" if more > 0 else ""))
        statuses = self.table.groupby("status").size()
        for status, count in statuses.items():
            out.append(f"  {status}: {count} district x industry cells")
        return out

    def write(self, out, stem: str, format: str = "csv") -> list[Path]:
        """Write ``<stem>-reality.<format>``, ``<stem>-rejects.csv``,
        ``<stem>-specialisation.csv``, ``<stem>-concentration.csv`` and
        ``<stem>-summary.json`` into ``out`` (names from
        :func:`geo.output.output_path`), each atomically, all encoded first.

        Returns
        -------
        list of pathlib.Path
        """
        if format not in FORMATS:
            raise AtlasError(f"unknown table format {format!r}; expected csv or parquet")
        summary = json.dumps(self.summary.to_dict(), ensure_ascii=False, indent=1).encode("utf-8")
        files = {output_path(out, stem, "reality", format): _encode(self.table, format),
                 output_path(out, stem, "rejects"): _encode(self.rejects, "csv"),
                 output_path(out, stem, "specialisation"): _encode(self.specialisation, "csv"),
                 output_path(out, stem, "concentration"): _encode(self.concentration, "csv"),
                 output_path(out, stem, "summary"): summary}
        return [write_bytes(path, data) for path, data in files.items()]


def _geoparquet(firms: pd.DataFrame) -> bytes:
    import geopandas as gpd
    import numpy as np

    from ..places import crs

    lon = pd.to_numeric(firms["lon"], errors="coerce").to_numpy(dtype=float, na_value=np.nan,
                                                                 copy=True)
    lat = pd.to_numeric(firms["lat"], errors="coerce").to_numpy(dtype=float, na_value=np.nan,
                                                                 copy=True)
    datum = firms["datum"].to_numpy()
    for name, convert in (("gcj02", crs.gcj02_to_wgs84), ("bd09", crs.bd09_to_wgs84)):
        these = datum == name
        if these.any():
            lon[these], lat[these] = convert(lon[these], lat[these])
    points = gpd.points_from_xy(lon, lat)
    points[np.isnan(lon)] = None
    buffer = io.BytesIO()
    gpd.GeoDataFrame(firms, geometry=points, crs="EPSG:4326").to_parquet(buffer, index=False)
    return buffer.getvalue()


def _encode(frame: pd.DataFrame, format: str) -> bytes:
    buffer = io.BytesIO()
    if format == "csv":
        frame.to_csv(buffer, index=False, encoding="utf-8")
    else:
        frame.to_parquet(buffer, index=False)
    return buffer.getvalue()
