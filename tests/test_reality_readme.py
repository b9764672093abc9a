"""README's "Plan vs reality" section against the code: the reasons table is
geo/firms/reasons.py's word for word and each of its examples gets its reason; the trail's
columns are the ones listed; the measures' columns, references and quoted values hold; the
section's Python example and Wenzhou commands run as written (test_docs.py runs only ``sh``
blocks) and write the files it names. Every firm row here is SYNTHETIC."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from geo.firms import DATUMS, reality
from geo.firms.measures import CONCENTRATION_COLUMNS, SPECIALISATION_COLUMNS
from geo.firms.reasons import REASONS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
SECTION = README.split("\n## Plan vs reality\n", 1)[1].split("\n## ", 1)[0]


def table_rows(header: str) -> list[list[str]]:
    """The cells of the Markdown table under ``header`` in the section."""
    lines = SECTION.split(header, 1)[1].strip().splitlines()[1:]
    rows = []
    for line in lines:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in re.split(r"(?<!\\)\|", line.strip("|"))])
    return rows


REASON_ROWS = table_rows("| code | sentence (as printed) | for example |")

# each README example as written there, and as a SYNTHETIC firm row, by the code it must get
EXAMPLES = {
    "missing": ("no lon, lat, adcode or address", {}),
    "unknown_datum": ("datum `WGS-85`", {"lon": "120.65", "lat": "27.99", "datum": "WGS-85"}),
    "non_numeric": ("lon `12,3`", {"lon": "12,3", "lat": "28"}),
    "swapped": ("lon 27.99, lat 120.65", {"lon": "27.99", "lat": "120.65"}),
    "out_of_range": ("lon `1e3`", {"lon": "1e3", "lat": "28"}),
    "outside_china": ("0, 0 in datum gcj02", {"lon": "0", "lat": "0", "datum": "gcj02"}),
    "outside_region": ("120.15, 30.28 (Hangzhou) on a Wenzhou plan",
                       {"lon": "120.15", "lat": "30.28"}),
    "invalid_adcode": ("999999", {"adcode": "999999"}),
    "adcode_outside_region": ("330102 (Hangzhou) on a Wenzhou plan", {"adcode": "330102"}),
    "address_unresolved": ("火星", {"address": "火星"}),
    "address_ambiguous": ("瓯江口新区1号", {"address": "瓯江口新区1号"}),
    "address_outside_region": ("浙江省杭州市上城区1号 on a Wenzhou plan",
                               {"address": "浙江省杭州市上城区1号"}),
    "non_numeric_weight": ("weight `heavy`", {"adcode": "330302", "weight": "heavy"}),
}


def test_the_reasons_table_is_the_code_word_for_word():
    assert [(r[0], r[1]) for r in REASON_ROWS] == [(f"`{r.code}`", r.sentence)
                                                    for r in REASONS[1:]]


def test_every_readme_example_gets_its_reason(atlas):
    codes = [r.code for r in REASONS[1:]]
    assert {r[0].strip("`"): r[2] for r in REASON_ROWS} == {c: EXAMPLES[c][0] for c in codes}
    firms = pd.DataFrame([EXAMPLES[c][1] for c in codes]).fillna("").assign(industry="ic")
    rejects = atlas.reality(firms).rejects
    assert dict(zip(rejects["row"], rejects["reason"], strict=True)) == dict(enumerate(codes))


def test_the_datum_column_is_documented_with_every_datum():
    assert "a `datum` column" in SECTION
    assert all(f"`{d}`" in SECTION for d in DATUMS)


def test_the_trail_columns_are_the_ones_listed(atlas):
    firms = pd.DataFrame({"industry": ["ic"], "adcode": ["330302"]})
    trail = reality(atlas, firms, trail=True).firms
    listed = SECTION.split("**The trail.**", 1)[1].split("**The table.**", 1)[0]
    named = set(re.findall(r"`([a-z_]+)`", listed)) - {"firms"}
    assert set(trail.columns) <= named
    assert named - set(trail.columns) <= {"coordinates", "adcode", "address"}


def test_the_measures_paragraph_names_the_columns_references_and_true_values(atlas):
    part = SECTION.split("**Measures beside LQ**", 1)[1].split("**Large inputs", 1)[0]
    for column in {*SPECIALISATION_COLUMNS, *CONCENTRATION_COLUMNS} - {
            "place_id", "name_zh", "name_en", "industry", "industry_zh", "industry_en", "count"}:
        assert f"`{column}`" in part
    assert "Krugman (1991), *Geography and Trade*" in part and "Hoover (1936)" in part
    rows = ([("330326", "iot")] * 3 + [("330326", "ai")] + [("330328", "ai")] * 5
            + [("330328", "iot")] + [("330302", "widgets")] * 2)
    result = atlas.reality(pd.DataFrame(rows, columns=["adcode", "industry"]))
    k = result.specialisation.set_index("name_en")["krugman"]
    h = result.concentration.set_index("industry")["hoover"]
    quoted = (f"Pingyang's\n`krugman` is {k['Pingyang']:.2f}, Lucheng's {k['Lucheng']:.2f}, "
              f"and IoT's `hoover` {h['iot']:.2f}")
    assert " ".join(quoted.split()) in " ".join(part.split())


@pytest.mark.parametrize("name", ["-specialisation.csv", "-concentration.csv"])
def test_the_written_files_are_named(name):
    assert name in SECTION


#: The reader's own firm table the section's examples read (SYNTHETIC: two invented firms
#: in Yueqing and Lucheng, one row without coordinates).
FIRMS_CSV = "name,industry,lon,lat\nA,集成电路,120.97,28.12\nB,软件,120.70,28.00\nC,软件,,\n"


def _blocks(fence: str) -> list[str]:
    return re.findall(rf"```{fence}\n(.*?)```", SECTION, re.S)


def test_the_sections_python_example_runs_as_written(tmp_path, monkeypatch, capsys):
    (tmp_path / "firms.csv").write_text(FIRMS_CSV, "utf-8")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(_blocks("python")[0], "README.md", "exec"), namespace)  # noqa: S102
    result = namespace["result"]
    assert (result.summary.input, result.summary.matched, result.summary.rejected) == (3, 2, 1)
    assert "wenzhou-2024: 3 firms read = 2 matched + 1 rejected" in capsys.readouterr().out
    assert namespace["atlas"].reality("firms.csv", trail=True).firms["name"].tolist() == [
        "A", "B"]


def test_the_sections_commands_run_as_written_and_write_the_files_named(tmp_path,
                                                                        monkeypatch, capsys):
    """The Wenzhou commands of the section's first console block, in order (the 10 M-row
    one is the benchmark's: bench_reality.py runs it); the files its comment names, and
    only those, are written."""
    import shlex

    from geo.cli import main

    (tmp_path / "firms.csv").write_text(FIRMS_CSV, "utf-8")
    monkeypatch.chdir(tmp_path)
    block = _blocks("console")[0]
    commands = [line.split("  #", 1)[0].strip() for line in block.splitlines()
                if line.startswith("industry-atlas reality wenzhou-2024")]
    assert len(commands) == 2
    for command in commands:
        assert main(shlex.split(command)[1:]) == 0, capsys.readouterr().err
    named = re.search(r"# writes (out/\S+?)(\.csv), (.*?) and the map (\S+)\n", block, re.S)
    first = named.group(1) + named.group(2)
    stem = first.rsplit("-", 1)[0]
    files = {first, named.group(4)} | {stem + part.strip().lstrip("#").strip()
                                       for part in named.group(3).split(",")}
    assert {str(p.relative_to(tmp_path)) for p in (tmp_path / "out").iterdir()} == files
    assert len(files) == 6 and (tmp_path / "trail.parquet").is_file()
