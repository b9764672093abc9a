"""Validation: turn a parsed plan file into a :class:`~geo.plan.Plan`.

Every problem of the file is collected before one :class:`~geo.errors.PlanError`
is raised, each naming the file, the line and field path, what was expected
and, for names, the closest valid ones.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache, partial
from importlib import resources
from pathlib import Path

from ..errors import PlanError, Problem, RegionError, closest
from ..places import boundaries, regions
from ..places.names import NameIndex
from .file import PlanSource
from .model import (
    BASES,
    Assignment,
    Citation,
    Group,
    Indicator,
    Industry,
    LayoutElement,
    PlaceRef,
    Plan,
    Role,
    Source,
    Text,
    Zone,
    kinds,
)
from .zones import zone_geometry, zone_point

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_TOP = {"id": True, "title": True, "region": True, "sources": True, "industries": True,
        "layout": True, "date": False, "groups": False, "places": False,
        "assignments": False, "indicators": False, "notes": False, "roles": False}
_CITED = {"source": True, "where": False, "basis": False, "note": False}
_NAMED = {"id": True, "zh": True, "en": True}


@cache
def units_table() -> dict[str, tuple[str, float]]:
    """Units accepted for indicators: unit -> (base unit, factor)."""
    text = resources.files("geo").joinpath("data/units.json").read_text("utf-8")
    return {k: (v[0], float(v[1])) for k, v in json.loads(text).items() if not k.startswith("_")}


def dotted(path: tuple) -> str:
    """``("layout", 0, "members")`` -> ``"layout[0].members"``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_MAX_HINTS = 100
_LINE_BREAK = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def _one_line(text: str) -> str:
    """``text`` with its line breaks escaped (``\\n``): keys and names quoted from the
    file go into messages, and a message is one line."""
    return _LINE_BREAK.sub(lambda m: repr(m.group())[1:-1], text)


class _Checker:
    def __init__(self, source: PlanSource):
        self.source = source
        self.problems: list[Problem] = []
        self.missing: set[tuple] = set()  # paths already reported as missing fields
        # Kinds of entry (source, industry, ...) with an entry whose id is missing or bad:
        # references to them are not checked, so that one mistake gives one error.
        self.partial: set[str] = set()

    def note_ids(self, data: dict, key: str, what: str, ids: list[str]) -> None:
        """Mark ``what`` partial when the list ``key`` is missing (if required) or has
        entries without a valid id."""
        raw = data.get(key)
        entries = len(raw) if isinstance(raw, list) else 0
        if (key in _TOP and _TOP[key] and raw is None) or \
                entries != len([i for i in ids if ID_PATTERN.match(i)]):
            self.partial.add(what)

    def problem(self, path: tuple, message: str, hint="") -> None:
        if callable(hint):
            # A hint searches every name: only the first problems get one, so that a file
            # with thousands of unknown names is not checked in names x names time.
            hint = hint() if len(self.problems) < _MAX_HINTS else ""
        self.problems.append(Problem(self.source.file, _one_line(message),
                                     self.source.line(path), _one_line(dotted(path)),
                                     _one_line(hint)))

    def mapping(self, value, path: tuple, fields: dict[str, bool]) -> dict | None:
        if not isinstance(value, dict):
            self.problem(path, f"expected a mapping with {', '.join(k for k in fields)}, "
                               f"found {_kind(value)}")
            return None
        for key in value:
            if key not in fields:
                self.problem(path + (key,), f"unknown field {str(key)!r}",
                             partial(closest, str(key), fields))
        for key, required in fields.items():
            if required and key not in value:
                self.problem(path, f"missing field {key!r}")
                self.missing.add(path + (key,))
        return value

    def text(self, value, path: tuple, required: bool = True) -> str:
        if value is None and (not required or path in self.missing):
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float | date):
            self.problem(path, f"expected text, found {_kind(value)}")
            return ""
        text = str(value).strip()
        if required and not text:
            self.problem(path, "expected text, found an empty string")
        return text

    def texts(self, value, path: tuple) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(path, f"expected a list, found {_kind(value)}")
            return ()
        return tuple(t for i, v in enumerate(value) if (t := self.text(v, path + (i,))))

    def kind(self, value, path: tuple) -> str:
        """A layout element's or place's ``kind``: one of :func:`geo.plan.kinds`."""
        text = self.text(value, path)
        if text and text not in kinds():
            self.problem(path, f"unknown kind {text!r}; expected one of "
                               f"{', '.join(kinds())}", partial(closest, text, kinds()))
        return text

    def ident(self, value, path: tuple) -> str:
        text = self.text(value, path)
        if text and not ID_PATTERN.match(text):
            self.problem(path, f"invalid id {text!r}; expected letters, digits, '-', '_' or '.'")
        return text

    def items(self, data: dict, key: str, required: bool = False):
        value = data.get(key)
        if value is None:
            if required and key in data:
                self.problem((key,), "expected at least one entry, found nothing")
            return []
        if not isinstance(value, list):
            self.problem((key,), f"expected a list, found {_kind(value)}")
            return []
        if required and not value:
            self.problem((key,), "expected at least one entry")
        return [(i, (key, i), item) for i, item in enumerate(value)]

    def lookup(self, names, path: tuple, index: NameIndex, what: str) -> list[str]:
        """Keys of ``names`` in ``index``; a problem with suggestions for each unknown one."""
        keys = []
        for i, name in enumerate(names):
            key = index.find(name)
            if key is None and what not in self.partial:
                self.problem(path + (i,), f"unknown {what} {name!r}", partial(index.suggest, name))
            elif key is None:
                continue
            else:
                keys.append(key)
        return keys

    def unique(self, ids: list[tuple[str, tuple]], what: str) -> None:
        seen: dict[str, tuple] = {}
        for ident, path in ids:
            if ident in seen:
                first = self.source.line(seen[ident])
                self.problem(path, f"duplicate {what} id {ident!r} (first at line {first})")
            elif ident:
                seen[ident] = path

    def citation(self, item: dict, path: tuple, sources: set[str]) -> Citation:
        source = self.text(item.get("source"), path + ("source",))
        if source and source not in sources and "source" not in self.partial:
            self.problem(path + ("source",), f"unknown source {source!r}",
                         partial(closest, source, sources))
        basis = self.text(item.get("basis"), path + ("basis",), required=False) or "stated"
        if basis not in BASES:
            self.problem(path + ("basis",), f"basis must be one of {', '.join(BASES)}",
                         partial(closest, basis, BASES))
        return Citation(source, self.text(item.get("where"), path + ("where",), False), basis,
                        self.text(item.get("note"), path + ("note",), False))


def _kind(value) -> str:
    names = {dict: "a mapping", list: "a list", str: "text", type(None): "nothing",
             bool: "true/false", int: "a number", float: "a number"}
    return names.get(type(value), type(value).__name__)


def validate_plan(source: PlanSource) -> Plan:
    """Check a parsed plan file completely and build its :class:`Plan`.

    Raises
    ------
    PlanError
        With every problem found, when there is any.
    """
    check = _Checker(source)
    data = check.mapping(source.data, (), _TOP)
    if data is None:
        raise PlanError(check.problems)
    plan_id = check.ident(data.get("id"), ("id",))
    _file_name(check, plan_id)
    title = _bilingual(check, data.get("title"), ("title",))
    region, units = _region(check, data.get("region"))

    sources = []
    for _, path, item in check.items(data, "sources", required=True):
        if check.mapping(item, path, {"id": True, "title": True, "publisher": True,
                                      "date": True, "file": False, "url": False}):
            sources.append((Source(check.ident(item.get("id"), path + ("id",)),
                                   _bilingual(check, item.get("title"), path + ("title",)),
                                   check.text(item.get("publisher"), path + ("publisher",)),
                                   check.text(item.get("date"), path + ("date",)),
                                   _document_name(check, item.get("file"), path + ("file",)),
                                   check.text(item.get("url"), path + ("url",), False)), path))
    check.unique([(s.id, p + ("id",)) for s, p in sources], "source")
    source_ids = {s.id for s, _ in sources}
    check.note_ids(data, "sources", "source", [s.id for s, _ in sources])

    groups = []
    for _, path, item in check.items(data, "groups"):
        if check.mapping(item, path, _NAMED):
            groups.append((Group(check.ident(item.get("id"), path + ("id",)),
                                 _names(check, item, path)), path))
    check.unique([(g.id, p + ("id",)) for g, p in groups], "group")
    check.note_ids(data, "groups", "group", [g.id for g, _ in groups])

    industries = _industries(check, data, {g.id for g, _ in groups})
    industry_index = NameIndex(i.index_entry for i in industries)
    check.note_ids(data, "industries", "industry", [i.id for i in industries])

    districts = NameIndex(boundaries.index_entry(u) for u in units) if units else None
    places = _PlaceResolver(check, districts, NameIndex(()), region)
    zones = _zones(check, data, places, source_ids)
    places.zones = NameIndex(z.index_entry for z in zones)

    layout = []
    for _, path, item in check.items(data, "layout", required=True):
        if check.mapping(item, path, {**_NAMED, "kind": True, "members": False,
                                      "extent": False, **_CITED}):
            members = tuple(ref for i, name in enumerate(check.texts(item.get("members"),
                                                                     path + ("members",)))
                            if (ref := places.resolve(name, path + ("members", i))))
            layout.append((LayoutElement(
                check.ident(item.get("id"), path + ("id",)), _names(check, item, path),
                check.kind(item.get("kind"), path + ("kind",)), members,
                check.text(item.get("extent"), path + ("extent",), False),
                check.citation(item, path, source_ids)), path))
    check.unique([(e.id, p + ("id",)) for e, p in layout], "layout element")
    element_ids = {e.id for e, _ in layout}
    check.note_ids(data, "layout", "layout element", [e.id for e, _ in layout])

    assignments = [a for _, path, item in check.items(data, "assignments")
                   if (a := _assignment(check, item, path, element_ids, places,
                                        industry_index, source_ids))]
    indicators = [i for _, path, item in check.items(data, "indicators")
                  if (i := _indicator(check, item, path, places, region, source_ids))]
    roles = [Role(_names(check, item, path), check.citation(item, path, source_ids),
                  tuple(check.lookup(check.texts(item.get("industries"), path + ("industries",)),
                                     path + ("industries",), industry_index, "industry")))
             for _, path, item in check.items(data, "roles")
             if check.mapping(item, path, {"zh": True, "en": True, "industries": False,
                                           **_CITED})]
    notes = check.text(data.get("notes"), ("notes",), False)
    if check.problems:
        raise PlanError(check.problems)
    return Plan(plan_id, title, region.adcode if region else "",
                check.text(data.get("date"), ("date",), False),
                source.file, tuple(s for s, _ in sources), tuple(g for g, _ in groups),
                tuple(industries), tuple(zones), tuple(e for e, _ in layout),
                tuple(assignments), tuple(indicators), notes, tuple(roles))


def _file_name(check: _Checker, plan_id: str) -> None:
    """A plan file is named after its id: ``ningbo-2025.yaml`` holds ``id: ningbo-2025``."""
    if check.source.folder is None or not plan_id:
        return
    name = Path(check.source.file).name
    if Path(name).stem != plan_id:
        check.problem(("id",), f"plan id {plan_id!r} does not match the file name {name!r}; "
                               f"rename the file to {plan_id}.yaml or change the id")


def _document_name(check: _Checker, value, path: tuple) -> str:
    """A source document's file name: cited, never read, so a plain relative name."""
    name = check.text(value, path, required=False)
    parts = Path(name).parts
    if name and (Path(name).is_absolute() or ".." in parts or "\\" in name):
        check.problem(path, f"source file {name!r} must be a plain relative file name")
    return name


def _bilingual(check: _Checker, value, path: tuple) -> Text:
    if value is None and path in check.missing:
        return Text("", "")
    if isinstance(value, str):
        return Text(value.strip(), value.strip())
    if check.mapping(value, path, {"zh": False, "en": False}) is None:
        return Text("", "")
    text = Text(check.text(value.get("zh"), path + ("zh",), False),
                check.text(value.get("en"), path + ("en",), False))
    if not (text.zh or text.en):
        check.problem(path, "expected zh or en text")
    return text


def _names(check: _Checker, item: dict, path: tuple) -> Text:
    return Text(check.text(item.get("zh"), path + ("zh",)), check.text(item.get("en"),
                                                                       path + ("en",)))


def _region(check: _Checker, value) -> tuple[boundaries.Unit | None, list]:
    """The region's unit and the units the plan maps; ``(None, [])`` when it names none,
    and then places are not checked against it (one error, not one per place)."""
    name = check.text(value, ("region",))
    if not name:
        return None, []
    try:
        region = regions.find_region(name)
    except RegionError as exc:
        check.problem(("region",), exc.reason, exc.hint)
        return None, []
    return region, boundaries.children(region)


def _industries(check: _Checker, data: dict, group_ids: set[str]) -> list[Industry]:
    found = []
    for _, path, item in check.items(data, "industries", required=True):
        if not check.mapping(item, path, {**_NAMED, "aliases": False, "group": False}):
            continue
        group = check.text(item.get("group"), path + ("group",), False)
        if group and group not in group_ids and "group" not in check.partial:
            check.problem(path + ("group",), f"unknown group {group!r}",
                          partial(closest, group, group_ids))
        found.append((Industry(check.ident(item.get("id"), path + ("id",)),
                               _names(check, item, path), group,
                               check.texts(item.get("aliases"), path + ("aliases",))), path))
    check.unique([(i.id, p + ("id",)) for i, p in found], "industry")
    return [i for i, _ in found]


def _zones(check: _Checker, data: dict, places, sources: set[str]) -> list[Zone]:
    found = []
    for _, path, item in check.items(data, "places"):
        fields = {**_NAMED, "kind": True, "within": False, "part_of": False, "at": False,
                  "geometry": False, "figures": False, **{**_CITED, "source": False}}
        if not check.mapping(item, path, fields):
            continue
        within = [ref.key for i, name in enumerate(check.texts(item.get("within"),
                                                                path + ("within",)))
                  if (ref := places.resolve(name, path + ("within", i), districts_only=True))]
        figures = item.get("figures") or {}
        if not isinstance(figures, dict):
            check.problem(path + ("figures",), f"expected a mapping, found {_kind(figures)}")
            figures = {}
        citation = check.citation(item, path, sources) if "source" in item else None
        if "at" in item and "geometry" in item:
            check.problem(path + ("at",), "expected at or geometry, not both")
        if "at" in item:
            geometry, precision = zone_point(check, item.get("at"), path + ("at",))
        else:
            geometry, precision = zone_geometry(check, item.get("geometry"),
                                                 path + ("geometry",))
        found.append((Zone(check.ident(item.get("id"), path + ("id",)),
                           _names(check, item, path), check.kind(item.get("kind"),
                                                                 path + ("kind",)),
                           tuple(within), check.text(item.get("part_of"), path + ("part_of",),
                                                     False),
                           geometry, precision, citation,
                           tuple((str(k), check.text(v, path + ("figures", k)))
                                 for k, v in figures.items())), path))
    check.unique([(z.id, p + ("id",)) for z, p in found], "place")
    ids = {z.id for z, _ in found}
    check.note_ids(data, "places", "place", [z.id for z, _ in found])
    for zone, path in found:
        if zone.part_of and zone.part_of not in ids and "place" not in check.partial:
            check.problem(path + ("part_of",), f"unknown place {zone.part_of!r}",
                          partial(closest, zone.part_of, ids))
    return [z for z, _ in found]


class _PlaceResolver:
    """Resolves place names to districts of the region or zones; ``districts`` is None
    when the region is unknown, and then only zones are checked."""

    def __init__(self, check: _Checker, districts: NameIndex | None, zones: NameIndex, region):
        self.check, self.districts, self.zones, self.region = check, districts, zones, region

    def resolve(self, name: str, path: tuple, quiet: bool = False,
                districts_only: bool = False) -> PlaceRef | None:
        if self.districts is not None and (adcode := self.districts.find(name)):
            return PlaceRef("district", adcode)
        if not districts_only and (zone := self.zones.find(name)):
            return PlaceRef("zone", zone)
        if (self.districts is None or quiet
                or ("place" in self.check.partial and not districts_only)):
            return None
        if elsewhere := regions.outside(name, self.region):
            self.check.problem(path, elsewhere)
            return None
        if districts_only:
            self.check.problem(path, f"unknown district {name!r}",
                               partial(self.districts.suggest, name))
            return None
        self.check.problem(path, f"unknown district or place {name!r}",
                           lambda: self.districts.suggest(name) or self.zones.suggest(name))
        return None


def _assignment(check, item, path, element_ids, places, industries, sources):
    if not check.mapping(item, path, {"to": True, "industries": True, **_CITED}):
        return None
    target = check.text(item.get("to"), path + ("to",))
    element, place = "", None
    if target in element_ids:
        element = target
    elif target:
        place = places.resolve(target, path + ("to",), "layout element" in check.partial)
    names = check.texts(item.get("industries"), path + ("industries",))
    if not names and "industries" in item:
        check.problem(path + ("industries",), "expected at least one industry")
    ids = check.lookup(names, path + ("industries",), industries, "industry")
    return Assignment(tuple(ids), element, place, check.citation(item, path, sources))


def _indicator(check, item, path, places, region, sources):
    fields = {"metric": True, "zh": True, "en": True, "scope": False, "year": True,
              "per": False, "value": True, "unit": True, "kind": True, "base": False, **_CITED}
    if not check.mapping(item, path, fields):
        return None
    scope = check.text(item.get("scope"), path + ("scope",), False)
    code = region.adcode if region else ""
    if scope and scope != code:
        ref = places.resolve(scope, path + ("scope",), quiet=True)
        if ref is None and code and regions.national_index().find(scope) == code:
            scope = code  # the region itself, by another of its names
        else:
            ref = ref or places.resolve(scope, path + ("scope",))
            scope = ref.key if ref else scope
    value, year = item.get("value"), item.get("year")
    if isinstance(value, bool) or not isinstance(value, int | float):
        if "value" in item:
            check.problem(path + ("value",), f"expected a number, found {_kind(value)}")
        value = 0
    if year is None and "year" in item and item.get("kind") == "target":
        pass  # `year: null`: a target for which the source gives no year
    elif isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100:
        if "year" in item:
            check.problem(path + ("year",), "expected a year such as 2027 (or null for a "
                                            "target the source gives no year)")
        year = 0
    per = check.text(item.get("per"), path + ("per",), False)
    if per and per != "year":
        check.problem(path + ("per",), "per must be 'year' (a rate per year)")
    unit = check.text(item.get("unit"), path + ("unit",))
    base_unit, factor = units_table().get(unit, (unit, 1.0))
    if unit and unit not in units_table():
        check.problem(path + ("unit",), f"unknown unit {unit!r}",
                      partial(closest, unit, units_table()))
    kind = check.text(item.get("kind"), path + ("kind",))
    if kind and kind not in ("actual", "target"):
        check.problem(path + ("kind",), "kind must be 'actual' or 'target'",
                      partial(closest, kind, ("actual", "target")))
    base = check.text(item.get("base"), path + ("base",), False)
    if base_unit == "percent" and not base:
        check.problem(path + ("base",), "a percentage needs its base: "
                                        "what it is a percentage of")
    return Indicator(check.text(item.get("metric"), path + ("metric",)),
                     _names(check, item, path), scope or code, year, float(value) * factor,
                     base_unit, kind, check.citation(item, path, sources), base, per)
