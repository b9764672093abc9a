"""The plan model: what a plan file says, checked and resolved.

A :class:`Plan` is built only by :func:`geo.plan.validate.validate_plan`, so every
reference in it (industries, sources, places) is known to exist.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..vocabulary import Text

#: The element of a fact the plan states of a place itself, not through a layout element.
DIRECT = "direct"

#: Kinds of basis a fact can have: said by the source, or read into it by us.
BASES = ("stated", "interpreted")
#: Datums a zone's ``at:`` point may be given in.
DATUMS = ("wgs84", "gcj02")


@cache
def kinds() -> dict[str, str]:
    """Valid ``kind`` values of layout elements and places, each with what it means.

    Read from ``geo/data/kinds.json``, the one list validation and the JSON
    Schema use.
    """
    text = resources.files("geo").joinpath("data/kinds.json").read_text("utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


@dataclass(frozen=True)
class Source:
    """A document the plan's facts come from."""

    id: str
    title: Text
    publisher: str
    date: str
    file: str = ""
    url: str = ""

    def cite(self, where: str = "", lang: str = "en") -> str:
        """``"<title> (<date>)"``, then ``", <where>"`` when given: how facts cite it."""
        text = f"{self.title.pick(lang)} ({self.date})"
        return f"{text}, {where}" if where else text


@dataclass(frozen=True)
class Citation:
    """Where a fact comes from: a source, where in it, and how firmly."""

    source: str
    where: str = ""
    basis: str = "stated"
    note: str = ""


@dataclass(frozen=True)
class Industry:
    """An industry the plan names, with a stable id."""

    id: str
    name: Text
    group: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def index_entry(self) -> tuple:
        """``(id, every name, label)`` for a :class:`geo.places.names.NameIndex`."""
        names = (self.id, self.name.zh, self.name.en, *self.aliases)
        return self.id, names, f"{self.id} ({self.name.en})"


@dataclass(frozen=True)
class Group:
    """A named set of industries (Wenzhou's "3" and "5")."""

    id: str
    name: Text


@dataclass(frozen=True)
class Zone:
    """A place that is not a district: a zone, a platform, a park.

    ``geometry`` is None when the plan does not know where it is; then
    ``precision`` says so, and the zone appears in tables but is not drawn.
    """

    id: str
    name: Text
    kind: str
    within: tuple[str, ...] = ()
    part_of: str = ""
    geometry: object = None
    precision: str = "not located"
    citation: Citation | None = None
    figures: tuple[tuple[str, str], ...] = ()

    @property
    def index_entry(self) -> tuple:
        """``(id, every name, label)`` for a :class:`geo.places.names.NameIndex`."""
        return self.id, (self.id, self.name.zh, self.name.en), f"{self.id} ({self.name.en})"


@dataclass(frozen=True)
class PlaceRef:
    """A resolved place: a boundary unit (by adcode) or a zone (by id)."""

    kind: str  # "district" or "zone"
    key: str


@dataclass(frozen=True)
class LayoutElement:
    """One element of a spatial layout (a corridor, a core, spots, a chain)."""

    id: str
    name: Text
    kind: str
    members: tuple[PlaceRef, ...]
    extent: str
    citation: Citation

    @property
    def located(self) -> bool:
        """Whether the plan says where this element is."""
        return bool(self.members)


@dataclass(frozen=True)
class Assignment:
    """Industries the plan assigns to a layout element or a place."""

    industries: tuple[str, ...]
    element: str  # layout element id, or "" when assigned to a place directly
    place: PlaceRef | None
    citation: Citation


@dataclass(frozen=True)
class Indicator:
    """A figure of the plan: an actual value or a target, in base units."""

    metric: str
    name: Text
    scope: str
    year: int | None  # None: a target the source gives no year
    value: float
    unit: str
    kind: str  # "actual" or "target"
    citation: Citation
    base: str = ""  # what a percentage is a percentage of
    per: str = ""  # "year": a rate per year (200 projects every year)


@dataclass(frozen=True)
class Role:
    """What the plan says of its region as a whole, with where it says so: a role
    (Wenzhou as the "third pole" of Zhejiang's digital economy) or a standing strength,
    with the industries it concerns (Wenzhou's existing distinctive clusters)."""

    name: Text
    citation: Citation
    industries: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """A validated plan: everything a plan file says, with references resolved."""

    id: str
    title: Text
    region: str
    date: str
    file: str
    sources: tuple[Source, ...]
    groups: tuple[Group, ...]
    industries: tuple[Industry, ...]
    zones: tuple[Zone, ...]
    layout: tuple[LayoutElement, ...]
    assignments: tuple[Assignment, ...]
    indicators: tuple[Indicator, ...]
    notes: str = ""
    roles: tuple[Role, ...] = ()

    def source(self, source_id: str) -> Source:
        """The source with this id."""
        return next(s for s in self.sources if s.id == source_id)

    def cite(self, source_id: str, where: str = "", basis: str = "stated",
             lang: str = "en") -> str:
        """How outputs cite a fact: ``"<title> (<date>), <where>"``, then ``" [<basis>]"``
        unless the source states it (``interpreted``, ``inferred``)."""
        text = self.source(source_id).cite(where, lang)
        return f"{text} [{basis}]" if basis != "stated" else text

    def industry(self, industry_id: str) -> Industry:
        """The industry with this id."""
        return next(i for i in self.industries if i.id == industry_id)

    def element(self, element_id: str) -> LayoutElement:
        """The layout element with this id."""
        return next(e for e in self.layout if e.id == element_id)

    def zone(self, zone_id: str) -> Zone:
        """The zone with this id."""
        return next(z for z in self.zones if z.id == zone_id)
