"""The built map, opened in headless Chromium: offline, drawn, interactive and injection-proof.

Debian's chromium drives these tests through Playwright; no browser is ever
downloaded. Expected values come from the atlas itself (``geo.load``), not
from numbers copied into the tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, sync_playwright

import geo

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PLAN_FILE = Path(__file__).resolve().parents[1] / "layers" / "wenzhou-2024.yaml"
VIEWPORT = {"width": 1600, "height": 1000}

PAYLOADS = (
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=2</script>",
    "`${window.__pwned=3}`",
    "</script><script>window.__pwned=4</script>",
    "\"'><svg onload=window.__pwned=5>",
    "{{ 7 * 7 }}",
)

# JavaScript helpers, run in the page. The map object is the global named by
# the id of the folium map's <div>.
_MAP = "window[document.querySelector('.folium-map').id]"

_POINT_ON = f"""(key) => {{
  const map = {_MAP};
  const owner = new Map();
  map.eachLayer(l => {{
    const p = l.feature && l.feature.properties;
    if (l._path && p) owner.set(l._path, p.adcode || p.id);
  }});
  for (const [path, k] of owner) {{
    if (k !== key) continue;
    const r = path.getBoundingClientRect();
    for (let i = 1; i < 40; i++) for (let j = 1; j < 40; j++) {{
      const x = r.left + r.width * i / 40, y = r.top + r.height * j / 40;
      if (owner.get(document.elementFromPoint(x, y)) === key) return [x, y];
    }}
  }}
  return null;
}}"""

_DRAWN_PATHS = "document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive').length"


@dataclass
class MapPage:
    """An opened map with what went wrong while it was open."""

    page: Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    view: list[float] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.requests == [], f"network requests attempted: {self.requests}"
        assert self.errors == [], f"console or page errors: {self.errors}"

    def drawn(self) -> int:
        """Number of interactive SVG paths drawn on the map."""
        return self.page.evaluate(_DRAWN_PATHS)

    def checkbox(self, text: str):
        """The layer-control checkbox whose label contains ``text`` (exactly one)."""
        labels = self.page.locator(".leaflet-control-layers-overlays label").filter(has_text=text)
        assert labels.count() == 1, f"{labels.count()} layer labels contain {text!r}"
        return labels.locator("input")

    def checkboxes(self):
        return self.page.locator(".leaflet-control-layers-overlays input").all()

    def point_on(self, key: str) -> tuple[float, float]:
        """A viewport point where a path of district ``key`` (adcode or zone id) is on top."""
        point = self.page.evaluate(_POINT_ON, key)
        assert point is not None, f"no visible path for {key}"
        return point[0], point[1]

    def hover(self, key: str) -> str:
        """Hover the district or zone ``key`` and return its tooltip text."""
        self.page.mouse.move(*self.point_on(key))
        # The previous tooltip fades out for a moment: the newest one is the last.
        tooltip = self.page.locator(".leaflet-tooltip").last
        tooltip.wait_for(state="visible", timeout=2000)
        return tooltip.inner_text()

    def click(self, key: str) -> str:
        """Click the district or zone ``key`` and return its popup text."""
        self.page.mouse.click(*self.point_on(key))
        popup = self.page.locator(".leaflet-popup-content").last
        popup.wait_for(state="visible", timeout=2000)
        return popup.inner_text()

    def toggle(self, box, checked: bool) -> None:
        """Set a layer checkbox by a click event, even where a panel covers it."""
        if box.is_checked() != checked:
            box.dispatch_event("click")
        assert box.is_checked() == checked

    def close_popup(self) -> None:
        """Close the popup and undo the pan that opening it may have caused."""
        self.page.evaluate(f"""(view) => {{
            const map = {_MAP};
            map.closePopup();
            map.setView([view[0], view[1]], view[2], {{animate: false}});
        }}""", self.view)
        # The popup fades out before it leaves: wait, or it would cover the next target.
        self.page.locator(".leaflet-popup").wait_for(state="detached", timeout=2000)


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium "
                    "for the browser tests (Playwright never downloads one)", pytrace=False)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_map(browser):
    """Open an HTML file offline: every non-file: request is aborted and recorded."""
    contexts = []

    def opener(path: Path) -> MapPage:
        context = browser.new_context(viewport=VIEWPORT)
        contexts.append(context)
        page = context.new_page()
        view = MapPage(page)

        def route(r):
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                view.requests.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("console",
                lambda m: m.type == "error" and view.errors.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: view.errors.append(f"pageerror: {e}"))
        page.goto(Path(path).resolve().as_uri(), wait_until="load")
        view.view = page.evaluate(f"""(() => {{
            const map = {_MAP}, c = map.getCenter();
            return [c.lat, c.lng, map.getZoom()];
        }})()""")
        return view

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def atlas():
    return geo.load("wenzhou-2024")


@pytest.fixture(scope="module")
def built_map(atlas, tmp_path_factory) -> Path:
    """The Wenzhou map, built once for the module."""
    return atlas.to_html(tmp_path_factory.mktemp("map") / "wenzhou-2024.html")


def test_map_opens_offline(open_map, built_map):
    """No request leaves file:, nothing errs, and Leaflet is loaded from the page itself."""
    view = open_map(built_map)
    assert view.page.evaluate("typeof window.L === 'object' && typeof L.version === 'string'")
    assert view.page.evaluate(f"{_MAP} instanceof L.Map")
    view.assert_clean()


def test_every_district_is_drawn(open_map, built_map, atlas):
    """The base layer draws one path per district; shown layers add one per member."""
    view = open_map(built_map)
    districts = len(atlas.districts)
    assert districts >= 12
    shown = [s for s in atlas.layers() if s.show]
    assert view.drawn() == districts + sum(len(s.adcodes) + len(s.zones) for s in shown)

    for spec in shown:
        view.checkbox(spec.label).uncheck()
    assert view.drawn() == districts
    sizes = view.page.evaluate("""[...document.querySelectorAll(
        '.leaflet-overlay-pane path.leaflet-interactive')].map(p => {
          const r = p.getBoundingClientRect(); return r.width * r.height; })""")
    assert all(size > 0 for size in sizes)
    view.assert_clean()


def test_toggling_an_industry_draws_its_districts(open_map, built_map, atlas):
    """Checking "Integrated circuits" draws its hosting districts; unchecking removes them."""
    hosting = atlas.districts_hosting("ic")
    assert len(hosting) > 0
    spec = next(s for s in atlas.layers() if s.id == "industry:ic")
    view = open_map(built_map)
    box = view.checkbox(atlas.plan.industry("ic").name.en)
    before = view.drawn()
    assert not box.is_checked()

    box.check()
    assert view.drawn() == before + len(hosting)
    colored = f"path.leaflet-interactive[stroke='{spec.color}']"
    assert view.page.locator(colored).count() == len(hosting)

    box.uncheck()
    assert view.drawn() == before
    assert view.page.locator(colored).count() == 0
    view.assert_clean()


def test_unlocated_industry_shows_its_note(open_map, built_map, atlas):
    """An industry of the Multiple Spots has no district: checking it shows a note instead."""
    plan = atlas.plan
    spec = next(s for s in atlas.layers() if s.id == "industry:smart-home")
    assert not spec.adcodes and spec.notes
    view = open_map(built_map)
    for box in view.checkboxes():
        box.uncheck()
    panel = view.page.locator(".atlas-notes-panel")
    assert panel.is_hidden()
    before = view.drawn()

    view.checkbox(plan.industry("smart-home").name.en).check()
    assert panel.is_visible()
    text = panel.inner_text()
    assert plan.element("spots").name.en in text
    assert "Multiple Spots" in text
    for note in spec.notes:
        assert note in text
    assert view.drawn() == before

    view.checkbox(plan.industry("smart-home").name.en).uncheck()
    assert panel.is_hidden()
    view.assert_clean()


def test_hovering_a_district_shows_its_names(open_map, built_map, atlas):
    """Each district's tooltip names it in Chinese and in English."""
    view = open_map(built_map)
    for row in atlas.districts.itertuples():
        text = view.hover(row.adcode)
        assert row.name_zh in text and row.name_en in text, (row.adcode, text)
    view.assert_clean()


def test_clicking_a_district_lists_its_industries(open_map, built_map, atlas):
    """Yueqing's popup lists every industry it hosts with the source it comes from."""
    plan = atlas.plan
    adcode = atlas.place_id("乐清市")
    row = atlas.districts.set_index("adcode").loc[adcode]
    hosted = atlas.industries_in(adcode)
    assert len(hosted) > 0
    view = open_map(built_map)

    text = view.click(adcode)
    assert row["name_zh"] in text and row["name_en"] in text
    for industry in hosted.itertuples():
        assert plan.industry(industry.industry).name.pick("both") in text
        for source_id in industry.sources:
            source = plan.source(source_id)
            assert f"{source.title.pick('both')} ({source.date})" in text
    others = set(i.id for i in plan.industries) - set(hosted["industry"])
    for industry_id in others:
        assert plan.industry(industry_id).name.pick("both") not in text
    view.assert_clean()


# --- hostile plan text ------------------------------------------------------------------

def _hostile_plan(path: Path) -> Path:
    """The Wenzhou plan with every human text field replaced by script payloads.

    Ids and references stay as they are. The marine zone gets a point so that a
    zone marker (tooltip, popup) is drawn too.
    """
    data = yaml.safe_load(PLAN_FILE.read_text("utf-8"))
    counter = iter(range(10_000))

    def hostile() -> str:
        return f"f{next(counter)} " + " ".join(PAYLOADS)

    def replace(item: dict, *keys: str) -> None:
        for key in keys:
            if key in item:
                item[key] = hostile()

    replace(data["title"], "zh", "en")
    data["notes"] = hostile()
    for source in data["sources"]:
        replace(source["title"], "zh", "en")
        replace(source, "publisher", "file")
        source["date"] = hostile()
    for group in data.get("groups", []):
        replace(group, "zh", "en")
    for industry in data["industries"]:
        replace(industry, "zh", "en")
    for place in data.get("places", []):
        replace(place, "zh", "en", "where", "note")  # kinds: a fixed list
    data["places"][0]["geometry"] = {"point": [120.78, 27.93], "precision": hostile()}
    for element in data["layout"]:
        replace(element, "zh", "en", "extent", "where", "note")
    for item in data.get("assignments", []) + data.get("indicators", []):
        replace(item, "where", "note")
    out = path / "wenzhou-2024.yaml"  # file name = plan id
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    atlas = geo.load(_hostile_plan(folder))
    return atlas, atlas.to_html(folder / "hostile.html")


_INJECTED = """() => ({
  pwned: typeof window.__pwned,
  handlers: [...document.querySelectorAll('*')].filter(
      e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))).length,
  scripts: document.scripts.length,
  imgs: document.querySelectorAll('img:not(.atlas-chart)').length,  // charts: data: SVG
  svgs: document.querySelectorAll('svg').length,
})"""


def test_hostile_plan_text_stays_text(open_map, built_map, hostile):
    """Plan text with script payloads is shown literally and never runs, wherever it lands."""
    atlas, html = hostile
    plan = atlas.plan
    baseline = open_map(built_map).page.evaluate(_INJECTED)
    view = open_map(html)
    page = view.page
    seen = []

    def snapshot():
        assert page.evaluate("typeof window.__pwned") == "undefined"
        seen.append(page.evaluate("document.body.innerText"))  # rendered text, no scripts

    # Layer labels are the one text folium itself templates: each must read as written.
    control = page.locator(".leaflet-control-layers-overlays").text_content()
    for name in [i.name for i in plan.industries] + [e.name for e in plan.layout]:
        assert name.pick("both") in control

    # Very long hostile names make the panels overlap: open and toggle by events, not pointer.
    page.locator(".atlas-info").evaluate("details => { details.open = true; }")
    snapshot()
    for box in view.checkboxes():
        view.toggle(box, True)
    snapshot()

    # Hide the controls so that every district and zone marker can be hovered and clicked.
    page.add_style_tag(content=".leaflet-control { visibility: hidden; }")
    places = list(atlas.districts["adcode"]) + [z.id for z in plan.zones
                                                if z.geometry is not None]
    assert len(places) > len(atlas.districts)
    for key in places:
        view.hover(key)
        snapshot()
        view.click(key)
        snapshot()
        view.close_popup()

    for box in view.checkboxes():
        view.toggle(box, False)
        snapshot()

    found = page.evaluate(_INJECTED)
    assert found["pwned"] == "undefined"
    assert found["handlers"] == 0 and found["imgs"] == 0
    assert found == baseline, (found, baseline)
    text = "\n".join(seen)
    for payload in PAYLOADS:
        assert payload in text, f"payload not shown as text: {payload}"
    assert plan.title.pick("both") in text
    assert plan.notes in text
    for source in plan.sources:
        assert source.title.pick("both") in text and source.publisher in text
    for zone in plan.zones:
        assert zone.name.zh in text and zone.name.en in text
    view.assert_clean()
