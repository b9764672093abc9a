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
        names = None
        if "name" in source.columns and not self.trail:
            def names(rows):
                return source.names(piece, rows)
        return self.process(source.read_piece(piece, names=self.trail), names)

    def process(self, frame: pd.DataFrame, names=None) -> pd.DataFrame:
        """The partial of one standard frame (see the module docstring).

        ``names``, for a frame read without its ``name`` column: a function giving
        the name cells of rows (by number), called once, for the rejected rows.
        """
        n = len(frame)
        checked = {}
        place = np.zeros(n, dtype=np.int64)          # read only where matched
        reason = np.zeros(n, dtype=np.int8)
        method = np.zeros(n, dtype=np.int8)
        datum = np.full(n, -1, dtype=np.int8)       # position in DATUMS; -1: none used
        flag, flags = np.zeros(n, dtype=np.int32), [""]
        has_lon, has_lat = _filled(frame, "lon"), _filled(frame, "lat")
        has_xy = has_lon | has_lat
        todo = ~has_xy
        if has_xy.any():
            rows = slice(None) if not todo.any() else np.flatnonzero(has_xy)
            place[rows], reason[rows], datum[rows], checked = self._coordinates(
                frame, rows, has_lon[rows] & has_lat[rows])
            method[rows] = METHOD["coordinates"]
        rows = np.flatnonzero(todo & _filled(frame, "adcode")) if todo.any() else ()
        if len(rows):
            place[rows], reason[rows] = self.places.of_adcodes(_cells(frame, "adcode", rows))
            method[rows], todo[rows] = METHOD["adcode"], False
        rows = np.flatnonzero(todo & _filled(frame, "address")) if todo.any() else ()
        if len(rows):
            place[rows], reason[rows], texts = self.places.of_addresses(
                _cells(frame, "address", rows), _months(frame, rows))
            flags = ["", *dict.fromkeys(t for t in texts if t)]
            position = {f: i for i, f in enumerate(flags)}
            flag[rows] = [position[t] for t in texts]
            method[rows], todo[rows] = METHOD["address"], False
        reason[todo] = CODE["missing"]
        weight = self._weights(frame, reason)
        matched = reason == 0
        industry, unknown = self._industries(frame)
        parts = _partial(frame, place, reason, (method, flag, flags), weight,
                         (industry, self.ids, unknown), matched, (self.places.codes, names))
        if self.trail and matched.any():
            parts.append(_trail(frame, matched, place, industry, (method, datum, flag, flags),
                                (self.places.codes, self.ids)))
        if checked:
            parts.append({"kind": "check", "place": list(checked),
                          "count": list(checked.values())})
        return _assemble(parts)

    def _coordinates(self, frame, rows, pair) -> tuple:
        """Place, reason and datum codes of the rows with a coordinate (``pair``: both
        cells filled), and the datum check's counts.

        The rows that can be located (both numbers in range, a known datum, inside
        China unless WGS-84, not swapped) are found with a few passes; the reasons of
        the others, few in any real table, are worked out on them alone.
        """
        lon, lat = _numbers(frame["lon"], rows), _numbers(frame["lat"], rows)
        datum = self._datums(frame, rows)
        with np.errstate(invalid="ignore"):
            china = crs.in_china(lon, lat)
            usable = pair & (np.abs(lon) <= 180) & (np.abs(lat) <= 90) & (datum >= 0)
        wgs84 = DATUMS.index("wgs84")
        valid = usable & (china | (datum == wgs84))
        far = np.flatnonzero(valid & ~china)           # WGS-84 points outside China's box
        if far.size:
            valid[far[crs.in_china(lat[far], lon[far])]] = False       # swapped
        reason = np.zeros(lon.size, dtype=np.int8)
        bad = np.flatnonzero(~valid)
        if bad.size:
            reason[bad] = _rejected(lon[bad], lat[bad], pair[bad], datum[bad], china[bad])
        found = np.full(lon.size, -1, dtype=np.int64)
        kinds = np.flatnonzero(np.bincount(datum + 1, minlength=len(DATUMS) + 1)) - 1
        for code in kinds.tolist():
            these = valid if len(kinds) == 1 else valid & (datum == code)
            if code >= 0 and these.any():
                found[these] = self.index.locate(*self._to_index(DATUMS[code], lon[these],
                                                                 lat[these]))
        reason[valid & (found < 0)] = CODE["outside_region"]
        return found, reason, datum, self._check(frame, rows, valid, found, (lon, lat))

    def _datums(self, frame, rows) -> np.ndarray:
        """Each row's datum (position in :data:`DATUMS`): its ``datum`` cell (wgs84,
        gcj02, bd09, any case, ``-`` and ``_`` ignored), else the declared one; -1 for a
        cell naming no datum."""
        declared = DATUMS.index(self.datum)
        if "datum" not in frame:
            return np.full(len(frame["row"].to_numpy()[rows]), declared, dtype=np.int8)
        codes, unique = pd.factorize(_cells(frame, "datum", rows), use_na_sentinel=True)
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
        sample = np.flatnonzero((number < CHECK_ALL) | (number % CHECK_STRIDE == 0))
        sample = sample[valid[sample]]
        if not sample.size:
            return {}
        checked = {"": int(sample.size), self.datum: int((found[sample] < 0).sum())}
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
        finite = np.isfinite(weight)
        if finite.all():
            return weight
        bad = ~finite & _filled(frame, "weight") & (reason == 0)
        reason[bad] = CODE["non_numeric_weight"]
        return np.where(finite, weight, 0.0)

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
        counts = np.bincount(codes + 1, minlength=len(unique) + 1)
        unknown = np.append(counts[1:], counts[0])
        other = [i for i, f in enumerate(found) if not f and unknown[i]]
        counts = pd.Series([int(unknown[i]) for i in other], index=[names[i] for i in other],
                           dtype="int64")
        return rows, counts.groupby(level=0).sum() if len(counts) else counts


def _numbers(values: pd.Series, rows) -> np.ndarray:
    """Some cells as floats (NaN where empty or not a number); a float column's own
    array where it can be (never written to)."""
    if values.dtype == np.float64:
        return values.to_numpy()[rows]
    numbers = pd.to_numeric(values.iloc[rows], errors="coerce")   # text stays Arrow text
    return numbers.to_numpy(dtype=float, na_value=np.nan)


def _cells(frame: pd.DataFrame, column: str, rows) -> np.ndarray:
    """The cells of some rows of a column (only those converted, for a text column)."""
    return frame[column].iloc[rows].to_numpy()


def _rejected(lon, lat, pair, datum, china) -> np.ndarray:
    """The reason codes of rows with coordinates that cannot be located, in the order of
    precedence of :data:`geo.firms.reasons.REASONS` (the last that applies wins)."""
    number = ~np.isnan(lon) & ~np.isnan(lat)            # infinite is a number
    with np.errstate(invalid="ignore"):
        valid = number & (np.abs(lon) <= 180) & (np.abs(lat) <= 90)
        swapped = number & ~china & crs.in_china(lat, lon)
    reason = np.where(valid, CODE["outside_region"], CODE["out_of_range"]).astype(np.int8)
    reason[swapped] = CODE["swapped"]
    reason[~number] = CODE["non_numeric"]
    reason[~pair] = CODE["missing"]
    unknown = (datum < 0) & pair
    reason[unknown] = CODE["unknown_datum"]
    outside = valid & ~swapped & ~unknown & (datum != DATUMS.index("wgs84")) & ~china
    reason[outside] = CODE["outside_china"]
    return reason


def _months(frame: pd.DataFrame, rows) -> list | None:
    """The ``date`` of some rows as ``YYYY-MM`` (None where empty or unreadable)."""
    if "date" not in frame:
        return None
    dates = pd.to_datetime(pd.Series(_cells(frame, "date", rows)), errors="coerce",
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
             places) -> list[dict]:
    """The parts of a partial: ``{column: values}`` each, for :func:`_assemble`."""
    industry, ids, unknown = industries
    method, flag, flags = methods
    codes, names = places
    parts = []
    rejected = np.flatnonzero(~matched)
    if rejected.size < len(frame):
        size = len(codes) * len(ids)
        key = place * len(ids) + industry
        key[rejected] = size                       # one more cell: the rejected rows
        count = np.bincount(key, minlength=size + 1)[:size]
        total = np.bincount(key, weights=weight, minlength=size + 1)[:size]
        cell = np.flatnonzero(count)
        parts.append({"kind": "cell", "place": np.asarray(codes, dtype=object)[cell // len(ids)],
                      "industry": np.asarray(ids, dtype=object)[cell % len(ids)],
                      "count": count[cell], "weight": total[cell]})
        parts.append(_counted("method", method, METHODS, rejected))
        parts.append(_counted("flag", flag, flags, rejected))
    parts.append({"kind": "unknown", "industry": unknown.index.to_numpy(dtype=object),
                  "count": unknown.to_numpy()})
    if rejected.size:
        parts.append(_counted("reason", reason[rejected], _CODES))
        rejects = {"kind": "reject", "row": frame["row"].to_numpy()[rejected],
                   "reason": _CODES[reason[rejected]]}
        for column in _RAW:
            rejects[f"raw_{column}"] = (_text(frame[column].iloc[rejected].to_numpy())
                                        if column in frame else "")
        if names is not None and "name" not in frame:
            rejects["raw_name"] = _text(names(rejects["row"]))
        parts.append(rejects)
    parts.append({"kind": "input", "count": [len(frame)]})
    return parts


def _counted(kind: str, values: np.ndarray, names, leave_out=()) -> dict:
    """Rows of a partial counting small integer codes by their text (code 0, none, and the
    rows ``leave_out`` not counted)."""
    count = np.bincount(values, minlength=len(names))
    if len(leave_out):
        count -= np.bincount(values[leave_out], minlength=len(names))
    present = np.flatnonzero(count[1:]) + 1
    return {"kind": kind, "place": np.asarray(names, dtype=object)[present],
            "count": count[present]}


def _trail(frame, matched, place, industry, how, names) -> dict:
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
    return out


def _text(values) -> np.ndarray:
    series = pd.Series(values, dtype=object)
    return series.where(series.notna(), "").astype(str).to_numpy(dtype=object)


#: What a part of a partial leaves out of a column: row -1, counts and weights 0, text "".
_FILL = {"row": -1, "count": 0, "weight": 0.0}
_DTYPES = {"row": np.int64, "count": np.int64, "weight": np.float64}


def _assemble(parts: list[dict]) -> pd.DataFrame:
    """A partial from its parts (``{column: array or one value}``): every column of
    :data:`PARTIAL_COLUMNS`, in fixed dtypes (text as object)."""
    sizes = [max((len(v) for v in p.values() if np.ndim(v)), default=1) for p in parts]
    data = {}
    for column in PARTIAL_COLUMNS:
        dtype = _DTYPES.get(column, object)
        pieces = []
        for part, size in zip(parts, sizes, strict=True):
            value = part.get(column, _FILL.get(column, ""))
            pieces.append(np.asarray(value, dtype=dtype) if np.ndim(value)
                          else np.full(size, value, dtype=dtype))
        values = np.concatenate(pieces) if pieces else np.empty(0, dtype=dtype)
        data[column] = values if dtype is not object else pd.Series(values, dtype=object)
    return pd.DataFrame(data)


def empty_partial() -> pd.DataFrame:
    """A partial with no rows (the meta of a Dask map)."""
    return _assemble([])


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
