"""The digital-industry lexicon (``geo/data/draft_lexicon.json``), loaded once."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def lexicon() -> dict:
    """The lexicon: ``industries`` (id, zh, en, terms) and ``layout_kinds`` (zh, en)."""
    text = resources.files("geo").joinpath("data/draft_lexicon.json").read_text("utf-8")
    return json.loads(text)


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
