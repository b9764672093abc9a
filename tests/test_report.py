"""Indicator charts and the printable plan report (HTML and PDF).

Expected values come from the atlas and the indicator table, not from numbers
copied into the tests.
"""

from __future__ import annotations

import base64
import json
import re

import pytest

import geo
from geo import figures
from geo.units import human_value

METRIC = "core-digital-added-value"
WENZHOU = ["wenzhou-2022", "wenzhou-2024"]


# --- indicator chart -------------------------------------------------------------------------


def _points(fig) -> list[tuple[int, str]]:
    """(year, "actual" or "target") of each marker of an indicator figure."""
    from matplotlib.colors import to_hex

    found = []
    for line in fig.axes[0].lines:
        if line.get_marker() in ("None", None, "") or len(line.get_xdata()) != 1:
            continue
        hollow = to_hex(line.get_markerfacecolor()) == "#ffffff"
        found.append((int(line.get_xdata()[0]), "target" if hollow else "actual"))
    return sorted(found)


def test_indicator_chart_shows_actual_and_targets_apart():
    table = geo.indicators(WENZHOU)
    rows = table[(table["metric"] == METRIC) & (table["scope"] == "330300")]
    expected = sorted(zip(rows["year"], rows["kind"], strict=True))
    assert {"actual", "target"} <= {k for _, k in expected}
    fig = figures.indicator_figure(WENZHOU, METRIC)
    assert _points(fig) == expected
    labels = [t.get_text() for t in fig.axes[0].texts]
    for r in rows.itertuples():  # each point: its value in human units and its plan
        assert any(human_value(r.value, r.unit, "zh") in t and r.plan in t for t in labels)


def test_unknown_metric_is_a_one_line_error():
    with pytest.raises(geo.UnknownNameError, match="did you mean core-digital-added-value"):
        figures.indicator_figure(WENZHOU, "core-digital-added-valu")


def test_each_wenzhou_plan_shares_the_metric_with_the_other():
    for plan in WENZHOU:
        shared = figures.shared_metrics(plan)
        assert [(m, s, [p.id for p in ps]) for m, s, ps in shared] == [
            (METRIC, "330300", WENZHOU)]
    assert figures.shared_metrics("zhejiang-2022") == []


def test_map_info_panel_holds_the_chart_as_an_svg_image():
    html = geo.load("wenzhou-2024").to_html()
    panels = re.findall(r"industryAtlas\.panel\(\w+, \"topleft\",\s*(\".*?\"), ", html, re.S)
    assert len(panels) == 1
    panel = json.loads(panels[0])
    sources = re.findall(r'<img class="atlas-chart"[^>]* src="([^"]+)"', panel)
    assert len(sources) == 1 and sources[0].startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(sources[0].split(",", 1)[1]).decode("utf-8")
    assert "<script" not in svg and "<dc:date>" not in svg
    assert geo.load("wenzhou-2024").to_html() == html  # still deterministic
