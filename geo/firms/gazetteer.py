"""Names registries still write: renamed or split county-level units, and development zones.

Two small tables, data behind this loader:

- ``geo/data/county_history.csv``: county-level units renamed, merged or split
  since 2010 (龙港市 from 苍南县 in 2019, 临平区 and 钱塘区 from 余杭区, 江干区
  and 萧山区 in 2021, ...), each row checked against the page in its ``source``
  column (State Council replies, provincial notices as published or reported,
  Wikipedia's articles), ``since`` the month that page dates the approval or
  announcement, ``note`` what changed and where the old code was confirmed. A
  row with ``towns`` moves only addresses naming one of those towns or streets.
- ``geo/data/zones.csv``: development zones and new areas with the district(s)
  that contain them (an interpretation, marked so in each row's source); a
  user CSV with the same ``name,districts`` columns adds to or overrides it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import InputError


@dataclass(frozen=True)
class Change:
    """One row of the history table: ``old_name`` (in ``towns``, if any) is ``new_code`` since."""

    old_code: str
    old_name: str
    towns: tuple
    new_code: str
    new_name: str
    since: str  # YYYY-MM

    def matches(self, text: str) -> bool:
        """Whether an address names the old unit (and one of the towns, if any)."""
        return self.old_name in text and (not self.towns or any(t in text for t in self.towns))

    def flag(self, date: str | None) -> str:
        """The trail's note for an address moved by this change, by the address's date."""
        when = ("undated: best current match" if not date
                else "dated before the change" if date < self.since
                else "old name used after the change")
        where = f"{self.old_name}{'/'.join(self.towns[:1])}" if self.towns else self.old_name
        return f"renamed {where} -> {self.new_name} {self.new_code} ({self.since}; {when})"


@dataclass(frozen=True)
class Zone:
    """A development zone or new area and the district(s) containing it."""

    name: str
    districts: tuple


def _rows(text: str, label: str, required: tuple) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"{label} line 1: no {', '.join(missing)} column; expected a header "
                         f"with {', '.join(required)}")
    rows = list(reader)
    for number, row in enumerate(rows, 2):
        for column in required:
            if column != "old_code" and column != "towns" and not (row[column] or "").strip():
                raise InputError(f"{label} line {number}: empty {column}; expected a value")
    return rows


@lru_cache(maxsize=1)
def history() -> tuple[Change, ...]:
    """The history table; rows naming towns first, so they win over whole-unit rows."""
    text = resources.files("geo").joinpath("data/county_history.csv").read_text("utf-8")
    rows = _rows(text, "geo/data/county_history.csv",
                 ("old_code", "old_name", "towns", "new_code", "new_name", "since"))
    changes = [Change(r["old_code"].strip(), r["old_name"].strip(),
                      tuple(t for t in r["towns"].split("|") if t), r["new_code"].strip(),
                      r["new_name"].strip(), r["since"].strip()) for r in rows]
    return tuple(sorted(changes, key=lambda c: not c.towns))


def zones(extra=None) -> tuple[Zone, ...]:
    """The zones table, with a user CSV's rows (``name,districts``; ``|`` between codes) added.

    Parameters
    ----------
    extra : str or path, optional
        A user CSV; its rows replace built-in rows of the same name.

    Raises
    ------
    InputError
        A user CSV that cannot be read or lacks a column, an empty cell, or a
        district code that is not 6 digits (with the line).
    """
    text = resources.files("geo").joinpath("data/zones.csv").read_text("utf-8")
    table = {z.name: z for z in _zones(text, "geo/data/zones.csv")}
    if extra is not None:
        try:
            user = Path(extra).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{extra}: cannot read the zones table ({exc}); expected a UTF-8 "
                             f"CSV with name,districts") from None
        table.update({z.name: z for z in _zones(user, str(extra))})
    # longest names first, so 温州经济技术开发区 wins over a shorter zone inside it
    return tuple(sorted(table.values(), key=lambda z: -len(z.name)))


def _zones(text: str, label: str) -> list[Zone]:
    out = []
    for number, row in enumerate(_rows(text, label, ("name", "districts")), 2):
        codes = tuple(c.strip() for c in row["districts"].split("|") if c.strip())
        bad = [c for c in codes if not (len(c) == 6 and c.isdigit())]
        if bad:
            raise InputError(f"{label} line {number}: district {bad[0]!r}; expected 6-digit "
                             f"adcodes separated by |")
        out.append(Zone(row["name"].strip(), codes))
    return out
