"""The report's "Plan vs reality" section: the district x industry table and a bar chart.

From what :func:`geo.firms.reality` returns: one row per district x industry
with firms there or planned there (count, LQ, status), and a horizontal bar
chart of the LQ of every planned cell, with the LQ = 1 line. The chart is
plain SVG drawn by the report's autoescaped template from the numbers here.
"""

from __future__ import annotations

import math

from .. import vocabulary
from ..plan import Text

#: Chart geometry (px): label column, bar area, row height.
LABEL_WIDTH = 220
BAR_WIDTH = 360
ROW_HEIGHT = 18
#: Bar colours: planned & present, planned & absent (no bar, a note).
PRESENT_COLOR = "#225ea8"


def _lq_text(lq: float) -> str:
    return "–" if math.isnan(lq) else f"{lq:.2f}"


def rows(result, lang: str) -> list[dict]:
    """The table's rows: district x industry cells with firms or planned, in the table's
    order (districts, then industries as in the plan)."""
    table = result.table
    shown = table[(table["count"] > 0) | table["planned"]]
    return [{"place": r.place_id, "industry_id": r.industry,
             "district": Text(r.name_zh, r.name_en).pick(lang),
             "industry": Text(r.industry_zh, r.industry_en).pick(lang),
             "count": int(r.count), "lq": _lq_text(float(r.lq)), "planned": bool(r.planned),
             "status_key": r.status, "status": vocabulary.word(r.status, lang)}
            for r in shown.itertuples()]


def chart(result, lang: str) -> dict:
    """The bar chart of LQ for the planned cells: bars (``label``, ``y``, ``width``,
    ``value``), the x of LQ = 1, the size, and its alternative text."""
    table = result.table
    planned = table[table["planned"]]
    values = [0.0 if math.isnan(v) else float(v) for v in planned["lq"]]
    top = max([2.0, *values])
    scale = BAR_WIDTH / top
    bars = []
    for i, (r, value) in enumerate(zip(planned.itertuples(), values, strict=True)):
        bars.append({"label": (f"{Text(r.name_zh, r.name_en).pick(lang)} · "
                               f"{Text(r.industry_zh, r.industry_en).pick(lang)}"),
                     "y": i * ROW_HEIGHT, "width": round(value * scale, 1),
                     "value": _lq_text(float(r.lq)), "absent": int(r.count) == 0,
                     "text_x": LABEL_WIDTH + round(value * scale, 1) + 4})
    title = vocabulary.word("reality_figure", lang, "report")
    return {"bars": bars, "label_width": LABEL_WIDTH, "one": LABEL_WIDTH + round(scale, 1),
            "width": LABEL_WIDTH + BAR_WIDTH + 50, "height": len(bars) * ROW_HEIGHT + 20,
            "color": PRESENT_COLOR, "title": title,
            "alt": f"{title}: " + "; ".join(f"{b['label']} {b['value']}" for b in bars)}


def section(result, lang: str) -> dict:
    """What the report's template needs of the section: table rows, chart, summary line."""
    s = result.summary
    return {"rows": rows(result, lang), "chart": chart(result, lang),
            "summary": result.lines()[0], "matched": s.get("matched", 0),
            "heads": {k: vocabulary.word(k, lang, "report")
                      for k in ("district", "industry", "count", "status")},
            "lq": vocabulary.word("lq", lang)}
