"""The words people type (issue 17): one industry resolver for the API, the CLI and the page;
strict presets; "did you mean" over names of the right kind."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from geo.cli import main
from geo.errors import UnknownNameError
from geo.render.mapdata import search_form

# (typed, industry id) for the 2024 Wenzhou plan: case, width, plural, 产业/行业, lexicon
# synonyms. One table for every way in: the API, the CLI, the page's hash and its search box.
TYPED = [
    ("ic", "ic"), ("IC", "ic"), ("ＩＣ", "ic"), ("integrated circuit", "ic"),
    ("Integrated Circuits", "ic"), ("integrated circuits", "ic"),
    ("chip", "ic"), ("chips", "ic"), ("芯片", "ic"), ("集成电路", "ic"),
    ("集成电路产业", "ic"), ("集成电路行业", "ic"),
    ("artificial intelligence", "ai"), ("人工智能产业", "ai"),
    ("Smart Home", "smart-home"), ("metaverses", "metaverse"),
]


@pytest.mark.parametrize(("typed", "industry"), TYPED)
def test_api_accepts_the_words_people_type(atlas, typed, industry):
    assert atlas.districts_hosting(typed).attrs["industry"] == industry


@pytest.mark.parametrize(("typed", "industry"), TYPED)
def test_cli_query_accepts_the_words_people_type(capsys, typed, industry):
    assert main(["query", "wenzhou-2024", "--industry", typed]) == 0
    assert capsys.readouterr().out.startswith(f"{industry} (")


def test_unknown_industry_suggests_an_industry(atlas):
    with pytest.raises(UnknownNameError, match=r"did you mean .*\bic\b"):
        atlas.industry_id("integrated circuitz")


def test_region_as_district_suggests_districts_not_zones(atlas):
    with pytest.raises(UnknownNameError) as error:
        atlas.place_id("温州市")
    message = str(error.value)
    assert "鹿城区" in message and "intelligence-valley" not in message


def test_cli_query_region_as_district_suggests_districts(capsys):
    """Issue 17: ``query --district 温州市`` suggested "intelligence-valley" (a zone); it names
    the region's districts, on one line, exit 2."""
    assert main(["query", "wenzhou-2024", "--district", "温州市"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "did you mean" in err, err
    assert "鹿城区" in err and "intelligence-valley" not in err, err


@pytest.mark.parametrize(("option", "value", "hint"), [
    ("--layers", "coridor", "did you mean corridor"),
    ("--layers", "corridor,nort-core", "did you mean north-core"),
    ("--show", "xyz", "did you mean one of iot"),
    ("--show", "integrated circuitz", "did you mean ic"),
])
def test_a_preset_that_names_nothing_exits_2_with_a_hint(tmp_path, capsys, option, value,
                                                          hint):
    assert main(["build", "wenzhou-2024", "-o", str(tmp_path), option, value]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and hint in err, err
    assert list(tmp_path.iterdir()) == []


def test_layer_keys_fold_case_to_the_pages_keys(atlas):
    assert atlas.layer_keys(["Corridor", "layout:north-core", "IC"]) == [
        "corridor", "north-core", "ic"]


# --- the page's hash: the same words, and a visible note for a value that names nothing ----

_STATE = """() => { const s = window.industryAtlasPages[0].state;
    return [s.industry, s.district]; }"""
_NOTE = """() => { const n = document.querySelector('.atlas-link-note');
    return n && n.offsetParent !== null ? n.textContent : null; }"""


@pytest.mark.browser
@pytest.mark.parametrize(("fragment", "state"), [
    ("industry=IC", ["ic", ""]),
    ("industry=integrated%20circuits", ["ic", ""]),
    ("industry=%E9%9B%86%E6%88%90%E7%94%B5%E8%B7%AF%E4%BA%A7%E4%B8%9A", ["ic", ""]),  # 集成电路产业
    ("district=%E4%B9%90%E6%B8%85", ["", "330382"]),  # 乐清
    ("district=Yueqing&industry=chip", ["ic", "330382"]),
])
def test_hash_accepts_the_words_people_type(page_files, contract_pages, fragment, state):
    view = contract_pages(1400, 900).load(page_files("plan", "wenzhou-2024"), fragment)
    assert view.page.evaluate(_STATE) == state
    assert view.page.evaluate(_NOTE) is None
    view.assert_clean()


@pytest.mark.browser
def test_unknown_hash_value_shows_a_note(page_files, contract_pages, screenshots):
    view = contract_pages(1400, 900).load(page_files("plan", "wenzhou-2024"),
                                          "industry=xyz&district=nowhere")
    note = view.page.evaluate(_NOTE)
    assert note is not None and "industry=xyz" in note and "district=nowhere" in note, note
    assert view.page.evaluate(_STATE) == ["", ""]
    screenshots(view.page, "hash-unknown-note")
    view.assert_clean()


def test_the_pages_word_table_is_the_resolvers(atlas, page_files):
    """The page matches typed words against a table the resolver wrote (Atlas.industry_words,
    folded as the page folds); each of its words finds, in Python, the industry it names."""
    from geo.render.codec import embedded_data

    table = embedded_data(page_files("plan", "wenzhou-2024").read_text("utf-8"))["industryWords"]
    assert len(table) > 3 * len(atlas.plan.industries)
    wrong = {word: industry for word, industry in table.items()
             if atlas.industry_id(word) != industry}
    assert not wrong, wrong
    assert {table.get(search_form(typed)) for typed, _ in TYPED} >= {"ic", "ai"}


def test_the_page_folds_typed_text_as_the_table_was_folded():
    """atlas.js's norm() drops the characters mapdata.search_form drops (and both NFKC)."""
    import re
    from importlib import resources

    from geo.render import mapdata

    script = resources.files("geo.render").joinpath("atlas.js").read_text("utf-8")
    norm = re.search(r"function norm\(text\) \{\s*return (.*?);\s*\}", script).group(1)
    assert 'normalize("NFKC").toLowerCase()' in norm
    assert f".replace(/{mapdata.SEARCH_DROP.pattern}/g" in norm, norm
    assert mapdata.search_form("Ｃhaoyang, Bei-jing ") == "chaoyangbeijing"


# Sets the fragment and resolves after the page's hashchange.
_HASH = """(h) => new Promise(resolve => {
  addEventListener('hashchange', () => resolve(), {once: true});
  location.hash = h;
})"""


@pytest.mark.browser
def test_hash_accepts_every_typed_word(page_files, contract_pages):
    view = contract_pages(1400, 900).load(page_files("plan", "wenzhou-2024"), fresh=True)
    wrong = {}
    for typed, industry in TYPED:
        view.page.evaluate(_HASH, "industry=" + quote(typed))
        if view.page.evaluate(_STATE)[0] != industry or view.page.evaluate(_NOTE):
            wrong[typed] = [view.page.evaluate(_STATE), view.page.evaluate(_NOTE)]
    assert not wrong, f"expected these words to answer their industry: {wrong}"
    view.assert_clean()


_RESULT = """() => [...document.querySelectorAll('.atlas-search-results li')].map(
  li => li.dataset.industry ? 'industry:' + li.dataset.industry : li.dataset.place || '')"""


@pytest.mark.browser
def test_search_box_finds_every_typed_word(page_files, contract_pages, screenshots):
    """Typed in the search box, each word lists its industry first; Enter answers it."""
    view = contract_pages(1400, 900).load(page_files("plan", "wenzhou-2024"), fresh=True)
    box = view.expect(".atlas-panel input.atlas-search", "the search box").first
    wrong = {}
    for typed, industry in TYPED:
        box.fill(typed)
        results = view.page.evaluate(_RESULT)
        box.press("Enter")
        state = view.page.evaluate(_STATE)
        answer = view.answer()
        if (results[:1] != [f"industry:{industry}"] or state[0] != industry
                or answer["answer"] != f"industry={industry}"
                or view.fragment().get("industry") != industry):
            wrong[typed] = [results, state, answer["answer"], view.fragment()]
    assert not wrong, f"search box words: {wrong}"
    box.fill("芯片")
    item = view.page.locator(".atlas-search-results li[data-industry='ic'] button")
    assert "集成电路" in item.inner_text()
    screenshots(view.page, "search-industry-chip")
    view.assert_clean()


@pytest.mark.browser
@pytest.mark.parametrize("unknown", ["999999", "乐清x"])
def test_a_link_to_an_unknown_district_closes_the_open_card(page_files, contract_pages,
                                                            unknown, screenshots):
    """A hash step from an open card to a district not on the map: the note says so and the
    stale card closes (its outline and the link's district go with it)."""
    view = contract_pages(1400, 900).load(page_files("plan", "wenzhou-2024"),
                                          "district=330382", fresh=True)
    assert view.wait_popup() and view.page.evaluate(_STATE)[1] == "330382"
    view.page.evaluate(_HASH, "district=" + quote(unknown))
    assert view.wait_no_popup(), "the previous district's card stays open"
    note = view.page.evaluate(_NOTE)
    assert note is not None and f"district={unknown}" in note, note
    assert view.page.evaluate(_STATE) == ["", ""]
    assert view.page.locator("[data-atlas-selected]").count() == 0
    if unknown == "999999":
        screenshots(view.page, "hash-unknown-district-closes-card")
    view.assert_clean()


@pytest.mark.browser
def test_a_link_to_another_district_replaces_the_open_card(page_files, contract_pages):
    view = contract_pages(1400, 900).load(page_files("plan", "wenzhou-2024"),
                                          "district=330382", fresh=True)
    assert view.wait_popup()
    view.page.evaluate(_HASH, "district=330381")
    assert view.wait_popup() and "瑞安" in view.popup()["text"]
    assert view.page.evaluate(_STATE)[1] == "330381"
    assert view.fragment().get("district") == "330381", view.page.url
    selected = view.page.locator("[data-atlas-selected]")
    assert selected.count() == 2  # the halo and the line
    assert {selected.nth(i).get_attribute("data-atlas-selected") for i in range(2)} == {
        "330381"}
    view.assert_clean()
