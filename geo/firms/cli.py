"""The ``industry-atlas reality`` subcommand: plan vs firms, printed and written."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(commands) -> argparse.ArgumentParser:
    """Add ``reality`` to the command line's subparsers."""
    parser = commands.add_parser(
        "reality", help="join a firm table to a plan's districts: counts, location "
                        "quotients and where plan and firms disagree",
        description="Join firms (CSV, Parquet/GeoParquet or GeoPackage; coordinates, "
                    "addresses or adcodes) to the plan's districts. Prints the summary "
                    "(input = matched + rejected) and writes DIR/<plan>-reality.<fmt> "
                    "(district x industry: count, share, LQ, status), "
                    "DIR/<plan>-rejects.csv and DIR/<plan>-summary.json.")
    parser.add_argument("plan", metavar="PLAN", help="plan id or plan file")
    parser.add_argument("firms", metavar="FIRMS", help="firm table: .csv, .tsv, .parquet "
                                                       "(file or folder) or .gpkg")
    parser.add_argument("-o", "--out", default="out", metavar="DIR",
                        help="output folder (default: out)")
    parser.add_argument("--datum", choices=["wgs84", "gcj02", "bd09"], default="wgs84",
                        help="datum of the coordinates (default: wgs84)")
    parser.add_argument("--column", action="append", metavar="FIELD=COLUMN", default=[],
                        help="map a field (name, industry, lon, lat, address, adcode, weight) "
                             "to a column; repeatable")
    parser.add_argument("--encoding", default="utf-8", help="CSV encoding (default: utf-8; "
                                                            "gbk for many Chinese files)")
    parser.add_argument("--min-firms", type=int, default=5, metavar="N",
                        help="fewest firms for 'present, not planned' (default: 5)")
    parser.add_argument("--national", metavar="CSV",
                        help="national counts (industry,count) for lq_national")
    parser.add_argument("--format", choices=["csv", "parquet"], default="csv",
                        help="format of the table (default: csv)")
    parser.add_argument("--engine", choices=["pandas", "dask"], default="pandas",
                        help="dask streams (Geo)Parquet through a Dask cluster")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="dask: address of a running scheduler (default: a local cluster)")
    parser.add_argument("--workers", type=int, default=2,
                        help="dask: worker processes of the local cluster (default: 2)")
    return parser


def run(args) -> int:
    """Run ``reality``: check and compute everything, then write the files."""
    import geo
    from geo.firms import reality

    atlas = geo.load(args.plan)
    result = reality(atlas, args.firms, columns=args.column, datum=args.datum,
                     engine=args.engine, scheduler=args.scheduler, national=args.national,
                     min_firms=args.min_firms, encoding=args.encoding, workers=args.workers)
    written = result.write(Path(args.out), atlas.plan.id, args.format)
    print("\n".join(result.lines()))
    for path in written:
        print(path, file=sys.stdout)
    return 0
