"""The map page of issue 9 finds a district by any form of its name.

Each of Wenzhou-2024's districts is searched by its full Chinese name (乐清市), its
short Chinese name (乐清), its English name as in ``atlas.districts`` (Yueqing), its
toneless lowercase pinyin without spaces or apostrophes (yueqing, ruian) and its
adcode; Enter selects the first result: the map shows the district's card and the
URL fragment becomes ``#district=<adcode>``.
"""

from __future__ import annotations

import re

import pytest
from browser import fragment_of
from playwright.sync_api import Error

from geo.places.names import strip_zh_suffix

pytestmark = pytest.mark.browser

FORMS = ("full", "short", "english", "pinyin", "adcode")


# After Enter: the URL and whether the district's shape is in view.
_SELECTED = """(adcode) => {
  const map = window.industryAtlasPages[0].map.getContainer().getBoundingClientRect();
  const path = document.querySelector(`.atlas-district[data-place="${adcode}"]`);
  const r = path ? path.getBoundingClientRect() : null;
  return {url: location.href,
          inView: !!r && r.width > 0 && r.left < map.right && r.right > map.left
                  && r.top < map.bottom && r.bottom > map.top};
}"""


def _queries(row) -> dict[str, str]:
    return {"full": row.name_zh, "short": strip_zh_suffix(row.name_zh),
            "english": row.name_en, "pinyin": re.sub(r"[^a-z]", "", row.name_en.lower()),
            "adcode": row.adcode}


@pytest.mark.parametrize("form", FORMS)
def test_search_finds_every_district(form, page_files, contract_pages, atlas):
    """Typing a name form lists the district; Enter opens its card at #district=<adcode>."""
    view = contract_pages(1400, 900).load(page_files("plan", "wenzhou-2024"))
    box = view.expect(".atlas-panel input.atlas-search", "the search box").first
    assert box.get_attribute("type") == "search", "input.atlas-search is not type=search"
    start = view.save_view()
    problems = []
    for row in atlas.districts.itertuples():
        query = _queries(row)[form]
        assert query and (form != "pinyin" or query.isascii())
        view.set_view(start, detached=False)  # no clicks on the map here
        view.page.evaluate("history.replaceState(null, '', location.pathname)")
        box.fill(query)
        results = view.page.locator(".atlas-search-results li[data-place]")
        try:
            results.first.wait_for(state="visible", timeout=2000)
        except Error:
            problems.append(f"{query!r} ({row.adcode}): no .atlas-search-results li[data-place]")
            continue
        listed = results.evaluate_all("items => items.map(li => li.dataset.place)")
        if row.adcode not in listed:
            problems.append(f"{query!r} ({row.adcode}): results {listed}")
        box.press("Enter")
        if not view.wait_popup():
            problems.append(f"{query!r} ({row.adcode}): Enter opens no popup")
            continue
        found = view.page.evaluate(_SELECTED, row.adcode)
        found["text"] = view.popup()["text"]
        if strip_zh_suffix(row.name_zh) not in found["text"]:
            problems.append(f"{query!r} ({row.adcode}): the popup shows {found['text'][:80]!r}")
        if fragment_of(found["url"]).get("district") != row.adcode:
            problems.append(f"{query!r} ({row.adcode}): URL fragment {found['url']}")
        if not found["inView"]:
            problems.append(f"{query!r} ({row.adcode}): its .atlas-district is not in view")
    assert not problems, f"search by {form}:\n  " + "\n  ".join(problems)
    view.assert_clean()
