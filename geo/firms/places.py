"""Adcodes and Chinese addresses to the plan's districts.

Addresses are parsed by ``cpca-new`` (the cpca parser with administrative
divisions to 2025-12-31, so 龙港市 330383, 临平区 330113 and 钱塘区 330114
resolve); it ships its data and downloads nothing. When the parser stops at
a city (an old county name such as 洞头县, now 洞头区), the county is found by
the stem of its current name (洞头) within that city.
"""

from __future__ import annotations

import re

import numpy as np

from ..places.names import strip_zh_suffix

_DIGITS = re.compile(r"^\d{6}(\d{3}|\d{6})?$")
_DECIMAL = re.compile(r"\.0+$")


class Places:
    """The plan's districts by adcode, and how codes and addresses reach them.

    Parameters
    ----------
    districts : list of (adcode, name_zh)
        The plan's districts, in the order of its district table.
    """

    def __init__(self, districts):
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
        reasons : numpy.ndarray of object
            ``""``, ``"invalid adcode"`` or ``"adcode not in the region"``.
        """
        texts = [_DECIMAL.sub("", str(v).strip()) for v in values]
        unique = dict.fromkeys(texts)
        found = {}
        for text in unique:
            if not _DIGITS.match(text):
                found[text] = (-1, "invalid adcode")
                continue
            place = self.position(text[:6])
            found[text] = (place, "" if place >= 0 else "adcode not in the region")
        pairs = [found[t] for t in texts]
        return (np.array([p for p, _ in pairs], dtype=np.int64),
                np.array([r for _, r in pairs], dtype=object))

    def of_addresses(self, values) -> tuple[np.ndarray, np.ndarray]:
        """Districts of Chinese addresses, each distinct address parsed once.

        Returns
        -------
        positions, reasons
            As for :meth:`of_adcodes`; reasons ``"address not resolvable"`` (no
            county found) or ``"address outside the region"``.
        """
        texts = [str(v).strip() for v in values]
        unique = list(dict.fromkeys(texts))
        codes = _parse(unique)
        found = {}
        for text, code in zip(unique, codes, strict=True):
            found[text] = self._address_place(text, code)
        pairs = [found[t] for t in texts]
        return (np.array([p for p, _ in pairs], dtype=np.int64),
                np.array([r for _, r in pairs], dtype=object))

    def _address_place(self, text: str, code) -> tuple[int, str]:
        county = isinstance(code, str) and len(code) == 6 and not code.endswith("00")
        if county:
            place = self.position(code)
            return (place, "") if place >= 0 else (-1, "address outside the region")
        place = self.position(code) if isinstance(code, str) and len(code) == 6 else -1
        if place >= 0 and self.codes[place] == code:  # the plan's districts are cities
            return place, ""
        prefix = code.rstrip("0") if isinstance(code, str) else ""
        if len(prefix) % 2:
            prefix += "0"
        hits = [(text.find(stem), i) for stem, i in self._stems
                if stem in text and self.codes[i].startswith(prefix)]
        if hits:
            return min(hits)[1], ""
        if prefix and place < 0 and not any(c.startswith(prefix) for c in self.codes):
            return -1, "address outside the region"
        return -1, "address not resolvable"


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
