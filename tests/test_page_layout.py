"""The map page of issue 9 in the browser: structure, label points, labels and popups.

Written against the page's DOM contract (``browser.CONTRACT``): the panel is an
``<aside class="atlas-panel">`` beside the map on wide screens and a collapsed
bottom sheet on phones; every district has a label anchor (``labelPoints()`` of
``window.industryAtlasPages``) where its own shape or label is on top; popups are
never covered by a control or the panel. Expected places and names come from the
atlases (``geo.load``), at 1400x900, 1366x768 and 390x844.
"""

from __future__ import annotations

import pytest
import shapely
from browser import SCREENSHOT_SIZES, overlap

import geo
from geo.places import boundaries
from geo.places.names import strip_zh_suffix
from geo.show.geometry import simplified

pytestmark = pytest.mark.browser

PHONE_WIDTH = 600  # at or below: the panel is a bottom sheet
SHEET = 64  # px: what the collapsed sheet may cover at the bottom
SIZE_IDS = [f"{w}x{h}" for w, h in SCREENSHOT_SIZES]


def _level(plan_id: str) -> str:
    """Level of a shipped plan's region, from the plan file (no boundaries loaded)."""
    from geo.atlas.catalog import shipped_plan

    return boundaries.unit(shipped_plan(plan_id).region).level


#: Plans over a city or a county: every district must be labelled and reachable.
LOCAL_PLANS = [p for p in geo.plans() if _level(p) in ("市", "区县")]
PAGES = ["plan", "diff", "national"]


@pytest.fixture(scope="module")
def pages(page_files):
    """The map pages every structural test opens: plan, diff and national map."""
    return {"plan": page_files("plan", "wenzhou-2024"),
            "diff": page_files("diff", "wenzhou-2022:wenzhou-2024"),
            "national": page_files("national", "china-cities")}


def _phone(size) -> bool:
    return size[0] <= PHONE_WIDTH


def _assert_sheet_collapsed(view) -> None:
    state = view.expect(".atlas-panel", "the panel").first.get_attribute("data-state")
    assert state == "collapsed", (f"{view.path.name} at {view.page.viewport_size}: "
                                  f".atlas-panel data-state={state!r}, expected 'collapsed'")


# --- structure -------------------------------------------------------------------------

_STRUCTURE = """() => {
  const panel = document.querySelector('aside.atlas-panel');
  const h1s = [...document.querySelectorAll('h1')];
  const map = document.querySelector('.atlas-map');
  const meta = document.querySelector('meta[name=viewport]');
  return {lang: document.documentElement.getAttribute('lang'), title: document.title.trim(),
          h1: h1s.map(h => h.innerText.trim()),
          h1InPanel: h1s.every(h => panel && panel.contains(h)),
          panelLabel: panel ? (panel.getAttribute('aria-label') || '').trim() : null,
          mapInMain: !!(map && map.closest('main')),
          leaflet: !!(map && map.classList.contains('leaflet-container')),
          maps: document.querySelectorAll('.atlas-map').length,
          viewport: meta ? meta.getAttribute('content') : null};
}"""


def _zoom_disabled(content: str | None) -> str | None:
    """Why a viewport meta content disables zooming, or None."""
    if not content:
        return None
    fields = {}
    for part in content.replace(";", ",").split(","):
        key, _, value = part.partition("=")
        fields[key.strip().lower()] = value.strip().lower()
    if fields.get("user-scalable") in ("no", "0"):
        return f"user-scalable={fields['user-scalable']}"
    try:
        if "maximum-scale" in fields and float(fields["maximum-scale"]) < 2:
            return f"maximum-scale={fields['maximum-scale']}"
    except ValueError:
        return f"maximum-scale={fields['maximum-scale']!r}"
    return None


@pytest.mark.parametrize("kind", PAGES, scope="module")
def test_landmarks_title_and_heading(kind, pages, contract_pages, atlases):
    """lang zh-CN, a title, one h1 (the title) in a labelled aside, the map in main."""
    view = contract_pages(1400, 900).load(pages[kind])
    found = view.page.evaluate(_STRUCTURE)
    where = f"{kind} map"
    assert found["lang"] == "zh-CN", f"{where}: <html lang={found['lang']!r}>, expected zh-CN"
    assert found["title"], f"{where}: empty <title>"
    assert found["panelLabel"], f"{where}: no <aside class=atlas-panel aria-label=...>"
    assert len(found["h1"]) == 1 and found["h1InPanel"], (
        f"{where}: expected one <h1> inside aside.atlas-panel, found {found['h1']}")
    assert found["h1"][0], f"{where}: empty <h1>"
    if kind == "plan":
        assert atlases("wenzhou-2024").plan.title.zh in found["h1"][0], found["h1"]
    if kind == "national":
        from geo.pages.national import MAPS

        assert MAPS["china-cities"][1] in found["h1"][0], found["h1"]
    assert found["maps"] == 1 and found["leaflet"], (
        f"{where}: expected one .atlas-map that is the Leaflet container: {found}")
    assert found["mapInMain"], f"{where}: .atlas-map is not inside <main>"
    assert _zoom_disabled(found["viewport"]) is None, (
        f"{where}: the viewport meta disables zoom: {found['viewport']!r}")
    view.assert_clean()


def test_english_page_is_lang_en(page_files, contract_pages, atlas):
    """``lang="en"``: <html lang="en">, English title and English district labels."""
    view = contract_pages(1400, 900).load(page_files("plan-en", "wenzhou-2024"))
    found = view.page.evaluate(_STRUCTURE)
    assert found["lang"] == "en", f'<html lang={found["lang"]!r}> on a lang="en" page'
    assert atlas.plan.title.en in found["h1"][0], found["h1"]
    texts = {label["place"]: label["text"] for label in view.labels()}
    names = dict(zip(atlas.districts["adcode"], atlas.districts["name_en"], strict=True))
    wrong = {a: texts.get(a) for a, name in names.items() if name not in (texts.get(a) or "")}
    assert not wrong, f"labels without their English name (adcode: text): {wrong}"
    view.assert_clean()


@pytest.mark.parametrize("size", SCREENSHOT_SIZES, ids=SIZE_IDS, scope="module")
@pytest.mark.parametrize("kind", PAGES, scope="module")
def test_panel_beside_the_map_or_a_collapsed_sheet(kind, size, pages, contract_pages):
    """Wide: the panel never overlaps the map's box. Phone: a collapsed bottom sheet
    (at most 64 px tall at the bottom) with a toggle button that expands it."""
    view = contract_pages(*size).load(pages[kind])
    where = f"{kind} map at {size[0]}x{size[1]}"
    view.expect(".atlas-panel", "the panel")
    view.expect(".atlas-map", "the map")
    panel_box, map_box = view.box(".atlas-panel"), view.box(".atlas-map")
    if not _phone(size):
        shared = overlap(panel_box, map_box)
        assert shared == 0, (f"{where}: the panel {panel_box} overlaps the map {map_box} "
                             f"by {shared:.0f} px²")
        assert panel_box[2] > panel_box[0] and panel_box[3] > panel_box[1], (
            f"{where}: the panel is not shown: {panel_box}")
        return
    _assert_sheet_collapsed(view)
    height = size[1]
    visible_top = max(panel_box[1], 0)
    visible_bottom = min(panel_box[3], height)
    assert visible_bottom - visible_top <= SHEET and visible_top >= height - SHEET - 1, (
        f"{where}: the collapsed sheet shows {visible_top:.0f}..{visible_bottom:.0f} px "
        f"of a {height} px viewport; at most the bottom {SHEET} px")
    bar = view.expect(".atlas-panel .atlas-panel-bar", "the sheet's one-line bar").first
    assert bar.is_visible(), f"{where}: .atlas-panel-bar is not visible"
    toggle = view.expect(".atlas-panel .atlas-panel-toggle", "the sheet's toggle").first
    assert toggle.evaluate("e => e.tagName") == "BUTTON", f"{where}: toggle is not a <button>"
    assert toggle.get_attribute("aria-expanded") == "false", (
        f"{where}: collapsed sheet, aria-expanded={toggle.get_attribute('aria-expanded')!r}")
    toggle.click()
    view.wait("() => document.querySelector('.atlas-panel').dataset.state !== 'collapsed'",
              what="clicking .atlas-panel-toggle does not expand the sheet")
    assert toggle.get_attribute("aria-expanded") == "true", (
        f"{where}: expanded sheet, aria-expanded={toggle.get_attribute('aria-expanded')!r}")
    toggle.click()
    view.wait("() => document.querySelector('.atlas-panel').dataset.state === 'collapsed'",
              what="clicking .atlas-panel-toggle again does not collapse the sheet")
    view.assert_clean()


# --- label points (test 1) -------------------------------------------------------------


@pytest.mark.parametrize("size", SCREENSHOT_SIZES, ids=SIZE_IDS, scope="module")
@pytest.mark.parametrize("plan_id", LOCAL_PLANS, scope="module")
def test_label_points_show_their_own_district(plan_id, size, page_files, contract_pages,
                                              atlases):
    """At load, at each label point the district's own shape or label is on top: never a
    control, the panel (the collapsed sheet on phones included) or another district."""
    atlas = atlases(plan_id)
    assert atlas.region.level in ("市", "区县")
    view = contract_pages(*size).load(page_files("plan", plan_id))
    if _phone(size):
        _assert_sheet_collapsed(view)
    points = view.label_points()
    adcodes = set(atlas.districts["adcode"])
    assert {p["place"] for p in points} == adcodes, (
        f"labelPoints() places {sorted(p['place'] for p in points)} != districts "
        f"{sorted(adcodes)}")
    names = dict(zip(atlas.districts["adcode"], atlas.districts["name_zh"], strict=True))
    wrong = [h for h in view.hits(points) if not h["own"]]
    assert not wrong, (
        f"{plan_id} at {size[0]}x{size[1]}: {len(wrong)} of {len(points)} label points are "
        "covered:\n" + "\n".join(f"  {h['place']} {names[h['place']]} at ({h['x']:.0f}, "
                                 f"{h['y']:.0f}): {h['top']}" for h in wrong))
    view.assert_clean()


@pytest.mark.parametrize("plan_id", geo.plans(), scope="module")
def test_label_points_lie_inside_their_districts(plan_id, page_files, contract_pages,
                                                 atlases):
    """labelPoints() has one anchor per labelled district (every district of a plan of
    <= 100 units, else the highlighted ones: in a layout element or hosting an
    industry), inside its (display) shape."""
    atlas = atlases(plan_id)
    view = contract_pages(1400, 900).load(page_files("plan", plan_id))
    points = view.label_points()
    places = [p["place"] for p in points]
    d = atlas.districts
    if len(d) <= 100:
        assert sorted(places) == sorted(d["adcode"]), (
            f"{plan_id}: labelPoints() should list each district once")
    else:
        busy = set(d.loc[(d["elements"].map(len) > 0) | (d["industries"].map(len) > 0),
                         "adcode"])
        assert len(places) == len(set(places)) and set(places) <= busy and places, (
            f"{plan_id}: labelPoints() should list highlighted districts only, once each")
    shapes = dict(zip(atlas.districts["adcode"], simplified(atlas.districts.geometry.to_numpy()),
                      strict=True))
    outside = []
    for p in points:
        point = shapely.Point(p["lng"], p["lat"])
        shape = shapes[p["place"]]
        if not shape.covers(point) and shape.distance(point) > 1e-4:
            outside.append(f"{p['place']} ({p['lat']:.4f}, {p['lng']:.4f}): "
                           f"{shape.distance(point):.4f}° away")
    assert not outside, f"{plan_id}: label points outside their district: {outside}"
    view.assert_clean()


# --- labels (test 2) -------------------------------------------------------------------


@pytest.mark.parametrize("plan_id", geo.plans(), scope="module")
def test_labels_visible_and_apart(plan_id, page_files, contract_pages, atlases):
    """At 1400x900 every district is labelled (a plan of <= 100 units) or only the
    highlighted ones are (more units); shown labels never overlap."""
    atlas = atlases(plan_id)
    view = contract_pages(1400, 900).load(page_files("plan", plan_id))
    view.expect(".atlas-label[data-place]", "district labels")
    labels = view.labels()
    adcodes = list(atlas.districts["adcode"])
    shown = [label for label in labels if label["shown"]]
    places = [label["place"] for label in labels]
    assert len(places) == len(set(places)), f"{plan_id}: a district has several labels"
    if len(adcodes) <= 100:
        assert sorted(places) == sorted(adcodes), (
            f"{plan_id}: labels {sorted(places)} != districts {sorted(adcodes)}")
        hidden = sorted(set(adcodes) - {label["place"] for label in shown})
        assert len(shown) == len(adcodes), (
            f"{plan_id}: {len(shown)} of {len(adcodes)} labels visible at 1400x900; hidden: "
            f"{hidden}")
        names = dict(zip(atlas.districts["adcode"], atlas.districts["name_zh"], strict=True))
        wrong = {label["place"]: label["text"] for label in labels
                 if strip_zh_suffix(names[label["place"]]) not in label["text"]}
        assert not wrong, f"{plan_id}: labels without the district's Chinese name: {wrong}"
    else:
        highlighted = {a for spec in atlas.layers() for a in spec.adcodes}
        extra = sorted(set(places) - highlighted)
        assert not extra, (f"{plan_id}: {len(adcodes)} units, so only highlighted units "
                           f"(members of a layer) get labels; also labelled: {extra[:20]}")
    clashes = [(a["place"], b["place"], round(overlap(a["box"], b["box"])))
               for i, a in enumerate(shown) for b in shown[i + 1:]
               if overlap(a["box"], b["box"]) > 0]
    assert not clashes, f"{plan_id}: overlapping visible labels (a, b, px²): {clashes}"
    view.assert_clean()


# --- popups (test 5) -------------------------------------------------------------------


@pytest.mark.parametrize("size", SCREENSHOT_SIZES, ids=SIZE_IDS, scope="module")
def test_popups_are_uncovered_and_close(size, page_files, contract_pages, atlas):
    """Each Wenzhou district's card opens at its label point, inside the map, covered by
    no control and not by the panel; its close button is on top and closes it."""
    view = contract_pages(*size).load(page_files("plan", "wenzhou-2024"))
    if _phone(size):
        _assert_sheet_collapsed(view)
    start = view.save_view()
    names = dict(zip(atlas.districts["adcode"], atlas.districts["name_zh"], strict=True))
    problems = []
    for adcode, name in names.items():
        view.set_view(start)
        point = next(p for p in view.label_points() if p["place"] == adcode)
        view.page.mouse.click(point["x"], point["y"])
        if not view.wait_popup():
            problems.append(f"{adcode} {name}: no popup after a click at its label point "
                            f"({point['x']:.0f}, {point['y']:.0f})")
            continue
        popup = view.popup()
        box, map_box = popup["box"], popup["map"]
        if strip_zh_suffix(name) not in popup["text"]:
            problems.append(f"{adcode} {name}: the popup does not name it: "
                            f"{popup['text'][:80]!r}")
        if not (box[0] >= map_box[0] - 1 and box[1] >= map_box[1] - 1
                and box[2] <= map_box[2] + 1 and box[3] <= map_box[3] + 1):
            problems.append(f"{adcode} {name}: popup {box} not inside the map {map_box}")
        if box[3] > size[1] or box[1] < 0 or box[0] < 0 or box[2] > size[0]:
            problems.append(f"{adcode} {name}: popup {box} not inside the viewport")
        for other in popup["others"]:
            if overlap(other["box"], box) > 0:
                problems.append(f"{adcode} {name}: {other['what']} {other['box']} overlaps "
                                f"the popup {box}")
        close = popup["close"]
        if close is None:
            problems.append(f"{adcode} {name}: no .leaflet-popup-close-button")
            continue
        if not close["own"]:
            problems.append(f"{adcode} {name}: the close button's centre is covered by "
                            f"{close['top']}")
            continue
        view.page.mouse.click(close["x"], close["y"])
        if not view.wait_no_popup():
            problems.append(f"{adcode} {name}: clicking the close button leaves the popup")
    assert not problems, (f"popups at {size[0]}x{size[1]}:\n  " + "\n  ".join(problems))
    view.assert_clean()
