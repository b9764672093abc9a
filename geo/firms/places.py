"""Adcodes and Chinese addresses to the plan's districts.

Addresses are parsed by ``cpca-new`` (the cpca parser with administrative
divisions to 2025-12-31, so 龙港市 330383, 临平区 330113 and 钱塘区 330114
resolve); it ships its data and downloads nothing. When the parser stops at
a city, the county is found by the stem of its current name within that city.
Before the parser, addresses written with a renamed or split unit (苍南县龙港镇,
now 龙港市) are moved by the history table, and addresses in a development zone
(温州经济技术开发区) go to the district containing it; a zone spanning several
districts is rejected as ambiguous (:mod:`geo.firms.gazetteer`).
"""

from __future__ import annotations

import re

import numpy as np

from ..places.names import strip_zh_suffix
from .gazetteer import history, zones
from .reasons import CODE

_DIGITS = re.compile(r"^\d{6}(\d{3}|\d{6})?$")
_DECIMAL = re.compile(r"\.0+$")


class Places:
    """The plan's districts by adcode, and how codes and addresses reach them.

    Parameters
    ----------
    districts : list of (adcode, name_zh)
        The plan's districts, in the order of its district table.
    """

    def __init__(self, districts, zones_csv=None):
        self.zones = zones(zones_csv)
        self.codes = [str(a) for a, _ in districts]
        self._position = {a: i for i, a in enumerate(self.codes)}
        stems = [(strip_zh_suffix(name), i) for i, (_, name) in enumerate(districts)]
        self._stems = [(s, i) for s, i in stems if len(s) >= 2]

    def position(self, code: str) -> int:
        """Position of the district holding a 6-digit code (itself, its city, its
        province), or -1."""
        for key in (code, code[:4] + "00", code[:2] + "0000"):
            found = self._position.get(key)
            if found is not None:
                return found
        return -1

    def of_adcodes(self, values) -> tuple[np.ndarray, np.ndarray]:
        """Districts of adcodes (6, 9 or 12 digits; ``330382.0`` as read from a float column).

        Returns
        -------
        positions : numpy.ndarray of int
            District positions, -1 where rejected.
        reasons : numpy.ndarray of int8
            Positions in :data:`geo.firms.reasons.REASONS`: 0 (placed),
            ``invalid_adcode`` or ``adcode_outside_region``; an adcode of a unit
            renamed since (history table) counts as its current unit.
        """
        from ..places import boundaries

        known = {u.adcode for u in boundaries.all_units()}
        renamed = {c.old_code: c.new_code for c in history() if c.old_code and not c.towns}
        texts = [_DECIMAL.sub("", str(v).strip()) for v in values]
        unique = dict.fromkeys(texts)
        found = {}
        for text in unique:
            if not _DIGITS.match(text):
                found[text] = (-1, "invalid_adcode")
                continue
            code = renamed.get(text[:6], text[:6])
            if code not in known:
                found[text] = (-1, "invalid_adcode")
                continue
            place = self.position(code)
            found[text] = (place, "" if place >= 0 else "adcode_outside_region")
        pairs = [found[t] for t in texts]
        return (np.array([p for p, _ in pairs], dtype=np.int64),
                np.array([CODE[r] for _, r in pairs], dtype=np.int8))

    def of_addresses(self, values, dates=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Districts of Chinese addresses, each distinct address parsed once.

        Parameters
        ----------
        values : array of str
        dates : array of str (YYYY-MM) or None, optional
            The addresses' dates; they only word the flag of a renamed unit.

        Returns
        -------
        positions, reasons
            As for :meth:`of_adcodes`; reasons ``"address_unresolved"`` (no
            county found), ``"address_ambiguous"`` (a zone of several districts)
            or ``"address_outside_region"``.
        flags : numpy.ndarray of object
            ``""``, or how a renamed unit or a zone was resolved.
        """
        texts = [str(v).strip() for v in values]
        unique = list(dict.fromkeys(texts))
        codes = _parse(unique)
        found = {}
        for text, code in zip(unique, codes, strict=True):
            found[text] = self._address_place(text, code)
        triples = [found[t] for t in texts]
        flags = [(f(None if dates is None else dates[i]) if f else "")
                 for i, (_, _, f) in enumerate(triples)]
        return (np.array([p for p, _, _ in triples], dtype=np.int64),
                np.array([CODE[r] for _, r, _ in triples], dtype=np.int8),
                np.array(flags, dtype=object))

    def _address_place(self, text: str, code) -> tuple:
        prefix = _prefix(code)
        for change in history():
            if change.matches(text) and (change.new_code.startswith(prefix)
                                         or change.old_code.startswith(prefix)):
                place = self.position(change.new_code)
                if place < 0:
                    return -1, "address_outside_region", change.flag
                return place, "", change.flag
        place, reason = self._county(text, code)
        if place >= 0 or reason == "address_outside_region":
            return place, reason, None
        for zone in self.zones:
            if zone.name in text:
                places = sorted({self.position(c) for c in zone.districts} - {-1})
                if len(places) == 1:
                    return places[0], "", lambda _date, z=zone: f"zone {z.name}"
                if len(places) > 1:
                    return -1, "address_ambiguous", None
                return -1, "address_outside_region", None
        return place, reason, None

    def _county(self, text: str, code) -> tuple[int, str]:
        county = isinstance(code, str) and len(code) == 6 and not code.endswith("00")
        if county:
            place = self.position(code)
            return (place, "") if place >= 0 else (-1, "address_outside_region")
        place = self.position(code) if isinstance(code, str) and len(code) == 6 else -1
        if place >= 0 and self.codes[place] == code:  # the plan's districts are cities
            return place, ""
        prefix = _prefix(code)
        hits = [(text.find(stem), i) for stem, i in self._stems
                if stem in text and self.codes[i].startswith(prefix)]
        if hits:
            return min(hits)[1], ""
        if prefix and place < 0 and not any(c.startswith(prefix) for c in self.codes):
            return -1, "address_outside_region"
        return -1, "address_unresolved"


def _prefix(code) -> str:
    """The known part of a parsed adcode: ``330300`` -> ``3303``; ``""`` for none."""
    prefix = code.rstrip("0") if isinstance(code, str) else ""
    return prefix + "0" if len(prefix) % 2 else prefix


def _parse(addresses: list[str]) -> list:
    """6-digit adcodes found by cpca-new (county, else city or province), or None."""
    if not addresses:
        return []
    import warnings

    with warnings.catch_warnings():  # cpca-new reads its table with a deprecated call
        warnings.simplefilter("ignore", DeprecationWarning)
        import cpca_new

    result = cpca_new.transform(addresses)
    return [c if isinstance(c, str) and c else None for c in result["adcode"]]
