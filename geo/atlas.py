"""The Atlas: a plan joined to its boundaries, and the queries on it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import boundaries
from .errors import AtlasError, UnknownNameError
from .names import NameIndex
from .plan import Plan


@dataclass
class Atlas:
    """A plan on real boundaries.

    Attributes
    ----------
    plan : Plan
        The validated plan.
    region : geo.boundaries.Unit
        The region the plan covers.
    districts : geopandas.GeoDataFrame
        One row per unit of the region (EPSG:4326, WGS-84 unless joined in
        GCJ-02): ``adcode``, ``name_zh``, ``name_en``, ``roles`` (layout
        element ids), ``industries`` (ids), ``area_km2``, ``geometry``.
    table : pandas.DataFrame
        Tidy place x industry x role table, one row per fact with its
        citation (``source``, ``where``, ``basis``, ``note``).
    """

    plan: Plan
    region: boundaries.Unit
    districts: object
    table: pd.DataFrame

    def __post_init__(self):
        plan = self.plan
        self._industries = NameIndex(i.index_entry for i in plan.industries)
        units = [boundaries.unit(a) for a in self.districts["adcode"]]
        self._places = NameIndex([boundaries.index_entry(u) for u in units]
                                 + [z.index_entry for z in plan.zones])

    def __repr__(self) -> str:
        return (f"<Atlas {self.plan.id}: {self.plan.title.pick('en')}; "
                f"{len(self.districts)} units, {len(self.plan.industries)} industries, "
                f"{len(self.plan.layout)} layout elements>")

    def industry_id(self, name: str) -> str:
        """The id of an industry named by id, alias, Chinese or English name (any case)."""
        found = self._industries.find(name)
        if found is None:
            raise UnknownNameError("industry", name, f"plan {self.plan.id}",
                                   self._industries.suggest(name))
        return found

    def place_id(self, name: str) -> str:
        """The adcode of a district, or the id of a zone, named in any form."""
        found = self._places.find(name)
        if found is None:
            raise UnknownNameError("district or place", name, f"plan {self.plan.id}",
                                   self._places.suggest(name))
        return found

    def districts_hosting(self, industry: str):
        """Districts that host an industry.

        Parameters
        ----------
        industry : str
            Id, alias or name, e.g. ``"ic"``, ``"IC"`` or ``"集成电路"``.

        Returns
        -------
        geopandas.GeoDataFrame
            The hosting rows of :attr:`districts`, with ``via`` (the layout
            elements or ``"direct"``). ``attrs`` tells the rest:
            ``status`` is ``"located"``, ``"not located"`` (the plan names
            the industry without saying where) or ``"not assigned"``;
            ``zones`` and ``unlocated`` list hosting zones and unlocated
            layout elements.

        Raises
        ------
        UnknownNameError
            If the plan has no such industry (a ``KeyError``).
        """
        industry_id = self.industry_id(industry)
        positions, via, attrs = self._hosting_index().get(industry_id, ([], [], {}))
        hosting = self.districts.take(positions)
        hosting["via"] = via
        hosting.attrs = {"industry": industry_id, "status": "not assigned",
                         "zones": [], "unlocated": [], **attrs}
        return hosting

    def _hosting_index(self) -> dict:
        """Per industry: district row positions, their ``via`` and the other attrs.

        Built once from :attr:`table` in one pass (rebuilt if the table is replaced),
        so :meth:`districts_hosting` costs one row selection.
        """
        cached = getattr(self, "_hosting", None)
        if cached is not None and cached[0] is self.table and cached[1] is self.districts:
            return cached[2]
        row_of = {a: i for i, a in enumerate(self.districts["adcode"])}
        found: dict = {}
        columns = ["industry", "place_kind", "place_id", "role", "located"]
        located = set()
        for industry, kind, place, role, is_located in self.table[columns].itertuples(
                index=False):
            vias, zones, unlocated = found.setdefault(industry, ({}, set(), set()))
            if is_located:
                located.add(industry)
            if kind == "district":
                vias.setdefault(place, {})[role or "direct"] = None
            elif kind == "zone":
                zones.add(place)
            elif kind == "not located":
                unlocated.add(role)
        index = {}
        for industry, (vias, zones, unlocated) in found.items():
            places = sorted((p for p in vias if p in row_of), key=row_of.get)
            index[industry] = ([row_of[p] for p in places], [tuple(vias[p]) for p in places],
                               {"status": "located" if industry in located else "not located",
                                "zones": sorted(zones), "unlocated": sorted(unlocated)})
        self._hosting = (self.table, self.districts, index)
        return index

    def hosting_status(self, industry: str) -> str:
        """``"located"``, ``"not located"`` or ``"not assigned"`` for an industry.

        ``"not located"`` means the plan assigns the industry only to places
        it does not locate (such as Wenzhou's "Multiple Spots"); ``"not
        assigned"`` means the plan names it without assigning it anywhere.
        """
        entry = self._hosting_index().get(self.industry_id(industry))
        return entry[2]["status"] if entry else "not assigned"

    def industries_in(self, place: str) -> pd.DataFrame:
        """Industries a district or zone hosts, one row per industry.

        Parameters
        ----------
        place : str
            A district in any form (``乐清市``, ``乐清``, ``Yueqing``,
            ``330382``) or a zone id or name.

        Returns
        -------
        pandas.DataFrame
            ``industry`` (id), ``industry_zh``, ``industry_en``, ``group``,
            ``via`` (layout elements or ``"direct"``) and ``sources``.
        """
        place_id = self.place_id(place)
        rows = self.table[self.table["place_id"] == place_id]
        columns = ["industry", "industry_zh", "industry_en", "group"]
        if rows.empty:
            return pd.DataFrame(columns=[*columns, "via", "sources"])
        rows = rows.assign(role=rows["role"].replace("", "direct"))
        grouped = rows.groupby(columns, sort=False)
        out = grouped.agg(via=("role", lambda r: tuple(dict.fromkeys(r))),
                          sources=("source", lambda r: tuple(dict.fromkeys(r))))
        return out.reset_index()

    def reality(self, firms, **options):
        """Join a firm table to this plan's districts: counts, location quotients and
        where plan and firms disagree; see :func:`geo.firms.reality` for the options.

        Returns
        -------
        geo.firms.RealityResult
        """
        from .firms import reality

        return reality(self, firms, **options)

    def layers(self, lang: str = "both"):
        """The map layers of this atlas (see :mod:`geo.layers`)."""
        from .layers import build_layers

        return build_layers(self, lang)

    def map(self, lang: str = "both", basemap: str = "none", tianditu_key: str | None = None):
        """The interactive map as a :class:`folium.Map` (shows inline in Jupyter).

        Parameters
        ----------
        lang : {"zh", "en", "both"}
            Language of layer labels, tooltips, popups and panels.
        basemap : str
            ``"none"`` (offline), ``"openstreetmap"``, ``"cartodb"``, ``"amap"`` or
            ``"tianditu"`` (see :mod:`geo.basemaps`). Its datum decides the
            coordinates written: GCJ-02 for ``"amap"``, WGS-84 otherwise.
        tianditu_key : str, optional
            Key for ``"tianditu"``; default the environment variable ``TIANDITU_KEY``.
            It is written into the tile URLs of the map.

        Returns
        -------
        folium.Map
        """
        from .render.page import build_map

        return build_map(self, lang=lang, basemap=basemap, tianditu_key=tianditu_key)

    def to_html(self, path=None, lang: str = "both", basemap: str = "none",
                tianditu_key: str | None = None, fragment: bool = False,
                key: str | None = None, height: str = "600px"):
        """The map as HTML: a standalone offline page, or a fragment to paste into a page.

        Parameters
        ----------
        path : str or path, optional
            Where to write (atomically). Without it the HTML is returned as a string.
        lang, basemap, tianditu_key
            As for :meth:`map`.
        fragment : bool
            A ``<div>`` holding its own scoped style and scripts, with no
            ``<html>``/``<head>``/``<body>``, that several maps can share a page with.
        key : str, optional
            Fragment only: tells apart maps of one plan on one page (default
            ``"<lang>-<basemap>"``); ids derive from the plan id and the key.
        height : str
            Fragment only: CSS height of the map.

        Returns
        -------
        pathlib.Path or str
            The path written, or the HTML when no path is given.
        """
        from .output import write_text

        if fragment:
            from .render.fragment import render_fragment

            html = render_fragment(self, lang=lang, basemap=basemap,
                                   tianditu_key=tianditu_key, key=key, height=height)
        else:
            html = self.map(lang=lang, basemap=basemap,
                            tianditu_key=tianditu_key).get_root().render()
        return html if path is None else write_text(path, html)

    def figure(self, kind: str = "layout", lang: str = "both", industry=None):
        """A static matplotlib figure of this atlas (see :mod:`geo.figures`).

        Parameters
        ----------
        kind : {"layout", "industries"}
            The layout map, or small multiples of the industries' host districts.
        lang : {"zh", "en", "both"}
        industry : str or list of str, optional
            With ``kind="industries"``: only these industries (any name form).

        Returns
        -------
        matplotlib.figure.Figure
            Save it with :func:`geo.figures.save_figure`.
        """
        from . import figures

        if kind == "layout":
            return figures.layout_figure(self, lang)
        if kind == "industries":
            return figures.industry_figure(self, lang, industry)
        raise AtlasError(f"unknown figure kind {kind!r}; expected layout or industries")

    def export(self, path, format: str | None = None):
        """Write the districts with their roles and industries to ``path``, atomically.

        ``format`` is ``"geojson"`` (RFC 7946), ``"gpkg"``, ``"parquet"`` or
        ``"csv"`` (the district x industry matrix), by default from the suffix;
        see :func:`geo.export.export`. Returns the path written.
        """
        from .export import export

        return export(self, path, format)

    def report(self, path=None, lang: str = "both"):
        """The printable plan report (see :mod:`geo.report`): map, figure, matrix, cards,
        indicators and sources on one offline page.

        Parameters
        ----------
        path : str or path, optional
            Where to write (atomically): HTML, or a PDF printed by Chromium when
            the path ends in ``.pdf``. Without it the HTML is returned as a string.
        lang : {"zh", "en", "both"}

        Returns
        -------
        pathlib.Path or str
            The path written, or the HTML when no path is given.
        """
        from .report import render_report, write_report

        return render_report(self, lang) if path is None else write_report(self, path, lang)
