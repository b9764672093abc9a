"""The built map, opened in headless Chromium: offline, drawn, interactive and injection-proof.

Debian's chromium drives these tests through Playwright, in its headless shell (browser.py);
no browser is ever downloaded. One test opens the map in Debian's full chromium as well and
compares what the two draw. Expected values come from the atlas itself (``geo.load``), not
from numbers copied into the tests.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from browser import CHROMIUM, LAUNCH_ARGS, MOTION, VIEWPORT, MapPage, take_screenshots

import geo

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def built_map(atlas, tmp_path_factory) -> Path:
    """The Wenzhou map, built once for the module."""
    return atlas.to_html(tmp_path_factory.mktemp("map") / "wenzhou-2024.html")


@pytest.fixture
def wenzhou_map(contract_pages, built_map):
    """The Wenzhou map as a load leaves it, offline, in the module's one page.

    The page is loaded once for the module: after each test it is put back as the
    load left it (layers, popup, view, focus, URL), so the next test's
    ``ContractPage.load`` steps to it instead of loading it again; a test that left the
    page otherwise (or failed half-way) gets it loaded afresh.
    """
    view = contract_pages().load(built_map)
    view.wait_ready()
    view.read_view()
    layers = {box.get_attribute("data-layer"): box.is_checked() for box in view.checkboxes()}
    yield view
    view.page.mouse.move(0, 0)
    view.close_popup()
    for box in view.checkboxes():
        view.toggle(box, layers[box.get_attribute("data-layer")])
    view.page.evaluate("""() => {  // screenshots leave an empty style on what they touch
        document.querySelectorAll('[style=""]').forEach(e => e.removeAttribute('style'));
        document.activeElement && document.activeElement.blur();
        history.replaceState(null, '', location.pathname + location.search); }""")


def test_map_opens_offline(wenzhou_map, screenshots):
    """No request leaves file:, nothing errs, and Leaflet is loaded from the page itself.

    Screenshots at desktop, laptop and phone sizes go to the ``screenshots`` folder: resizing
    the map must not err or fetch either.
    """
    view = wenzhou_map
    assert view.page.evaluate("typeof window.L === 'object' && typeof L.version === 'string'")
    assert view.page.evaluate(f"{view.MAP} instanceof L.Map")
    shots = screenshots(view.page, "wenzhou-2024-map")
    assert [p.name for p in shots] == [f"wenzhou-2024-map-{size}.png"
                                       for size in ("1400x900", "1366x768", "390x844")]
    view.assert_clean()


#: The largest share of a screenshot's pixels that may differ (by more than 30 in the sum
#: of R, G and B) between Debian's full chromium and its headless shell. Anti-aliasing and
#: the phase of hatch patterns differ by 0.2-0.6 % on this map; a map with its districts
#: or their fills missing differs by far more.
FULL_CHROMIUM_DIFFERENCE = 0.02


def _differing_share(a: Path, b: Path) -> float:
    from PIL import Image

    pixels = [np.asarray(Image.open(p).convert("RGB")).astype(int) for p in (a, b)]
    assert pixels[0].shape == pixels[1].shape, (a, b)
    return float((np.abs(pixels[0] - pixels[1]).sum(axis=2) > 30).mean())


def test_full_chromium_draws_what_the_headless_shell_draws(playwright, built_map, wenzhou_map,
                                                           screenshot_dir, tmp_path):
    """The suite's pages open in Debian's headless shell; a reader's chromium is the full
    browser. Opened there, the map loads offline and clean, draws the same paths, and its
    screenshots at the three sizes match the shell's (the full browser's are kept in the
    ``screenshots`` folder as ``full-chromium-*``)."""
    shell = take_screenshots(wenzhou_map.page, "shell", tmp_path)
    full_browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
    try:
        context = full_browser.new_context(viewport=VIEWPORT, reduced_motion=MOTION[False])
        view = MapPage.open(context.new_page(), built_map)
        assert full_browser.version == wenzhou_map.page.context.browser.version  # one release
        assert view.drawn() == wenzhou_map.drawn()
        full = take_screenshots(view.page, "full-chromium-wenzhou-2024-map", screenshot_dir)
        view.assert_clean()
    finally:
        full_browser.close()
    differing = {f.name: _differing_share(f, s) for f, s in zip(full, shell, strict=True)}
    assert max(differing.values()) < FULL_CHROMIUM_DIFFERENCE, differing


def test_every_district_is_drawn(wenzhou_map, atlas):
    """The base layer draws one path per district; shown layers add one per member."""
    view = wenzhou_map
    districts = len(atlas.districts)
    assert districts >= 12
    shown = [s for s in atlas.layers() if s.show]
    assert view.drawn() == districts + sum(len(s.adcodes) + len(s.zones) for s in shown)

    for spec in shown:
        view.checkbox(spec.label).uncheck()
    assert view.drawn() == districts
    sizes = view.page.evaluate("""[...document.querySelectorAll(
        '.leaflet-overlay-pane path.leaflet-interactive')].map(p => {
          const r = p.getBoundingClientRect(); return r.width * r.height; })""")
    assert all(size > 0 for size in sizes)
    view.assert_clean()


def test_toggling_an_industry_draws_its_districts(wenzhou_map, atlas):
    """Checking "Integrated circuits" draws its hosting districts; unchecking removes them."""
    hosting = atlas.districts_hosting("ic")
    assert len(hosting) > 0
    spec = next(s for s in atlas.layers() if s.id == "industry:ic")
    view = wenzhou_map
    box = view.checkbox(atlas.plan.industry("ic").name.en)
    before = view.drawn()
    assert not box.is_checked()

    box.check()
    assert view.drawn() == before + len(hosting)
    colored = f"path.leaflet-interactive[stroke='{spec.color}']"
    assert view.page.locator(colored).count() == len(hosting)

    box.uncheck()
    assert view.drawn() == before
    assert view.page.locator(colored).count() == 0
    view.assert_clean()


def test_unlocated_industry_shows_its_note(wenzhou_map, atlas):
    """An industry of the Multiple Spots has no district: checking it shows a note instead."""
    plan = atlas.plan
    spec = next(s for s in atlas.layers() if s.id == "industry:smart-home")
    assert not spec.adcodes and spec.notes
    view = wenzhou_map
    for box in view.checkboxes():
        box.uncheck()
    panel = view.page.locator('.atlas-panel [data-note="industry:smart-home"]')
    assert panel.is_hidden()
    before = view.drawn()

    view.checkbox(plan.industry("smart-home").name.en).check()
    assert panel.is_visible()
    text = panel.inner_text()
    assert plan.element("spots").name.en in text
    assert "Multiple Spots" in text
    for note in spec.notes:
        assert note in text
    assert view.drawn() == before

    view.checkbox(plan.industry("smart-home").name.en).uncheck()
    assert panel.is_hidden()
    view.assert_clean()


# --- hostile plan text ------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile(hostile_plan, tmp_path_factory):
    """The plan of the ``hostile_plan`` fixture (every human text a script payload), built."""
    atlas = geo.load(hostile_plan)
    return atlas, atlas.to_html(tmp_path_factory.mktemp("hostile") / "hostile.html")


_INJECTED = """() => ({
  pwned: typeof window.__pwned,
  handlers: [...document.querySelectorAll('*')].filter(
      e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))).length,
  scripts: document.scripts.length,
  imgs: document.querySelectorAll('img:not(.atlas-chart)').length,  // charts: data: SVG
  svgs: document.querySelectorAll('svg').length,
})"""


def test_hostile_plan_text_stays_text(open_map, wenzhou_map, hostile, payloads):
    """Plan text with script payloads is shown literally and never runs, wherever it lands."""
    atlas, html = hostile
    plan = atlas.plan
    baseline = wenzhou_map.page.evaluate(_INJECTED)
    view = open_map(html)
    page = view.page
    seen = []

    def snapshot():
        assert page.evaluate("typeof window.__pwned") == "undefined"
        seen.append(page.evaluate("document.body.innerText"))  # rendered text, no scripts

    # Every layer's name reads as written in its toggle.
    control = page.locator(".atlas-panel .atlas-layers").all_text_contents()
    for name in [i.name for i in plan.industries] + [e.name for e in plan.layout]:
        assert any(name.pick("both") in c for c in control)

    page.evaluate("document.querySelectorAll('.atlas-panel details')"
                  ".forEach(d => { d.open = true; })")
    snapshot()
    for box in view.checkboxes():
        view.toggle(box, True)
    snapshot()
    for industry in plan.industries:  # every answer: names, elements and citations
        page.locator(".atlas-picker").select_option(industry.id)
        snapshot()
    page.locator(".atlas-search").fill(payloads[0][:3])
    snapshot()

    # Hide the controls so that every district and zone marker can be hovered and clicked.
    page.add_style_tag(content=".leaflet-control { visibility: hidden; }")
    places = list(atlas.districts["adcode"]) + [z.id for z in plan.zones
                                                if z.geometry is not None]
    assert len(places) > len(atlas.districts)
    for key in places:
        view.hover(key)
        snapshot()
        view.click(key)
        snapshot()
        view.close_popup()

    for box in view.checkboxes():
        view.toggle(box, False)
        snapshot()

    found = page.evaluate(_INJECTED)
    assert found["pwned"] == "undefined"
    assert found["handlers"] == 0 and found["imgs"] == 0
    assert found == baseline, (found, baseline)
    text = "\n".join(seen)
    for payload in payloads:
        assert payload in text, f"payload not shown as text: {payload}"
    assert plan.title.pick("both") in text
    assert plan.notes in text
    for source in plan.sources:
        assert source.title.pick("both") in text and source.publisher in text
    for zone in plan.zones:
        assert zone.name.zh in text and zone.name.en in text
    view.assert_clean()


# --- tests that leave the page changed (a hovered or clicked path is brought to front, which
# no test puts back): last, so each loads the page once at most

def test_hovering_a_district_shows_its_names(wenzhou_map, atlas):
    """Each district's tooltip names it in Chinese and in English."""
    view = wenzhou_map
    for row in atlas.districts.itertuples():
        text = view.hover(row.adcode)
        assert row.name_zh in text and row.name_en in text, (row.adcode, text)
    view.assert_clean()


def test_clicking_a_district_lists_its_industries(wenzhou_map, atlas):
    """Yueqing's popup lists every industry it hosts with the source it comes from."""
    plan = atlas.plan
    adcode = atlas.place_id("乐清市")
    row = atlas.districts.set_index("adcode").loc[adcode]
    hosted = atlas.industries_in(adcode)
    assert len(hosted) > 0
    view = wenzhou_map

    text = view.click(adcode)
    assert row["name_zh"] in text and row["name_en"] in text
    for industry in hosted.itertuples():
        assert plan.industry(industry.industry).name.pick("both") in text
        for source_id in industry.sources:
            source = plan.source(source_id)
            assert f"{source.title.pick('both')} ({source.date})" in text
    others = set(i.id for i in plan.industries) - set(hosted["industry"])
    for industry_id in others:
        assert plan.industry(industry_id).name.pick("both") not in text
    view.assert_clean()


def test_the_page_keeps_nothing_in_the_browser(wenzhou_map, atlas):
    """No cookie and no web storage, after reading a district and an industry: browser
    contexts are shared by the tests (conftest.py ``contexts``) on this ground, and a
    reader's next visit depends only on the file and its URL."""
    view = wenzhou_map
    view.click(atlas.place_id("乐清市"))
    view.close_popup()
    view.page.evaluate("location.hash = 'industry=ic'")
    view.page.wait_for_function("window.industryAtlasPages[0].state.industry === 'ic'")
    kept = view.page.evaluate("""() => ({cookie: document.cookie,
        local: localStorage.length, session: sessionStorage.length})""")
    assert kept == {"cookie": "", "local": 0, "session": 0}
    view.assert_clean()
