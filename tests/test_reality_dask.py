"""The Dask engine gives the pandas engine's table on a partitioned file."""

import numpy as np
import pandas as pd
import pytest

import geo
from geo.firms import reality

pytest.importorskip("distributed")


def test_pandas_and_dask_give_identical_tables_on_a_partitioned_file(tmp_path):
    atlas = geo.load("wenzhou-2024")
    rng = np.random.default_rng(12)
    n = 6000
    firms = pd.DataFrame({
        "name": [f"firm {i}" for i in range(n)],
        "industry": rng.choice(["IC", "软件", "AI", "IoT", "widgets"], n),
        "lon": rng.uniform(119.7, 121.2, n).astype(object),
        "lat": rng.uniform(27.1, 28.5, n).astype(object),
        "address": rng.choice(["温州市鹿城区五马街", "乐清市柳市镇", "无名路", ""], n),
        "adcode": "", "weight": rng.uniform(0, 100, n).round(2).astype(str)})
    firms.loc[rng.random(n) < 0.3, ["lon", "lat"]] = None        # addresses only
    firms.loc[rng.random(n) < 0.02, "lon"] = "n/a"
    firms.loc[rng.random(n) < 0.05, "adcode"] = "330383"
    folder = tmp_path / "firms"
    folder.mkdir()
    for part in range(3):                                   # 3 files, row groups of 500
        chunk = firms.iloc[part * 2000:(part + 1) * 2000].astype(str).replace("None", "")
        chunk.to_parquet(folder / f"part-{part}.parquet", row_group_size=500)
    plain = reality(atlas, folder, datum="bd09")
    dask = reality(atlas, folder, datum="bd09", engine="dask", workers=2, piece_rows=900)
    weights = ["weight", "lq_weight"]
    pd.testing.assert_frame_equal(plain.table.drop(columns=weights),
                                  dask.table.drop(columns=weights), check_exact=True)
    pd.testing.assert_frame_equal(plain.table[weights], dask.table[weights], rtol=1e-12)
    pd.testing.assert_frame_equal(plain.rejects, dask.rejects, check_exact=True)
    assert {**plain.summary, "engine": "dask"} == dask.summary
    assert dask.summary["reconciled"] and dask.summary["input"] == n
    assert set(dask.summary["methods"]) == {"coordinates", "address", "adcode"}
