"""Benchmark suite: industry-atlas against the plain geopandas/folium peer, in one run.

Run with ``make bench`` (``.venv/bin/python benchmarks/bench_suite.py``). Every build is
a fresh process (``os.wait4`` gives its own peak RSS):

- Wenzhou 2024: ``industry-atlas build wenzhou-2024`` vs ``peer_explore.py 330300``
  (``geopandas.read_file`` of the 12 district files, ``explore()``, ``save()``); median
  wall time of ``--runs`` interleaved runs, peak RSS, HTML bytes;
- ``geo.load("wenzhou-2024")``: cold (fresh process, empty cache folder) and warm (fresh
  process, cache filled; and a second load in the same process);
- ``Atlas.districts_hosting`` latency (median of 1,000 calls) and ``import geo`` time
  (median of fresh processes);
- national county map: ``industry-atlas national china-counties`` cold and warm vs
  ``peer_explore.py county`` (about 35 s and 1.6 GiB);
- where a Wenzhou build's time goes (:func:`bench_stages`): imports, ``geo.load``, the
  indicator chart (matplotlib, and the plain-SVG ``geo.render.chart`` that replaces it),
  the page, the write, in one fresh process; and whether pypinyin was imported.

Issue 9's targets: Wenzhou HTML bytes <= 0.6 x the peer's and the whole-process build
time <= 0.5 x the peer's, both against the same ``explore()`` peer of the same run.

Prints figures, ratios and PASS/FAIL per target; writes ``out/bench.json``. A script,
not a test: ``make test`` does not run it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
CLI = str(Path(PYTHON).with_name("industry-atlas"))
PEER = str(HERE / "peer_explore.py")

#: name: (what, limit, compare) -- compare "<=" a ratio or an absolute figure.
TARGETS = {
    "wenzhou_html_ratio": ("Wenzhou HTML bytes ours/peer", 0.6),
    "wenzhou_time_ratio": ("Wenzhou build time ours/peer (median, whole process)", 0.5),
    "districts_hosting_ms": ("districts_hosting latency, ms", 1.0),
    "import_geo_s": ("import geo, s", 0.5),
    "national_html_ratio": ("national county map HTML bytes ours/peer", 0.05),
    "national_time_ratio": ("national county map time ours (cold cache)/peer", 0.5),
    "national_memory_ratio": ("national county map peak RSS ours (cold cache)/peer", 0.5),
}


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


def median(values) -> float:
    """The median of the values."""
    return statistics.median(values)


def bench_wenzhou(runs: int, folder: Path, cache: Path) -> dict:
    """Whole-process build of the Wenzhou map, ours and the peer's, interleaved."""
    ours_html, peer_html = folder / "wenzhou-2024.html", folder / "peer-wenzhou.html"
    env = {"INDUSTRY_ATLAS_CACHE": str(cache)}
    run([CLI, "build", "wenzhou-2024", "-o", str(folder)], env)  # fills the cache
    ours, peer = [], []
    for _ in range(runs):
        ours.append(run([CLI, "build", "wenzhou-2024", "-o", str(folder)], env))
        peer.append(run([PYTHON, PEER, "330300", str(peer_html)]))
    return {side: {"median_s": median(r["s"] for r in results),
                   "runs_s": [round(r["s"], 3) for r in results],
                   "median_cpu_s": median(r["cpu_s"] for r in results),
                   "peak_rss_mib": max(r["peak_rss_mib"] for r in results),
                   "html_bytes": path.stat().st_size}
            for side, results, path in (("ours", ours, ours_html), ("peer", peer, peer_html))}


LOAD_SNIPPET = """
import json, time
t = time.perf_counter()
import geo
t_import = time.perf_counter()
atlas = geo.load("wenzhou-2024")
t_load = time.perf_counter()
geo.load("wenzhou-2024")
t_again = time.perf_counter()
import timeit
for name in ("IC", "smart-home"):
    atlas.districts_hosting(name)
calls = [timeit.timeit(lambda: atlas.districts_hosting("IC"), number=1) for _ in range(1000)]
calls.sort()
print(json.dumps({"import_s": t_import - t, "load_s": t_load - t_import,
                  "load_again_s": t_again - t_load, "hosting_ms": calls[500] * 1000,
                  "hosting_p95_ms": calls[950] * 1000}))
"""


def bench_load(runs: int, folder: Path) -> dict:
    """``geo.load`` cold (empty cache) and warm, ``districts_hosting``, ``import geo``."""
    cold, warm = [], []
    for i in range(runs):
        env = {"INDUSTRY_ATLAS_CACHE": str(folder / f"load-cache-{i}")}
        cold.append(json.loads(run([PYTHON, "-c", LOAD_SNIPPET], env)["stdout"]))
        warm.append(json.loads(run([PYTHON, "-c", LOAD_SNIPPET], env)["stdout"]))
    imports = [json.loads(run([PYTHON, "-c", "import json,time; t=time.perf_counter(); "
                                             "import geo; print(json.dumps("
                                             "time.perf_counter()-t))"])["stdout"])
               for _ in range(runs)]
    return {"cold_load_s": median(r["load_s"] for r in cold),
            "warm_load_s": median(r["load_s"] for r in warm),
            "same_process_load_s": median(r["load_again_s"] for r in warm),
            "districts_hosting_ms": median(r["hosting_ms"] for r in warm),
            "districts_hosting_p95_ms": median(r["hosting_p95_ms"] for r in warm),
            "import_geo_s": median(imports), "import_geo_runs_s": imports}


STAGES_SNIPPET = """
import json, sys, time
marks = [("start", time.perf_counter())]
def mark(name):
    marks.append((name, time.perf_counter()))
import geo
mark("import geo")
import folium, geopandas, pandas  # noqa: F401  (what a build imports anyway)
mark("import pandas, geopandas, folium")
atlas = geo.load("wenzhou-2024")
mark("geo.load (validate, join, cached boundaries)")
from geo.render.chart import chart_svgs
chart_svgs(atlas.charts())
mark("indicator chart, plain SVG (geo.render.chart)")
from geo.figures import indicator_charts
from geo.atlas.catalog import companions
indicator_charts(atlas.plan, companions(atlas.plan))
mark("indicator chart, matplotlib (imports included)")
html = atlas.to_html()  # the matplotlib chart is cached in-process by now
mark("page (folium, Leaflet inlined; chart cached)")
from geo.output import write_text
write_text(sys.argv[1], html)
mark("write")
stages = {b[0]: b[1] - a[1] for a, b in zip(marks, marks[1:])}
print(json.dumps({"stages_s": stages, "pypinyin_imported": "pypinyin" in sys.modules}))
"""


def bench_stages(folder: Path, cache: Path) -> dict:
    """Where the time of a Wenzhou build goes, stage by stage, in one fresh process
    (cache filled): the median of three processes per stage."""
    env = {"INDUSTRY_ATLAS_CACHE": str(cache)}
    out = str(folder / "stages.html")
    results = [json.loads(run([PYTHON, "-c", STAGES_SNIPPET, out], env)["stdout"])
               for _ in range(3)]
    names = list(results[0]["stages_s"])
    return {"stages_s": {n: median(r["stages_s"][n] for r in results) for n in names},
            "pypinyin_imported": any(r["pypinyin_imported"] for r in results)}


def bench_national(folder: Path) -> dict:
    """The county map: ours cold (empty cache) and warm, and the peer, once each."""
    cache = folder / "national-cache"
    argv = [CLI, "national", "china-counties", "-q", "-o", str(folder)]
    env = {"INDUSTRY_ATLAS_CACHE": str(cache)}
    cold, warm = run(argv, env), run(argv, env)
    html = folder / "china-counties.html"
    peer_html = folder / "peer-counties.html"
    peer = run([PYTHON, PEER, "county", str(peer_html)])
    inner = json.loads(peer["stdout"])
    # The peer's page loads Leaflet from a CDN, which this offline machine cannot
    # reach, so it never draws here: only our first frame is measured.
    frames = {"ours_first_frame_ms": first_frame_ms(html, COUNTIES)}
    return {**frames, "ours_cold": {"s": cold["s"], "peak_rss_mib": cold["peak_rss_mib"]},
            "ours_warm": {"s": warm["s"], "peak_rss_mib": warm["peak_rss_mib"]},
            "ours_html_bytes": html.stat().st_size,
            "peer": {"s": peer["s"], "load_s": inner["load_s"],
                     "peak_rss_mib": peer["peak_rss_mib"]},
            "peer_html_bytes": peer_html.stat().st_size}


COUNTIES = 2875


def first_frame_ms(html: Path, paths: int) -> float:
    """Milliseconds from opening the page in Chromium to the frame after ``paths``
    district paths exist (Debian chromium, headless, driven by Playwright)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        start = time.perf_counter()
        page.goto(html.resolve().as_uri(), wait_until="commit", timeout=120_000)
        page.wait_for_function(
            f"document.querySelectorAll('path.leaflet-interactive').length >= {paths}",
            timeout=120_000, polling=100)
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        elapsed = (time.perf_counter() - start) * 1000
        browser.close()
    return elapsed


def targets(result: dict) -> dict:
    """Each target's value, limit and PASS/FAIL."""
    w, load, n = result["wenzhou"], result["load"], result["national"]
    values = {
        "wenzhou_html_ratio": w["ours"]["html_bytes"] / w["peer"]["html_bytes"],
        "wenzhou_time_ratio": w["ours"]["median_s"] / w["peer"]["median_s"],
        "districts_hosting_ms": load["districts_hosting_ms"],
        "import_geo_s": load["import_geo_s"],
    }
    if n is not None:
        values.update({
            "national_html_ratio": n["ours_html_bytes"] / n["peer_html_bytes"],
            "national_time_ratio": n["ours_cold"]["s"] / n["peer"]["s"],
            "national_memory_ratio": n["ours_cold"]["peak_rss_mib"] / n["peer"]["peak_rss_mib"],
        })
    return {k: {"what": TARGETS[k][0], "value": v, "limit": TARGETS[k][1],
                "pass": v <= TARGETS[k][1]} for k, v in values.items()}


def report(result: dict) -> str:
    """The printed report."""
    w, load, n = result["wenzhou"], result["load"], result["national"]
    lines = [
        f"Wenzhou 2024, whole process, {result['runs']} runs each (median wall s, max peak RSS):",
        f"  ours (industry-atlas build)   {w['ours']['median_s']:7.2f} s "
        f"{w['ours']['peak_rss_mib']:7.0f} MiB {w['ours']['html_bytes']:>12,} B",
        f"  peer (read_file+explore+save) {w['peer']['median_s']:7.2f} s "
        f"{w['peer']['peak_rss_mib']:7.0f} MiB {w['peer']['html_bytes']:>12,} B",
        f"  ratio                         {w['ours']['median_s'] / w['peer']['median_s']:7.2f}   "
        f"{w['ours']['peak_rss_mib'] / w['peer']['peak_rss_mib']:7.2f}     "
        f"{w['ours']['html_bytes'] / w['peer']['html_bytes']:>12.3f}",
        f"  CPU s (user + system), median: ours {w['ours']['median_cpu_s']:.2f}, peer "
        f"{w['peer']['median_cpu_s']:.2f}, ratio "
        f"{w['ours']['median_cpu_s'] / w['peer']['median_cpu_s']:.2f}",
        f"geo.load('wenzhou-2024'): cold {load['cold_load_s'] * 1000:.0f} ms (fresh process, "
        f"empty cache), warm {load['warm_load_s'] * 1000:.0f} ms (fresh process, cached), "
        f"{load['same_process_load_s'] * 1000:.0f} ms (again in the same process)",
        f"districts_hosting('IC'): median {load['districts_hosting_ms']:.3f} ms, "
        f"p95 {load['districts_hosting_p95_ms']:.3f} ms",
        f"import geo: {load['import_geo_s'] * 1000:.0f} ms (median of fresh processes)",
    ]
    stages = result["stages"]
    lines.append("Wenzhou build by stage (one fresh process, cache filled; median of 3):")
    lines += [f"  {name:<52} {seconds * 1000:7.0f} ms"
              for name, seconds in stages["stages_s"].items()]
    lines.append(f"  pypinyin imported: {stages['pypinyin_imported']}")
    if n is not None:
        lines += national_lines(n)
    for t in result["targets"].values():
        lines.append(f"{'PASS' if t['pass'] else 'FAIL'}  {t['what']}: {t['value']:.3f} "
                     f"(limit {t['limit']})")
    return "\n".join(lines)


def national_lines(n: dict) -> list[str]:
    """Report lines of the national county map."""
    return [
        "national county map (2,875 units), whole process:",
        f"  ours cold cache  {n['ours_cold']['s']:7.2f} s "
        f"{n['ours_cold']['peak_rss_mib']:7.0f} MiB {n['ours_html_bytes']:>13,} B",
        f"  ours warm cache  {n['ours_warm']['s']:7.2f} s "
        f"{n['ours_warm']['peak_rss_mib']:7.0f} MiB",
        f"  peer             {n['peer']['s']:7.2f} s {n['peer']['peak_rss_mib']:7.0f} MiB"
        f" {n['peer_html_bytes']:>13,} B  (load {n['peer']['load_s']:.1f} s)",
        f"  ratio cold/peer  {n['ours_cold']['s'] / n['peer']['s']:7.2f}   "
        f"{n['ours_cold']['peak_rss_mib'] / n['peer']['peak_rss_mib']:7.2f}     "
        f"{n['ours_html_bytes'] / n['peer_html_bytes']:>13.3f}",
        f"  ratio warm/peer  {n['ours_warm']['s'] / n['peer']['s']:7.2f}   "
        f"{n['ours_warm']['peak_rss_mib'] / n['peer']['peak_rss_mib']:7.2f}",
        f"  first drawn frame in Chromium: ours {n['ours_first_frame_ms']:,.0f} ms "
        "(the peer's page needs Leaflet from a CDN: it cannot draw offline)",
    ]


def main(argv=None) -> int:
    """Run the suite, print the report, write the JSON; exit 1 if a target fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each timing (>= 5)")
    parser.add_argument("--json", type=Path, default=Path("out") / "bench.json")
    parser.add_argument("--no-national", action="store_true",
                        help="skip the national map (the peer takes ~35 s and 1.6 GiB)")
    args = parser.parse_args(argv)
    if args.runs < 5:
        parser.error("--runs must be at least 5")
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        folder = Path(tmp)
        result = {"runs": args.runs, "python": sys.version.split()[0],
                  "cpus": os.cpu_count(),
                  "wenzhou": bench_wenzhou(args.runs, folder, folder / "cache"),
                  "load": bench_load(args.runs, folder),
                  "stages": bench_stages(folder, folder / "cache")}
        result["national"] = None if args.no_national else bench_national(folder)
    result["targets"] = targets(result)
    print(report(result))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    print(f"wrote {args.json}")
    return 0 if all(t["pass"] for t in result["targets"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
