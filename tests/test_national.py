"""National maps: every county-level (or prefecture-level) unit of China."""

import io
import re

import pytest
import shapely

from geo.cli import main
from geo.errors import UnknownNameError
from geo.pages import national
from geo.render.codec import embedded_data


@pytest.fixture(scope="module")
def counties():
    return national.display_units("china-counties")


def test_the_county_map_has_every_county_level_unit():
    units = national.national_units("china-counties")
    assert 2800 <= len(units) <= 2950
    assert len({u.adcode for u in units}) == len(units)
    assert all(u.level == "区县" for u in units)


def test_the_city_map_has_every_prefecture_level_unit():
    units = national.national_units("china-cities")
    assert 330 <= len(units) <= 400 and all(u.level == "市" for u in units)


def test_county_borders_are_simplified_as_a_gapless_coverage(counties):
    geometries = counties.geometry.to_numpy()
    assert len(counties) == len(national.national_units("china-counties"))
    assert shapely.is_valid(geometries).all() and not shapely.is_empty(geometries).any()
    assert shapely.coverage_is_valid(geometries)  # no overlaps, shared edges identical
    # no gaps: no sliver between neighbours (narrow straits between islands stay)
    assert shapely.coverage_is_valid(geometries, gap_width=0.001)
    assert shapely.get_num_coordinates(geometries).sum() < 300_000  # from 4.2 million
    assert (counties["area_km2"] > 0).all()


def test_unknown_map_name_is_a_one_line_error(capsys):
    with pytest.raises(UnknownNameError, match="china-counties"):
        national.national_units("china-county")
    assert main(["national", "china-county", "-o", "unused"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("industry-atlas: error: ")
    assert "did you mean china-counties" in err


def test_unwritable_output_is_a_one_line_error(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["national", "china-cities", "-o", str(blocker / "out"), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("industry-atlas: error: cannot write")


def test_progress_only_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    piped, terminal, quiet = io.StringIO(), Terminal(), Terminal()
    for stream, is_quiet in ((piped, False), (terminal, False), (quiet, True)):
        national.Progress("china-counties", quiet=is_quiet, stream=stream)("simplifying")
    assert piped.getvalue() == "" and quiet.getvalue() == ""
    assert re.fullmatch(r"industry-atlas: china-counties: +[\d.]+ s  simplifying\n",
                        terminal.getvalue())


def test_city_map_builds_quietly_when_piped(tmp_path, capsys):
    assert main(["national", "china-cities", "-o", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert err == "" and out.strip() == str(tmp_path / "china-cities.html")
    html = (tmp_path / "china-cities.html").read_text("utf-8")
    data = embedded_data(html)
    assert len(data["districts"]["features"]) == len(national.national_units("china-cities"))
    assert "//unpkg" not in html and "cdn." not in html
