"""The caches of ``settings.cache_dir``: converted boundaries (GeoParquet) and simplified
coverages (``geo.show.geometry.simplified``)."""

import pytest
import shapely

from geo import settings
from geo.places import boundaries
from geo.show import geometry

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


# --- the prepared units a map build reads without pandas (geo.places.prepared) ----------


def _prepared_files(folder):
    return sorted(folder.glob("prepared-*.wkb"))


def test_prepared_units_equal_the_frames_and_areas_they_replace(cache_dir, units):
    from geo.places import crs, prepared

    fresh = boundaries.load_units(units, cache=False)
    cold = prepared.prepared_units(units)
    assert len(_prepared_files(cache_dir)) == 1
    warm = prepared.prepared_units(units)
    for got in (cold, warm):
        assert got.adcodes == tuple(fresh["adcode"]) and got.datum == "wgs84"
        assert got.names_zh == tuple(fresh["name_zh"])
        assert got.names_en == tuple(fresh["name_en"])
        assert got.areas_km2 == tuple(crs.areas_km2(fresh).round(1))
        assert shapely.equals_exact(got.geometries, fresh.geometry.to_numpy(), 0).all()


def test_prepared_units_are_read_from_the_cache_when_warm(cache_dir, units, monkeypatch):
    from geo.places import prepared

    first = prepared.prepared_units(units, "gcj02")

    def computed(*args):
        raise AssertionError("prepared again despite the cache")

    monkeypatch.setattr(prepared, "_prepare", computed)
    boundaries._READ.clear()  # a fresh process: parse the file itself
    again = prepared.prepared_units(units, "gcj02")
    assert again.areas_km2 == first.areas_km2 and again.datum == "gcj02"
    assert shapely.equals_exact(again.geometries, first.geometries, 0).all()


@pytest.mark.parametrize("change", ["version", "names", "equal_area_crs", "datum", "units"])
def test_prepared_units_are_rebuilt_when_what_they_depend_on_changes(cache_dir, units,
                                                                     monkeypatch, change):
    from geo.places import prepared

    original = prepared.prepared_units(units)
    before = _prepared_files(cache_dir)
    datum, chosen = "wgs84", units
    if change == "version":
        monkeypatch.setattr(boundaries, "data_version", lambda: "0.0.0-other")
    elif change == "names":
        monkeypatch.setattr(boundaries, "tables_digest", lambda: "other-names")
    elif change == "equal_area_crs":
        monkeypatch.setattr(settings, "equal_area_crs", "EPSG:3857")  # areas grow with latitude
    elif change == "datum":
        datum = "gcj02"
    else:
        chosen = units[:3]
    calls = []
    real = prepared._prepare
    monkeypatch.setattr(prepared, "_prepare", lambda *a: calls.append(a) or real(*a))
    got = prepared.prepared_units(chosen, datum)
    assert len(calls) == 1  # computed, not read from the other file
    after = _prepared_files(cache_dir)
    assert len(after) == 2 and set(before) < set(after)
    assert got.adcodes == tuple(u.adcode for u in chosen) and got.datum == datum
    if change == "equal_area_crs":  # another projection, other areas (Mercator's: larger)
        assert all(m > a for m, a in zip(got.areas_km2, original.areas_km2, strict=True))


@pytest.mark.parametrize("damage", [b"", b"{}\n", b"not json\nrest", None, "other units"])
def test_damaged_prepared_file_is_ignored_and_rebuilt(cache_dir, units, damage):
    from geo.places import prepared

    good = prepared.prepared_units(units)
    path = prepared.prepared_path(units, "wgs84")
    data = path.read_bytes()
    if damage == "other units":  # a readable table of other units under this name
        prepared.write_table(path, {"adcode": ["330302"], "name_zh": ["x"], "name_en": ["x"],
                                    "area_km2": [1.0]}, good.geometries[:1])
    else:
        path.write_bytes(data[: len(data) - 7] if damage is None else damage)
    again = prepared.prepared_units(units)
    assert again.adcodes == good.adcodes and again.areas_km2 == good.areas_km2
    assert path.read_bytes() == data  # rewritten whole


def test_prepared_units_without_a_cache(monkeypatch, units):
    from geo.places import prepared

    monkeypatch.setattr(settings, "cache_dir", None)
    assert prepared.prepared_path(units, "wgs84") is None
    assert len(prepared.prepared_units(units).adcodes) == len(units)
    with pytest.raises(boundaries.BoundaryError, match="unknown datum"):
        prepared.prepared_units(units, "bd09")


# --- simplified coverages ---------------------------------------------------------------


class Simplifier:
    """``shapely.coverage_simplify`` counted; the process's own memo emptied first, as in
    a later process."""

    def __init__(self, monkeypatch):
        self.calls = 0
        real = shapely.coverage_simplify

        def counted(*args, **kwargs):
            self.calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(shapely, "coverage_simplify", counted)
        self.later_process(monkeypatch)

    def later_process(self, monkeypatch):
        """As in a new process: the memo of ``simplified`` empty, the cache folder kept."""
        monkeypatch.setattr(geometry, "_SIMPLIFIED", type(geometry._SIMPLIFIED)())


@pytest.fixture
def districts(units):
    return boundaries.load_units(units, cache=False).geometry.to_numpy()


def test_a_simplified_coverage_is_read_back_by_a_later_process(cache_dir, districts,
                                                               monkeypatch):
    simplifier = Simplifier(monkeypatch)
    first = geometry.simplified(districts)
    assert simplifier.calls == 1 and len(list(cache_dir.glob("simplified-*.wkb"))) == 1
    simplifier.later_process(monkeypatch)
    again = geometry.simplified(districts)
    assert simplifier.calls == 1  # read from the file, not simplified again
    assert shapely.equals_exact(again, first, tolerance=0).all()
    assert [shapely.to_wkb(g) for g in again] == [shapely.to_wkb(g) for g in first]


def test_a_simplified_coverage_is_keyed_by_its_settings(cache_dir, districts, monkeypatch):
    simplifier = Simplifier(monkeypatch)
    geometry.simplified(districts)
    simplifier.later_process(monkeypatch)
    monkeypatch.setattr(settings, "simplify_tolerance", settings.simplify_tolerance * 2)
    geometry.simplified(districts)
    assert simplifier.calls == 2 and len(list(cache_dir.glob("simplified-*.wkb"))) == 2
    simplifier.later_process(monkeypatch)
    geometry.simplified(districts[:5])  # other districts: another file
    assert simplifier.calls == 3


@pytest.mark.parametrize("damage", [b"", b"not a table", None])
def test_a_damaged_simplified_coverage_is_made_again(cache_dir, districts, monkeypatch,
                                                     damage):
    simplifier = Simplifier(monkeypatch)
    first = geometry.simplified(districts)
    [path] = cache_dir.glob("simplified-*.wkb")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] if damage is None else damage)
    simplifier.later_process(monkeypatch)
    again = geometry.simplified(districts)
    assert simplifier.calls == 2 and shapely.equals_exact(again, first, tolerance=0).all()


def test_without_a_cache_folder_nothing_is_written(monkeypatch, districts, tmp_path):
    monkeypatch.setattr(settings, "cache_dir", None)
    monkeypatch.chdir(tmp_path)
    simplifier = Simplifier(monkeypatch)
    geometry.simplified(districts)
    assert simplifier.calls == 1 and not list(tmp_path.iterdir())
