"""One row -> its outcome: a district, or the one reason code it is rejected with.

Table-driven: each case is a firm row (Wenzhou 2024, GCJ-02) and what must come of it.
The first rows are issue 18's "Why" list (swapped coordinates and 1e3 were both
"non-numeric"; 999999 was "adcode not in the region"; 苍南县龙港镇 went to Cangnan;
development zones were unresolved).
"""

import pandas as pd
import pytest

from geo.firms import REASONS, reality
from geo.firms.reasons import CODE, sentence

LUCHENG, LONGWAN, DONGTOU, CANGNAN, LONGGANG = "330302", "330303", "330305", "330327", "330383"

# (case, fields of the row, district or reason code)
CASES = [
    ("swapped lat/lon", {"lon": "27.99", "lat": "120.65"}, "swapped"),
    ("lon 1e3", {"lon": "1e3", "lat": "27.99"}, "out_of_range"),
    ("lat inf", {"lon": "120.65", "lat": "inf"}, "out_of_range"),
    ("text coordinates", {"lon": "abc", "lat": "27.99"}, "non_numeric"),
    ("lon without lat", {"lon": "120.65", "lat": ""}, "missing"),
    ("nothing at all", {}, "missing"),
    ("Berlin", {"lon": "13.40", "lat": "52.52"}, "outside_china"),
    ("Hangzhou", {"lon": "120.15", "lat": "30.27"}, "outside_region"),
    ("Lucheng point", {"lon": "120.6550", "lat": "28.0150"}, LUCHENG),
    ("adcode 999999", {"adcode": "999999"}, "invalid_adcode"),
    ("adcode letters", {"adcode": "33030x"}, "invalid_adcode"),
    ("Hangzhou adcode", {"adcode": "330106"}, "adcode_outside_region"),
    ("old Dongtou adcode", {"adcode": "330322"}, DONGTOU),
    ("pre-2019 Longgang address", {"address": "浙江省温州市苍南县龙港镇世纪大道1号"}, LONGGANG),
    ("Cangnan address", {"address": "浙江省温州市苍南县灵溪镇1号"}, CANGNAN),
    ("Longgang address", {"address": "浙江省温州市龙港市世纪大道1号"}, LONGGANG),
    ("economic zone", {"address": "温州经济技术开发区滨海一道1号"}, LONGWAN),
    ("estuary new area", {"address": "温州市瓯江口新区1号"}, "address_ambiguous"),
    ("new area with its district", {"address": "温州市洞头区瓯江口新区1号"}, DONGTOU),
    ("no county", {"address": "无名路1号"}, "address_unresolved"),
    ("Beijing address", {"address": "北京市朝阳区建国路1号"}, "address_outside_region"),
    ("bad weight", {"lon": "120.6550", "lat": "28.0150", "weight": "lots"},
     "non_numeric_weight"),
]


@pytest.fixture(scope="module")
def outcomes(atlas):
    columns = ["name", "industry", "lon", "lat", "address", "adcode", "weight"]
    rows = [{c: "" for c in columns} | {"name": case, "industry": "ic"} | fields
            for case, fields, _ in CASES]
    result = reality(atlas, pd.DataFrame(rows, columns=columns), datum="gcj02")
    assert result.summary.input == result.summary.matched + result.summary.rejected == len(CASES)
    return result


@pytest.mark.parametrize("case,fields,expected", CASES, ids=[c[0] for c in CASES])
def test_row_gets_its_district_or_its_reason(outcomes, case, fields, expected):
    rejects = outcomes.rejects.set_index("name")["reason"]
    if expected.isdigit():
        assert case not in rejects.index, rejects.get(case)
    else:
        assert rejects[case] == expected


def test_matched_rows_land_in_their_districts(outcomes):
    table = outcomes.table[outcomes.table["count"] > 0]
    got = dict(zip(table["place_id"], table["count"], strict=True))
    wanted = pd.Series([e for _, _, e in CASES if e.isdigit()]).value_counts().to_dict()
    assert got == wanted


def test_every_code_has_a_sentence_and_the_summary_counts_codes(outcomes):
    assert set(REASONS) == set(CODE) - {""}
    assert all(sentence(code) for code in REASONS)
    assert set(outcomes.summary.reasons) <= set(REASONS)
    assert sum(outcomes.summary.reasons.values()) == outcomes.summary.rejected
    assert any(REASONS["swapped"] in line for line in outcomes.lines())


@pytest.mark.parametrize("date,when", [("2018-05-01", "dated before the change"),
                                       ("2022-01-01", "old name used after the change"),
                                       ("", "undated: best current match")])
def test_renamed_unit_is_flagged_by_the_address_date(atlas, date, when):
    firms = pd.DataFrame({"industry": ["ic"], "address": ["温州市苍南县龙港镇1号"],
                          "date": [date]})
    result = reality(atlas, firms)
    assert result.summary.matched == 1
    (flag,) = result.summary.flags
    assert "龙港市 330383" in flag and when in flag


def test_user_zone_csv_adds_a_zone_and_a_bad_one_names_its_line(atlas, tmp_path):
    from geo.errors import InputError

    firms = pd.DataFrame({"industry": ["ic"], "address": ["温州市智谷产业园1号"]})
    assert reality(atlas, firms).summary.reasons == {"address_unresolved": 1}
    zones = tmp_path / "zones.csv"
    zones.write_text("name,districts\n智谷产业园,330302\n", encoding="utf-8")
    result = reality(atlas, firms, zones=zones)
    assert result.summary.matched == 1 and result.summary.flags == {"zone 智谷产业园": 1}
    zones.write_text("name,districts\n智谷产业园,3303\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"zones.csv line 2: district '3303'; expected 6-digit"):
        reality(atlas, firms, zones=zones)
