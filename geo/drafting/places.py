"""Places in a document: the region's units by any name form and the region itself
(place-like spans that are no unit are found by :mod:`.zones`).

A unit is found by its full Chinese name, its short form (乐清 for 乐清市) when no
other unit of the region shares it, and its English forms (``Rui'an``, ``Yongjia
County``). A name with a suffix that is not the unit's own (an abolished 洞头县 where
the unit is now 洞头区) is a zone, never forced onto the district.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from ..places import boundaries
from ..places.names import english_name, strip_zh_suffix, tables_digest
from .text import Document

_ZH_ADMIN = "县区市旗"
#: Words that start with an administrative suffix character (乐清区域 is Yueqing's area).
_NOT_SUFFIX = ("区域", "区块", "区位", "区内", "区间", "市场", "市民", "市域", "市级", "县域",
               "县级", "县城", "旗下")
_EN_ADMIN = {"county": "县", "district": "区", "city": "市", "banner": "旗"}
_COUNTRY_FORMS = ("中国", "China", "中华人民共和国")


@dataclass(frozen=True)
class Mention:
    """A place named in the document: ``key`` is an adcode (units) or a zone name."""

    start: int  # offsets in Document.text
    end: int
    kind: str  # "unit", "region" or "zone"
    key: str
    text: str


def member_key(place: Mention) -> str:
    """How a fact names a place: the unit's adcode, or ``zone:<name>`` for a zone.

    Parameters
    ----------
    place : Mention
        A place named in the document (a unit, the region or a zone).

    Returns
    -------
    str
        The key an element's ``members`` or an assignment's ``place`` holds.
    """
    return f"zone:{place.key}" if place.kind == "zone" else place.key


def _en_pattern(name: str) -> str:
    """Regex for an English name; the apostrophe may be ', ’ or missing."""
    return re.escape(name).replace("'", "['’]?")


def _forms(units, region) -> dict[str, set[str]]:
    """Name form -> adcodes, for ``units`` (Chinese full and short, English)."""
    forms: dict[str, set[str]] = {}
    for u in units:
        names = spellings(u)
        if u.adcode == "100000":
            names |= set(_COUNTRY_FORMS)
        for name in names:
            if len(name) >= 2:
                forms.setdefault(name, set()).add(u.adcode)
    return forms


def _readings(name_zh: str, limit: int = 4) -> list[str]:
    """English spellings of a unit for every reading of its polyphonic characters
    (郫都: Pidou and Pidu), the project's English name first."""
    import itertools

    from pypinyin import Style, pinyin

    from ..places.names import english_name

    first = english_name(name_zh)
    base = strip_zh_suffix(name_zh)
    if first.lower() != "".join(c for c in first.lower() if c.isalpha() or c == "'").lower():
        return [first]
    options = [r[:2] for r in pinyin(base, style=Style.NORMAL, heteronym=True)]
    spellings = [first]
    for combo in itertools.islice(itertools.product(*options), limit * 2):
        word = combo[0]
        for syllable in combo[1:]:
            word += ("'" if syllable[:1] in "aoe" else "") + syllable
        word = word[:1].upper() + word[1:]
        if word not in spellings:
            spellings.append(word)
    return spellings[:limit]


@cache
def english_names() -> dict[str, list[str]]:
    """adcode -> English spellings of every unit (its English name first, then other
    readings of polyphonic characters), cached in ``settings.cache_dir`` (pinyin of 3,000
    names takes seconds; reading them back, milliseconds)."""
    import json

    from .. import settings
    from ..output import write_text

    path = None
    if settings.cache_dir is not None:
        key = f"{boundaries.data_version()}-{tables_digest()}"
        path = settings.cache_dir / f"draft-names-3-{key}.json"
        try:
            return json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            pass
    names = {u.adcode: _readings(u.name_zh) for u in boundaries.all_units()}
    if path is not None:
        try:
            write_text(path, json.dumps(names, ensure_ascii=False))
        except Exception:  # noqa: BLE001 - the cache is optional
            pass
    return names


def spellings(u) -> set[str]:
    """How a document may spell a unit: full and short Chinese names and every English
    reading (:func:`english_names`). Unlike :func:`geo.places.boundaries.name_forms` (the
    forms a plan file may use) it holds no adcode, and the readings of polyphonic characters."""
    return {u.name_zh, strip_zh_suffix(u.name_zh), *(english_names().get(u.adcode) or
                                                      [u.name_en])}


@cache
def _all_forms():
    units = boundaries.all_units()
    return _forms(units, None), {u.adcode: u for u in units}


def _find(text: str, form: str):
    if form.isascii():
        pattern = r"(?<![A-Za-z])" + _en_pattern(form) + r"(?![a-z])"
        return [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    found, i = [], text.find(form)
    while i >= 0:
        found.append((i, i + len(form)))
        i = text.find(form, i + 1)
    return found


def _parent(code: str, units: dict) -> str | None:
    for parent in (code[:4] + "00", code[:2] + "0000", "100000"):
        if parent != code and parent in units:
            return parent
    return None


#: Share of the mentions a unit must hold (its own and its units') to be preferred to
#: the unit above it when the region is inferred.
DOMINANT_SHARE = 0.6


@cache
def _longest_first() -> tuple[str, ...]:
    return tuple(sorted(_all_forms()[0], key=len, reverse=True))


def infer_region(doc: Document):
    """The region the document is about: the unit it names most, counting the mentions of
    a unit's own units too, from the country down while one unit holds most of the
    mentions below its parent and at least as many as the parent itself.

    Returns
    -------
    (boundaries.Unit, int) or None
        The unit and how many times it or its units are named.
    """
    forms, units = _all_forms()
    text = doc.text
    bigrams = {text[i:i + 2] for i in range(len(text) - 1)}
    words = set(re.findall(r"[A-Za-z]+", text))
    counts: Counter = Counter()
    taken: list[tuple[int, int]] = []
    for form in _longest_first():
        codes = forms[form]
        first = re.match(r"[A-Za-z]+", form) if form.isascii() else None
        if len(codes) != 1 or (form[:2] not in bigrams if not form.isascii()
                               else not first or first.group() not in words):
            continue
        for a, b in _find(doc.text, form):
            if not any(a < y and x < b for x, y in taken):
                taken.append((a, b))
                counts[next(iter(codes))] += 1
    if not counts:
        return None
    total: Counter = Counter()
    children: dict[str, set[str]] = {}
    for code, n in counts.items():
        node = code
        while node is not None:
            total[node] += n
            parent = _parent(node, units)
            if parent is not None:
                children.setdefault(parent, set()).add(node)
            node = parent
    best = "100000" if "100000" in units else max(total, key=total.get)
    while children.get(best):
        # a city's plan names its country and province too: their own mentions do not
        # hold the walk back, unless they outnumber the mentions of the city and its units
        child = max(children[best], key=lambda c: (total[c], c))
        below = sum(total[c] for c in children[best])
        if total[child] < DOMINANT_SHARE * below or total[child] <= counts[best]:
            break
        best = child
    return units[best], total[best]


class PlaceFinder:
    """Finds a region's units, the region itself and zones in a document.

    Parameters
    ----------
    region : boundaries.Unit
        The plan's region; its units are ``boundaries.children(region)``.
    """

    def __init__(self, region):
        self.region = region
        self.units = boundaries.children(region)
        self.by_code = {u.adcode: u for u in self.units}
        forms = _forms(self.units, region)
        if region.adcode not in self.by_code:
            region_forms = spellings(region)
            if region.adcode == "100000":
                region_forms |= set(_COUNTRY_FORMS)
            self.region_forms = {f for f in region_forms if len(f) >= 2}
        else:
            self.region_forms = set()
        # A form shared by two units, or equal to the region's own name, names no unit.
        self.forms = {f: next(iter(c)) for f, c in forms.items()
                      if len(c) == 1 and f not in self.region_forms}
        # ... unless the text names the province of one of them next to it (Suzhou, Jiangsu)
        self.shared = {f: sorted(c) for f, c in forms.items()
                       if len(c) > 1 and f not in self.region_forms}

    def words(self) -> tuple[str, ...]:
        """Chinese name forms, for the segmenter's user dictionary."""
        return tuple(sorted(f for f in (*self.forms, *self.region_forms) if not f.isascii()))

    def find(self, text: str) -> list[Mention]:
        """Every unit and region mention in ``text`` (offsets into ``text``), longest first."""
        found: list[Mention] = []

        def free(a, b):
            return not any(a < m.end and m.start < b for m in found)

        candidates = [(f, "unit", c) for f, c in self.forms.items()]
        candidates += [(f, "region", self.region.adcode) for f in self.region_forms]
        for form, kind, code in sorted(candidates, key=lambda c: len(c[0]), reverse=True):
            if form not in text and not (form.isascii() and "'" in form):
                continue
            for a, b in _find(text, form):
                if not free(a, b):
                    continue
                mention = self._with_suffix(text, a, b, form, kind, code)
                if mention and free(mention.start, mention.end):
                    found.append(mention)
        for form, codes in self.shared.items():
            if form not in text:
                continue
            for a, b in _find(text, form):
                code = self._by_province(text, a, b, codes)
                if code and free(a, b):
                    found.append(Mention(a, b, "unit", code, text[a:b]))
        return sorted(found, key=lambda m: m.start)

    def _by_province(self, text: str, a: int, b: int, codes: list[str]) -> str | None:
        """The one unit of ``codes`` whose province is named within 40 characters."""
        window = text[max(0, a - 40): b + 40]
        hits = []
        for code in codes:
            province = self.by_code[code].province
            names = {province, strip_zh_suffix(province), english_name(province)}
            if province and any(n and len(n) >= 2 and n in window for n in names):
                hits.append(code)
        return hits[0] if len(hits) == 1 else None

    def _with_suffix(self, text, a, b, form, kind, code) -> Mention | None:
        """The mention, taking an administrative suffix after it into account."""
        unit = self.by_code.get(code) or self.region
        own = unit.name_zh[-1:]
        if not form.isascii():
            after = text[b:b + 1]
            if text[b:b + 2] in _NOT_SUFFIX:  # 乐清区域, 温州市场: a word, not a suffix
                return Mention(a, b, kind, code, text[a:b])
            if after and after in _ZH_ADMIN and form != unit.name_zh:
                if after == own:
                    return Mention(a, b + 1, kind, code, text[a:b + 1])
                # 洞头县 where the unit is 洞头区: another (abolished) unit, not this one.
                return Mention(a, b + 1, "zone", text[a:b + 1], text[a:b + 1])
            return Mention(a, b, kind, code, text[a:b])
        m = re.match(r"\s+(County|District|City|Banner|county|district|city|banner)\b",
                     text[b:])
        if m:
            suffix = _EN_ADMIN[m.group(1).lower()]
            end = b + m.end()
            if suffix != own and not (kind == "region" and suffix == "市"):
                return Mention(a, end, "zone", text[a:end], text[a:end])
            return Mention(a, end, kind, code, text[a:end])
        return Mention(a, b, kind, code, text[a:b])
