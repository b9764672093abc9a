"""Krugman specialisation and Hoover concentration (geo/firms/measures.py) on tiny SYNTHETIC
district x industry tables whose values are worked out by hand below, then the same
measures on a result, in its CSV files, on the map's district card (also in Chromium) and
in the report's "Plan vs reality" section."""

from __future__ import annotations

import math
import re
from html import unescape

import numpy as np
import pandas as pd
import pytest
import synthetic
from synthetic import LUCHENG, PINGYANG, WENCHENG

from geo.firms.measures import concentration, hoover, krugman, specialisation
from geo.render.codec import embedded_data

NAN = float("nan")


def tidy(counts: dict, weights: dict | None = None) -> pd.DataFrame:
    """A SYNTHETIC district x industry table from ``{district: {industry: count}}``
    (every district x industry cell, zeros included, as build_table gives)."""
    industries = sorted({i for row in counts.values() for i in row})
    rows = [{"place_id": p, "name_zh": p, "name_en": p, "industry": i, "industry_zh": i,
             "industry_en": i, "count": row.get(i, 0),
             "weight": (weights or {}).get(p, {}).get(i, 0.0) if weights else NAN}
            for p, row in counts.items() for i in industries]
    return pd.DataFrame(rows)


# each case: SYNTHETIC counts, then the Krugman index of each district and the Hoover index
# of each industry, worked out by hand (region shares in the comments)
CASES = [
    pytest.param(
        # region 12 firms: x 6, y 6 (1/2 each); districts 4 each (1/3 each)
        {"A": {"x": 2, "y": 2}, "B": {"x": 4}, "C": {"y": 4}},
        # A is the region's mix: 0; B: |1 - 1/2| + |0 - 1/2| = 1; C alike
        {"A": 0.0, "B": 1.0, "C": 1.0},
        # x: 1/2 (|2/6 - 1/3| + |4/6 - 1/3| + |0 - 1/3|) = 1/2 (0 + 1/3 + 1/3) = 1/3; y alike
        {"x": 1 / 3, "y": 1 / 3},
        id="one district is the region's mix"),
    pytest.param(
        # region 12: x 3 (1/4), y 9 (3/4); districts A 6 (1/2), B 3 (1/4), C 3 (1/4)
        {"A": {"y": 6}, "B": {"y": 3}, "C": {"x": 3}},
        # A: |0 - 1/4| + |1 - 3/4| = 1/2; B alike; C: |1 - 1/4| + |0 - 3/4| = 3/2
        {"A": 0.5, "B": 0.5, "C": 1.5},
        # x all in C, a smallest district: 1/2 (1/2 + 1/4 + 3/4) = 3/4 = 1 - 1/4, the maximum;
        # y: 1/2 (|6/9 - 1/2| + |3/9 - 1/4| + |0 - 1/4|) = 1/2 (1/6 + 1/12 + 1/4) = 1/4
        {"x": 0.75, "y": 0.25},
        id="an industry all in the smallest district"),
    pytest.param(
        # region 12: x 1, y 11; A 6 (1/2), B 3, C 3 (1/4 each)
        {"A": {"x": 1, "y": 5}, "B": {"y": 3}, "C": {"y": 3}},
        # A: |1/6 - 1/12| + |5/6 - 11/12| = 1/6; B: |0 - 1/12| + |1 - 11/12| = 1/6; C alike
        {"A": 1 / 6, "B": 1 / 6, "C": 1 / 6},
        # x all in A, the largest: 1/2 (1/2 + 1/4 + 1/4) = 1/2 = 1 - 1/2;
        # y: 1/2 (|5/11 - 1/2| + 2 |3/11 - 1/4|) = 1/2 (1/22 + 2/44) = 1/22
        {"x": 0.5, "y": 1 / 22},
        id="an industry all in the largest district"),
    pytest.param(
        # D has no firm, z no firm: both NaN; the rest as the first case
        {"A": {"x": 2, "y": 2, "z": 0}, "B": {"x": 4}, "C": {"y": 4}, "D": {}},
        {"A": 0.0, "B": 1.0, "C": 1.0, "D": NAN},
        {"x": 1 / 3, "y": 1 / 3, "z": NAN},
        id="a district and an industry without firms"),
    pytest.param(
        # every district the region's mix: no specialisation, no concentration
        {"A": {"x": 1, "y": 3}, "B": {"x": 2, "y": 6}},
        {"A": 0.0, "B": 0.0}, {"x": 0.0, "y": 0.0},
        id="all districts alike"),
    pytest.param(
        # A and B share no industry: A: |1 - 1/3| + |0 - 2/3| = 4/3; B: |0 - 1/3| + |1 - 2/3|
        # = 2/3; x all in A (1/3 of firms): 1/2 (2/3 + 2/3) = 2/3; y all in B: 1/3
        {"A": {"x": 1}, "B": {"y": 2}},
        {"A": 4 / 3, "B": 2 / 3}, {"x": 2 / 3, "y": 1 / 3},
        id="nothing in common"),
]


def same(got: dict, want: dict) -> bool:
    return got.keys() == want.keys() and all(
        (math.isnan(g) and math.isnan(w)) or abs(g - w) < 1e-12
        for g, w in ((got[k], want[k]) for k in want))


@pytest.mark.parametrize(("counts", "krugman_of", "hoover_of"), CASES)
def test_known_values(counts, krugman_of, hoover_of):
    table = tidy(counts)
    assert same(krugman(table).to_dict(), krugman_of)
    assert same(hoover(table).to_dict(), hoover_of)


def test_the_frames_carry_firms_and_keep_the_table_order():
    table = tidy({"B": {"x": 4}, "A": {"x": 2, "y": 2}, "C": {"y": 4}})
    s = specialisation(table)
    assert s["place_id"].tolist() == ["B", "A", "C"]
    assert s["count"].tolist() == [4, 4, 4]
    assert s["krugman"].tolist() == [1.0, 0.0, 1.0]
    assert s["krugman_weight"].isna().all()                      # no weights
    c = concentration(table)
    assert c["industry"].tolist() == ["x", "y"] and c["count"].tolist() == [6, 6]


def test_weights_give_their_own_indices():
    """SYNTHETIC: both districts have the same counts (Krugman 0 on counts) but not the
    same weights: A's two x firms weigh 3 each, every other firm 1."""
    counts = {"A": {"x": 2, "y": 2}, "B": {"x": 2, "y": 2}}
    weights = {"A": {"x": 6.0, "y": 2.0}, "B": {"x": 2.0, "y": 2.0}}
    table = tidy(counts, weights)
    # weights: region 12 (x 8 = 2/3, y 4 = 1/3); A 8: x 3/4, y 1/4 -> |3/4 - 2/3| + |1/4 - 1/3|
    # = 1/6; B 4: x 1/2, y 1/2 -> 1/6 + 1/6 = 1/3
    s = specialisation(table, weighted=True)
    assert s["krugman"].tolist() == [0.0, 0.0]
    assert np.allclose(s["krugman_weight"], [1 / 6, 1 / 3], rtol=0, atol=1e-12)
    # x weights 6 | 2 of 8 against A 8/12, B 4/12: 1/2 (|3/4 - 2/3| + |1/4 - 1/3|) = 1/12
    c = concentration(table, weighted=True)
    assert np.allclose(c["hoover_weight"], [1 / 12, 1 / 6], rtol=0, atol=1e-12)


def test_bounds_and_scale_invariance_on_random_tables():
    """SYNTHETIC random tables: 0 <= K <= 2, 0 <= H <= 1 - the smallest district's share,
    and multiplying every count by 7 changes neither."""
    rng = np.random.default_rng(18)
    for _ in range(50):
        counts = {f"d{p}": {f"i{i}": int(rng.integers(0, 9)) for i in range(5)}
                  for p in range(6)}
        table = tidy(counts)
        k, h = krugman(table).dropna(), hoover(table).dropna()
        assert ((k >= -1e-12) & (k <= 2 + 1e-12)).all()
        firms = table.groupby("place_id")["count"].sum()
        smallest = (firms[firms > 0] / firms.sum()).min()
        assert ((h >= -1e-12) & (h <= 1 - smallest + 1e-12)).all()
        scaled = table.assign(count=table["count"] * 7)
        assert np.allclose(krugman(scaled).dropna(), k, rtol=0, atol=1e-12)
        assert np.allclose(hoover(scaled).dropna(), h, rtol=0, atol=1e-12)


@pytest.fixture(scope="module")
def result(atlas):
    return atlas.reality(synthetic.firms())


def test_result_carries_the_measures(result):
    s = result.specialisation.set_index("place_id")
    assert same(s["krugman"].dropna().to_dict(),
                {LUCHENG: 5 / 3, PINGYANG: 5 / 6, WENCHENG: 2 / 3})
    assert s["krugman"].isna().sum() == len(s) - 3                # districts without firms
    assert s.loc[PINGYANG, "name_en"] == "Pingyang" and s.loc[PINGYANG, "count"] == 4
    c = result.concentration.set_index("industry")
    assert same(c["hoover"].dropna().to_dict(), {"iot": 5 / 12, "ai": 1 / 3, "other": 5 / 6})
    assert list(c.index[:1]) == ["iot"] and c.index[-1] == "other"   # the table's order


def test_the_measures_are_written_as_csv(result, tmp_path):
    paths = result.write(tmp_path, "wenzhou-2024")
    names = [p.name for p in paths]
    assert "wenzhou-2024-specialisation.csv" in names
    assert "wenzhou-2024-concentration.csv" in names
    s = pd.read_csv(tmp_path / "wenzhou-2024-specialisation.csv", dtype={"place_id": str})
    assert abs(s.set_index("place_id").loc[PINGYANG, "krugman"] - 5 / 6) < 1e-12
    c = pd.read_csv(tmp_path / "wenzhou-2024-concentration.csv")
    assert abs(c.set_index("industry").loc["other", "hoover"] - 5 / 6) < 1e-12


def card_of(html: str, adcode: str) -> str:
    """The card of a district in a page's embedded data, as text."""
    feature = next(f for f in embedded_data(html)["districts"]["features"]
                   if f["properties"]["adcode"] == adcode)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", feature["properties"]["card"])).split())


def test_card_carries_the_krugman_index(atlas, result):
    html = atlas.to_html(reality=result, lang="en")
    assert ("Specialisation (Krugman): 0.83 (0 = the region's mix, 2 = nothing in common)"
            in card_of(html, PINGYANG))
    assert "Specialisation (Krugman): 1.67" in card_of(html, LUCHENG)
    no_firms = next(p for p in atlas.districts["adcode"] if p not in (PINGYANG, WENCHENG,
                                                                       LUCHENG))
    assert "Krugman" not in card_of(html, no_firms)               # no firms, no index
    zh = atlas.to_html(reality=result, lang="zh")
    assert "专业化指数（Krugman）: 0.67" in card_of(zh, WENCHENG)


def test_report_lists_both_measures(result):
    from geo.pages.reality import measures
    from geo.vocabulary import Lang

    m = measures(result, Lang("en"))
    assert [(r["place"], r["value"]) for r in m["districts"]] == [
        (LUCHENG, "1.67"), (PINGYANG, "0.83"), (WENCHENG, "0.67")]   # most specialised first
    assert [(r["industry_id"], r["value"]) for r in m["industries"]] == [
        ("other", "0.83"), ("iot", "0.42"), ("ai", "0.33")]
    assert "Krugman" in m["note"] and "Hoover" in m["note"]


@pytest.fixture(scope="module")
def reality_page(atlases, tmp_path_factory):
    atlas = atlases("wenzhou-2024")
    result = atlas.reality(synthetic.firms())
    path = tmp_path_factory.mktemp("measures") / "wenzhou-2024-reality.html"
    atlas.to_html(path, reality=result, lang="en")
    return path


def test_card_in_chromium_shows_the_index(open_map, reality_page, screenshots):
    view = open_map(reality_page)
    view.toggle(view.page.locator("input[data-layer='reality:iot']"), True)
    view.read_view()
    text = " ".join(view.click(PINGYANG).split())
    assert "Specialisation (Krugman): 0.83" in text
    measure = view.page.locator(".leaflet-popup [data-measure='krugman']")
    assert measure.is_visible()
    screenshots(view.page, "reality-card-krugman")
    view.close_popup()
    assert "Specialisation (Krugman): 1.67" in " ".join(view.click(LUCHENG).split())
    view.assert_clean()


@pytest.mark.viewport(390, 844)
def test_phone_card_shows_the_index(open_map, reality_page, screenshot_dir):
    """On a phone the card opens over the map, the index inside it."""
    view = open_map(reality_page)
    view.page.evaluate("window.industryAtlasPages[0].setLayer('reality:iot', true, true)")
    assert "Specialisation (Krugman): 0.83" in " ".join(view.click(PINGYANG).split())
    view.page.locator(".leaflet-popup [data-measure='krugman']").scroll_into_view_if_needed()
    view.page.wait_for_timeout(400)                               # the popup's fade-in
    view.page.screenshot(path=str(screenshot_dir / "reality-card-krugman-phone-390x844.png"))
    view.assert_clean()


def test_report_measures_in_chromium(open_page, atlases, tmp_path, screenshots):
    atlas = atlases("wenzhou-2024")
    path = atlas.report(tmp_path / "wenzhou-2024-report.html", lang="en",
                        reality=atlas.reality(synthetic.firms()))
    view = open_page(path)
    krugman_rows = view.page.locator("table[data-measure='krugman'] tbody tr")
    assert [" ".join(t.split()) for t in krugman_rows.all_inner_texts()] == [
        "Lucheng 2 1.67", "Pingyang 4 0.83", "Wencheng 6 0.67"]
    hoover_rows = view.page.locator("table[data-measure='hoover'] tbody tr")
    assert [" ".join(t.split()) for t in hoover_rows.all_inner_texts()] == [
        "Other 2 0.83", "Intelligent IoT 4 0.42", "Artificial intelligence 6 0.33"]
    note = view.page.locator("section.reality p.small").last.inner_text()
    assert "Krugman specialisation" in note and "Hoover concentration" in note
    view.page.locator(".reality-measures").evaluate("e => e.scrollIntoView()")
    screenshots(view.page, "reality-report-measures")
    view.assert_clean()
