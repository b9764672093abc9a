"""The report's "Plan vs reality" section: the district x industry table and a bar chart.

From what :func:`geo.firms.reality` returns: one row per district x industry
with firms there or planned there (count, LQ, status), and a horizontal bar
chart of LQ with the LQ = 1 line. The chart is
plain SVG drawn by the report's autoescaped template from the numbers here.
The chart shows where firms are and the plan agrees or is silent (planned &
present, present, not planned); the planned cells without firms are counted
in its caption (the table lists them). Two small tables follow: each district's
Krugman specialisation index and each industry's Hoover concentration index.
"""

from __future__ import annotations

import math

from .. import vocabulary
from ..plan.model import Text

#: Chart geometry (px): label column, bar area, row height.
LABEL_WIDTH = 220
BAR_WIDTH = 360
ROW_HEIGHT = 18
#: Bar colours by status (blue and orange: told apart in every common colour-vision type).
BAR_COLORS = {"planned & present": "#225ea8", "present, not planned": "#e66101"}

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
    """The bar chart of LQ where firms are and the plan agrees or is silent: the cells
    "planned & present" and "present, not planned" (bars coloured by status), the x of
    LQ = 1, the size, the key, its alternative text and how many planned cells have no
    firm (named in the caption, not drawn)."""
    table = result.table
    drawn = table[table["status"].isin(list(BAR_COLORS))]
    values = [float(v) for v in drawn["lq"]]
    scale = BAR_WIDTH / max([2.0, *values])
    bars = []
    for i, (r, value) in enumerate(zip(drawn.itertuples(), values, strict=True)):
        width = round(value * scale, 1)
        bars.append({"label": (f"{Text(r.name_zh, r.name_en).pick(lang)} · "
                               f"{Text(r.industry_zh, r.industry_en).pick(lang)}"),
                     "y": i * ROW_HEIGHT, "width": width, "value": _lq_text(value),
                     "color": BAR_COLORS[r.status], "status": r.status,
                     "text_x": LABEL_WIDTH + width + 4})
    title = vocabulary.word("reality_figure", lang, "report")
    return {"bars": bars, "label_width": LABEL_WIDTH, "one": LABEL_WIDTH + round(scale, 1),
            "width": LABEL_WIDTH + BAR_WIDTH + 50, "height": len(bars) * ROW_HEIGHT + 20,
            "title": title, "absent": int((table["status"] == "planned & absent").sum()),
            "key": [{"color": c, "label": vocabulary.word(k, lang)}
                    for k, c in BAR_COLORS.items()],
            "alt": f"{title}: " + "; ".join(f"{b['label']} {b['value']}" for b in bars)}


def measures(result, lang: str) -> dict:
    """The measures beside LQ (:mod:`geo.firms.measures`): Krugman specialisation of each
    district with firms and Hoover concentration of each industry with firms, most first,
    with their captions and the note giving both formulas."""
    districts = result.specialisation[result.specialisation["count"] > 0].sort_values(
        "krugman", ascending=False, kind="stable")
    industries = result.concentration[result.concentration["count"] > 0].sort_values(
        "hoover", ascending=False, kind="stable")
    return {"districts": [{"place": r.place_id, "name": Text(r.name_zh, r.name_en).pick(lang),
                           "count": int(r.count), "value": f"{r.krugman:.2f}"}
                          for r in districts.itertuples()],
            "industries": [{"industry_id": r.industry,
                            "name": Text(r.industry_zh, r.industry_en).pick(lang),
                            "count": int(r.count), "value": f"{r.hoover:.2f}"}
                           for r in industries.itertuples()],
            "krugman": vocabulary.word("krugman", lang),
            "hoover": vocabulary.word("hoover", lang),
            "district_caption": vocabulary.word("specialisation_caption", lang, "report"),
            "industry_caption": vocabulary.word("concentration_caption", lang, "report"),
            "note": vocabulary.word("measures_note", lang, "report")}


def section(result, lang: str) -> dict:
    """What the report's template needs of the section: table rows, chart, summary line,
    the measures beside LQ."""
    s = result.summary
    return {"rows": rows(result, lang), "chart": chart(result, lang),
            "summary": result.lines()[0], "matched": s.matched,
            "heads": {k: vocabulary.word(k, lang, "report")
                      for k in ("district", "industry", "count", "status")},
            "lq": vocabulary.word("lq", lang), "measures": measures(result, lang)}
