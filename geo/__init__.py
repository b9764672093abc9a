"""industry-atlas: regional digital-industry plans on real administrative boundaries.

Data flow, one module per stage::

    plan file  --planfile-->  raw data  --validate-->  Plan (plan)
    Plan + boundaries (boundaries, crs)  --join-->  Atlas (atlas)
    Atlas  --layers-->  layer specs  --render-->  HTML map (output)

Quick start::

    import geo
    atlas = geo.load("wenzhou-2024")
    atlas.districts_hosting("ic")
"""

from __future__ import annotations

from . import settings
from .errors import AtlasError, BoundaryError, OutputError, PlanError, UnknownNameError

__all__ = [
    "Atlas", "AtlasError", "BoundaryError", "OutputError", "Plan", "PlanError",
    "UnknownNameError", "diff", "diff_figure", "diff_map", "draft", "indicators", "load",
    "load_plan", "plans", "settings",
]
__version__ = "0.1.0"


def plans() -> list[str]:
    """Ids of the plans shipped with industry-atlas.

    Examples
    --------
    >>> "wenzhou-2024" in plans()
    True
    """
    from .planfile import shipped_plans

    return shipped_plans()


def load_plan(plan):
    """Read and validate a plan file without loading boundaries.

    Parameters
    ----------
    plan : str or path
        A shipped plan id (see :func:`plans`) or the path of a YAML plan file.

    Returns
    -------
    Plan

    Raises
    ------
    PlanError
        Listing every problem of the file.
    """
    from .planfile import plan_path, read_plan_file
    from .validate import validate_plan

    return validate_plan(read_plan_file(plan_path(plan)))


def load(plan):
    """Load a plan (id or path, as for :func:`load_plan`) and join it to its
    region's boundaries.

    Returns
    -------
    Atlas
    """
    from .join import join

    return join(load_plan(plan))


def diff(plan_a, plan_b, unchanged: bool = False):
    """What changed between two plans of one region; see :func:`geo.compare.diff`."""
    from .compare import diff as _diff

    return _diff(plan_a, plan_b, unchanged=unchanged)


def diff_map(plan_a, plan_b, lang: str = "both"):
    """The offline map of what changed between two plans of one region.

    Parameters
    ----------
    plan_a, plan_b : str, path or Atlas
        The older and the newer plan.
    lang : {"zh", "en", "both"}

    Returns
    -------
    folium.Map
        One toggleable layer per changed layout element and industry, places
        styled added / removed / unchanged; see :mod:`geo.render.diffmap`.
    """
    from .render.diffmap import build_diff_map

    return build_diff_map(plan_a, plan_b, lang=lang)


def diff_figure(plan_a, plan_b, lang: str = "both"):
    """Small multiples of what changed between two plans; see :mod:`geo.diff_figures`.

    Returns
    -------
    matplotlib.figure.Figure
        Save it with :func:`geo.figures.save_figure`.
    """
    from .diff_figures import diff_figure as _diff_figure

    return _diff_figure(plan_a, plan_b, lang=lang)


def indicators(plans):
    """Every figure of the given plans as one tidy table; see :func:`geo.compare.indicators`."""
    from .compare import indicators as _indicators

    return _indicators(plans)


def __getattr__(name):
    if name == "Atlas":
        from .atlas import Atlas

        return Atlas
    if name == "draft":  # geo.draft(path_or_text, region=None): the package is callable
        import importlib

        return importlib.import_module("geo.draft")
    if name == "Plan":
        from .plan import Plan

        return Plan
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
