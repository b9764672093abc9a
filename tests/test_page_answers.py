"""The map page of issue 9 answers "where is industry X?", and keeps its state in the URL.

Every industry of every shipped plan is opened as ``page.html#industry=<id>``: the
answer's status, places and unlocated elements must be those of
``atlas.districts_hosting(id)``. Choosing an industry in the picker, opening
``#district=``/``#layers=``, and changing layers are checked against the atlas too;
so are two map fragments sharing a host page.
"""

from __future__ import annotations

import pytest

import geo
from geo.atlas.catalog import shipped_plan
from geo.places.names import strip_zh_suffix

pytestmark = pytest.mark.browser

NOT_LOCATED = ("not located", "未定位")
INDUSTRIES = [(p, i.id) for p in geo.plans() for i in shipped_plan(p).industries]


def _expected(atlas, industry_id: str) -> dict:
    hosting = atlas.districts_hosting(industry_id)
    attrs = hosting.attrs
    return {"status": attrs["status"], "unlocated": set(attrs["unlocated"]),
            "places": set(hosting["adcode"]) | set(attrs["zones"]),
            "answer": f"industry={attrs['industry']}"}


def _citations(atlas, industry_id: str, place: str) -> tuple[set[str], list[set[str]]]:
    """Names of the elements through which ``place`` hosts the industry (not the plan's
    "direct" naming), and per citation the texts any of which identifies its source."""
    plan, hosting = atlas.plan, atlas.hosting
    rows = hosting[(hosting["industry"] == industry_id) & (hosting["place_id"] == place)]
    elements = set()
    for element in dict.fromkeys(rows["element"]):
        if element in {e.id for e in plan.layout}:
            elements.add(element)
    sources = [{plan.source(s).title.zh, plan.source(s).title.en, plan.source(s).publisher}
               for s in dict.fromkeys(rows["source"])]
    return elements, sources


@pytest.mark.parametrize(("plan_id", "industry_id"), INDUSTRIES,
                         ids=[f"{p}:{i}" for p, i in INDUSTRIES])
def test_industry_answer_from_the_url(plan_id, industry_id, page_files, contract_pages,
                                      atlases):
    """``#industry=<id>`` at load: status, places (districts and zones) and unlocated
    elements as ``districts_hosting``, each place with its elements and a citation."""
    atlas = atlases(plan_id)
    expected = _expected(atlas, industry_id)
    view = contract_pages(1400, 900).load(page_files("plan", plan_id), f"industry={industry_id}")
    view.expect(".atlas-answer", "the answer of #industry=")
    found = view.wait("""(a) => { const e = document.querySelector('.atlas-answer');
        return e && e.getAttribute('data-atlas-answer') === a; }""", expected["answer"],
                      what=f"#industry={industry_id} at load does not fill .atlas-answer with "
                           f"data-atlas-answer={expected['answer']!r}")
    assert found
    answer = view.answer()
    assert answer["visible"], ".atlas-answer is filled but not visible"
    assert answer["status"] == expected["status"], (
        f"data-status={answer['status']!r}, API status {expected['status']!r}")
    assert set(answer["items"]) == expected["places"], (
        f"li[data-place] {sorted(answer['items'])} != API places {sorted(expected['places'])}")
    assert answer["places"] == len(expected["places"]), "a place is listed more than once"
    assert set(answer["unlocated"]) == expected["unlocated"], (
        f"li[data-unlocated] {sorted(answer['unlocated'])} != attrs['unlocated'] "
        f"{sorted(expected['unlocated'])}")
    plan = atlas.plan
    for element_id, text in answer["unlocated"].items():
        assert any(word in text for word in NOT_LOCATED), (
            f"unlocated {element_id}: {text!r} says neither of {NOT_LOCATED}")
        name = plan.element(element_id).name
        assert name.zh in text or name.en in text, f"unlocated {element_id}: {text!r}"
    says_not_located = any(word in answer["text"] for word in NOT_LOCATED)
    should = expected["status"] == "not located" or bool(expected["unlocated"])
    assert says_not_located == should, (
        f"status {expected['status']!r}, unlocated {sorted(expected['unlocated'])}: the "
        f"answer says 'not located' is {says_not_located}: {answer['text'][:200]!r}")
    for place, text in answer["items"].items():
        elements, sources = _citations(atlas, plan.industry(industry_id).id, place)
        for element_id in elements:
            name = plan.element(element_id).name
            assert name.zh in text or name.en in text, (
                f"{place}: hosts through {element_id} ({name.en}), not shown: {text!r}")
        assert sources, f"{place}: listed, but the atlas has no row for it"
        assert any(any(s and s in text for s in source) for source in sources), (
            f"{place}: no citation in {text!r}; expected one of {sources}")
    view.assert_clean()


def test_picker_lists_industries_and_fills_the_answer(page_files, contract_pages, atlas):
    """select.atlas-picker: "" first, then every industry id; choosing one fills the
    answer and sets #industry=<id>; choosing "" empties it."""
    view = contract_pages(1400, 900).load(page_files("plan", "wenzhou-2024"))
    picker = view.expect(".atlas-panel select.atlas-picker", "the industry picker").first
    values = picker.evaluate("s => [...s.options].map(o => o.value)")
    assert values[0] == "", f"first option {values[0]!r}, expected '' (none)"
    assert sorted(values[1:]) == sorted(i.id for i in atlas.plan.industries), values
    for industry_id in ("ic", "smart-home"):
        expected = _expected(atlas, industry_id)
        picker.select_option(industry_id)
        view.wait("""(a) => { const e = document.querySelector('.atlas-answer');
            return e && e.getAttribute('data-atlas-answer') === a; }""", expected["answer"],
                  what=f"choosing {industry_id} does not fill .atlas-answer")
        answer = view.answer()
        assert answer["status"] == expected["status"]
        assert set(answer["items"]) == expected["places"]
        assert view.fragment().get("industry") == industry_id, (
            f"choosing {industry_id}: URL fragment {view.page.url.split('#')[-1]!r}")
    picker.select_option("")
    view.wait("() => !location.hash.includes('industry=')",
              what="choosing no industry leaves industry= in the URL fragment")
    answer = view.answer()
    assert answer is None or not answer["items"], "no industry chosen, yet places are listed"
    view.assert_clean()


def test_district_fragment_opens_its_card(page_files, contract_pages, atlas):
    """``#district=<adcode>`` at load opens that district's card."""
    adcode = atlas.place_id("乐清市")
    name = atlas.districts.set_index("adcode").loc[adcode, "name_zh"]
    view = contract_pages(1400, 900).load(page_files("plan", "wenzhou-2024"),
                                          f"district={adcode}")
    assert view.wait_popup(3000), f"#district={adcode} at load opens no popup"
    text = view.popup()["text"]
    assert strip_zh_suffix(name) in text, f"#district={adcode}: popup {text[:120]!r}"
    assert view.fragment().get("district") == adcode
    view.assert_clean()


def _on(view) -> set[str]:
    return {t["layer"] for t in view.toggles() if t["checked"] and t["layer"] != "districts"}


@pytest.mark.parametrize("layers", [("corridor", "north-core"), ("ic",), ()],
                         ids=["two-elements", "one-industry", "none"])
def test_layers_fragment_sets_exactly_those_layers(layers, page_files, contract_pages, atlas):
    """``#layers=a,b`` at load: exactly the toggles of those elements or industries on."""
    ids = {s.id.split(":", 1)[1]: s.id for s in atlas.layers()}
    expected = {ids[key] for key in layers}
    view = contract_pages(1400, 900).load(page_files("plan", "wenzhou-2024"),
                                          "layers=" + ",".join(layers))
    view.expect("input[type=checkbox][data-layer]", "layer toggles")
    assert _on(view) == expected, f"#layers={','.join(layers)}: on {sorted(_on(view))}"
    view.assert_clean()


def test_toggles_match_the_layers_and_update_the_url(page_files, contract_pages, atlas):
    """One toggle per layer spec (and "districts"), each with its swatch; switching one
    off writes #layers= with exactly the layers that are on."""
    view = contract_pages(1400, 900).load(page_files("plan", "wenzhou-2024"))
    view.expect(".atlas-panel input[type=checkbox][data-layer]", "layer toggles in the panel")
    toggles = view.toggles()
    specs = {s.id for s in atlas.layers()}
    layers = [t["layer"] for t in toggles]
    assert len(layers) == len(set(layers)), f"duplicate toggles: {layers}"
    assert specs <= set(layers) <= specs | {"districts"}, (
        f"toggles {sorted(layers)} != layer specs {sorted(specs)} (+ districts)")
    bad = [t["layer"] for t in toggles if not t["inPanel"] or t["swatches"] != 1]
    assert not bad, f"toggles outside the panel or without one .atlas-swatch in their label: {bad}"
    shown = {s.id for s in atlas.layers() if s.show}
    assert _on(view) == shown, f"on at load {sorted(_on(view))}, specs shown {sorted(shown)}"
    target = sorted(shown)[0]
    view.page.locator(f'input[type=checkbox][data-layer="{target}"]').dispatch_event("click")
    view.wait("(t) => location.hash.includes('layers=')", target,
              what=f"switching {target} off does not write #layers= in the URL")
    written = {x for x in view.fragment()["layers"].split(",") if x}
    assert written == {layer.split(":", 1)[1] for layer in _on(view)}, (
        f"#layers={view.fragment()['layers']} but on: {sorted(_on(view))}")
    assert target.split(":", 1)[1] not in written
    view.assert_clean()


# --- fragments ---------------------------------------------------------------------------

_HOST = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>host</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Two atlas maps</h1>{first}<p>between</p>{second}</main></body></html>"""



def test_two_fragments_on_one_page(tmp_path, contract_pages, atlases):
    """Two fragments: two controllers, each with its own districts, picker and answer."""
    first, second = atlases("wenzhou-2024"), atlases("tongxiang-2018")
    host = tmp_path / "host.html"
    host.write_text(_HOST.format(first=first.to_html(fragment=True, key="a"),
                                 second=second.to_html(fragment=True, key="b")), "utf-8")
    view = contract_pages(1400, 900).load(host)
    count = view.page.evaluate("window.industryAtlasPages.length")
    assert count == 2, f"{count} page controllers for two fragments"
    for index, atlas in enumerate((first, second)):
        places = [p["place"] for p in view.label_points(index)]
        assert sorted(places) == sorted(atlas.districts["adcode"]), (index, places)
    industry = "ic"
    expected = _expected(first, industry)
    root = view.page.locator(".atlas-map").nth(0)
    # the picker of the first fragment: the one nearest its map, inside its own container
    picker = view.page.locator("select.atlas-picker")
    assert picker.count() == 2, f"{picker.count()} pickers for two fragments"
    picker.nth(0).select_option(industry)
    view.wait("""(a) => { const e = document.querySelectorAll('.atlas-answer')[0];
        return e && e.getAttribute('data-atlas-answer') === a; }""", expected["answer"],
              what="choosing ic in the first fragment's picker fills no answer of its own")
    statuses = view.page.evaluate("""() => [...document.querySelectorAll('.atlas-answer')].map(
        a => [a.getAttribute('data-atlas-answer'), a.getAttribute('data-status')])""")
    assert statuses[0] == [expected["answer"], expected["status"]], statuses
    assert len(statuses) == 2 and statuses[1][0] != expected["answer"], (
        f"the second fragment's answer changed too: {statuses}")
    assert root.is_visible()
    view.assert_clean()


@pytest.mark.parametrize(("plan_id", "industry_id"), [("wenzhou-2024", "ic"),
                                                      ("china-clusters-2022", "data-exchange")])
def test_a_citation_shared_by_hosts_is_said_once(plan_id, industry_id, page_files,
                                                 contract_pages, screenshots):
    """Hosts citing the same passage are one group under one citation line: the answer
    has no repeated citation, and every host still shows one."""
    view = contract_pages(1400, 900).load(page_files("plan", plan_id), f"industry={industry_id}")
    view.expect(".atlas-answer li[data-place]", "the answer's places")
    answer = view.answer()
    assert answer["places"] >= 2, f"{plan_id}:{industry_id} needs two hosts to test grouping"
    assert answer["cites"] and len(answer["cites"]) == len(set(answer["cites"])), (
        f"a citation is repeated in the answer: {answer['cites']}")
    assert len(answer["cites"]) < answer["places"], "one citation line per host: not grouped"
    assert all(any(c in text for c in answer["cites"]) for text in answer["items"].values())
    view.assert_clean()
    screenshots(view.page, f"page-answer-{plan_id}-{industry_id}")


def test_phone_sheet_bar_says_the_answer(page_files, contract_pages, atlas):
    """At 390 px the answer list is inside the collapsed sheet: its one-line bar tells
    the answer (industry and count), and the title again once the question is cleared."""
    view = contract_pages(390, 844).load(page_files("plan", "wenzhou-2024"), "industry=ic")
    bar = view.expect(".atlas-panel .atlas-panel-toggle", "the sheet's toggle").first
    expected = _expected(atlas, "ic")
    text = bar.inner_text()
    name = atlas.plan.industry("ic").name
    assert name.zh in text and name.en in text and str(len(expected["places"])) in text, text
    view.page.locator(".atlas-picker").select_option("", force=True)
    assert atlas.plan.title.en in bar.inner_text() and name.en not in bar.inner_text()
    view.assert_clean()


# --- the harness: one load, many questions -----------------------------------------------

STEPS = ["industry=ic", "layers=corridor,north-core", "industry=smart-home&layers=ic", ""]
CARD = "district=330382"  # a step to it opens a card: the page is loaded again after it


def every_pair_walk(nodes: list[str]) -> list[str]:
    """A walk through ``nodes`` taking every ordered pair (a node to itself too) as one
    step, exactly once (an Euler circuit of the complete graph with loops)."""
    unused = {node: list(nodes) for node in nodes}
    stack, walk = [nodes[0]], []
    while stack:
        if unused[stack[-1]]:
            stack.append(unused[stack[-1]].pop())
        else:
            walk.append(stack.pop())
    return walk[::-1]


def test_every_pair_walk_takes_each_step_once():
    walk = every_pair_walk(STEPS)
    steps = list(zip(walk, walk[1:], strict=False))
    assert sorted(steps) == sorted((a, b) for a in STEPS for b in STEPS)


def test_stepping_the_hash_gives_the_state_of_a_load(page_files, contract_pages):
    """``ContractPage.load`` steps an unchanged page to a new fragment by ``hashchange``:
    the page it gives (DOM, form values, view, URL) is the page a load of that fragment
    gives, from any fragment before; a page a test changed is loaded again.

    Every fragment is loaded once (its state the reference) and stepped to the card
    fragment from that load; then one load walks every ordered pair of the other
    fragments by steps, each step starting from a page whose state was just found equal
    to a load of the fragment it starts from (6 loads instead of one per pair)."""
    path = page_files("plan", "wenzhou-2024")
    view = contract_pages(1400, 900)

    def step(before: str, fragment: str, state: str) -> None:
        loads = view.loads
        stepped = view.load(path, fragment).state()
        assert view.loads == loads, f"#{before} -> #{fragment}: loaded, not stepped"
        assert stepped == state, f"#{before} -> #{fragment} by hashchange != a load"

    loaded = {CARD: view.load(path, CARD, fresh=True).state()}
    for before in STEPS:  # from a load of each fragment, a step to the card
        loaded[before] = view.load(path, before, fresh=True).state()
        step(before, CARD, loaded[CARD])
        view.assert_clean()
    walk = every_pair_walk(STEPS)
    assert view.load(path, walk[0], fresh=True).state() == loaded[walk[0]]
    for before, fragment in zip(walk, walk[1:], strict=False):
        step(before, fragment, loaded[fragment])
    view.assert_clean()
    view.load(path, "industry=ic")
    view.page.locator(".atlas-picker").select_option("")  # a test changes the page
    loads = view.loads
    view.load(path, "industry=ic")
    assert view.loads == loads + 1, "a changed page was stepped, not loaded again"
    assert view.answer()["answer"] == "industry=ic"


def test_a_link_with_a_word_people_type_lights_the_answer(page_files, open_map, atlas,
                                                          screenshots):
    """``#industry=chip`` (issue 17: a typed word, not the id) opens IC's answer: its hosts
    lit by the hatching, the answer's list naming them; screenshots of that state."""
    view = open_map(page_files("plan", "wenzhou-2024"))
    page = view.page
    page.evaluate("location.hash = 'industry=chip'")
    page.wait_for_selector(".atlas-answer[data-atlas-answer='industry=ic']")
    expected = _expected(atlas, "ic")
    listed = set(page.locator(".atlas-answer li[data-place]").evaluate_all(
        "items => items.map(i => i.getAttribute('data-place'))"))
    assert listed == expected["places"]
    lit = page.locator("path.atlas-answer-shape")
    assert lit.count() == len(expected["places"] - set(atlas.districts_hosting("ic")
                                                       .attrs["zones"]))
    assert lit.first.evaluate("p => getComputedStyle(p).fill").startswith("url(")
    assert page.locator(".atlas-link-note:visible").count() == 0  # a known word: no note
    screenshots(page, "industry-chip")
    view.assert_clean()
