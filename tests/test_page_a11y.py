"""The pages of issue 9 are accessible: axe-core, the keyboard, and screenshots.

axe-core comes from the PyPI package ``axe-playwright-python`` (its ``axe.min.js``,
a test dependency in pyproject.toml), injected into each page offline: the plan
map, the diff map (wenzhou-2022 vs wenzhou-2024), the national map (china-cities),
the report and the index must have no critical or serious violation. The keyboard
reaches the picker, the search box and every layer toggle with visible focus;
Space toggles a layer. The diff map has one toggle per changed element or
industry. Screenshots of every page at three sizes go to the ``screenshots`` folder.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from importlib import resources

import pytest

from geo.show import diff_layers

pytestmark = pytest.mark.browser

DIFF = "wenzhou-2022:wenzhou-2024"
#: name -> (kind, name) for page_files; maps have the page controllers of the contract
PAGES = {"plan": ("plan", "wenzhou-2024"), "diff": ("diff", DIFF),
         "national": ("national", "china-cities"), "report": ("report", "wenzhou-2024"),
         "index": ("index", "")}
MAPS = {"plan", "diff", "national"}


@cache
def _axe_source() -> str:
    try:
        return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as error:
        pytest.fail(f"axe-core is missing ({error}): `pip install -e '.[test]'` installs "
                    "axe-playwright-python, which ships axe.min.js", pytrace=False)


def _open(contract_pages, page_files, name: str, size=(1400, 900)):
    view = contract_pages(*size).load(page_files(*PAGES[name]), ready=name in MAPS)
    view.page.evaluate("() => new Promise(r => requestAnimationFrame(() => "
                       "requestAnimationFrame(r)))")
    return view


_AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': '
                                      + (n.failureSummary || '').replace(/\\s+/g, ' ')),
    count: v.nodes.length}));
}"""


@pytest.mark.parametrize("name", list(PAGES), scope="module")
def test_axe_finds_no_serious_violation(name, page_files, contract_pages):
    """axe-core: no critical and no serious violation (all of them listed on failure)."""
    view = _open(contract_pages, page_files, name)
    view.page.evaluate(_axe_source())
    assert view.page.evaluate("typeof window.axe === 'object' && typeof axe.run"), (
        "axe-core did not load into the page")
    version = view.page.evaluate("axe.version")
    violations = view.page.evaluate(_AXE_RUN)
    bad = [v for v in violations if v["impact"] in ("critical", "serious")]
    report = "\n".join(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['count']} nodes)\n"
                       + "\n".join(f"      {n}" for n in v["nodes"]) for v in bad)
    assert not bad, f"axe-core {version} on the {name} page:\n{report}"
    assert view.requests == [], f"network requests attempted: {view.requests}"


# --- keyboard (test 7) -------------------------------------------------------------------

_ACTIVE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  return {what: e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
                ? '.' + e.className.trim().split(/\\s+/).join('.') : ''),
          picker: e.matches('select.atlas-picker'), search: e.matches('input.atlas-search'),
          layer: e.matches('input[type=checkbox][data-layer]') ? e.dataset.layer : null,
          focusVisible: e.matches(':focus-visible'),
          ring: outline || (s.boxShadow && s.boxShadow !== 'none')};
}"""

_FOCUSABLE = """() => document.querySelectorAll(
  'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])').length"""


def _tab_through(view) -> list[dict]:
    """document.activeElement after each Tab from the start of the document."""
    page = view.page
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); "
                  "window.scrollTo(0, 0); }")
    stops = min(page.evaluate(_FOCUSABLE) + 10, 400)
    seen = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        active = page.evaluate(_ACTIVE)
        if active:
            seen.append(active)
    return seen


def test_tab_reaches_picker_search_and_every_toggle(page_files, contract_pages, atlas):
    """Tab from the document start reaches the picker, the search box and every layer
    toggle, each with a visible focus ring (:focus-visible outline or box-shadow)."""
    view = _open(contract_pages, page_files, "plan")
    view.expect("input[type=checkbox][data-layer]", "layer toggles")
    seen = _tab_through(view)
    layers = {t["layer"] for t in view.toggles()}
    assert {s.id for s in atlas.layers()} <= layers, f"toggles: {sorted(layers)}"
    reached = {s["layer"] for s in seen if s["layer"]}
    assert any(s["picker"] for s in seen), "Tab never reaches select.atlas-picker"
    assert any(s["search"] for s in seen), "Tab never reaches input.atlas-search"
    assert reached == layers, f"Tab never reaches the toggles {sorted(layers - reached)}"
    wanted = [s for s in seen if s["picker"] or s["search"] or s["layer"]]
    invisible = sorted({s["what"] + (f"[{s['layer']}]" if s["layer"] else "")
                        for s in wanted if not (s["focusVisible"] and s["ring"])})
    assert not invisible, f"focused by Tab without a visible focus ring: {invisible}"
    view.assert_clean()


@pytest.mark.parametrize("layer", ["industry:ic", "layout:corridor"])
def test_space_toggles_a_layer(layer, page_files, contract_pages, atlas):
    """Space on a focused toggle flips it; the layer's paths appear, then go again."""
    spec = next(s for s in atlas.layers() if s.id == layer)
    members = set(spec.adcodes) | set(spec.zones)
    assert members, f"test setup: {layer} draws nothing"
    view = _open(contract_pages, page_files, "plan")
    box = view.expect(f'input[type=checkbox][data-layer="{layer}"]', f"the toggle of {layer}")
    seen = _tab_through(view)
    assert any(s["layer"] == layer for s in seen), f"Tab never reaches {layer}"
    box.first.focus()
    before_checked, before = box.first.is_checked(), Counter(view.paths())
    assert before_checked == spec.show, f"{layer}: checked={before_checked} at load"
    view.page.keyboard.press("Space")
    assert box.first.is_checked() != before_checked, f"Space does not flip {layer}"
    view.page.evaluate("() => new Promise(r => requestAnimationFrame(r))")
    after = Counter(view.paths())
    gained, lost = after - before, before - after
    changed = lost if before_checked else gained
    assert changed, f"{layer}: Space flips the box but no path appears or disappears"
    assert not (gained if before_checked else lost), (
        f"{layer}: paths {'appear' if before_checked else 'disappear'} when switching it "
        f"{'off' if before_checked else 'on'}: {dict(gained or lost)}")
    named = {place for place in changed if place}
    if named:
        assert named == members, (
            f"{layer}: paths of {sorted(named)} changed, the layer's places are "
            f"{sorted(members)}")
    view.page.keyboard.press("Space")
    assert box.first.is_checked() == before_checked, f"a second Space does not flip {layer} back"
    view.page.evaluate("() => new Promise(r => requestAnimationFrame(r))")
    assert Counter(view.paths()) == before, f"{layer}: toggling twice does not restore the paths"
    view.assert_clean()


# --- the diff map ------------------------------------------------------------------------


def test_diff_map_toggles_only_the_changes(page_files, contract_pages, atlases):
    """One toggle per changed element or industry with places to draw, distinct swatch
    colours; changes of what neither plan locates as notes in the panel; the unchanged
    ones listed as .atlas-unchanged text."""
    a, b = DIFF.split(":")
    compared = diff_layers.comparison(atlases(a), atlases(b), lang="both")
    view = _open(contract_pages, page_files, "diff")
    view.expect(".atlas-panel input[type=checkbox][data-layer]", "layer toggles")
    toggles = [t for t in view.toggles() if t["layer"] != "districts"]
    drawn = [s for s in compared.layers if s.entries]
    assert sorted(t["layer"] for t in toggles) == sorted(s.id for s in drawn), (
        "diff map toggles != changed elements and industries with places")
    panel = view.page.locator(".atlas-panel").text_content()
    for spec in compared.layers:
        if not spec.entries:
            assert all(note in panel for note in spec.notes), f"{spec.id}: notes not listed"
    colours = Counter(t["swatch"] for t in toggles)
    same = {c: n for c, n in colours.items() if n > 1 or c is None}
    assert not same, f"diff map swatch colours not distinct (colour: toggles): {same}"
    text = view.expect(".atlas-panel .atlas-unchanged", "the unchanged list").first.inner_text()
    missing = [label for label in compared.unchanged if label not in text]
    assert not missing, f".atlas-unchanged does not list {missing}"
    view.assert_clean()


# --- screenshots (test 8) ----------------------------------------------------------------


@pytest.mark.parametrize("name", list(PAGES), scope="module")
def test_screenshots(name, page_files, contract_pages, screenshots):
    """PNGs of every page at 1400x900, 1366x768 and 390x844 (``screenshots`` folder), written
    even when a map page misses its controllers (the test fails after shooting)."""
    view = contract_pages(1400, 900).load(page_files(*PAGES[name]), ready=False)
    missing = None
    if name in MAPS:
        try:
            view.ready()
        except pytest.fail.Exception as failure:
            missing = failure
    shots = screenshots(view.page, f"page-{name}")
    assert [p.name for p in shots] == [f"page-{name}-{size}.png"
                                       for size in ("1400x900", "1366x768", "390x844")]
    if missing is not None:
        raise missing
    view.assert_clean()
