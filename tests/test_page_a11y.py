"""A quick accessibility check of the report and the index page: landmarks, one <h1>,
lang, alt texts, and axe-core (bundled by axe-playwright-python) with no critical or
serious violation. The full axe suite lives elsewhere; this keeps these pages honest."""

from __future__ import annotations

import re

import pytest

import geo
from geo.pages.index import render_index


@pytest.fixture(scope="module")
def pages(atlas, tmp_path_factory):
    folder = tmp_path_factory.mktemp("a11y")
    report = atlas.report(folder / "wenzhou-2024-report.html")
    index = folder / "index.html"
    index.write_text(render_index([atlas, geo.load("zhejiang-2022")]), "utf-8")
    return {"report": report, "index": index}


@pytest.mark.parametrize("name", ["report", "index"])
def test_landmarks_heading_lang_and_alt(pages, name):
    html = pages[name].read_text("utf-8")
    assert re.search(r'<html lang="zh-CN">', html)
    assert html.count("<main") == 1 and html.count("<h1") == 1
    outside_map = re.sub(r'<div class="report-map">.*?</div>\s*<div class="print-legend">', "",
                         html, flags=re.S)
    images = re.findall(r"<img\b[^>]*>", outside_map)
    assert images and all(re.search(r'\balt="[^"]+"', img) for img in images)


@pytest.mark.browser
@pytest.mark.parametrize("name", ["report", "index"])
def test_axe_finds_nothing_critical_or_serious(pages, name, open_page):
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(pages[name]).page
    results = Axe().run(page, options={"resultTypes": ["violations"]}).response
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
           for v in results["violations"] if v["impact"] in ("critical", "serious")]
    assert bad == []
