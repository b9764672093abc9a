"""The page's language as one value: ``Lang.of`` checks it once, then gives words and labels."""

from __future__ import annotations

import pytest

import geo
from geo import vocabulary
from geo.vocabulary import LANGS, Lang, Text

LABEL = Text("乐清", "Yueqing")


@pytest.mark.parametrize(("code", "picked"), [
    ("zh", "乐清"), ("en", "Yueqing"), ("both", "乐清 / Yueqing")])
def test_a_lang_picks_labels_and_words_as_the_functions_do(code, picked):
    lang = Lang.of(code)
    assert lang.code == code and lang.pick(LABEL) == picked
    assert Lang.of(lang) is lang and Lang.of(code) is lang  # made once, passed as is
    assert lang.word("elements") == vocabulary.word("elements", code)
    for medium in vocabulary.MEDIA:
        assert lang.words(medium) == vocabulary.words(medium, code)
    assert lang.word("changes", "map") == vocabulary.words("map", code)["changes"]


def test_words_are_a_copy_the_caller_may_change():
    words = Lang.of("en").words("map")
    words["changes"] = "changed by a caller"
    assert Lang.of("en").words("map")["changes"] != "changed by a caller"


@pytest.mark.parametrize("bad", ["fr", "EN", "", None, ["en"]])
def test_an_unknown_language_is_one_line_naming_it(bad):
    with pytest.raises(geo.AtlasError, match=r"^unknown language .*; expected zh, en or both$"):
        Lang.of(bad)
    with pytest.raises(geo.AtlasError, match="unknown language"):
        vocabulary.check_lang(bad)
    assert bad not in LANGS


def test_the_facade_checks_the_language_before_loading_a_plan():
    # an unknown plan id would raise UnknownNameError if a plan were loaded first
    for call in (geo.diff_map, geo.diff_figure):
        with pytest.raises(geo.AtlasError, match="unknown language 'fr'"):
            call("no-such-plan", "no-such-plan-either", lang="fr")
