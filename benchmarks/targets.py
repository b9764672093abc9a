"""The performance targets the benchmarks report, in one table.

Each is a limit on a ratio to the plain ``explore()`` peer (``peer_explore.py``) measured
in the same run on the same machine, or on an absolute figure. A later issue's limit
replaces an earlier one on the same measure (issue 16 tightened three of issue 9's).
"""

from __future__ import annotations

#: name: (what is measured, limit it must not exceed, issue that set the limit).
TARGETS = {
    "wenzhou_time_ratio": ("Wenzhou build wall time ours/peer (median, whole process)", 0.40, 16),
    "national_time_ratio": ("national county map wall time ours (cold cache)/peer", 0.20, 16),
    "import_geo_s": ("import geo, s (median of fresh processes)", 0.050, 16),
    "wenzhou_html_ratio": ("Wenzhou HTML bytes ours/peer", 0.6, 9),
    "districts_hosting_ms": ("districts_hosting latency, ms", 1.0, 9),
    "national_html_ratio": ("national county map HTML bytes ours/peer", 0.05, 9),
    "national_memory_ratio": ("national county map peak RSS ours (cold cache)/peer", 0.5, 9),
}


def verdicts(values: dict) -> dict:
    """``{name: {what, value, target, met, issue}}`` for each measured target."""
    return {name: {"what": TARGETS[name][0], "value": value, "target": TARGETS[name][1],
                   "met": value <= TARGETS[name][1], "issue": TARGETS[name][2]}
            for name, value in values.items()}


def verdict_lines(found: dict) -> list[str]:
    """One line per target: met or not met, the figure and its target."""
    return [f"{'met    ' if v['met'] else 'NOT MET'}  {v['what']}: {v['value']:.3f} "
            f"(target <= {v['target']:g}, issue {v['issue']})" for v in found.values()]
