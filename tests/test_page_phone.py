"""The phone keeps its place (issue 17): closing a card returns to the view before it,
Escape closes it, and a tap draws no focus box (outlines only for keyboard focus)."""

from __future__ import annotations

import pytest

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
