"""The map's "Reality" group in Chromium, on a small SYNTHETIC firm table with known LQs:
toggles draw the right districts in the right class colours, hosts outlined, cards with
count/LQ/status, #layers= round trip, hostile firm text inert; screenshots."""

from __future__ import annotations

import pytest
import synthetic
from synthetic import LUCHENG, PINGYANG, WENCHENG

from geo.render.reality import HOST_COLOR, LQ_COLORS, NONE_COLOR

# each drawn reality path: its place, LQ class, host flag, fill and stroke as drawn
_PATHS = """() => Array.from(document.querySelectorAll('path.atlas-reality')).map(p => ({
  place: p.getAttribute('data-place'), cls: p.getAttribute('data-lq-class'),
  host: p.getAttribute('data-host'), fill: p.getAttribute('fill'),
  stroke: p.getAttribute('stroke'), width: p.getAttribute('stroke-width')}))"""


@pytest.fixture(scope="module")
def reality_page(atlases, tmp_path_factory):
    atlas = atlases("wenzhou-2024")
    hostile = '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>'
    result = atlas.reality(synthetic.firms(hostile))
    path = tmp_path_factory.mktemp("reality") / "wenzhou-2024-reality.html"
    atlas.to_html(path, reality=result, lang="en")
    hosts = set(result.table.query("industry == 'iot' and planned")["place_id"])
    return path, hosts


def test_toggling_draws_lq_classes_with_hosts_outlined(open_map, reality_page, atlases):
    path, hosts = reality_page
    adcodes = set(atlases("wenzhou-2024").districts["adcode"])
    view = open_map(path)
    boxes = view.page.locator(".atlas-panel input[data-layer^='reality:']")
    assert [b.get_attribute("data-layer") for b in boxes.all()] == [
        "reality:iot", "reality:ai", "reality:other"]
    assert view.page.evaluate(_PATHS) == []                       # off at first
    view.toggle(view.page.locator("input[data-layer='reality:iot']"), True)
    paths = {p["place"]: p for p in view.page.evaluate(_PATHS)}
    assert set(paths) == set(adcodes)                             # covers what is below
    assert paths[PINGYANG]["fill"] == LQ_COLORS[3] and paths[PINGYANG]["cls"] == "3"
    assert paths[WENCHENG]["fill"] == LQ_COLORS[0] and paths[WENCHENG]["cls"] == "0"
    for place, p in paths.items():
        host = place in hosts
        assert p["host"] == ("true" if host else "false")
        assert (p["stroke"], p["width"]) == ((HOST_COLOR, "4") if host else ("#555", "1"))
        if place not in (PINGYANG, WENCHENG):
            assert p["fill"] == NONE_COLOR and p["cls"] == ""     # no firms (a gap if host)
    assert "reality:iot" in view.page.evaluate("location.hash")
    view.toggle(view.page.locator("input[data-layer='reality:ai']"), True)
    assert not view.page.locator("input[data-layer='reality:iot']").is_checked()  # one at a time
    assert len(view.page.evaluate(_PATHS)) == len(adcodes)
    paths = {p["place"]: p for p in view.page.evaluate(_PATHS)}
    assert paths[WENCHENG]["fill"] == LQ_COLORS[2]                # LQ 1.67
    assert paths[PINGYANG]["fill"] == LQ_COLORS[0]                # LQ 0.5
    view.assert_clean()


def test_layers_fragment_opens_a_reality_layer_only(open_map, reality_page):
    path, _ = reality_page
    view = open_map(path.with_name(path.name))
    view.page.goto(path.as_uri() + "#layers=reality:ai")
    view.page.wait_for_function("window.industryAtlasPages && window.industryAtlasPages.length")
    on = view.page.evaluate("Array.from(document.querySelectorAll('input[data-layer]:checked'))"
                            ".map(b => b.getAttribute('data-layer'))")
    assert on == ["reality:ai"]                                   # not industry:ai too


def test_card_shows_count_lq_and_status_and_hostile_text_is_inert(open_map, reality_page,
                                                                   screenshots):
    path, _ = reality_page
    view = open_map(path)
    view.toggle(view.page.locator("input[data-layer='reality:iot']"), True)
    view.read_view()
    text = " ".join(view.click(PINGYANG).split())
    assert "IoT: 3 firms, LQ 2.25 (planned & present)" in text
    assert "planned & absent: High-end software" in text
    screenshots(view.page, "reality-card")
    view.close_popup()
    view.toggle(view.page.locator("input[data-layer='reality:other']"), True)
    note = view.page.locator("[data-note='reality:other']")
    assert "<img src=x" in note.inner_text()                      # shown as text
    assert view.page.locator(".atlas-panel img[src=x]").count() == 0
    assert "6.00" in view.click(LUCHENG)
    assert view.page.evaluate("window.__pwned") is None
    view.close_popup()
    view.toggle(view.page.locator("input[data-layer='reality:ai']"), True)
    screenshots(view.page, "reality-ai")
    view.assert_clean()


@pytest.mark.viewport(390, 844)
def test_phone_card_of_a_gap(open_map, reality_page, screenshot_dir):
    """On a phone the card opens over the map; a white outlined district is a gap."""
    path, hosts = reality_page
    view = open_map(path)
    view.page.evaluate("window.industryAtlasPages[0].setLayer('reality:iot', true, true)")
    gap = sorted(hosts - {PINGYANG})[0]
    text = " ".join(view.click(gap).split())
    assert "planned & absent: " in text and "Intelligent IoT" in text.split("absent: ")[1]
    view.page.wait_for_timeout(400)                               # the popup's fade-in
    view.page.screenshot(path=str(screenshot_dir / "reality-gap-phone-390x844.png"))
    view.page.evaluate(f"void {view.MAP}.closePopup()")  # void: not the map back
    view.page.locator(".atlas-panel-toggle").click()
    view.page.locator(".atlas-panel fieldset").first.scroll_into_view_if_needed()
    view.page.wait_for_timeout(400)
    view.page.screenshot(path=str(screenshot_dir / "reality-sheet-phone-390x844.png"))
    view.assert_clean()


def test_report_section_in_the_browser(open_page, reality_page, atlases, tmp_path,
                                       screenshots, screenshot_dir):
    atlas = atlases("wenzhou-2024")
    hostile = '<img src=x onerror="window.__pwned=1">'
    path = atlas.report(tmp_path / "wenzhou-2024-report.html", lang="en",
                        reality=atlas.reality(synthetic.firms(hostile)))
    view = open_page(path)
    section = view.page.locator("section.reality")
    assert section.locator("h2").inner_text() == "Plan vs reality"
    row = section.locator(f"tr[data-place='{PINGYANG}'][data-industry='iot']")
    assert " ".join(row.inner_text().split()) == "Pingyang Intelligent IoT 3 2.25 planned & present"
    assert section.locator("svg rect").count() > 0
    assert view.page.evaluate("window.__pwned") is None
    section.locator("figure.reality-chart").screenshot(
        path=str(screenshot_dir / "reality-report-chart.png"))
    section.locator("h2").evaluate("h => h.scrollIntoView()")
    screenshots(view.page, "reality-report")
    view.assert_clean()


def test_axe_finds_no_serious_violation_with_a_reality_layer_on(open_map, reality_page):
    """axe-core (from axe-playwright-python) on the reality page, a reality layer on."""
    from importlib import resources

    path, _ = reality_page
    view = open_map(path)
    view.toggle(view.page.locator("input[data-layer='reality:iot']"), True)
    view.page.evaluate(resources.files("axe_playwright_python").joinpath("axe.min.js")
                       .read_text("utf-8"))
    violations = view.page.evaluate("""async () => (await axe.run(document,
        {resultTypes: ['violations']})).violations.map(v => ({id: v.id, impact: v.impact,
        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""")
    bad = [v for v in violations if v["impact"] in ("critical", "serious")]
    assert not bad, bad
