"""The small indicator chart as plain SVG text, without matplotlib.

One metric across plans by year: each plan's points joined by a dotted line
in its colour, actual values as filled circles, targets as hollow diamonds,
each point labelled with its value in human units and its plan. The data
comes from :func:`geo.show.indicator_series.indicator_chart_data`, the same
selection the matplotlib figure draws.

Every text is XML-escaped; the same data gives the same bytes.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from xml.sax.saxutils import escape, quoteattr

from ..plan.units import human_value, number, scale_of
from ..show.indicator_series import ChartData
from ..vocabulary import word

#: Size of the drawing area, in SVG user units (CSS pixels at 100 %).
WIDTH = 480
PLOT = (64, 44, 460, 214)  # left, top, right, bottom of the plot area
FONT = "'WenQuanYi Micro Hei','Noto Sans CJK SC','Helvetica Neue',Arial,sans-serif"
INK = "#222222"
GRID = "#dddddd"


def _f(x: float) -> str:
    """A coordinate with one decimal, the same on every machine."""
    text = f"{x:.1f}"
    return "0" if text == "-0.0" else text.removesuffix(".0")


def _width(text: str) -> int:
    """Width of ``text`` in half-width characters (a CJK character counts two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrap(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` half-width characters, at spaces
    where there are any (CJK text is cut anywhere)."""
    lines, line = [], ""
    for token in text.replace(" ", " \0").split("\0"):
        while _width(line + token.rstrip()) > width:
            if line:
                lines.append(line.rstrip())
                line = ""
                continue
            cut = 0
            while cut < len(token) and _width(token[:cut + 1]) <= width:
                cut += 1
            lines.append(token[:max(cut, 1)])
            token = token[max(cut, 1):]
        line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _text(x: float, y: float, lines: list[str], size: float = 10, anchor: str = "middle",
          weight: str = "normal", color: str = INK, line_height: float = 1.2) -> str:
    """A ``<text>`` of one or more lines (``<tspan>`` per line), escaped."""
    spans = "".join(f'<tspan x="{_f(x)}" dy="{_f(0 if i == 0 else size * line_height)}">'
                    f"{escape(line)}</tspan>" for i, line in enumerate(lines))
    bold = ' font-weight="bold"' if weight != "normal" else ""
    return (f'<text x="{_f(x)}" y="{_f(y)}" font-size="{_f(size)}" text-anchor="{anchor}"'
            f' fill="{color}"{bold}>{spans}</text>')


def _nice_ticks(top: float, count: int = 4) -> list[float]:
    """Round tick values from 0 to at least ``top``."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 2.5, 5, 10) if s * power >= raw)
    return [i * step for i in range(math.ceil(top / step + 1e-9) + 1)]


def _marker(x: float, y: float, color: str, kind: str, r: float = 5.0) -> str:
    """A filled circle (actual) or a hollow diamond (target)."""
    if kind == "actual":
        return (f'<circle class="point actual" cx="{_f(x)}" cy="{_f(y)}" r="{_f(r)}"'
                f' fill="{color}" stroke="{color}" stroke-width="1.8"/>')
    d = r * 1.25
    corners = [(x, y - d), (x + d, y), (x, y + d), (x - d, y)]
    points = " ".join(f"{_f(a)},{_f(b)}" for a, b in corners)
    return (f'<polygon class="point target" points="{points}" fill="#ffffff"'
            f' stroke="{color}" stroke-width="1.8"/>')


def chart_svg(data: ChartData) -> str:
    """One metric across plans as an ``<svg>`` element.

    Parameters
    ----------
    data : ChartData
        From :func:`geo.show.indicator_series.chart_data` or
        :func:`~geo.show.indicator_series.indicator_chart_data`: the series (plan
        id, title, colour and ``(year, value, unit, kind)`` points), the
        metric's and the place's names and the language.

    Returns
    -------
    str
        ``<svg xmlns=... role="img" aria-labelledby=...>`` with a ``<title>``
        (metric and place) and a ``<desc>`` (every point in words); every
        point is drawn, actual values as ``circle.point.actual``, targets as
        ``polygon.point.target``. The same data gives the same bytes.
    """
    lang = data.lang
    points = [(s, p) for s in data.series for p in s.points]
    unit = points[0][1][2] if points else ""
    divisor, unit_label = scale_of([p[1] for _, p in points], unit, lang)
    years = sorted({p[0] for _, p in points}) or [0]
    left, top, right, bottom = PLOT
    x0, x1 = years[0] - 0.8, years[-1] + 0.8
    values = [p[1] / divisor for _, p in points] or [0.0]
    low = min(0.0, min(values))
    ticks = _nice_ticks(max(values) * 1.3 - low)
    ticks = [low + t for t in ticks] if low < 0 else ticks
    y_low, y_high = ticks[0], ticks[-1]

    def sx(year: float) -> float:
        return left + (year - x0) / (x1 - x0) * (right - left)

    def sy(value: float) -> float:
        return bottom - (value - y_low) / ((y_high - y_low) or 1) * (bottom - top)

    title = f"{data.name} — {data.scope_name}"
    parts = [_text(WIDTH / 2, 16, _wrap(title, 78)[:2], 12, weight="bold")]
    parts.append(_text(14, (top + bottom) / 2, [unit_label], 9, color="#444444")
                 .replace("<text ", f'<text transform="rotate(-90 14 {_f((top + bottom) / 2)})" ',
                          1))
    for tick in ticks:  # grid and y labels
        y = sy(tick)
        parts.append(f'<line x1="{left}" y1="{_f(y)}" x2="{right}" y2="{_f(y)}"'
                     f' stroke="{GRID}" stroke-width="0.6"/>')
        parts.append(_text(left - 6, y + 3, [number(tick)], 9, anchor="end"))
    parts.append(f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="{INK}"'
                 ' stroke-width="0.8"/>')
    for year in years:
        parts.append(_text(sx(year), bottom + 14, [str(year)], 9))
    for s in data.series:  # each plan's points joined by a dotted line
        if len(s.points) > 1:
            line = " ".join(f"{_f(sx(y))},{_f(sy(v / divisor))}" for y, v, _, _ in s.points)
            parts.append(f'<polyline points="{line}" fill="none" stroke="{s.color}"'
                         ' stroke-width="1" stroke-dasharray="1.5 2.5"/>')
    ordered = sorted(points, key=lambda sp: (sp[1][0], sp[1][3], sp[0].plan))
    for i, (s, (year, value, unit_of, kind)) in enumerate(ordered):
        x, y = sx(year), sy(value / divisor)
        parts.append(_marker(x, y, s.color, kind))
        label = [*human_value(value, unit_of, lang).split(" / "), s.plan]
        if i % 2 == 0:  # alternate above and below, as the matplotlib figure does
            parts.append(_text(x, y - 9 - 9.6 * (len(label) - 1), label, 8, line_height=1.2))
        else:
            parts.append(_text(x, y + 20, label, 8, line_height=1.2))
    legend_y = bottom + 34
    for x, kind in ((left + 4, "actual"), (left + 124, "target")):  # the key's markers
        marker = _marker(x, legend_y - 3, "#555555", kind, 4)
        parts.append(marker.replace('class="point ', 'class="key '))
        parts.append(_text(x + 10, legend_y, [word(kind, lang)], 9, anchor="start"))
    y = legend_y + 16
    for s in data.series:
        lines = _wrap(f"{s.plan}: {s.title}", 80)
        parts.append(f'<line x1="{left}" y1="{_f(y - 3)}" x2="{left + 10}" y2="{_f(y - 3)}"'
                     f' stroke="{s.color}" stroke-width="3"/>')
        parts.append(_text(left + 14, y, lines, 9, anchor="start"))
        y += 11 * len(lines) + 3
    height = math.ceil(y + 2)
    ident = f"chart-{data.metric}-{data.scope}-{lang}"
    description = describe(data)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="atlas-chart" role="img"'
            f' viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}"'
            f' aria-labelledby={quoteattr(ident + "-title")}'
            f' aria-describedby={quoteattr(ident + "-desc")}'
            f' font-family={quoteattr(FONT)}>'
            f"<title id={quoteattr(ident + '-title')}>{escape(title)}</title>"
            f"<desc id={quoteattr(ident + '-desc')}>{escape(description)}</desc>"
            f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>'
            + "".join(parts) + "</svg>")


def describe(data: ChartData) -> str:
    """The chart in words, for its ``<desc>`` and an image's ``alt``.

    Parameters
    ----------
    data : ChartData

    Returns
    -------
    str
        The metric and the place, then each point by year: its kind, its
        value in human units and its plan, e.g. ``"... — Wenzhou: 2023 actual
        68.92 billion yuan (wenzhou-2024); 2025 target ..."``.
    """
    points = sorted(((y, k, v, u, s.plan) for s in data.series for y, v, u, k in s.points))
    said = "; ".join(f"{y} {word(k, data.lang)} {human_value(v, u, data.lang)} ({plan})"
                     for y, k, v, u, plan in points)
    return f"{data.name} — {data.scope_name}: {said}"


def chart_svgs(charts) -> list[dict]:
    """The indicator charts of a plan as SVG text, for the map page and the report.

    Parameters
    ----------
    charts : iterable of ChartData
        :func:`geo.show.indicator_series.indicator_chart_data` of the plan and its
        companions: one per metric the plan shares with another plan of its region.

    Returns
    -------
    list of dict
        One per chart: ``metric``, ``alt`` (the chart in words: metric, place and
        every point) and ``svg`` (the ``<svg>`` element, see :func:`chart_svg`).
    """
    return [{"metric": data.metric, "alt": describe(data), "svg": chart_svg(data)}
            for data in charts]


def chart_images(charts) -> list[dict]:
    """The charts of :func:`chart_svgs` as base64 ``data:`` URIs for ``<img>`` (an
    image's SVG cannot run script or take page styles): ``metric``, ``alt``, ``src``.

    Each set of charts is drawn once per process: a report's map panel and its
    indicators section show the same images (fresh dicts for each caller)."""
    return [dict(image) for image in _images(tuple(charts))]


@functools.lru_cache(maxsize=8)
def _images(charts: tuple) -> tuple[dict, ...]:
    import base64

    return tuple({"metric": c["metric"], "alt": c["alt"],
                  "src": "data:image/svg+xml;base64,"
                         + base64.b64encode(c["svg"].encode("utf-8")).decode("ascii")}
                 for c in chart_svgs(charts))
