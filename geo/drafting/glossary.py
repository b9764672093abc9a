"""English names from known word parts: the glossary (``geo/data/draft_glossary.json``)
and the lexicon's industry names, loaded once.

A Chinese name is read as the fewest known words that cover it (jieba's word boundaries
break ties), each written in English in order. A name with a part no table knows gets
no English name from :func:`english_name`: it is left for a translator, never spelt in
pinyin. Only :func:`english_words`, for the proper names inside zone names, spells such
a part in pinyin.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from ._numerals import ZH_DIGITS

__all__ = ["english_name", "english_words", "glossary", "known"]

#: One written form: (English before another word, English as the last word).
Forms = tuple[str, str]
_AND = {"与", "和", "及", "以及", "、"}
#: A count before a noun (10个…, 三大…): its English is the number.
_COUNTED = re.compile(r"(\d+|[一两二三四五六七八九十])\s*[个大项类家条]")
_ASCII = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]*")


@cache
def glossary() -> dict[str, Forms]:
    """Chinese word -> its English forms, from ``geo/data/draft_glossary.json``."""
    text = resources.files("geo").joinpath("data/draft_glossary.json").read_text("utf-8")
    table = json.loads(text)["zh"]
    return {w: (en, en) if isinstance(en, str) else tuple(en) for w, en in table.items()}


@cache
def _words() -> dict[str, Forms]:
    """The glossary and every Chinese form of a lexicon industry (its English name); for
    the entries taken from a public classification (a ``source``) the glossary's own
    forms, where it has them, stay (汽车: automotive before another word, vehicles last)."""
    from .lexicon import lexicon

    words = dict(glossary())
    for entry in lexicon()["industries"]:
        en = entry["en"] if entry["en"][:2].isupper() else entry["en"][:1].lower() + entry["en"][1:]
        for term in (entry["zh"], *entry.get("terms", ())):
            if not term.isascii():
                if "source" in entry:
                    words.setdefault(term, (en, en))
                else:
                    words[term] = (en, en)
    words.update({w: ("and", "and") for w in _AND - {"、"}}, **{"、": (",", ",")})
    return words


def known(name: str) -> bool:
    """Whether every part of a Chinese name is a known word (no pinyin is built)."""
    return all(forms is not None for _, forms in _pieces(name))


@cache
def _pieces(name: str) -> tuple[tuple[str, Forms | None], ...]:
    """``name`` as (written piece, English forms or None when no table knows it): the
    cover with fewest unknown characters, then fewest pieces, then fewest cuts inside a
    jieba word."""
    from .text import segment

    words = _words()
    longest = max(map(len, words))
    inside = {a for s, e, _ in segment(name) for a in range(s + 1, e)} if not name.isascii() \
        else set()
    n = len(name)
    best: list = [None] * (n + 1)  # (cost, back pointer, piece forms)
    best[0] = ((0, 0, 0), None, None)
    for i in range(n):
        if best[i] is None:
            continue
        cost = best[i][0]
        steps = []
        if name[i].isspace():
            steps.append((i + 1, None, (0, 0, 0)))
        counted = _COUNTED.match(name, i)
        ascii_run = _ASCII.match(name, i)
        if counted:
            number = counted.group(1) if counted.group(1).isdigit() else \
                str(ZH_DIGITS[counted.group(1)])
            steps.append((counted.end(), (number, number), (0, 1, 0)))
        elif ascii_run:
            steps.append((ascii_run.end(), (ascii_run.group(),) * 2, (0, 1, 0)))
        for j in range(i + 1, min(n, i + longest) + 1):
            if name[i:j] in words:
                steps.append((j, words[name[i:j]], (0, 1, 0)))
        if not name[i].isspace():
            steps.append((i + 1, False, (1, 1, 0)))
        for j, forms, step in steps:
            total = (cost[0] + step[0], cost[1] + step[1],
                     cost[2] + (i in inside) + (j in inside and j < n))
            if best[j] is None or total < best[j][0]:
                best[j] = (total, i, forms)
    out, j = [], n
    while j > 0:
        _, i, forms = best[j]
        if forms is not None:
            out.append((name[i:j], forms or None))
        j = i
    return tuple(out[::-1])


def _join(pieces, unknown) -> str:
    words = []
    for k, (piece, forms) in enumerate(pieces):
        if forms is None:
            words.append(unknown(piece))
            continue
        last = k + 1 == len(pieces) or pieces[k + 1][0] in _AND or pieces[k + 1][1] is None
        words.append(forms[1] if last else forms[0])
    text = " ".join(w for w in words if w).replace(" , ", ", ")
    return text[:1].upper() + text[1:]


def english_name(name: str) -> str:
    """The English of a Chinese industry or group name from its known word parts, or ""
    when a part has no translation (the name is then left for a translator).

    Examples
    --------
    >>> english_name("平板显示")
    'Flat-panel displays'
    >>> english_name("鸿蒙生态")
    ''
    """
    pieces = _merge(_pieces(name))
    if any(forms is None for _, forms in pieces):
        return ""
    return _join(pieces, str)


def english_words(name: str) -> tuple[str, bool]:
    """An English rendering of a Chinese name word by word, a part no table knows spelt
    in pinyin (for the proper names inside zone names: 南海 -> Nanhai), and whether every
    part was known.

    Examples
    --------
    >>> english_words("南海电子")
    ('Nanhai electronics', False)
    """
    from .text import pinyin

    pieces = _merge(_pieces(name))
    text = _join(pieces, lambda p: pinyin(p).replace(" ", "").capitalize())
    return text, all(forms is not None for _, forms in pieces)


def _merge(pieces) -> list[tuple[str, Forms | None]]:
    """Adjacent unknown characters as one unknown piece."""
    out: list[tuple[str, Forms | None]] = []
    for piece, forms in pieces:
        if forms is None and out and out[-1][1] is None:
            out[-1] = (out[-1][0] + piece, None)
        else:
            out.append((piece, forms))
    return out
