"""Module paths of release 0.1 that moved in 0.2, still importable with a DeprecationWarning.

Release 0.2 put the modules in layered folders (README: Layout). ``import
geo.boundaries`` still gives :mod:`geo.places.boundaries` (the same module object, so
monkeypatching either name patches both) until release 0.3.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import warnings

#: Old module path -> where it lives now.
MOVED = {
    "geo.planfile": "geo.plan.file",
    "geo.validate": "geo.plan.validate",
    "geo.schema": "geo.plan.schema",
    "geo.skeleton": "geo.plan.skeleton",
    "geo.units": "geo.plan.units",
    "geo.zone_geometry": "geo.plan.zones",
    "geo.boundaries": "geo.places.boundaries",
    "geo.regions": "geo.places.regions",
    "geo.names": "geo.places.names",
    "geo.crs": "geo.places.crs",
    "geo.join": "geo.atlas.join",
    "geo.catalog": "geo.atlas.catalog",
    "geo.layer_specs": "geo.show.layer_specs",
    "geo.geometry": "geo.show.geometry",
    "geo.indicator_series": "geo.show.indicator_series",
    "geo.neighbours": "geo.show.neighbours",
    "geo.basemaps": "geo.show.basemaps",
    "geo.national": "geo.pages.national",
    "geo.index_page": "geo.pages.index",
    "geo.cli_support": "geo.cli.support",
    "geo.firms.cli": "geo.cli.reality",
    "geo.drafting.command": "geo.cli.draft",
}


class _Alias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname, path=None, target=None):
        if fullname not in MOVED:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec):
        new = MOVED[spec.name]
        warnings.warn(f"{spec.name} is now {new}; the old name goes in release 0.3",
                      DeprecationWarning, stacklevel=2)
        return importlib.import_module(new)

    def exec_module(self, module):
        """Nothing to run: the module is the one at its new path."""


def install() -> None:
    """Let the old module paths import (once per process)."""
    if not any(isinstance(finder, _Alias) for finder in sys.meta_path):
        sys.meta_path.append(_Alias())
