"""The words people type (issue 17): one industry resolver for the API, the CLI and the page;
strict presets; "did you mean" over names of the right kind."""

from __future__ import annotations

import pytest

from geo.cli import main
from geo.errors import UnknownNameError

# (typed, industry id) for the 2024 Wenzhou plan: case, plural, 产业/行业, lexicon synonyms.
TYPED = [
    ("ic", "ic"), ("IC", "ic"), ("integrated circuit", "ic"), ("Integrated Circuits", "ic"),
    ("chip", "ic"), ("chips", "ic"), ("芯片", "ic"), ("集成电路", "ic"),
    ("集成电路产业", "ic"), ("集成电路行业", "ic"),
    ("artificial intelligence", "ai"), ("人工智能产业", "ai"),
    ("Smart Home", "smart-home"), ("metaverses", "metaverse"),
]


@pytest.mark.parametrize(("typed", "industry"), TYPED)
def test_api_accepts_the_words_people_type(atlas, typed, industry):
    assert atlas.districts_hosting(typed).attrs["industry"] == industry


@pytest.mark.parametrize(("typed", "industry"), TYPED[2:6])
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
