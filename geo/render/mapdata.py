"""What a map page embeds: districts with their cards and labels, the answers to the
industry question, the search index and the panel's content.

Pure data, built from public names of the Atlas; the page script (``atlas.js``)
draws it. Text that reaches the page as HTML (cards, notes) comes from the
autoescaped templates of :mod:`.content`; every other text is set with
``textContent`` by the script.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np

from .. import settings
from ..places import boundaries
from ..places.names import ascii_spellings, strip_zh_suffix
from ..plan.model import DIRECT, Text
from ..show import colours
from ..vocabulary import Lang
from . import codec, content
from .labels import label_candidates

#: Popups keep clear of the zoom buttons (top left) and the scale bar (bottom left).
POPUP_OPTIONS = {"maxWidth": 300, "autoPanPaddingTopLeft": [56, 90],
                 "autoPanPaddingBottomRight": [12, 46]}

#: The fills the page script draws (``data.fills``): base colour and opacities.
FILLS = {"base": colours.BASE_FILL, **colours.FILL_OPACITY}

SEARCH_DROP = re.compile(r"[\s'’\-·.,]")  # atlas.js's norm drops the same (a test checks)


def search_form(text: str) -> str:
    """A name as the page's search compares it: NFKC, lower case, no spaces, apostrophes,
    hyphens, dots or commas (``norm`` in atlas.js folds typed text the same way)."""
    return SEARCH_DROP.sub("", unicodedata.normalize("NFKC", str(text)).lower())


def feature(geometry, properties: dict) -> dict:
    """A GeoJSON feature whose geometry is encoded by :func:`geo.render.codec.encode`."""
    return {"type": "Feature", "properties": properties,
            "geometry": codec.encode(geometry, settings.coordinate_precision)}


def label_text(name_zh: str, name_en: str, lang: Lang) -> str:
    """A district's label: the short Chinese name, the English name, or both on two lines."""
    short = strip_zh_suffix(name_zh)
    if lang.code == "zh":
        return short
    if lang.code == "en":
        return name_en
    return f"{short}\n{name_en}"


def _element_names(plan, lang: Lang) -> dict[str, str]:
    names = {e.id: lang.pick(e.name) for e in plan.layout}
    names[DIRECT] = lang.word("direct")
    return names


def hosting_by_place(atlas) -> dict[str, list]:
    """The rows of ``atlas.hosting`` by place, in their order: grouped once per page."""
    rows: dict[str, list] = {}
    for r in atlas.hosting_rows:
        rows.setdefault(r.place_id, []).append(r)
    return rows


def card(atlas, place: str, name: str, code: str, area: str, element_ids, lang: Lang,
         reality: dict | None = None, hosting: dict | None = None) -> str:
    """The card of a district or zone: its elements with their citations, then its
    industries grouped by citation (one citation line per distinct citation), then
    ``reality``: firm counts, LQ and status (:func:`geo.render.reality.card_lines`).
    ``hosting`` is :func:`hosting_by_place` of the atlas, when a caller makes many cards."""
    plan = atlas.plan
    names = _element_names(plan, lang)
    elements = []
    for element_id in element_ids:
        e = plan.element(element_id)
        elements.append({"name": lang.pick(e.name),
                         "cite": plan.cite(e.citation.source, e.citation.where,
                                           e.citation.basis, lang.code)})
    groups: dict[str, dict] = {}
    hosting = hosting if hosting is not None else hosting_by_place(atlas)
    for r in hosting.get(place, ()):
        cite = plan.cite(r.source, r.where, r.basis, lang.code)
        group = groups.setdefault(cite, {"cite": cite, "industries": {}})
        industry = group["industries"].setdefault(
            r.industry, {"name": lang.pick(plan.industry(r.industry).name), "via": []})
        if names[r.element] not in industry["via"]:
            industry["via"].append(names[r.element])
    view = [{"cite": g["cite"], "industries": [{"name": i["name"], "via": ", ".join(i["via"])}
                                               for i in g["industries"].values()]}
            for g in groups.values()]
    return content.render("card", name=name, code=code, area=area, elements=elements,
                          groups=view, reality=reality, t=lang.words("map"))


def plan_card(atlas, lang: Lang, reality: dict | None = None):
    """``card_of(row, name)`` for :func:`district_features`: a plan's district card, with
    ``reality[adcode]`` lines (firm counts, LQ, status) when given."""
    lines = reality or {}
    hosting = hosting_by_place(atlas)

    def card_of(row, name: str) -> str:
        return card(atlas, row.adcode, name, row.adcode, f"{row.area_km2:,.0f}", row.elements,
                    lang, lines.get(row.adcode), hosting)

    return card_of


def unit_names(atlas, lang: Lang) -> dict[str, str]:
    """Each district's name as the page shows it (乐清市 / Yueqing), by adcode; on a map
    whose units lie in more than one parent unit, with its parent, so that namesakes
    differ: ``朝阳区 · 北京市 / Chaoyang, Beijing``, ``朝阳区 · 长春市 / Chaoyang,
    Changchun``."""
    parents = named_parents(atlas)
    names = {}
    for a, zh, en, *_ in atlas.district_rows.rows:
        up = parents.get(a)
        names[a] = lang.pick(Text(f"{zh} · {up.name_zh}", f"{en}, {up.name_en}") if up
                             else Text(zh, en))
    return names


def named_parents(atlas) -> dict:
    """The parent unit of each district (:func:`geo.places.boundaries.parent`), by adcode,
    when the map's units lie in more than one; else empty (a city's map names none)."""
    parents = {a: boundaries.parent(boundaries.unit(a)) for a in atlas.district_rows.adcodes}
    if len({p.adcode if p else "" for p in parents.values()}) <= 1:
        return {}
    return {a: p for a, p in parents.items() if p}


def district_features(atlas, geometries, lang: Lang, labelled: set, card_of) -> list[dict]:
    """One feature per district: its name, its card (``card_of(row, name)``, escaped
    HTML), and for labelled districts the label candidates, text and placing rank
    (smallest first)."""
    features = []
    rows = atlas.district_rows.rows
    areas = np.array([r.area_km2 for r in rows], dtype=float)
    rank = {rows[i].adcode: n for n, i in enumerate(np.argsort(areas))}
    names = unit_names(atlas, lang)
    for row, geometry in zip(rows, geometries, strict=True):
        name = names[row.adcode]
        properties = {"adcode": row.adcode, "name": name, "card": card_of(row, name)}
        if row.adcode in labelled:
            properties.update(label=label_candidates(geometry), rank=rank[row.adcode],
                              short=label_text(row.name_zh, row.name_en, lang),
                              highlighted=True)
        features.append(feature(geometry, properties))
    return features


def zone_features(atlas, geometries: dict, lang: Lang) -> list[dict]:
    """One feature per zone the plan locates (a point or an area)."""
    features = []
    hosting = hosting_by_place(atlas)
    for zone in atlas.plan.zones:
        if zone.id not in geometries:
            continue
        name = lang.pick(zone.name)
        features.append(feature(geometries[zone.id], {
            "id": zone.id, "name": name,
            "card": card(atlas, zone.id, name, f"{zone.kind}; {zone.precision}", "", (),
                         lang, hosting=hosting)}))
    return features


def labelled_units(atlas) -> set:
    """The districts that get a permanent label: all of them on a regional map, only
    those in a layout element or hosting an industry on a map of over
    ``settings.marker_threshold`` units."""
    rows = atlas.district_rows.rows
    if len(rows) <= settings.marker_threshold:
        return {r.adcode for r in rows}
    return {r.adcode for r in rows if r.elements or r.industries}


def answers(atlas, lang: Lang) -> dict:
    """Per industry, the page's answer: the same places as ``districts_hosting``, lit in
    the industry's colour."""
    plan = atlas.plan
    words = lang.words("map")
    palette = colours.of_plan(plan)
    names = _element_names(plan, lang)
    hosting = atlas.hosting_rows
    district = {r.adcode: r for r in atlas.district_rows.rows}
    cites: dict = {}
    for r in hosting:
        cite = plan.cite(r.source, r.where, r.basis, lang.code)
        found = cites.setdefault((r.place_id, r.industry), [])
        if cite not in found:
            found.append(cite)
    out = {}
    for industry in plan.industries:
        found = atlas.hosts(industry.id)
        places = [{"place": a, "name": lang.pick(Text(district[a].name_zh, district[a].name_en)),
                   "via": [names[e] for e in elements],
                   "cites": cites.get((a, industry.id), [])}
                  for a, elements in zip(found.adcodes, found.elements, strict=True)]
        for zone_id in found.zones:
            zone = plan.zone(zone_id)
            via = [r.element for r in hosting
                   if r.place_id == zone_id and r.industry == industry.id]
            places.append({"place": zone_id, "name": lang.pick(zone.name),
                           "via": [names[e] for e in dict.fromkeys(via)],
                           "cites": cites.get((zone_id, industry.id), [])})
        unlocated = [{"element": e, "name": lang.pick(plan.element(e).name),
                      "extent": plan.element(e).extent} for e in found.unlocated]
        status = found.status
        summary = {"located": lang.count(len(places), "place_count", "places_count", "map"),
                   "not located": words["status_not_located"],
                   "not assigned": words["status_not_assigned"]}[status]
        out[industry.id] = {"name": lang.pick(industry.name), "status": status,
                            "color": palette.industry(industry.id),
                            "summary": summary, "places": places, "unlocated": unlocated}
    return out


def search_index(atlas, lang: Lang) -> list[dict]:
    """Every district by its name forms: full and short Chinese name, English name,
    pinyin without tones or spaces, adcode; where :func:`named_parents` names parents,
    also each name followed by its parent's (朝阳北京, chaoyang beijing). Named as
    :func:`unit_names` names it."""
    entries, names, parents = [], unit_names(atlas, lang), named_parents(atlas)
    for row in atlas.district_rows.rows:
        forms = {row.adcode, row.name_zh, strip_zh_suffix(row.name_zh),
                 search_form(row.name_en), *ascii_spellings(row.name_en)}
        up = parents.get(row.adcode)
        if up:
            forms |= {row.name_zh + up.name_zh,
                      strip_zh_suffix(row.name_zh) + strip_zh_suffix(up.name_zh),
                      row.name_en + up.name_en}
        entries.append({"place": row.adcode, "name": names[row.adcode],
                        "forms": sorted(search_form(f) for f in forms if f)})
    return entries


def industry_groups(atlas, lang: Lang) -> list[dict]:
    """The picker's options: the plan's industries by group (the "3", the "5", ...)."""
    plan = atlas.plan
    groups = [{"label": lang.pick(g.name),
               "options": [{"id": i.id, "label": lang.pick(i.name)}
                         for i in plan.industries if i.group == g.id]} for g in plan.groups]
    ungrouped = [{"id": i.id, "label": lang.pick(i.name)} for i in plan.industries
                 if not i.group]
    if ungrouped:
        groups.append({"label": lang.word("industries", "map"), "options": ungrouped})
    return [g for g in groups if g["options"]]


def layer_groups(atlas, specs, lang: Lang) -> list[dict]:
    """The panel's toggles: layout elements, then industries by group; each toggle is
    its own legend entry (swatch, name, what it cannot draw)."""
    plan = atlas.plan
    words = lang.words("map")
    by_id = {s.id: s for s in specs}

    groups = [{"label": words["layout"],
               "layers": [toggle_view(s) for s in specs if s.kind == "layout"]}]
    for group in plan.groups:
        members = [toggle_view(by_id[f"industry:{i.id}"]) for i in plan.industries
                   if i.group == group.id]
        groups.append({"label": lang.pick(group.name), "layers": members})
    ungrouped = [toggle_view(by_id[f"industry:{i.id}"]) for i in plan.industries if not i.group]
    if ungrouped:
        groups.append({"label": words["industries"], "layers": ungrouped})
    return [g for g in groups if g["layers"]]


def toggle_view(spec, count: str = "", border: str = "", edge: str = "") -> dict:
    """What the panel shows of a layer: its toggle, swatch, name and notes."""
    return {"id": spec.id, "label": spec.label, "color": spec.color, "show": spec.show,
            "drawn": bool(spec.adcodes or spec.zones), "notes": list(spec.notes),
            "count": count, "border": border, "edge": edge,
            "pattern": spec.pattern}


def roles_view(plan, lang: Lang) -> list[dict]:
    """What the panel shows of the plan's region-wide roles: name, industries, citation."""
    return [{"name": lang.pick(r.name),
             "industries": [lang.pick(plan.industry(i).name) for i in r.industries],
             "cite": plan.cite(r.citation.source, r.citation.where, r.citation.basis,
                               lang.code)}
            for r in plan.roles]


def source_view(source, lang: Lang) -> dict:
    """What the panel shows of a source: title, publisher, date, file."""
    return {"title": lang.pick(source.title), "publisher": source.publisher,
            "date": source.date, "file": source.file}
