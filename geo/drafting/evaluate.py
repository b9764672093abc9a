"""Scoring a drafted plan against a hand-encoded one, matching by meaning, not by id.

Industries match when the lexicon maps any of their names to the same industry, or
their names agree once folded (case, "&"/"and", smart/intelligent, plurals); zones
when their names agree; layout elements by kind, members and industries. Then
precision and recall are counted over (place, element) memberships, (element or
place, industry) assignments and indicators (year, value in base units, kind).
"""

from __future__ import annotations

import re
from collections import Counter

from .lexicon import industry_terms

_SYNONYMS = {"intelligent": "smart", "fashionable": "fashion", "transportation": "transport",
             "industries": "", "industry": "", "industrial": "", "&": "and", "and": "",
             "the": "", "of": "", "appliances": "appliance"}


def _fold(name: str) -> str:
    return " ".join(name.lower().replace("-", " ").split())


def _tokens(name: str) -> set[str]:
    words = re.findall(r"[a-z0-9&]+|[\u4e00-\u9fff]+", name.lower())
    out = set()
    for w in words:
        w = _SYNONYMS.get(w, w)
        if w:
            out.add(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return out


def industry_keys(industry) -> set[str]:
    """Lexicon ids any name of ``industry`` (a geo.plan.Industry) is written as."""
    folded = {_fold(t): key for t, key in industry_terms().items()}
    names = (industry.id, industry.name.zh, industry.name.en, *industry.aliases)
    keys = set()
    for name in names:
        f = _fold(name)
        for form in (f, f[:-1] if f.endswith("s") else f):
            if form in folded:
                keys.add(folded[form])
    return keys


def _same_industry(a, b) -> bool:
    if industry_keys(a) & industry_keys(b):
        return True
    ta, tb = _tokens(a.name.en), _tokens(b.name.en)
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) >= 0.6


def _same_zone(a, b) -> bool:
    def norm(t):
        return re.sub(r"^(the|a)\s+", "", _fold(t))

    for x in (a.name.zh, a.name.en):
        for y in (b.name.zh, b.name.en):
            nx, ny = norm(x), norm(y)
            if nx and ny and (nx == ny or (min(len(nx), len(ny)) >= 6 and (nx in ny or ny in nx))):
                return True
    return False


def _kind(kind: str) -> str:
    k = kind.lower().strip()
    return k[:-1] if k.endswith("s") and not k.endswith("ss") else k


def _industry_map(draft, expected) -> dict[str, str]:
    out = {}
    for d in draft.industries:
        match = next((e.id for e in expected.industries if _same_industry(d, e)), None)
        out[d.id] = match or f"draft:{d.id}"
    return out


def _zone_map(draft, expected) -> dict[str, str]:
    out = {}
    for d in draft.zones:
        match = next((e.id for e in expected.zones if _same_zone(d, e)), None)
        out[d.id] = match or f"draft:{d.id}"
    return out


def _element_map(draft, expected, zones, industries) -> dict[str, str]:
    def members(e, zmap=None):
        return {(zmap.get(m.key, m.key) if zmap and m.kind == "zone" else m.key)
                for m in e.members}

    def inds(plan, element_id, imap=None):
        return {imap.get(i, i) if imap else i for a in plan.assignments if a.element == element_id
                for i in a.industries}

    scores = []
    for d in draft.layout:
        dm, di = members(d, zones), inds(draft, d.id, industries)
        for e in expected.layout:
            em, ei = members(e), inds(expected, e.id)
            same_kind = _kind(d.kind) == _kind(e.kind)
            m_overlap = len(dm & em) / len(dm | em) if dm | em else 0.0
            i_overlap = len(di & ei) / len(di | ei) if di | ei else 0.0
            if not (m_overlap or (same_kind and (i_overlap or not (dm or em)))):
                continue
            scores.append((2 * m_overlap + i_overlap + same_kind, d.id, e.id))
    out, used = {}, set()
    for _, d, e in sorted(scores, reverse=True):
        if d not in out and e not in used:
            out[d] = e
            used.add(e)
    return out


def _pr(found: Counter, expected: Counter) -> dict:
    tp = sum((found & expected).values())
    n_found, n_expected = sum(found.values()), sum(expected.values())
    return {"tp": tp, "found": n_found, "expected": n_expected,
            "precision": tp / n_found if n_found else (1.0 if not n_expected else 0.0),
            "recall": tp / n_expected if n_expected else 1.0}


def score(draft, expected) -> dict:
    """Precision and recall of a drafted :class:`geo.Plan` against an expected one.

    Returns
    -------
    dict
        ``{"memberships": {...}, "assignments": {...}, "indicators": {...}}``, each with
        ``tp``, ``found``, ``expected``, ``precision`` and ``recall``.
    """
    industries = _industry_map(draft, expected)
    zones = _zone_map(draft, expected)
    elements = _element_map(draft, expected, zones, industries)

    def place(ref, zmap=None):
        return (zmap.get(ref.key, ref.key) if zmap else ref.key) if ref.kind == "zone" \
            else ref.key

    d_members = Counter({(place(m, zones), elements.get(e.id, f"draft:{e.id}"))
                         for e in draft.layout for m in e.members})
    e_members = Counter({(place(m), e.id) for e in expected.layout for m in e.members})

    def targets(plan, a, zmap=None, emap=None):
        if a.element:
            return emap.get(a.element, f"draft:{a.element}") if emap else a.element
        return place(a.place, zmap)

    d_assign = Counter({(targets(draft, a, zones, elements), industries.get(i, i))
                        for a in draft.assignments for i in a.industries})
    e_assign = Counter({(targets(expected, a), i) for a in expected.assignments
                        for i in a.industries})
    d_ind = Counter((i.year, round(i.value, 6), i.kind) for i in draft.indicators)
    e_ind = Counter((i.year, round(i.value, 6), i.kind) for i in expected.indicators)
    return {"memberships": _pr(d_members, e_members), "assignments": _pr(d_assign, e_assign),
            "indicators": _pr(d_ind, e_ind)}


def total(scores: list[dict]) -> dict:
    """Micro-averaged precision and recall over several :func:`score` results."""
    out = {}
    for part in ("memberships", "assignments", "indicators"):
        tp = sum(s[part]["tp"] for s in scores)
        found = sum(s[part]["found"] for s in scores)
        expected = sum(s[part]["expected"] for s in scores)
        out[part] = {"tp": tp, "found": found, "expected": expected,
                     "precision": tp / found if found else 1.0,
                     "recall": tp / expected if expected else 1.0}
    return out
