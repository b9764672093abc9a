"""The ``industry-atlas`` command: a thin shell over the library.

Domain errors become one line on stderr and exit status 2; nothing is
written when a plan is invalid.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .draft import command as _draft_command
from .errors import AtlasError, PlanError

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors on one line like every other error."""

    def error(self, message: str):
        self.exit(EXIT_BAD_INPUT, f"industry-atlas: error: {self.prog}: {message} "
                                  f"(see `{self.prog} --help`)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="industry-atlas",
        description="Map regional digital-industry plans onto administrative boundaries.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     parser_class=_Parser)

    commands.add_parser("plans", help="list the shipped plans",
                        description="List the ids of the shipped plans, one per line.")

    build = commands.add_parser("build", help="build the offline HTML map of plans",
                                description="Validate the plans, then write "
                                            "DIR/<plan>.html for each.")
    build.add_argument("plans", nargs="*", metavar="PLAN", help="plan id or plan file")
    build.add_argument("--all", action="store_true", help="build every shipped plan")
    _out_option(build)
    _lang_option(build)
    _map_options(build)

    query = commands.add_parser("query", help="ask which districts host an industry, "
                                              "or what a district hosts",
                                description="Query a plan by industry or by district.")
    query.add_argument("plan", metavar="PLAN", help="plan id or plan file")
    which = query.add_mutually_exclusive_group(required=True)
    which.add_argument("--industry", help="industry id, alias or name (e.g. IC)")
    which.add_argument("--district", help="district in any form (乐清, Yueqing, 330382)")
    query.add_argument("--json", action="store_true", help="print JSON records")

    check = commands.add_parser("check", help="validate plan files without building",
                                description="Validate plans; print every problem found, "
                                            "one per line.")
    check.add_argument("plans", nargs="+", metavar="PLAN", help="plan id or plan file")
    embed = commands.add_parser("embed", help="write an HTML fragment to paste into a page",
                                description="Validate the plan, then write "
                                            "DIR/<plan>-embed.html: one <div> with its own "
                                            "scoped style and scripts, no <html>/<body>.")
    embed.add_argument("plan", metavar="PLAN", help="plan id or plan file")
    _out_option(embed)
    _lang_option(embed)
    embed.add_argument("--key", help="tells apart maps of one plan on one page")
    embed.add_argument("--height", default="600px", help="CSS height (default: 600px)")
    _map_options(embed)
    compare = commands.add_parser("diff", help="list what changed between two plans, and "
                                               "write a diff map and a diff figure",
                                  description="Compare two plans of one region: layout "
                                              "membership and industry hosting, added or "
                                              "removed, with citations on both sides. Prints "
                                              "the changes and writes DIR/<A>-vs-<B>.html "
                                              "(diff map) and DIR/<A>-vs-<B>-diff.<fmt> "
                                              "(diff figure).")
    compare.add_argument("plan_a", metavar="A", help="older plan id or file")
    compare.add_argument("plan_b", metavar="B", help="newer plan id or file")
    compare.add_argument("--json", action="store_true",
                         help="print JSON records (written paths go to stderr)")
    _out_option(compare)
    _lang_option(compare)
    compare.add_argument("--format", default="png", help="figure format: png, svg or pdf "
                                                         "(default: png)")
    compare.add_argument("--no-files", action="store_true",
                         help="print the changes only; write no map or figure")
    figure = commands.add_parser("figure", help="draw static figures (PNG, SVG or PDF)",
                                 description="Write DIR/<plan>-layout.<fmt> and "
                                             "DIR/<plan>-industries.<fmt> (or "
                                             "DIR/<plan>-<industry>.<fmt> with --industry).")
    figure.add_argument("plan", metavar="PLAN", help="plan id or plan file")
    _out_option(figure)
    figure.add_argument("--format", default="png", help="png, svg or pdf (default: png)")
    figure.add_argument("--industry", help="one industry only (id, alias or name)")
    _lang_option(figure)
    export = commands.add_parser("export", help="export districts with their roles and "
                                                "industries (GeoJSON, GeoPackage, GeoParquet, "
                                                "CSV matrix)",
                                 description="Write DIR/<plan>.<ext>: the districts with "
                                             "their roles and industries, or (csv) the "
                                             "district x industry matrix.")
    export.add_argument("plan", metavar="PLAN", help="plan id or plan file")
    _out_option(export)
    export.add_argument("--format", default="geojson",
                        help="geojson, gpkg, parquet or csv (default: geojson)")
    national = commands.add_parser("national", help="build a national map of every county- "
                                                    "or prefecture-level unit of China",
                                   description="Write DIR/<NAME>.html: china-counties (2,875 "
                                               "county-level units) or china-cities (370 "
                                               "prefecture-level units).")
    national.add_argument("name", metavar="NAME", help="china-counties or china-cities")
    _out_option(national)
    _lang_option(national)
    national.add_argument("-q", "--quiet", action="store_true",
                          help="no progress messages (shown only on a terminal)")
    report = commands.add_parser("report", help="write the printable plan report (HTML, PDF)",
                                 description="Validate the plans, then write "
                                             "DIR/<plan>-report.html for each (and "
                                             "DIR/<plan>-report.pdf with --pdf): map, layout "
                                             "figure, district x industry matrix, district "
                                             "profiles, indicators and sources.")
    report.add_argument("plans", nargs="*", metavar="PLAN", help="plan id or plan file")
    report.add_argument("--all", action="store_true", help="report every shipped plan")
    report.add_argument("--pdf", action="store_true",
                        help="also print DIR/<plan>-report.pdf with headless chromium")
    index = commands.add_parser("index", help="write the index page of every shipped plan",
                                description="Write DIR/index.html: every shipped plan with a "
                                            "thumbnail, its level and date, and links to "
                                            "DIR/<plan>.html and DIR/<plan>-report.html.")
    for page in (report, index):
        _out_option(page)
        _lang_option(page)
    _draft_command.add_parser(commands)
    return parser


def _out_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--out", default="out", metavar="DIR",
                        help="output folder (default: out)")


def _lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=["zh", "en", "both"], default="both",
                        help="language of labels (default: both)")


def _map_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--basemap", default="none", metavar="NAME",
                        help="none (default, offline), openstreetmap, cartodb, amap (GCJ-02) "
                             "or tianditu")
    parser.add_argument("--tianditu-key", metavar="KEY",
                        help="key for --basemap tianditu (default: $TIANDITU_KEY); it is "
                             "written into the tile URLs of the map")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error already printed on one line
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    try:
        return _COMMANDS[args.command](args)
    except AtlasError as exc:
        print(f"industry-atlas: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _plans(args) -> int:
    import geo

    print("\n".join(geo.plans()))
    return 0


def _build(args) -> int:
    import geo

    names = geo.plans() if args.all else args.plans
    if not names:
        raise AtlasError("build needs at least one PLAN, or --all")
    _check_basemap(args)
    atlases = [geo.load(name) for name in names]  # validate everything before writing
    for atlas in atlases:
        path = atlas.to_html(Path(args.out) / f"{atlas.plan.id}.html", lang=args.lang,
                             basemap=args.basemap, tianditu_key=args.tianditu_key)
        print(path)
    return 0


def _check_basemap(args) -> None:
    from geo import basemaps

    basemaps.resolve(args.basemap, args.tianditu_key)  # a bad name or key fails before loading


def _embed(args) -> int:
    import geo

    _check_basemap(args)
    atlas = geo.load(args.plan)
    path = atlas.to_html(Path(args.out) / f"{atlas.plan.id}-embed.html", lang=args.lang,
                         basemap=args.basemap, tianditu_key=args.tianditu_key,
                         fragment=True, key=args.key, height=args.height)
    print(path)
    return 0


def _query(args) -> int:
    import geo

    atlas = geo.load(args.plan)
    if args.industry:
        found = atlas.districts_hosting(args.industry)
        records = found.drop(columns="geometry").to_dict("records")
        if args.json:
            print(json.dumps({**found.attrs, "districts": records}, ensure_ascii=False,
                             default=list, indent=1))
            return 0
        industry = atlas.plan.industry(found.attrs["industry"])
        print(f"{industry.id} ({industry.name.pick()}): {found.attrs['status']}")
        for r in records:
            print(f"  {r['adcode']}  {r['name_zh']}  {r['name_en']}  via {', '.join(r['via'])}")
        for zone in found.attrs["zones"]:
            print(f"  zone: {atlas.plan.zone(zone).name.pick()}")
        for element in found.attrs["unlocated"]:
            e = atlas.plan.element(element)
            print(f"  not located by the plan: {e.name.pick()} ({e.extent})")
        return 0
    table = atlas.industries_in(args.district)
    if args.json:
        print(table.to_json(orient="records", force_ascii=False, indent=1))
        return 0
    place = atlas.place_id(args.district)
    print(f"{place}: {len(table)} industries")
    for r in table.itertuples():
        print(f"  {r.industry}  {r.industry_zh}  {r.industry_en}  via {', '.join(r.via)}")
    return 0


def _check(args) -> int:
    import geo

    failed = 0
    for name in args.plans:
        try:
            plan = geo.load_plan(name)
        except PlanError as exc:
            failed += 1
            for problem in exc.problems:
                print(f"industry-atlas: error: {problem}", file=sys.stderr)
            continue
        print(f"ok: {plan.id} ({len(plan.industries)} industries, {len(plan.layout)} layout "
              f"elements, {len(plan.assignments)} assignments, {len(plan.indicators)} indicators)")
    return EXIT_BAD_INPUT if failed else 0


def _diff(args) -> int:
    import geo
    from geo import figures

    fmt, lang = figures.check_format(args.format), figures.check_lang(args.lang)
    a, b = geo.load(args.plan_a), geo.load(args.plan_b)
    changes = geo.diff(a, b)  # plans of different regions fail here, before anything is drawn
    files = {} if args.no_files else _diff_files(a, b, fmt, lang, Path(args.out))
    written = _write_files(files)  # before printing: a closed pipe must not lose them
    if args.json:
        print(changes.to_json(orient="records", force_ascii=False, indent=1))
    else:
        print(f"{args.plan_a} -> {args.plan_b}: {len(changes)} changes")
        for r in changes.itertuples():
            what = f"element {r.element}" if r.element else f"industry {r.industry}"
            where = f"{r.name_zh} {r.name_en}".strip() or "(not located)"
            print(f"  {r.change:8} {what:36} {where}")
    for path in written:
        print(path, file=sys.stderr if args.json else sys.stdout)
    return 0


def _diff_files(a, b, fmt: str, lang: str, out: Path) -> dict[Path, bytes]:
    """The diff map and diff figure, encoded: drawn in full before any is written."""
    import geo
    from geo import figures

    stem = out / f"{a.plan.id}-vs-{b.plan.id}"
    html = geo.diff_map(a, b, lang=lang).get_root().render()
    figure = figures.figure_bytes(geo.diff_figure(a, b, lang=lang), fmt)
    return {stem.with_name(f"{stem.name}.html"): html.encode("utf-8"),
            stem.with_name(f"{stem.name}-diff.{fmt}"): figure}


def _write_files(files: dict[Path, bytes]) -> list[Path]:
    from geo.output import write_bytes

    return [write_bytes(path, data) for path, data in files.items()]


def _figure(args) -> int:
    import geo
    from geo import figures
    from geo.output import write_bytes

    fmt, lang = figures.check_format(args.format), figures.check_lang(args.lang)
    atlas = geo.load(args.plan)  # validate everything before drawing or writing
    industries = [atlas.industry_id(args.industry)] if args.industry else None
    name = industries[0] if industries else "industries"
    drawn = {"layout": figures.layout_figure(atlas, lang),
             name: figures.industry_figure(atlas, lang, industries)}
    encoded = {part: figures.figure_bytes(fig, fmt) for part, fig in drawn.items()}
    for part, data in encoded.items():
        print(write_bytes(Path(args.out) / f"{atlas.plan.id}-{part}.{fmt}", data))
    return 0


def _export(args) -> int:
    import geo
    from geo import export

    fmt = export.check_format(args.format)  # a bad format fails before loading
    atlas = geo.load(args.plan)
    print(atlas.export(Path(args.out) / f"{atlas.plan.id}.{export.EXTENSIONS[fmt]}", fmt))
    return 0


def _national(args) -> int:
    from geo.national import build_national

    print(build_national(args.name, args.out, lang=args.lang, quiet=args.quiet))
    return 0


def _report(args) -> int:
    import geo
    from geo import report

    names = geo.plans() if args.all else args.plans
    if not names:
        raise AtlasError("report needs at least one PLAN, or --all")
    if args.pdf:
        report.chromium()  # a missing browser fails before anything is written
    atlases = [geo.load(name) for name in names]  # validate everything before writing
    for atlas in atlases:
        stem = Path(args.out) / f"{atlas.plan.id}-report"
        html = atlas.report(stem.with_suffix(".html"), lang=args.lang)
        print(html)
        if args.pdf:
            print(report.print_pdf(html, stem.with_suffix(".pdf")))
    return 0


def _index(args) -> int:
    from geo.index_page import build_index

    print(build_index(args.out, lang=args.lang))
    return 0


_COMMANDS = {"plans": _plans, "build": _build, "query": _query, "check": _check,
             "embed": _embed,
             "diff": _diff, "figure": _figure,
             "export": _export, "national": _national,
             "report": _report, "index": _index, "draft": _draft_command.run}


if __name__ == "__main__":
    sys.exit(main())
