"""The page's language as one value: ``Lang.of`` checks it once, then gives words and labels."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

import geo
from geo import vocabulary
from geo.cli import commands as cli
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
    assert bad not in LANGS


def test_the_facade_checks_the_language_before_loading_a_plan():
    # an unknown plan id would raise UnknownNameError if a plan were loaded first
    for call in (geo.diff_map, geo.diff_figure):
        with pytest.raises(geo.AtlasError, match="unknown language 'fr'"):
            call("no-such-plan", "no-such-plan-either", lang="fr")


def test_a_label_picks_by_a_lang_as_by_its_code():
    for code in LANGS:
        assert LABEL.pick(Lang.of(code)) == LABEL.pick(code)


# --- the language is made once, at the entry points ------------------------------------------

PACKAGE = Path(__file__).resolve().parents[1] / "geo"
#: Where a language code may become a Lang: the facade, the Atlas's public methods, the
#: command line, and the vocabulary that defines it. Every output below takes the Lang.
ENTRIES = ("__init__.py", "atlas/atlas.py", "cli/", "vocabulary.py")


def _lang_checks(root: Path) -> list[str]:
    """``module:line`` of every ``Lang(...)``, ``Lang.of(...)`` or ``check_lang`` outside
    :data:`ENTRIES`."""
    found = []
    for path in sorted(root.rglob("*.py")):
        module = str(path.relative_to(root))
        if module.startswith(ENTRIES):
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            name = ""
            if isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "Lang":
                    name = f"Lang.{func.attr}"
                elif getattr(func, "id", "") == "Lang":
                    name = "Lang"
            elif isinstance(node, ast.Name | ast.Attribute | ast.alias):
                text = getattr(node, "id", "") or getattr(node, "attr", "") or node.name
                name = text if text == "check_lang" else ""
            if name:
                found.append(f"{module}:{node.lineno} {name}")
    return found


def test_no_output_checks_the_language_again():
    assert _lang_checks(PACKAGE) == []


def test_the_scan_finds_a_check_below_the_entry_points(tmp_path):
    (tmp_path / "render").mkdir()
    (tmp_path / "render" / "bad.py").write_text(
        "from ..vocabulary import Lang, check_lang\n\n"
        "def f(lang):\n    return Lang.of(lang), Lang(lang), vocabulary.check_lang(lang)\n",
        "utf-8")
    (tmp_path / "cli").mkdir()
    (tmp_path / "cli" / "ok.py").write_text("def f(x):\n    return Lang.of(x)\n", "utf-8")
    assert _lang_checks(tmp_path) == [
        "render/bad.py:1 check_lang", "render/bad.py:4 Lang.of", "render/bad.py:4 Lang",
        "render/bad.py:4 check_lang"]


@pytest.fixture(scope="module")
def wenzhou():
    return geo.load("wenzhou-2024")


@pytest.mark.parametrize("call", [
    lambda a, out: a.map(lang="fr"),
    lambda a, out: a.to_html(out / "map.html", lang="fr"),
    lambda a, out: a.to_html(out / "embed.html", lang="fr", fragment=True),
    lambda a, out: a.figure("layout", lang="fr"),
    lambda a, out: a.figure("industries", lang="fr"),
    lambda a, out: a.report(out / "report.html", lang="fr"),
    lambda a, out: a.layers("fr"),
    lambda a, out: a.charts("fr"),
], ids=["map", "to_html", "fragment", "layout figure", "industry figure", "report", "layers",
        "charts"])
def test_every_atlas_entry_point_refuses_an_unknown_language_in_one_line(wenzhou, tmp_path,
                                                                        call):
    with pytest.raises(geo.AtlasError) as caught:
        call(wenzhou, tmp_path)
    assert str(caught.value) == "unknown language 'fr'; expected zh, en or both"
    assert list(tmp_path.iterdir()) == []  # nothing written


@pytest.mark.parametrize("code", LANGS)
def test_an_atlas_entry_point_takes_a_code_or_a_lang_alike(wenzhou, code):
    assert wenzhou.layers(code) == wenzhou.layers(Lang.of(code))
    assert wenzhou.charts(code) == wenzhou.charts(Lang.of(code))


#: Every command with ``--lang``, and the positional arguments it needs.
LANG_COMMANDS = {"build": [], "embed": ["p"], "diff": ["a", "b"], "figure": ["p"],
                 "national": ["n"], "report": [], "index": []}


def test_the_lang_commands_are_the_ones_listed():
    assert {n for n, c in cli._COMMANDS.items() if cli.LANG in c.options} == set(LANG_COMMANDS)


@pytest.mark.parametrize("name", LANG_COMMANDS)
def test_a_command_holds_its_language_as_one_lang(monkeypatch, name):
    seen = []
    spec = cli._COMMANDS[name]
    monkeypatch.setitem(cli._COMMANDS, name,
                        dataclasses.replace(spec, handler=lambda args: seen.append(args.lang)))
    positional = LANG_COMMANDS[name]
    assert cli.main([name, *positional, "--lang", "en"]) is None
    assert cli.main([name, *positional]) is None
    assert seen == [Lang.of("en"), vocabulary.BOTH]
    assert all(isinstance(lang, Lang) for lang in seen)


@pytest.mark.parametrize("name", LANG_COMMANDS)
def test_a_command_refuses_an_unknown_language_in_one_line(capsys, tmp_path, name):
    assert cli.main([name, *LANG_COMMANDS[name], "--lang", "fr", "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"industry-atlas {name}: error: argument --lang: invalid choice: 'fr'")
    assert "(choose from 'zh', 'en', 'both')" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("code", LANGS)
def test_a_fragment_is_keyed_by_the_language_code(wenzhou, code):
    """The default key of a fragment is ``<lang>-<basemap>``: the code, not the Lang's repr."""
    html = wenzhou.to_html(fragment=True, lang=code)
    assert f'data-atlas-key="{code}-none"' in html and "Lang(" not in html
