"""The outcome of a plan-vs-reality run: the table, the rejects, the summary, and writing them."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import AtlasError
from ..output import output_path, write_bytes

FORMATS = ("csv", "parquet")


@dataclass(repr=False)
class RealityResult:
    """Firms joined to a plan's districts.

    Attributes
    ----------
    table : pandas.DataFrame
        District x industry: counts, shares, location quotients and status
        (see :func:`geo.firms.table.build_table`).
    rejects : pandas.DataFrame
        Every rejected input row: ``row`` (0-based), ``reason`` and its fields as text.
    summary : dict
        ``input``, ``matched``, ``rejected`` (rows), ``reasons``, ``methods``,
        ``unknown_industries`` (name -> rows counted as "other"), ``reconciled``
        (input = matched + rejected) and the run's options.
    """

    table: pd.DataFrame
    rejects: pd.DataFrame
    summary: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        s = self.summary
        return (f"<RealityResult {s.get('plan')}: {s.get('input', 0):,} firms = "
                f"{s.get('matched', 0):,} matched + {s.get('rejected', 0):,} rejected; "
                f"{len(self.table)} district x industry cells>")

    def lines(self) -> list[str]:
        """The summary as printable lines."""
        s = self.summary
        out = [f"{s['plan']}: {s['input']:,} firms read = {s['matched']:,} matched + "
               f"{s['rejected']:,} rejected"
               + ("" if s["reconciled"] else "  (DOES NOT RECONCILE)")]
        for method, count in s["methods"].items():
            out.append(f"  matched by {method}: {count:,}")
        for reason, count in s["reasons"].items():
            out.append(f"  rejected, {reason}: {count:,}")
        if s["unknown_industries"]:
            names = ", ".join(f"{k or '(empty)'} ({v:,})"
                              for k, v in list(s["unknown_industries"].items())[:10])
            more = len(s["unknown_industries"]) - 10
            out.append(f"  industries not in the plan, counted as other: {names}"
                       + (f" and {more} more" if more > 0 else ""))
        statuses = self.table.groupby("status").size()
        for status, count in statuses.items():
            out.append(f"  {status}: {count} district x industry cells")
        return out

    def write(self, out, stem: str, format: str = "csv") -> list[Path]:
        """Write ``<stem>-reality.<format>``, ``<stem>-rejects.csv`` and
        ``<stem>-summary.json`` into ``out`` (names from
        :func:`geo.output.output_path`), each atomically, all encoded first.

        Returns
        -------
        list of pathlib.Path
        """
        if format not in FORMATS:
            raise AtlasError(f"unknown table format {format!r}; expected csv or parquet")
        summary = json.dumps(self.summary, ensure_ascii=False, indent=1).encode("utf-8")
        files = {output_path(out, stem, "reality", format): _encode(self.table, format),
                 output_path(out, stem, "rejects"): _encode(self.rejects, "csv"),
                 output_path(out, stem, "summary"): summary}
        return [write_bytes(path, data) for path, data in files.items()]


def _encode(frame: pd.DataFrame, format: str) -> bytes:
    buffer = io.BytesIO()
    if format == "csv":
        frame.to_csv(buffer, index=False, encoding="utf-8")
    else:
        frame.to_parquet(buffer, index=False)
    return buffer.getvalue()
