"""Old names kept working for one release, each with a DeprecationWarning.

Release 0.2 gave the layout element one name everywhere: the ``roles``
column of ``Atlas.districts`` is ``elements``, the ``role`` column of
``Atlas.table`` is ``element``, and the ``via`` column of query results is
``hosting_elements``. Frames built by the package accept the old column names until
release 0.3.
"""

from __future__ import annotations

import warnings

import geopandas as gpd
import pandas as pd

#: Old column name -> new column name.
OLD_COLUMNS = {"roles": "elements", "role": "element", "via": "hosting_elements"}


def _new_name(frame, key):
    if isinstance(key, str) and key in OLD_COLUMNS and key not in frame.columns:
        new = OLD_COLUMNS[key]
        warnings.warn(f"column {key!r} is now {new!r}; the old name goes in release 0.3",
                      DeprecationWarning, stacklevel=3)
        return new
    return key


class _OldNames:
    def __getitem__(self, key):
        return super().__getitem__(_new_name(self, key))


class _Frame(_OldNames, pd.DataFrame):
    @property
    def _constructor(self):
        return pd.DataFrame


class _GeoFrame(_OldNames, gpd.GeoDataFrame):
    @property
    def _constructor(self):
        return gpd.GeoDataFrame


def renamed_columns(frame):
    """``frame`` (a DataFrame or GeoDataFrame) answering to the old column names too."""
    if isinstance(frame, gpd.GeoDataFrame):
        out = _GeoFrame(frame)
    else:
        out = _Frame(frame)
    out.attrs = dict(frame.attrs)
    return out
