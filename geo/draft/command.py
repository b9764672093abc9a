"""The ``industry-atlas draft`` subcommand: its arguments and what it runs."""

from __future__ import annotations

import sys
from pathlib import Path


def add_parser(commands) -> None:
    """Register ``draft`` on the CLI's subcommands."""
    draft = commands.add_parser(
        "draft", help="draft a plan file from a plan document (.txt .md .html .docx .pdf)",
        description="Read a plan document (Chinese or English) and write a plan file that "
                    "validates, every fact citing its sentence; with --review, also a page "
                    "to keep or drop each fact. Prints the region, given or inferred.")
    draft.add_argument("document", metavar="DOC", help="the plan's document")
    draft.add_argument("--region", metavar="NAME|CODE",
                       help="the plan's region (default: the unit the document names most)")
    draft.add_argument("-o", "--output", metavar="PLAN.yaml",
                       help="write the plan here (default: print it)")
    draft.add_argument("--review", metavar="REVIEW.html", help="also write the review page")
    draft.add_argument("--date", default="", metavar="YYYY[-MM-DD]",
                       help="the document's date when its text states none")


def run(args) -> int:
    """Draft, then write the plan (and review page) only when everything succeeded."""
    from ..output import write_text
    from . import draft

    result = draft(Path(args.document), region=args.region, date=args.date)
    lang = "Chinese" if result.document.lang == "zh" else "English"
    print(f"industry-atlas: {Path(args.document).name} ({lang}): {result.region_note}",
          file=sys.stderr)
    page = None
    if args.review:
        from .review import review_page

        page = review_page(result)
    if args.output:
        print(write_text(args.output, result.yaml))
    else:
        sys.stdout.write(result.yaml)
    if page is not None:
        print(write_text(args.review, page))
    return 0
