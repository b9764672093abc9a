"""Assembling the map page of an atlas: a side panel beside the region, never over it.

The page is one ``.atlas-app``: the panel (title, the industry question, search,
the layer toggles that are also the legend, notes, sources; a bottom sheet on
narrow screens) and the Leaflet map beside it. Every layer is a view of the
district data embedded once (:mod:`.mapdata`); ``atlas.js`` draws it.
"""

from __future__ import annotations

import numpy as np
import shapely

from ..show import basemaps
from ..show.geometry import simplified, to_datum
from ..show.neighbours import neighbour_context
from ..vocabulary import BOTH, Lang
from . import codec, content, mapdata
from .chart import chart_images
from .features import (
    AtlasData,
    DistrictsLayer,
    OfflineAssets,
    OfflineMap,
    OfflinePage,
    PageScript,
    RealityLayer,
    TileLayer,
    ViewLayer,
    as_folium,
)


def build_page(atlas, lang: Lang = BOTH, basemap: basemaps.Basemap | None = None,
               prefix: str = "", industry: str | None = None, district: str | None = None,
               layers=None, reality=None, simplify: bool = True, charts=()) -> OfflinePage:
    """Build the offline map page of ``atlas`` (no folium involved).

    Parameters
    ----------
    atlas : Atlas
    lang : geo.vocabulary.Lang
        Language of labels, cards and the panel (made at the entry: ``Lang.of``).
    basemap : geo.show.basemaps.Basemap, optional
        A resolved basemap (:func:`geo.show.basemaps.resolve`, which carries its key);
        default none. Its datum decides the coordinates written.
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
    simplify : bool
        Simplify the district borders for display (``settings.simplify_tolerance``);
        False for districts that come simplified and rounded already (national maps).
    charts : iterable of geo.show.indicator_series.ChartData
        The indicator charts of the panel (:meth:`geo.Atlas.charts`); default none.

    Returns
    -------
    OfflinePage
        ``render()`` gives the page's HTML.
    """
    plan = atlas.plan
    tiles = basemap if basemap is not None else basemaps.resolve(basemaps.NONE)
    words = lang.words("map")
    specs = atlas.layers(lang)
    preset = {"industry": atlas.industry_id(industry) if industry else "",
              "district": atlas.place_id(district) if district else "",
              "layers": atlas.layer_keys(layers) if layers is not None else None}
    districts = atlas.district_rows
    geometries = to_datum(districts.geometries, districts.datum, tiles.datum)
    if simplify:
        geometries = simplified(geometries)
    bounds = tuple(float(b) for b in shapely.total_bounds(geometries))
    real = _reality_parts(atlas, reality, lang)
    panel = content.render(
        "panel", box="section" if prefix else "aside", heading="h2" if prefix else "h1",
        sub="h3" if prefix else "h2",
        ids=f"{prefix}atlas", title=lang.pick(plan.title), meta=_meta(plan), t=words,
        industries=mapdata.industry_groups(atlas, lang),
        groups=real["groups"] + mapdata.layer_groups(atlas, specs, lang),
        places=[f"{lang.pick(z.name)} ({z.kind}; {z.precision})"
                for z in plan.zones if z.geometry is None],
        notes=plan.notes, roles=mapdata.roles_view(plan, lang), charts=chart_images(charts),
        sources=[{"heading": "", "entries": [mapdata.source_view(s, lang)
                                           for s in plan.sources]}],
        legend=[], unchanged=[])
    page = OfflinePage(lang, lang.pick(plan.title), prefix)
    box = OfflineMap(panel, bounds, fragment=bool(prefix),
                     tiles_attribution=bool(tiles.tiles)).add_to(page)
    OfflineAssets(extra=("reality.js",) if reality is not None else ()).add_to(box)
    for layer in tiles.tiles:
        TileLayer(layer).add_to(box)
    data = AtlasData(_page_data(atlas, specs, geometries, lang, tiles.datum, bounds,
                                preset, real["cards"])).add_to(box)
    DistrictsLayer(data).add_to(box)
    points = _marker_points(districts.adcodes, geometries)
    for spec in specs:
        ViewLayer(data, _spec_data(spec, points)).add_to(box)
    for spec in real["layers"]:
        RealityLayer(data, spec).add_to(box)
    PageScript(data).add_to(box)
    return page


def build_map(atlas, lang: Lang = BOTH, basemap: basemaps.Basemap | None = None,
              **options):
    """The page of :func:`build_page` as a :class:`folium.Map` (imports folium).

    Arguments are those of :func:`build_page`; ``get_root().render()`` gives the
    page's HTML.
    """
    return as_folium(build_page(atlas, lang, basemap, **options))


def _meta(plan) -> str:
    return " · ".join(x for x in (plan.date, plan.id) if x)


def _reality_parts(atlas, result, lang: Lang) -> dict:
    """The reality group (toggles and its key; first in the panel), layer specs and card
    lines (all empty without a result)."""
    if result is None:
        return {"groups": [], "layers": [], "cards": None}
    from . import reality as reality_view  # imports geo.firms, and with it pandas
    if result.summary.plan != atlas.plan.id:
        from ..errors import AtlasError

        raise AtlasError(f"the reality result is of plan {result.summary.plan!r}, "
                         f"not {atlas.plan.id!r}")
    specs = reality_view.layers(result, lang)
    notes = reality_view.notes(result, lang)
    return {"groups": [{"label": lang.word("reality", "map"), "key": reality_view.legend(lang),
                        "layers": reality_view.toggles(specs, notes)}] if specs else [],
            "layers": specs,
            "cards": reality_view.card_lines(result, lang)}


def _page_data(atlas, specs, geometries, lang: Lang, datum: str, bounds,
               preset: dict, reality_cards: dict | None = None) -> dict:
    plan = atlas.plan
    words = lang.words("map")
    located = {z.id: to_datum(np.array([z.geometry], dtype=object), "wgs84", datum)[0]
               for z in plan.zones if z.geometry is not None}
    by_adcode = dict(zip(atlas.district_rows.adcodes, geometries, strict=True))
    outlines = {}
    for spec in specs:
        if spec.outline and spec.adcodes:
            union = shapely.union_all([by_adcode[a] for a in spec.adcodes])
            outlines[spec.id] = codec.encode(union.boundary, 5)
    labelled = mapdata.labelled_units(atlas)
    around, shapes = neighbour_context(atlas.region, datum=datum)
    context = [mapdata.feature(g, {"adcode": a})
               for a, g in zip(around["adcode"], shapes, strict=True)]
    return {
        "context": {"type": "FeatureCollection", "features": context},
        "districts": {"type": "FeatureCollection", "features": mapdata.district_features(
            atlas, geometries, lang, labelled,
            mapdata.plan_card(atlas, lang, reality_cards))},
        "zones": {"type": "FeatureCollection",
                  "features": mapdata.zone_features(atlas, located, lang)},
        "outlines": outlines, "bounds": bounds,
        "answers": mapdata.answers(atlas, lang),
        "search": mapdata.search_index(atlas, lang),
        "labelAll": len(atlas.district_rows.rows) <= 100, "popup": mapdata.POPUP_OPTIONS,
        "fills": mapdata.FILLS,
        "words": {k: words[k] for k in ("via", "not_located", "no_match", "link_unknown",
                                            "link_ambiguous", "industry")},
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
            "pattern": spec.pattern, "adcodes": list(spec.adcodes), "zones": list(spec.zones),
            "points": [points[a] for a in spec.adcodes if a in points]}
