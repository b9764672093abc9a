"""The ``industry-atlas reality`` subcommand (its options are in :mod:`geo.cli`)."""

from __future__ import annotations

import sys


def run(args, extra=None) -> int:
    """Run ``reality``: check and compute everything, then write the files, then print.

    Parameters
    ----------
    args : argparse.Namespace
    extra : callable, optional
        ``extra(atlas, result)`` -> ``{path: text}``: more outputs (the map page, made
        by the output side), computed before anything is written.
    """
    from ..atlas.catalog import load
    from ..firms import reality
    from ..output import write_text

    atlas = load(args.plan)
    result = reality(atlas, args.firms, columns=args.column, datum=args.datum,
                     engine=args.engine, scheduler=args.scheduler, national=args.national,
                     min_firms=args.min_firms, encoding=args.encoding, workers=args.workers,
                     zones=args.zones, trail=bool(args.matched))
    more = extra(atlas, result) if extra is not None else {}
    written = result.write(args.out, atlas.plan.id, args.format)
    if args.matched:
        written.append(result.write_trail(args.matched))
    written += [write_text(path, text) for path, text in more.items()]
    print("\n".join(result.lines()))
    for warning in result.summary.warnings:
        print(f"industry-atlas reality: warning: {warning}", file=sys.stderr)
    for path in written:
        print(path)
    return 0
