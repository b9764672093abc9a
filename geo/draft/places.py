"""Places in a document: the region's units by any name form, the region itself, and
place-like spans (zones, parks, valleys, abolished units) that resolve to no unit.

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

from .. import boundaries
from ..names import strip_zh_suffix
from .text import Document

_ZH_ADMIN = "县区市旗"
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


def _en_pattern(name: str) -> str:
    """Regex for an English name; the apostrophe may be ', ’ or missing."""
    return re.escape(name).replace("'", "['’]?")


def _forms(units, region) -> dict[str, set[str]]:
    """Name form -> adcodes, for ``units`` (Chinese full and short, English)."""
    forms: dict[str, set[str]] = {}
    for u in units:
        names = name_forms(u)
        if u.adcode == "100000":
            names |= set(_COUNTRY_FORMS)
        for name in names:
            if len(name) >= 2:
                forms.setdefault(name, set()).add(u.adcode)
    return forms


@cache
def english_names() -> dict[str, str]:
    """adcode -> English name of every unit, cached in ``settings.cache_dir`` (pinyin of
    3,000 names takes a second; reading them back, milliseconds)."""
    import json

    from .. import settings
    from ..output import write_text

    path = None
    if settings.cache_dir is not None:
        path = settings.cache_dir / f"draft-names-{boundaries.data_version()}.json"
        try:
            return json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            pass
    names = {u.adcode: u.name_en for u in boundaries.all_units()}
    if path is not None:
        try:
            write_text(path, json.dumps(names, ensure_ascii=False))
        except Exception:  # noqa: BLE001 - the cache is optional
            pass
    return names


def name_forms(u) -> set[str]:
    """Full and short Chinese names and the English name of a unit (cached English)."""
    return {u.name_zh, strip_zh_suffix(u.name_zh), english_names().get(u.adcode) or u.name_en}


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


def infer_region(doc: Document):
    """The region the document is about: the unit it names most, counting the mentions of
    a unit's own units too, from the country down while one unit holds most of them.

    Returns
    -------
    (boundaries.Unit, int) or None
        The unit and how many times it or its units are named.
    """
    forms, units = _all_forms()
    counts: Counter = Counter()
    taken: list[tuple[int, int]] = []
    for form in sorted(forms, key=len, reverse=True):
        codes = forms[form]
        if len(codes) != 1 or (form.isascii() and form not in doc.text) or \
                (not form.isascii() and form not in doc.text):
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
        child = max(children[best], key=lambda c: (total[c], c))
        if total[child] < DOMINANT_SHARE * total[best]:
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
            region_forms = name_forms(region)
            if region.adcode == "100000":
                region_forms |= set(_COUNTRY_FORMS)
            self.region_forms = {f for f in region_forms if len(f) >= 2}
        else:
            self.region_forms = set()
        # A form shared by two units, or equal to the region's own name, names no unit.
        self.forms = {f: next(iter(c)) for f, c in forms.items()
                      if len(c) == 1 and f not in self.region_forms}

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
        return sorted(found, key=lambda m: m.start)

    def _with_suffix(self, text, a, b, form, kind, code) -> Mention | None:
        """The mention, taking an administrative suffix after it into account."""
        unit = self.by_code.get(code) or self.region
        own = unit.name_zh[-1:]
        if not form.isascii():
            after = text[b:b + 1]
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


# ---- zones: place-like spans that are no unit -------------------------------------------

_ZH_ZONE_SUFFIX = ("高新技术产业开发区", "经济技术开发区", "经济开发区", "高新区", "经开区",
                   "开发区", "示范区", "功能区", "集聚区", "先行区", "试验区", "科创区", "新区",
                   "片区", "园区",
                   "产业园", "软件园", "科技园", "科学城", "科技城", "新城", "小镇", "基地", "走廊",
                   "数据港", "安全港", "港区", "港", "谷", "湾区", "街道", "镇")
_ZH_STOP = ("打造", "建设", "建成", "形成", "推进", "推动", "加快", "依托", "围绕", "成为", "培育",
            "创建", "争创", "布局", "全力", "加强", "提升", "构建", "重点", "包括", "其中",
            "实现", "支持", "鼓励", "引导", "聚焦", "谋划", "建立", "设立", "申报", "入选", "获批",
            "以", "在", "为", "即", "是", "的", "和", "与", "及", "将", "把", "对", "向", "从",
            "等",
            "个", "了", "并", "或", "由", "至", "到", "于", "有", "这", "该", "其", "各", "中",
            "一批", "若干", "多个", "一个", "两个", "全国", "全省", "全市", "国家级", "省级")
_GENERIC_STEM = ("城", "乡", "特色", "各", "全", "小")
_GENERIC_BEFORE = ("多个", "若干", "一批", "各类", "一系列", "一些", "各", "多")
_EN_ZONE = re.compile(
    r"(?:\b[A-Z][A-Za-z]*\s*\([A-Z][A-Za-z]*\)\s*)?"
    r"\b((?:[A-Z][A-Za-z'’&-]*\s+){1,7}"
    r"(?:Zone|Park|Valley|Hub|Port|Corridor|Town|New City|New Area|Pilot Zone|Base|Bay Area))\b")
_EN_NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                    "ten", "multiple", "several", "double", "dual", "twin", "the", "a", "an"}


def find_zones(text: str, lang: str, words: tuple[str, ...] = ()) -> list[Mention]:
    """Named zones, parks, valleys, hubs and corridors in ``text`` (offsets into it)."""
    found = []
    for m in _EN_ZONE.finditer(text):
        start = m.start()
        first = text[m.start(1):m.end(1)].split()[0].lower()
        if first in ("the", "a", "an") and text[m.start():m.start(1)] == "":
            start = m.start(1) + len(text[m.start(1):].split()[0]) + 1
        elif first in _EN_NUMBER_WORDS and text[m.start():m.start(1)] == "":
            continue
        span = text[start:m.end()].strip()
        if len(span.split()) >= 2:
            found.append(Mention(start, m.end(), "zone", span, span))
    if lang == "zh" or re.search(r"[\u4e00-\u9fff]", text):
        found += _zh_zones(text, words)
    return found


def _zh_zones(text: str, words: tuple[str, ...]) -> list[Mention]:
    from .text import segment

    tokens = segment(text, words)
    ends = {b for _, b, _ in tokens}
    starts = {a: (a, b, w) for a, b, w in tokens}
    by_end = {b: (a, b, w) for a, b, w in tokens}
    found: list[Mention] = []
    for suffix in _ZH_ZONE_SUFFIX:
        i = text.find(suffix)
        while i >= 0:
            end = i + len(suffix)
            if end in ends and not any(m.start <= i < m.end for m in found):
                start = _zone_start(text, i, by_end, starts)
                name = text[start:end]
                before = text[max(0, start - 3):start]
                stem = name[:len(name) - len(suffix)]
                if len(stem) >= 2 and not before.endswith(_GENERIC_BEFORE) and \
                        not stem.endswith(_GENERIC_STEM):
                    found.append(Mention(start, end, "zone", name, name))
            i = text.find(suffix, i + 1)
    return found


def _zone_start(text: str, i: int, by_end: dict, starts: dict) -> int:
    """Walk back from the zone suffix at ``i`` over name-like words (at most 16 characters)."""
    start = i
    token = by_end.get(i)
    if token is None:  # the suffix sits inside a token, e.g. 数据安全港: start at that token
        for a, b, _w in by_end.values():
            if a < i < b:
                start, token = a, by_end.get(a)
                break
    while token is not None:
        a, b, word = token
        if word in _ZH_STOP or not re.fullmatch(r"[\u4e00-\u9fff（）()A-Za-z0-9]+", word) or \
                i - a > 16:
            break
        start = a
        token = by_end.get(a)
    return start


# ---- counted lists: "four major function areas: A, B, C and D" --------------------------

_EN_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
              "nine": 9, "ten": 10}
_ZH_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
              "十": 10}
_EN_COUNTED = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:(?:major|main|key|big)\s+)?"
    r"((?:[a-z-]+\s+){0,2}(?:areas|zones|parks|bases|platforms|districts|towns|hubs|valleys))"
    r"\s*:\s*([^.;]+)", re.I)
_ZH_COUNTED = re.compile(r"([两二三四五六七八九十\d]+)(?:大|个)([\u4e00-\u9fff]{0,6}"
                         r"(?:功能区|片区|板块|基地|平台|小镇|区|园))[：:]([^。；]+)")


def counted_lists(text: str) -> list[tuple[str, list[Mention]]]:
    """Lists announced with their count ("four function areas: A, B, C and D").

    Returns
    -------
    list of (noun, items)
        ``noun`` names what the items are ("function areas"); each item is a zone
        mention (offsets into ``text``). Only lists with as many items as announced.
    """
    found = []
    for pattern, numbers in ((_EN_COUNTED, _EN_COUNTS), (_ZH_COUNTED, _ZH_COUNTS)):
        for m in pattern.finditer(text):
            word = m.group(1).lower()
            count = int(word) if word.isdigit() else numbers.get(word, 0)
            body, base = m.group(3), m.start(3)
            if body.isascii():
                from .industries import list_items

                spans = list_items(body)
            else:
                spans = _zh_items(body)
            items = []
            for a, b in spans:
                piece = body[a:b]
                lead = re.match(r"\s*(?:the\s+)?", piece, re.I).end()
                name = piece[lead:].rstrip()
                if name:
                    items.append(Mention(base + a + lead, base + a + lead + len(name), "zone",
                                         name, name))
            if count and len(items) == count:
                found.append((m.group(2).strip(), items))
    return found


def _zh_items(body: str) -> list[tuple[int, int]]:
    """Items of a Chinese list joined by 、 and a last 和/及/以及."""
    items, pos = [], 0
    for m in re.finditer(r"、|以及|和|及|，|,", body):
        items.append((pos, m.start()))
        pos = m.end()
        if m.group() in ("以及", "和", "及"):
            end = re.search(r"[，,、]|$", body[pos:]).start() + pos
            items.append((pos, end))
            return items
        if m.group() in "，,":
            return items[:-1] + [items[-1]]
    items.append((pos, len(body)))
    return items
