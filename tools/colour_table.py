"""Add the layout elements and industries of newly shipped plans to geo/data/colours.json.

Run after adding a plan to ``layers/``::

    .venv/bin/python tools/colour_table.py

Ids already in the table keep their colour (an id has one colour in every output and
every edition), except an industry whose colour is ``near_elements`` (confusable with)
an element colour of a plan it is in, or is another's of its plan or of a diff map that
draws them together (two editions of one region): it is given a new one. A new id gets
the palette colour least used in its own plans (and diff maps), then by the ids it
shares a region's plans with, then least used near them (an element colour's ``near``
pairs), never one near an element colour of its plans; ties go to palette order.
``tests/test_colours.py`` fails when a shipped id is missing, and checks that the
element colours of each plan stay apart and none reads as grey.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import geo
from geo.show.colours import TABLE

TARGET = Path(__file__).resolve().parent.parent / "geo" / "data" / TABLE


def _add(assigned: dict, plans: list[list[str]], regions: list[list[str]],
         palette: list[str], near=(), avoid=None) -> None:
    """Give every id of ``plans`` (each a list of ids) without a colour one: the least used
    in its own plans, then among the ids it shares a plan or a region (``regions``) with,
    then the least used near them; never one in ``avoid[id]``."""
    close = {name: {n for pair in near if name in pair for n in pair} - {name}
             for name in palette}
    avoid = avoid or {}

    def uses(new, groups):
        used = {name: 0 for name in palette}
        for group in groups:
            if new in group:
                for i in group:
                    if i in assigned:
                        used[assigned[i]] += 1
        return used

    for group in regions + plans:
        for new in group:
            if new in assigned:
                continue
            own, used = uses(new, plans), uses(new, regions + plans)
            allowed = [name for name in palette if name not in avoid.get(new, ())]
            assigned[new] = min(allowed, key=lambda name: (
                own[name], used[name], sum(used[n] for n in close[name])))


def updated(data: dict) -> dict:
    """The table with every shipped plan's ids in it."""
    plans = sorted((geo.load_plan(p) for p in geo.plans()), key=lambda p: (p.region, p.id))
    by_region: dict = {}
    for plan in plans:
        by_region.setdefault(plan.region, []).append(plan)
    for kind, key, ids_of in (("element", "elements", lambda p: [e.id for e in p.layout]),
                              ("industry", "industries",
                               lambda p: [i.id for i in p.industries])):
        region_groups = [[i for p in same for i in ids_of(p)] for same in by_region.values()]
        together = [ids_of(p) for p in plans]
        avoid = {}
        if kind == "industry":
            together += _drawn_in_diffs(by_region.values())
            avoid = _near_elements(data, plans)
        for i, name in list(data[key].items()):
            if name in avoid.get(i, ()):
                del data[key][i]
        _drop_shared(data[key], together)
        _add(data[key], together, region_groups,
             list(data["palettes"][kind]), data["near"] if kind == "element" else (), avoid)
    return data


def _drawn_in_diffs(regions) -> list[list[str]]:
    """The industry ids each diff of two editions of one region draws together (its
    layers with places): told apart by colour there, as a plan's own are."""
    from geo.show.diff_layers import comparison

    groups = []
    for same in regions:
        for a, b in itertools.permutations(same, 2):
            layers = comparison(geo.load(a.id), geo.load(b.id), "en").layers
            groups.append([s.id.split(":", 1)[1] for s in layers
                           if s.kind == "industry" and s.entries])
    return groups


def _drop_shared(assigned: dict, groups: list[list[str]]) -> None:
    """Take the colour from every id that shares it with an id before it in one of
    ``groups`` (the first keeps it; ``_add`` gives the others new ones)."""
    for group in groups:
        seen = set()
        for i in group:
            if i in assigned and assigned[i] in seen:
                del assigned[i]
            elif i in assigned:
                seen.add(assigned[i])


def _near_elements(data: dict, plans) -> dict[str, set[str]]:
    """Industry id -> the industry colours near an element colour of a plan it is in."""
    out: dict[str, set[str]] = {}
    for plan in plans:
        used = {data["elements"][e.id] for e in plan.layout}
        near = {i for i, e in data["near_elements"] if e in used}
        for industry in plan.industries:
            out.setdefault(industry.id, set()).update(near)
    return out


if __name__ == "__main__":
    data = updated(json.loads(TARGET.read_text("utf-8")))
    TARGET.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"{TARGET}: {len(data['elements'])} elements, {len(data['industries'])} industries")
