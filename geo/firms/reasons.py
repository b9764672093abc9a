"""Why a firm row is rejected, and how a matched row was placed: stable codes and sentences.

Inside a run, reasons and methods are small integers (positions in :data:`REASONS`
and :data:`METHODS`); they become their codes only when rows are written.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reason:
    """A rejection reason: a stable ``code`` (what files and tests use) and a sentence."""

    code: str
    sentence: str


#: Every reason, in the order they are tested; position 0 is "not rejected".
REASONS = (
    Reason("", "matched"),
    Reason("missing", "no lon/lat pair, adcode or address"),
    Reason("unknown_datum", "a datum cell that is not wgs84, gcj02 or bd09"),
    Reason("non_numeric", "lon or lat is not a number"),
    Reason("swapped", "lon and lat look swapped: inside China only when exchanged"),
    Reason("out_of_range", "lon outside -180..180 or lat outside -90..90 (or infinite)"),
    Reason("outside_china", "a point outside China (the box where GCJ-02 and BD-09 apply)"),
    Reason("outside_region", "a point in none of the plan's districts"),
    Reason("invalid_adcode", "an adcode that is not 6, 9 or 12 digits, or no such county"),
    Reason("adcode_outside_region", "an adcode of a county outside the plan's region"),
    Reason("address_unresolved", "an address in which no county could be found"),
    Reason("address_ambiguous", "an address in a zone that spans several districts"),
    Reason("address_outside_region", "an address of a county outside the plan's region"),
    Reason("non_numeric_weight", "a weight that is not a number"),
)

#: Reason code -> its position (the integer used inside a run).
CODE = {r.code: i for i, r in enumerate(REASONS)}

#: How a matched row was placed; position 0 is "not placed".
METHODS = ("", "coordinates", "adcode", "address")
METHOD = {m: i for i, m in enumerate(METHODS)}


def sentence(code: str) -> str:
    """The sentence of a reason code."""
    return REASONS[CODE[code]].sentence
