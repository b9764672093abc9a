"""The diff map and the diff figure: wenzhou-2022 -> wenzhou-2024.

Expected places come from the plans themselves (``geo.load``), not from numbers
copied into the tests; the browser test opens the map offline in Debian's
chromium (the ``open_page`` fixture of conftest.py).
"""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

import geo
from geo import settings
from geo.cli import main
from geo.figures import figure_bytes
from geo.render.packing import unpacked
from geo.show import diff_layers

A, B = "wenzhou-2022", "wenzhou-2024"
SPEC = re.compile(r"industryAtlas\.diffView\(\w+,\s*(\{.*?\})\);", re.S)


@pytest.fixture(scope="module")
def pair(atlases):
    return atlases(A), atlases(B)


@pytest.fixture(scope="module")
def comparison(pair):
    return diff_layers.comparison(*pair, lang="en")


@pytest.fixture(scope="module")
def html(pair) -> str:
    """The diff page with its program unpacked (geo/render/packing.py)."""
    return unpacked(geo.diff_map(*pair).get_root().render())


def _layers(html: str) -> dict[str, dict]:
    """The layer specs written into the page, by id."""
    return {s["id"]: s for s in map(json.loads, SPEC.findall(html))}


def _layer(comparison, layer_id: str):
    return next(s for s in comparison.layers if s.id == layer_id)


def test_south_core_adds_cangnan(comparison, html):
    """Cangnan joins the southern core; Rui'an and Pingyang stay."""
    expected = {"330327": "added", "330381": "unchanged", "330326": "unchanged"}
    assert _layer(comparison, "layout:south-core").changes() == expected
    written = _layers(html)["layout:south-core"]
    assert written["changes"] == expected
    # the change and the citations of both sides, in the tooltip and card of the layer
    assert "unchanged" in written["names"]["330381"] and "added" in written["names"]["330327"]
    assert "wenzhou-2022: " in written["cards"]["330381"]
    assert "wenzhou-2024: " in written["cards"]["330381"]
    assert "wenzhou-2022: " not in written["cards"]["330327"]


def test_corridor_located_in_2024_only(pair, comparison, html):
    """The 2022 corridor names no district: its 2024 members are added, the 2022 entry a note."""
    a, b = pair
    assert not a.plan.element("corridor").members
    members = {m.key for m in b.plan.element("corridor").members if m.kind == "district"}
    spec = _layer(comparison, "layout:corridor")
    assert spec.changes() == dict.fromkeys(members, "added")
    note = next(n for n in spec.notes if "not located by wenzhou-2022" in n)
    assert note.startswith("One Corridor: not located")  # in both editions: not removed
    assert note in comparison.notes
    written = _layers(html)["layout:corridor"]
    assert set(written["changes"]) == members
    assert "not located by wenzhou-2022" in _panel_text(html)


def test_layers_are_the_changed_elements_and_industries(comparison, html):
    """One layer per element or industry with an added or removed row; a toggle (each its
    own colour) for those with places to draw; unchanged ones and unlocated changes listed."""
    changes = comparison.changes
    changed = changes[changes["change"] != "unchanged"]
    expected = ({f"layout:{e}" for e in changed["element"] if e}
                | {f"industry:{i}" for i in changed["industry"] if i})
    assert {s.id for s in comparison.layers} == expected
    drawn = [s for s in comparison.layers if s.entries]
    assert set(_layers(html)) == {s.id for s in drawn} and len(drawn) < len(expected)
    colors = [s["color"] for s in _layers(html).values()]
    assert len(set(colors)) == len(colors)
    assert "north-core" not in {s.id.split(":")[1] for s in comparison.layers}
    assert "Northern core" in comparison.unchanged
    panel = _panel_text(html)
    assert "Northern core" in panel
    for spec in comparison.layers:
        if not spec.entries:
            assert all(note in panel for note in spec.notes)


def test_diff_map_is_deterministic_and_titled(pair, html):
    assert unpacked(geo.diff_map(*pair).get_root().render()) == html
    assert "wenzhou-2022 → wenzhou-2024" in html
    for atlas in pair:
        for source in atlas.plan.sources:
            assert source.publisher in html


def test_diff_figure(pair, comparison):
    """One panel per layer that draws a place; same bytes twice; legend and title."""
    import matplotlib.text

    fig = geo.diff_figure(*pair, lang="en")
    drawn = [s for s in comparison.layers if s.entries]
    assert len(fig.axes) == len(drawn)
    texts = "\n".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))
    for word in ("added", "removed", "unchanged", "wenzhou-2022 → wenzhou-2024", "km"):
        assert word in texts
    assert "Three Chains: removed; not located by wenzhou-2022" in texts
    svg = figure_bytes(fig, "svg")
    assert figure_bytes(geo.diff_figure(*pair, lang="en"), "svg") == svg


def test_cli_writes_map_and_figure(tmp_path, capsys):
    assert main(["diff", A, B, "-o", str(tmp_path), "--format", "svg", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    html, svg = tmp_path / f"{A}-vs-{B}.en.html", tmp_path / f"{A}-vs-{B}-diff.en.svg"
    assert sorted(tmp_path.iterdir()) == sorted([html, svg])
    assert str(html) in out and str(svg) in out and "330327" not in out
    assert "added    element south-core" in out
    assert html.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert svg.read_bytes().startswith(b"<?xml")


def test_cli_json_and_no_files(tmp_path, capsys):
    assert main(["diff", A, B, "-o", str(tmp_path / "x"), "--json", "--no-files"]) == 0
    assert json.loads(capsys.readouterr().out)
    assert not (tmp_path / "x").exists()


def test_cli_different_regions_writes_nothing(tmp_path, capsys):
    assert main(["diff", A, "zhejiang-2022", "-o", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "different regions" in err
    assert not (tmp_path / "x").exists()
    with pytest.raises(geo.AtlasError, match="different regions"):
        geo.diff_map(A, "zhejiang-2022")


_STROKES = """() => [...document.querySelectorAll(
    '.leaflet-overlay-pane path.leaflet-interactive')].map(p => p.getAttribute('stroke'))"""
# A dotted layer's fill (a second encoding, geo/show/colours.py) is a pattern: its colour
# is that of the pattern's ground.
_FILLS = """() => [...document.querySelectorAll(
    '.leaflet-overlay-pane path.leaflet-interactive')].map(p => {
      const fill = p.getAttribute('fill'), ref = /^url\\(#(.+)\\)$/.exec(fill);
      return ref ? document.getElementById(ref[1]).querySelector('rect').getAttribute('fill')
                 : fill; })"""


def _panel_text(html: str) -> str:
    """The text of the page's panel (tags dropped, entities as written)."""
    start = html.index('<aside class="atlas-panel"')
    return unescape(re.sub(r"<[^>]+>", " ", html[start:html.index("</aside>", start)]))


@pytest.mark.browser
def test_diff_map_in_browser(tmp_path, open_page, pair, comparison):
    """Offline, no errors; toggling a layer changes what is drawn; added and removed differ."""
    path = tmp_path / "diff.html"
    path.write_text(geo.diff_map(*pair).get_root().render(), "utf-8")
    a, _ = pair
    colors = settings.diff_colors
    shown = sum(len(s.entries) for s in comparison.layers if s.show and s.entries)
    removed = _layer(comparison, "industry:intelligent-equipment")
    assert removed.changes() == {"330324": "removed"}

    view = open_page(path)
    page = view.page
    strokes = page.evaluate(_STROKES)
    assert len(strokes) == len(a.districts) + shown
    fills = page.evaluate(_FILLS)
    assert fills.count(colors["added"]) > 0 and fills.count(colors["unchanged"]) == 2
    assert colors["removed"] not in fills
    label = page.locator(".atlas-panel label.atlas-toggle").filter(
        has_text=a.plan.industry("intelligent-equipment").name.en)
    label.locator("input").check()
    after = page.evaluate(_FILLS)
    assert len(after) == len(fills) + 1 and after.count(colors["removed"]) == 1
    assert colors["added"] != colors["removed"]
    dashes = page.evaluate("""(c) => [...document.querySelectorAll(
        '.leaflet-overlay-pane path.leaflet-interactive')].filter((p, i) => (""" + _FILLS
                           + """)()[i] === c).map(p => p.getAttribute('stroke-dasharray'))""",
                           colors["removed"])
    assert dashes == ["8 5"]
    notes = page.locator(".atlas-panel").inner_text()
    assert "not located by wenzhou-2022" in notes
    label.locator("input").uncheck()
    assert page.evaluate(_STROKES) == strokes
    view.assert_clean()
