"""The colour of every layout element and industry: one table, shared by every output.

The plan map, the diff map, the figures and the report all take their colours from
here, so an element or an industry has one colour wherever it is drawn. The table is
data (``geo/data/colours.json``): two palettes, ``element`` (layout fills, chosen so
that no two colours a plan uses are confusable and none reads as grey, checked by
``tests/test_colours.py``) and ``industry``, and the colour of every id of the shipped
plans, by id (``tools/colour_table.py`` adds the ids of a new shipped plan). An
industry's colour is also its answer's (the hatching that lights its hosts, drawn over
the layout): no industry of a plan has a colour ``near_elements`` (confusable with) the
colour of one of the plan's elements. Where colours run out (two industries drawn on one
map in near colours), the later one also has a ``pattern`` (``"dots"``): its fill and its
swatch carry dots, a second encoding (the table's ``patterns``; a user's new industry gets
one when its colour is near an earlier industry's of its plan with no pattern).

An id the table does not name (a user's own plan) gets a palette colour from its id:
the slot ``sha1(id) mod n``, or the next one that no other element of the plan has taken
and that is not ``near`` (too close to) one taken; a new industry's, the next one neither
``industries_near`` one taken nor near the plan's element colours. A diff takes the newer plan's
colours, and the older plan's for what only the older has, so its layers match both
plan maps.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType

TABLE = "colours.json"

#: The second encodings, in the order they are given ("" is none).
PATTERNS = ("", "dots")

#: The districts' own fill, under every layer (maps and figures).
BASE_FILL = "#f4f1ea"

#: Opacity of each fill: the districts' own, a layout element's, an industry's, and the
#: stripes of a lit answer's hatching (opaque: the industry's swatch colour as it is,
#: never mixed with a core's fill; the layout shows between the stripes).
FILL_OPACITY = MappingProxyType({"districts": 0.7, "layout": 0.35, "industry": 0.5,
                                 "answer": 1.0})


@dataclass(frozen=True)
class Table:
    """``geo/data/colours.json``: palettes, and the colour of each shipped id.

    Attributes
    ----------
    palettes : mapping
        ``"element"`` and ``"industry"`` -> tuple of ``#rrggbb``.
    elements, industries : mapping
        Shipped id -> ``#rrggbb`` (a colour of its palette).
    near : frozenset of frozenset
        The pairs of element colours too close to stand for two elements of one plan.
    industries_near : frozenset of frozenset
        The pairs of industry colours too close for two industries drawn on one map.
    near_elements : frozenset of tuple
        ``(industry colour, element colour)`` pairs too close for an answer drawn over
        (and keyed beside) that element.
    patterns : mapping
        Shipped industry id -> its second encoding (:data:`PATTERNS`), where it has one.
    """

    palettes: MappingProxyType
    elements: MappingProxyType
    industries: MappingProxyType
    near: frozenset = frozenset()
    industries_near: frozenset = frozenset()
    near_elements: frozenset = frozenset()
    patterns: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))


@cache
def table() -> Table:
    """The colour table, read once."""
    data = json.loads(resources.files("geo.data").joinpath(TABLE).read_text("utf-8"))
    palettes = {kind: tuple(colours.values()) for kind, colours in data["palettes"].items()}
    named = {kind: {k: data["palettes"][kind][v] for k, v in data[key].items()}
             for kind, key in (("element", "elements"), ("industry", "industries"))}
    element = data["palettes"]["element"]
    near = frozenset(frozenset(element[name] for name in pair) for pair in data["near"])
    industry = data["palettes"]["industry"]
    industries_near = frozenset(frozenset(industry[name] for name in pair)
                                for pair in data["industries_near"])
    near_elements = frozenset((industry[i], element[e]) for i, e in data["near_elements"])
    return Table(MappingProxyType(palettes), MappingProxyType(named["element"]),
                 MappingProxyType(named["industry"]), near, industries_near, near_elements,
                 MappingProxyType(data.get("patterns", {})))


@dataclass(frozen=True)
class Colours:
    """The colours of one plan's (or one diff's) layout elements and industries, by id."""

    elements: MappingProxyType
    industries: MappingProxyType
    patterns: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    def element(self, element_id: str) -> str:
        """The colour of a layout element."""
        return self.elements[element_id]

    def industry(self, industry_id: str) -> str:
        """The colour of an industry (its swatch, its layer and its answer)."""
        return self.industries[industry_id]

    def pattern(self, industry_id: str) -> str:
        """An industry's second encoding (:data:`PATTERNS`), ``""`` for none."""
        return self.patterns.get(industry_id, "")


def _assign(ids, shipped, palette: tuple[str, ...], near=frozenset(),
            avoid=frozenset()) -> dict[str, str]:
    """Colours of ``ids`` (one plan's, in its order): the table's, else from the id's slot
    on, the first colour neither taken by nor ``near`` one of the plan's nor in ``avoid``;
    else one untaken, else one not in ``avoid``."""
    out = {i: shipped[i] for i in ids if i in shipped}
    for i in ids:
        if i in out:
            continue
        start = int(hashlib.sha1(i.encode("utf-8")).hexdigest(), 16) % len(palette)
        taken = set(out.values())
        slots = [palette[(start + k) % len(palette)] for k in range(len(palette))]
        apart = [c for c in slots if c not in taken and c not in avoid
                 and not any(frozenset((c, t)) in near for t in taken)]
        fallback = ([c for c in slots if c not in taken and c not in avoid]
                    + [c for c in slots if c not in avoid] + slots)
        out[i] = next(iter(apart), fallback[0])
    return out


@cache
def _of_ids(elements: tuple[str, ...], industries: tuple[str, ...]) -> Colours:
    t = table()
    given = _assign(elements, t.elements, t.palettes["element"], t.near)
    avoid = frozenset(i for i, e in t.near_elements if e in given.values())
    colour = _assign(industries, t.industries, t.palettes["industry"], t.industries_near, avoid)
    patterns = {i: t.patterns[i] for i in industries if i in t.patterns}
    for n, i in enumerate(industries):
        if i in t.industries:
            continue
        near = {patterns.get(o, "") for o in industries[:n] if colour[o] == colour[i]
                or frozenset((colour[o], colour[i])) in t.industries_near}
        if near:
            patterns[i] = next((p for p in PATTERNS if p not in near), PATTERNS[-1])
    return Colours(MappingProxyType(given), MappingProxyType(colour),
                   MappingProxyType({i: p for i, p in patterns.items() if p}))


def of_plan(plan) -> Colours:
    """The colours of a plan's layout elements and industries."""
    return _of_ids(tuple(e.id for e in plan.layout), tuple(i.id for i in plan.industries))


def of_diff(a, b, matches: dict[str, str]) -> Colours:
    """The colours of a diff from plan ``a`` to plan ``b``, by ``a``'s ids where both have
    an industry (``matches``: ``b``'s industry id -> ``a``'s, :func:`geo.compare.
    industry_matches`): ``b``'s colour of each element and industry, ``a``'s of the rest."""
    old, new = of_plan(a), of_plan(b)
    elements = {**old.elements, **new.elements}
    industries, patterns = dict(old.industries), dict(old.patterns)
    industries.update({matches.get(i, i): c for i, c in new.industries.items()})
    for i in new.industries:
        patterns.pop(matches.get(i, i), None)
    patterns.update({matches.get(i, i): p for i, p in new.patterns.items()})
    return Colours(MappingProxyType(elements), MappingProxyType(industries),
                   MappingProxyType(patterns))
