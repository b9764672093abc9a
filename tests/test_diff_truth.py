"""A diff that tells the truth (issue 17): an element in both editions is changed, never
removed; its 'not located' placeholder is no change of its own."""

from __future__ import annotations

import json
import re

import pytest

import geo
from geo import diff
from geo.cli import main
from geo.show.diff_layers import comparison


def test_corridor_in_both_editions_is_not_removed():
    rows = diff("wenzhou-2022", "wenzhou-2024")
    corridor = rows[rows["element"] == "corridor"]
    assert "removed" not in set(corridor["change"]), corridor[["place_id", "change"]]
    assert "" not in set(corridor["place_id"])
    assert len(corridor) >= 5 and set(corridor["change"]) == {"added"}


def test_the_reverse_diff_lists_districts_not_a_placeholder():
    rows = diff("wenzhou-2024", "wenzhou-2022")
    corridor = rows[rows["element"] == "corridor"]
    assert set(corridor["change"]) == {"removed"} and "" not in set(corridor["place_id"])


PAIRS = [("wenzhou-2022", "wenzhou-2024"), ("wenzhou-2024", "wenzhou-2022")]


@pytest.mark.parametrize("a, b", PAIRS)
def test_layer_counts_equal_the_cli_rows(a, b, capsys):
    """Every layer's '+n −m' counts the rows the CLI lists for its element or industry,
    drawn or not (a zone without a boundary is a note on the map, still a change)."""
    assert main(["diff", a, b, "--json", "--no-files"]) == 0
    listed = json.loads(capsys.readouterr().out)
    compared = comparison(geo.load(a), geo.load(b), "en")
    assert compared.layers
    for spec in compared.layers:
        column, key = ("element", spec.id[7:]) if spec.kind == "layout" else \
            ("industry", spec.id[9:])
        rows = [r["change"] for r in listed if r[column] == key]
        assert (spec.counts()["added"], spec.counts()["removed"]) == \
            (rows.count("added"), rows.count("removed")), spec.id
        assert spec.count_text().startswith(f"+{rows.count('added')} −{rows.count('removed')} ")
    corridor = next(s for s in compared.layers if s.id == "layout:corridor")
    if a == "wenzhou-2022":  # the corridor's 6th place is a zone the plan gives no boundary
        assert corridor.count_text().startswith("+6 ") and len(corridor.entries) == 5


def test_cli_summary_and_map_label_count_the_same_rows(tmp_path, capsys):
    """The CLI's header counts the rows it lists; the diff page's corridor toggle says +6."""
    assert main(["diff", *PAIRS[0], "--no-files"]) == 0
    lines = capsys.readouterr().out.splitlines()
    listed = [line.split()[0] for line in lines[1:]]
    assert lines[0].endswith(f"({listed.count('added')} added, "
                             f"{listed.count('removed')} removed)")
    html = geo.diff_map(*PAIRS[0], lang="en").get_root().render()
    toggle = re.search(r'data-layer="layout:corridor".*?</label>', html, re.S).group(0)
    assert "+6 −0 =0" in toggle
