"""The ``industry-atlas`` command: a thin shell over the library.

Each handler is registered by :func:`command` with its options beside it; shared
options (``OUT``, ``LANG``, ``BASEMAP``) are defined once. Handlers import the library
when they run, so ``--help`` stays fast; output names come from :mod:`geo.output`.
Domain errors become one line on stderr and exit status 2; nothing is written when a
plan is invalid.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import AtlasError
from ..vocabulary import BOTH, LANGS
from . import support
from .support import output_path_of as _output

EXIT_BAD_INPUT = 2

#: Adds one option (or a group of them) to a parser.
Option = Callable[[argparse.ArgumentParser], object]


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors on one line, one prefix, like every other error."""

    def error(self, message: str):
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


# --- registering commands --------------------------------------------------------------------


@dataclass(frozen=True)
class _Command:
    handler: Callable[[argparse.Namespace], int]
    help: str
    description: str
    options: tuple[Option, ...]


#: Command name -> command, in the order of ``industry-atlas --help``.
_COMMANDS: dict[str, _Command] = {}


def command(name: str, *options: Option, help: str, description: str):
    """Register the decorated handler as the subcommand ``name``, with ``options`` in order."""

    def register(handler):
        _COMMANDS[name] = _Command(handler, help, description, options)
        return handler

    return register


def arg(*names: str, **settings) -> Option:
    """An option: the arguments of :meth:`argparse.ArgumentParser.add_argument`."""
    return lambda parser: parser.add_argument(*names, **settings)


def one_of(*options: Option, required: bool = False) -> Option:
    """Mutually exclusive options."""

    def add(parser):
        group = parser.add_mutually_exclusive_group(required=required)
        for option in options:
            option(group)

    return add


# --- shared options --------------------------------------------------------------------------

PLAN = arg("plan", metavar="PLAN", help="plan id or plan file")
OUT = arg("-o", "--out", default="out", metavar="DIR", help="output folder (default: out)")
LANG = arg("--lang", choices=LANGS, default=BOTH, action=support.LangOption,
           help="language of labels (default: both)")
BASEMAP = (
    arg("--basemap", default="none", metavar="NAME",
        help="none (default, offline), openstreetmap, cartodb, amap (GCJ-02) or tianditu"),
    arg("--tianditu-key", metavar="KEY",
        help="key for --basemap tianditu (default: $TIANDITU_KEY); it is written into the "
             "tile URLs of the map"),
    arg("--show", metavar="INDUSTRY",
        help="open on the answer to 'which districts host INDUSTRY?' (#industry=<id>)"),
    arg("--district", metavar="DISTRICT", help="open on this district's card (#district=...)"),
    arg("--layers", metavar="IDS",
        help="comma-separated layers on at first (#layers=corridor,north-core)"),
)


def plan_list(nargs: str) -> Option:
    """Positional PLANs: ``"*"`` (with ``--all``) or ``"+"``."""
    return arg("plans", nargs=nargs, metavar="PLAN", help="plan id or plan file")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="industry-atlas",
        description="Map regional digital-industry plans onto administrative boundaries.")
    parser.add_argument("--version", action=support.VersionOption)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     parser_class=_Parser)
    for name, spec in _COMMANDS.items():
        sub = commands.add_parser(name, help=spec.help, description=spec.description)
        for option in spec.options:
            option(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error already printed on one line
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    try:
        return _COMMANDS[args.command].handler(args)
    except AtlasError as exc:
        print(f"industry-atlas: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


# --- helpers of the handlers -----------------------------------------------------------------


def _plan_names(args, verb: str) -> list[str]:
    """The PLANs, or every shipped plan with ``--all``."""
    import geo

    names = geo.plans() if args.all else args.plans
    if not names:
        raise AtlasError(f"{verb} needs at least one PLAN, or --all")
    return names


def _map_settings(args) -> dict:
    """The map options of ``build`` and ``embed``; a bad basemap name or key fails here.

    ``--basemap`` and ``--tianditu-key`` are resolved once, into the basemap object that
    ``args.basemap`` then holds: output names come from its canonical name.
    """
    from geo.show import basemaps

    args.basemap = basemaps.resolve(args.basemap, args.tianditu_key)
    layers = [x for x in args.layers.split(",") if x] if args.layers is not None else None
    return {"lang": args.lang, "basemap": args.basemap,
            "industry": args.show, "district": args.district, "layers": layers}


# --- the commands, in the order of `industry-atlas --help` -----------------------------------


@command("plans", help="list the shipped plans",
         description="List the ids of the shipped plans, one per line.")
def _plans(args) -> int:
    import geo

    print("\n".join(geo.plans()))
    return 0


@command("build", plan_list("*"),
         arg("--all", action="store_true", help="build every shipped plan"),
         OUT, LANG, *BASEMAP,
         help="build the offline HTML map of plans",
         description="Validate the plans, then write DIR/<plan>.html for each (--lang and "
                     "--basemap other than the defaults add parts to the name: "
                     "DIR/<plan>.en.amap.html).")
def _build(args) -> int:
    settings = _map_settings(args)  # before loading
    atlases, paths = _load_all(args, _plan_names(args, "build"), "map")
    for atlas, path in zip(atlases, paths, strict=True):
        print(atlas.to_html(path, **settings))
    return 0


def _load_all(args, names, kind: str, formats=(None,)) -> tuple[list, list]:
    """Every plan loaded (so all are validated before anything is written) and the output
    paths of each (per plan, one per format), refused when two would share a path."""
    import geo

    atlases = [geo.load(name) for name in names]
    return atlases, support.distinct([_output(args, a.plan.id, kind, f)
                                      for a in atlases for f in formats])


@command("query", PLAN,
         one_of(arg("--industry", help="industry id, alias or name (e.g. IC)"),
                arg("--district", help="district in any form (乐清, Yueqing, 330382)"),
                required=True),
         arg("--json", action="store_true", help="print JSON records"),
         help="ask which districts host an industry, or what a district hosts",
         description="Query a plan by industry or by district.")
def _query(args) -> int:
    import geo

    atlas = geo.load(args.plan)
    if args.industry:
        found = atlas.districts_hosting(args.industry)
        records = found.drop(columns="geometry").to_dict("records")
        if args.json:
            support.print_json({**found.attrs, "districts": records})
            return 0
        industry = atlas.plan.industry(found.attrs["industry"])
        print(f"{industry.id} ({industry.name.pick()}): {found.attrs['status']}")
        for r in records:
            print(f"  {r['adcode']}  {r['name_zh']}  {r['name_en']}  via "
                  f"{', '.join(r['hosting_elements'])}")
        for zone in found.attrs["zones"]:
            print(f"  zone: {atlas.plan.zone(zone).name.pick()}")
        for element in found.attrs["unlocated"]:
            e = atlas.plan.element(element)
            print(f"  not located by the plan: {e.name.pick()} ({e.extent})")
        return 0
    table = atlas.industries_in(args.district)
    if args.json:
        support.print_json(table)
        return 0
    place = support.place_label(atlas, atlas.place_id(args.district))
    print(f"{place}: {support.count(len(table), 'industry', 'industries')}")
    for r in table.itertuples():
        via = ", ".join(r.hosting_elements)
        print(f"  {r.industry}  {r.industry_zh}  {r.industry_en}  via {via}")
    return 0


@command("check", plan_list("+"),
         arg("--json", action="store_true",
             help="print one JSON record per plan: its counts or its problems"),
         help="validate plan files without building",
         description="Validate plans; print every problem found, one per line.")
def _check(args) -> int:
    records = [support.check_record(name) for name in args.plans]
    if args.json:
        support.print_json(records)
    for r in [] if args.json else records:
        for problem in r.get("problems", []):
            print(f"industry-atlas: error: {problem}", file=sys.stderr)
        if r["ok"]:
            print(f"ok: {r['plan']} ({support.counted_parts(r)})")
    return 0 if all(r["ok"] for r in records) else EXIT_BAD_INPUT


@command("embed", PLAN, OUT, LANG,
         arg("--key", help="tells apart maps of one plan on one page"),
         arg("--height", default="600px", help="CSS height (default: 600px)"),
         *BASEMAP,
         help="write an HTML fragment to paste into a page",
         description="Validate the plan, then write DIR/<plan>-embed.html: one <div> with its "
                     "own scoped style and scripts, no <html>/<body> (--lang, --basemap and "
                     "--key add parts to the name: DIR/<plan>-embed.en.appendix.html).")
def _embed(args) -> int:
    import geo

    settings = _map_settings(args)  # before loading
    _output(args, "plan", "embed")  # a --key that cannot name a file fails before loading
    atlas = geo.load(args.plan)
    print(atlas.to_html(_output(args, atlas.plan.id, "embed"), **settings, fragment=True,
                        key=args.key, height=args.height))
    return 0


@command("diff",
         arg("plan_a", metavar="A", help="older plan id or file"),
         arg("plan_b", metavar="B", help="newer plan id or file"),
         arg("--json", action="store_true",
             help="print JSON records (written paths go to stderr)"),
         OUT, LANG,
         arg("--format", default="png", help="figure format: png, svg or pdf (default: png)"),
         arg("--no-files", action="store_true",
             help="print the changes only; write no map or figure"),
         help="list what changed between two plans, and write a diff map and a diff figure",
         description="Compare two plans of one region: layout membership and industry "
                     "hosting, added or removed, with citations on both sides. Prints the "
                     "changes and writes DIR/<A>-vs-<B>.html (diff map) and "
                     "DIR/<A>-vs-<B>-diff.<fmt> (diff figure).")
def _diff(args) -> int:
    import geo
    from geo import figures
    from geo.compare import change_counts
    from geo.output import write_bytes

    fmt = figures.check_format(args.format)
    a, b = geo.load(args.plan_a), geo.load(args.plan_b)
    changes = geo.diff(a, b)  # plans of different regions fail here, before anything is drawn
    files = {} if args.no_files else support.diff_files(args, a, b, fmt)
    # written before printing: a closed pipe must not lose them
    written = [write_bytes(path, data) for path, data in files.items()]
    if args.json:
        support.print_json(changes)
    else:
        counted = support.count(len(changes), "change", "changes")
        n = change_counts(changes)
        print(f"{args.plan_a} -> {args.plan_b}: {counted} ({n['added']} added, "
              f"{n['removed']} removed)")
        for r in changes.itertuples():
            what = f"element {r.element}" if r.element else f"industry {r.industry}"
            where = f"{r.name_zh} {r.name_en}".strip() or "(not located)"
            print(f"  {r.change:8} {what:36} {where}")
    for path in written:
        print(path, file=sys.stderr if args.json else sys.stdout)
    return 0


@command("figure", PLAN, OUT,
         arg("--format", default="png", help="png, svg or pdf (default: png)"),
         arg("--industry", help="one industry only (id, alias or name)"),
         LANG,
         help="draw static figures (PNG, SVG or PDF)",
         description="Write DIR/<plan>-layout.<fmt> and DIR/<plan>-industries.<fmt> (or "
                     "DIR/<plan>-<industry>.<fmt> with --industry).")
def _figure(args) -> int:
    import geo
    from geo import figures
    from geo.output import write_bytes

    fmt, lang = figures.check_format(args.format), args.lang
    atlas = geo.load(args.plan)  # validate everything before drawing or writing
    industries = [atlas.industry_id(args.industry)] if args.industry else None
    name = industries[0] if industries else "industries"
    drawn = {"layout": figures.layout_figure(atlas, lang),
             name: figures.industry_figure(atlas, lang, industries)}
    encoded = {part: figures.figure_bytes(fig, fmt) for part, fig in drawn.items()}
    paths = support.distinct([_output(args, atlas.plan.id, "figure", fmt, part=p)
                              for p in encoded])
    for path, data in zip(paths, encoded.values(), strict=True):
        print(write_bytes(path, data))
    return 0


@command("export", PLAN, OUT,
         arg("--format", default="geojson",
             help="geojson, gpkg, parquet or csv (default: geojson)"),
         help="export districts with their layout elements and industries (GeoJSON, GeoPackage, "
              "GeoParquet, CSV matrix)",
         description="Write DIR/<plan>.<ext>: the districts with their layout elements and "
                     "industries, or (csv) the district x industry matrix.")
def _export(args) -> int:
    import geo
    from geo import export

    fmt = export.check_format(args.format)  # a bad format fails before loading
    atlas = geo.load(args.plan)
    print(atlas.export(_output(args, atlas.plan.id, "export", export.EXTENSIONS[fmt]), fmt))
    return 0


@command("national",
         arg("name", metavar="NAME", help="china-counties or china-cities"),
         OUT, LANG,
         arg("-q", "--quiet", action="store_true",
             help="no progress messages (shown only on a terminal)"),
         help="build a national map of every county- or prefecture-level unit of China",
         description="Write DIR/<NAME>.html: china-counties (2,875 county-level units) or "
                     "china-cities (370 prefecture-level units).")
def _national(args) -> int:
    from geo.pages.national import build_national

    # named by the rule, --lang included: geo.pages.national uses output_path too
    print(build_national(args.name, args.out, lang=args.lang, quiet=args.quiet))
    return 0


@command("report", plan_list("*"),
         arg("--all", action="store_true", help="report every shipped plan"),
         arg("--pdf", action="store_true",
             help="also print DIR/<plan>-report.pdf with headless chromium"),
         OUT, LANG,
         help="write the printable plan report (HTML, PDF)",
         description="Validate the plans, then write DIR/<plan>-report.html for each (and "
                     "DIR/<plan>-report.pdf with --pdf): map, layout figure, district x "
                     "industry matrix, district profiles, indicators and sources.")
def _report(args) -> int:
    from geo.pages import report

    names = _plan_names(args, "report")
    if args.pdf:
        report.chromium()  # a missing browser fails before anything is written
    atlases, paths = _load_all(args, names, "report", ["html", "pdf"] if args.pdf else ["html"])
    paths = iter(paths)  # per plan: its HTML, then its PDF
    for atlas in atlases:
        html = atlas.report(next(paths), lang=args.lang)
        print(html)
        if args.pdf:
            print(report.print_pdf(html, next(paths)))
    return 0


@command("index", OUT, LANG,
         help="write the index page of every shipped plan",
         description="Write DIR/index.html: every shipped plan with a thumbnail, its level "
                     "and date, and links to DIR/<plan>.html and DIR/<plan>-report.html "
                     "(with --lang en: DIR/index.en.html, linking DIR/<plan>.en.html and "
                     "DIR/<plan>-report.en.html).")
def _index(args) -> int:
    import geo
    from geo.pages.index import build_index

    atlases = [geo.load(name) for name in geo.plans()]  # all validated before writing
    print(build_index(atlases, args.out, lang=args.lang))
    return 0


@command("new", arg("id", metavar="ID", help="the plan's id, also its file name"),
         arg("--region", required=True, help="adcode or name (330200, 宁波市, Ningbo)"),
         arg("-o", "--out", default=".", metavar="DIR", help="folder (default: .)"),
         help="write a plan skeleton to fill in",
         description="Write DIR/<ID>.yaml: a plan over REGION that validates, listing the "
                     "region's units.")
def _new(args) -> int:
    from geo.plan.skeleton import new_plan

    print(new_plan(args.id, args.region, args.out))
    return 0


@command("schema", help="print the JSON Schema of plan files",
         description="Print the JSON Schema of plan files (for editors).")
def _schema(args) -> int:
    from geo.plan.schema import schema_text

    print(schema_text(), end="")
    return 0


@command("reality", PLAN,
         arg("firms", metavar="FIRMS",
             help="firm table: .csv, .tsv, .parquet (file or folder) or .gpkg"),
         OUT,
         arg("--datum", choices=["wgs84", "gcj02", "bd09"], default="wgs84",
             help="datum of the coordinates (default: wgs84)"),
         arg("--column", action="append", default=[], metavar="FIELD=COLUMN",
             help="map a field (name, industry, lon, lat, address, adcode, weight) to a "
                  "column; repeatable"),
         arg("--encoding", default="utf-8", help="CSV encoding (default: utf-8; gbk for many "
                                                 "Chinese files)"),
         arg("--min-firms", type=int, default=5, metavar="N",
             help="fewest firms for 'present, not planned' (default: 5)"),
         arg("--matched", metavar="FILE", help="also write the trail: every matched firm with "
             "its district, method, datum and flag (.csv, or .parquet for GeoParquet)"),
         arg("--zones", metavar="CSV", help="more development zones: a CSV of name,districts "
             "(adcodes separated by |)"),
         arg("--national", metavar="CSV", help="national counts (industry,count) for "
                                               "lq_national"),
         arg("--format", choices=["csv", "parquet"], default="csv",
             help="format of the table (default: csv)"),
         arg("--engine", choices=["pandas", "dask"], default="pandas",
             help="dask streams (Geo)Parquet through a Dask cluster"),
         arg("--scheduler", metavar="ADDRESS",
             help="dask: address of a running scheduler (default: threads in this process)"),
         arg("--workers", type=int, default=2,
             help="dask without --scheduler: threads, one piece each (default: 2)"),
         help="join a firm table to a plan's districts: counts, location quotients and where "
              "plan and firms disagree",
         description="Join firms (coordinates, addresses or adcodes) to the plan's districts. "
                     "Prints the summary (input = matched + rejected) and writes "
                     "DIR/<plan>-reality.<fmt> (district x industry: count, share, LQ, "
                     "status), DIR/<plan>-rejects.csv, DIR/<plan>-specialisation.csv (Krugman "
                     "index per district), DIR/<plan>-concentration.csv (Hoover index per "
                     "industry), DIR/<plan>-summary.json and "
                     "the map DIR/<plan>-reality.html (a 'Reality' group: LQ per "
                     "industry, the plan's hosts outlined).")
def _reality(args) -> int:
    from geo.cli.reality import run

    def reality_map(atlas, result) -> dict:
        path = _output(args, atlas.plan.id, "reality-map")
        return {path: atlas.to_html(reality=result)}

    return run(args, extra=reality_map)


@command("draft", arg("document", metavar="DOC", help="the plan's document"),
         arg("--region", metavar="NAME|CODE",
             help="the plan's region (default: the unit the document names most)"),
         arg("-o", "--output", metavar="PLAN.yaml", help="write the plan here (default: print it)"),
         arg("--review", metavar="REVIEW.html", help="also write the review page"),
         arg("--date", default="", metavar="YYYY[-MM-DD]",
             help="the document's date when its text states none"),
         help="draft a plan file from a plan document (.txt .md .html .docx .pdf)",
         description="Read a plan document (Chinese or English) and write a plan file that "
                     "validates, every fact citing its sentence; with --review, also a page to "
                     "keep or drop each fact. Prints the region, given or inferred.")
def _draft(args) -> int:
    from geo.cli.draft import run

    return run(args)
