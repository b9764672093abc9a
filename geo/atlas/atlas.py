"""The Atlas: a plan joined to its boundaries, and the queries on it."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import AtlasError, UnknownNameError
from ..places import boundaries
from ..places.names import NameIndex
from ..plan.model import DIRECT, Plan
from ..vocabulary import BOTH, Lang
from . import words
from .rows import DistrictRows, Fact, Hosts, facts_of, hosts_by_industry, table_frame

#: The columns of :attr:`Atlas.hosting`.
HOSTING_COLUMNS = ["place_kind", "place_id", "industry", "element", "located", "source",
                   "where", "basis"]


def _renamed(frame):
    from .._compat import renamed_columns

    return renamed_columns(frame)


@dataclass
class Atlas:
    """A plan on real boundaries.

    Attributes
    ----------
    plan : Plan
        The validated plan.
    region : geo.places.boundaries.Unit
        The region the plan covers.
    districts : geopandas.GeoDataFrame
        One row per unit of the region (EPSG:4326, WGS-84 unless joined in
        GCJ-02): ``adcode``, ``name_zh``, ``name_en``, ``elements`` (ids of
        the layout elements the district belongs to), ``industries`` (ids),
        ``area_km2``, ``geometry``. Built when first read (imports geopandas); the
        same rows as plain values are :attr:`district_rows`. May be given as a
        :class:`geo.atlas.rows.DistrictRows`.
    table : pandas.DataFrame
        Tidy place x industry x element table, one row per fact with its
        citation (``source``, ``where``, ``basis``, ``note``); ``element`` is
        ``""`` where the plan names the place itself. Places are keyed by
        ``place_id`` (see :mod:`geo.atlas.join`). Built when first read (imports
        pandas); may be given as a tuple of :class:`geo.atlas.rows.Fact`.
    """

    plan: Plan
    region: boundaries.Unit
    districts: object
    table: object

    def __post_init__(self):
        plan = self.plan
        self._industries = NameIndex(i.index_entry for i in plan.industries)
        self._industry_words = NameIndex((key, words.industry_names(names), label)
                                         for key, names, label in
                                         (i.index_entry for i in plan.industries))
        units = [boundaries.unit(a) for a in self.district_rows.adcodes]
        self._units = NameIndex(boundaries.index_entry(u) for u in units)
        self._places = NameIndex([boundaries.index_entry(u) for u in units]
                                 + [z.index_entry for z in plan.zones])

    def _get_districts(self):
        if self._districts is None:
            self._districts = _renamed(self._district_rows.frame())
        return self._districts

    def _set_districts(self, value) -> None:
        given = isinstance(value, DistrictRows)
        self._district_rows, self._districts = (value, None) if given else (None, value)
        self._by_industry = None

    def _get_table(self):
        if self._table is None:
            self._table = _renamed(table_frame(self._facts))
        return self._table

    def _set_table(self, value) -> None:
        given = isinstance(value, tuple)
        self._facts, self._table = (value, None) if given else (None, value)
        self._hosting = self._hosting_rows = self._by_industry = None

    @property
    def district_rows(self) -> DistrictRows:
        """:attr:`districts` as plain rows and a geometry array (no pandas needed)."""
        if self._district_rows is None:
            self._district_rows = DistrictRows.of_frame(self._districts)
        return self._district_rows

    @property
    def hosting_rows(self) -> tuple[Fact, ...]:
        """:attr:`hosting`'s facts as plain rows (no pandas needed): the rows of
        :attr:`table` with ``element`` :data:`DIRECT` where the plan names the place
        itself."""
        if self._hosting_rows is None:
            facts = self._facts if self._facts is not None else facts_of(self._table)
            self._hosting_rows = tuple(f._replace(element=DIRECT) if f.element == "" else f
                                       for f in facts)
        return self._hosting_rows

    def __repr__(self) -> str:
        return (f"<Atlas {self.plan.id}: {self.plan.title.pick('en')}; "
                f"{len(self.district_rows.rows)} units, {len(self.plan.industries)} industries, "
                f"{len(self.plan.layout)} layout elements>")

    def industry_id(self, name: str) -> str:
        """The id of an industry named by id, alias, Chinese or English name (any case).

        Also singular or plural, with or without 产业/行业, and the lexicon's synonyms
        (IC, chip, 芯片): :mod:`geo.atlas.words`.
        """
        found = self._industries.find(name)
        for form in words.query_forms(name) if found is None else ():
            found = self._industry_words.find(form)
            if found is not None:
                break
        if found is None:
            ids = [i.id for i in self.plan.industries]
            raise UnknownNameError("industry", name, f"plan {self.plan.id}",
                                   self._industries.suggest(name)
                                   or self._industry_words.suggest(name)
                                   or "one of " + ", ".join(ids[:4])
                                   + (f" ({len(ids)} in all)" if len(ids) > 4 else ""))
        return found

    def industry_words(self) -> dict[str, str]:
        """Every written variant of every industry (:mod:`geo.atlas.words`) -> its id; a
        variant shared by two industries names neither."""
        table: dict[str, str | None] = {}
        for industry in self.plan.industries:
            key, names, _ = industry.index_entry
            for variant in words.industry_variants(names):
                table[variant] = key if table.get(variant, key) == key else None
        return {v: k for v, k in sorted(table.items()) if k is not None}

    def place_id(self, name: str) -> str:
        """The adcode of a district, or the id of a zone, named in any form."""
        found = self._places.find(name)
        if found is None:
            raise UnknownNameError("district or place", name, f"plan {self.plan.id}",
                                   self._place_hint(name))
        return found

    def _place_hint(self, name: str) -> str:
        """Districts first (the region itself gets a few of its districts), then zones."""
        if NameIndex([boundaries.index_entry(self.region)]).find(name) is not None:
            labels = list(self._units.labels.values())[:3]
            return "one of its districts, such as " + ", ".join(labels)
        return self._units.suggest(name) or self._places.suggest(name)

    def layer_keys(self, names) -> list[str]:
        """``names`` checked against the map's layers (``corridor``, ``ic`` or full ids),
        as the keys of the page's ``#layers=``.

        Raises
        ------
        UnknownNameError
            For the first name that is no layer, with the closest layers as a hint.
        """
        ids = [spec.id for spec in self.layers()]
        index = NameIndex((i, (i, i.split(":", 1)[1]), i.split(":", 1)[1]) for i in ids)
        keys = []
        for name in names:
            found = index.keys(name)
            if not found:
                raise UnknownNameError("layer", name, f"plan {self.plan.id}",
                                       index.suggest(name))
            keys.append(found[0].split(":", 1)[1] if len(found) == 1 else name)
        return keys

    @property
    def hosting(self):
        """Which place hosts which industry through which layout element: the one
        reading of :attr:`table` that queries, layers, exports, the report and
        comparisons share.

        Returns
        -------
        pandas.DataFrame
            ``place_kind``, ``place_id``, ``industry``, ``element`` (a layout
            element id, or :data:`DIRECT` where the plan names the place
            itself), ``located``, ``source``, ``where``, ``basis``; one row
            per fact, in table order. Built once per table.
        """
        if self._hosting is None:
            import pandas as pd

            view = pd.DataFrame(self.table[HOSTING_COLUMNS])
            view["element"] = view["element"].replace("", DIRECT)
            self._hosting = view
        return self._hosting

    def districts_hosting(self, industry: str):
        """Districts that host an industry.

        Parameters
        ----------
        industry : str
            Id, alias or name, e.g. ``"ic"``, ``"IC"`` or ``"集成电路"``.

        Returns
        -------
        geopandas.GeoDataFrame
            The hosting rows of :attr:`districts`, with ``hosting_elements``
            (the layout elements, or ``"direct"``, through which each hosts
            it). ``attrs``
            tells the rest: ``status`` is ``"located"``, ``"not located"`` (the
            plan names the industry without saying where) or ``"not
            assigned"``; ``zones`` and ``unlocated`` list hosting zones and
            unlocated layout elements.

        Raises
        ------
        UnknownNameError
            If the plan has no such industry (a ``KeyError``).
        """
        hosts = self.hosts(industry)
        row_of = self._hosting_index()[1]
        hosting = self.districts.take([row_of[a] for a in hosts.adcodes])
        hosting["hosting_elements"] = list(hosts.elements)
        hosting.attrs = {"industry": hosts.industry, "status": hosts.status,
                         "zones": list(hosts.zones), "unlocated": list(hosts.unlocated)}
        return _renamed(hosting)

    def hosts(self, industry: str) -> Hosts:
        """The places that host an industry, as plain values (no pandas needed): what
        :meth:`districts_hosting` tells, without the district rows.

        Parameters
        ----------
        industry : str
            Id, alias or name, as for :meth:`districts_hosting`.

        Returns
        -------
        geo.atlas.rows.Hosts
        """
        industry_id = self.industry_id(industry)
        return self._hosting_index()[0].get(industry_id) or Hosts(industry_id)

    def _hosting_index(self) -> tuple[dict[str, Hosts], dict[str, int]]:
        """Per industry, its :class:`Hosts`, and each district's row position: built once
        from :attr:`hosting_rows` in one pass (again when the districts or the table are
        replaced)."""
        if self._by_industry is not None:
            return self._by_industry
        adcodes = self.district_rows.adcodes
        index = hosts_by_industry(self.hosting_rows, adcodes)
        row_of = {a: i for i, a in enumerate(adcodes)}
        self._by_industry = index, row_of
        return self._by_industry

    def hosting_status(self, industry: str) -> str:
        """``"located"``, ``"not located"`` or ``"not assigned"`` for an industry.

        ``"not located"`` means the plan assigns the industry only to places
        it does not locate (such as Wenzhou's "Multiple Spots"); ``"not
        assigned"`` means the plan names it without assigning it anywhere.
        """
        return self.hosts(industry).status

    def industries_in(self, place: str):
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
            ``hosting_elements`` (layout elements or ``"direct"``) and ``sources``.
        """
        import pandas as pd

        place_id = self.place_id(place)
        selected = (self.table["place_id"] == place_id).to_numpy()
        rows = self.table[selected].assign(element=self.hosting["element"][selected].to_numpy())
        columns = ["industry", "industry_zh", "industry_en", "group"]
        if rows.empty:
            return _renamed(pd.DataFrame(columns=[*columns, "hosting_elements", "sources"]))
        grouped = rows.groupby(columns, sort=False)
        out = grouped.agg(hosting_elements=("element", lambda r: tuple(dict.fromkeys(r))),
                          sources=("source", lambda r: tuple(dict.fromkeys(r))))
        return _renamed(out.reset_index())

    def reality(self, firms, **options):
        """Join a firm table to this plan's districts: counts, location quotients and
        where plan and firms disagree; see :func:`geo.firms.reality` for the options.

        Returns
        -------
        geo.firms.RealityResult
        """
        from ..firms import reality

        return reality(self, firms, **options)

    def layers(self, lang: str | Lang = BOTH):
        """The layer specs of this atlas' maps and figures (see :mod:`geo.show.layer_specs`),
        in ``lang`` (``"zh"``, ``"en"``, ``"both"`` or a :class:`geo.vocabulary.Lang`)."""
        from ..show.layer_specs import build_layers

        return build_layers(self, Lang.of(lang).code)

    def charts(self, lang: str | Lang = BOTH):
        """The indicator charts of this plan: one per metric that another shipped plan of
        its region reports too (those plans are read here, from the catalog).

        Returns
        -------
        tuple of geo.show.indicator_series.ChartData
            What the map's panel and the report draw; empty when no metric is shared.
        """
        from ..show.indicator_series import indicator_chart_data
        from .catalog import companions

        return indicator_chart_data(self.plan, companions(self.plan), Lang.of(lang).code)

    def map(self, lang: str | Lang = BOTH, basemap: str = "none", tianditu_key: str | None = None,
            industry: str | None = None, district: str | None = None, layers=None,
            reality=None):
        """The interactive map page as a :class:`folium.Map` (shows inline in Jupyter).

        Parameters
        ----------
        lang : {"zh", "en", "both"} or geo.vocabulary.Lang
            Language of labels, cards and the panel; checked here, before anything
            is drawn (``Lang.of``).
        basemap : str or geo.show.basemaps.Basemap
            ``"none"`` (offline), ``"openstreetmap"``, ``"cartodb"``, ``"amap"`` or
            ``"tianditu"`` (see :mod:`geo.show.basemaps`), or a basemap already
            resolved (with its key). Its datum decides the coordinates written:
            GCJ-02 for ``"amap"``, WGS-84 otherwise.
        tianditu_key : str, optional
            Key for ``"tianditu"`` named as a string; default the environment
            variable ``TIANDITU_KEY``. It is written into the tile URLs of the map.
        industry : str, optional
            Open on the answer to "which districts host this industry?" (any name
            form), as ``#industry=<id>`` in the page's URL would.
        district : str, optional
            Open on this district's card (any name form), as ``#district=<adcode>``.
        layers : list of str, optional
            The layers on at first (layout element or industry ids), as
            ``#layers=corridor,north-core``; default the layout elements.
        reality : geo.firms.RealityResult, optional
            What :meth:`reality` returned: adds the "Reality" group (per industry with
            firms, districts by location quotient with the plan's hosts outlined) and
            firm counts, LQ and status to the district cards.

        Returns
        -------
        folium.Map
        """
        from ..render.page import build_map
        from ..show.basemaps import resolve

        lang = Lang.of(lang)
        return build_map(self, lang=lang, basemap=resolve(basemap, tianditu_key),
                         industry=industry, district=district, layers=layers, reality=reality,
                         charts=self.charts(lang))

    def to_html(self, path=None, lang: str | Lang = BOTH, basemap: str = "none",
                tianditu_key: str | None = None, fragment: bool = False,
                key: str | None = None, height: str = "600px", industry: str | None = None,
                district: str | None = None, layers=None, reality=None):
        """The map page as HTML: a standalone offline page, or a fragment to paste into a page.

        Parameters
        ----------
        path : str or path, optional
            Where to write (atomically). Without it the HTML is returned as a string.
        lang, basemap, tianditu_key, industry, district, layers, reality
            As for :meth:`map` (``reality``: standalone pages only).
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
        from ..output import write_text
        from ..show.basemaps import resolve

        lang = Lang.of(lang)
        view = {"industry": industry, "district": district, "layers": layers}
        if fragment and reality is not None:
            raise AtlasError("the reality view is drawn on standalone map pages, not fragments")
        basemap = resolve(basemap, tianditu_key)  # once: its key rides on it
        if fragment:
            from ..render.fragment import render_fragment

            html = render_fragment(self, lang=lang, basemap=basemap, key=key, height=height,
                                   charts=self.charts(lang), **view)
        else:
            from ..render.page import build_page

            html = build_page(self, lang=lang, basemap=basemap, reality=reality,
                              charts=self.charts(lang), **view).render()
        return html if path is None else write_text(path, html)

    def figure(self, kind: str = "layout", lang: str | Lang = BOTH, industry=None):
        """A static matplotlib figure of this atlas (see :mod:`geo.figures`).

        Parameters
        ----------
        kind : {"layout", "industries"}
            The layout map, or small multiples of the industries' host districts.
        lang : {"zh", "en", "both"} or geo.vocabulary.Lang
        industry : str or list of str, optional
            With ``kind="industries"``: only these industries (any name form).

        Returns
        -------
        matplotlib.figure.Figure
            Save it with :func:`geo.figures.save_figure`.
        """
        from .. import figures

        lang = Lang.of(lang)
        if kind == "layout":
            return figures.layout_figure(self, lang)
        if kind == "industries":
            return figures.industry_figure(self, lang, industry)
        raise AtlasError(f"unknown figure kind {kind!r}; expected layout or industries")

    def export(self, path, format: str | None = None):
        """Write the districts with their layout elements and industries to ``path``, atomically.

        ``format`` is ``"geojson"`` (RFC 7946), ``"gpkg"``, ``"parquet"`` or
        ``"csv"`` (the district x industry matrix), by default from the suffix;
        see :func:`geo.export.export`. Returns the path written.
        """
        from ..export import export

        return export(self, path, format)

    def report(self, path=None, lang: str | Lang = BOTH, reality=None):
        """The printable plan report (see :mod:`geo.pages.report`): map, figure, matrix, cards,
        indicators and sources on one offline page.

        Parameters
        ----------
        path : str or path, optional
            Where to write (atomically): HTML, or a PDF printed by Chromium when
            the path ends in ``.pdf``. Without it the HTML is returned as a string.
        lang : {"zh", "en", "both"} or geo.vocabulary.Lang
        reality : geo.firms.RealityResult, optional
            What :meth:`reality` returned: adds the section "Plan vs reality" (the
            district x industry table of counts, LQ and status, and a chart of LQ).

        Returns
        -------
        pathlib.Path or str
            The path written, or the HTML when no path is given.
        """
        from ..pages.report import render_report, write_report

        lang = Lang.of(lang)
        charts = self.charts(lang)
        if path is None:
            return render_report(self, lang, reality=reality, charts=charts)
        return write_report(self, path, lang, reality=reality, charts=charts)


# The frames are properties over either form (rows or frames): set after the class is made,
# so that the dataclass keeps its four fields (``dataclasses.replace`` works) and its
# ``__init__`` assigns through them.
Atlas.districts = property(Atlas._get_districts, Atlas._set_districts,
                           doc="The districts GeoDataFrame (see the class docstring).")
Atlas.table = property(Atlas._get_table, Atlas._set_table,
                       doc="The tidy facts DataFrame (see the class docstring).")
