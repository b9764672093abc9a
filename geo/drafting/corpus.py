"""Scoring a draft against a hand-written corpus key, and checking its evidence.

A key (``tests/corpus/*.yaml``) names places and industries as the text writes them, so
matching is by Chinese name: equal, or one containing the other once quotes and the
unit suffix (省/市/区/县) are dropped; industries also through the lexicon. Indicators
match by value in base numbers (万, 亿 and 万亿 multiplied out), and by year where the
key gives one. See ``tests/corpus/README.md`` for the key's conventions.
"""

from __future__ import annotations

import re

from .lexicon import industry_terms

PARTS = ("memberships", "hosts", "industries", "indicators")
_DIGITS = "一二三四五六七八九十"
_SCALE = (("万亿", 1e12), ("亿", 1e8), ("万", 1e4))


def _norm(name: str) -> str:
    name = re.sub(r"[“”\"'《》\s]", "", str(name))
    return re.sub(r"(?<=..)[省市区县]$", "", name)


def same_name(a: str, b: str) -> bool:
    """Whether two written names (places, labels, industries) are one."""
    x, y = _norm(a), _norm(b)
    return bool(x and y) and (x == y or (min(len(x), len(y)) >= 2 and (x in y or y in x)))


def same_industry(a: str, b: str) -> bool:
    """Whether two industry names are one: by name, or by lexicon id."""
    terms = industry_terms()
    return same_name(a, b) or (terms.get(a) is not None and terms.get(a) == terms.get(b))


def base_value(value: float, unit: str) -> float:
    """A figure in base numbers: 27 万个 -> 270000."""
    for prefix, factor in _SCALE:
        if str(unit).startswith(prefix):
            return float(value) * factor
    return float(value)


def matched_pairs(found: list, expected: list, same) -> int:
    """The most pairs (found, expected) that are ``same``, each item in one pair at most.

    A maximum bipartite matching (augmenting paths), not first-come: a found item that
    could take either of two expected ones must not take the one a later item needs.
    """
    edges = [[j for j, e in enumerate(expected) if same(f, e)] for f in found]
    owner: dict[int, int] = {}  # expected index -> found index

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(augment(i, set()) for i in range(len(found)))


def _pr(tp: int, found: int, expected: int) -> dict:
    return {"tp": tp, "found": found, "expected": expected,
            "precision": tp / found if found else (1.0 if not expected else 0.0),
            "recall": tp / expected if expected else 1.0}


def _names(data: dict, region) -> dict[str, str]:
    from ..places import boundaries

    names = {p["id"]: p["zh"] for p in data.get("places", [])}

    def name(ref: str) -> str:
        if ref.isdigit():
            return boundaries.unit(ref).name_zh
        return names.get(ref, ref)
    return name


def drafted_facts(draft) -> dict[str, list]:
    """The draft's memberships, hosts, industries and indicators, by Chinese name.

    Hosts are the places industries are assigned to, and the member places of a cluster
    element (永嘉县数字安防产业集群: 永嘉县 hosts 数字安防).
    """
    data, region = draft.data, draft.region
    name = _names(data, region)
    industries = {i["id"]: i["zh"] for i in data["industries"] if i["id"] != "unspecified"}
    members = [(e["zh"], name(m)) for e in data["layout"] for m in e.get("members", [])]
    elements = {e["id"] for e in data["layout"]}
    hosts = [(name(a["to"]), industries.get(i, i)) for a in data.get("assignments", [])
             if a["to"] not in elements and a["to"] != region.adcode for i in a["industries"]]
    clusters = {e["id"]: e.get("members", []) for e in data["layout"] if e["kind"] == "cluster"}
    hosts += [(name(m), industries.get(i, i)) for a in data.get("assignments", [])
              for m in clusters.get(a["to"], ()) for i in a["industries"]]  # its places host it
    figures = [(base_value(i["value"], i["unit"]), i["year"])
               for i in data.get("indicators", [])]
    return {"memberships": members, "hosts": hosts, "industries": list(industries.values()),
            "indicators": figures}


def key_facts(key: dict) -> dict[str, list]:
    """The same four lists from a corpus key."""
    return {"memberships": [(e["label"], m) for e in key.get("elements", [])
                            for m in e.get("members", [])],
            "hosts": [(h["place"], i) for h in key.get("hosts", []) for i in h["industries"]],
            "industries": list(key.get("industries", [])),
            "indicators": [(base_value(i["value"], i.get("unit", "")), i.get("year"))
                           for i in key.get("indicators", [])]}


def score_key(draft, key: dict) -> dict:
    """Precision and recall of a draft against a corpus key, part by part."""
    found, expected = drafted_facts(draft), key_facts(key)
    same = {
        "memberships": lambda f, e: same_name(f[0], e[0]) and same_name(f[1], e[1]),
        "hosts": lambda f, e: same_name(f[0], e[0]) and same_industry(f[1], e[1]),
        "industries": same_industry,
        "indicators": lambda f, e: abs(f[0] - e[0]) <= 1e-6 * max(1.0, abs(e[0]))
        and (e[1] is None or f[1] == e[1]),
    }
    return {p: _pr(matched_pairs(found[p], expected[p], same[p]), len(found[p]), len(expected[p]))
            for p in PARTS}


def designations_as_places(draft, key: dict) -> list[str]:
    """The key's designations (titles, roles of a place) that the draft lists as places."""
    places = [p["zh"] for p in draft.data.get("places", [])]
    return [d for d in key.get("designations", []) if any(same_name(d, p) for p in places)]


def _numbers(text: str) -> list[float]:
    out = []
    for m in re.finditer(r"\d+(?:\.\d+)?|[一二三四五六七八九十]", text):
        word = m.group()
        n = float(word) if word[0].isdigit() else _DIGITS.index(word) + 1.0
        out += [n, *(n * f for _, f in _SCALE)]
    return out


def invented(draft) -> list[str]:
    """Facts whose spans do not contain their evidence (one line each; [] is the goal).

    An industry's span must contain its name or a lexicon term of it, a member's span
    its place's name, a zone's span its name, an indicator's span its number, an
    assignment's spans each of its industries; every fact must cite at least one span.
    """
    data, text = draft.data, draft.document.text
    terms = industry_terms()
    name = _names(data, draft.region)
    by_id = {i["id"]: i for i in data["industries"]}

    def has_industry(ind_id: str, evidence: str) -> bool:
        entry = by_id.get(ind_id, {})
        words = [entry.get("zh", ""), *(t for t, k in terms.items() if k == ind_id)]
        return any(w and not w.isascii() and w in evidence or (w.isascii() and len(w) > 1
                   and w.lower() in evidence.lower()) for w in words)

    bad = []
    for fact in draft.facts:
        evidence = "".join(text[s.start:s.end] for s in fact.spans)
        entry = data
        for step in fact.path:
            entry = entry[step]
        ok = bool(evidence)
        if ok and fact.kind == "industry":
            ok = has_industry(entry["id"], evidence)
        elif ok and fact.kind == "member":
            place = name(entry)
            ok = _norm(place) in evidence or place in evidence
        elif ok and fact.kind == "indicator":
            value = float(entry["value"])
            ok = any(abs(n - value) <= 1e-6 * max(1.0, value) for n in _numbers(evidence))
        elif ok and fact.kind == "assignment":
            ok = all(has_industry(i, evidence) for i in entry["industries"])
        elif ok and fact.kind == "zone":
            ok = entry["zh"] in evidence or entry["en"] in evidence
        if not ok:
            bad.append(f"{fact.id} {fact.kind}: {fact.label!r} cites {evidence!r}")
    return bad
