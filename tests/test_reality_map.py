"""The plan-vs-reality map page, report section and CLI output, on a small SYNTHETIC firm
table with known answers (no browser here; see test_reality_map_browser.py)."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
import synthetic
from synthetic import LUCHENG, PINGYANG, WENCHENG

from geo.cli import main
from geo.errors import AtlasError
from geo.render.packing import unpacked
from geo.render.reality import LQ_COLORS, lq_class


@pytest.fixture(scope="module")
def result(atlas):
    return atlas.reality(synthetic.firms())


def page_data(html: str) -> tuple[dict, list[dict]]:
    """The embedded page data and the reality layer specs of a map page."""
    html = unpacked(html)
    data = json.loads(re.search(r"industryAtlas\.decodeData\((.*?)\);\n", html).group(1))
    specs = [json.loads(m) for m in
             re.findall(r"industryAtlas\.realityView\([^,]+, (.*?)\);\n", html)]
    return data, specs


def test_lq_classes():
    assert [lq_class(x) for x in (0.0, 0.79, 0.8, 1.24, 1.25, 1.99, 2.0, 6.0)] == [
        0, 0, 1, 1, 2, 2, 3, 3]
    assert lq_class(float("nan")) == 0


def test_map_has_one_reality_toggle_per_industry_with_firms(atlas, result):
    html = unpacked(atlas.to_html(reality=result))
    toggles = re.findall(r'data-layer="(reality:[^"]+)"', html)
    assert toggles == ["reality:iot", "reality:ai", "reality:other"]
    assert "<legend>现实 / Reality</legend>" in html
    assert "atlas.realityView = function" in html                # reality.js inlined
    assert "industryAtlas.realityView" not in atlas.to_html()     # ... only with a result


def test_layer_specs_carry_only_cells_with_firms_and_the_plan_hosts(atlas, result):
    _, specs = page_data(atlas.to_html(reality=result))
    by_id = {s["id"]: s for s in specs}
    iot = by_id["reality:iot"]
    assert iot["cells"] == {PINGYANG: [3, 2.25, 3], WENCHENG: [1, 0.5, 0]}
    planned = result.table[(result.table["industry"] == "iot") & result.table["planned"]]
    assert set(iot["hosts"]) == set(planned["place_id"]) and PINGYANG in iot["hosts"]
    assert WENCHENG not in iot["hosts"]
    ai = by_id["reality:ai"]
    assert ai["cells"] == {PINGYANG: [1, 0.5, 0], WENCHENG: [5, 1.667, 2]}
    assert by_id["reality:other"]["cells"] == {LUCHENG: [2, 6.0, 3]}
    assert iot["colors"] == list(LQ_COLORS) and iot["key"] == "reality:iot"


def test_cards_show_counts_lq_and_status_beside_the_plan(atlas, result):
    data, _ = page_data(atlas.to_html(reality=result, lang="en"))
    cards = {f["properties"]["adcode"]: unescape(re.sub(r"<[^>]+>", "", f["properties"]["card"]))
             for f in data["districts"]["features"]}
    assert "IoT: 3 firms, LQ 2.25 (planned & present)" in " ".join(cards[PINGYANG].split())
    assert "planned & absent: High-end software" in cards[PINGYANG]  # no firm: one line
    assert "LQ 1.67 (present, not planned)" in " ".join(cards[WENCHENG].split())
    lucheng = " ".join(cards[LUCHENG].split())
    assert "Other: 2 firms, LQ 6.00 (neither)" in lucheng
    assert "planned & absent: Intelligent IoT, Energy electronics" in lucheng


@pytest.mark.parametrize(("lang", "one", "three"), [
    ("en", "Artificial intelligence: 1 firm,", "IoT: 3 firms,"),
    ("zh", "人工智能: 1 家企业,", "智能物联: 3 家企业,"),
    ("both", "1 家企业 / 1 firm,", "3 家企业 / 3 firms,"),
])
def test_cards_and_tooltips_count_firms_in_words(atlas, result, lang, one, three):
    """Issue 17: a card said "1 firms". One firm is singular, more are plural, in the
    vocabulary's words for each language (Chinese: 家企业 either way); the tooltips too."""
    data, specs = page_data(atlas.to_html(reality=result, lang=lang))
    cards = {f["properties"]["adcode"]: " ".join(unescape(re.sub(
        r"<[^>]+>", "", f["properties"]["card"])).split()) for f in data["districts"]["features"]}
    assert one in cards[PINGYANG] and three in cards[PINGYANG], cards[PINGYANG]
    assert "1 firms" not in cards[PINGYANG]
    by_id = {s["id"]: s for s in specs}
    assert one.rstrip(",").split(": ")[-1] + "," in by_id["reality:ai"]["names"][PINGYANG]
    assert three.rstrip(",").split(": ")[-1] + "," in by_id["reality:iot"]["names"][PINGYANG]


def test_a_result_of_another_plan_is_refused(atlases, result):
    with pytest.raises(AtlasError, match="wenzhou-2024"):
        atlases("zhejiang-2022").to_html(reality=result)


def test_report_has_the_plan_vs_reality_section(atlas, result):
    html = atlas.report(reality=result, lang="en")
    assert "Plan vs reality" in html
    section = html[html.index('id="h-reality"'):]
    rows = re.findall(r'<tr data-place="(\d+)" data-industry="([^"]+)"\s+data-status="([^"]+)">'
                      r'.*?<td class="value">(\d+)</td><td class="value">([^<]+)</td>',
                      section, re.S)
    got = {(p, i): (int(n), lq, unescape(s)) for p, i, s, n, lq in rows}
    assert got[(PINGYANG, "iot")] == (3, "2.25", "planned & present")
    assert got[(WENCHENG, "ai")] == (5, "1.67", "present, not planned")
    assert got[(PINGYANG, "high-end-software")][0] == 0
    assert got[(LUCHENG, "other")] == (2, "6.00", "neither")
    table = result.table
    expected = table[(table["count"] > 0) | table["planned"]]
    assert len(got) == len(expected)                               # only firms or planned
    assert sum(n for n, _, _ in got.values()) == 12
    bars = re.findall(r'<rect [^>]*data-status="([^"]+)"', section)
    assert [unescape(b) for b in bars] == ["planned & present", "present, not planned"]
    absent = int((table["status"] == "planned & absent").sum())
    assert f"{absent} planned cells have no firm" in section
    assert "Plan vs reality" not in atlas.report(lang="en")


def test_hostile_industry_names_are_escaped_in_map_and_report(atlas, payloads):
    hostile = atlas.reality(synthetic.firms(payloads[0] + payloads[3]))
    for html in (atlas.to_html(reality=hostile), atlas.report(reality=hostile)):
        assert "<img src=x" not in html and "</script><script>window.__pwned" not in html


def test_reality_command_writes_the_map(tmp_path, capsys):
    firms = tmp_path / "firms.csv"
    synthetic.firms().to_csv(firms, index=False)
    assert main(["reality", "wenzhou-2024", str(firms), "-o", str(tmp_path / "out")]) == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["wenzhou-2024-concentration.csv", "wenzhou-2024-reality.csv",
                     "wenzhou-2024-reality.html", "wenzhou-2024-rejects.csv",
                     "wenzhou-2024-specialisation.csv", "wenzhou-2024-summary.json"]
    html = (tmp_path / "out" / "wenzhou-2024-reality.html").read_text("utf-8")
    assert re.findall(r'data-layer="(reality:[^"]+)"', html) == [
        "reality:iot", "reality:ai", "reality:other"]
    assert "wenzhou-2024-reality.html" in capsys.readouterr().out
