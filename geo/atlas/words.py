"""The words people type for an industry: one resolver for the API, the CLI and the page.

An industry is found by any of its plan names (id, Chinese, English, aliases) and by the
forms a reader writes them in:

- any case, spacing or width (:func:`geo.places.names.normalise`);
- English singular or plural (``integrated circuit`` / ``integrated circuits``);
- Chinese with or without 产业 or 行业 (``集成电路产业``);
- the terms of the digital-industry lexicon (``geo/data/draft_lexicon.json``) for the
  lexicon entry that shares a name with the industry (IC, chip, 芯片 ...). The lexicon is
  the project's own word list, not a fact of any plan.
"""

from __future__ import annotations

import json
import re
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


def forms(name: str) -> set[str]:
    """The folded forms of one name that should all find it."""
    text = normalise(name)
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


def industry_names(names) -> tuple[str, ...]:
    """Every form of ``names`` (one industry's names), the lexicon's synonyms included."""
    own = set().union(*(forms(n) for n in names))
    words = set(own)
    for entry in lexicon()["industries"]:
        terms = (entry["zh"], entry["en"], *entry.get("terms", ()))
        folded = set().union(*(forms(t) for t in terms))
        if folded & own:
            words |= folded
    return tuple(sorted(words))


def query_forms(name: str) -> list[str]:
    """The folded forms to try for a typed name: as typed first, then its variants."""
    first = normalise(name)
    return [first, *sorted(forms(name) - {first})]
