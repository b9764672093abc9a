"""Comparing plans: what changed between two editions, and their figures side by side.

- :func:`diff` lists the changes from plan ``a`` to plan ``b`` (one row each,
  with the citations of both sides);
- :func:`indicators` puts the figures of several plans in one table.

What the diff map and the diff figure draw of a diff (one layer per changed element
and industry, and the style of each change) is :mod:`geo.show.diff_layers`.
Industries are matched across plans by id, or by a name or alias they share:
to follow an industry renamed between editions, list the old id or name
among the new plan's ``aliases``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

from .errors import AtlasError
from .places.names import normalise

#: The kinds of change a diff row has, in the order counts are told.
CHANGES = ("added", "removed", "unchanged")
DIFF_COLUMNS = ["place_id", "name_zh", "name_en", "element", "industry", "change",
                "citation_a", "citation_b"]
INDICATOR_COLUMNS = ["plan", "metric", "name_zh", "name_en", "scope", "year", "per", "value",
                     "unit", "kind", "base", "source", "where", "basis"]


def industry_matches(a, b) -> dict[str, str]:
    """Map each industry id of plan ``b`` to the id of the same industry in plan ``a``.

    An industry of ``b`` is the same as one of ``a`` when their ids are equal or
    when they share a name or alias; unmatched industries keep their own id.
    """
    known = {}
    for industry_id, names, _ in (i.index_entry for i in a.industries):
        for name in names:
            known.setdefault(normalise(name), industry_id)
    ids = {i.id for i in a.industries}
    matches = {}
    for industry in b.industries:
        if industry.id in ids:
            matches[industry.id] = industry.id
            continue
        names = (industry.name.zh, industry.name.en, *industry.aliases)
        found = next((known[normalise(n)] for n in names if normalise(n) in known), None)
        matches[industry.id] = found or industry.id
    return matches


def diff(a, b, unchanged: bool = False) -> pd.DataFrame:
    """What changed from atlas ``a`` to atlas ``b`` over the same region.

    Parameters
    ----------
    a, b : Atlas
        The older and the newer plan.
    unchanged : bool
        Also list what both plans say, with ``change == "unchanged"``.

    Returns
    -------
    pandas.DataFrame
        One row per change: ``place_id`` (adcode or zone id; empty for an
        unlocated element), ``name_zh``, ``name_en``, ``element`` (a layout
        membership change) or ``industry`` (a hosting change, in ``a``'s ids),
        ``change`` (``added``/``removed``), ``citation_a``, ``citation_b``.

    Raises
    ------
    AtlasError
        If the plans cover different regions.
    """
    if a.plan.region != b.plan.region:
        raise AtlasError(f"cannot compare {a.plan.id} (region {a.plan.region}) with "
                         f"{b.plan.id} (region {b.plan.region}): plans cover different regions")
    keep = {"added", "removed"} | ({"unchanged"} if unchanged else set())
    rows = _membership_rows(a, b) + _hosting_rows(a, b)
    import pandas as pd

    frame = pd.DataFrame([r for r in rows if r["change"] in keep], columns=DIFF_COLUMNS)
    return frame.sort_values(["element", "industry", "place_id", "change"],
                             ignore_index=True)


def change_counts(rows: pd.DataFrame) -> dict[str, int]:
    """How many rows of :func:`diff` (or of a part of it) were added, removed and kept.

    The one count of a diff: the CLI's summary and every layer label of the diff map
    and figure count its rows with this, drawn or not.
    """
    found = rows["change"].value_counts()
    return {change: int(found.get(change, 0)) for change in CHANGES}


def _cite(plan, source_id: str, where: str) -> str:
    return plan.source(source_id).cite(where)


def _place_names(atlas, key: str) -> tuple[str, str]:
    if not key:
        return "", ""
    rows = atlas.districts[atlas.districts["adcode"] == key]
    if len(rows):
        return rows.iloc[0]["name_zh"], rows.iloc[0]["name_en"]
    zone = next((z for z in atlas.plan.zones if z.id == key), None)
    return (zone.name.zh, zone.name.en) if zone else (key, key)


def _change(in_a: bool, in_b: bool) -> str:
    return "unchanged" if in_a and in_b else ("removed" if in_a else "added")


def _membership_rows(a, b) -> list[dict]:
    rows = []
    elements = dict.fromkeys([e.id for e in a.plan.layout] + [e.id for e in b.plan.layout])
    for element_id in elements:
        sides = []
        for atlas in (a, b):
            element = next((e for e in atlas.plan.layout if e.id == element_id), None)
            members = {m.key for m in element.members} if element else set()
            if element is not None and not element.members:
                members = {""}  # present but not located
            sides.append((element, members))
        (ea, ma), (eb, mb) = sides
        if ea is not None and eb is not None:  # in both editions: changed, never removed;
            ma, mb = ma - {""}, mb - {""}        # its districts tell what changed
        for key in sorted(ma | mb):
            zh, en = _place_names(a if key in ma else b, key)
            rows.append({"place_id": key, "name_zh": zh, "name_en": en,
                         "element": element_id, "industry": "",
                         "change": _change(key in ma, key in mb),
                         "citation_a": _cite(a.plan, ea.citation.source, ea.citation.where)
                         if key in ma else "",
                         "citation_b": _cite(b.plan, eb.citation.source, eb.citation.where)
                         if key in mb else ""})
    return rows


def _hosting_rows(a, b) -> list[dict]:
    matches = industry_matches(a.plan, b.plan)
    facts = []
    for atlas, rename in ((a, {}), (b, matches)):
        cited = {}
        for r in atlas.hosting.itertuples():
            key = (r.place_id, rename.get(r.industry, r.industry))
            cited.setdefault(key, _cite(atlas.plan, r.source, r.where))
        facts.append(cited)
    fa, fb = facts
    rows = []
    for place_id, industry in sorted(set(fa) | set(fb)):
        key = (place_id, industry)
        zh, en = _place_names(a if key in fa else b, place_id)
        rows.append({"place_id": place_id, "name_zh": zh, "name_en": en, "element": "",
                     "industry": industry, "change": _change(key in fa, key in fb),
                     "citation_a": fa.get(key, ""), "citation_b": fb.get(key, "")})
    return rows


def indicators(plans) -> pd.DataFrame:
    """Every figure of the given plans as one tidy table.

    Parameters
    ----------
    plans : iterable of Plan

    Returns
    -------
    pandas.DataFrame
        ``plan``, ``metric``, ``name_zh``, ``name_en``, ``scope`` (the place),
        ``year`` (a nullable integer: missing for a target the source gives no year),
        ``per`` (``"year"`` for a rate: 200 projects every year; else ``""``),
        ``value`` (in base units: yuan, percent, count, ...),
        ``unit``, ``kind`` (``actual``/``target``), ``base`` (what a
        percentage is of), ``source``, ``where``, ``basis``.
    """
    import pandas as pd

    table = pd.DataFrame(indicator_rows(plans), columns=INDICATOR_COLUMNS)
    table["year"] = table["year"].astype("Int64")  # 2021, not 2021.0, beside missing years
    return table


def indicator_rows(plans) -> list[dict]:
    """The rows of :func:`indicators` as plain dicts, in its order (``year`` is ``None``
    where the table has a missing value)."""
    return [{"plan": plan.id, "metric": i.metric, "name_zh": i.name.zh, "name_en": i.name.en,
             "scope": i.scope, "year": i.year, "per": i.per, "value": i.value, "unit": i.unit,
             "kind": i.kind, "base": i.base, "source": i.citation.source,
             "where": i.citation.where, "basis": i.citation.basis}
            for plan in plans for i in plan.indicators]
