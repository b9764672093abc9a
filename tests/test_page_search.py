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
from playwright.sync_api import Error

from geo.names import strip_zh_suffix

pytestmark = pytest.mark.browser

FORMS = ("full", "short", "english", "pinyin", "adcode")


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
        view.set_view(start)
        view.page.evaluate("history.replaceState(null, '', location.pathname)")
        box.fill("")
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
        try:
            view.page.locator(".leaflet-popup").last.wait_for(state="visible", timeout=2000)
        except Error:
            problems.append(f"{query!r} ({row.adcode}): Enter opens no popup")
            continue
        text = view.page.locator(".leaflet-popup-content").last.inner_text()
        if strip_zh_suffix(row.name_zh) not in text:
            problems.append(f"{query!r} ({row.adcode}): the popup shows {text[:80]!r}")
        fragment = view.fragment()
        if fragment.get("district") != row.adcode:
            problems.append(f"{query!r} ({row.adcode}): URL fragment {fragment}")
        in_view = view.page.evaluate(f"""(a) => {{ const m = {view.controller}.map;
            const c = m.latLngToContainerPoint(m.getCenter());
            const p = document.querySelector(`.atlas-district[data-place="${{a}}"]`);
            if (!p) return null;
            const r = p.getBoundingClientRect(), b = m.getContainer().getBoundingClientRect();
            return r.width > 0 && r.left < b.right && r.right > b.left
                && r.top < b.bottom && r.bottom > b.top; }}""", row.adcode)
        if not in_view:
            problems.append(f"{query!r} ({row.adcode}): its .atlas-district is not in view")
    assert not problems, f"search by {form}:\n  " + "\n  ".join(problems)
    view.assert_clean()
