"""What the draft finds, before it becomes a plan: facts with their evidence.

Every fact keeps the sentence it comes from and the character spans (offsets into
:attr:`geo.drafting.text.Document.text`) of the words it used, tagged by kind, so the
review page can highlight them and link fact and sentence both ways.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .industries import (
    IndustryMention,
    classify_list,
    developed_industries,
    enumerations,
    find_industries,
    listed_classes,
)
from .places import Mention, PlaceFinder
from .text import Document, Sentence
from .zones import counted_lists, find_zones, labelled_areas

#: Kinds of highlighted span on the review page.
SPAN_KINDS = ("place", "zone", "element", "industry", "indicator")


@dataclass(frozen=True)
class Span:
    """Words a fact used: offsets into the document text and their kind."""

    start: int
    end: int
    kind: str


@dataclass
class Fact:
    """Common to every fact: the sentence it cites and the spans it used."""

    sentence: int  # index into Document.sentences
    spans: list[Span] = field(default_factory=list)


@dataclass
class ZoneFact(Fact):
    """A named place that is no unit of the region: drawn nowhere, listed as not located."""

    name: str = ""
    reason: str = ""


@dataclass
class IndustryFact(Fact):
    """An industry: a lexicon id, or a new one proposed from an enumeration."""

    key: str = ""
    zh: str = ""
    en: str = ""
    new: bool = False
    group: str = ""


@dataclass
class GroupFact(Fact):
    """A numbered or named group of industries (the "3" of "3+5")."""

    key: str = ""
    zh: str = ""
    en: str = ""


@dataclass
class ElementFact(Fact):
    """A layout element from a slogan or a cluster sentence, with its members."""

    key: str = ""
    kind: str = ""
    zh: str = ""
    en: str = ""
    members: list[str] = field(default_factory=list)  # unit adcodes or "zone:<name>"
    extent: str = ""
    defined_at: int | None = None  # sentence index of its definition


@dataclass
class AssignmentFact(Fact):
    """Industries assigned to an element (``element``) or a place (``place``)."""

    element: str = ""
    place: str = ""  # adcode or "zone:<name>"
    industries: list[str] = field(default_factory=list)


@dataclass
class IndicatorFact(Fact):
    """A figure: value in its written unit, year, actual or target."""

    name: str = ""
    value: float = 0.0
    unit: str = ""
    year: int = 0
    kind: str = "actual"
    base: str = ""
    qualifier: str = ""


@dataclass
class SentenceInfo:
    """A sentence with the places, zones and industries named in it (document offsets)."""

    sentence: Sentence
    places: list[Mention]  # units, the region, zones; sorted by start
    industries: list[IndustryMention]
    counted: list = field(default_factory=list)  # (noun, zone mentions) of counted lists

    def units(self) -> list[Mention]:
        """Mentions of the region's units and zones (not the region itself)."""
        return [m for m in self.places if m.kind in ("unit", "zone")]


#: 分别 right after a run of places (A、B分别发展X和Y): the run's industries go one to each
#: place, in order, never all to all.
RESPECTIVELY = re.compile(r"\s*(?:将|要)?分别")


def unique_key(kind: str, used: set[str]) -> str:
    """``kind``, or ``kind-2``, ``kind-3``... : the first not in ``used``, added to it."""
    key, n = kind, 2
    while key in used:
        key, n = f"{kind}-{n}", n + 1
    used.add(key)
    return key


def annotate(doc: Document, finder: PlaceFinder, words: tuple[str, ...]) -> list[SentenceInfo]:
    """Places, zones and industries of every sentence of ``doc``."""
    infos = []
    for s in doc.sentences:
        shift = s.start
        zones = [Mention(m.start + shift, m.end + shift, m.kind, m.key, m.text)
                 for m in find_zones(s.text, doc.lang, words)]
        counted = [(noun, [Mention(m.start + shift, m.end + shift, m.kind, m.key, m.text)
                           for m in items]) for noun, items in counted_lists(s.text)]
        labelled = [Mention(m.start + shift, m.end + shift, m.kind, m.key, m.text)
                    for m in labelled_areas(s.text)]
        for items in [items for _, items in counted] + [labelled]:
            zones = [z for z in zones if not any(z.start < i.end and i.start < z.end
                                                 for i in items)] + items
        found = [Mention(m.start + shift, m.end + shift, m.kind, m.key, m.text)
                 for m in finder.find(s.text)]
        # "Xihu District" is the unit, not a zone; "Gaoxin District" (no unit) stays a zone
        zones = [z for z in zones if not any(m.end == z.end and m.start >= z.start
                                             for m in found)]
        places = list(zones)
        for m in found:
            if not any(z.start < m.end and m.start < z.end for z in zones):
                places.append(m)
        places.sort(key=lambda m: m.start)
        known = find_industries(s.text)
        for items in enumerations(s.text, doc.lang, known):
            new = [m for m in classify_list(s.text, items, known) if m.key.startswith("new:")
                   and not any(k.start < m.end and m.start < k.end and not
                               (m.start <= k.start and k.end <= m.end) for k in known)
                   and not any(z.start < m.end + shift and m.start + shift < z.end
                               for z in places)]  # an item holding a place names it
            # an item as written (钢铁建材, 汽车及零部件) stands for the terms inside it
            known = [k for k in known if not any(m.start <= k.start and k.end <= m.end
                                                 for m in new)] + new
        if doc.lang == "zh":
            known += [m for m in developed_industries(s.text)
                      if not any(k.start < m.end and m.start < k.end for k in known)]
        known = listed_classes(s.text, known, enumerations(s.text, doc.lang, known)) \
            if doc.lang == "zh" else known
        industries = [IndustryMention(m.start + shift, m.end + shift, m.key, m.text)
                      for m in sorted(known, key=lambda m: m.start)
                      if not any(z.start <= m.start + shift < z.end for z in zones)]
        infos.append(SentenceInfo(s, places, industries, counted))
    return infos


def place_groups(info: SentenceInfo, start: int = 0, end: int | None = None,
                 text: str = "") -> list[list[Mention]]:
    """Runs of places joined only by commas, 、 or "and" (one group each)."""
    import re

    end = info.sentence.end if end is None else end
    groups: list[list[Mention]] = []
    joiner = re.compile(r"^[\s,，、]*(?:and|or|as well as|和|及|与|以及|、)?[\s,，、]*$")
    for m in info.units():
        if not (start <= m.start and m.end <= end):
            continue
        gap = text[groups[-1][-1].end:m.start] if groups else ""
        if groups and joiner.match(gap):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups
