"""Units of plan indicators: every unit of the table is written in Chinese and English."""

import re

import pytest

from geo.plan.units import human_value, scale_of
from geo.plan.validate import units_table

_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("unit", sorted(units_table()))
def test_every_unit_of_the_table_has_a_chinese_and_an_english_form(unit):
    base, factor = units_table()[unit]
    zh, en = human_value(factor, base, "zh"), human_value(factor, base, "en")
    assert not _CJK.search(en), (unit, en)
    if base in ("count", "percent"):  # a bare number, or 1%, in both languages
        assert zh == en, (unit, zh)
    else:
        assert _CJK.search(zh) and zh != en, (unit, zh)


@pytest.mark.parametrize("value, base, both", [
    (9566, "mu", "9,566亩 / 9,566 mu"),
    (4.5e5, "mu", "450,000亩 / 450,000 mu"),  # 45万亩
    (500, "times", "500倍 / 500 times"),
    (294, "km2", "294平方千米 / 294 km²"),
])
def test_area_and_multiple_are_written_as_read(value, base, both):
    assert human_value(value, base) == both


def test_mu_and_times_convert_from_the_units_the_text_writes():
    table = units_table()
    assert table["万亩"] == ("mu", 1e4) and table["亩"] == ("mu", 1.0)
    assert table["倍"] == ("times", 1.0) and table["万平方米"] == ("km2", 0.01)
    assert scale_of([9566], "mu", "en") == (1.0, "mu")
