"""Indicator charts: one metric across plans by year, actual values filled, targets hollow.

The HTML map and the report show, as small SVG charts, the metrics a plan
shares with other shipped plans of its region (:func:`indicator_charts`).
"""

from __future__ import annotations

from .. import boundaries
from ..catalog import as_plan, companions
from ..compare import indicators
from ..errors import BoundaryError, UnknownNameError, closest
from ..plan import Text
from ..units import human_value, scale_of
from ..vocabulary import check_lang, word
from . import kit
from .kit import wrap

_PLAN_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")


def indicator_series(plans_or_atlases, metric: str, scope: str | None = None):
    """The rows of one metric of :func:`geo.indicators` across plans, sorted by year.

    Parameters
    ----------
    plans_or_atlases : iterable of str, path, Plan or Atlas
    metric : str
        A metric id, e.g. ``"core-digital-added-value"``.
    scope : str, optional
        The place (adcode or zone id); default the first plan's region when it
        has the metric there, else the scope of the metric's first row.

    Returns
    -------
    pandas.DataFrame
        Rows of :func:`geo.indicators` with a ``color`` per plan.

    Raises
    ------
    UnknownNameError
        If no plan has the metric (at ``scope``).
    """
    plans = [as_plan(p) for p in plans_or_atlases]
    table = indicators(plans)
    where = "plans " + ", ".join(p.id for p in plans)
    rows = table[table["metric"] == metric]
    if rows.empty:
        raise UnknownNameError("indicator", metric, where, closest(metric, table["metric"]))
    if scope is None:
        scopes = list(rows["scope"])
        scope = plans[0].region if plans[0].region in scopes else scopes[0]
    rows = rows[(rows["scope"] == scope) & rows["year"].notna()]
    if rows.empty:
        raise UnknownNameError("scope", scope, f"metric {metric} of {where}")
    colors = {p.id: _PLAN_COLORS[i % len(_PLAN_COLORS)] for i, p in enumerate(plans)}
    rows = rows.assign(color=rows["plan"].map(colors))
    return rows.sort_values(["year", "kind", "plan"], kind="stable", ignore_index=True)


def _scope_name(scope: str, lang: str) -> str:
    try:
        unit = boundaries.unit(scope)
    except (BoundaryError, KeyError):
        return scope
    return Text(unit.name_zh, unit.name_en).pick(lang)


def _draw_series(ax, rows, divisor: float, lang: str) -> None:
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
        label = f"{human_value(r.value, r.unit, lang).replace(' / ', chr(10))}\n{r.plan}"
        above = i % 2 == 0
        ax.annotate(label, (r.year, y), xytext=(0, 10 if above else -12),
                    textcoords="offset points", ha="center", va="bottom" if above else "top",
                    fontsize=7, color="#222222", zorder=4)


def _series_legend(ax, rows, plans: dict, lang: str) -> None:
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker="o", color="#555555", linestyle="",
                      label=word("actual", lang)),
               Line2D([], [], marker="D", color="#555555", markerfacecolor="white",
                      linestyle="", label=word("target", lang))]
    for plan_id, color in dict(zip(rows["plan"], rows["color"], strict=True)).items():
        handles.append(Line2D([], [], color=color, linewidth=3,
                              label=wrap(f"{plan_id}: {plans[plan_id].title.pick(lang)}", 60)))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.12), fontsize=7,
              frameon=False, ncols=1)


def indicator_figure(plans_or_atlases, metric: str, scope: str | None = None,
                     lang: str = "both"):
    """One metric across plans by year: actual values filled, targets hollow.

    Parameters
    ----------
    plans_or_atlases : iterable of str, path, Plan or Atlas
        E.g. ``["wenzhou-2022", "wenzhou-2024"]``.
    metric : str
        A metric id of :func:`geo.indicators`, e.g. ``"core-digital-added-value"``.
    scope : str, optional
        The place; see :func:`indicator_series`.
    lang : {"zh", "en", "both"}

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
        For an unknown ``lang``, or when the CJK font is not installed.
    """
    check_lang(lang)
    plans = {p.id: p for p in (as_plan(p) for p in plans_or_atlases)}
    rows = indicator_series(list(plans.values()), metric, scope)
    first = rows.iloc[0]
    divisor, unit_label = scale_of(rows["value"], first["unit"], lang)
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
        name = Text(first["name_zh"], first["name_en"]).pick(lang)
        ax.set_title(wrap(f"{name} — {_scope_name(first['scope'], lang)}", 70), fontsize=10)
        _series_legend(ax, rows, plans, lang)
        used = [plans[p] for p in dict.fromkeys(rows["plan"])]
        sources = "; ".join(s.cite(lang=lang) for p in used for s in p.sources)
        fig.text(0.01, 0.008, wrap(f"{word('sources', lang)}: {sources}", 120), fontsize=6,
                 ha="left", va="bottom", color="#333333")
    return fig


def shared_metrics(plan) -> list[tuple[str, str, list]]:
    """Metrics of ``plan`` that other shipped plans of its region report too.

    A metric counts as shared when another plan reports it at the same scope,
    in the same unit and (for a percentage) of the same base. Figures without a
    year (a yearly target) are not charted.

    Returns
    -------
    list of (metric, scope, plans)
        In the order of ``plan``'s indicators; ``plans`` starts with ``plan``
        and lists each companion plan reporting the metric at that scope.
    """
    plan = as_plan(plan)
    others_of_region = companions(plan)
    shared = {}
    for indicator in (i for i in plan.indicators if i.year is not None):
        key = _series_key(indicator)
        others = [c for c in others_of_region
                  if any(_series_key(i) == key and i.year is not None for i in c.indicators)]
        if others and key not in shared:
            shared[key] = sorted([plan, *others], key=lambda p: (p.date, p.id))
    return [(key[0], key[1], plans) for key, plans in shared.items()]


def _series_key(indicator) -> tuple:
    """Figures are comparable when metric, scope, unit and base (of a percentage) agree."""
    return indicator.metric, indicator.scope, indicator.unit, indicator.base


def indicator_charts(plan, lang: str = "both") -> list[dict]:
    """Charts of :func:`shared_metrics` as SVG ``data:`` URIs, for ``<img>`` in HTML.

    Returns
    -------
    list of dict
        ``metric``, ``alt`` (the metric's name) and ``src`` (a base64
        ``data:image/svg+xml`` URI; the same plan gives the same bytes).
    """
    charts = []
    for metric, scope, plans in shared_metrics(plan):
        name = next(i.name for i in as_plan(plan).indicators if i.metric == metric)
        charts.append({"metric": metric, "alt": name.pick(lang),
                       "src": _chart_uri(metric, scope, plans, lang)})
    return charts


#: Chart URIs already drawn in this process, by everything a chart shows.
_CHARTS: dict[tuple, str] = {}


def _chart_uri(metric: str, scope: str, plans: list, lang: str) -> str:
    """The chart as a base64 SVG ``data:`` URI, drawn once per process for the same
    plans' figures (rebuilding a map does not redraw it)."""
    key = (metric, scope, lang, tuple((p.id, p.title, p.date, p.sources, p.indicators)
                                      for p in plans))
    if key not in _CHARTS:
        fig = indicator_figure(plans, metric, scope, lang)
        _CHARTS[key] = kit.data_uri(fig, "svg", svg_text=True)
    return _CHARTS[key]
