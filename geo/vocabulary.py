"""The bilingual words of every output, kept as data in ``data/vocabulary.json``.

Maps, figures, reports, the index page and the diff outputs take their words
from here, so a word is spelled once (``"direct"`` is 直接 / direct
everywhere). Every public entry point that takes ``lang`` calls
:func:`check_lang` first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .errors import AtlasError


@dataclass(frozen=True)
class Text:
    """A bilingual label."""

    zh: str
    en: str

    def pick(self, lang: str = "both") -> str:
        """The label in ``lang``: ``"zh"``, ``"en"`` or ``"both"`` (``"乐清 / Yueqing"``)."""
        if lang == "zh":
            return self.zh or self.en
        if lang == "en":
            return self.en or self.zh
        return " / ".join(dict.fromkeys(t for t in (self.zh, self.en) if t))


#: The languages of every output: Chinese, English, or both side by side.
LANGS = ("zh", "en", "both")

#: The media with words of their own; each also has the common words.
MEDIA = ("map", "figure", "report", "index")


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is ``"zh"``, ``"en"`` or ``"both"``; else raise AtlasError."""
    if lang not in LANGS:
        raise AtlasError(f"unknown language {lang!r}; expected zh, en or both")
    return lang


@cache
def _sections() -> dict[str, dict[str, Text]]:
    text = resources.files("geo").joinpath("data/vocabulary.json").read_text("utf-8")
    return {name: {key: Text(**word) for key, word in section.items()}
            for name, section in json.loads(text).items() if not name.startswith("_")}


def text(key: str, medium: str = "common") -> Text:
    """The bilingual word ``key`` of ``medium`` (or a common word)."""
    sections = _sections()
    return sections[medium].get(key) or sections["common"][key]


def word(key: str, lang: str, medium: str = "common") -> str:
    """The word ``key`` in ``lang`` (``"both"``: ``"区县 / Districts"``)."""
    return text(key, medium).pick(lang)


def words(medium: str, lang: str) -> dict[str, str]:
    """Every word of ``medium`` (common words included) in ``lang``, by key."""
    sections = _sections()
    merged = {**sections["common"], **sections[medium]}
    return {key: value.pick(lang) for key, value in merged.items()}


def level_name(level: str, lang: str = "both") -> str:
    """The name of a region level (``"市"``): ``"市 / city"``, ``"country"``, ..."""
    return _sections()["levels"].get(level, Text(level, level)).pick(lang)
