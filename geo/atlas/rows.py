"""The Atlas's contents as plain values: what a map build reads without pandas.

:attr:`geo.Atlas.districts` and :attr:`geo.Atlas.table` are (Geo)DataFrames, built when
first asked for; a join gives the same facts as plain rows (:class:`District`,
:class:`Fact`) and a geometry array (:class:`DistrictRows`), and a map page reads only
those, so building one imports neither pandas nor geopandas. Each form is made from the
other on demand, so an Atlas given frames (national maps, a test's changed copy) answers
both ways too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

#: The columns of :attr:`geo.Atlas.table`, in order (the fields of :class:`Fact`).
TABLE_COLUMNS = [
    "place_id", "place_kind", "name_zh", "name_en", "industry", "industry_zh", "industry_en",
    "group", "element", "located", "source", "source_title", "where", "basis", "note",
]


class District(NamedTuple):
    """One row of :attr:`geo.Atlas.districts`, without its geometry."""

    adcode: str
    name_zh: str
    name_en: str
    elements: tuple
    industries: tuple
    area_km2: float


class Fact(NamedTuple):
    """One row of :attr:`geo.Atlas.table` (the columns :data:`TABLE_COLUMNS`)."""

    place_id: str
    place_kind: str
    name_zh: str
    name_en: str
    industry: str
    industry_zh: str
    industry_en: str
    group: str
    element: str
    located: bool
    source: str
    source_title: str
    where: str
    basis: str
    note: str


@dataclass(frozen=True)
class DistrictRows:
    """The districts of an Atlas as plain rows and a geometry array.

    Attributes
    ----------
    rows : tuple of District
    geometries : numpy.ndarray
        The districts' (Multi)Polygons, unsimplified, in ``datum``.
    datum : {"wgs84", "gcj02"}
    """

    rows: tuple[District, ...]
    geometries: np.ndarray
    datum: str = "wgs84"

    @property
    def adcodes(self) -> list[str]:
        """The districts' adcodes, in row order."""
        return [r.adcode for r in self.rows]

    def frame(self):
        """The GeoDataFrame of :attr:`geo.Atlas.districts` (EPSG:4326; imports geopandas)."""
        import geopandas as gpd

        columns = {name: [getattr(r, name) for r in self.rows] for name in District._fields}
        columns["area_km2"] = np.array(columns["area_km2"], dtype=float)
        gdf = gpd.GeoDataFrame(columns, geometry=list(self.geometries), crs="EPSG:4326")
        gdf.attrs["datum"] = self.datum
        return gdf

    @classmethod
    def of_frame(cls, gdf) -> DistrictRows:
        """The rows of a districts GeoDataFrame (its ``District`` columns and geometry)."""
        values = gdf[list(District._fields)].itertuples(index=False, name=None)
        return cls(tuple(District(*v) for v in values), gdf.geometry.to_numpy(),
                   gdf.attrs.get("datum", "wgs84"))


def table_frame(facts) -> object:
    """The DataFrame of :attr:`geo.Atlas.table` from its facts (imports pandas)."""
    import pandas as pd

    return pd.DataFrame(list(facts), columns=TABLE_COLUMNS)


def facts_of(table) -> tuple[Fact, ...]:
    """The facts of a table DataFrame, in row order."""
    return tuple(Fact(*v) for v in table[TABLE_COLUMNS].itertuples(index=False, name=None))


@dataclass(frozen=True)
class Hosts:
    """The answer to "which places host this industry?" as plain values (what
    :meth:`geo.Atlas.districts_hosting` returns as a GeoDataFrame).

    Attributes
    ----------
    industry : str
        The industry's id.
    status : {"located", "not located", "not assigned"}
    adcodes : tuple of str
        Host districts, in district order.
    elements : tuple of tuple of str
        Per host district, the layout elements (or ``"direct"``) it hosts it through.
    zones : tuple of str
        Hosting zones, sorted.
    unlocated : tuple of str
        Layout elements the plan does not locate that host it, sorted.
    """

    industry: str
    status: str = "not assigned"
    adcodes: tuple[str, ...] = ()
    elements: tuple[tuple[str, ...], ...] = ()
    zones: tuple[str, ...] = ()
    unlocated: tuple[str, ...] = ()


def hosts_by_industry(facts, adcodes) -> dict[str, Hosts]:
    """Per industry of the hosting ``facts`` (``element`` already ``"direct"`` where the
    plan names the place itself), its :class:`Hosts`, in one pass; host districts in the
    order of ``adcodes`` (those not among them are left out)."""
    row_of = {a: i for i, a in enumerate(adcodes)}
    found: dict = {}
    located = set()
    for fact in facts:
        elements, zones, unlocated = found.setdefault(fact.industry, ({}, set(), set()))
        if fact.located:
            located.add(fact.industry)
        if fact.place_kind == "district":
            elements.setdefault(fact.place_id, {})[fact.element] = None
        elif fact.place_kind == "zone":
            zones.add(fact.place_id)
        elif fact.place_kind == "not located":
            unlocated.add(fact.element)
    index = {}
    for industry, (elements, zones, unlocated) in found.items():
        places = sorted((p for p in elements if p in row_of), key=row_of.get)
        index[industry] = Hosts(industry, "located" if industry in located else "not located",
                                tuple(places), tuple(tuple(elements[p]) for p in places),
                                tuple(sorted(zones)), tuple(sorted(unlocated)))
    return index
