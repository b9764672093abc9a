"""Firm tables that cannot be read: one clear line, exit status 2, nothing written."""

import numpy as np
import pandas as pd
import pytest

from geo.cli import main
from geo.errors import InputError
from geo.firms import reality


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


BAD_FILES = {
    "ragged.csv": (b"name,industry,lon,lat\na,ic,120.6,28.0\nb,ic,120.7\n",
                   "ragged.csv line 3: 3 fields; expected 4"),
    "quoting.csv": (b'name,industry,lon,lat\na,ic,120.6,28.0\n"b,ic,120.7,28.0\n',
                    "quoting.csv line"),
    "gbk.csv": ("name,industry,address\n甲,集成电路,温州市鹿城区\n".encode("gbk"),
                "gbk.csv line 2: not utf-8 text (GBK? try --encoding gbk)"),
    "empty.csv": (b"", "empty.csv: empty file; expected a header line"),
    "header-only.csv": (b"name,industry,lon,lat\n", "header-only.csv: no rows"),
    "no-industry.csv": (b"name,sector,lon,lat\na,ic,120.6,28.0\n",
                        "no-industry.csv: no industry column"),
    "no-location.csv": (b"name,industry\na,ic\n", "no-location.csv: no location columns"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_csv_is_one_line_naming_file_and_place_exit_2_nothing_written(tmp_path, capsys,
                                                                          name):
    data, expected = BAD_FILES[name]
    path = _write(tmp_path / name, data)
    out = tmp_path / "out"
    assert main(["reality", "wenzhou-2024", str(path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("industry-atlas: error: ")
    assert expected in err
    assert not out.exists()


def test_gbk_reads_with_its_encoding(atlas, tmp_path):
    path = _write(tmp_path / "gbk.csv", BAD_FILES["gbk.csv"][0])
    result = reality(atlas, path, encoding="gbk")
    assert result.summary.matched == 1


def test_zero_row_parquet_and_missing_mapped_column(tmp_path, capsys):
    empty = tmp_path / "empty.parquet"
    pd.DataFrame({"industry": pd.Series([], dtype=str), "lon": pd.Series([], dtype=float),
                  "lat": pd.Series([], dtype=float)}).to_parquet(empty)
    assert main(["reality", "wenzhou-2024", str(empty), "-o", str(tmp_path / "o")]) == 2
    assert "empty.parquet: no rows" in capsys.readouterr().err
    firms = tmp_path / "firms.csv"
    firms.write_text("name,industry,longitude,latitude\na,ic,120.6,28.0\n", encoding="utf-8")
    assert main(["reality", "wenzhou-2024", str(firms), "--column", "lon=longtude",
                 "--column", "lat=latitude", "-o", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "firms.csv: no column 'longtude' (mapped to lon)" in err
    assert "did you mean longitude" in err
    assert not (tmp_path / "o").exists()


def test_csv_parquet_and_geopackage_give_the_same_table(atlas, tmp_path):
    import geopandas as gpd

    rng = np.random.default_rng(7)
    lon, lat = rng.uniform(120.5, 120.9, 300), rng.uniform(27.9, 28.1, 300)
    frame = pd.DataFrame({"name": [f"f{i}" for i in range(300)],
                          "industry": rng.choice(["IC", "AI", "wood"], 300),
                          "x": lon, "y": lat})
    frame.to_csv(tmp_path / "firms.csv", index=False)
    points = gpd.GeoDataFrame(frame[["name", "industry"]],
                              geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
    points.to_parquet(tmp_path / "firms.parquet")
    points.to_file(tmp_path / "firms.gpkg")
    tables = [reality(atlas, tmp_path / "firms.csv", columns=["lon=x", "lat=y"],
                      datum="gcj02").table,
              reality(atlas, tmp_path / "firms.parquet", datum="gcj02").table,
              reality(atlas, str(tmp_path / "firms.gpkg"), datum="gcj02").table,
              reality(atlas, points, datum="gcj02").table]
    for table in tables[1:]:
        pd.testing.assert_frame_equal(tables[0], table)
    assert tables[0]["count"].sum() > 0


def test_unknown_field_in_mapping_is_an_input_error(atlas, tmp_path):
    with pytest.raises(InputError, match="unknown firm field 'industri'.*did you mean industry"):
        reality(atlas, pd.DataFrame({"industry": ["ic"], "adcode": ["330302"]}),
                columns={"industri": "x"})


def test_cli_national_table_min_firms_and_parquet_output(tmp_path, capsys):
    from geo.cli import main

    firms = tmp_path / "firms.csv"
    rows = ["adcode,industry"] + ["330328,AI"] * 5 + ["330326,IoT"] * 5
    firms.write_text("\n".join(rows) + "\n", encoding="utf-8")
    national = tmp_path / "national.csv"
    national.write_text("industry,count\n人工智能,10\n物联网,90\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["reality", "wenzhou-2024", str(firms), "--national", str(national),
                 "--min-firms", "3", "--format", "parquet", "-o", str(out)]) == 0
    assert "10 firms read = 10 matched + 0 rejected" in capsys.readouterr().out
    table = pd.read_parquet(out / "wenzhou-2024-reality.parquet").set_index(
        ["place_id", "industry"])
    assert table.loc[("330328", "ai"), "lq_national"] == pytest.approx(1 / 0.1)
    assert table.loc[("330328", "ai"), "status"] == "present, not planned"


def test_projected_geometry_is_refused(tmp_path, capsys):
    import geopandas as gpd

    points = gpd.GeoDataFrame({"industry": ["IC"]}, geometry=gpd.points_from_xy([13.4e6],
                                                                                [3.2e6]),
                              crs="EPSG:3857")
    points.to_parquet(tmp_path / "mercator.parquet")
    points.to_file(tmp_path / "mercator.gpkg")
    for name in ("mercator.parquet", "mercator.gpkg"):
        assert main(["reality", "wenzhou-2024", str(tmp_path / name), "-o",
                     str(tmp_path / "o")]) == 2
        err = capsys.readouterr().err
        assert f"{name}: geometry in WGS 84 / Pseudo-Mercator" in err
        assert "expected longitude/latitude" in err
