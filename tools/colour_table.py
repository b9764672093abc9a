"""Add the layout elements and industries of newly shipped plans to geo/data/colours.json.

Run after adding a plan to ``layers/``::

    .venv/bin/python tools/colour_table.py

Ids already in the table keep their colour (an id has one colour in every output and
every edition), except an industry whose colour is ``near_elements`` (confusable with)
an element colour of a plan it is in, or is another's of its plan or of a diff map that
draws them together (two editions of one region): it is given a new one. A new id gets
the palette colour least used in its own plans (and diff maps), then by the ids it
shares a region's plans with, then least used near them (an element colour's ``near``
pairs), never one near an element colour of its plans; ties go to palette order. The
industries each map draws (each plan's map, each diff map) are coloured first, together,
so that no two share a colour and as few pairs as the palette allows are
``industries_near`` (confusable on one map). The script runs until a run changes nothing.
``tests/test_colours.py`` fails when a shipped id is missing, and checks that the
element colours of each plan stay apart and none reads as grey.
"""

from __future__ import annotations

import itertools
import json
from functools import cache
from pathlib import Path

import geo
from geo.show.colours import PATTERNS, TABLE

#: What two ids of one map in one colour cost against two in near colours (:func:`_spread`).
SAME = 10
TARGET = Path(__file__).resolve().parent.parent / "geo" / "data" / TABLE


def _add(assigned: dict, plans: list[list[str]], regions: list[list[str]],
         palette: list[str], near=(), avoid=None, drawn=()) -> None:
    """Give every id of ``plans`` (each a list of ids) without a colour one: the least used
    in its own plans, then among the ids it shares a plan or a region (``regions``) with,
    then the least used near them; never one in ``avoid[id]``, nor, while the palette has
    one, a colour taken by or ``near`` one taken by an id drawn on one map with it
    (``drawn``: groups of ids)."""
    close = {name: {n for pair in near if name in pair for n in pair} - {name}
             for name in palette}
    avoid = avoid or {}

    def blocked(new):
        taken = {assigned[i] for group in drawn if new in group for i in group if i in assigned}
        return taken.union(*(close[name] for name in taken))

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
            allowed = [name for name in allowed if name not in blocked(new)] or allowed
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
        avoid, near, drawn = {}, data["near"], []
        if kind == "industry":
            diffs = _drawn_in_diffs(by_region.values())
            together += [ids for *_, ids in diffs]
            drawn = _drawn_groups(plans, diffs)
            avoid, near = _near_elements(data, plans), data["industries_near"]
        for i, name in list(data[key].items()):
            if name in avoid.get(i, ()):
                del data[key][i]
        _drop_shared(data[key], together)
        _spread(data[key], drawn, list(data["palettes"][kind]), near, avoid, together)
        _add(data[key], together, region_groups, list(data["palettes"][kind]), near, avoid,
             drawn)
        if kind == "industry":
            data["patterns"] = _patterns(data[key], drawn, near)
    return data


def _patterns(assigned: dict, groups: list[list[str]], near) -> dict[str, str]:
    """Industry id -> its second encoding: on each map (``groups``, in order) an id whose
    colour is near (or equal to) that of an id before it with the same encoding gets the
    first one (geo.show.colours.PATTERNS) that no such id has."""
    pairs, out = {frozenset(pair) for pair in near}, {}
    for group in groups:
        for n, i in enumerate(group):
            close = {out.get(o, "") for o in group[:n] if assigned[o] == assigned[i]
                     or frozenset((assigned[o], assigned[i])) in pairs}
            if out.get(i, "") in close:
                out[i] = next((p for p in PATTERNS if p not in close), PATTERNS[-1])
    return dict(sorted((i, p) for i, p in out.items() if p))


def _drawn_in_plan(plan) -> list[str]:
    """The industry ids a plan's map draws (its industry layers with places)."""
    return list(_drawn_in_plan_id(plan.id))


def _drawn_groups(plans, diffs) -> list[list[str]]:
    """The industry ids each map draws together, in the order :func:`_spread` colours them:
    the plan maps that draw the most first, each followed by the diff maps of its plan (so
    that a diff has few ids left to colour when its turn comes)."""
    groups, done = [], set()
    for plan in sorted(plans, key=lambda p: -len(_drawn_in_plan(p))):
        groups.append(_drawn_in_plan(plan))
        for n, (a, b, ids) in enumerate(diffs):
            if plan.id in (a, b) and n not in done:
                groups.append(ids)
                done.add(n)
    return groups


@cache
def _drawn_in_plan_id(plan_id: str) -> tuple[str, ...]:
    return tuple(s.id.split(":", 1)[1] for s in geo.load(plan_id).layers()
                 if s.kind == "industry" and (s.adcodes or s.zones))


def _drawn_in_diffs(regions) -> list[tuple[str, str, list[str]]]:
    """The industry ids each diff of two editions of one region draws together (its
    layers with places), with the two plans' ids: told apart by colour there, as a plan's
    own are."""
    from geo.show.diff_layers import comparison

    groups = []
    for same in regions:
        for a, b in itertools.permutations(same, 2):
            layers = comparison(geo.load(a.id), geo.load(b.id), "en").layers
            groups.append((a.id, b.id, [s.id.split(":", 1)[1] for s in layers
                                        if s.kind == "industry" and s.entries]))
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


def _spread(assigned: dict, groups: list[list[str]], palette: list[str], near, avoid,
            together=()) -> None:
    """Colour the ids of each group drawn on one map (in order: an id keeps what an earlier
    group gave it) so that as few pairs of them as the palette allows are ``near``, and none
    share a colour: a group with a near pair, a shared colour or an id without one gets
    the colours of the fewest clashes (:func:`_fewest_clashes`), never one in ``avoid[id]``;
    a colour that an id coloured so before has in one of its plans (``together``) costs
    as a shared one. Then an id drawn on no map loses a colour an id drawn with it in a
    plan has (``_add`` gives it another)."""
    pairs = {frozenset(pair) for pair in near}
    fixed: set[str] = set()
    for group in groups:
        known = [assigned[i] for i in group if i in assigned]
        if len(known) < len(group) or _cost(known, pairs):
            free = [i for i in group if i not in fixed]
            kept = [assigned[i] for i in group if i in fixed and i in assigned]
            banned = [set(avoid.get(i, ())) for i in free]
            costly = [{assigned[o] for g in together if i in g for o in g
                       if o in fixed and o in assigned} for i in free]
            found = _fewest_clashes(kept, banned, costly, palette, pairs)
            if found is not None:
                assigned.update(zip(free, found, strict=True))
        fixed.update(group)
    for plan in together:
        taken = {assigned[i] for i in plan if i in fixed and i in assigned}
        for i in plan:
            if i not in fixed and assigned.get(i) in taken:
                del assigned[i]


def _clash(a: str, b: str, pairs) -> int:
    return SAME if a == b else int(frozenset((a, b)) in pairs)


def _cost(colours: list[str], pairs) -> int:
    return sum(_clash(a, b, pairs) for a, b in itertools.combinations(colours, 2))


def _fewest_clashes(kept, banned, costly, palette, pairs):
    """Colours for ids ``0..n-1`` (``n = len(banned)``) beside the ``kept`` colours of their
    map: none in ``banned[k]``, the fewest clashes (a near pair 1, a shared colour or one in
    ``costly[k]`` ``SAME``), found by branch and bound; ties go to palette order."""
    best: list = [_cost(kept, pairs) + SAME * len(banned) * (len(banned) + len(kept)) + 1,
                  None]

    def search(chosen: list[str], cost: int) -> None:
        if cost >= best[0]:
            return
        k = len(chosen)
        if k == len(banned):
            best[:] = [cost, chosen]
            return
        for name in palette:
            if name in banned[k] or name in chosen:
                continue
            added = sum(_clash(name, c, pairs) for c in kept + chosen)
            search(chosen + [name], cost + added + SAME * (name in costly[k]))

    search([], _cost(kept, pairs))
    return best[1]


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
    data = json.loads(TARGET.read_text("utf-8"))
    for _ in range(10):  # until a run changes nothing (tests/test_colours.py checks it)
        before, data = json.dumps(data), updated(data)
        if json.dumps(data) == before:
            break
    TARGET.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"{TARGET}: {len(data['elements'])} elements, {len(data['industries'])} industries")
