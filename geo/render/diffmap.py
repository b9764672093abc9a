"""The diff map: what changed between two plans of one region, as an offline layered map.

The page machinery of :mod:`.page` is reused: the district geometry is
embedded once, every layer is a view of it (``industryAtlas.diffView`` of
``diff.js``), text passes through the autoescaped templates of
:mod:`.content` and reaches the page only as JSON data.
"""

from __future__ import annotations

import folium
import numpy as np
import shapely
from jinja2 import Template

from ..compare import CHANGES, change_styles, comparison, zone_geometry
from ..geometry import simplified, to_datum
from ..plan import Text
from ..vocabulary import check_lang
from . import content
from .features import AtlasData, DistrictsLayer, OfflineAssets, Panel, ViewLayer
from .page import OfflineMap, feature, number_elements, source_view


class DiffLayer(ViewLayer):
    """One toggleable layer of the diff map: its places styled added, removed or unchanged."""

    _template = Template(
        """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = industryAtlas.diffView({{ this.data.get_name() }},
    {{ this.spec_json }}, {{ this.data.get_name() }}_notes);
{% endmacro %}"""
    )


def build_diff_map(plan_a, plan_b, lang: str = "both") -> folium.Map:
    """Build the offline map of the changes from plan ``a`` to plan ``b``.

    Parameters
    ----------
    plan_a, plan_b : str, path or Atlas
        The older and the newer plan, over one region.
    lang : {"zh", "en", "both"}
        Language of labels, tooltips, popups and panels.

    Returns
    -------
    folium.Map

    Raises
    ------
    AtlasError
        If the plans cover different regions.
    """
    check_lang(lang)
    compared = comparison(plan_a, plan_b, lang)
    words = content.words(lang)
    b = compared.b
    geometries = simplified(to_datum(b.districts.geometry.to_numpy(),
                                     b.districts.attrs.get("datum", "wgs84"), "wgs84"))
    minx, miny, maxx, maxy = shapely.total_bounds(geometries)
    fmap = OfflineMap(location=[(miny + maxy) / 2, (minx + maxx) / 2], zoom_start=9,
                      tiles=None, control_scale=True, prefer_canvas=False)
    OfflineAssets(extra=("diff.js", "diff.css")).add_to(fmap)
    data = AtlasData(_diff_data(compared, geometries, words, lang))
    data.add_to(fmap)
    DistrictsLayer(data, content.render("layer_label", color="#f4f1ea",
                                        label=words["districts"], drawn=True, t=words)
                   ).add_to(fmap)
    for spec in compared.layers:
        label = content.render("layer_label", color=spec.color, label=spec.counted_label(),
                               drawn=bool(spec.entries), t=words)
        DiffLayer(data, _spec_data(compared, spec, words, lang), label, spec.show
                  ).add_to(fmap)
    Panel(_legend(compared, words), "bottomright", "atlas-legend-panel").add_to(fmap)
    Panel(_info(compared, lang), "topleft", "atlas-info-panel").add_to(fmap)
    folium.LayerControl(position="topright", collapsed=False).add_to(fmap)
    fmap.fit_bounds([[miny, minx], [maxy, maxx]])
    number_elements(fmap)
    return fmap


def _leaflet_styles() -> dict:
    styles = {}
    for change, s in change_styles().items():
        styles[change] = {"color": s.color, "fillColor": s.color, "fillOpacity": s.fill_opacity,
                          "weight": 2.5, "dashArray": s.dash or None}
    return styles


def _diff_data(compared, geometries, words: dict, lang: str) -> dict:
    """Districts (all changes in their popups), located zones, and the change styles."""
    b = compared.b
    features = []
    for row, geometry in zip(b.districts.itertuples(), geometries, strict=True):
        features.append(feature(geometry, {
            "adcode": row.adcode,
            "tip": content.render("tooltip", d=row._asdict(), roles=[], lang=lang),
            "popup": _popup(_name(row.name_zh, row.name_en, lang), row.adcode,
                            _rows_at(compared, row.adcode), words)}))
    zones = []
    for zone_id in dict.fromkeys(z for s in compared.layers for z in s.zones):
        geometry = to_datum(np.array([zone_geometry(compared.a, b, zone_id)], dtype=object),
                            "wgs84", "wgs84")[0]
        zones.append(feature(geometry, {"id": zone_id}))
    return {"districts": {"type": "FeatureCollection", "features": features},
            "zones": {"type": "FeatureCollection", "features": zones},
            "outlines": {}, "styles": _leaflet_styles()}


def _name(zh: str, en: str, lang: str) -> str:
    return Text(zh, en).pick(lang)


def _rows_at(compared, place_id: str) -> list[dict]:
    """Every change at one place, over all layers."""
    return [_row(compared, spec.label, entry) for spec in compared.layers
            for entry in spec.entries if entry.place_id == place_id]


def _row(compared, label: str, entry) -> dict:
    cites = [(atlas.plan.id, cite) for atlas, cite in ((compared.a, entry.citation_a),
                                                        (compared.b, entry.citation_b)) if cite]
    return {"label": label, "change": entry.change, "cites": cites}


def _popup(heading: str, place: str, rows: list[dict], words: dict) -> str:
    return content.render("diff_popup", heading=heading, place=place, rows=rows, t=words)


def _spec_data(compared, spec, words: dict, lang: str) -> dict:
    note = ""
    if spec.notes:
        note = content.render("note", label=f"{spec.label} — {words['not_drawn']}",
                              notes=spec.notes)
    tips, popups = {}, {}
    for entry in spec.entries:
        tips[entry.place_id] = content.render(
            "tooltip", d={"name_zh": entry.name_zh, "name_en": entry.name_en}, lang=lang,
            roles=[f"{spec.label}: {words[entry.change]}"])
        popups[entry.place_id] = _popup(entry.name(lang), entry.place_id,
                                        [_row(compared, spec.label, entry)], words)
    return {"id": spec.id, "kind": spec.kind, "changes": spec.changes(), "tips": tips,
            "popups": popups, "note": note}


def _legend(compared, words: dict) -> str:
    styles = [{"change": c, "color": s.color, "border": s.css_border}
              for c, s in change_styles().items() if c in CHANGES]
    return content.render("diff_legend", styles=styles, unchanged=compared.unchanged,
                          notes=compared.notes, t=words)


def _info(compared, lang: str) -> str:
    plans = [{"id": atlas.plan.id, "title": atlas.plan.title.pick(lang),
              "sources": [source_view(s, lang) for s in atlas.plan.sources]}
             for atlas in (compared.a, compared.b)]
    return content.render("diff_info", title=compared.title, plans=plans)
