"""The diff map: what changed between two plans of one region, as an offline layered map.

The page machinery of :mod:`.page` is reused: the district geometry is
embedded once, every layer is a view of it (``industryAtlas.diffView`` of
``diff.js``), text passes through the autoescaped templates of
:mod:`.content` and reaches the page only as JSON data.
"""

from __future__ import annotations

import shapely

from ..show.diff_layers import CHANGES, change_styles, comparison, newest_geometry
from ..show.geometry import simplified, to_datum
from ..vocabulary import BOTH, Lang
from . import content, mapdata
from .features import (
    AtlasData,
    DistrictsLayer,
    OfflineAssets,
    OfflineMap,
    OfflinePage,
    PageScript,
    ViewLayer,
    as_folium,
)


class DiffLayer(ViewLayer):
    """One toggleable layer of the diff map: its places styled added, removed or unchanged."""

    draw = "diffView"


def build_diff_map(a, b, lang: Lang = BOTH):
    """Build the offline map page of the changes from atlas ``a`` to atlas ``b``.

    Parameters
    ----------
    a, b : Atlas
        The older and the newer plan, over one region.
    lang : geo.vocabulary.Lang
        Language of labels, cards and the panel (made at the entry: ``Lang.of``).

    Returns
    -------
    folium.Map
        The panel holds one toggle per changed element and industry with places to
        draw (each its own colour, with its counts), the key of the change styles,
        the unchanged ones, and the changes of what neither plan locates as notes.

    Raises
    ------
    AtlasError
        If the plans cover different regions.
    """
    compared = comparison(a, b, lang.code)
    words = lang.words("map")
    b = compared.b
    geometries = simplified(to_datum(b.districts.geometry.to_numpy(),
                                     b.districts.attrs.get("datum", "wgs84"), "wgs84"))
    bounds = tuple(float(v) for v in shapely.total_bounds(geometries))
    styles = change_styles()
    drawn = [spec for spec in compared.layers if spec.entries]  # the rest are notes
    panel = content.render(
        "panel", box="aside", heading="h1", sub="h2", ids="atlas", title=compared.title,
        meta=f"{lang.pick(compared.a.plan.title)} → {lang.pick(compared.b.plan.title)}",
        t=words, industries=[],
        groups=[{"label": words["changes"], "layers": [
            mapdata.toggle_view(spec, count=spec.count_text()) for spec in drawn]}],
        legend=[{"label": words[c], "color": s.color, "border": s.css_border,
                 "edge": s.color} for c, s in styles.items() if c in CHANGES],
        unchanged=list(compared.unchanged), places=list(compared.notes), notes="", roles=[],
        charts=[],
        sources=[{"heading": f"{atlas.plan.id}: {lang.pick(atlas.plan.title)}",
                  "entries": [mapdata.source_view(s, lang) for s in atlas.plan.sources]}
                 for atlas in (compared.a, compared.b)])
    page = OfflinePage(lang, compared.title)
    fmap = OfflineMap(panel, bounds).add_to(page)
    OfflineAssets(extra=("diff.js", "diff.css")).add_to(fmap)
    data = AtlasData(_diff_data(compared, geometries, lang, bounds))
    data.add_to(fmap)
    DistrictsLayer(data).add_to(fmap)
    for spec in drawn:
        DiffLayer(data, _spec_data(compared, spec, lang)).add_to(fmap)
    PageScript(data).add_to(fmap)
    return as_folium(page)


def _leaflet_styles() -> dict:
    styles = {}
    for change, s in change_styles().items():
        styles[change] = {"fillColor": s.color, "fillOpacity": s.fill_opacity,
                          "weight": 2.5, "dashArray": s.dash or None}
    return styles


def _diff_data(compared, geometries, lang: Lang, bounds) -> dict:
    """Districts (all changes in their cards), located zones, the change styles."""
    b = compared.b
    words = lang.words("map")

    def card_of(row, name: str) -> str:
        return _card(name, row.adcode, _rows_at(compared, row.adcode), lang)

    features = mapdata.district_features(b, geometries, lang, mapdata.labelled_units(b),
                                         card_of)
    zones = []
    for zone_id in dict.fromkeys(z for s in compared.layers for z in s.zones):
        geometry = newest_geometry(compared.a, b, zone_id)
        zones.append(mapdata.feature(geometry, {"id": zone_id}))
    return {"districts": {"type": "FeatureCollection", "features": features},
            "zones": {"type": "FeatureCollection", "features": zones},
            "outlines": {}, "styles": _leaflet_styles(), "bounds": bounds, "answers": {},
            "search": mapdata.search_index(b, lang), "labelAll": len(b.districts) <= 100,
            "popup": mapdata.POPUP_OPTIONS, "fills": mapdata.FILLS,
            "words": {k: words[k] for k in ("via", "not_located", "no_match")},
            "preset": {"industry": "", "district": "", "layers": None}}


def _rows_at(compared, place_id: str) -> list[dict]:
    """Every change at one place, over all layers."""
    return [_row(compared, spec.label, entry) for spec in compared.layers
            for entry in spec.entries if entry.place_id == place_id]


def _row(compared, label: str, entry) -> dict:
    cites = [(atlas.plan.id, cite) for atlas, cite in ((compared.a, entry.citation_a),
                                                        (compared.b, entry.citation_b)) if cite]
    return {"label": label, "change": entry.change, "cites": cites}


def _card(heading: str, place: str, rows: list[dict], lang: Lang) -> str:
    return content.render("diff_card", heading=heading, place=place, rows=rows,
                          t=lang.words("map"))


def _spec_data(compared, spec, lang: Lang) -> dict:
    cards = {e.place_id: _card(e.name(lang.code), e.place_id, [_row(compared, spec.label, e)],
                               lang)
             for e in spec.entries}
    names = {e.place_id: f"{e.name(lang.code)} — {spec.label}: {lang.word(e.change, 'map')}"
             for e in spec.entries}
    return {"id": spec.id, "kind": spec.kind, "color": spec.color, "show": spec.show,
            "pattern": spec.pattern, "changes": spec.changes(), "names": names, "cards": cards}
