"""The join and the query API against the facts of the 2024 Wenzhou plan."""

import pytest

import geo
from geo.errors import AtlasError, UnknownNameError

CORRIDOR = {"330302", "330303", "330304", "330305", "330324"}  # Lucheng .. Yongjia
YUEQING = "330382"
SOUTH = {"330381", "330326", "330327"}  # Rui'an, Pingyang, Cangnan


def test_shipped_plans_listed():
    assert "wenzhou-2024" in geo.plans()


def test_districts_frame(atlas):
    d = atlas.districts
    assert d.crs.to_epsg() == 4326
    assert {"adcode", "name_zh", "name_en", "elements", "geometry"} <= set(d.columns)
    assert len(d) == 12 and d["adcode"].str.len().eq(6).all()
    roles = dict(zip(d["adcode"], d["elements"], strict=True))
    assert {a for a, r in roles.items() if "corridor" in r} == CORRIDOR
    assert roles[YUEQING] == ("north-core",)
    assert {a for a, r in roles.items() if "south-core" in r} == SOUTH
    assert roles["330328"] == ()  # Wencheng has no role in the layout


@pytest.mark.parametrize("name", ["ic", "IC", "集成电路", "Integrated circuits", "chips"])
def test_districts_hosting_ic(atlas, name):
    hosting = atlas.districts_hosting(name)
    assert set(hosting["adcode"]) == CORRIDOR | {YUEQING}
    assert hosting.attrs["status"] == "located"
    assert hosting.attrs["zones"] == ["marine-zone"]
    via = dict(zip(hosting["adcode"], hosting["hosting_elements"], strict=True))
    assert via[YUEQING] == ("north-core",)


def test_south_core_hosts_software_and_iot_only(atlas):
    for industry in ("high-end-software", "iot"):
        assert SOUTH <= set(atlas.districts_hosting(industry)["adcode"])
    for industry in ("ic", "ai", "energy-electronics", "metaverse"):
        assert not SOUTH & set(atlas.districts_hosting(industry)["adcode"])


def test_ai_is_corridor_only(atlas):
    assert set(atlas.districts_hosting("ai")["adcode"]) == CORRIDOR


def test_unlocated_industry_is_distinguished_from_unhosted(atlas):
    hosting = atlas.districts_hosting("smart-home")
    assert hosting.empty
    assert hosting.attrs["status"] == "not located"
    assert hosting.attrs["unlocated"] == ["spots"]
    assert atlas.hosting_status("ic") == "located"


def test_industries_in_any_form_of_the_name(atlas):
    for form in ("乐清市", "乐清", "Yueqing", "330382"):
        table = atlas.industries_in(form)
        assert set(table["industry"]) == {"iot", "energy-electronics", "ic",
                                          "high-end-software"}
    assert atlas.industries_in("文成").empty


def test_industries_in_a_zone(atlas):
    table = atlas.industries_in("marine-zone")
    assert len(table) == 8 and set(table["hosting_elements"]) == {("corridor",)}


def test_table_is_tidy_and_cited(atlas):
    table = atlas.table
    assert not table.duplicated(["place_id", "industry", "element"]).any()
    assert table["source"].eq("zhongxin-2024").all()
    assert table["where"].str.len().gt(0).all()
    corridor = table[(table["element"] == "corridor") & (table["place_kind"] == "district")]
    assert len(corridor) == 5 * 8  # five districts x the 3+5 industries
    spots = table[table["element"] == "spots"]
    assert (spots["place_kind"] == "not located").all() and not spots["located"].any()


def test_three_plus_five_groups(atlas):
    groups = {i.id: i.group for i in atlas.plan.industries}
    assert [i for i, g in groups.items() if g == "3"] == ["iot", "energy-electronics",
                                                          "high-end-software"]
    assert [i for i, g in groups.items() if g == "5"] == ["ai", "ic", "metaverse",
                                                          "flexible-electronics",
                                                          "future-networks"]


def test_headline_indicators_in_base_units(atlas):
    values = {(i.metric, i.year): (i.value, i.unit, i.kind) for i in atlas.plan.indicators}
    assert values[("core-digital-added-value", 2023)] == (68.92e9, "yuan", "actual")
    assert values[("core-digital-added-value", 2027)] == (110e9, "yuan", "target")
    assert values[("digital-industry-total", 2035)] == (1e12, "yuan", "target")


def test_unknown_industry_raises_keyerror_and_atlas_error(atlas):
    with pytest.raises(UnknownNameError) as caught:
        atlas.districts_hosting("integrated circuitz")  # "integrated circuit" is found
    assert isinstance(caught.value, KeyError) and isinstance(caught.value, AtlasError)
    assert str(caught.value) == ("unknown industry 'integrated circuitz' in plan "
                                 "wenzhou-2024; did you mean ic (Integrated circuits)?")


def test_unknown_district_suggests(atlas):
    with pytest.raises(UnknownNameError, match=r"did you mean Yueqing \(乐清市\)"):
        atlas.industries_in("Yueqinq")


@pytest.mark.parametrize(("frame", "old", "new"), [
    ("districts", "roles", "elements"),
    ("table", "role", "element"),
])
def test_old_column_names_still_work_with_a_warning(atlas, frame, old, new):
    data = getattr(atlas, frame)
    with pytest.warns(DeprecationWarning, match=f"'{old}' is now '{new}'"):
        assert data[old].equals(data[new])


def test_old_query_column_via_still_works_with_a_warning(atlas):
    hosting = atlas.districts_hosting("ic")
    with pytest.warns(DeprecationWarning, match="'via' is now 'hosting_elements'"):
        assert list(hosting["via"]) == list(hosting["hosting_elements"])


def test_hosting_view_spells_direct_once(atlases):
    atlas = atlases("wenzhou-2022")  # names districts directly as well as through elements
    hosting = atlas.hosting
    assert "" not in set(hosting["element"])
    direct = hosting[hosting["element"] == geo.plan.DIRECT]
    assert len(direct) == (atlas.table["element"] == "").sum() > 0
    assert list(hosting["place_id"]) == list(atlas.table["place_id"])
