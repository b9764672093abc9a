"""The layers of a plan diff: what the diff map (:mod:`geo.render.diffmap`) and the diff
figure (:mod:`geo.figures.diff`) draw.

:func:`comparison` turns :func:`geo.compare.diff` into one :class:`DiffLayerSpec` per
layout element and per industry that changed; what has no place becomes a note, never
a drawn guess. :func:`change_styles` is how each kind of change is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import settings
from ..compare import CHANGES, change_counts, diff, industry_matches
from ..vocabulary import Text
from . import colours
from .layer_specs import LayerSpec


@dataclass(frozen=True)
class ChangeStyle:
    """How one kind of change is drawn, on the map and in figures.

    Attributes
    ----------
    color : str
    dash : str
        SVG dash pattern of the outline (``""`` for a solid line).
    css_border : str
        The same line as a CSS border style (legend swatches).
    hatch : str
        matplotlib hatch of the fill in figures.
    fill_opacity : float
    """

    color: str
    dash: str
    css_border: str
    hatch: str
    fill_opacity: float


def change_styles() -> dict[str, ChangeStyle]:
    """The style of each change, coloured by ``settings.diff_colors``."""
    colors = settings.diff_colors
    return {"added": ChangeStyle(colors["added"], "", "solid", "", 0.55),
            "removed": ChangeStyle(colors["removed"], "8 5", "dashed", "////", 0.3),
            "unchanged": ChangeStyle(colors["unchanged"], "2 4", "dotted", "..", 0.3)}


@dataclass(frozen=True)
class DiffEntry:
    """One row of the comparison inside a layer: a place and how it changed."""

    place_id: str
    name_zh: str
    name_en: str
    change: str
    citation_a: str
    citation_b: str

    def name(self, lang: str = "both") -> str:
        """The place's name in ``lang``."""
        return Text(self.name_zh, self.name_en).pick(lang)


@dataclass(frozen=True)
class DiffLayerSpec(LayerSpec):
    """A :class:`~geo.show.layer_specs.LayerSpec` whose places are styled by their change.

    Attributes
    ----------
    entries : tuple of DiffEntry
        Every drawn place (``adcodes`` and ``zones``) with its change and citations.
    totals : tuple of int
        Rows of the diff added, removed and unchanged in this layer, drawn or not
        (:func:`geo.compare.change_counts`: the CLI lists the same rows).
    """

    entries: tuple[DiffEntry, ...] = ()
    totals: tuple[int, int, int] = (0, 0, 0)

    def changes(self) -> dict[str, str]:
        """Drawn place (adcode or zone id) -> ``added``, ``removed`` or ``unchanged``."""
        return {e.place_id: e.change for e in self.entries}

    def counts(self) -> dict[str, int]:
        """How many of the layer's places were added, removed or kept, drawn or not."""
        return dict(zip(CHANGES, self.totals, strict=True))

    def counted_label(self) -> str:
        """The label with its counts: ``"Southern core (+1 −0 =2)"``."""
        return f"{self.label} ({self.count_text()})"

    def count_text(self) -> str:
        """``"+1 −0 =2"``: places added, removed and unchanged, drawn or not."""
        n = self.counts()
        return f"+{n['added']} −{n['removed']} ={n['unchanged']}"


@dataclass(frozen=True)
class Comparison:
    """Two atlases of one region, their changes and the layers drawing them.

    Attributes
    ----------
    a, b : Atlas
        The older and the newer plan.
    changes : pandas.DataFrame
        ``geo.diff(a, b, unchanged=True)``.
    layers : tuple of DiffLayerSpec
        One per layout element and per industry with an added or removed row.
    unchanged : tuple of str
        Labels of the elements and industries that did not change.
    notes : tuple of str
        Every unlocated entry and every zone without a boundary, for the legend.
    """

    a: object
    b: object
    changes: object
    layers: tuple[DiffLayerSpec, ...]
    unchanged: tuple[str, ...]
    notes: tuple[str, ...]

    @property
    def title(self) -> str:
        """``"<a id> → <b id>"``."""
        return f"{self.a.plan.id} → {self.b.plan.id}"


def comparison(a, b, lang: str = "both") -> Comparison:
    """The layers of the comparison of two atlases ``a`` (older) and ``b`` (newer).

    Raises
    ------
    AtlasError
        If the plans cover different regions (before anything is drawn).
    """
    changes = diff(a, b, unchanged=True)
    palette = colours.of_diff(a.plan, b.plan, industry_matches(a.plan, b.plan))
    layers, unchanged, notes = [], [], []
    for kind, key, label in _subjects(a, b, changes, lang):
        rows = changes[changes[kind] == key]
        color = palette.element(key) if kind == "element" else palette.industry(key)
        spec = _layer(a, b, kind, key, label, rows, lang, color,
                      palette.pattern(key) if kind == "industry" else "")
        notes += spec.notes
        if {"added", "removed"} & set(rows["change"]):
            layers.append(spec)
        else:
            unchanged.append(label)
    return Comparison(a, b, changes, tuple(layers), tuple(unchanged),
                      tuple(dict.fromkeys(notes)))


def _subjects(a, b, changes, lang: str):
    """``(column, id, label)`` of every element, then every industry, in ``b``'s order."""
    elements = {e.id: e.name for e in (*a.plan.layout, *b.plan.layout)}
    matches = industry_matches(a.plan, b.plan)
    industries = {i.id: i.name for i in a.plan.industries}
    for i in b.plan.industries:
        industries.setdefault(matches[i.id], i.name)
    order = [e.id for e in b.plan.layout] + [e.id for e in a.plan.layout]
    for key in dict.fromkeys(order):
        if key in set(changes["element"]):
            yield "element", key, elements[key].pick(lang)
    order = [matches[i.id] for i in b.plan.industries] + [i.id for i in a.plan.industries]
    for key in dict.fromkeys(order):
        if key in set(changes["industry"]):
            yield "industry", key, industries[key].pick(lang)


def _layer(a, b, kind: str, key: str, label: str, rows, lang: str,
           color: str, pattern: str = "") -> DiffLayerSpec:
    zones = {z.id: z for z in (*a.plan.zones, *b.plan.zones)}
    adcodes = set(a.districts["adcode"])
    drawn, notes = [], []
    for r in rows.itertuples():
        entry = DiffEntry(r.place_id, r.name_zh, r.name_en, r.change, r.citation_a,
                          r.citation_b)
        if r.place_id in adcodes or _located(a, b, r.place_id):
            drawn.append(entry)
        elif r.place_id in zones:
            zone = zones[r.place_id]
            notes.append(f"{label} — {entry.name(lang)}: {r.change}; {zone.precision} "
                         "(no boundary in the plan)")
        else:
            notes.append(f"{label}: {r.change}; not located by "
                         f"{_sides(a, b, r)}{_extent(a, b, key if kind == 'element' else '')}")
    if kind == "element":  # in both editions but unlocated in one: said, not "removed"
        sides = [(t, next((e for e in t.plan.layout if e.id == key), None)) for t in (a, b)]
        if all(e is not None for _, e in sides):
            notes += [f"{label}: not located by {t.plan.id}{_extent(a, b, key)}"
                      for t, e in sides if not e.members]
    layer_kind = "layout" if kind == "element" else "industry"
    return DiffLayerSpec(f"{layer_kind}:{key}", layer_kind, label, color,
                         tuple(e.place_id for e in drawn if e.place_id in adcodes),
                         tuple(e.place_id for e in drawn if e.place_id not in adcodes),
                         notes=tuple(notes), show=layer_kind == "layout", entries=tuple(drawn),
                         totals=tuple(change_counts(rows).values()), pattern=pattern)


def _located(a, b, zone_id: str) -> bool:
    return newest_geometry(a, b, zone_id) is not None


def newest_geometry(a, b, zone_id: str):
    """The boundary or point of a zone as the newer plan gives it, else the older; or None."""
    for atlas in (b, a):
        zone = next((z for z in atlas.plan.zones if z.id == zone_id), None)
        if zone is not None and zone.geometry is not None:
            return zone.geometry
    return None


def _sides(a, b, row) -> str:
    return " and ".join(atlas.plan.id for atlas, cited in ((a, row.citation_a),
                                                           (b, row.citation_b)) if cited)


def _extent(a, b, element_id: str) -> str:
    extents = [e.extent for atlas in (a, b) for e in atlas.plan.layout
               if e.id == element_id and not e.members and e.extent]
    return f" ({'; '.join(dict.fromkeys(extents))})" if extents else ""


