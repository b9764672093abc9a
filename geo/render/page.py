"""Assembling the offline map of an atlas."""

from __future__ import annotations

import folium
import numpy as np
import shapely
import shapely.geometry

from .. import basemaps, settings
from ..figures.indicators import indicator_charts
from ..geometry import simplified, to_datum
from ..layer_specs import LayerSpec
from ..vocabulary import check_lang, word
from . import codec, content
from .features import AtlasData, DistrictsLayer, OfflineAssets, Panel, ViewLayer


class OfflineMap(folium.Map):
    """A folium map that links nothing from the network: assets come inlined."""

    default_js: list = []
    default_css: list = []


def build_map(atlas, lang: str = "both", basemap: str = basemaps.NONE,
              tianditu_key: str | None = None, prefix: str = "") -> folium.Map:
    """Build the layered offline map of ``atlas``.

    Parameters
    ----------
    atlas : Atlas
    lang : {"zh", "en", "both"}
        Language of labels, tooltips, popups and panels.
    basemap : str
        A name of :func:`geo.basemaps.names`; its datum decides the coordinates written.
    tianditu_key : str, optional
        Key of the ``"tianditu"`` basemap (default: environment ``TIANDITU_KEY``).
    prefix : str
        Prefix of every element id and script variable (a fragment's own names).
        A fragment is usually small: its layer list and legend start folded.

    Returns
    -------
    folium.Map
    """
    check_lang(lang)
    plan = atlas.plan
    tiles = basemaps.resolve(basemap, tianditu_key)
    words = content.words(lang)
    specs = atlas.layers(lang)
    source_datum = atlas.districts.attrs.get("datum", "wgs84")
    geometries = simplified(to_datum(atlas.districts.geometry.to_numpy(), source_datum,
                                     tiles.datum))
    minx, miny, maxx, maxy = shapely.total_bounds(geometries)

    fmap = OfflineMap(location=[(miny + maxy) / 2, (minx + maxx) / 2], zoom_start=9,
                      tiles=None, control_scale=True, prefer_canvas=False)
    OfflineAssets().add_to(fmap)
    for layer in tiles.tiles:
        folium.TileLayer(tiles=layer.url, attr=layer.attribution, name=tiles.name,
                         subdomains=layer.subdomains, max_zoom=layer.max_zoom,
                         overlay=False, control=False).add_to(fmap)
    data = AtlasData(_map_data(atlas, specs, geometries, words, lang, tiles.datum))
    data.add_to(fmap)
    DistrictsLayer(data, content.render("layer_label", color="#f4f1ea",
                                        label=words["districts"], drawn=True, t=words)
                   ).add_to(fmap)
    points = _marker_points(list(atlas.districts["adcode"]), geometries)
    for spec in specs:
        label = content.render("layer_label", color=spec.color, label=spec.label,
                               drawn=bool(spec.adcodes or spec.zones), t=words)
        ViewLayer(data, _spec_data(spec, words, points), label, spec.show).add_to(fmap)
    compact = bool(prefix)
    Panel(_legend(atlas, specs, words, lang, open_=not compact), "bottomright",
          "atlas-legend-panel").add_to(fmap)
    Panel(content.render("info", title=plan.title.pick(lang), t=words,
                         sources=[source_view(s, lang) for s in plan.sources],
                         notes=plan.notes, charts=indicator_charts(plan, lang)),
          "topleft", "atlas-info-panel").add_to(fmap)
    folium.LayerControl(position="topright", collapsed=compact).add_to(fmap)
    fmap.fit_bounds([[miny, minx], [maxy, maxx]])
    number_elements(fmap, prefix)
    return fmap


def _map_data(atlas, specs: list[LayerSpec], geometries, words: dict, lang: str,
              datum: str) -> dict:
    plan = atlas.plan
    element_names = {e.id: e.name.pick(lang) for e in plan.layout}
    facts = {}
    for fact in atlas.hosting.to_dict("records"):
        facts.setdefault(fact["place_id"], []).append(fact)
    features = []
    for row, geometry in zip(atlas.districts.itertuples(), geometries, strict=True):
        roles = [element_names[e] for e in row.elements]
        features.append(feature(geometry, {
            "adcode": row.adcode,
            "tip": content.render("tooltip", d=row._asdict(), roles=roles, lang=lang),
            "popup": content.render("popup", d=row._asdict(), roles=roles, t=words, lang=lang,
                                    area=f"{row.area_km2:,.0f}",
                                    rows=_popup_rows(plan, facts.get(row.adcode, []),
                                                    element_names, lang)),
        }))
    zones = []
    for zone in plan.zones:
        if zone.geometry is None:
            continue
        view = {"name_zh": zone.name.zh, "name_en": zone.name.en, "adcode": zone.precision}
        geometry = to_datum(np.array([zone.geometry], dtype=object), "wgs84", datum)[0]
        zones.append(feature(geometry, {
            "id": zone.id,
            "tip": content.render("tooltip", d=view, roles=[zone.kind], lang=lang),
            "popup": content.render("popup", d=view, roles=[zone.kind], t=words, area="—",
                                    lang=lang,
                                    rows=_popup_rows(plan, facts.get(zone.id, []),
                                                    element_names, lang)),
        }))
    outlines = {}
    by_adcode = dict(zip(atlas.districts["adcode"], geometries, strict=True))
    for spec in specs:
        if spec.outline and spec.adcodes:
            union = shapely.union_all([by_adcode[a] for a in spec.adcodes])
            outlines[spec.id] = codec.encode(union.boundary, settings.coordinate_precision)
    return {"districts": {"type": "FeatureCollection", "features": features},
            "zones": {"type": "FeatureCollection", "features": zones},
            "outlines": outlines}


def feature(geometry, properties: dict) -> dict:
    """A GeoJSON feature whose geometry is encoded by :func:`geo.render.codec.encode`."""
    return {"type": "Feature", "properties": properties,
            "geometry": codec.encode(geometry, settings.coordinate_precision)}


def _popup_rows(plan, facts: list[dict], element_names: dict, lang: str) -> list[dict]:
    out = []
    for r in facts:
        industry = plan.industry(r["industry"])
        out.append({"industry": industry.name.pick(lang),
                    "via": element_names.get(r["element"], word("direct", lang)),
                    "source": plan.source(r["source"]).cite(lang=lang),
                    "where": r["where"], "basis": r["basis"]})
    return out


def _marker_points(adcodes, geometries) -> dict:
    """A point inside each unit ([lat, lon]) when the map has too many units to see
    small ones; empty otherwise."""
    if len(adcodes) <= settings.marker_threshold:
        return {}
    inside = shapely.point_on_surface(geometries)
    digits = settings.coordinate_precision
    return {a: [round(p.y, digits), round(p.x, digits)]
            for a, p in zip(adcodes, inside, strict=True)}


def _spec_data(spec: LayerSpec, words: dict, points: dict) -> dict:
    note = ""
    if spec.notes:
        note = content.render("note", label=f"{spec.label} — {words['not_drawn']}",
                              notes=spec.notes)
    return {"id": spec.id, "kind": spec.kind, "color": spec.color,
            "adcodes": list(spec.adcodes), "zones": list(spec.zones), "note": note,
            "points": [points[a] for a in spec.adcodes if a in points]}


def _legend(atlas, specs: list[LayerSpec], words: dict, lang: str, open_: bool = True) -> str:
    plan = atlas.plan
    layout = [s for s in specs if s.kind == "layout"]
    by_id = {s.id: s for s in specs}
    groups = []
    for group in plan.groups:
        members = [by_id[f"industry:{i.id}"] for i in plan.industries if i.group == group.id]
        groups.append({"label": group.name.pick(lang), "layers": members})
    ungrouped = [by_id[f"industry:{i.id}"] for i in plan.industries if not i.group]
    if ungrouped:
        groups.append({"label": words["industries"], "layers": ungrouped})
    zones = [f"{z.name.pick(lang)} ({z.kind}; {z.precision})"
             for z in plan.zones if z.geometry is None]
    return content.render("legend", layout=layout, groups=groups, zones=zones, t=words,
                          open=open_)


def source_view(source, lang: str) -> dict:
    """What the info panel shows of a source: title, publisher, date, file."""
    return {"title": source.title.pick(lang), "publisher": source.publisher,
            "date": source.date, "file": source.file}


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
