"""Every input row ends in exactly one place, whatever junk the rows hold (hypothesis)."""

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.firms import REASONS, reality

junk = st.one_of(st.none(), st.just(""), st.just("  "), st.text(max_size=8),
                 st.floats(allow_nan=True, allow_infinity=True).map(str))
lons = st.one_of(junk, st.floats(119.5, 121.4).map(str), st.floats(-200, 200).map(str))
lats = st.one_of(junk, st.floats(26.9, 28.7).map(str), st.floats(-100, 100).map(str))
addresses = st.one_of(junk, st.sampled_from(["温州市鹿城区五马街", "乐清市", "北京市朝阳区",
                                             "浙江省温州市洞头县", "某某路1号"]))
adcodes = st.one_of(junk, st.sampled_from(["330302", "330382000000", "110105", "3303",
                                           "330383.0"]))
industries = st.one_of(junk, st.sampled_from(["IC", "芯片", "AI", "software", "steel"]))
weights = st.one_of(junk, st.floats(0, 1e9).map(str))
rows = st.fixed_dictionaries({"name": junk, "industry": industries, "lon": lons, "lat": lats,
                              "address": addresses, "adcode": adcodes, "weight": weights})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(rows, min_size=1, max_size=40), st.sampled_from(["wgs84", "gcj02", "bd09"]))
def test_input_is_matched_plus_rejected_row_by_row(atlas, records, datum):
    firms = pd.DataFrame(records, dtype=object)
    result = reality(atlas, firms, datum=datum)
    s = result.summary
    assert s.reconciled and s.input == len(firms)
    assert s.matched == result.table["count"].sum() == sum(s.methods.values())
    assert s.rejected == len(result.rejects) == sum(s.reasons.values())
    assert result.rejects.row.is_unique
    assert set(result.rejects.reason) <= set(REASONS)
    assert set(result.rejects.row) <= set(range(len(firms)))
    assert sum(s.unknown_industries.values()) == (
        result.table.loc[result.table["industry"] == "other", "count"].sum()
        + sum(1 for r in result.rejects.itertuples() if r.industry not in
              {"IC", "芯片", "AI", "software"}))
