"""Layout slogans (一廊双核多点, "One Corridor, Two Cores, Multiple Spots"): where a text
states one and the components it splits into (count + noun, the noun's kind from the
lexicon's ``layout_kinds``). :mod:`geo.drafting.layout` turns them into elements."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .facts import SentenceInfo
from .lexicon import lexicon

_ZH_NUM = {"一": 1, "两": 2, "双": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9, "十": 10, "多": 0}
_EN_NUM = {"one": 1, "two": 2, "double": 2, "dual": 2, "twin": 2, "three": 3, "four": 4,
           "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "multiple": 0,
           "several": 0, "many": 0}
_ZH_NUMERALS = "一两双二三四五六七八九十多"
_ZH_SLOGAN = re.compile(r"(?:[一两双二三四五六七八九十多]"
                        r"[^\s一两双二三四五六七八九十多“”\"'，。、；：,.;:（）()]"
                        r"{1,3}){2,7}")
_EN_WORD = r"(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Multiple|Several|Double|Dual|Twin)"
_EN_SLOGAN = re.compile(_EN_WORD + r"\s+[A-Za-z][a-z]+(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)"
                        + _EN_WORD + r"\s+[A-Za-z][a-z]+)+", re.I)

@dataclass
class Component:
    """One part of a slogan: its words, count (0 = many) and kind."""

    text: str
    count: int
    noun: str
    kind: str


def kind_of_noun(noun: str, lang: str) -> str:
    """The layout kind a slogan noun names (廊 -> corridor, Cores -> core), or ''."""
    kinds = lexicon()["layout_kinds"][lang]
    if lang == "en":
        return kinds.get(noun.lower(), "")
    for size in range(len(noun), 0, -1):  # 多平台 -> 平台, 核心区 -> 核心
        if noun[:size] in kinds:
            return kinds[noun[:size]]
    return kinds.get(noun[-1:], "")


#: Nouns of linear elements: a name ending in one (沿长江经济发展带) is a belt, axis or
#: corridor itself, named by its route or theme.
LINES = ("带", "轴", "廊")


def kind_of_zone(name: str) -> str:
    """The layout kind an area's name ends with (沿江产业带 -> belt, 核心区 -> core), or ''."""
    if name.isascii():
        return kind_of_noun(name.split()[-1], "en")
    for suffix, kind in lexicon()["layout_kinds"]["zh"].items():
        if (len(suffix) >= 2 or suffix in LINES) and name.endswith(suffix):
            return kind
    return ""

def split_slogan(text: str) -> list[Component]:
    """Components of a slogan, or [] when it is not a layout slogan.

    Examples
    --------
    >>> [c.kind for c in split_slogan("一廊双核多点")]
    ['corridor', 'core', 'spots']
    >>> [c.count for c in split_slogan("One Corridor, Two Cores and Multiple Spots")]
    [1, 2, 0]
    """
    if re.match(_EN_WORD, text, re.I):
        parts = re.findall(_EN_WORD + r"\s+([A-Za-z][a-z]+)", text, re.I)
        words = re.findall(r"(" + _EN_WORD + r")\s+[A-Za-z][a-z]+", text, re.I)
        comps = [Component(f"{w} {n}", _EN_NUM[w.lower()], n, kind_of_noun(n, "en"))
                 for w, n in zip(words, parts, strict=True)]
    else:
        pieces = [_without_verb(p) for p in re.split(r"[、，,]", text)]
        if len(pieces) > 1 and any(len(p) > 4 for p in pieces):
            return []  # a part is a numeral and a noun of one to three characters
        comps = [Component(m.group(), _ZH_NUM[m.group(1)[-1]], m.group(2),
                           kind_of_noun(m.group(2), "zh"))
                 for piece in pieces
                 for m in re.finditer(f"([{_ZH_NUMERALS}]+)([^{_ZH_NUMERALS}]+)", piece)]
    if len(comps) < 2 or sum(1 for c in comps if c.kind) < len(comps):
        return []
    return comps


def slogan_verbs() -> list[str]:
    """The lexicon's slogan verbs (引领, 驱动, ...), longest first."""
    return sorted(lexicon()["slogan_verbs"]["zh"], key=len, reverse=True)


@functools.cache
def _zh_slogan_sep() -> re.Pattern:
    """Slogans whose parts are set apart by 、 or ， and may carry a verb (一核引领、两翼驱动、
    多点支撑): each part a numeral, a layout noun and perhaps a verb."""
    kinds = "|".join(sorted(lexicon()["layout_kinds"]["zh"], key=len, reverse=True))
    part = (f"[{_ZH_NUMERALS}][\u4e00-\u9fff]{{0,2}}?(?:{kinds})"
            f"(?:{'|'.join(slogan_verbs())})?")
    return re.compile(part + r"(?:[、，,]" + part + r"){1,6}")


def _without_verb(part: str) -> str:
    """A slogan part without the verb it carries: 一核引领 -> 一核."""
    return next((part[:-len(v)] for v in slogan_verbs()
                 if part.endswith(v) and len(part) > len(v) + 1), part)


def _marked(text: str, m, comps: list[Component]) -> bool:
    """An English slogan is capitalised ("One Corridor, Two Cores") or quoted."""
    quoted = text[max(0, m.start() - 2):m.start()].strip()[-1:] in ("\"", "“", "'", "‘")
    return quoted or all(c.text[:1].isupper() and c.noun[:1].isupper() for c in comps)


#: A definition mark right after a slogan-like run: its last part is being defined.
_DEFINED = re.compile(r"\s*(?:即|是指|指的是|指|就是|分别(?:是|为|指)|[：:])")


def find_slogans(infos: list[SentenceInfo]) -> list[tuple[int, int, int, list[Component]]]:
    """Distinct layout slogans: (sentence index, start, end, components), first mention each."""
    seen, found = set(), []
    for info in infos:
        s = info.sentence
        for pattern in (_ZH_SLOGAN, _zh_slogan_sep(), _EN_SLOGAN):
            for m in pattern.finditer(s.text):
                comps = split_slogan(m.group())
                key = tuple((c.count, c.kind) for c in comps)
                if comps and comps[0].text.isascii() and not _marked(s.text, m, comps):
                    continue  # "two zones and three parks" in running prose is no slogan
                if pattern is not _EN_SLOGAN and _DEFINED.match(s.text, m.end()):
                    continue  # …瓯海三区，两翼即…: a count closing a list, then a part defined
                if comps and key not in seen:
                    seen.add(key)
                    found.append((s.index, s.start + m.start(), s.start + m.end(), comps))
    return found

def slogan_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every whole slogan of two or more components in ``text`` (not a
    count closing a list before a defined part: …三区，两翼即…)."""
    return [(m.start(), m.end()) for p in (_ZH_SLOGAN, _zh_slogan_sep(), _EN_SLOGAN)
            for m in p.finditer(text) if len(split_slogan(m.group())) > 1
            and (p is _EN_SLOGAN or not _DEFINED.match(text, m.end()))]
