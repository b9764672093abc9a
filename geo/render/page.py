"""Assembling the map page of an atlas: a side panel beside the region, never over it.

The page is one ``.atlas-app``: the panel (title, the industry question, search,
the layer toggles that are also the legend, notes, sources; a bottom sheet on
narrow screens) and the Leaflet map beside it. Every layer is a view of the
district data embedded once (:mod:`.mapdata`); ``atlas.js`` draws it.
"""

from __future__ import annotations

import folium
import numpy as np
import shapely
from jinja2 import Template

from ..show import basemaps
from ..show.geometry import simplified, to_datum
from ..show.neighbours import neighbours
from ..vocabulary import check_lang
from . import codec, content, mapdata
from . import reality as reality_view
from .chart import chart_images
from .features import (
    AtlasData,
    DistrictsLayer,
    OfflineAssets,
    OfflinePage,
    PageScript,
    RealityLayer,
    Text,
    ViewLayer,
)


class OfflineMap(folium.Map):
    """A folium map laid out beside its panel, linking nothing from the network.

    Parameters
    ----------
    panel_html : str
        The panel, rendered by :func:`geo.render.content.render` (escaped).
    bounds : tuple of float
        ``(minx, miny, maxx, maxy)`` of the region: the first view fits it into the
        part of the page the panel leaves free.
    fragment : bool
        Part of another page: no ``<main>`` of its own.
    tiles_attribution : bool
        Show Leaflet's attribution control (tile basemaps).
    """

    default_js: list = []
    default_css: list = []

    _template = Template(
        """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.map("{{ this.get_name() }}", {zoomSnap: 0.25,
    attributionControl: {{ this.attribution }}});
L.control.scale({position: "bottomleft", imperial: false}).addTo({{ this.get_name() }});
{% endmacro %}"""
    )

    def __init__(self, panel_html: str, bounds, fragment: bool = False,
                 tiles_attribution: bool = False):
        minx, miny, maxx, maxy = bounds
        super().__init__(location=[(miny + maxy) / 2, (minx + maxx) / 2], zoom_start=9,
                         tiles=None)
        self._name = "OfflineMap"
        self.panel_html = panel_html
        self.fragment = fragment
        self.attribution = "true" if tiles_attribution else "false"

    def render(self, **kwargs):
        """Write the layout (panel and map box) and the map script; then the children."""
        figure = self.get_root()
        main = "div" if self.fragment else "main"
        figure.html.add_child(Text(
            f'<div class="atlas-app"><div class="atlas-layout">{self.panel_html}'
            f'<{main} class="atlas-main"><div class="folium-map atlas-map" '
            f'id="{self.get_name()}"></div></{main}></div></div>'), name=self.get_name())
        figure.script.add_child(Text(self._template.module.script(self, kwargs).strip()),
                                name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


def build_map(atlas, lang: str = "both", basemap: str = basemaps.NONE,
              tianditu_key: str | None = None, prefix: str = "", industry: str | None = None,
              district: str | None = None, layers=None, reality=None) -> folium.Map:
    """Build the offline map page of ``atlas``.

    Parameters
    ----------
    atlas : Atlas
    lang : {"zh", "en", "both"}
        Language of labels, cards and the panel.
    basemap : str
        A name of :func:`geo.show.basemaps.names`; its datum decides the coordinates written.
    tianditu_key : str, optional
        Key of the ``"tianditu"`` basemap (default: environment ``TIANDITU_KEY``).
    prefix : str
        Prefix of every element id and script variable (a fragment's own names).
    industry, district : str, optional
        The view the page opens on, as the URL fragment would say it: the answer to
        "which districts host ``industry``?", the card of ``district``. Any name form.
    layers : list of str, optional
        The layers on at first (element or industry ids, ``reality:<industry id>``);
        default the layout.
    reality : geo.firms.RealityResult, optional
        What :meth:`geo.Atlas.reality` returned for this plan: adds the "Reality" group
        (per industry with firms, districts by LQ class with the plan's hosts outlined)
        and firm counts, LQ and status to the district cards.

    Returns
    -------
    folium.Map
    """
    check_lang(lang)
    plan = atlas.plan
    tiles = basemaps.resolve(basemap, tianditu_key)
    words = content.words(lang)
    specs = atlas.layers(lang)
    preset = {"industry": atlas.industry_id(industry) if industry else "",
              "district": atlas.place_id(district) if district else "",
              "layers": atlas.layer_keys(layers) if layers is not None else None}
    source_datum = atlas.districts.attrs.get("datum", "wgs84")
    geometries = simplified(to_datum(atlas.districts.geometry.to_numpy(), source_datum,
                                     tiles.datum))
    bounds = tuple(float(b) for b in shapely.total_bounds(geometries))
    real = _reality_parts(atlas, reality, lang, words)
    panel = content.render(
        "panel", box="section" if prefix else "aside", heading="h2" if prefix else "h1",
        sub="h3" if prefix else "h2",
        ids=f"{prefix}atlas", title=plan.title.pick(lang), meta=_meta(plan), t=words,
        industries=mapdata.industry_groups(atlas, lang, words),
        groups=real["groups"] + mapdata.layer_groups(atlas, specs, lang, words),
        places=[f"{z.name.pick(lang)} ({z.kind}; {z.precision})"
                for z in plan.zones if z.geometry is None],
        notes=plan.notes, roles=mapdata.roles_view(plan, lang), charts=chart_images(plan, lang),
        sources=[{"heading": "", "entries": [mapdata.source_view(s, lang)
                                           for s in plan.sources]}],
        legend=[], unchanged=[])
    page = OfflinePage(lang, plan.title.pick(lang))
    fmap = OfflineMap(panel, bounds, fragment=bool(prefix), tiles_attribution=bool(tiles.tiles))
    page.add_child(fmap)
    OfflineAssets(extra=("reality.js",) if reality is not None else ()).add_to(fmap)
    for layer in tiles.tiles:
        folium.TileLayer(tiles=layer.url, attr=layer.attribution, name=tiles.name,
                         subdomains=layer.subdomains, max_zoom=layer.max_zoom,
                         overlay=False, control=False).add_to(fmap)
    data = AtlasData(_page_data(atlas, specs, geometries, words, lang, tiles.datum, bounds,
                                preset, real["cards"]))
    data.add_to(fmap)
    DistrictsLayer(data).add_to(fmap)
    points = _marker_points(list(atlas.districts["adcode"]), geometries)
    for spec in specs:
        ViewLayer(data, _spec_data(spec, points)).add_to(fmap)
    for spec in real["layers"]:
        RealityLayer(data, spec).add_to(fmap)
    PageScript(data).add_to(fmap)
    number_elements(fmap, prefix)
    return fmap


def _meta(plan) -> str:
    return " · ".join(x for x in (plan.date, plan.id) if x)


def _reality_parts(atlas, result, lang: str, words: dict) -> dict:
    """The reality group (toggles and its key; first in the panel), layer specs and card
    lines (all empty without a result)."""
    if result is None:
        return {"groups": [], "layers": [], "cards": None}
    if result.summary.get("plan") != atlas.plan.id:
        from ..errors import AtlasError

        raise AtlasError(f"the reality result is of plan {result.summary.get('plan')!r}, "
                         f"not {atlas.plan.id!r}")
    specs = reality_view.layers(result, lang, words)
    notes = reality_view.notes(result, lang, words)
    return {"groups": [{"label": words["reality"], "key": reality_view.legend(words),
                        "layers": reality_view.toggles(specs, notes)}] if specs else [],
            "layers": specs,
            "cards": reality_view.card_lines(result, lang, words)}


def _page_data(atlas, specs, geometries, words: dict, lang: str, datum: str, bounds,
               preset: dict, reality_cards: dict | None = None) -> dict:
    plan = atlas.plan
    located = {z.id: to_datum(np.array([z.geometry], dtype=object), "wgs84", datum)[0]
               for z in plan.zones if z.geometry is not None}
    by_adcode = dict(zip(atlas.districts["adcode"], geometries, strict=True))
    outlines = {}
    for spec in specs:
        if spec.outline and spec.adcodes:
            union = shapely.union_all([by_adcode[a] for a in spec.adcodes])
            outlines[spec.id] = codec.encode(union.boundary, 5)
    labelled = mapdata.labelled_units(atlas)
    around = neighbours(atlas.region, datum=datum)
    context = [mapdata.feature(g, {"adcode": a})
               for a, g in zip(around["adcode"], around.geometry, strict=True)]
    return {
        "context": {"type": "FeatureCollection", "features": context},
        "districts": {"type": "FeatureCollection", "features": mapdata.district_features(
            atlas, geometries, lang, labelled,
            mapdata.plan_card(atlas, lang, words, reality_cards))},
        "zones": {"type": "FeatureCollection",
                  "features": mapdata.zone_features(atlas, located, lang, words)},
        "outlines": outlines, "bounds": bounds,
        "answers": mapdata.answers(atlas, lang, words),
        "search": mapdata.search_index(atlas, lang),
        "labelAll": len(atlas.districts) <= 100, "popup": mapdata.POPUP_OPTIONS,
        "words": {k: words[k] for k in ("via", "not_located", "no_match", "link_unknown")},
        "industryWords": {mapdata.search_form(v): i for v, i in atlas.industry_words().items()},
        "preset": preset,
    }


def _marker_points(adcodes, geometries) -> dict:
    """A point inside each unit ([lat, lon]) when the map has too many units to see
    small ones; empty otherwise."""
    from .. import settings

    if len(adcodes) <= settings.marker_threshold:
        return {}
    inside = shapely.point_on_surface(geometries)
    digits = settings.coordinate_precision
    return {a: [round(p.y, digits), round(p.x, digits)]
            for a, p in zip(adcodes, inside, strict=True)}


def _spec_data(spec, points: dict) -> dict:
    return {"id": spec.id, "kind": spec.kind, "color": spec.color, "show": spec.show,
            "adcodes": list(spec.adcodes), "zones": list(spec.zones),
            "points": [points[a] for a in spec.adcodes if a in points]}


def number_elements(fmap: folium.Map, prefix: str = "") -> None:
    """Give every element a sequential id, so the same atlas gives the same bytes."""
    counter = 0

    def visit(element):
        nonlocal counter
        element._id = f"{prefix}{counter:04d}"
        counter += 1
        for child in element._children.values():
            visit(child)

    visit(fmap.get_root())
