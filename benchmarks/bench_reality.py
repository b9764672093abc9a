"""Plan-vs-reality benchmark on SYNTHETIC firms (see reality_synth.py), in one run.

Each case is a fresh process, run with ``nice``; the driver samples the resident
memory of the process *and all its children* (Dask workers, nannies) every
0.1 s, and ends a case that passes ``--mem-cap`` GiB or ``--time-cap`` seconds
(the machine is shared: a plain join of 50 million points must not take it down).

- ``dask``: ``industry-atlas reality zhejiang-2022 FIRMS --datum gcj02 --engine dask``
  (local cluster of 2 single-threaded workers), whole process, files written;
- ``plain``: ``pandas.read_parquet`` of the same folder, rows without coordinates
  dropped, ``geopandas.points_from_xy``,
  one ``geopandas.sjoin(predicate="within")`` against the same unsimplified GCJ-02
  city polygons, counts per city and industry: the points loaded at once;
- ``address``: the pandas engine on a CSV of synthetic addresses (rows per second).

Usage::

    python benchmarks/reality_synth.py points 10000000 /tmp/industry-atlas-bench/firms-10m
    python benchmarks/reality_synth.py addresses 200000 /tmp/industry-atlas-bench/addr.csv
    python benchmarks/bench_reality.py --firms /tmp/industry-atlas-bench/firms-10m \\
        --addresses /tmp/industry-atlas-bench/addr.csv

Prints the figures and writes ``--json`` (default /tmp/industry-atlas-bench/bench-reality.json).
A script, not a test.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

PYTHON = sys.executable
CLI = str(Path(PYTHON).with_name("industry-atlas"))
GIB = 1024 ** 3

PLAIN = """
import sys, time
import geopandas as gpd, pandas as pd
from geo.places import boundaries
t0 = time.perf_counter()
frame = pd.read_parquet(sys.argv[1])
frame = frame.dropna(subset=["lon", "lat"])  # a point with a NaN coordinate poisons the
# STRtree: with them, sjoin silently missed 0.13 % of the valid points (shapely 2.2, GEOS 3.14)
points = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]),
                          crs="EPSG:4326")
units = boundaries.children(boundaries.unit("330000"))
cities = boundaries.load_units(units, datum="gcj02")[["adcode", "geometry"]]
joined = gpd.sjoin(points, cities, how="left", predicate="within")
counts = joined.groupby(["adcode", "industry"]).size()
print(len(frame), int(counts.sum()), round(time.perf_counter() - t0, 2))
"""

ADDRESS = """
import sys, time
import geo
atlas = geo.load("zhejiang-2022")
t0 = time.perf_counter()
result = atlas.reality(sys.argv[1])
elapsed = time.perf_counter() - t0
print(result.summary["input"], result.summary["matched"], round(elapsed, 2))
"""


def measure(command: list[str], mem_cap: float, time_cap: float) -> dict:
    """Run ``command`` (niced); wall time, peak RSS of its process tree, outcome."""
    start = time.perf_counter()
    proc = subprocess.Popen(["nice", "-n", "10", *command], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    root = psutil.Process(proc.pid)
    peak, outcome = 0, "ok"
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            rss = sum(p.memory_info().rss for p in tree if p.is_running())
        except psutil.Error:
            rss = 0
        peak = max(peak, rss)
        elapsed = time.perf_counter() - start
        if rss > mem_cap * GIB or elapsed > time_cap:
            outcome = (f"stopped at {rss / GIB:.1f} GiB" if rss > mem_cap * GIB
                       else f"stopped after {elapsed:.0f} s")
            for p in reversed(tree):
                try:
                    p.kill()
                except psutil.Error:
                    pass
            break
        time.sleep(0.1)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    if outcome == "ok" and proc.returncode != 0:
        outcome = f"exit {proc.returncode}: {err.strip().splitlines()[-1] if err.strip() else ''}"
    return {"command": " ".join(command), "seconds": round(wall, 2),
            "peak_gib": round(peak / GIB, 3), "outcome": outcome, "stdout": out.strip()}


def main() -> None:
    parser = argparse.ArgumentParser(description="plan-vs-reality benchmark (synthetic data)")
    parser.add_argument("--firms", type=Path, help="folder of synthetic Parquet firms")
    parser.add_argument("--addresses", type=Path, help="CSV of synthetic addresses")
    parser.add_argument("--cases", default="dask,plain", help="of dask, plain, pandas")
    parser.add_argument("--mem-cap", type=float, default=14.0, help="GiB (default 14)")
    parser.add_argument("--time-cap", type=float, default=1800.0, help="s (default 1800)")
    parser.add_argument("--json", type=Path,
                        default=Path("/tmp/industry-atlas-bench/bench-reality.json"))
    args = parser.parse_args()
    results = json.loads(args.json.read_text()) if args.json.is_file() else {}
    out = Path(tempfile.mkdtemp(prefix="bench-reality-"))
    if args.firms:
        key = args.firms.name
        commands = {
            "dask": [CLI, "reality", "zhejiang-2022", str(args.firms), "--datum", "gcj02",
                     "--engine", "dask", "-o", str(out / "dask")],
            "pandas": [CLI, "reality", "zhejiang-2022", str(args.firms), "--datum", "gcj02",
                       "-o", str(out / "pandas")],
            "plain": [PYTHON, "-c", PLAIN, str(args.firms)],
        }
        for case in args.cases.split(","):
            figures = measure(commands[case], args.mem_cap, args.time_cap)
            results[f"{key}/{case}"] = figures
            print(f"{key:>12} {case:>7}: {figures['seconds']:8.1f} s  "
                  f"peak {figures['peak_gib']:6.2f} GiB  {figures['outcome']}", flush=True)
        dask, plain = results.get(f"{key}/dask"), results.get(f"{key}/plain")
        if dask and plain and plain["outcome"] == "ok":
            print(f"{key}: dask/plain time ratio {dask['seconds'] / plain['seconds']:.3f}")
    if args.addresses:
        figures = measure([PYTHON, "-c", ADDRESS, str(args.addresses)], args.mem_cap,
                          args.time_cap)
        rows, _, inner = (figures["stdout"].split() + ["0", "0", "0"])[:3]
        figures["rows_per_second"] = round(int(rows) / float(inner)) if float(inner) else None
        results[f"{args.addresses.name}/address"] = figures
        print(f"addresses {args.addresses.name}: {rows} rows in {inner} s (in process) = "
              f"{figures['rows_per_second']:,} rows/s; whole process {figures['seconds']} s, "
              f"peak {figures['peak_gib']} GiB")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1))
    print(args.json)


if __name__ == "__main__":
    main()
