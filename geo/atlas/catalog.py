"""The catalog of plans: shipped plan ids, loading a plan or an atlas, and coercion.

Every module that takes "a plan id, a path, a Plan or an Atlas" turns it into
what it needs here (:func:`as_plan`, :func:`as_atlas`); nothing inside the
package imports ``geo`` itself.
"""

from __future__ import annotations

from functools import cache


def plans() -> list[str]:
    """Ids of the plans shipped with industry-atlas.

    Examples
    --------
    >>> "wenzhou-2024" in plans()
    True
    """
    from ..plan.file import shipped_plans

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
    from ..plan.file import plan_path, read_plan_file
    from ..plan.validate import validate_plan

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


def as_atlas(item):
    """An Atlas from a plan id, a path or an Atlas."""
    return item if hasattr(item, "table") else load(item)


def as_plan(item):
    """A Plan from a plan id, a path, a Plan or an Atlas."""
    if hasattr(item, "indicators"):
        return item
    return item.plan if hasattr(item, "plan") else load_plan(item)


@cache
def shipped_plan(plan_id: str):
    """The shipped plan ``plan_id``, read and validated once per process."""
    return load_plan(plan_id)


@cache
def shipped_region(plan_id: str) -> str:
    """The adcode of a shipped plan's region, read off its ``region:`` line (the whole plan
    is read and validated only when that line is not a plain value)."""
    from ..places.regions import find_region
    from ..plan.file import plan_path, top_value

    value = top_value(plan_path(plan_id).read_text("utf-8-sig"), "region")
    return find_region(value).adcode if value else shipped_plan(plan_id).region


def companions(plan) -> list:
    """Other shipped plans over the same region as ``plan`` (only those are loaded)."""
    plan = as_plan(plan)
    return [shipped_plan(other) for other in plans()
            if other != plan.id and shipped_region(other) == plan.region]
