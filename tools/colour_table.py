"""Add the layout elements and industries of newly shipped plans to geo/data/colours.json.

Run after adding a plan to ``layers/``::

    .venv/bin/python tools/colour_table.py

Ids already in the table keep their colour (an id has one colour in every output and
every edition). A new id gets the palette colour least used by the ids it shares a
region's plans with, those of its own plan counted twice, then least used near them
(an element colour's ``near`` pairs); ties go to palette order.
``tests/test_colours.py`` fails when a shipped id is missing, and checks that the
element colours of each plan stay apart and none reads as grey.
"""

from __future__ import annotations

import json
from pathlib import Path

import geo
from geo.show.colours import TABLE

TARGET = Path(__file__).resolve().parent.parent / "geo" / "data" / TABLE


def _add(assigned: dict, groups: list[list[str]], palette: list[str], near=()) -> None:
    """Give every id of ``groups`` (plans, each a list of ids) without a colour one: the
    least used among the ids it shares a group with, then the least used near them."""
    close = {name: {n for pair in near if name in pair for n in pair} - {name}
             for name in palette}
    for group in groups:
        for new in group:
            if new in assigned:
                continue
            used = {name: 0 for name in palette}
            for other in groups:
                if new in other:
                    for i in other:
                        if i in assigned:
                            used[assigned[i]] += 1
            assigned[new] = min(palette, key=lambda name: (
                used[name], sum(used[n] for n in close[name])))


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
        _add(data[key], region_groups + [ids_of(p) for p in plans],
             list(data["palettes"][kind]), data["near"] if kind == "element" else ())
    return data


if __name__ == "__main__":
    data = updated(json.loads(TARGET.read_text("utf-8")))
    TARGET.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"{TARGET}: {len(data['elements'])} elements, {len(data['industries'])} industries")
