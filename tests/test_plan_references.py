"""Files a plan references are read only from inside the plan's own folder."""

import json
import os
from dataclasses import dataclass, field

import pytest

import geo
from geo.errors import PlanError

ZONE = """  - id: marine-zone
    zh: 温州海洋经济发展示范区
    en: Wenzhou Marine Economic Development Zone
    kind: zone
"""


def zone_geometry(geometry: str) -> tuple[str, str]:
    """The edit giving the marine zone of wenzhou-2024 the geometry ``geometry``."""
    return ZONE, ZONE + f"    geometry: {geometry}\n"


def problems(path) -> list[str]:
    with pytest.raises(PlanError) as caught:
        geo.load_plan(path)
    return [str(p) for p in caught.value.problems]


def test_zone_geometry_from_a_file_in_the_plan_folder(tmp_path, plan_variant):
    square = {"type": "Polygon", "coordinates": [[[121.0, 27.9], [121.1, 27.9], [121.1, 28.0],
                                                  [121.0, 28.0], [121.0, 27.9]]]}
    (tmp_path / "zones").mkdir()
    (tmp_path / "zones" / "marine.geojson").write_text(json.dumps(square))
    path = plan_variant(zone_geometry("{file: zones/marine.geojson, precision: sketch}"))
    atlas = geo.load(path)
    zone = atlas.plan.zone("marine-zone")
    assert zone.geometry.geom_type == "Polygon" and zone.precision == "sketch"
    rows = atlas.table[atlas.table["place_id"] == "marine-zone"]
    assert rows["located"].all()


@dataclass(frozen=True)
class Refused:
    """A plan in <tmp>/plan/ referring to a file it may not or cannot read.

    ``files`` are written and ``links`` (name: target) made, relative to the plan's
    folder, before the plan (wenzhou-2024 with ``edit``) is loaded. The first
    problem holds each of ``expected``; ``only``: it is the one problem.
    """

    edit: tuple[str, str]
    expected: tuple[str, ...]
    only: bool = False
    files: dict[str, str] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)


REFUSED = {
    **{f"out-of-the-folder-{name}": Refused(
        zone_geometry(f"{{file: '{file}', precision: x}}"),
        ("plan's folder", "geometry.file"), only=True)
       for name, file in [("parent", "../../etc/passwd"), ("absolute", "/etc/passwd"),
                          ("through-a-subfolder", "zones/../../outside.json")]},
    "a-link-pointing-outside": Refused(
        zone_geometry("{file: link.geojson, precision: x}"), ("outside the plan's folder",),
        files={"../secret.geojson": '{"type": "Point", "coordinates": [1, 2]}'},
        links={"link.geojson": "../secret.geojson"}),
    "missing-geometry-file": Refused(
        zone_geometry("{file: none.geojson, precision: x}"), ("not found",)),
    "broken-geometry-file": Refused(
        zone_geometry("{file: bad.geojson, precision: x}"), ("is not GeoJSON",),
        files={"bad.geojson": "{not json"}),
    "source-document-name-climbing-out": Refused(
        ("file: 000_4aa4c8075af5f37a.txt", "file: ../../etc/passwd"),
        ("must be a plain relative file name",)),
}


@pytest.mark.parametrize("refused", REFUSED.values(), ids=REFUSED)
def test_files_out_of_reach_are_refused(refused, tmp_path, plan_variant):
    folder = tmp_path / "plan"
    folder.mkdir()
    for name, text in refused.files.items():
        (folder / name).write_text(text)
    for name, target in refused.links.items():
        os.symlink((folder / target).resolve(), folder / name)
    found = problems(plan_variant(refused.edit, folder=folder))
    if refused.only:
        assert len(found) == 1
    for part in refused.expected:
        assert part in found[0]
