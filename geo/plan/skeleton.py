"""A new plan file to fill in: ``industry-atlas new ID --region REGION``.

The skeleton validates as written: it lists the region's units (Chinese,
English, adcode) as comments, has one example of each part of a plan (a
located layout element, one with a place as member, one not located, an
assignment to an element and one to a district, a place at a point, a role,
an indicator) and starts with the schema line that lets editors complete and
check it.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from ..errors import OutputError, PlanError, Problem
from ..places import boundaries, regions
from .model import kinds

_ID_HINT = "letters, digits, '-', '_' or '.', such as ningbo-2025"


def schema_line(schema: str | None = None) -> str:
    """``# yaml-language-server: $schema=...``, pointing at the installed schema by default."""
    from .schema import schema_path

    return f"# yaml-language-server: $schema={schema or Path(str(schema_path())).as_uri()}"


def skeleton_text(plan_id: str, region, schema: str | None = None) -> str:
    """The text of a new plan file over ``region`` (adcode or any form of its name).

    Raises
    ------
    PlanError
        For an invalid id; :class:`geo.errors.RegionError` for an unknown region.
    """
    from .validate import ID_PATTERN

    if not ID_PATTERN.match(str(plan_id)):
        raise PlanError([Problem(f"{plan_id}.yaml", f"invalid plan id {plan_id!r}; "
                                                    f"expected {_ID_HINT}")])
    region = regions.find_region(region)
    units = boundaries.children(region)
    width = max(len(u.name_zh) for u in units)
    listed = "\n".join(f"#   {u.name_zh}{'　' * (width - len(u.name_zh))}  {u.name_en:<16} "
                       f"{u.adcode}" for u in units)
    first, last = units[0], units[-1]
    point = boundaries.read_geometry(first).representative_point()
    members = first.name_zh + (f", {last.name_en}" if last != first else "")  # any name form
    kinds_line = "\n#   ".join(textwrap.wrap(", ".join(kinds()), 84))
    name = f"{region.name_zh} {region.name_en}"
    return f"""{schema_line(schema)}
# {plan_id}: a plan over {name} ({region.adcode}), started by `industry-atlas new`.
# Replace the EXAMPLE entries with what your source document says (in your own words,
# citing where it says it), then check the file:
#     industry-atlas check {plan_id}.yaml
# The file name is the plan's id: keep them the same.
#
# Units of {name} a plan can name, in any of these forms (Chinese with or without
# its suffix, English, adcode):
{listed}
#
# kind of a layout element or place:
#   {kinds_line}
# basis: stated = the source says it; interpreted = your reading, explained in `note`.
id: {plan_id}
title:
  zh: {region.name_zh}数字产业规划（示例）
  en: {region.name_en} digital industry plan (EXAMPLE)
region: "{region.adcode}"  # {name}
date: 2025-01-01

sources:
  - id: doc
    title: {{zh: 来源文件标题, en: Title of the source document}}
    publisher: EXAMPLE publisher
    date: 2025-01-01
    # file: document.txt  # the file name of a copy you keep, if any
    # url: https://example.org/document

roles:  # roles the plan gives the whole region
  - {{zh: 示例定位, en: EXAMPLE role of the region, source: doc, where: section 1}}

industries:
  - {{id: software, zh: 软件, en: Software, aliases: [software industry]}}
  - {{id: ic, zh: 集成电路, en: Integrated circuits, aliases: [IC, chips]}}

places:  # zones, platforms and parks that are not whole units
  - id: example-park
    zh: 示例园区
    en: EXAMPLE park
    kind: park
    within: [{first.name_zh}]
    at: {{lon: {point.x:.5f}, lat: {point.y:.5f}, datum: gcj02}}  # or datum: wgs84
    source: doc
    where: section 2

layout:
  - id: corridor  # located: its members are units of the region
    zh: 示例走廊
    en: EXAMPLE corridor
    kind: corridor
    members: [{members}]
    source: doc
    where: section 2
  - id: core  # located through a place
    zh: 示例核心
    en: EXAMPLE core
    kind: core
    members: [example-park]
    source: doc
    where: section 2
  - id: spots  # not located: the plan says where only in words
    zh: 多点
    en: EXAMPLE spots
    kind: spots
    extent: various areas of {region.name_en}
    source: doc
    where: section 2
    basis: interpreted
    note: EXAMPLE of an interpretation; say why it is your reading.

assignments:
  - {{to: corridor, industries: [software, ic], source: doc, where: section 3}}
  - {{to: {last.adcode}, industries: [IC], source: doc, where: section 3}}

indicators:
  - {{metric: core-digital-added-value, zh: 数字经济核心产业增加值,
     en: Core digital economy industries added value, year: 2027, value: 100,
     unit: 亿元, kind: target, source: doc, where: section 4}}
"""


def new_plan(plan_id: str, region, folder=".", schema: str | None = None) -> Path:
    """Write ``<folder>/<plan_id>.yaml``, a skeleton plan over ``region``.

    Parameters
    ----------
    plan_id : str
        The plan's id, also its file name.
    region : str or int
        Adcode or any form of the region's name (``330200``, ``宁波市``, ``Ningbo``).
    folder : path
        Where to write it (created if missing).
    schema : str, optional
        Path or URL of the schema for the first line (default: the installed one).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    OutputError
        If the file exists already (it is never overwritten) or cannot be written.
    """
    from ..output import write_text

    text = skeleton_text(plan_id, region, schema)
    path = Path(folder) / f"{plan_id}.yaml"
    if path.exists():
        raise OutputError(f"{path} exists already; remove it or choose another id or folder")
    return write_text(path, text)
