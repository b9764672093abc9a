"""What ``industry-atlas draft`` runs (its options stand beside it in :mod:`geo.cli`)."""

from __future__ import annotations

import sys
from pathlib import Path


def run(args) -> int:
    """Draft, then write the plan (and review page) only when everything succeeded."""
    from ..drafting import draft
    from ..output import write_text

    # a plan file is named after its id: with -o, the id is the file's name
    plan_id = Path(args.output).stem if args.output else ""
    result = draft(Path(args.document), region=args.region, date=args.date, plan_id=plan_id)
    lang = "Chinese" if result.document.lang == "zh" else "English"
    print(f"industry-atlas: {Path(args.document).name} ({lang}): {result.region_note}",
          file=sys.stderr)
    page = None
    if args.review:
        from ..drafting.review import review_page

        page = review_page(result)
    if args.output:
        print(write_text(args.output, result.yaml))
    else:
        sys.stdout.write(result.yaml)
    if page is not None:
        print(write_text(args.review, page))
    return 0
