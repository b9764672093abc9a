"""A trail per firm: every input row is in the trail or in the rejects, exactly once."""

import geopandas as gpd
import pandas as pd

from geo.cli import main
from geo.firms import reality

FIRMS = pd.DataFrame({
    "name": ["点", "旧地址", "开发区", "代码", "坏点", "<b>x</b>"],
    "industry": ["ic", "芯片", "software", "ic", "ic", "ic"],
    "lon": ["120.6550", "", "", "", "abc", ""],
    "lat": ["28.0150", "", "", "", "28", ""],
    "address": ["", "温州市苍南县龙港镇1号", "温州经济技术开发区1号", "", "", "火星"],
    "adcode": ["", "", "", "330382", "", ""],
    "datum": ["gcj02", "", "", "", "", ""],
})


def test_trail_and_rejects_cover_every_row_once_with_method_datum_and_flag(atlas):
    result = reality(atlas, FIRMS, datum="wgs84", trail=True)
    trail, rejects = result.firms, result.rejects
    assert sorted([*trail["row"], *rejects["row"]]) == list(range(len(FIRMS)))
    by_name = trail.set_index("name")
    assert by_name.loc["点", ["place_id", "name_zh", "method", "datum"]].tolist() == [
        "330302", "鹿城区", "coordinates", "gcj02"]
    assert by_name.loc["旧地址", "place_id"] == "330383"
    assert "renamed 苍南县龙港镇" in by_name.loc["旧地址", "flag"]
    assert by_name.loc["开发区", ["place_id", "flag"]].tolist() == ["330303",
                                                                    "zone 温州经济技术开发区"]
    assert by_name.loc["代码", ["place_id", "method"]].tolist() == ["330382", "adcode"]
    assert by_name.loc["旧地址", "industry_id"] == "ic"
    assert reality(atlas, FIRMS).firms is None


def test_cli_matched_writes_csv_or_geoparquet(tmp_path, capsys):
    source = tmp_path / "firms.csv"
    FIRMS.to_csv(source, index=False)
    for name in ("trail.csv", "trail.parquet"):
        out = tmp_path / name
        assert main(["reality", "wenzhou-2024", str(source), "--matched", str(out),
                     "-o", str(tmp_path / "out")]) == 0
        assert str(out) in capsys.readouterr().out
        got = pd.read_csv(out, dtype=str) if name.endswith("csv") else gpd.read_parquet(out)
        assert len(got) == 4 and got["row"].astype(int).tolist() == [0, 1, 2, 3]
    points = gpd.read_parquet(tmp_path / "trail.parquet")
    assert points.crs.to_epsg() == 4326 and points.geometry.notna().sum() == 1
    assert abs(points.geometry.iloc[0].x - 120.6550) > 1e-3  # GCJ-02 converted to WGS-84
