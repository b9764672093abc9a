"""Indicator charts: one metric across plans by year, actual values filled, targets hollow.

Which metrics and points are charted is decided in :mod:`geo.show.indicator_series`
(:func:`shared_metrics`, :func:`indicator_series`, re-exported here); the map
page and the report draw the same data as plain SVG (:mod:`geo.render.chart`).
"""

from __future__ import annotations

from ..plan.model import Text
from ..plan.units import human_value, scale_of
from ..show.indicator_series import indicator_series, scope_name, shared_metrics
from ..vocabulary import BOTH, Lang
from . import kit
from .kit import wrap


def _draw_series(ax, rows, divisor: float, lang: Lang) -> None:
    """Each plan's points joined by a thin line; actual filled, target hollow; labelled."""
    for _, points in rows.groupby("plan", sort=False):
        color = points["color"].iloc[0]
        ax.plot(points["year"], points["value"] / divisor, color=color, linewidth=1,
                linestyle=":", zorder=2)
    for i, r in enumerate(rows.itertuples()):
        actual = r.kind == "actual"
        y = r.value / divisor
        ax.plot([r.year], [y], marker="o" if actual else "D", markersize=8, zorder=3,
                color=r.color, markerfacecolor=r.color if actual else "white",
                markeredgewidth=1.8, linestyle="")
        label = f"{human_value(r.value, r.unit, lang.code).replace(' / ', chr(10))}\n{r.plan}"
        above = i % 2 == 0
        ax.annotate(label, (r.year, y), xytext=(0, 10 if above else -12),
                    textcoords="offset points", ha="center", va="bottom" if above else "top",
                    fontsize=7, color="#222222", zorder=4)


def _series_legend(ax, rows, plans: dict, lang: Lang) -> None:
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker="o", color="#555555", linestyle="",
                      label=lang.word("actual")),
               Line2D([], [], marker="D", color="#555555", markerfacecolor="white",
                      linestyle="", label=lang.word("target"))]
    for plan_id, color in dict(zip(rows["plan"], rows["color"], strict=True)).items():
        handles.append(Line2D([], [], color=color, linewidth=3,
                              label=wrap(f"{plan_id}: {lang.pick(plans[plan_id].title)}", 60)))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.12), fontsize=7,
              frameon=False, ncols=1)


def indicator_figure(plans, metric: str, scope: str | None = None,
                     lang: Lang = BOTH):
    """One metric across plans by year: actual values filled, targets hollow.

    Parameters
    ----------
    plans : iterable of Plan
        E.g. the plans ``wenzhou-2022`` and ``wenzhou-2024``.
    metric : str
        A metric id of :func:`geo.indicators`, e.g. ``"core-digital-added-value"``.
    scope : str, optional
        The place; see :func:`indicator_series`.
    lang : geo.vocabulary.Lang

    Returns
    -------
    matplotlib.figure.Figure
        Values on the axis and on each point in human units (亿元, billion
        yuan, %), each point labelled with its plan; the legend names each
        plan and the source line its sources.

    Raises
    ------
    UnknownNameError
        If no plan has the metric.
    AtlasError
        When the CJK font is not installed.
    """
    plans = {p.id: p for p in plans}
    rows = indicator_series(list(plans.values()), metric, scope)
    first = rows.iloc[0]
    divisor, unit_label = scale_of(rows["value"], first["unit"], lang.code)
    with kit.style():
        fig = kit.new_figure(6.4, 4.2)
        ax = fig.add_axes((0.12, 0.36, 0.84, 0.5))
        _draw_series(ax, rows, divisor, lang)
        years = sorted(set(rows["year"]))
        ax.set_xticks(years, [str(y) for y in years])
        ax.set_xlim(years[0] - 0.8, years[-1] + 0.8)
        low, high = ax.get_ylim()
        ax.set_ylim(min(0, low), high + 0.25 * (high - min(0, low)))
        ax.set_ylabel(unit_label, fontsize=8)
        ax.tick_params(labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        name = lang.pick(Text(first["name_zh"], first["name_en"]))
        ax.set_title(wrap(f"{name} — {scope_name(first['scope'], lang.code)}", 70), fontsize=10)
        _series_legend(ax, rows, plans, lang)
        used = [plans[p] for p in dict.fromkeys(rows["plan"])]
        sources = "; ".join(s.cite(lang=lang.code) for p in used for s in p.sources)
        fig.text(0.01, 0.008, wrap(f"{lang.word('sources')}: {sources}", 120), fontsize=6,
                 ha="left", va="bottom", color="#333333")
    return fig


def indicator_charts(plan, companions, lang: Lang = BOTH) -> list[dict]:
    """Charts of :func:`shared_metrics` as SVG ``data:`` URIs, for ``<img>`` in HTML.

    Parameters
    ----------
    plan : Plan
    companions : iterable of Plan
        Other plans of the region (:func:`geo.atlas.catalog.companions`).
    lang : geo.vocabulary.Lang

    Returns
    -------
    list of dict
        ``metric``, ``alt`` (the metric's name) and ``src`` (a base64
        ``data:image/svg+xml`` URI; the same plan gives the same bytes).
    """
    charts = []
    for metric, scope, plans in shared_metrics(plan, companions):
        name = next(i.name for i in plan.indicators if i.metric == metric)
        charts.append({"metric": metric, "alt": lang.pick(name),
                       "src": _chart_uri(metric, scope, plans, lang)})
    return charts


#: Chart URIs already drawn in this process, by everything a chart shows.
_CHARTS: dict[tuple, str] = {}


def _chart_uri(metric: str, scope: str, plans: list, lang: Lang) -> str:
    """The chart as a base64 SVG ``data:`` URI, drawn once per process for the same
    plans' figures (rebuilding a map does not redraw it)."""
    key = (metric, scope, lang, tuple((p.id, p.title, p.date, p.sources, p.indicators)
                                      for p in plans))
    if key not in _CHARTS:
        fig = indicator_figure(plans, metric, scope, lang)
        _CHARTS[key] = kit.data_uri(fig, "svg", svg_text=True)
    return _CHARTS[key]
