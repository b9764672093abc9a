"""The index page: every shipped plan, with a thumbnail, its level, its date and its links."""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

import geo
from geo import cli
from geo.vocabulary import level_name


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("out")
    assert cli.main(["index", "-o", str(folder)]) == 0
    return folder, (folder / "index.html").read_text("utf-8")


def _entries(page: str) -> dict[str, str]:
    return dict(re.findall(r'<li class="plan" id="plan-([^"]+)">(.*?)</li>', page, re.S))


def test_index_lists_every_plan_with_level_date_and_thumbnail(index):
    entries = _entries(index[1])
    assert list(entries) == geo.plans()
    for plan_id, entry in entries.items():
        plan = geo.load_plan(plan_id)
        region = geo.places.boundaries.unit(plan.region)
        assert level_name(region.level, "en") in entry and region.name_zh in entry
        assert f"<time>{plan.date}</time>" in entry
        assert plan.title.pick("both") in html.unescape(entry)
        thumbnail = re.search(r'<img src="data:image/png;base64,([^"]+)"', entry).group(1)
        assert base64.b64decode(thumbnail).startswith(b"\x89PNG")


def test_links_are_relative_and_work(index):
    folder, page = index
    links = {p: re.findall(r'<a class="(map|report)" href="([^"]+)"', e)
             for p, e in _entries(page).items()}
    for plan_id, found in links.items():
        assert dict(found) == {"map": f"{plan_id}.html", "report": f"{plan_id}-report.html"}
    # build the smallest plan's map and report as `make map` does: its links then resolve
    small = "tongxiang-2018"
    assert cli.main(["build", small, "-o", str(folder)]) == 0
    assert cli.main(["report", small, "-o", str(folder)]) == 0
    for _, href in links[small]:
        target = (folder / unquote(href)).resolve()
        assert target.parent == Path(folder).resolve() and target.is_file()


def test_makefile_map_builds_maps_reports_and_index():
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text("utf-8")
    recipe = makefile.split("\nmap:", 1)[1].split("\n\n", 1)[0]
    for command in ("build --all", "report --all", "index"):
        assert f"industry-atlas {command} -o $(OUT)" in recipe
