"""Assembling the facts into a plan file that the project's validator accepts.

Each fact becomes one plan entry with ``basis: interpreted``, ``where:`` its paragraph
and sentence, and the sentence itself in ``note``. The YAML text is parsed and
validated by :func:`geo.plan.file.parse_plan_text` and :func:`geo.plan.validate.validate_plan`
before it is returned, so a draft always validates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..plan.file import parse_plan_text
from ..plan.units import human_value
from ..plan.validate import units_table, validate_plan
from .facts import (
    AssignmentFact,
    ElementFact,
    GroupFact,
    IndicatorFact,
    IndustryFact,
    Span,
    ZoneFact,
    unique_key,
)
from .glossary import english_name
from .text import Document, pinyin
from .zones import english_zone_name

SOURCE_ID = "document"
_NOTE_CHARS = 400


@dataclass
class ReviewFact:
    """One reviewable fact: its plan entry (``path``), label, sentence and spans."""

    id: str
    kind: str
    label: str
    sentence: int
    spans: list[Span]
    path: list = field(default_factory=list)
    untranslated: bool = False  # a name with no English yet: the reviewer writes one


@dataclass
class Facts:
    """Everything the draft found, before assembly."""

    zones: list[ZoneFact]
    industries: list[IndustryFact]
    groups: list[GroupFact]
    elements: list[ElementFact]
    assignments: list[AssignmentFact]
    indicators: list[IndicatorFact]
    notes: list[str]


def _slug(text: str, fallback: str) -> str:
    if not text.isascii():
        text = pinyin(text[:24])
    words = re.findall(r"[A-Za-z0-9]+", text.lower())
    return "-".join(words)[:48].strip("-") or fallback


def _cited(doc: Document, index: int) -> dict:
    sentence = doc.sentences[index]
    text = " ".join(sentence.text.split())
    if len(text) > _NOTE_CHARS:
        text = text[:_NOTE_CHARS] + "…"
    return {"source": SOURCE_ID, "where": sentence.where, "basis": "interpreted",
            "note": f"From the sentence: {text}"}


def plan_data(doc: Document, region, facts: Facts, region_note: str, plan_id: str = ""):
    """The plan as a mapping, and the review facts pointing into it.

    Returns
    -------
    (dict, list of ReviewFact)
    """
    year = doc.date[:4] if re.match(r"\d{4}", doc.date or "") else ""
    base_id = _slug(f"{region.name_en} {year} draft".replace("  ", " "), "draft")
    title = doc.title or f"Draft plan from {doc.name}"
    title_en = title if title.isascii() else _english_or(title, f"Draft plan for {region.name_en}")
    data: dict = {"id": plan_id or base_id, "title": {"zh": title, "en": title_en},
                  "region": region.adcode}
    if doc.date:
        data["date"] = doc.date
    notes = [f"Drafted by `industry-atlas draft` from {_basename(doc.name)} "
             f"({'Chinese' if doc.lang == 'zh' else 'English'}); {region_note}. Every fact "
             "is our reading of one sentence (basis: interpreted), cited by paragraph and "
             "sentence; review it before use.", *facts.notes]
    data["notes"] = " ".join(notes)
    data["sources"] = [{"id": SOURCE_ID, "title": {"zh": title, "en": title_en},
                        "publisher": doc.publisher or "not stated in the document",
                        "date": doc.date or "not stated in the document",
                        "file": _basename(doc.name)}]
    review: list[ReviewFact] = []

    def fact(kind, label, index, spans, path, untranslated=False):
        review.append(ReviewFact(f"f{len(review) + 1}", kind, label, index, spans, path,
                                 untranslated))

    used: set[str] = set()
    groups, untranslated = [], []
    for g in facts.groups:
        groups.append({"id": g.key, "zh": g.zh, "en": g.en or _untranslated(g, untranslated)})
        used.add(g.key)
    if groups:
        data["groups"] = groups
    industries = []
    for ind in facts.industries:
        entry = {"id": ind.key, "zh": ind.zh, "en": ind.en or _untranslated(ind, untranslated)}
        if ind.group:
            entry["group"] = ind.group
        label = f"Industry: {ind.en or ind.zh}" + (" (new)" if ind.new else "")
        fact("industry", label, ind.sentence, ind.spans, ["industries", len(industries)],
             not ind.en)
        industries.append(entry)
    if untranslated:
        notes.append(f"{len(untranslated)} name(s) have no English yet, since a word of each "
                     "is in neither the lexicon nor the glossary (geo/data/draft_glossary.json): "
                     + "; ".join(untranslated) + '. Each is named "Untranslated industry N" '
                     '(or group N) until the reviewer writes its English name.')
    if not industries:
        industries.append({"id": "unspecified", "zh": "未识别产业",
                           "en": "No industry recognised in the document"})
        notes.append("No industry of the lexicon was recognised, so the one industry listed "
                     "is a placeholder.")
    data["industries"] = industries
    zone_ids: dict[str, str] = {}
    places = []
    districts = _district_index(region)
    named_units = _named_units(region)
    for z in facts.zones:
        base = _slug(z.name, "place")
        if districts.find(base):  # "dongtou-county" would be read as the district Dongtou
            base = f"zone-{base}"
        key = unique_key(base, used)
        zone_ids[z.name] = key
        english = z.name if z.name.isascii() else english_zone_name(z.name, named_units)
        entry = {"id": key, "zh": z.name, "en": english,
                 "kind": "area" if z.reason else "zone", **_cited(doc, z.sentence)}
        why = f" It is an {z.reason}, not a current unit." if z.reason and z.reason != "zone" \
            else ""
        entry["note"] = f"Not located: the document gives no boundary.{why} " + entry["note"]
        fact("zone", f"Place (not located): {z.name}", z.sentence, z.spans,
             ["places", len(places)])
        places.append(entry)
    if places:
        data["places"] = places
    layout = []
    element_ids = {}
    for e in facts.elements:
        key = unique_key(e.key, used)
        element_ids[e.key] = key
        members = [zone_ids.get(m[5:], "") if m.startswith("zone:") else m for m in e.members]
        members = [m for m in dict.fromkeys(members) if m]
        entry = {"id": key, "zh": e.zh, "en": e.en, "kind": e.kind}
        if members:
            entry["members"] = members
        if e.extent:
            entry["extent"] = e.extent
        entry.update(_cited(doc, e.sentence))
        fact("element", f"Layout element: {e.en} ({e.kind})", e.sentence, e.spans,
             ["layout", len(layout)])
        for j, m in enumerate(members):
            fact("member", f"{_place_label(m, region, places)} in {e.en}", e.sentence,
                 [s for s in e.spans if s.kind in ("place", "zone")], ["layout", len(layout),
                                                                      "members", j])
        layout.append(entry)
    if not layout:
        layout.append({"id": "no-layout", "zh": "未述空间布局", "en": "No spatial layout stated",
                       "kind": "area", "extent": "the document states no layout the draft "
                       "could read", "source": SOURCE_ID, "basis": "interpreted"})
    data["layout"] = layout
    industry_ids = {i["id"] for i in industries}
    untranslated_ids = {i.key for i in facts.industries if not i.en}

    def shown(industry_id: str) -> str:  # its English name; its Chinese one while it has none
        entry = next(i for i in industries if i["id"] == industry_id)
        return entry["zh"] if industry_id in untranslated_ids else entry["en"]

    assignments, seen = [], set()
    for a in facts.assignments:
        target = element_ids.get(a.element, "") if a.element else (
            zone_ids.get(a.place[5:], "") if a.place.startswith("zone:") else a.place)
        inds = [i for i in a.industries if i in industry_ids and (target, i) not in seen]
        if not target or not inds:
            continue
        seen.update((target, i) for i in inds)
        label = next((e["en"] for e in layout if e["id"] == target), None) or \
            _place_label(target, region, places)
        fact("assignment", f"{label} hosts {', '.join(map(shown, inds))}", a.sentence,
             a.spans, ["assignments", len(assignments)])
        assignments.append({"to": target, "industries": inds, **_cited(doc, a.sentence)})
    if assignments:
        data["assignments"] = assignments
    indicators = []
    for n, ind in enumerate(facts.indicators, 1):
        if not 1900 <= ind.year <= 2100:
            continue
        en = ind.name if ind.name.isascii() else _english_or(ind.name, f"Figure {n}")
        entry = {"metric": f"figure-{n}", "zh": ind.name, "en": en, "year": ind.year,
                 "value": int(ind.value) if ind.value.is_integer() else ind.value,
                 "unit": ind.unit, "kind": ind.kind}
        if ind.unit == "%":
            entry["base"] = ind.base or "not stated in the sentence"
        entry.update(_cited(doc, ind.sentence))
        if ind.qualifier:
            entry["note"] = f"The document says {ind.qualifier} this value. " + entry["note"]
        base_unit, factor = units_table().get(ind.unit, (ind.unit, 1.0))
        shown = human_value(ind.value * factor, base_unit)
        fact("indicator", f"{en}: {shown}, {ind.year} {ind.kind}",
             ind.sentence, ind.spans, ["indicators", len(indicators)])
        indicators.append(entry)
    if indicators:
        data["indicators"] = indicators
    data["notes"] = " ".join(notes)
    return data, review


def _untranslated(fact, said: list[str]) -> str:
    """The stand-in English name of an industry or group the glossary cannot translate
    (never pinyin, never the Chinese copied), noted in ``said``."""
    kind = "group" if isinstance(fact, GroupFact) else "industry"
    number = sum(s.startswith(kind) for s in said) + 1
    said.append(f"{kind} {fact.zh} ({fact.key})")
    return f"Untranslated {kind} {number}"


def _english_or(name: str, fallback: str) -> str:
    """The English of a Chinese name word by word when every word is known, else
    ``fallback``: an English field never copies the Chinese, nor spells a phrase in pinyin."""
    return english_name(name) or fallback


def _named_units(region) -> list:
    """The units a zone's name may start with: the region's own, the region, its province."""
    from ..places import boundaries

    units = [*boundaries.children(region), region]
    for code in {region.adcode[:2] + "0000", region.adcode[:4] + "00"} - {region.adcode}:
        try:
            units.append(boundaries.unit(code))
        except Exception:  # noqa: BLE001 - a province-level city has no such unit
            pass
    return units


def _district_index(region):
    """Every name form of the region's units, to keep zone ids from reading as one."""
    from ..places import boundaries
    from ..places.names import NameIndex
    from .places import spellings

    return NameIndex((u.adcode, [u.adcode, *spellings(u)], u.name_zh)
                     for u in boundaries.children(region))


def _basename(name: str) -> str:
    return re.split(r"[\\/]", name)[-1] if name else "document"


def _place_label(key: str, region, places: list[dict]) -> str:
    from ..places import boundaries

    if key.isdigit():
        try:
            return boundaries.display_name(boundaries.unit(key))
        except Exception:  # noqa: BLE001 - a label only
            return key
    zone = next((p for p in places if p["id"] == key), None)
    return zone["zh"] if zone else key


def to_yaml(data: dict) -> str:
    """The plan mapping as YAML text, with a header saying it is a draft."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: same text, 4x faster
    body = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
    return ("# Drafted by `industry-atlas draft`: every fact is interpreted and cites its "
            "sentence.\n# Review it (e.g. with --review) before use.\n" + body)


def validated(text: str, name: str = "<draft>"):
    """The plan of a drafted YAML text, through the project's parser and validator."""
    return validate_plan(parse_plan_text(text, name))
