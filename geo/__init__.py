"""industry-atlas: regional digital-industry plans on real administrative boundaries.

Data flow. The model, one module per stage::

    plan file  --planfile-->  raw data  --validate-->  Plan (plan)
    Plan + boundaries (boundaries, crs, names)  --join-->  Atlas (atlas: queries, hosting)
    plan ids and paths  --catalog-->  Plan / Atlas

Shared by every output medium: ``vocabulary`` (bilingual words), ``geometry``
(display geometry, projection), ``layer_specs`` (one spec per layout element
and industry), ``compare`` (plan diff and its layers, indicators), ``firms``
(plan vs reality: firm tables joined to the districts, LQs, statuses). The media::

    Atlas  --render/-->   HTML maps (page, diffmap, fragment; codec, escape, features)
    Atlas  --figures/-->  static figures (kit, plan_figures, diff, indicators)
    Atlas  --export-->    GeoJSON, GeoPackage, GeoParquet, CSV
    Atlas  --pages/-->    report page and PDF, index page
    national              national maps;  output: naming rule and atomic writes
    cli                   the command line, on top of everything

Quick start::

    import geo
    atlas = geo.load("wenzhou-2024")
    atlas.districts_hosting("ic")
"""

from __future__ import annotations

from . import settings
from ._moved import install as _install_old_module_paths
from .atlas.catalog import as_atlas as _as_atlas
from .atlas.catalog import as_plan as _as_plan
from .atlas.catalog import load, load_plan, plans
from .errors import AtlasError, BoundaryError, OutputError, PlanError, UnknownNameError

__all__ = [
    "Atlas", "AtlasError", "BoundaryError", "OutputError", "Plan", "PlanError",
    "UnknownNameError", "diff", "diff_figure", "diff_map", "draft", "indicators", "load",
    "load_plan", "plans", "reality", "settings",
]
__version__ = "0.1.0"

_install_old_module_paths()


def diff(plan_a, plan_b, unchanged: bool = False):
    """What changed between two plans (ids, files or atlases) of one region; see
    :func:`geo.compare.diff`."""
    from .compare import diff as _diff

    return _diff(_as_atlas(plan_a), _as_atlas(plan_b), unchanged=unchanged)


def diff_map(plan_a, plan_b, lang="both"):
    """The offline map of what changed between two plans of one region.

    Parameters
    ----------
    plan_a, plan_b : str, path or Atlas
        The older and the newer plan.
    lang : {"zh", "en", "both"} or geo.vocabulary.Lang
        Checked before either plan is loaded.

    Returns
    -------
    folium.Map
        One toggleable layer per changed layout element and industry, places
        styled added / removed / unchanged; see :mod:`geo.render.diffmap`.
    """
    from .render.diffmap import build_diff_map
    from .vocabulary import Lang

    lang = Lang.of(lang)
    return build_diff_map(_as_atlas(plan_a), _as_atlas(plan_b), lang=lang)


def diff_figure(plan_a, plan_b, lang="both"):
    """Small multiples of what changed between two plans (ids, files or atlases) of one
    region; see :mod:`geo.figures.diff`.

    Returns
    -------
    matplotlib.figure.Figure
        Save it with :func:`geo.figures.save_figure`.
    """
    from .figures.diff import diff_figure as _diff_figure
    from .vocabulary import Lang

    lang = Lang.of(lang)
    return _diff_figure(_as_atlas(plan_a), _as_atlas(plan_b), lang=lang)


def reality(plan, firms, **options):
    """Plan vs reality: join a firm table to a plan's districts; see :func:`geo.firms.reality`.

    Parameters
    ----------
    plan : str, path or Atlas
        A plan id or file, or a loaded atlas.
    firms : str, path or pandas.DataFrame
    **options
        ``columns``, ``datum``, ``engine`` ("pandas" or "dask"), ``scheduler``,
        ``national``, ``min_firms``, ...

    Returns
    -------
    geo.firms.RealityResult
    """
    from .firms import reality as _reality

    return _reality(_as_atlas(plan), firms, **options)


def draft(path_or_text, region=None, **options):
    """Draft a plan from its document; see :func:`geo.drafting.draft`.

    Returns
    -------
    geo.drafting.pipeline.Draft
        ``.plan`` (a validated Plan) and ``.yaml`` (its text); unpacks as ``plan, text``.
    """
    from .drafting import draft as _draft

    return _draft(path_or_text, region, **options)


def indicators(plans):
    """Every figure of the given plans (ids, files, Plans or atlases) as one tidy table;
    see :func:`geo.compare.indicators`."""
    from .compare import indicators as _indicators

    return _indicators([_as_plan(p) for p in plans])


def __getattr__(name):
    if name == "Atlas":
        from .atlas.atlas import Atlas

        return Atlas
    if name == "Plan":
        from .plan.model import Plan

        return Plan
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
