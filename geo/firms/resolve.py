"""One partition of firms to counts: locate each row, name its industry, or reject it.

Each row takes one path, decided by what it has: coordinates (``lon`` or
``lat`` not empty), else an ``adcode``, else an ``address``. A row that fails
its path is rejected with one reason (:data:`REASONS`); nothing is dropped
silently. :meth:`Resolver.process` returns a *partial*: a small frame of counts
per district and industry, reason counts, unknown industry names and the
rejected rows themselves, which partials of any partitioning add up to the same
totals (:func:`combine`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..places import crs
from ..places.names import NameIndex
from .reasons import REASONS as _REASONS

DATUMS = ("wgs84", "gcj02", "bd09")
#: The datum check samples every row numbered below CHECK_ALL, then one in CHECK_STRIDE.
CHECK_ALL, CHECK_STRIDE = 100_000, 100

#: Why a row is rejected: stable code -> sentence (see :mod:`geo.firms.reasons`).
REASONS = {r.code: r.sentence for r in _REASONS if r.code}

#: Industry id of firms whose industry the plan does not name.
OTHER = "other"

#: Columns of a rejected row: its position, the reason, then the input fields as text.
REJECT_COLUMNS = ["row", "reason", "name", "industry", "lon", "lat", "address", "adcode",
                  "weight"]
_RAW = REJECT_COLUMNS[2:]
#: Columns of a partial; ``kind`` is cell, reason, unknown, method, flag, check or reject.
PARTIAL_COLUMNS = ["kind", "place", "industry", "count", "weight", "row", "reason",
                   "method", "datum", "flag", *(f"raw_{c}" for c in _RAW)]
#: Columns of the trail: one row per matched firm (:attr:`RealityResult.firms`).
TRAIL_COLUMNS = ["row", "name", "industry", "industry_id", "place_id", "method", "datum",
                 "flag", "lon", "lat", "address", "adcode"]


class Resolver:
    """Everything a partition needs, picklable to Dask workers.

    Parameters
    ----------
    districts : list of (adcode, name_zh)
    index : geo.firms.spatial.DistrictIndex
        Unsimplified district polygons in the join datum.
    industries : list of (id, names, label)
        The plan's industry name-index entries.
    datum : {"wgs84", "gcj02", "bd09"}
        Datum of the input coordinates; BD-09 points are converted to GCJ-02
        (the polygons' datum then).
    """

    def __init__(self, districts, index, industries, datum: str, zones_csv=None,
                 trail: bool = False):
        from .places import Places

        self.places = Places(districts, zones_csv)
        self.index = index
        self.industries = NameIndex(industries)
        #: Industry ids of the plan, then "other"; rows point into this list.
        self.ids = [*self.industries.labels, OTHER]
        self.datum = datum
        #: The datum of the district polygons (BD-09 points are joined in GCJ-02).
        self.join_datum = "wgs84" if datum == "wgs84" else "gcj02"
        #: Also return one row per matched firm (the trail).
        self.trail = trail

    def process(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The partial of one standard frame (see the module docstring)."""
        n = len(frame)
        checked = {}
        datums = np.full(n, "", dtype=object)
        place = np.full(n, -1, dtype=np.int64)
        reason = np.full(n, "", dtype=object)
        method = np.full(n, "", dtype=object)
        has_xy = _filled(frame, "lon") | _filled(frame, "lat")
        if has_xy.any():
            rows = np.flatnonzero(has_xy)
            place[rows], reason[rows], datums[rows], checked = self._coordinates(frame, rows)
            method[rows] = "coordinates"
        todo = ~has_xy
        rows = np.flatnonzero(todo & _filled(frame, "adcode"))
        if rows.size:
            place[rows], reason[rows] = self.places.of_adcodes(frame["adcode"].to_numpy()[rows])
            method[rows], todo[rows] = "adcode", False
        rows = np.flatnonzero(todo & _filled(frame, "address"))
        flag = np.full(n, "", dtype=object)
        if rows.size:
            place[rows], reason[rows], flag[rows] = self.places.of_addresses(
                frame["address"].to_numpy()[rows], _months(frame, rows))
            method[rows], todo[rows] = "address", False
        reason[todo] = "missing"
        weight = self._weights(frame, reason)
        matched = reason == ""
        industry, unknown = self._industries(frame)
        partial = _partial(frame, place, reason, (method, flag), weight,
                           (industry, self.ids, unknown), matched, self.places.codes)
        if self.trail and matched.any():
            partial = _typed(pd.concat([partial, _trail(frame, matched, place, industry,
                                                        (method, datums, flag),
                                                        (self.places.codes, self.ids))],
                                       ignore_index=True))
        if checked:
            check = pd.DataFrame({"kind": "check", "place": list(checked),
                                  "count": list(checked.values())})
            partial = _typed(pd.concat([partial, check], ignore_index=True))
        return partial

    def _coordinates(self, frame, rows) -> tuple[np.ndarray, np.ndarray]:
        lon = pd.to_numeric(pd.Series(frame["lon"].to_numpy()[rows]), errors="coerce")
        lat = pd.to_numeric(pd.Series(frame["lat"].to_numpy()[rows]), errors="coerce")
        lon, lat = lon.to_numpy(dtype=float, na_value=np.nan), lat.to_numpy(dtype=float,
                                                                             na_value=np.nan)
        place = np.full(rows.size, -1, dtype=np.int64)
        reason = np.full(rows.size, "", dtype=object)
        raw_lon, raw_lat = _filled(frame, "lon")[rows], _filled(frame, "lat")[rows]
        valid = (np.isfinite(lon) & np.isfinite(lat) & (np.abs(lon) <= 180)
                 & (np.abs(lat) <= 90))
        number = np.isfinite(lon) | np.isinf(lon), np.isfinite(lat) | np.isinf(lat)
        reason[~valid] = "out_of_range"
        with np.errstate(invalid="ignore"):
            swapped = (number[0] & number[1] & ~crs.in_china(lon, lat)
                       & crs.in_china(lat, lon))
        reason[swapped] = "swapped"
        valid &= ~swapped
        reason[~(number[0] & number[1])] = "non_numeric"
        reason[~(raw_lon & raw_lat)] = "missing"
        datums = self._datums(frame, rows)
        unknown = (datums == "") & raw_lon & raw_lat
        reason[unknown] = "unknown_datum"
        valid &= ~unknown
        outside = valid & (datums != "wgs84") & ~crs.in_china(lon, lat)
        reason[outside] = "outside_china"
        valid &= ~outside
        found = np.full(rows.size, -1, dtype=np.int64)
        for datum in DATUMS:
            these = valid & (datums == datum)
            if these.any():
                found[these] = self.index.locate(*self._to_index(datum, lon[these],
                                                                 lat[these]))
        place[valid] = found[valid]
        reason[valid & (found < 0)] = "outside_region"
        return place, reason, datums, self._check(frame, rows, valid, found, (lon, lat))

    def _datums(self, frame, rows) -> np.ndarray:
        """Each row's datum: its ``datum`` cell (wgs84, gcj02, bd09, any case, ``-``
        ignored), else the declared one; ``""`` for a cell naming no datum."""
        if "datum" not in frame:
            return np.full(rows.size, self.datum, dtype=object)
        cells = pd.Series(frame["datum"].to_numpy()[rows], dtype=object)
        text = cells.where(cells.notna(), "").astype(str).str.strip().str.lower()
        text = text.str.replace("-", "", regex=False).str.replace("_", "", regex=False)
        text = text.where(text != "", self.datum)
        return text.where(text.isin(DATUMS), "").to_numpy(dtype=object)

    def _to_index(self, datum: str, x, y):
        """Points of a datum in the datum of the district polygons."""
        if datum == self.join_datum:
            return x, y
        if self.join_datum == "gcj02":
            return crs.wgs84_to_gcj02(x, y) if datum == "wgs84" else crs.bd09_to_gcj02(x, y)
        return crs.gcj02_to_wgs84(x, y) if datum == "gcj02" else crs.bd09_to_wgs84(x, y)

    def _check(self, frame, rows, valid, found, xy) -> dict:
        """Without a datum column: how many sampled points fall outside the region read
        in each datum (rows numbered below :data:`CHECK_ALL`, then one in
        :data:`CHECK_STRIDE`, so that every partitioning samples the same rows)."""
        if "datum" in frame:
            return {}
        number = frame["row"].to_numpy()[rows]
        sample = valid & ((number < CHECK_ALL) | (number % CHECK_STRIDE == 0))
        if not sample.any():
            return {}
        checked = {"": int(sample.sum()), self.datum: int((found[sample] < 0).sum())}
        x, y = xy[0][sample], xy[1][sample]
        for datum in DATUMS:
            if datum != self.datum:
                near = crs.in_china(x, y) if datum != "wgs84" else np.ones(x.size, bool)
                located = np.full(x.size, -1, dtype=np.int64)
                located[near] = self.index.locate(*self._to_index(datum, x[near], y[near]))
                checked[datum] = int((located < 0).sum())
        return checked

    def _weights(self, frame, reason) -> np.ndarray:
        if "weight" not in frame:
            return np.zeros(len(frame))
        weight = pd.to_numeric(pd.Series(frame["weight"].to_numpy()), errors="coerce")
        weight = weight.to_numpy(dtype=float, na_value=np.nan)
        bad = ~np.isfinite(weight) & _filled(frame, "weight") & (reason == "")
        reason[bad] = "non_numeric_weight"
        return np.where(np.isfinite(weight), weight, 0.0)

    def _industries(self, frame) -> tuple[np.ndarray, pd.Series]:
        """Per row, the position of its industry id in :attr:`ids`; and the counts of
        the raw names counted as "other"."""
        codes, unique = pd.factorize(frame["industry"], use_na_sentinel=True)
        names = [str(u) for u in unique] + [""]
        found = [self.industries.find(u) if u.strip() else None for u in names]
        where = {key: i for i, key in enumerate(self.ids)}
        position = np.array([where[f] if f else len(self.ids) - 1 for f in found],
                            dtype=np.int64)
        rows = position[codes]  # code -1 (missing) takes the last entry: ""
        unknown = np.append(np.bincount(codes[codes >= 0], minlength=len(unique)),
                            int((codes < 0).sum()))
        other = [i for i, f in enumerate(found) if not f and unknown[i]]
        counts = pd.Series([int(unknown[i]) for i in other], index=[names[i] for i in other],
                           dtype="int64")
        return rows, counts.groupby(level=0).sum() if len(counts) else counts


def _months(frame: pd.DataFrame, rows) -> list | None:
    """The ``date`` of some rows as ``YYYY-MM`` (None where empty or unreadable)."""
    if "date" not in frame:
        return None
    dates = pd.to_datetime(pd.Series(frame["date"].to_numpy()[rows]), errors="coerce",
                           format="mixed")
    return [None if pd.isna(d) else d.strftime("%Y-%m") for d in dates]


def _filled(frame: pd.DataFrame, column: str) -> np.ndarray:
    """Cells with a value: not null and not blank text."""
    if column not in frame:
        return np.zeros(len(frame), dtype=bool)
    values = frame[column]
    filled = values.notna().to_numpy().copy()
    if values.dtype == object or pd.api.types.is_string_dtype(values.dtype):
        text = values.astype(object).where(values.notna(), "").astype(str).str.strip()
        filled &= (text != "").to_numpy()
    return filled


def _partial(frame, place, reason, methods, weight, industries, matched,
             codes) -> pd.DataFrame:
    industry, ids, unknown = industries
    method, flag = methods
    parts = []
    if matched.any():
        key = place[matched] * len(ids) + industry[matched]
        size = len(codes) * len(ids)
        count = np.bincount(key, minlength=size)
        total = np.bincount(key, weights=weight[matched], minlength=size)
        cell = np.flatnonzero(count)
        parts.append(pd.DataFrame({"kind": "cell",
                                   "place": np.asarray(codes, dtype=object)[cell // len(ids)],
                                   "industry": np.asarray(ids, dtype=object)[cell % len(ids)],
                                   "count": count[cell], "weight": total[cell]}))
        methods = pd.Series(method[matched]).value_counts()
        parts.append(pd.DataFrame({"kind": "method", "place": methods.index,
                                   "count": methods.to_numpy()}))
        flags = pd.Series(flag[matched & (flag != "")]).value_counts()
        parts.append(pd.DataFrame({"kind": "flag", "place": flags.index,
                                   "count": flags.to_numpy()}))
    parts.append(pd.DataFrame({"kind": "unknown", "industry": unknown.index.astype(object),
                               "count": unknown.to_numpy()}))
    rejected = ~matched
    if rejected.any():
        reasons = pd.Series(reason[rejected]).value_counts()
        parts.append(pd.DataFrame({"kind": "reason", "place": reasons.index,
                                   "count": reasons.to_numpy()}))
        rows = np.flatnonzero(rejected)
        rejects = {"kind": "reject", "row": frame["row"].to_numpy()[rows],
                   "reason": reason[rows]}
        for column in _RAW:
            rejects[f"raw_{column}"] = (_text(frame[column].iloc[rows].to_numpy())
                                        if column in frame else "")
        parts.append(pd.DataFrame(rejects))
    parts.append(pd.DataFrame({"kind": ["input"], "count": [len(frame)]}))
    return _typed(pd.concat(parts, ignore_index=True))


def _trail(frame, matched, place, industry, how, names) -> pd.DataFrame:
    """The partial rows of the trail: each matched row, where it went, how and any flag."""
    method, datums, flag = how
    codes, ids = names
    rows = np.flatnonzero(matched)
    out = {"kind": "firm", "row": frame["row"].to_numpy()[rows],
           "place": np.asarray(codes, dtype=object)[place[rows]],
           "industry": np.asarray(ids, dtype=object)[industry[rows]],
           "method": method[rows], "datum": datums[rows], "flag": flag[rows]}
    for column in ("name", "industry", "lon", "lat", "address", "adcode"):
        out[f"raw_{column}"] = (_text(frame[column].iloc[rows].to_numpy())
                                if column in frame else "")
    return pd.DataFrame(out)


def _text(values) -> np.ndarray:
    series = pd.Series(values, dtype=object)
    return series.where(series.notna(), "").astype(str).to_numpy(dtype=object)


def _typed(partial: pd.DataFrame) -> pd.DataFrame:
    """A partial with every column of :data:`PARTIAL_COLUMNS`, in fixed dtypes."""
    out = partial.reindex(columns=PARTIAL_COLUMNS)
    for column in PARTIAL_COLUMNS:
        if column in ("count", "row"):
            out[column] = out[column].fillna(-1 if column == "row" else 0).astype("int64")
        elif column == "weight":
            out[column] = out[column].fillna(0.0).astype("float64")
        else:
            out[column] = out[column].astype(object).where(out[column].notna(), "")
    return out


def empty_partial() -> pd.DataFrame:
    """A partial with no rows (the meta of a Dask map)."""
    return _typed(pd.DataFrame(columns=PARTIAL_COLUMNS))


def combine(partials) -> dict:
    """Add partials up.

    Returns
    -------
    dict
        ``cells`` (place, industry, count, weight), ``reasons``, ``unknown``,
        ``firms`` (the trail, :data:`TRAIL_COLUMNS`; empty unless the resolver
        keeps one), ``methods``, ``flags`` and ``checked`` (sampled points, then points
        outside the region read in each datum; Series of counts), ``rejects`` (frame of
        :data:`REJECT_COLUMNS`, by row) and ``input`` (rows read).
    """
    frame = pd.concat(list(partials), ignore_index=True) if partials is not None else None
    if frame is None or frame.empty:
        frame = empty_partial()
    kind = frame["kind"]
    cells = frame[kind == "cell"].groupby(["place", "industry"], sort=True)
    cells = cells.agg(count=("count", "sum"), weight=("weight", "sum")).reset_index()

    def counts(which, key):
        part = frame[kind == which]
        return part.groupby(key, sort=True)["count"].sum().astype("int64")

    rejects = frame.loc[kind == "reject", ["row", "reason", *(f"raw_{c}" for c in _RAW)]]
    rejects = rejects.rename(columns=lambda c: c.removeprefix("raw_"))
    rejects = rejects.sort_values("row", kind="stable")
    firms = frame.loc[kind == "firm"].sort_values("row", kind="stable")
    firms = pd.DataFrame({"row": firms["row"], "name": firms["raw_name"],
                          "industry": firms["raw_industry"], "industry_id": firms["industry"],
                          "place_id": firms["place"], "method": firms["method"],
                          "datum": firms["datum"], "flag": firms["flag"],
                          "lon": firms["raw_lon"], "lat": firms["raw_lat"],
                          "address": firms["raw_address"], "adcode": firms["raw_adcode"]},
                         columns=TRAIL_COLUMNS)
    return {"cells": cells, "reasons": counts("reason", "place"),
            "unknown": counts("unknown", "industry"), "methods": counts("method", "place"),
            "flags": counts("flag", "place"), "checked": counts("check", "place"),
            "rejects": rejects.reset_index(drop=True), "firms": firms.reset_index(drop=True),
            "input": int(frame.loc[kind == "input", "count"].sum())}
