"""The digital-industry lexicon (``geo/data/draft_lexicon.json``), loaded once."""

from __future__ import annotations

from functools import cache

from ..atlas.words import lexicon  # loaded once, shared with the industry resolver

__all__ = ["industry", "industry_terms", "lexicon"]


@cache
def industry_terms() -> dict[str, str]:
    """Every written form of every industry (names and terms) -> industry id."""
    terms: dict[str, str] = {}
    for entry in lexicon()["industries"]:
        for term in (entry["zh"], entry["en"], *entry.get("terms", ())):
            terms.setdefault(term, entry["id"])
    return terms


@cache
def industry(industry_id: str) -> dict:
    """The lexicon entry of an industry id."""
    return next(e for e in lexicon()["industries"] if e["id"] == industry_id)


@cache
def _zh_words() -> dict[str, str]:
    words = {w: en for w, en in lexicon()["glossary"]["zh"].items()}
    for entry in lexicon()["industries"]:
        for term in (entry["zh"], *entry.get("terms", ())):
            if not term.isascii():
                words[term] = entry["en"][:1].lower() + entry["en"][1:] \
                    if not entry["en"][:2].isupper() else entry["en"]
    return words


def english_words(name: str) -> tuple[str, bool]:
    """An English name for a Chinese industry or group name outside the lexicon, word by
    word (longest lexicon or glossary word first), and whether every word was known.

    A word in neither is written in pinyin (that word only), so the caller can mark the
    name for review; the Chinese is never copied.

    Examples
    --------
    >>> english_words("太阳能光伏")
    ('Solar photovoltaics', True)
    """
    from .text import pinyin

    words, out, known, i, unknown = _zh_words(), [], True, 0, ""
    longest = max(map(len, words))
    while i < len(name):
        for size in range(min(longest, len(name) - i), 0, -1):
            if name[i:i + size] in words:
                if unknown:
                    out.append(pinyin(unknown).replace(" ", "").capitalize())
                    unknown = ""
                if words[name[i:i + size]]:
                    out.append(words[name[i:i + size]])
                i += size
                break
        else:
            if not name[i].isspace():
                unknown += name[i]
                known = False
            i += 1
    if unknown:
        out.append(pinyin(unknown).replace(" ", "").capitalize())
    text = " ".join(out)
    return text[:1].upper() + text[1:], known
