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
- where a Wenzhou build's time goes (:func:`bench_stages`): ``import geo``, ``geo.load``
  (warm cache: prepared units, no pandas), the indicator chart (plain SVG), the page, the
  write, in one fresh process; which heavy packages it imported (none expected: pandas,
  geopandas, pyproj, pyarrow, folium, matplotlib, pypinyin); then, for comparison, the
  matplotlib chart and the Atlas's frames (``districts``, ``table``) with their imports.
- the Wenzhou ratio run by run (each of our runs over the peer's run beside it), wall and
  CPU, so a loaded machine's spread shows (:func:`pair_ratios`).

The whole-process builds are :mod:`bench_build`'s; the targets are :mod:`targets`'
(issue 16: Wenzhou build <= 0.40 x the peer's wall time, national county map cold <=
0.20 x, ``import geo`` <= 50 ms; and issue 9's), each against the same ``explore()``
peer of the same run.

Prints figures, ratios and each target (met / not met); writes ``out/bench.json``. A
script, not a test: ``make test`` does not run it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_build import (
    PYTHON,
    bench_national,
    bench_wenzhou,
    build_targets,
    national_lines,
    run,
    wenzhou_lines,
)
from targets import verdict_lines, verdicts


def median(values) -> float:
    """The median of the values."""
    return statistics.median(values)


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


#: ``import geo`` timed in a fresh process: wall time, and its CPU time (what the wall
#: time would be on an idle machine, near enough: the import reads little from disk).
IMPORT_SNIPPET = """
import json, time
t, c = time.perf_counter(), time.process_time()
import geo
print(json.dumps({"wall_s": time.perf_counter() - t, "cpu_s": time.process_time() - c}))
"""


def bench_load(runs: int, folder: Path) -> dict:
    """``geo.load`` cold (empty cache) and warm, ``districts_hosting``, ``import geo``."""
    cold, warm = [], []
    for i in range(runs):
        env = {"INDUSTRY_ATLAS_CACHE": str(folder / f"load-cache-{i}")}
        cold.append(json.loads(run([PYTHON, "-c", LOAD_SNIPPET], env)["stdout"]))
        warm.append(json.loads(run([PYTHON, "-c", LOAD_SNIPPET], env)["stdout"]))
    imports = [json.loads(run([PYTHON, "-c", IMPORT_SNIPPET])["stdout"]) for _ in range(runs)]
    return {"cold_load_s": median(r["load_s"] for r in cold),
            "warm_load_s": median(r["load_s"] for r in warm),
            "same_process_load_s": median(r["load_again_s"] for r in warm),
            "districts_hosting_ms": median(r["hosting_ms"] for r in warm),
            "districts_hosting_p95_ms": median(r["hosting_p95_ms"] for r in warm),
            "import_geo_s": median(r["wall_s"] for r in imports),
            "import_geo_min_s": min(r["wall_s"] for r in imports),
            "import_geo_cpu_s": median(r["cpu_s"] for r in imports),
            "import_geo_runs_s": [r["wall_s"] for r in imports]}


STAGES_SNIPPET = """
import json, sys, time
marks = [("start", time.perf_counter())]
def mark(name):
    marks.append((name, time.perf_counter()))
import geo
mark("import geo")
atlas = geo.load("wenzhou-2024")
mark("geo.load (validate, join, prepared units)")
charts = atlas.charts()
from geo.render.chart import chart_svgs
chart_svgs(charts)
mark("indicator chart data and plain SVG")
html = atlas.to_html()
mark("page (Leaflet inlined, packed)")
from geo.output import write_text
write_text(sys.argv[1], html)
mark("write")
heavy = ("pandas", "geopandas", "pyproj", "pyarrow", "folium", "matplotlib", "pypinyin")
imported = sorted({m.split(".")[0] for m in sys.modules} & set(heavy))
atlas.districts, atlas.table
mark("not in a build: Atlas.districts and .table (pandas, geopandas)")
from geo.figures import indicator_charts
from geo.atlas.catalog import companions
indicator_charts(atlas.plan, companions(atlas.plan))
mark("not in a build: indicator chart, matplotlib (imports included)")
stages = {b[0]: b[1] - a[1] for a, b in zip(marks, marks[1:])}
print(json.dumps({"stages_s": stages, "build_imported": imported}))
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
            "build_imported": sorted({m for r in results for m in r["build_imported"]})}


def pair_ratios(wenzhou: dict) -> dict:
    """Each of our Wenzhou runs over the peer's run beside it (interleaved): wall and CPU
    ratios, their medians and ranges."""
    ours, peer = wenzhou["ours"], wenzhou["peer"]
    out = {}
    for kind in ("runs_s", "runs_cpu_s"):
        ratios = [a / b for a, b in zip(ours[kind], peer[kind], strict=True)]
        out[kind.replace("runs", "ratio")] = {"median": median(ratios), "min": min(ratios),
                                              "max": max(ratios), "runs": ratios}
    return out


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


def suite_targets(result: dict) -> dict:
    """Each target's value, target and whether it is met."""
    load = result["load"]
    return verdicts({**build_targets(result["wenzhou"], result["national"]),
                     "districts_hosting_ms": load["districts_hosting_ms"],
                     "import_geo_s": load["import_geo_s"]})


def report(result: dict) -> str:
    """The printed report."""
    load, n = result["load"], result["national"]
    lines = [
        *wenzhou_lines(result["wenzhou"]),
        f"geo.load('wenzhou-2024'): cold {load['cold_load_s'] * 1000:.0f} ms (fresh process, "
        f"empty cache), warm {load['warm_load_s'] * 1000:.0f} ms (fresh process, cached), "
        f"{load['same_process_load_s'] * 1000:.0f} ms (again in the same process)",
        f"districts_hosting('IC'): median {load['districts_hosting_ms']:.3f} ms, "
        f"p95 {load['districts_hosting_p95_ms']:.3f} ms",
        f"import geo: {load['import_geo_s'] * 1000:.0f} ms wall (median of fresh processes; "
        f"min {load['import_geo_min_s'] * 1000:.0f} ms), CPU {load['import_geo_cpu_s'] * 1000:.0f}"
        " ms (median)",
    ]
    stages = result["stages"]
    lines.append("Wenzhou build by stage (one fresh process, cache filled; median of 3):")
    lines += [f"  {name:<66} {seconds * 1000:7.0f} ms"
              for name, seconds in stages["stages_s"].items()]
    lines.append("  heavy packages the build imported: "
                 + (", ".join(stages["build_imported"]) or "none"))
    pairs = result["pairs"]
    lines.append("Wenzhou ours/peer run by run: wall {median:.3f} (range {min:.3f}-{max:.3f})"
                 .format(**pairs["ratio_s"])
                 + ", CPU {median:.3f} (range {min:.3f}-{max:.3f})".format(**pairs["ratio_cpu_s"]))
    lines.append("load average (1, 5, 15 min) at start {:.2f} {:.2f} {:.2f}, ".format(
        *result["load_average"]) + "at end {:.2f} {:.2f} {:.2f}".format(*result["load_end"]))
    if n is not None:
        lines += national_lines(n)
        lines.append(f"  first drawn frame in Chromium: ours {result['first_frame_ms']:,.0f} ms "
                     "(the peer's page needs Leaflet from a CDN: it cannot draw offline)")
    lines += verdict_lines(result["targets"])
    return "\n".join(lines)


def main(argv=None) -> int:
    """Run the suite, print the report, write the JSON; exit 1 if a target fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each timing (>= 3)")
    parser.add_argument("--json", type=Path, default=Path("out") / "bench.json")
    parser.add_argument("--national-runs", type=int, default=1,
                        help="runs of each county map build")
    parser.add_argument("--no-national", action="store_true",
                        help="skip the national map (the peer takes ~35 s and 1.6 GiB)")
    args = parser.parse_args(argv)
    if args.runs < 3 or args.national_runs < 1:
        parser.error("--runs must be at least 3 and --national-runs at least 1")
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        folder = Path(tmp)
        result = {"runs": args.runs, "python": sys.version.split()[0],
                  "cpus": os.cpu_count(), "load_average": os.getloadavg(),
                  "wenzhou": bench_wenzhou(args.runs, folder, folder / "cache"),
                  "load": bench_load(args.runs, folder),
                  "stages": bench_stages(folder, folder / "cache")}
        result["national"] = (None if args.no_national
                              else bench_national(args.national_runs, folder))
        if result["national"] is not None:
            result["first_frame_ms"] = first_frame_ms(folder / "china-counties.html", COUNTIES)
    result["pairs"] = pair_ratios(result["wenzhou"])
    result["load_end"] = os.getloadavg()
    result["targets"] = suite_targets(result)
    print(report(result))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    print(f"wrote {args.json}")
    return 0 if all(t["met"] for t in result["targets"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
