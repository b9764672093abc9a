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
from .reasons import CODE, METHOD, METHODS
from .reasons import REASONS as _REASONS

DATUMS = ("wgs84", "gcj02", "bd09")
#: The datum check samples every row numbered below CHECK_ALL, then one in CHECK_STRIDE.
CHECK_ALL, CHECK_STRIDE = 100_000, 100

#: Why a row is rejected: stable code -> sentence (see :mod:`geo.firms.reasons`).
REASONS = {r.code: r.sentence for r in _REASONS if r.code}
_CODES = np.asarray([r.code for r in _REASONS], dtype=object)

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

    Inside :meth:`process`, reasons, methods, datums and flags are small integers
    (positions in :data:`geo.firms.reasons.REASONS`, :data:`~geo.firms.reasons.METHODS`,
    :data:`DATUMS` and the partition's flag list); they become text only in the
    partial's rows (counts, rejected rows, the trail).

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

    def process_piece(self, source, piece) -> pd.DataFrame:
        """The partial of one piece of a (Geo)Parquet source (:class:`geo.firms.read.Piece`).

        The ``name`` column is read with the piece only for the trail; otherwise
        only the names of the piece's rejected rows are read, after resolving.
        """
        partial = self.process(source.read_piece(piece, names=self.trail))
        if "name" in source.columns and not self.trail:
            rejected = (partial["kind"] == "reject").to_numpy()
            if rejected.any():
                rows = partial["row"].to_numpy()[rejected]
                partial.loc[rejected, "raw_name"] = _text(source.names(piece, rows))
        return partial

    def process(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The partial of one standard frame (see the module docstring)."""
        n = len(frame)
        checked = {}
        place = np.full(n, -1, dtype=np.int64)
        reason = np.zeros(n, dtype=np.int8)
        method = np.zeros(n, dtype=np.int8)
        datum = np.full(n, -1, dtype=np.int8)       # position in DATUMS; -1: none used
        flag, flags = np.zeros(n, dtype=np.int32), [""]
        has_lon, has_lat = _filled(frame, "lon"), _filled(frame, "lat")
        has_xy = has_lon | has_lat
        if has_xy.any():
            rows = np.flatnonzero(has_xy)
            place[rows], reason[rows], datum[rows], checked = self._coordinates(
                frame, rows, has_lon[rows] & has_lat[rows])
            method[rows] = METHOD["coordinates"]
        todo = ~has_xy
        rows = np.flatnonzero(todo & _filled(frame, "adcode"))
        if rows.size:
            place[rows], reason[rows] = self.places.of_adcodes(frame["adcode"].to_numpy()[rows])
            method[rows], todo[rows] = METHOD["adcode"], False
        rows = np.flatnonzero(todo & _filled(frame, "address"))
        if rows.size:
            place[rows], reason[rows], texts = self.places.of_addresses(
                frame["address"].to_numpy()[rows], _months(frame, rows))
            flags = ["", *dict.fromkeys(t for t in texts if t)]
            position = {f: i for i, f in enumerate(flags)}
            flag[rows] = [position[t] for t in texts]
            method[rows], todo[rows] = METHOD["address"], False
        reason[todo] = CODE["missing"]
        weight = self._weights(frame, reason)
        matched = reason == 0
        industry, unknown = self._industries(frame)
        partial = _partial(frame, place, reason, (method, flag, flags), weight,
                           (industry, self.ids, unknown), matched, self.places.codes)
        if self.trail and matched.any():
            partial = _typed(pd.concat([partial, _trail(frame, matched, place, industry,
                                                        (method, datum, flag, flags),
                                                        (self.places.codes, self.ids))],
                                       ignore_index=True))
        if checked:
            check = pd.DataFrame({"kind": "check", "place": list(checked),
                                  "count": list(checked.values())})
            partial = _typed(pd.concat([partial, check], ignore_index=True))
        return partial

    def _coordinates(self, frame, rows, pair) -> tuple:
        """Place, reason and datum codes of the rows with a coordinate (``pair``: both
        cells filled), and the datum check's counts."""
        lon, lat = _numbers(frame["lon"], rows), _numbers(frame["lat"], rows)
        number = ~np.isnan(lon) & ~np.isnan(lat)            # infinite is a number
        with np.errstate(invalid="ignore"):
            valid = number & (np.abs(lon) <= 180) & (np.abs(lat) <= 90)
            china = crs.in_china(lon, lat)
        reason = np.where(valid, 0, CODE["out_of_range"]).astype(np.int8)
        maybe = np.flatnonzero(number & ~china)
        swapped = np.zeros(rows.size, dtype=bool)
        with np.errstate(invalid="ignore"):
            swapped[maybe] = crs.in_china(lat[maybe], lon[maybe])
        reason[swapped] = CODE["swapped"]
        valid &= ~swapped
        reason[~number] = CODE["non_numeric"]
        reason[~pair] = CODE["missing"]
        datum = self._datums(frame, rows)
        unknown = (datum < 0) & pair
        reason[unknown] = CODE["unknown_datum"]
        valid &= ~unknown
        outside = valid & (datum != DATUMS.index("wgs84")) & ~china
        reason[outside] = CODE["outside_china"]
        valid &= ~outside
        found = np.full(rows.size, -1, dtype=np.int64)
        for code, name in enumerate(DATUMS):
            these = valid & (datum == code)
            if these.any():
                found[these] = self.index.locate(*self._to_index(name, lon[these],
                                                                 lat[these]))
        place = np.where(valid, found, -1)
        reason[valid & (found < 0)] = CODE["outside_region"]
        return place, reason, datum, self._check(frame, rows, valid, found, (lon, lat))

    def _datums(self, frame, rows) -> np.ndarray:
        """Each row's datum (position in :data:`DATUMS`): its ``datum`` cell (wgs84,
        gcj02, bd09, any case, ``-`` and ``_`` ignored), else the declared one; -1 for a
        cell naming no datum."""
        declared = DATUMS.index(self.datum)
        if "datum" not in frame:
            return np.full(rows.size, declared, dtype=np.int8)
        codes, unique = pd.factorize(frame["datum"].to_numpy()[rows], use_na_sentinel=True)
        positions = []
        for cell in unique:
            text = str(cell).strip().lower().replace("-", "").replace("_", "")
            positions.append(declared if not text else DATUMS.index(text)
                             if text in DATUMS else -1)
        return np.append(np.asarray(positions, dtype=np.int8), declared)[codes]

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
        weight = _numbers(frame["weight"], slice(None))
        bad = ~np.isfinite(weight) & _filled(frame, "weight") & (reason == 0)
        reason[bad] = CODE["non_numeric_weight"]
        return np.where(np.isfinite(weight), weight, 0.0)

    def _industries(self, frame) -> tuple[np.ndarray, pd.Series]:
        """Per row, the position of its industry id in :attr:`ids`; and the counts of
        the raw names counted as "other"."""
        values = frame["industry"]
        if isinstance(values.dtype, pd.CategoricalDtype):   # read as a Parquet dictionary
            codes, unique = values.cat.codes.to_numpy(), values.cat.categories
        else:
            codes, unique = pd.factorize(values, use_na_sentinel=True)
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


def _numbers(values: pd.Series, rows) -> np.ndarray:
    """Some cells as floats (NaN where empty or not a number)."""
    if pd.api.types.is_float_dtype(values.dtype) and not isinstance(values.dtype,
                                                                    pd.ArrowDtype):
        return values.to_numpy(dtype=float, na_value=np.nan)[rows]
    numbers = pd.to_numeric(pd.Series(values.to_numpy()[rows]), errors="coerce")
    return numbers.to_numpy(dtype=float, na_value=np.nan)


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
    if values.dtype == object:
        text = values.where(values.notna(), "").astype(str).str.strip()
        filled &= (text != "").to_numpy()
    elif pd.api.types.is_string_dtype(values.dtype):
        filled &= (values.fillna("").str.strip() != "").to_numpy(dtype=bool)
    return filled


def _partial(frame, place, reason, methods, weight, industries, matched,
             codes) -> pd.DataFrame:
    industry, ids, unknown = industries
    method, flag, flags = methods
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
        parts.append(_counted("method", method[matched], METHODS))
        parts.append(_counted("flag", flag[matched], flags))
    parts.append(pd.DataFrame({"kind": "unknown", "industry": unknown.index.astype(object),
                               "count": unknown.to_numpy()}))
    rejected = ~matched
    if rejected.any():
        parts.append(_counted("reason", reason[rejected], _CODES))
        rows = np.flatnonzero(rejected)
        rejects = {"kind": "reject", "row": frame["row"].to_numpy()[rows],
                   "reason": _CODES[reason[rows]]}
        for column in _RAW:
            rejects[f"raw_{column}"] = (_text(frame[column].iloc[rows].to_numpy())
                                        if column in frame else "")
        parts.append(pd.DataFrame(rejects))
    parts.append(pd.DataFrame({"kind": ["input"], "count": [len(frame)]}))
    return _typed(pd.concat(parts, ignore_index=True))


def _counted(kind: str, values: np.ndarray, names) -> pd.DataFrame:
    """Rows of a partial counting small integer codes by their text (code 0, none, left out)."""
    count = np.bincount(values, minlength=len(names))
    present = np.flatnonzero(count[1:]) + 1
    return pd.DataFrame({"kind": kind, "place": np.asarray(names, dtype=object)[present],
                         "count": count[present]})


def _trail(frame, matched, place, industry, how, names) -> pd.DataFrame:
    """The partial rows of the trail: each matched row, where it went, how and any flag."""
    method, datum, flag, flags = how
    codes, ids = names
    rows = np.flatnonzero(matched)
    out = {"kind": "firm", "row": frame["row"].to_numpy()[rows],
           "place": np.asarray(codes, dtype=object)[place[rows]],
           "industry": np.asarray(ids, dtype=object)[industry[rows]],
           "method": np.asarray(METHODS, dtype=object)[method[rows]],
           "datum": np.asarray(("", *DATUMS), dtype=object)[datum[rows] + 1],
           "flag": np.asarray(flags, dtype=object)[flag[rows]]}
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
