"""Files a plan references are read only from inside the plan's own folder."""

import json
import os

import pytest

import geo
from geo.errors import PlanError
from geo.planfile import plan_path

ZONE = """  - id: marine-zone
    zh: 温州海洋经济发展示范区
    en: Wenzhou Marine Economic Development Zone
    kind: zone
"""


def plan_with_zone_geometry(folder, geometry: str):
    text = plan_path("wenzhou-2024").read_text("utf-8")
    assert ZONE in text
    path = folder / "wenzhou-2024.yaml"
    path.write_text(text.replace(ZONE, ZONE + f"    geometry: {geometry}\n"), "utf-8")
    return path


def problems(path) -> list[str]:
    with pytest.raises(PlanError) as caught:
        geo.load_plan(path)
    return [str(p) for p in caught.value.problems]


def test_zone_geometry_from_a_file_in_the_plan_folder(tmp_path):
    square = {"type": "Polygon", "coordinates": [[[121.0, 27.9], [121.1, 27.9], [121.1, 28.0],
                                                  [121.0, 28.0], [121.0, 27.9]]]}
    (tmp_path / "zones").mkdir()
    (tmp_path / "zones" / "marine.geojson").write_text(json.dumps(square))
    path = plan_with_zone_geometry(tmp_path, "{file: zones/marine.geojson, precision: sketch}")
    atlas = geo.load(path)
    zone = atlas.plan.zone("marine-zone")
    assert zone.geometry.geom_type == "Polygon" and zone.precision == "sketch"
    rows = atlas.table[atlas.table["place_id"] == "marine-zone"]
    assert rows["located"].all()


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "zones/../../outside.json"])
def test_paths_out_of_the_plan_folder_are_refused(tmp_path, name):
    folder = tmp_path / "plan"
    folder.mkdir()
    path = plan_with_zone_geometry(folder, f"{{file: '{name}', precision: x}}")
    found = problems(path)
    assert len(found) == 1 and "plan's folder" in found[0] and "geometry.file" in found[0]


def test_a_link_pointing_outside_is_refused(tmp_path):
    folder = tmp_path / "plan"
    folder.mkdir()
    (tmp_path / "secret.geojson").write_text('{"type": "Point", "coordinates": [1, 2]}')
    os.symlink(tmp_path / "secret.geojson", folder / "link.geojson")
    path = plan_with_zone_geometry(folder, "{file: link.geojson, precision: x}")
    assert "outside the plan's folder" in problems(path)[0]


def test_missing_or_broken_geometry_file(tmp_path):
    path = plan_with_zone_geometry(tmp_path, "{file: none.geojson, precision: x}")
    assert "not found" in problems(path)[0]
    (tmp_path / "bad.geojson").write_text("{not json")
    path = plan_with_zone_geometry(tmp_path, "{file: bad.geojson, precision: x}")
    assert "is not GeoJSON" in problems(path)[0]


def test_source_document_names_cannot_climb_out(tmp_path):
    text = plan_path("wenzhou-2024").read_text("utf-8")
    path = tmp_path / "wenzhou-2024.yaml"
    path.write_text(text.replace("file: 000_4aa4c8075af5f37a.txt", "file: ../../etc/passwd"),
                    "utf-8")
    assert "must be a plain relative file name" in problems(path)[0]
