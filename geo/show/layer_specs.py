"""Layer specs: what the maps and figures draw, one per layout element and per industry.

A layer does not carry geometry: it names the districts it shows (by
adcode), so the map embeds the district geometry once and draws every layer
as a view of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import colours


@dataclass(frozen=True)
class LayerSpec:
    """One toggleable map layer.

    Attributes
    ----------
    id : str
        ``"layout:<element id>"`` or ``"industry:<industry id>"``.
    kind : str
        ``"layout"`` or ``"industry"``.
    label : str
        Plain-text name in the chosen language (escaped where it is drawn).
    color : str
        The element's or industry's colour (:mod:`geo.show.colours`).
    adcodes : tuple of str
        Districts drawn.
    zones : tuple of str
        Located zones drawn (as points).
    outline : bool
        Draw the union of the districts as one outline (a corridor).
    notes : tuple of str
        What the layer cannot draw: unlocated elements and zones.
    show : bool
        Shown when the map opens.
    pattern : str
        The layer's second encoding (:data:`geo.show.colours.PATTERNS`), ``""`` for none.
    """

    id: str
    kind: str
    label: str
    color: str
    adcodes: tuple[str, ...]
    zones: tuple[str, ...] = ()
    outline: bool = False
    notes: tuple[str, ...] = field(default=())
    show: bool = False
    pattern: str = ""


def build_layers(atlas, lang: str = "both") -> list[LayerSpec]:
    """Layer specs of an atlas: layout elements first, then industries by group."""
    plan = atlas.plan
    palette = colours.of_plan(plan)
    layers = []
    for element in plan.layout:
        adcodes = tuple(m.key for m in element.members if m.kind == "district")
        zones = tuple(m.key for m in element.members if m.kind == "zone")
        notes = [_zone_note(plan, z, lang) for z in zones]
        if not element.members:
            where = element.extent or "not located"
            notes.append(f"{element.name.pick(lang)}: {where}")
        layers.append(LayerSpec(f"layout:{element.id}", "layout", element.name.pick(lang),
                                palette.element(element.id), adcodes, _located(plan, zones),
                                outline=element.kind == "corridor",
                                notes=tuple(n for n in notes if n), show=True))
    hosts: dict[str, dict[str, dict]] = {}  # industry -> place kind -> ordered keys
    for row in atlas.hosting_rows:
        key = row.element if row.place_kind == "not located" else row.place_id
        hosts.setdefault(row.industry, {}).setdefault(row.place_kind, {})[key] = None
    for industry in plan.industries:
        found = hosts.get(industry.id, {})
        adcodes = tuple(found.get("district", ()))
        zones = tuple(found.get("zone", ()))
        notes = [_zone_note(plan, z, lang) for z in zones]
        for element_id in found.get("not located", ()):
            element = plan.element(element_id)
            notes.append(f"{industry.name.pick(lang)} → {element.name.pick(lang)}: "
                         f"{element.extent or 'not located'}")
        if not found:
            notes.append(f"{industry.name.pick(lang)}: not assigned to any place")
        layers.append(LayerSpec(f"industry:{industry.id}", "industry", industry.name.pick(lang),
                                palette.industry(industry.id), adcodes, _located(plan, zones),
                                notes=tuple(n for n in notes if n),
                                pattern=palette.pattern(industry.id)))
    return layers


def _zone_note(plan, zone_id: str, lang: str) -> str:
    zone = plan.zone(zone_id)
    if zone.geometry is not None:
        return ""
    return f"{zone.name.pick(lang)}: {zone.precision} (no boundary in the plan)"


def _located(plan, zone_ids) -> tuple[str, ...]:
    return tuple(z for z in zone_ids if plan.zone(z).geometry is not None)
