"""At the floor: a Parquet table is read piece by piece, only the columns needed, and
names only for rejected rows; the results are those of reading everything at once."""

import dataclasses

import numpy as np
import pandas as pd
import pytest

from geo.firms import reality
from geo.firms.read import FirmSource, open_firms


def _firms(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    firms = pd.DataFrame({
        "name": [f"firm {i}" for i in range(n)],
        "industry": rng.choice(["IC", "软件", "AI", "widgets", ""], n),
        "lon": rng.uniform(119.7, 121.2, n), "lat": rng.uniform(27.1, 28.5, n),
        "weight": rng.uniform(0, 100, n).round(2),
        "extra": ["an unused column"] * n})
    firms.loc[rng.random(n) < 0.03, "lon"] = np.nan
    firms.loc[rng.random(n) < 0.01, "lat"] = 123.5
    return firms


@pytest.fixture
def folder(tmp_path):
    """Three Parquet files of 700 rows in row groups of 100 (the last one without rejects)."""
    firms = _firms(2100, 7)
    firms.loc[1400:, ["lon", "lat"]] = [120.6550, 28.0150]     # all in Lucheng
    out = tmp_path / "firms"
    out.mkdir()
    for part in range(3):
        firms.iloc[part * 700:(part + 1) * 700].to_parquet(out / f"part-{part}.parquet",
                                                           row_group_size=100)
    return out, firms


def test_names_are_read_only_for_pieces_with_rejects_and_only_mapped_columns(
        atlas, folder, monkeypatch):
    path, firms = folder
    reads = []
    original = FirmSource._row_groups

    def spy(self, piece, columns, dictionary=()):
        reads.append((piece.path.rsplit("/", 1)[-1], tuple(columns)))
        return original(self, piece, columns, dictionary)

    monkeypatch.setattr(FirmSource, "_row_groups", spy)
    result = reality(atlas, path, datum="gcj02")
    assert {c for _, columns in reads for c in columns} == {"name", "industry", "lon", "lat",
                                                            "weight"}          # never "extra"
    with_names = [f for f, columns in reads if "name" in columns]
    assert with_names == ["part-0.parquet", "part-1.parquet"] and all(
        columns == ("name",) for _, columns in reads if "name" in columns)
    rejects = result.rejects
    assert len(rejects) > 20 and rejects["row"].max() < 1400
    assert rejects["name"].tolist() == firms["name"].iloc[rejects["row"]].tolist()
    assert result.summary.reconciled and result.summary.input == len(firms)


def test_piece_by_piece_gives_the_table_of_the_whole_frame(atlas, folder):
    path, firms = folder
    pieces = reality(atlas, path, datum="gcj02", trail=True)
    whole = reality(atlas, firms, datum="gcj02", trail=True)
    weights = ["weight", "lq_weight"]
    pd.testing.assert_frame_equal(pieces.table.drop(columns=weights),
                                  whole.table.drop(columns=weights), check_exact=True)
    pd.testing.assert_frame_equal(pieces.table[weights], whole.table[weights], rtol=1e-12)
    pd.testing.assert_frame_equal(pieces.rejects, whole.rejects, check_exact=True)
    pd.testing.assert_frame_equal(pieces.firms, whole.firms, check_exact=True)
    assert pieces.summary == dataclasses.replace(whole.summary, firms=str(path))
    reasons = pieces.summary.reasons
    assert reasons["missing"] == firms["lon"].isna().sum()
    assert reasons["out_of_range"] == ((firms["lat"] > 90) & firms["lon"].notna()).sum()
    assert reasons["outside_region"] > 0 and len(reasons) == 3


def test_a_text_industry_read_as_a_dictionary_keeps_blank_and_unknown_names(atlas, folder):
    path, firms = folder
    source = open_firms(path)
    frame = source.read_piece(source.pieces()[0], names=False)
    assert isinstance(frame["industry"].dtype, pd.CategoricalDtype)
    assert "name" not in frame and "extra" not in frame
    unknown = reality(atlas, path, datum="gcj02").summary.unknown_industries
    expected = firms["industry"][~firms["industry"].isin(["IC", "软件", "AI"])].value_counts()
    assert unknown == expected.to_dict()
