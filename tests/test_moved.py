"""Module paths of release 0.1 still import, warn, and are the very modules at their new paths."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

from geo._moved import MOVED

# One fresh interpreter imports every old path: each must warn once and be the new module.
_PROBE = """
import importlib, json, sys, warnings
import geo
from geo._moved import MOVED
found = {}
for old, new in MOVED.items():
    module = importlib.import_module(new)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        alias = importlib.import_module(old)
    found[old] = [[str(w.message) for w in caught if w.category is DeprecationWarning],
                  alias is module]
json.dump(found, sys.stdout)
"""


@pytest.fixture(scope="module")
def probed():
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize(("old", "new"), sorted(MOVED.items()))
def test_old_path_is_the_new_module_and_warns(probed, old, new):
    warnings, same = probed[old]
    assert warnings == [f"{old} is now {new}; the old name goes in release 0.3"]
    assert same


def test_an_unmoved_name_still_fails():
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("geo.no_such_module")
