"""In-page answer time: how long the map page takes to answer "which districts host …?".

Builds the map page of a plan (default the national ``china-clusters-2022``, 370
prefecture-level units), opens it in Debian's Chromium and times
``page.answer(industry)`` for every industry of the plan, five rounds. Issue 9's
target: under one frame (16 ms). The national county map has no plan and so no
question to answer; the national plan is the largest page that has one.

    .venv/bin/python benchmarks/bench_answer.py [PLAN]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import geo

_TIMES = """() => { const page = window.industryAtlasPages[0];
  const ids = Object.keys(page.data.answers), times = [];
  for (let round = 0; round < 5; round++) for (const id of ids) {
    const t0 = performance.now(); page.answer(id, false); times.push(performance.now() - t0); }
  times.sort((a, b) => a - b);
  return {answers: times.length, median: times[times.length >> 1], max: times[times.length - 1],
          units: page.data.districts.features.length}; }"""


def main(plan: str = "china-clusters-2022") -> int:
    """Print the median and worst answer time in milliseconds; exit 1 over one frame."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        path = geo.load(plan).to_html(Path(folder) / f"{plan}.html")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--headless", "--no-sandbox"])
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(path.resolve().as_uri())
            page.wait_for_function("() => (window.industryAtlasPages || []).length > 0")
            result = page.evaluate(_TIMES)
            browser.close()
    verdict = "PASS" if result["max"] < 16 else "FAIL"
    print(f"{plan} ({result['units']} units): {result['answers']} answers, "
          f"median {result['median']:.2f} ms, worst {result['max']:.2f} ms "
          f"(target < 16 ms) {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
