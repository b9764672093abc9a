"""The plain-SVG indicator chart (geo.render.chart) and the shared chart data."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import geo
from geo import figures
from geo.atlas.catalog import companions
from geo.plan.units import human_value
from geo.render.chart import chart_svg, chart_svgs
from geo.show.indicator_series import ChartData, Series, indicator_chart_data, shared_metrics

SVG = "{http://www.w3.org/2000/svg}"
METRIC = "core-digital-added-value"


def _charts(plan_id: str, lang: str = "both"):
    plan = geo.load_plan(plan_id)
    return indicator_chart_data(plan, companions(plan), lang)


def _shared(plan_id: str):
    plan = geo.load_plan(plan_id)
    return shared_metrics(plan, companions(plan))


def _tree(svg: str):
    return ET.fromstring(svg)  # well-formed XML, or this raises


def test_figures_keeps_its_public_names():
    assert figures.shared_metrics is shared_metrics
    plans = [geo.load_plan("wenzhou-2024"), geo.load_plan("wenzhou-2022")]
    assert figures.indicator_series(plans, METRIC).shape[0]


def test_every_point_is_drawn_actual_as_circles_targets_as_diamonds():
    table = geo.indicators(["wenzhou-2022", "wenzhou-2024"])
    rows = table[(table["metric"] == METRIC) & (table["scope"] == "330300")]
    for lang in ("zh", "en", "both"):
        charts = chart_svgs(_charts("wenzhou-2024", lang))
        assert [c["metric"] for c in charts] == [m for m, _, _ in _shared("wenzhou-2024")]
        root = _tree(next(c["svg"] for c in charts if c["metric"] == METRIC))
        assert root.get("role") == "img" and root.find(f"{SVG}title").text
        circles = root.findall(f".//{SVG}circle[@class='point actual']")
        diamonds = root.findall(f".//{SVG}polygon[@class='point target']")
        assert len(circles) == (rows["kind"] == "actual").sum()
        assert len(diamonds) == (rows["kind"] == "target").sum()
        text = " ".join(t for t in root.itertext())
        for r in rows.itertuples():
            for part in human_value(r.value, r.unit, lang).split(" / "):
                assert part in text
            assert r.plan in text


def test_same_plan_same_bytes():
    assert chart_svgs(_charts("wenzhou-2024")) == chart_svgs(_charts("wenzhou-2024"))
    assert chart_svgs(_charts("zhejiang-2022")) == []


def test_markup_in_titles_stays_text():
    data = _charts("wenzhou-2024", "en")[0]
    hostile = "<script>alert(1)</script> & \"quoted\" ]]>"
    data = ChartData(data.metric, hostile, data.scope, hostile,
                     tuple(Series(s.plan, hostile, s.color, s.points) for s in data.series),
                     "en")
    svg = chart_svg(data)
    assert "<script" not in svg
    root = _tree(svg)
    assert not root.findall(f".//{SVG}script")
    assert hostile in root.find(f"{SVG}title").text
    assert hostile in "".join(root.itertext())
