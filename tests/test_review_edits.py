"""The review page edits what it drafted (issue 19 item 4): drop an industry group, rename a
group or a layout element, move a place between layout elements, untick an industry, and
download a plan that `industry-atlas check` and the project's loader accept. New names are
user-supplied text: they never execute. Keyboard and axe-core checked; screenshots.

The document is synthetic, written below by this test (not a real plan); it needs nothing
from ../shared, so these tests run in a fresh clone too.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml
from browser import MapPage

import geo
from geo import cli

pytestmark = pytest.mark.browser

# Synthetic (made up for this test, not a real document): two cores of two places each, a
# belt, two industry groups, one district host.
SYNTHETIC = """温州市数字产业布局示例（合成测试文本，由测试生成，不是真实文件）
2025年3月1日
本市构建“一带两核”格局。“一带”即以瓯江数字产业园为主体的数字产业带；“两核”即南北两个核心区，北部以乐清、永嘉为核心，南部以瑞安、苍南为核心。
重点发展人工智能、大数据、集成电路等三大先导产业。
积极培育元宇宙、区块链等新兴领域。
支持龙湾重点发展智能制造。
"""

PAYLOAD = '<img src=x onerror="window.__pwned=1">'


@pytest.fixture(scope="module")
def review(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review-edits")
    doc, plan, page = folder / "synthetic.txt", folder / "drafted.yaml", folder / "review.html"
    doc.write_text(SYNTHETIC, "utf-8")
    assert cli.main(["draft", str(doc), "--region", "温州市", "-o", str(plan),
                     "--review", str(page)]) == 0
    drafted = geo.load_plan(plan)
    # what the tests below edit: the draft must have found it
    assert {e.id: [m.key for m in e.members] for e in drafted.layout
            if e.id.endswith("core")} == {"north-core": ["330382", "330324"],
                                          "south-core": ["330381", "330327"]}
    assert {g.id for g in drafted.groups} == {"3-pioneer-industries", "emerging-fields"}
    return drafted, page


@pytest.fixture
def opened(new_page, review):
    """The review page, offline, with what it tried to fetch and every page error."""

    def open_(width=1400, height=900):
        # offline, what it tried to fetch and its errors recorded
        view = MapPage.blank(new_page({"width": width, "height": height}))
        view.page.goto(review[1].as_uri())
        return view

    return open_


def download(view, folder: Path, key: str | None = None):
    """Click (or with ``key``, press on the focused button) Download; the saved plan,
    checked by `industry-atlas check` and loaded with the project's loader."""
    with view.page.expect_download() as info:
        if key:
            view.page.keyboard.press(key)
        else:
            view.page.locator("#download").click()
    out = folder / info.value.suggested_filename
    info.value.save_as(out)
    assert cli.main(["check", str(out)]) == 0, out.read_text("utf-8")
    view.assert_clean()
    return geo.load_plan(out), out


def members(plan) -> dict[str, list[str]]:
    return {e.id: [m.key for m in e.members] for e in plan.layout}


def group_row(page, group_id: str):
    return page.locator(f".group[data-group='{group_id}']")


def test_drop_a_group_keeps_its_industries_ungrouped(opened, review, tmp_path, capsys):
    drafted, _ = review
    view = opened()
    page = view.page
    group_row(page, "emerging-fields").locator("input[type=checkbox]").uncheck()
    assert "1 group(s) dropped" in page.locator("#kept-count").inner_text()
    plan, out = download(view, tmp_path)
    assert [g.id for g in plan.groups] == ["3-pioneer-industries"]
    assert [i.id for i in plan.industries] == [i.id for i in drafted.industries]
    assert {i.id: i.group for i in plan.industries if i.id in ("metaverse", "blockchain")} == {
        "metaverse": "", "blockchain": ""}
    assert plan.industry("ai").group == "3-pioneer-industries"
    assert "1 group(s) dropped" in out.read_text("utf-8").split("\n# Reviewed", 1)[1]


def test_rename_a_group_and_a_layout_element(opened, tmp_path):
    view = opened()
    page = view.page
    row = group_row(page, "3-pioneer-industries")
    row.locator("input[data-lang=en]").fill("Three leading industries")
    element = page.locator("input[data-rename=layout][data-id=north-core]")
    element.and_(page.locator("[data-lang=zh]")).fill("北部核心区")
    element.and_(page.locator("[data-lang=en]")).fill("Northern hub")
    # every "member of" list names the element by its new name
    option = page.locator("select[data-move] option[value=north-core]")
    assert set(option.all_inner_texts()) == {"Northern hub"}
    assert "3 renamed" in page.locator("#kept-count").inner_text()
    plan, _ = download(view, tmp_path)
    group = next(g for g in plan.groups if g.id == "3-pioneer-industries")
    assert (group.name.zh, group.name.en) == ("三大先导产业", "Three leading industries")
    core = plan.element("north-core")
    assert (core.name.zh, core.name.en) == ("北部核心区", "Northern hub")
    assert members(plan)["north-core"] == ["330382", "330324"]


def test_an_emptied_name_keeps_the_drafted_one(opened, review, tmp_path):
    drafted, _ = review
    view = opened()
    page = view.page
    page.locator("input[data-rename=layout][data-id=south-core][data-lang=en]").fill("  ")
    plan, _ = download(view, tmp_path)
    assert plan.element("south-core").name == drafted.element("south-core").name


def test_move_a_place_between_layout_elements(opened, tmp_path):
    view = opened()
    page = view.page
    yongjia = page.locator(".fact", has_text="(永嘉县) in Northern core")
    yongjia.locator("select[data-move]").select_option("south-core")
    assert "moved" in yongjia.get_attribute("class")
    plan, _ = download(view, tmp_path)
    got = members(plan)
    assert got["north-core"] == ["330382"]
    assert got["south-core"] == ["330381", "330327", "330324"]


def test_move_the_last_member_away_leaves_an_element_not_located(opened, tmp_path):
    view = opened()
    page = view.page
    belt = page.locator(".fact", has_text="in One belt")
    place = belt.locator("label").first.inner_text().split(" in ")[0]
    belt.locator("select[data-move]").select_option("north-core")
    plan, _ = download(view, tmp_path)
    got = members(plan)
    assert got["belt"] == [] and plan.element("belt").extent.startswith("not located")
    assert len(got["north-core"]) == 3 and place in [
        z.name.zh for z in plan.zones if z.id in got["north-core"]]


def test_untick_an_industry(opened, review, tmp_path):
    drafted, _ = review
    view = opened()
    page = view.page
    page.locator("fieldset", has_text="Industries").locator(".fact", has_text="metaverse")\
        .locator("input[type=checkbox]").uncheck()
    plan, _ = download(view, tmp_path)
    ids = [i.id for i in plan.industries]
    assert "metaverse" not in ids and len(ids) == len(drafted.industries) - 1
    assert all("metaverse" not in a.industries for a in plan.assignments)
    assert plan.industry("blockchain").group == "emerging-fields"  # its group stays


def test_a_hostile_new_name_never_executes(opened, tmp_path):
    view = opened()
    page = view.page
    group_row(page, "emerging-fields").locator("input[data-lang=en]").fill(PAYLOAD)
    page.locator("input[data-rename=layout][data-id=north-core][data-lang=en]").fill(PAYLOAD)
    page.locator("input[data-rename=layout][data-id=south-core][data-lang=zh]").fill(
        "</script><script>window.__pwned=2</script>")
    option = page.locator("select[data-move] option[value=north-core]").first
    assert option.inner_text() == PAYLOAD  # shown as text
    assert page.locator("body img, body svg, .facts script").count() == 0
    plan, out = download(view, tmp_path)
    assert page.evaluate("window.__pwned") is None
    assert next(g for g in plan.groups if g.id == "emerging-fields").name.en == PAYLOAD
    assert plan.element("north-core").name.en == PAYLOAD
    assert plan.element("south-core").name.zh == "</script><script>window.__pwned=2</script>"
    assert yaml.safe_load(out.read_text("utf-8"))["layout"][1]["en"] == PAYLOAD


_FOCUS = """() => { const e = document.activeElement, s = getComputedStyle(e);
  return {tag: e.tagName.toLowerCase(), type: e.type || '', visible: e.matches(':focus-visible'),
          ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2}; }"""


def test_every_edit_by_keyboard(opened, tmp_path):
    """Space drops a group, typing renames, arrow keys move a place, Enter downloads; each
    control shows a focus ring."""
    view = opened()
    page = view.page
    box = group_row(page, "emerging-fields").locator("input[type=checkbox]")
    box.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # arrive by keyboard, so :focus-visible applies
    assert page.evaluate(_FOCUS)["ring"]
    page.keyboard.press("Space")
    assert not box.is_checked()
    page.keyboard.press("Tab")  # the group's Chinese name, then its English name
    page.keyboard.press("Tab")
    focus = page.evaluate(_FOCUS)
    assert focus["tag"] == "input" and focus["type"] == "text" and focus["ring"], focus
    page.keyboard.press("Control+A")
    page.keyboard.type("Emerging fields")
    select = page.locator(".fact", has_text="(永嘉县) in Northern core").locator("select")
    select.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate(_FOCUS) == {"tag": "select", "type": "select-one", "visible": True,
                                     "ring": True}
    page.keyboard.press("ArrowDown")  # the next element in the list: south-core
    assert select.input_value() == "south-core"
    page.locator("#download").focus()
    plan, _ = download(view, tmp_path, key="Enter")
    assert [g.id for g in plan.groups] == ["3-pioneer-industries"]
    assert members(plan)["south-core"][-1] == "330324"


def _axe_source() -> str:
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")


def test_axe_finds_no_serious_violation(opened):
    view = opened()
    page = view.page
    page.locator(".fact", has_text="(永嘉县) in Northern core").locator("select")\
        .select_option("south-core")
    group_row(page, "emerging-fields").locator("input[type=checkbox]").uncheck()
    page.evaluate(_axe_source())
    violations = page.evaluate("""async () => (await axe.run(document,
        {resultTypes: ['violations']})).violations.map(v => ({id: v.id, impact: v.impact,
        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""")
    bad = [v for v in violations if v["impact"] in ("critical", "serious")]
    assert not bad, bad


@pytest.mark.parametrize(("width", "height"), [(1400, 900), (1366, 768), (390, 844)])
def test_screenshots_of_an_edited_review(opened, width, height, screenshot_dir):
    view = opened(width, height)
    page = view.page
    group_row(page, "emerging-fields").locator("input[type=checkbox]").uncheck()
    group_row(page, "3-pioneer-industries").locator("input[data-lang=en]").fill(
        "Three leading industries")
    moved = page.locator(".fact", has_text="(永嘉县) in Northern core")
    moved.locator("select").select_option("south-core")
    group_row(page, "emerging-fields").scroll_into_view_if_needed()
    path = screenshot_dir / f"review-edits-{width}x{height}.png"
    page.screenshot(path=str(path))
    moved.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / f"review-edits-moved-{width}x{height}.png"))
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {width}px"
    view.assert_clean()
