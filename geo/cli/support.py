"""Helpers of the ``industry-atlas`` handlers: output paths, JSON, place labels, counts.

Kept apart from :mod:`geo.cli` so that module stays the list of commands.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..errors import AtlasError
from ..vocabulary import Lang


def version() -> str:
    """The installed version of industry-atlas."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("industry-atlas")
    except PackageNotFoundError:  # run from a source tree that is not installed
        return "unknown"


class VersionOption(argparse.Action):
    """``--version``: prints ``industry-atlas <version>`` and exits. The version is looked
    up only then: reading installed metadata costs a build some 30 ms it has no use for."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS,
                 help="show program's version number and exit"):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"industry-atlas {version()}")
        parser.exit()


class LangOption(argparse.Action):
    """``--lang``: checked against its choices, then held as the run's one
    :class:`geo.vocabulary.Lang` (``args.lang``), which every output takes as it is."""

    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, Lang.of(values))


def output_path_of(args, stem, kind: str = "map", fmt: str | None = None, **parts) -> Path:
    """The path of an output in ``args.out``, with the run's variant options.

    ``--lang``, ``--basemap`` and ``--key``, where the command has them, become
    variant parts of the name (see :func:`geo.output.output_name`).

    Raises
    ------
    AtlasError
        If a variant (a ``--key``) cannot be part of a file name.
    """
    from ..output import VARIANTS, output_path

    variants = {name: getattr(args, name, None) for name in VARIANTS}
    try:
        return output_path(args.out, stem, kind, fmt, **parts, **variants)
    except ValueError as exc:
        raise AtlasError(str(exc)) from None


def distinct(paths: list[Path]) -> list[Path]:
    """``paths``, checked to be distinct: one run never writes one path twice.

    Raises
    ------
    AtlasError
        Naming the first path that two outputs of the run share.
    """
    seen = set()
    for path in paths:
        if path in seen:
            raise AtlasError(f"two outputs of this run would both be written to {path}; "
                             "nothing was written")
        seen.add(path)
    return paths


def print_json(data) -> None:
    """Print JSON in the one style of ``query``, ``diff`` and ``check`` (``--json``).

    DataFrames print as a list of records (missing values as null).
    """
    if hasattr(data, "to_json"):
        data = json.loads(data.to_json(orient="records"))
    print(json.dumps(data, ensure_ascii=False, indent=1, default=list))


def place_label(atlas, place_id: str) -> str:
    """``北仑区 Beilun (330206)`` for a district; a zone's names and id."""
    rows = atlas.districts[atlas.districts["adcode"] == place_id]
    if len(rows):
        zh, en = rows.iloc[0]["name_zh"], rows.iloc[0]["name_en"]
    else:
        name = atlas.plan.zone(place_id).name
        zh, en = name.pick("zh"), name.pick("en")
    names = " ".join(dict.fromkeys(n for n in (zh, en) if n))
    return f"{names} ({place_id})" if names else place_id


def count(n: int, noun: str, plural: str) -> str:
    """``1 industry``, ``2 industries``."""
    return f"{n} {noun if n == 1 else plural}"


#: The counts of a ``check`` record and their words (singular, plural).
CHECK_COUNTS = {"industries": ("industry", "industries"),
                "layout_elements": ("layout element", "layout elements"),
                "assignments": ("assignment", "assignments"),
                "indicators": ("indicator", "indicators")}


def check_record(name) -> dict:
    """Validate one plan: ``{"plan", "ok": True, <counts>}`` or ``{"plan", "ok": False,
    "problems"}`` (every problem, one line each)."""
    from ..atlas.catalog import load_plan
    from ..errors import PlanError

    try:
        plan = load_plan(name)
    except PlanError as exc:
        return {"plan": str(name), "ok": False, "problems": [str(p) for p in exc.problems]}
    sizes = [plan.industries, plan.layout, plan.assignments, plan.indicators]
    return {"plan": plan.id, "ok": True,
            **{key: len(x) for key, x in zip(CHECK_COUNTS, sizes, strict=True)}}


def counted_parts(record: dict) -> str:
    """``16 industries, 4 layout elements, 1 assignment, ...`` of a ``check`` record."""
    return ", ".join(count(record[key], *words) for key, words in CHECK_COUNTS.items())


def diff_files(args, a, b, fmt: str) -> dict[Path, bytes]:
    """The diff map and diff figure in ``args.lang``, encoded: drawn in full before any
    is written."""
    import geo
    from geo import figures

    pair = (a.plan.id, b.plan.id)
    html = geo.diff_map(a, b, lang=args.lang).get_root().render()
    figure = figures.figure_bytes(geo.diff_figure(a, b, lang=args.lang), fmt)
    return {output_path_of(args, pair, "diff-map"): html.encode("utf-8"),
            output_path_of(args, pair, "diff-figure", fmt): figure}
