"""The GeoParquet cache of converted boundaries."""

import pytest

from geo import settings
from geo.places import boundaries

WENZHOU = "330300"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setattr(settings, "cache_dir", folder)
    return folder


@pytest.fixture(scope="module")
def units():
    return boundaries.children(boundaries.unit(WENZHOU))


def test_cache_hit_returns_identical_frames(cache_dir, units):
    fresh = boundaries.load_units(units, cache=False)
    first = boundaries.load_units(units)  # miss: builds and writes
    path = boundaries.cache_path(units)
    assert path.parent == cache_dir and path.is_file()
    assert not list(cache_dir.glob("*.tmp"))  # written through a renamed temp file
    cached = boundaries.read_cache(path, units)
    assert cached is not None
    hit = boundaries.load_units(units)
    for frame in (first, hit):
        assert list(frame.columns) == list(fresh.columns)
        assert frame.drop(columns="geometry").equals(fresh.drop(columns="geometry"))
        assert frame.geometry.geom_equals_exact(fresh.geometry, 0).all()
        assert frame.crs == fresh.crs and frame.attrs == fresh.attrs


@pytest.mark.parametrize("damage", [b"", b"PAR1 not parquet at all", None])
def test_corrupt_cache_is_ignored_and_rebuilt(cache_dir, units, damage):
    boundaries.load_units(units)
    path = boundaries.cache_path(units)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] if damage is None else damage)
    assert boundaries.read_cache(path, units) is None
    gdf = boundaries.load_units(units)
    assert len(gdf) == len(units)
    assert boundaries.read_cache(path, units) is not None  # rewritten


def test_cache_of_other_units_is_not_used(cache_dir, units):
    boundaries.load_units(units)
    path = boundaries.cache_path(units)
    assert boundaries.read_cache(path, units[:3]) is None


def test_cache_key_changes_with_datum_units_and_version(cache_dir, units, monkeypatch):
    wgs, gcj = boundaries.cache_path(units, "wgs84"), boundaries.cache_path(units, "gcj02")
    assert wgs != gcj
    assert boundaries.cache_path(units[:3]) != wgs
    gcj_frame = boundaries.load_units(units, datum="gcj02")
    assert gcj.is_file() and not wgs.is_file()
    assert gcj_frame.attrs["datum"] == "gcj02"
    monkeypatch.setattr(boundaries, "data_version", lambda: "0.0.0-other")
    assert boundaries.cache_path(units, "wgs84") != wgs


def test_cache_can_be_disabled(monkeypatch, units, tmp_path):
    monkeypatch.setattr(settings, "cache_dir", None)
    assert boundaries.cache_path(units) is None
    assert len(boundaries.load_units(units)) == len(units)


def test_unwritable_cache_is_not_an_error(monkeypatch, units, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(settings, "cache_dir", blocker / "cache")
    assert len(boundaries.load_units(units)) == len(units)


@pytest.mark.parametrize(("env", "expected"), [
    ({"INDUSTRY_ATLAS_CACHE": "/x/ia"}, "/x/ia"),
    ({"INDUSTRY_ATLAS_CACHE": "off"}, None),
    ({"INDUSTRY_ATLAS_CACHE": ""}, None),
    ({"XDG_CACHE_HOME": "/x/xdg"}, "/x/xdg/industry-atlas"),
])
def test_cache_dir_follows_the_environment(monkeypatch, env, expected):
    for name in ("INDUSTRY_ATLAS_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    found = settings._default_cache_dir()
    assert (None if found is None else str(found)) == expected
