"""Plan comparison and the indicator table."""

import pytest

import geo
from geo.errors import AtlasError
from geo.plan.file import plan_path


@pytest.fixture(scope="module")
def changes():
    return geo.diff("wenzhou-2022", "wenzhou-2024")


def members(changes, element, change):
    rows = changes[(changes["element"] == element) & (changes["change"] == change)]
    return set(rows["place_id"])


def test_south_core_gains_cangnan(changes):
    assert members(changes, "south-core", "added") == {"330327"}
    assert members(changes, "south-core", "removed") == set()


def test_north_core_is_unchanged(changes):
    assert members(changes, "north-core", "added") == set()
    assert members(changes, "north-core", "removed") == set()
    everything = geo.diff("wenzhou-2022", "wenzhou-2024", unchanged=True)
    assert members(everything, "north-core", "unchanged") == {"330382"}


def test_corridor_goes_from_unlocated_to_named_districts(changes):
    assert members(changes, "corridor", "removed") == set()  # in both: never removed
    assert members(changes, "corridor", "added") == {
        "330302", "330303", "330304", "330305", "330324", "marine-zone"}


def test_citations_on_both_sides(changes):
    added = changes[changes["change"] == "added"]
    removed = changes[changes["change"] == "removed"]
    assert added["citation_b"].str.contains("2024-06-20").all()
    assert (added["citation_a"] == "").all()
    assert removed["citation_a"].str.contains("2022-02-17").all()


def test_ic_added_in_yueqing(changes):
    rows = changes[(changes["industry"] == "ic") & (changes["place_id"] == "330382")]
    assert list(rows["change"]) == ["added"]


def test_plans_of_different_regions_cannot_be_compared():
    with pytest.raises(AtlasError, match="different regions"):
        geo.diff("wenzhou-2024", "zhejiang-2022")


def test_renamed_industry_matched_by_alias(tmp_path):
    text = plan_path("wenzhou-2024").read_text("utf-8")
    renamed = text.replace("{id: ic, zh: 集成电路, en: Integrated circuits, group: \"5\", "
                           "aliases: [IC, chips, 芯片]}",
                           "{id: semiconductors, zh: 半导体, en: Semiconductors, group: \"5\", "
                           "aliases: [ic]}")
    assert renamed != text
    path = tmp_path / "wenzhou-2024.yaml"
    path.write_text(renamed.replace("industries: [ai, energy-electronics, high-end-software, ic,",
                                    "industries: [ai, energy-electronics, high-end-software, "
                                    "semiconductors,")
                    .replace("[iot, energy-electronics, ic, high-end-software]",
                             "[iot, energy-electronics, semiconductors, high-end-software]"),
                    "utf-8")
    assert geo.diff("wenzhou-2024", path).empty


def test_indicators_in_base_units():
    table = geo.indicators(["wenzhou-2022", "wenzhou-2024"])
    core = table[table["metric"] == "core-digital-added-value"].set_index(["plan", "year"])
    assert core.loc[("wenzhou-2024", 2023), "value"] == pytest.approx(68.92e9)
    assert core.loc[("wenzhou-2024", 2023), "kind"] == "actual"
    assert core.loc[("wenzhou-2024", 2027), "value"] == pytest.approx(110e9)
    assert core.loc[("wenzhou-2022", 2025), "value"] == pytest.approx(100e9)
    assert core.loc[("wenzhou-2022", 2025), "kind"] == "target"
    assert set(table["unit"]) <= {"yuan", "percent", "count", "rank", "points", "km2"}
    percent = table[table["unit"] == "percent"]
    assert percent["base"].str.len().gt(0).all()
