"""The bilingual words of every output, kept as data in ``data/vocabulary.json``.

Maps, figures, reports, the index page and the diff outputs take their words
from here, so a word is spelled once (``"direct"`` is 直接 / direct
everywhere). An output's language is one :class:`Lang`, made (and so checked) once
at the entry point (``Lang.of(lang)``: the facade ``geo``, the Atlas's public methods,
the command line); the outputs below take that value (default :data:`BOTH`) and check
nothing: it gives them their words (:meth:`Lang.words`, :meth:`Lang.word`; counted
things, singular or plural, by :meth:`Lang.count`) and picks bilingual labels
(:meth:`Lang.pick`).
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

    def pick(self, lang="both") -> str:
        """The label in ``lang``: ``"zh"``, ``"en"`` or ``"both"`` (``"乐清 / Yueqing"``),
        or a :class:`Lang`."""
        lang = getattr(lang, "code", lang)
        if lang == "zh":
            return self.zh or self.en
        if lang == "en":
            return self.en or self.zh
        return " / ".join(dict.fromkeys(t for t in (self.zh, self.en) if t))


#: The languages of every output: Chinese, English, or both side by side.
LANGS = ("zh", "en", "both")

#: The media with words of their own; each also has the common words.
MEDIA = ("map", "figure", "report", "index")


@dataclass(frozen=True)
class Lang:
    """The language of one output: ``code`` is ``"zh"``, ``"en"`` or ``"both"``.

    Raises
    ------
    AtlasError
        For any other code (when made).
    """

    code: str

    def __post_init__(self):
        if self.code not in LANGS:
            raise AtlasError(f"unknown language {self.code!r}; expected zh, en or both")

    @classmethod
    def of(cls, lang) -> Lang:
        """``lang`` itself if it is a Lang, else the Lang of the code ``lang``."""
        if isinstance(lang, Lang):
            return lang
        return _BY_CODE[lang] if lang in LANGS else cls(lang)  # cls(lang) raises

    def pick(self, label) -> str:
        """A bilingual label (:class:`Text`, or a plan's) in this language."""
        return label.pick(self.code)

    def word(self, key: str, medium: str = "common") -> str:
        """The word ``key`` of ``medium`` (or a common word) in this language."""
        return word(key, self.code, medium)

    def count(self, n: int, one: str, other: str, medium: str = "common") -> str:
        """``n`` things in words: the word ``one`` (``"{n} firm"``) when ``n`` is 1, else
        ``other`` (``"{n} firms"``), of ``medium``, with ``{n}`` filled in."""
        return self.word(one if n == 1 else other, medium).replace("{n}", str(n))

    def words(self, medium: str) -> dict[str, str]:
        """Every word of ``medium`` (common words included) in this language, by key."""
        return dict(_words(medium, self.code))


_BY_CODE = {code: Lang(code) for code in LANGS}

#: Chinese and English side by side: the default language of every output.
BOTH = _BY_CODE["both"]


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
    return dict(_words(medium, lang))


@cache
def _words(medium: str, lang: str) -> dict[str, str]:
    sections = _sections()
    merged = {**sections["common"], **sections[medium]}
    return {key: value.pick(lang) for key, value in merged.items()}


def level_name(level: str, lang: str = "both") -> str:
    """The name of a region level (``"市"``): ``"市 / city"``, ``"country"``, ..."""
    return _sections()["levels"].get(level, Text(level, level)).pick(lang)
