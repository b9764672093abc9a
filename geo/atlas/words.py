"""The words people type for an industry: one resolver for the API, the CLI and the page.

An industry is found by any of its plan names (id, Chinese, English, aliases) and by the
forms a reader writes them in:

- any case, spacing or width (:func:`geo.places.names.normalise`);
- English singular or plural (``integrated circuit`` / ``integrated circuits``);
- Chinese with or without 产业 or 行业 (``集成电路产业``);
- the terms of the industry lexicon (``geo/data/draft_lexicon.json``) for the
  lexicon entry that shares a name with the industry (IC, chip, 芯片 ...). The lexicon is
  the project's own word list, not a fact of any plan.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources

from ..places.names import normalise

_ZH_TRADE = ("产业", "行业")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@cache
def lexicon() -> dict:
    """The lexicon: ``industries`` (id, zh, en, terms) and ``layout_kinds`` (zh, en)."""
    text = resources.files("geo").joinpath("data/draft_lexicon.json").read_text("utf-8")
    return json.loads(text)


def variants(name: str) -> set[str]:
    """The written variants of one name (lower case; not yet folded): as given, the other
    English number, and Chinese with and without 产业/行业."""
    text = unicodedata.normalize("NFKC", str(name)).strip().lower()
    out = {text}
    if _CJK.search(text):
        for suffix in _ZH_TRADE:
            if text.endswith(suffix) and len(text) > len(suffix) + 1:
                text = text[: -len(suffix)]
                out.add(text)
        out.update(text + suffix for suffix in _ZH_TRADE)
    elif text.endswith("ies") and len(text) > 4:
        out.add(text[:-3] + "y")
    elif text.endswith("s") and len(text) > 3:
        out.add(text[:-1])
    elif text.endswith("y") and len(text) > 3:
        out.add(text[:-1] + "ies")
    elif text:
        out.add(text + "s")
    return out


def forms(name: str) -> set[str]:
    """The folded forms of one name that should all find it."""
    return {normalise(v) for v in variants(name)}


@cache
def _lexicon_variants() -> tuple[tuple[frozenset, frozenset], ...]:
    """Each lexicon industry's written variants and their folded forms, made once."""
    out = []
    for entry in lexicon()["industries"]:
        terms = frozenset().union(*(variants(t) for t in
                                    (entry["zh"], entry["en"], *entry.get("terms", ()))))
        out.append((terms, frozenset(normalise(t) for t in terms)))
    return tuple(out)


def industry_variants(names) -> set[str]:
    """Every written variant of one industry's ``names``, the lexicon's synonyms included."""
    own = set().union(*(variants(n) for n in names))
    folded_own = {normalise(v) for v in own}
    out = set(own)
    for terms, folded in _lexicon_variants():
        if folded & folded_own:
            out |= terms
    return out


def industry_names(names) -> tuple[str, ...]:
    """Every folded form of one industry's ``names``, the lexicon's synonyms included."""
    return tuple(sorted({normalise(v) for v in industry_variants(names)}))


def query_forms(name: str) -> list[str]:
    """The folded forms to try for a typed name: as typed first, then its variants."""
    first = normalise(name)
    return [first, *sorted(forms(name) - {first})]
