"""The "Reality" group of the map page: plan vs firms, per industry.

Given what :func:`geo.firms.reality` returns, each industry with firms gets a
toggle (``reality:<industry id>``) that fills the districts by their location
quotient in a small fixed class scheme and outlines the plan's host districts
of the industry, so agreement and gaps show at a glance. Every district card
gets the counts, LQs and statuses beside the plan's facts.

Pure data, built from the result's table; ``reality.js`` draws it. Only
non-zero cells are embedded. Every text reaches the page as JSON set with
``textContent``, or through the autoescaped card template.
"""

from __future__ import annotations

import math

from ..firms import OTHER
from ..plan.model import Text
from ..vocabulary import Lang

#: Upper bounds of the LQ classes: < 0.8, 0.8–1.25, 1.25–2, ≥ 2.
LQ_BREAKS = (0.8, 1.25, 2.0)
#: Fill of each LQ class: ColorBrewer YlGnBu, 4 classes (colour-blind safe, sequential).
LQ_COLORS = ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8")
#: Opacity of the LQ class fills.
LQ_OPACITY = 0.9
#: Outline of the plan's host districts of the industry shown.
HOST_COLOR = "#111111"
#: Fill of districts without firms of the industry.
NONE_COLOR = "#ffffff"


def lq_class(lq: float) -> int:
    """The class of a location quotient: 0 (< 0.8) to 3 (≥ 2); 0 for NaN.

    Examples
    --------
    >>> [lq_class(x) for x in (0.5, 0.8, 1.3, 2.0)]
    [0, 1, 2, 3]
    """
    if lq is None or math.isnan(lq):
        return 0
    return sum(lq >= b for b in LQ_BREAKS)


def class_labels() -> list[str]:
    """The legend's text of each LQ class (``"LQ < 0.8"``, ``"0.8–1.25"``, ...)."""
    low, mid, high = LQ_BREAKS
    return [f"< {low:g}", f"{low:g}–{mid:g}", f"{mid:g}–{high:g}", f"≥ {high:g}"]


def legend(lang: Lang) -> list[dict]:
    """The panel's key of the reality layers: the LQ classes, then the host outline."""
    words = lang.words("map")
    keys = [{"label": f"{words['lq']} {label}", "color": color, "border": "solid",
             "edge": color} for label, color in zip(class_labels(), LQ_COLORS, strict=True)]
    keys.append({"label": words["no_firms"], "color": NONE_COLOR, "border": "solid",
                 "edge": "#555555"})
    keys.append({"label": words["planned_host"], "color": "transparent", "border": "solid",
                 "edge": HOST_COLOR})
    return keys


def _industry_name(row, lang: Lang) -> str:
    return lang.pick(Text(row.industry_zh, row.industry_en))


def _lq_text(lq: float) -> str:
    return "–" if lq is None or math.isnan(lq) else f"{lq:.2f}"


def _index_text(value: float) -> str:
    return "" if math.isnan(value) else f"{value:.2f}"


def industries_with_firms(result) -> list[str]:
    """Industry ids with at least one firm, in the table's order (the plan's, then other)."""
    table = result.table
    totals = table.groupby("industry", sort=False)["count"].sum()
    return [i for i, n in totals.items() if n > 0]


def layers(result, lang: Lang) -> list[dict]:
    """One layer spec per industry with firms, for ``industryAtlas.realityView``.

    Returns
    -------
    list of dict
        ``id`` (``reality:<industry>``), ``key`` (its name in ``#layers=``),
        ``label``, ``show`` (False), ``cells`` (adcode -> ``[count, LQ, class]`` for
        districts with firms), ``hosts`` (the plan's host adcodes), ``names``
        (adcode -> tooltip text), ``colors`` and ``opacity`` (of the class fills), ``host``
        (outline colour).
    """
    table = result.table
    words = lang.words("map")
    out = []
    for industry in industries_with_firms(result):
        rows = table[table["industry"] == industry]
        first = next(rows.itertuples())
        name = _industry_name(first, lang)
        cells, names = {}, {}
        for r in rows.itertuples():
            if r.count > 0:
                lq = float(r.lq)
                cells[r.place_id] = [int(r.count), round(lq, 3), lq_class(lq)]
            if r.count > 0 or r.planned:
                place = lang.pick(Text(r.name_zh, r.name_en))
                names[r.place_id] = (f"{place} — {name}: {firms(lang, r.count)}, "
                                     f"{words['lq']} {_lq_text(float(r.lq))}; "
                                     f"{words[r.status]}")
        out.append({"id": f"reality:{industry}", "key": f"reality:{industry}",
                    "label": name, "show": False, "cells": cells,
                    "hosts": [r.place_id for r in rows.itertuples() if r.planned],
                    "names": names, "colors": list(LQ_COLORS), "opacity": LQ_OPACITY,
                    "host": HOST_COLOR,
                    "none": NONE_COLOR, "exclusive": "reality"})
    return out


def toggles(specs: list[dict], other_notes: list[str] = ()) -> list[dict]:
    """The panel's toggles of the reality layers (see :func:`geo.render.mapdata.toggle_view`):
    the swatch is an LQ fill in the host outline, the count the industry's firms;
    ``other_notes`` go under the toggle of "other"."""
    return [{"id": s["id"], "label": s["label"], "color": LQ_COLORS[2], "show": False,
             "drawn": bool(s["cells"] or s["hosts"]), "pattern": "",
             "notes": list(other_notes) if s["id"] == f"reality:{OTHER}" else [],
             "count": str(sum(c[0] for c in s["cells"].values())), "border": "solid",
             "edge": HOST_COLOR} for s in specs]


def firms(lang: Lang, count) -> str:
    """``count`` firms in words: "1 firm", "3 firms", "3 家企业"."""
    return lang.count(int(count), "firm_count", "firms_count", "map")


def card_lines(result, lang: Lang) -> dict[str, dict]:
    """adcode -> the reality part of its card: ``lines`` (per industry with firms there:
    its name, count, the count in words, LQ and status as words), ``absent`` (names of the
    industries the plan assigns there without a firm: "planned & absent", on one line) and
    ``krugman`` (the district's specialisation index as text, "" without firms)."""
    table = result.table
    words = lang.words("map")
    shown = table[(table["count"] > 0) | table["planned"]]
    krugman = dict(zip(result.specialisation["place_id"], result.specialisation["krugman"],
                       strict=True))
    out: dict[str, dict] = {}
    for r in shown.itertuples():
        card = out.setdefault(r.place_id, {"lines": [], "absent": [],
                                           "krugman": _index_text(krugman[r.place_id])})
        if r.count > 0:
            card["lines"].append({"industry": _industry_name(r, lang), "count": int(r.count),
                                  "firms": firms(lang, r.count),
                                  "lq": _lq_text(float(r.lq)), "status": words[r.status],
                                  "key": r.status})
        else:
            card["absent"].append(_industry_name(r, lang))
    return out


def notes(result, lang: Lang) -> list[str]:
    """Notes under the reality toggles: the firms' industries not in the plan (from the
    firm table: hostile text, escaped by the panel template)."""
    unknown = result.summary.unknown_industries
    if not unknown:
        return []
    names = ", ".join(f"{k or '(empty)'} ({v:,})" for k, v in list(unknown.items())[:10])
    return [f"{lang.word('other_industries', 'map')}: {names}"]


__all__ = ["HOST_COLOR", "LQ_BREAKS", "LQ_OPACITY", "NONE_COLOR", "LQ_COLORS", "card_lines",
           "class_labels", "firms", "industries_with_firms", "layers", "legend", "lq_class",
           "notes", "toggles"]
