"""The phone keeps its place (issue 17): closing a card returns to the view before it,
Escape closes it, and a tap draws no focus box (outlines only for keyboard focus)."""

from __future__ import annotations

import pytest
from browser import MapPage, overlap
from playwright.sync_api import TimeoutError as PlaywrightTimeout

# A phone animates: the tap, the card's glide and its close are checked as users see them.
pytestmark = [pytest.mark.browser, pytest.mark.motion]

TAISHUN = "330329"

_VIEW = """() => { const m = window.industryAtlasPages[0].map, c = m.getCenter();
    return [c.lat, c.lng, m.getZoom()]; }"""
_FOCUS_OUTLINE = """() => { const e = document.activeElement;
    return [e.tagName.toLowerCase(), getComputedStyle(e).outlineStyle]; }"""


@pytest.mark.parametrize("size", [(390, 844), (1366, 768)], ids=["phone", "laptop"])
def test_closing_a_card_returns_to_the_view_before_it(page_files, open_map, screenshots,
                                                      size):
    view = open_map(page_files("plan", "wenzhou-2024"),
                    {"width": size[0], "height": size[1]})
    page = view.page
    before = page.evaluate(_VIEW)
    text = view.click(TAISHUN)
    assert "泰顺" in text or "Taishun" in text
    page.wait_for_timeout(500)  # the card's auto-pan settles
    tag, outline = page.evaluate(_FOCUS_OUTLINE)
    assert tag != "path" or outline == "none", (tag, outline)  # a tap draws no focus box
    if size == (390, 844):
        screenshots(page, "phone-card-open")
    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached", timeout=2000)  # Escape closed it
    after = page.evaluate(_VIEW)
    assert after[2] == before[2]
    assert after[0] == pytest.approx(before[0], abs=1e-6)
    assert after[1] == pytest.approx(before[1], abs=1e-6)
    if size == (390, 844):
        screenshots(page, "phone-card-closed")
    view.assert_clean()


def test_keyboard_focus_keeps_its_outline(page_files, open_map):
    view = open_map(page_files("plan", "wenzhou-2024"))
    page = view.page
    page.keyboard.press("Tab")
    tag, outline = page.evaluate(_FOCUS_OUTLINE)
    assert tag != "body" and outline != "none", (tag, outline)
    view.assert_clean()


def test_the_cards_close_button_also_returns_to_the_view_before_it(page_files, open_map):
    """Issue 17's report closed the card with its × (not Escape): at 390x844, tap Taishun,
    tap ×, and the map is back where it was, not panned with half the region off screen."""
    view = open_map(page_files("plan", "wenzhou-2024"), {"width": 390, "height": 844})
    page = view.page
    before = page.evaluate(_VIEW)
    view.click(TAISHUN)
    page.wait_for_timeout(500)  # the card's auto-pan settles
    assert page.evaluate(_VIEW) != before  # the card did move the map to show itself
    page.locator(".leaflet-popup-close-button").click()
    page.locator(".leaflet-popup").wait_for(state="detached", timeout=2000)
    after = page.evaluate(_VIEW)
    assert after[2] == before[2]
    assert after[:2] == pytest.approx(before[:2], abs=1e-6)
    view.assert_clean()


# Whatever the page still shows of a district after its card closed: the element that has
# the browser's focus ring (:focus-visible) in the map, and the tooltips open.
_LEFT_ON_MAP = """() => { const ring = document.querySelector('.atlas-map :focus-visible');
    const tips = document.querySelectorAll('.leaflet-tooltip');
    return {ring: ring ? ring.tagName.toLowerCase() + ' ' + (ring.getAttribute('data-place') || '')
                       : null,
            tooltips: [...tips].map(t => t.textContent)}; }"""
_NO_TOOLTIP = "() => !document.querySelector('.leaflet-tooltip')"


def test_a_tap_then_escape_leaves_no_focus_ring_and_no_tooltip(new_page, page_files,
                                                               screenshots):
    """Issue 17 (the lead's look at stop 24): on a phone, tap Taishun, press Escape: the
    card closed but a blue focus ring (Escape is a key press, so :focus-visible applies)
    and the "泰顺县 / Taishun" tooltip stayed on the district. Touch emulated."""
    page = new_page({"width": 390, "height": 844}, has_touch=True)
    view = MapPage.open(page, page_files("plan", "wenzhou-2024"))
    page.touchscreen.tap(*view.point_on(TAISHUN))
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=2000)
    assert "Taishun" in popup.inner_text()
    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached", timeout=2000)
    try:  # a closed tooltip fades out for 200 ms
        page.wait_for_function(_NO_TOOLTIP, timeout=2000)
    except PlaywrightTimeout:
        pass  # one stayed: the assertion says which
    assert page.evaluate(_LEFT_ON_MAP) == {"ring": None, "tooltips": []}
    screenshots(page, "phone-tap-escape")
    view.assert_clean()


def test_keyboard_enter_then_escape_keeps_focus_and_its_ring_on_the_district(
        page_files, open_map, screenshots):
    """The keyboard's way (Tab to a district, Enter, Escape): the card closes and focus
    stays on the district with a visible ring (only a pointer's focus is let go)."""
    view = open_map(page_files("plan", "wenzhou-2024"))
    page = view.page
    focused = "() => document.activeElement.getAttribute('data-place')"
    for _ in range(80):  # past the panel's controls and the map itself
        page.keyboard.press("Tab")
        place = page.evaluate(focused)
        if place and page.evaluate("() => document.activeElement.closest('.atlas-map') !== null"):
            break
    else:
        raise AssertionError("no district took keyboard focus in 80 Tabs")
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup-content").wait_for(state="visible", timeout=2000)
    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached", timeout=2000)
    assert page.evaluate(focused) == place
    left = page.evaluate(_LEFT_ON_MAP)
    assert left["ring"] == f"path {place}", left
    ring = page.evaluate(_RING)
    # not the browser's box around the path: a ring along its outline, above its neighbours
    assert ring["outline"] == "none", ring
    assert [r["place"] for r in ring["rings"]] == [place, place], ring
    halo, line = ring["rings"]
    assert (halo["stroke"], line["stroke"]) == ("rgb(255, 255, 255)", "rgb(15, 63, 148)")
    assert line["width"] >= 3 and halo["width"] > line["width"] and not line["fill"], ring
    for r in ring["rings"]:
        assert r["box"] == pytest.approx(ring["box"], abs=1), ring  # the district's shape
        assert r["pane"] > ring["pane"]  # drawn above every district
    # its tooltip beside the district, clear of the district's label
    assert ring["label"] and ring["tooltip"], ring
    assert overlap(ring["label"], ring["tooltip"]) == 0, ring
    screenshots(page, "keyboard-enter-escape")
    view.assert_clean()


# The focused shape: its computed outline, its box and pane, the focus ring's paths (their
# computed stroke, width, fill, box and pane), its label's and open tooltip's boxes.
_RING = """() => {
  const e = document.activeElement, place = e.getAttribute('data-place');
  const box = el => { const r = el.getBoundingClientRect();
                      return [r.left, r.top, r.right, r.bottom]; };
  const pane = el => Number(getComputedStyle(el.closest('.leaflet-pane')).zIndex);
  const label = document.querySelector(`.atlas-label[data-place="${place}"]`);
  const tips = [...document.querySelectorAll('.leaflet-tooltip')].filter(
    t => t.style.opacity !== '0');
  return {outline: getComputedStyle(e).outlineStyle, box: box(e), pane: pane(e),
          rings: [...document.querySelectorAll('[data-atlas-focus]')].map(r => {
            const s = getComputedStyle(r);
            return {place: r.getAttribute('data-atlas-focus'), stroke: s.stroke,
                    width: parseFloat(s.strokeWidth), fill: s.fill !== 'none',
                    box: box(r), pane: pane(r)}; }),
          label: label && label.parentElement.style.visibility !== 'hidden' ? box(label) : null,
          tooltip: tips.length ? box(tips[tips.length - 1]) : null};
}"""


def test_a_click_draws_no_focus_ring(page_files, open_map):
    """A mouse click focuses the district's path too: no ring then (only the keyboard's)."""
    view = open_map(page_files("plan", "wenzhou-2024"), {"width": 1366, "height": 768})
    view.click(TAISHUN)
    page = view.page
    assert page.evaluate("() => document.activeElement.getAttribute('data-place')") == TAISHUN
    assert page.evaluate("() => document.querySelectorAll('[data-atlas-focus]').length") == 0
    view.assert_clean()
