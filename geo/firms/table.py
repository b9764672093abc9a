"""Counts per district and industry to the tidy plan-vs-reality table.

Location quotient of industry *i* in district *p*::

    LQ = (c_pi / c_p) / (C_i / C)

with ``c`` the firm counts of the district and ``C`` those of the whole region
(every matched firm, "other" included); against a national table, ``C`` comes
from it instead. With a ``weight`` column the same is computed on weight sums
(``lq_weight``). Statuses compare the plan (the districts it assigns an
industry to, directly or through a layout element) with the firms:

- "planned & present": the plan assigns the industry there and firms are there;
- "planned & absent": the plan assigns it there, no firm is there;
- "present, not planned": not assigned there, LQ >= 1.25 with at least
  ``min_firms`` firms;
- "neither": the rest.

Firms of industries the plan does not name are counted as "other" (their own
rows, never planned).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .resolve import OTHER

PLANNED_PRESENT = "planned & present"
PLANNED_ABSENT = "planned & absent"
PRESENT_NOT_PLANNED = "present, not planned"
NEITHER = "neither"
#: The four statuses of a cell, in display order.
STATUSES = (PLANNED_PRESENT, PLANNED_ABSENT, PRESENT_NOT_PLANNED, NEITHER)

#: A cell is "present, not planned" from this location quotient on ...
LQ_THRESHOLD = 1.25
#: ... with at least this many firms (the ``min_firms`` option).
MIN_FIRMS = 5

TABLE_COLUMNS = ["place_id", "name_zh", "name_en", "industry", "industry_zh", "industry_en",
                 "planned", "hosting", "count", "weight", "share", "lq", "lq_weight",
                 "lq_national", "status"]


def build_table(cells: pd.DataFrame, districts: pd.DataFrame, industries: pd.DataFrame,
                planned: set, national: pd.Series | None = None,
                min_firms: int = MIN_FIRMS, weighted: bool = False) -> pd.DataFrame:
    """The tidy table: one row per district x industry (the plan's, then "other" if any).

    Parameters
    ----------
    cells : pandas.DataFrame
        ``place``, ``industry``, ``count``, ``weight`` of matched firms.
    districts : pandas.DataFrame
        ``adcode``, ``name_zh``, ``name_en`` in the plan's order.
    industries : pandas.DataFrame
        ``industry``, ``industry_zh``, ``industry_en``, ``hosting`` (the plan's
        :meth:`geo.Atlas.hosting_status`) in the plan's order.
    planned : set of (adcode, industry id)
        Cells the plan assigns.
    national : pandas.Series, optional
        National firm counts by industry id (``other`` included), for ``lq_national``.
    min_firms : int
        Fewest firms for "present, not planned".
    weighted : bool
        The input had weights (else ``weight`` and ``lq_weight`` are left empty).

    Returns
    -------
    pandas.DataFrame
        :data:`TABLE_COLUMNS`; ``share`` is the industry's part of the district's
        firms; ``status`` one of :data:`STATUSES`.
    """
    order = industries[["industry", "industry_zh", "industry_en", "hosting"]]
    if (cells["industry"] == OTHER).any():
        other = {"industry": OTHER, "industry_zh": "其他", "industry_en": "Other",
                 "hosting": "not in the plan"}
        order = pd.concat([order, pd.DataFrame([other])], ignore_index=True)
    grid = districts.merge(order, how="cross")
    grid = grid.rename(columns={"adcode": "place_id"})
    counts = cells.rename(columns={"place": "place_id"})
    grid = grid.merge(counts, on=["place_id", "industry"], how="left")
    grid["count"] = grid["count"].fillna(0).astype("int64")
    grid["weight"] = grid["weight"].fillna(0.0).astype(float) if weighted else np.nan
    grid["planned"] = [(p, i) in planned for p, i in zip(grid["place_id"], grid["industry"],
                                                          strict=True)]
    grid["share"] = _ratio(grid["count"], grid.groupby("place_id")["count"].transform("sum"))
    grid["lq"] = _lq(grid, "count")
    grid["lq_weight"] = _lq(grid, "weight") if weighted else np.nan
    grid["lq_national"] = _lq_national(grid, national) if national is not None else np.nan
    grid["status"] = _status(grid, min_firms)
    return grid[TABLE_COLUMNS]


def _ratio(numerator, denominator) -> pd.Series:
    numerator, denominator = np.asarray(numerator, float), np.asarray(denominator, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return pd.Series(np.where(denominator > 0, numerator / denominator, np.nan))


def _lq(grid: pd.DataFrame, column: str) -> pd.Series:
    local = _ratio(grid[column], grid.groupby("place_id")[column].transform("sum"))
    industry_total = grid.groupby("industry")[column].transform("sum")
    region = _ratio(industry_total, np.full(len(grid), grid[column].sum()))
    return _ratio(local, region)


def _lq_national(grid: pd.DataFrame, national: pd.Series) -> pd.Series:
    local = _ratio(grid["count"], grid.groupby("place_id")["count"].transform("sum"))
    share = _ratio(grid["industry"].map(national).fillna(0), np.full(len(grid),
                                                                      national.sum()))
    return _ratio(local, share)


def _status(grid: pd.DataFrame, min_firms: int) -> np.ndarray:
    present = grid["count"].to_numpy() > 0
    planned = grid["planned"].to_numpy(dtype=bool)
    strong = (grid["lq"].fillna(0).to_numpy() >= LQ_THRESHOLD) & (grid["count"].to_numpy()
                                                                   >= min_firms)
    return np.select([planned & present, planned, strong],
                     [PLANNED_PRESENT, PLANNED_ABSENT, PRESENT_NOT_PLANNED],
                     NEITHER).astype(object)
