"""The industry lexicon (``geo/data/draft_lexicon.json``), loaded once."""

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
