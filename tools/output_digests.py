"""Digest of every output the shipped plans produce: a check that a refactor changed nothing.

Runs the command line in one process for every shipped plan and variant (maps
in each language and basemap, fragments, reports, figures in every format,
exports in every format, query answers, diffs, the index and the national
city map), then prints one ``sha256  path`` line per file written. Compare two
runs with ``diff``::

    .venv/bin/python tools/output_digests.py /tmp/before > /tmp/before.sha
    # ... change the code ...
    .venv/bin/python tools/output_digests.py /tmp/after > /tmp/after.sha
    diff <(cut -c1-64,66- /tmp/before.sha | sed 's#/tmp/before/##') \
         <(cut -c1-64,66- /tmp/after.sha | sed 's#/tmp/after/##')
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import sys
from pathlib import Path

import geo
from geo.cli import main


def _run(argv: list[str], out: Path, stdout_name: str | None = None) -> None:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        status = main(argv)
    if status != 0:
        raise SystemExit(f"{' '.join(argv)} exited {status}")
    if stdout_name:
        (out / stdout_name).write_text(buffer.getvalue(), encoding="utf-8")


def build_all(out: Path) -> None:
    """Write every output of every shipped plan below ``out``."""
    o = ["-o", str(out)]
    _run(["build", "--all", *o], out)
    for lang in ("zh", "en"):
        _run(["build", "--all", "--lang", lang, "-o", str(out / lang)], out)
    _run(["build", "wenzhou-2024", "--basemap", "amap", "-o", str(out / "amap")], out)
    _run(["report", "--all", *o], out)
    _run(["report", "wenzhou-2024", "--lang", "en", "-o", str(out / "en")], out)
    _run(["index", *o], out)
    for plan in geo.plans():
        _run(["embed", plan, "--key", "k", *o], out)
        for fmt in ("png", "svg", "pdf"):
            _run(["figure", plan, "--format", fmt, *o], out)
        for fmt in ("geojson", "gpkg", "parquet", "csv"):
            _run(["export", plan, "--format", fmt, *o], out)
        atlas = geo.load(plan)
        industry = atlas.plan.industries[0].id
        _run(["query", plan, "--industry", industry, "--json"], out,
             f"{plan}-query-industry.json")
        _run(["query", plan, "--industry", industry], out, f"{plan}-query-industry.txt")
        district = atlas.districts["adcode"].iloc[0]
        _run(["query", plan, "--district", district, "--json"], out,
             f"{plan}-query-district.json")
    _run(["figure", "wenzhou-2024", "--industry", "ic", "--lang", "en", *o], out)
    _run(["diff", "wenzhou-2022", "wenzhou-2024", *o], out, "diff.txt")
    _run(["diff", "wenzhou-2022", "wenzhou-2024", "--lang", "en", "--format", "svg",
          "--json", "-o", str(out / "en")], out, "diff.json")
    _run(["national", "china-cities", "-q", *o], out)
    geo.indicators(geo.plans()).to_csv(out / "indicators.csv", index=False)


def digests(out: Path) -> list[str]:
    """``sha256  path`` of every file below ``out``, sorted by path."""
    return [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p}"
            for p in sorted(out.rglob("*")) if p.is_file()]


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "out/digests")
    target.mkdir(parents=True, exist_ok=True)
    build_all(target)  # an error stops here, before any digest is printed
    print("\n".join(digests(target)))
