"""Slogan parts whose places the slogan's own sentence lists before it.

A sentence may list its places first and name the layout they make last:
``布局建设A、B、C三大园区，大力发展D、E、F、G四大工业重点县，构建“三区引领、多点支撑”的
新格局`` or ``构建以A为主体，B、C、D为引领，E、F为支撑的“一核三湾两带”新格局``. Each run of
places there is closed by its count (三大园区) or by the role it is given (为引领), and the
runs map onto the slogan's parts in order, each part taking the next run that has as many
places as the part counts (多 taking two or more). A part counted one takes only a run given
a role. The places a linear part (带, 轴, 廊) is given by name are that part itself, named by
its route or theme, so they are not its members.
"""

from __future__ import annotations

import re

from ._numerals import count_value
from .facts import SentenceInfo, place_groups
from .slogans import LINES

#: What closes a run: its count and noun (三大园区, 四大工业重点县) or its role (为引领),
#: perhaps after the rest of its last name (…(桂林)广西园三大园区), up to the clause's end.
_CLOSE = re.compile(r"[^，,。；;、：:“”]{0,10}?(?:等?(?P<count>[一两二三四五六七八九十]|\d{1,2})"
                    r"(?:大|个)[\u4e00-\u9fff]{1,8}|为(?P<role>[\u4e00-\u9fff]{1,6}))"
                    r"(?=[，,；;、]|的|$)")
#: What may open the clause before its run: a verb of building or developing, 以.
_OPEN = re.compile(r"^[\u4e00-\u9fff]{0,6}$")


def _runs(info: SentenceInfo, end: int, text: str) -> list[tuple[list, bool]]:
    """(places, closed by a role) of each run before ``end`` closed by a fitting count or
    by a role, in text order."""
    s = info.sentence
    out = []
    for group in place_groups(info, s.start, end, text=text):
        clause = max(text.rfind(c, s.start, group[0].start) for c in "，,；;：:") + 1
        if not _OPEN.match(text[max(clause, s.start):group[0].start]):
            continue  # the run does not open its clause
        m = _CLOSE.match(text, group[-1].end, end)
        if not m:
            continue
        if m.group("count"):
            if count_value(m.group("count")) != len(group):
                continue
        out.append((group, bool(m.group("role"))))
    return out


def parts_before(info: SentenceInfo, a: int, comps, text: str) -> dict:
    """Members of a slogan's parts from the runs its sentence lists before it (offset
    ``a``): id(component) -> its place mentions; {} unless two runs or more close so and
    a part counted two or more (or 多) takes one."""
    runs = _runs(info, a, text)
    if len(runs) < 2:
        return {}
    out, at = {}, 0
    for comp in comps:
        for k in range(at, len(runs)):
            places, by_role = runs[k]
            fits = len(places) == comp.count if comp.count else len(places) >= 2
            if fits and (comp.count != 1 or by_role):
                kept = [p for p in places if not p.text.endswith(LINES)]
                if kept:
                    out[id(comp)] = kept
                at = k + 1
                break
    if not any(c.count != 1 for c in comps if id(c) in out):
        return {}
    return out
