"""The ``industry-atlas reality`` subcommand (its options are in :mod:`geo.cli`)."""

from __future__ import annotations


def run(args) -> int:
    """Run ``reality``: check and compute everything, then write the files, then print."""
    from ..catalog import load
    from . import reality

    atlas = load(args.plan)
    result = reality(atlas, args.firms, columns=args.column, datum=args.datum,
                     engine=args.engine, scheduler=args.scheduler, national=args.national,
                     min_firms=args.min_firms, encoding=args.encoding, workers=args.workers)
    written = result.write(args.out, atlas.plan.id, args.format)
    print("\n".join(result.lines()))
    for path in written:
        print(path)
    return 0
