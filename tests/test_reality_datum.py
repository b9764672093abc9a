"""A datum per row, and the one warning line when a table's points fit another datum better.

Issue 18: WGS-84 rows read as GCJ-02 were misassigned silently. The points here are
synthetic (a seeded random grid over Wenzhou), labelled so; their true district is
where the unsimplified WGS-84 polygons put them.
"""

import numpy as np
import pandas as pd
import pytest
import shapely

import geo
from geo.cli import main
from geo.firms import reality
from geo.places import crs


@pytest.fixture(scope="module")
def wgs_points(atlas):
    """Synthetic WGS-84 points inside Wenzhou's districts, with their true district."""
    rng = np.random.default_rng(18)
    index = geo.firms.prepare(atlas, "wgs84").index
    x0, y0, x1, y1 = shapely.total_bounds(index.polygons)
    lon, lat = rng.uniform(x0, x1, 20_000), rng.uniform(y0, y1, 20_000)
    where = index.locate(lon, lat)
    inside = where >= 0
    codes = np.asarray(atlas.districts["adcode"], dtype=object)
    return lon[inside], lat[inside], codes[where[inside]]


def _located(result):
    table = result.table[result.table["count"] > 0]
    return dict(zip(table["place_id"], table["count"], strict=True))


def test_a_datum_column_overrides_the_declared_datum_row_by_row(atlas, wgs_points):
    lon, lat, truth = wgs_points
    n = len(lon)
    half = np.arange(n) % 3
    glon, glat = crs.wgs84_to_gcj02(lon, lat)
    blon, blat = crs.gcj02_to_bd09(glon, glat)
    x = np.select([half == 0, half == 1], [lon, glon], blon)
    y = np.select([half == 0, half == 1], [lat, glat], blat)
    datum = np.select([half == 0, half == 1], ["WGS-84", "gcj02"], "")  # blank: --datum
    firms = pd.DataFrame({"industry": "ic", "lon": x, "lat": y, "datum": datum})
    result = reality(atlas, firms, datum="bd09")
    expected = pd.Series(truth).value_counts().to_dict()
    got = _located(result)
    moved = sum(abs(got.get(k, 0) - v) for k, v in expected.items())
    assert result.summary.matched >= n - 3 and moved <= 6  # points cm from a border aside
    assert result.summary.warnings == ()


def test_wgs84_points_declared_gcj02_give_one_warning_line_with_counts(atlas, wgs_points,
                                                                      tmp_path, capsys):
    lon, lat, _ = wgs_points
    firms = pd.DataFrame({"industry": "ic", "lon": lon, "lat": lat})
    result = reality(atlas, firms, datum="gcj02")
    (warning,) = result.summary.warnings
    assert "read as gcj02 (--datum)" in warning and "in wgs84?" in warning
    assert reality(atlas, firms, datum="wgs84").summary.warnings == ()
    path = tmp_path / "firms.csv"
    firms.to_csv(path, index=False)
    assert main(["reality", "wenzhou-2024", str(path), "--datum", "gcj02", "-o",
                 str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("industry-atlas reality: warning: datum")


def test_a_datum_cell_naming_no_datum_is_rejected_with_its_reason(atlas):
    firms = pd.DataFrame({"industry": "ic", "lon": [120.655, 120.655], "lat": [28.015, 28.015],
                          "datum": ["gcj02", "utm"]})
    result = reality(atlas, firms)
    assert result.rejects["reason"].tolist() == ["unknown_datum"]
    assert result.summary.matched == 1
