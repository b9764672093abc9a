"""The draft's review page in headless Chromium: untick facts, download, the plan validates
and lacks them; document text never executes; screenshots at three viewports.

Debian's chromium drives these tests through Playwright; no browser is ever downloaded.
The source documents are read from ../shared/sources at run time (never copied here).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from browser import MapPage

import geo
from geo import cli
from geo.places import boundaries

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT.parent / "shared" / "sources"
WENZHOU_2022_DOC = SOURCES / "004_fcdfdc83f61af24e.txt"

PAYLOADS = (
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=2</script>",
    "`${window.__pwned=3}`",
    "</script><script>window.__pwned=4</script>",
    "\"'><svg onload=window.__pwned=5>",
    "{{ 7 * 7 }}{% raw %}",
    "<!--",
)


@pytest.fixture
def open_review(new_page):
    """``open_review(path, viewport=None)``: the page opened offline (``MapPage.blank``),
    with what it tried to fetch and every page error: ``(page, requests, errors)``."""

    def opener(path: Path, viewport=None):
        view = MapPage.blank(new_page(viewport or {"width": 1400, "height": 900}))
        view.page.goto(path.as_uri())
        return view.page, view.requests, view.errors

    return opener


@pytest.fixture(scope="module")
def wenzhou_review(tmp_path_factory):
    if not WENZHOU_2022_DOC.is_file():
        pytest.skip(f"{WENZHOU_2022_DOC} not found (CI has shared/ beside the clone)")
    folder = tmp_path_factory.mktemp("review")
    plan, page = folder / "w22.yaml", folder / "w22.html"
    assert cli.main(["draft", str(WENZHOU_2022_DOC), "--region", "温州市", "-o", str(plan),
                     "--review", str(page)]) == 0
    return plan, page


def test_untick_two_facts_download_validates_and_lacks_them(open_review, wenzhou_review, tmp_path):
    plan_path, page_path = wenzhou_review
    drafted = geo.load_plan(plan_path)
    page, requests, errors = open_review(page_path)
    # one membership (a place of a core) and one indicator
    member = page.locator("fieldset", has_text="Members of layout elements").locator(".fact").first
    indicator = page.locator("fieldset", has_text="Indicators").locator(".fact").first
    member_label = member.locator("label[for]").inner_text()
    indicator_label = indicator.locator("label[for]").inner_text()
    member.locator("input[type=checkbox]").uncheck()
    indicator.locator("input[type=checkbox]").uncheck()
    total = page.locator(".fact input[type=checkbox]").count()
    assert page.locator("#kept-count").inner_text().startswith(f"{total - 2} of {total}")
    with page.expect_download() as info:
        page.locator("#download").click()
    out = tmp_path / info.value.suggested_filename
    info.value.save_as(out)
    assert requests == [] and errors == []
    reviewed = geo.load_plan(out)  # validates, or raises PlanError
    place_zh = re.search(r"\((.+?)\) in ", member_label).group(1)
    element = member_label.split(" in ", 1)[1]
    before = {e.name.en: {m.key for m in e.members} for e in drafted.layout}
    after = {e.name.en: {m.key for m in e.members} for e in reviewed.layout}
    dropped = before[element] - after[element]
    assert [boundaries.unit(code).name_zh for code in dropped] == [place_zh]
    assert {k: v for k, v in before.items() if k != element} == \
        {k: v for k, v in after.items() if k != element}
    assert len(reviewed.indicators) == len(drafted.indicators) - 1
    name = indicator_label.split(": ")[0]
    assert sum(i.name.en == name for i in reviewed.indicators) == \
        sum(i.name.en == name for i in drafted.indicators) - 1


def test_links_go_both_ways(open_review, wenzhou_review):
    _, page_path = wenzhou_review
    page, _, errors = open_review(page_path)
    fact = page.locator(".fact").first
    sentence = fact.get_attribute("data-sentence")
    fact.locator("a.to-sentence").click()
    assert page.locator(f"#s-{sentence}").get_attribute("class").endswith("current")
    ref = page.locator(f"#s-{sentence} a.ref").first
    target = ref.get_attribute("data-fact")
    ref.click()
    assert "current" in page.locator(f"#{target}").get_attribute("class")
    assert errors == []


def test_hostile_document_text_never_executes(open_review, tmp_path):
    lines = ["Synthetic test plan for Hangzhou (not a real document)."]
    for i, payload in enumerate(PAYLOADS):
        lines.append(f"Xihu District {payload} will develop artificial intelligence {i}. "
                     f"The {payload} Valley Zone hosts big data.")
    lines.append('Hangzhou builds "One Belt, Two Wings": "One Belt" refers to Xihu '
                 "and Binjiang.</script><b>bold</b>")
    doc = tmp_path / "hostile.html"
    doc.write_text("<html><head><title>" + PAYLOADS[1] + "</title></head><body>" +
                   "".join(f"<p>{line.replace('<', '&lt;')}</p>" for line in lines) +
                   "<script>window.__pwned=9</script></body></html>", "utf-8")
    page_path, plan_path = tmp_path / "review.html", tmp_path / "plan.yaml"
    assert cli.main(["draft", str(doc), "--region", "杭州市", "-o", str(plan_path),
                     "--review", str(page_path)]) == 0
    html = page_path.read_text("utf-8")
    assert "<img src=x" not in html and "<svg onload" not in html
    page, requests, errors = open_review(page_path)
    page.locator(".fact input[type=checkbox]").first.uncheck()
    with page.expect_download() as info:
        page.locator("#download").click()
    out = tmp_path / info.value.suggested_filename  # named after the plan id
    info.value.save_as(out)
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".document img, .document svg, .document b").count() == 0
    text = page.locator(".document").inner_text()
    assert "{{ 7 * 7 }}" in text and "<script>window.__pwned=2</script>" in text
    assert requests == [] and errors == []
    reviewed = geo.load_plan(out)
    assert len(reviewed.layout) >= 1
    assert yaml.safe_load(out.read_text("utf-8"))["region"] == "330100"


@pytest.mark.parametrize("width,height", [(1400, 900), (1366, 768), (390, 844)])
def test_screenshots(open_review, wenzhou_review, width, height, screenshot_dir):
    _, page_path = wenzhou_review
    page, _, errors = open_review(page_path, {"width": width, "height": height})
    page.locator(".fact a.to-sentence").nth(3).click()
    path = screenshot_dir / f"review-{width}x{height}.png"
    page.screenshot(path=str(path))
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert path.stat().st_size > 10_000 and errors == []
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {width}px"


def test_dropping_every_fact_still_downloads_a_valid_plan(open_review, wenzhou_review, tmp_path):
    _, page_path = wenzhou_review
    page, _, errors = open_review(page_path)
    page.evaluate("document.querySelectorAll('.fact input[type=checkbox]').forEach(b => {"
                  " b.checked = false; b.dispatchEvent(new Event('change')); })")
    assert page.locator("#kept-count").inner_text().startswith("0 of")
    assert page.locator("mark.dropped").count() > 0
    with page.expect_download() as info:
        page.locator("#download").click()
    out = tmp_path / info.value.suggested_filename  # named after the plan id
    info.value.save_as(out)
    assert errors == []
    plan = geo.load_plan(out)  # placeholders keep the required layout and industries
    assert not plan.assignments and not plan.indicators and not plan.zones
    assert [e.id for e in plan.layout] == ["no-layout"]


def test_an_untranslated_industry_asks_for_its_english_name(open_review, tmp_path,
                                                              screenshot_dir):
    """An industry the glossary cannot translate shows "Needs an English name" and an empty
    English field; the name typed there is the downloaded plan's. Synthetic text."""
    doc = tmp_path / "synthetic.txt"
    doc.write_text("温州市数字经济发展规划（合成的测试文本）。鹿城区重点发展智能卡及机具、平板显示、"
                   "鸿蒙生态等产业。", "utf-8")
    page_path, plan_path = tmp_path / "review.html", tmp_path / "plan.yaml"
    assert cli.main(["draft", str(doc), "--region", "温州市", "-o", str(plan_path),
                     "--review", str(page_path)]) == 0
    page, requests, errors = open_review(page_path)
    industries = page.locator("fieldset", has_text="Industries").locator(".fact")
    asking = industries.filter(has=page.locator(".needs-translation"))
    assert asking.count() == 2
    assert sorted(asking.locator("label[for]").all_inner_texts()) == [
        "Industry: 智能卡及机具 (new)",
        "Industry: 鸿蒙生态 (new)"]
    assert industries.filter(has_text="Flat-panel displays").locator(
        ".needs-translation").count() == 0
    field = asking.first.locator("input[data-rename=industries]")
    assert field.input_value() == "" and asking.first.locator(".needs-translation").is_visible()
    field.fill("Smart cards and card terminals")
    assert "1 renamed" in page.locator("#kept-count").inner_text()
    from importlib import resources  # axe-core, from the PyPI package axe-playwright-python

    page.evaluate(resources.files("axe_playwright_python").joinpath("axe.min.js").read_text())
    impacts = page.evaluate("async () => (await axe.run(document, {resultTypes: "
                            "['violations']})).violations.map(v => v.id + ' ' + v.impact)")
    assert not [v for v in impacts if v.endswith(("critical", "serious"))], impacts
    for width, height in ((1400, 900), (1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        asking.first.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_dir / f"review-untranslated-{width}x{height}.png"))
        assert asking.first.locator(".needs-translation").is_visible()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {width}px"
    with page.expect_download() as info:
        page.locator("#download").click()
    out = tmp_path / info.value.suggested_filename
    info.value.save_as(out)
    assert requests == [] and errors == []
    assert "1 name(s) changed" in out.read_text("utf-8")
    names = {i.name.zh: i.name.en for i in geo.load_plan(out).industries}  # validates
    assert names["智能卡及机具"] == "Smart cards and card terminals"
    assert names["鸿蒙生态"] == "Untranslated industry 2"
    assert names["平板显示"] == "Flat-panel displays"
