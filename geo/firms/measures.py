"""Measures analysts use beside the location quotient, from the district x industry table.

Both compare two distributions of the same counts (or weight sums) ``c_pi`` of
industry *i* in district *p*, with ``c_p`` a district's firms, ``C_i`` an
industry's and ``C`` the region's (every matched firm, "other" included, as
for the LQ):

- **Krugman specialisation index** of a district (Krugman 1991, *Geography and
  Trade*, MIT Press)::

      K_p = sum_i | c_pi / c_p  -  C_i / C |

  how far the district's industry mix is from the region's: 0 when it is the
  region's mix, below 2 (near 2 for a small district whose firms are all in an
  industry the rest of the region does not have). Krugman's index compares two
  regions' mixes; here each district is compared with the whole region, the
  LQ's baseline (an interpretation).

- **Hoover concentration index** of an industry (Hoover 1936, "The measurement of
  industrial localization", *The Review of Economic Statistics* 18(4),
  162-171)::

      H_i = 1/2 * sum_p | c_pi / C_i  -  c_p / C |

  the share of the industry's firms that would have to move for it to be spread
  over the districts like all firms: 0 when it is, and at most ``1 - c_p / C``
  when all of it is in district *p* (largest in the district with the fewest
  firms). It is the transposed twin of ``K_p / 2``, on the same baseline as the
  LQ, and it reads as a share of firms even with a dozen districts; a locational
  Gini (Krugman 1991) ranks districts by LQ first and, over so few districts,
  moves in steps an analyst cannot read off the table.

A district without firms has no specialisation and an industry without firms
no concentration (NaN).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Columns of :func:`specialisation` and :func:`concentration`.
SPECIALISATION_COLUMNS = ["place_id", "name_zh", "name_en", "count", "krugman",
                          "krugman_weight"]
CONCENTRATION_COLUMNS = ["industry", "industry_zh", "industry_en", "count", "hoover",
                         "hoover_weight"]


def _matrix(table: pd.DataFrame, column: str, rows: str, cols: str) -> pd.DataFrame:
    """``column`` of the tidy table as a rows x cols matrix, in the table's order."""
    return table.pivot_table(index=rows, columns=cols, values=column, aggfunc="sum",
                             sort=False, fill_value=0.0).astype(float)


def _dissimilarity(matrix: pd.DataFrame) -> pd.Series:
    """Per row *r*: ``sum_j | m_rj / m_r - M_j / M |``; NaN for a row (or table) of zeros."""
    values = matrix.to_numpy()
    rows = values.sum(axis=1, keepdims=True)
    total = values.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = values / rows
        overall = values.sum(axis=0) / total
    gaps = np.abs(shares - overall).sum(axis=1)
    return pd.Series(np.where(rows[:, 0] > 0, gaps, np.nan), index=matrix.index)


def krugman(table: pd.DataFrame, column: str = "count") -> pd.Series:
    """Krugman specialisation index of each district (``place_id``) on ``column``.

    Parameters
    ----------
    table : pandas.DataFrame
        District x industry rows: ``place_id``, ``industry`` and ``column``.
    column : str
        ``count`` or ``weight``.

    Returns
    -------
    pandas.Series
        By ``place_id``, in the table's order: 0 to 2, NaN for a district without firms.
    """
    return _dissimilarity(_matrix(table, column, "place_id", "industry"))


def hoover(table: pd.DataFrame, column: str = "count") -> pd.Series:
    """Hoover concentration index of each industry on ``column`` (the parameters of
    :func:`krugman`): by ``industry``, in the table's order, 0 to ``1 - c_p / C``, NaN for
    an industry without firms."""
    return _dissimilarity(_matrix(table, column, "industry", "place_id")) / 2


def _frame(table: pd.DataFrame, columns: list, index, weighted: bool) -> pd.DataFrame:
    """One row per ``columns[0]`` (its names first, firms summed), then ``index`` on counts
    and, if ``weighted``, on weights (else NaN): the columns ``columns`` name."""
    key, *names, count, name, name_weight = columns
    out = table.groupby(key, sort=False).agg(**{n: (n, "first") for n in names},
                                             count=(count, "sum"))
    out[name] = index(table)
    out[name_weight] = index(table, "weight") if weighted else np.nan
    return out.reset_index()[columns]


def specialisation(table: pd.DataFrame, weighted: bool = False) -> pd.DataFrame:
    """One row per district: its firms and its Krugman index.

    Parameters
    ----------
    table : pandas.DataFrame
        The plan-vs-reality table (:func:`geo.firms.table.build_table`).
    weighted : bool
        The table has weight sums (else ``krugman_weight`` is NaN).

    Returns
    -------
    pandas.DataFrame
        :data:`SPECIALISATION_COLUMNS`, in the table's district order.
    """
    return _frame(table, SPECIALISATION_COLUMNS, krugman, weighted)


def concentration(table: pd.DataFrame, weighted: bool = False) -> pd.DataFrame:
    """One row per industry: its firms and its Hoover index (``weighted`` as for
    :func:`specialisation`); :data:`CONCENTRATION_COLUMNS`, in the table's industry order."""
    return _frame(table, CONCENTRATION_COLUMNS, hoover, weighted)


__all__ = ["CONCENTRATION_COLUMNS", "SPECIALISATION_COLUMNS", "concentration", "hoover",
           "krugman", "specialisation"]
