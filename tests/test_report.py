"""Indicator charts and the printable plan report (HTML and PDF).

Expected values come from the atlas and the indicator table, not from numbers
copied into the tests.
"""

from __future__ import annotations

import base64
import html as html_module
import re
import unicodedata

import pytest
from pdfs import keep_raster, need

import geo
from geo import figures, vocabulary
from geo.atlas.catalog import companions
from geo.pages import report as report_module
from geo.plan.units import human_value

METRIC = "core-digital-added-value"
WENZHOU = ["wenzhou-2022", "wenzhou-2024"]


def _shared(plan_id: str):
    plan = geo.load_plan(plan_id)
    return figures.shared_metrics(plan, companions(plan))


# --- indicator chart -------------------------------------------------------------------------


def _points(fig) -> list[tuple[int, str]]:
    """(year, "actual" or "target") of each marker of an indicator figure."""
    from matplotlib.colors import to_hex

    found = []
    for line in fig.axes[0].lines:
        if line.get_marker() in ("None", None, "") or len(line.get_xdata()) != 1:
            continue
        hollow = to_hex(line.get_markerfacecolor()) == "#ffffff"
        found.append((int(line.get_xdata()[0]), "target" if hollow else "actual"))
    return sorted(found)


def test_indicator_chart_shows_actual_and_targets_apart():
    table = geo.indicators(WENZHOU)
    rows = table[(table["metric"] == METRIC) & (table["scope"] == "330300")]
    expected = sorted(zip(rows["year"], rows["kind"], strict=True))
    assert {"actual", "target"} <= {k for _, k in expected}
    fig = figures.indicator_figure([geo.load_plan(p) for p in WENZHOU], METRIC)
    assert _points(fig) == expected
    labels = [t.get_text() for t in fig.axes[0].texts]
    for r in rows.itertuples():  # each point: its value in human units and its plan
        assert any(human_value(r.value, r.unit, "zh") in t and r.plan in t for t in labels)


def test_unknown_metric_is_a_one_line_error():
    with pytest.raises(geo.UnknownNameError, match="did you mean core-digital-added-value"):
        figures.indicator_figure([geo.load_plan(p) for p in WENZHOU], "core-digital-added-valu")


def test_each_wenzhou_plan_shares_the_metric_with_the_other():
    for plan in WENZHOU:
        shared = _shared(plan)
        assert [(m, s, [p.id for p in ps]) for m, s, ps in shared] == [
            (METRIC, "330300", WENZHOU),
            ("core-digital-added-value-share", "330300", WENZHOU)]  # both of Wenzhou's GDP
    assert _shared("zhejiang-2022") == []


def test_map_panel_holds_the_chart_as_an_svg_image(atlas):
    html = atlas.to_html()
    panels = re.findall(r'<aside class="atlas-panel".*?</aside>', html, re.S)
    assert len(panels) == 1
    panel = panels[0]
    sources = re.findall(r'<img class="atlas-chart"[^>]* src="([^"]+)"', panel)
    assert len(sources) == len(_shared("wenzhou-2024")) == 2
    assert all(s.startswith("data:image/svg+xml;base64,") for s in sources)
    svg = base64.b64decode(sources[0].split(",", 1)[1]).decode("utf-8")
    assert "<script" not in svg and "<dc:date>" not in svg
    assert geo.load("wenzhou-2024").to_html() == html  # still deterministic


# --- the report page -------------------------------------------------------------------------

PLAN = "wenzhou-2024"
A4_CONTENT_PX = (186 / 25.4 * 96, 273 / 25.4 * 96)  # A4 inside the report's 12 mm margins


@pytest.fixture(scope="module")
def report(atlas, tmp_path_factory):
    path = atlas.report(tmp_path_factory.mktemp("report") / f"{PLAN}-report.html")
    return path, path.read_text("utf-8")


def _text(page: str) -> str:
    return html_module.unescape(re.sub(r"<[^>]+>", " ", page))


def _tags(page: str) -> list[tuple[str, list[str]]]:
    """Every start tag of ``page`` with its attribute names, as a browser parses them."""
    from html.parser import HTMLParser

    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, [name for name, _ in attrs]))

    Parser().feed(page)
    return found


def _matrix_cells(page: str) -> dict[tuple[str, str], set[str]]:
    table = page.split('<table class="matrix">', 1)[1].split("</table>", 1)[0]
    cells = {}
    for place, row in re.findall(r'<tr data-place="([^"]+)" data-kind="district">(.*?)</tr>',
                                 table, re.S):
        for industry, elements in re.findall(r'data-industry="([^"]+)" data-elements="([^"]*)"',
                                             row):
            if elements:
                cells[(place, industry)] = set(elements.split())
    return cells


def test_report_names_every_district(atlas, report):
    text = _text(report[1])
    for row in atlas.districts.itertuples():
        assert row.name_zh in text and row.name_en in text


def test_matrix_matches_the_table(atlas, report):
    facts = atlas.table[atlas.table["place_kind"] == "district"]
    expected: dict = {}
    for r in facts.itertuples():
        expected.setdefault((r.place_id, r.industry), set()).add(r.element or "direct")
    assert _matrix_cells(report[1]) == expected
    rows = re.findall(r'<tr data-place="(\d+)" data-kind="district">', report[1])
    assert rows == list(atlas.districts["adcode"])


def test_cards_cite_their_sources(atlas, report):
    page = report[1]
    cards = dict(re.findall(r'<article class="card" data-place="([^"]+)">(.*?)</article>',
                            page, re.S))
    assert set(atlas.districts["adcode"]) <= set(cards)
    for place, rows in atlas.table.groupby("place_id"):
        if not place:
            continue
        card = _text(cards[place])
        for r in rows.itertuples():
            source = atlas.plan.source(r.source)
            assert f'href="#source-{r.source}"' in cards[place]
            assert f"{source.title.pick('both')} ({source.date})" in card
            assert atlas.plan.industry(r.industry).name.pick("both") in card
    for source in atlas.plan.sources:
        assert f'<li id="source-{source.id}">' in page


def test_indicators_in_human_units(atlas, report):
    text = _text(report[1])
    assert "689.2亿元 / 68.92 billion yuan" in text
    for r in geo.indicators([atlas]).itertuples():
        assert human_value(r.value, r.unit) in text
        if r.unit == "percent":
            assert r.base and r.base in text
    assert 'class="chart"><img src="data:image/svg+xml;base64,' in report[1]


def test_the_report_draws_each_chart_once_for_its_panel_and_its_section(atlas, monkeypatch):
    import dataclasses

    from geo.render import chart

    drawn = []
    draw = chart.chart_svg
    monkeypatch.setattr(chart, "chart_svg", lambda data: drawn.append(data.metric) or draw(data))
    # charts no earlier test drew (drawn charts are kept for the process)
    charts = tuple(dataclasses.replace(c, scope_name=f"{c.scope_name} (drawn once)")
                   for c in atlas.charts())
    html = report_module.render_report(atlas, charts=charts)
    assert len(charts) == 2 and drawn == [c.metric for c in charts]
    panel = re.findall(r'<img class="atlas-chart" src="([^"]+)"', html)
    section = re.findall(r'<figure class="chart"><img src="([^"]+)"', html)
    assert panel == section and len(set(section)) == 2  # the same two images in both
    assert all("(drawn once)" in base64.b64decode(s.split(",", 1)[1]).decode("utf-8")
               for s in section)


def test_report_needs_no_network(report):
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=[\"']?(https?:)?//",
                         report[1])


def test_hostile_plan_text_is_escaped(hostile_plan, payloads):
    """Markup in plan text appears literally; only the (scoped, escaped) map has scripts."""
    atlas = geo.load(hostile_plan)
    page = atlas.report()
    fragment = atlas.to_html(fragment=True, key="report", height=report_module.MAP_HEIGHT)
    assert fragment in page
    outside = page.replace(fragment, "")
    tags = _tags(outside)
    assert "script" not in {t for t, _ in tags} and "svg" not in {t for t, _ in tags}
    assert not [a for _, attrs in tags for a in attrs if a.lower().startswith("on")]
    text = _text(page)
    for payload in payloads:
        assert payload in text
        if "<" in payload:
            assert payload not in outside


def test_missing_chromium_is_a_one_line_error(atlas, tmp_path, monkeypatch, capsys):
    from geo import cli

    monkeypatch.setattr(report_module, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setattr(report_module.shutil, "which", lambda name: None)
    with pytest.raises(geo.AtlasError, match="chromium is missing.*make test"):
        atlas.report(tmp_path / "a.pdf")
    assert cli.main(["report", PLAN, "-o", str(tmp_path / "out"), "--pdf"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "apt-get install chromium" in err
    assert not (tmp_path / "out").exists() and list(tmp_path.iterdir()) == []


# --- printing ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf(report):
    path = report_module.print_pdf(report[0], report[0].with_suffix(".pdf"))
    return path


def test_pdf_has_its_pages_and_the_district_names(atlas, report, pdf):
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    cards = report[1].count('<article class="card"')
    rows = report[1].count("<tr data-metric=")
    assert 2 <= len(reader.pages) <= 4 + cards // 2 + rows // 8
    text = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in reader.pages))
    text = re.sub(r"\s+", "", text)
    for row in atlas.districts.itertuples():
        assert row.name_zh in text and re.sub(r"\s+", "", row.name_en) in text
    assert [p.name for p in pdf.parent.iterdir() if p.name.endswith(".tmp")] == []


def _pdf_text(reader, page=None) -> str:
    pages = reader.pages if page is None else [reader.pages[page]]
    return unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in pages))


def _longest_blank_run(pdf_path, page: int = 1, dpi: int = 30) -> float:
    """The tallest band of white rows of a printed page, as a fraction of its height."""
    import subprocess

    import numpy as np
    from PIL import Image

    need("pdftoppm")
    out = pdf_path.with_name(f"{pdf_path.stem}-page")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(page), "-l",
                    str(page), "-singlefile", str(pdf_path), str(out)], check=True)
    white = (np.asarray(Image.open(out.with_suffix(".png")).convert("L")) > 245).all(axis=1)
    longest = run = 0
    for blank in white:
        run = run + 1 if blank else 0
        longest = max(longest, run)
    return longest / len(white)


def test_first_printed_page_is_full(atlas, pdf, screenshot_dir):
    """Page 1: the map, its printed legend and the matrix's industry key; no blank half
    (looked at in ``print-report-page1.png``)."""
    from pypdf import PdfReader

    first = _pdf_text(PdfReader(pdf), 0)
    words = vocabulary.words("report", "both")
    assert words["map"] in first and words["matrix"] in first
    assert vocabulary.word("legend", "both") in first
    for element in atlas.plan.layout:  # the printed legend under the map
        assert element.name.pick("both") in first
    assert _longest_blank_run(pdf) < 0.25
    keep_raster(pdf, screenshot_dir, "print-report-page1")


def test_pdf_has_full_industry_names_zh_and_en_on_their_own_lines(atlas, report, pdf):
    from pypdf import PdfReader

    text = _pdf_text(PdfReader(pdf))
    for industry in atlas.plan.industries:  # the matrix's numbered key, not cut
        zh, en = industry.name.zh, industry.name.en
        assert re.search(re.escape(zh) + r"[ \t]*\n[ \t]*" + re.escape(en), text), en
    assert re.search(r"区县[ \t]*\nDistrict", text)
    head = report[1].split('<table class="matrix">', 1)[1].split("</thead>", 1)[0]
    assert "<span class=\"line\">区县</span><span class=\"line\">District</span>" in head
    assert " / " not in _text(head)  # no "中文 / English" run together in a header
    figures_head = report[1].split('<table class="indicators">', 1)[1].split("</thead>", 1)[0]
    assert '<span class="line">指标</span><span class="line">Indicator</span>' in figures_head
    assert " / " not in _text(figures_head)
    names = re.findall(r'<th scope="col" class="industry"[^>]*aria-label="([^"]+)">(\d+)</th>',
                       head)
    assert [(html_module.unescape(n), int(k)) for n, k in names] == [
        (i.name.pick("both"), k) for k, i in enumerate(atlas.plan.industries, start=1)]


@pytest.mark.browser
@pytest.mark.viewport(*map(int, A4_CONTENT_PX))
def test_map_fits_one_printed_page(report, open_page):
    """Opened at the width and height of A4's content, printed: the map fits one page."""
    width, height = A4_CONTENT_PX
    page = open_page(report[0]).page
    page.emulate_media(media="print")
    box = page.locator(".report-map").bounding_box()
    assert box["width"] <= width + 1 and box["height"] <= height
    section = page.evaluate("getComputedStyle(document.querySelector('.map-section'))"
                            ".breakInside")
    drawn = page.locator(".report-map path.leaflet-interactive").count()
    assert section == "avoid" and drawn >= 12
    images = page.evaluate("[...document.querySelectorAll('img')].map(i => i.naturalWidth)")
    assert images and all(w > 0 for w in images)  # figure and chart decode
    assert page.evaluate("typeof window.__pwned") == "undefined"


@pytest.mark.browser
@pytest.mark.viewport(*map(int, A4_CONTENT_PX))
@pytest.mark.parametrize("lang", ["en", "both"])
def test_matrix_fits_the_printed_width(atlas, tmp_path, open_page, lang):
    """Sixteen industry columns with element names in the cells stay inside A4's width."""
    path = atlas.report(tmp_path / f"report-{lang}.html", lang=lang)
    page = open_page(path).page
    page.emulate_media(media="print")
    width = A4_CONTENT_PX[0]
    table = page.locator("table.matrix").bounding_box()
    widest = page.evaluate("Math.max(...[...document.querySelectorAll('table.matrix td')]"
                           ".map(td => td.scrollWidth - td.clientWidth))")
    assert table["x"] >= 0 and table["x"] + table["width"] <= width + 1
    assert widest <= 1  # no cell's text spills out of its column


def test_map_panel_does_not_repeat_the_report_title(report, open_page):
    """The report's h1 names the plan; its map panel keeps the title for screen readers only."""
    page = open_page(report[0]).page
    title = page.locator(".report-map .atlas-title")
    assert title.count() == 1 and title.text_content().strip()
    box = title.bounding_box()
    assert box is None or (box["width"] <= 1 and box["height"] <= 1)
    assert page.locator("h1").first.is_visible()
    assert page.locator(".report-map .atlas-search").is_visible()  # the rest of the panel stays


# Where each medium lists the region's roles: (start of the box, end of the box, an item).
ROLE_LISTS = {"report": ('<section class="roles"', "</section>", r'<li data-role="\d+">(.*?)</li>'),
              "map": ('<details class="atlas-roles"', "</details>", r"<li>(.*?)</li>")}


@pytest.mark.parametrize("medium", ROLE_LISTS)
@pytest.mark.parametrize("plan_id", ["wenzhou-2024", "zhejiang-2022", "tongxiang-2018"])
def test_roles_of_the_region_are_listed_with_their_citations(atlases, plan_id, medium,
                                                             tmp_path):
    """Roles speak of the whole region: not drawn, but listed in the report and in the map
    panel, each with its industries and citation."""
    atlas = atlases(plan_id)
    page = (atlas.report(tmp_path / "r.html", lang="en").read_text("utf-8")
            if medium == "report" else atlas.to_html(lang="en"))
    start, end, item = ROLE_LISTS[medium]
    box = html_module.unescape(page[page.index(start):page.index(end, page.index(start))])
    items = re.findall(item, box, re.S)
    assert len(items) == len(atlas.plan.roles) > 0
    for role, text in zip(atlas.plan.roles, items, strict=True):
        assert role.name.en in text
        assert all(atlas.plan.industry(i).name.en in text for i in role.industries)
        assert atlas.plan.source(role.citation.source).cite(role.citation.where, "en") in text


def test_indicator_years_are_whole_and_yearly_targets_say_so(atlases, tmp_path):
    atlas = atlases("zhejiang-2022")
    html = atlas.report(tmp_path / "r.html", lang="en").read_text("utf-8")
    rows = dict(re.findall(r'<tr data-metric="([^"]+)"><td>.*?</td>\s*<td>.*?</td><td>(.*?)</td>',
                           html, re.S))
    by_metric = {i.metric: i for i in atlas.plan.indicators}
    assert rows and set(rows) <= set(by_metric)
    for metric, year in rows.items():
        indicator = by_metric[metric]
        expected = (str(indicator.year) if indicator.year is not None
                    else "every year" if indicator.per == "year" else "no year given")
        assert year == expected, (metric, year)
    assert "every year" in rows.values() and ".0<" not in html and "nan" not in rows.values()
