"""The national county map's search (issue 17 item 4): a result names the unit's parent, so
the two 朝阳区 are told apart, and choosing one zooms the map to it and outlines it."""

from __future__ import annotations

import pytest
from browser import fragment_of

from geo.places import boundaries

pytestmark = pytest.mark.browser

# The listed results: [place, text] in order.
_RESULTS = """() => [...document.querySelectorAll('.atlas-search-results li[data-place]')]
  .map(li => [li.dataset.place, li.textContent])"""

# Where the chosen unit is: its outline's box, the map's box, the popup's text.
_CHOSEN = """(adcode) => {
  const c = window.industryAtlasPages[0], map = c.map.getContainer().getBoundingClientRect();
  const sel = [...document.querySelectorAll('[data-atlas-selected]')].filter(
    p => p.getAttribute('data-atlas-selected') === adcode && p.checkVisibility());
  const box = sel.map(p => { const r = p.getBoundingClientRect();
                             return [r.left, r.top, r.right, r.bottom]; });
  const popup = document.querySelector('.leaflet-popup-content');
  return {map: [map.left, map.top, map.right, map.bottom], boxes: box,
          others: document.querySelectorAll('[data-atlas-selected]').length - sel.length,
          popup: popup ? popup.textContent : null, district: c.state.district,
          url: location.href};
}"""


def _label(adcode: str) -> str:
    unit = boundaries.unit(adcode)
    up = boundaries.parent(unit)
    return f"{unit.name_zh} · {up.name_zh} / {unit.name_en}, {up.name_en}"


def _search(view, text):
    box = view.expect(".atlas-panel input.atlas-search", "the search box").first
    box.fill(text)
    view.page.locator(".atlas-search-results li").first.wait_for(state="visible")
    return box


@pytest.fixture
def county_map(page_files, contract_pages):
    """The county map in the module's page of that size. After the test its search box
    is emptied: a test that only searched (or closed what it chose) leaves the page as
    its load did (focus aside), and the next test's load steps to it instead of loading
    it again."""
    views = []

    def load(width=1400, height=900):
        views.append(contract_pages(width, height).load(page_files("national", "china-counties")))
        return views[-1]

    yield load
    for view in views:
        view.page.locator(".atlas-panel input.atlas-search").first.fill("")
        view.page.evaluate("document.activeElement && document.activeElement.blur()")


def test_results_name_the_parent_so_two_chaoyang_differ(county_map):
    view = county_map()
    _search(view, "朝阳区")
    results = dict(view.page.evaluate(_RESULTS))
    assert results.get("110105") == "朝阳区 · 北京市 / Chaoyang, Beijing", results
    assert results.get("220104") == "朝阳区 · 长春市 / Chaoyang, Changchun", results
    assert len(set(results.values())) == len(results), results
    view.assert_clean()


@pytest.mark.parametrize(("typed", "adcode"), [("chaoyang beijing", "110105"),
                                               ("Chaoyang, Changchun", "220104"),
                                               ("朝阳 长春", "220104"), ("朝阳区北京市", "110105")])
def test_a_name_with_its_parent_finds_that_unit_first(county_map, typed, adcode):
    view = county_map()
    _search(view, typed)
    results = view.page.evaluate(_RESULTS)
    assert results and results[0][0] == adcode, results
    view.assert_clean()


@pytest.mark.parametrize("adcode", ["110105", "220104", "419001"])  # 济源: under a province
def test_choosing_a_result_zooms_to_and_outlines_the_unit(county_map, adcode, screenshots):
    view = county_map()
    box = _search(view, boundaries.unit(adcode).name_zh)
    button = view.page.locator(f".atlas-search-results li[data-place='{adcode}'] button")
    assert button.inner_text() == _label(adcode)
    button.click()
    assert view.wait_popup(), "choosing a result opens no card"
    chosen = view.page.evaluate(_CHOSEN, adcode)
    left, top, right, bottom = chosen["map"]
    assert chosen["boxes"], f"{adcode}: no visible outline [data-atlas-selected] on the map"
    x0 = min(b[0] for b in chosen["boxes"])
    x1 = max(b[2] for b in chosen["boxes"])
    y0 = min(b[1] for b in chosen["boxes"])
    y1 = max(b[3] for b in chosen["boxes"])
    # in the map, and big enough to see: its box spans a good part of the map
    assert left - 1 <= x0 and x1 <= right + 1 and top - 1 <= y0 and y1 <= bottom + 1, chosen
    assert max((x1 - x0) / (right - left), (y1 - y0) / (bottom - top)) >= 0.25, chosen
    assert chosen["others"] == 0 and chosen["district"] == adcode
    assert _label(adcode) in chosen["popup"]
    assert fragment_of(chosen["url"]).get("district") == adcode
    if adcode == "110105":
        screenshots(view.page, "national-search-chaoyang")
    # closing the card takes the outline away and the district out of the link
    box.focus()
    view.page.keyboard.press("Escape")
    assert view.wait_no_popup()
    after = view.page.evaluate(_CHOSEN, adcode)
    assert after["boxes"] == [] and after["others"] == 0 and after["district"] == ""
    assert "district" not in fragment_of(after["url"])
    view.assert_clean()


def test_phone_results_name_the_parent(county_map, screenshots):
    view = county_map(390, 844)
    view.page.locator(".atlas-panel-toggle").click()
    _search(view, "chaoyang")
    results = dict(view.page.evaluate(_RESULTS))
    assert {"110105", "220104"} <= set(results), results
    screenshots(view.page, "national-search-results")
    view.assert_clean()


def test_a_link_naming_several_units_lists_them_to_choose(page_files, contract_pages):
    """#district=朝阳区 on the national map names two units: no card, a note saying so, and
    the search box lists them with their parents."""
    view = contract_pages(1400, 900).load(page_files("national", "china-counties"),
                                          "district=%E6%9C%9D%E9%98%B3%E5%8C%BA", fresh=True)
    note = view.page.evaluate("""() => { const n = document.querySelector('.atlas-link-note');
        return n && n.checkVisibility() ? n.textContent : null; }""")
    assert note and "More than one place" in note and "district=朝阳区" in note, note
    assert view.page.evaluate("window.industryAtlasPages[0].state.district") == ""
    results = dict(view.page.evaluate(_RESULTS))
    assert {"110105", "220104"} <= set(results), results
    assert view.page.locator(".atlas-search").input_value() == "朝阳区"
    view.assert_clean()
