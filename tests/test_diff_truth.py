"""A diff that tells the truth (issue 17): an element in both editions is changed, never
removed; its 'not located' placeholder is no change of its own."""

from __future__ import annotations

from geo import diff


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
