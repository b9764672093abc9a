"""Headless Chromium for the browser tests: what conftest.py's browser fixtures share.

Debian's chromium (``/usr/bin/chromium``, installed by ``make test``) is driven
through Playwright; no browser is ever downloaded. The fixtures themselves
(``browser``, ``new_page``, ``page``, ``open_page``, ``open_map``, ``screenshots``)
are in conftest.py; this module holds where the browser is, how a page is opened
offline, and :class:`MapPage`, the page object of an opened map.

Not a test module: conftest.py imports it, test modules use the fixtures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

#: Debian's chromium: the browser README's print command runs (tests/test_print.py).
CHROMIUM = Path("/usr/bin/chromium")
#: Debian's headless build of the same chromium (package chromium-headless-shell, one
#: Chromium release with the package above, the build made for driving by a program):
#: Playwright's pages open in it. It draws a page for about three quarters of the CPU.
HEADLESS_SHELL = Path("/usr/bin/chromium-headless-shell")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# The pages' default size is the desktop screenshot size: screenshots start without a
# resize, and the smaller page costs less to draw (seven browser modules, in a cgroup:
# 122 CPU s against 130 at 1600 x 1000).
VIEWPORT = {"width": 1400, "height": 900}
# Pages open as for a reader who asked for reduced motion: the map then jumps instead of
# animating (geo/render/features.py), so tests wait for no fades and glides. Tests
# marked ``motion`` (conftest.py) get a default browser's animations.
MOTION = {False: "reduce", True: "no-preference"}
# Desktop, small laptop and phone: the sizes ``screenshots`` writes.
SCREENSHOT_SIZES = ((1400, 900), (1366, 768), (390, 844))

# JavaScript helpers, run in the page. The map object of a standalone map page is
# the global named by the id of the folium map's <div>.
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

_VIEW = f"""(() => {{
  const map = {_MAP}, c = map.getCenter();
  return [c.lat, c.lng, map.getZoom()];
}})()"""

# True once every map of the page has started (geo/render/packing.py: start-up is async).
_STARTED = ("() => Array.prototype.every.call(document.querySelectorAll('.atlas-app'), "
          "a => a.hasAttribute('data-atlas-ready'))")

# Resolves after the browser has drawn two frames: Leaflet redraws on resize in a frame.
_TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def missing_chromium() -> str | None:
    """Why the browser tests cannot run here, or ``None`` when they can."""
    missing = [str(path) for path in (CHROMIUM, HEADLESS_SHELL) if not path.exists()]
    if not missing:
        return None
    return (f"{' and '.join(missing)} missing: run `make test`, which installs Debian's "
            "chromium and chromium-headless-shell for the browser tests (Playwright never "
            "downloads one)")


@dataclass
class MapPage:
    """An opened page (usually a map) with what went wrong while it was open."""

    MAP: ClassVar[str] = _MAP  # JavaScript: the map object of a standalone map page

    page: object  # playwright.sync_api.Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    view: list[float] = field(default_factory=list)

    @classmethod
    def blank(cls, page):
        """``page`` kept offline: every request that leaves file:, data: and about: is
        aborted and recorded, console and page errors recorded; nothing loaded yet."""
        view = cls(page)

        def route(r):
            if r.request.url.startswith(("file:", "data:", "about:")):
                r.continue_()
            else:
                view.requests.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("console",
                lambda m: m.type == "error" and view.errors.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: view.errors.append(f"pageerror: {e}"))
        return view

    @classmethod
    def open(cls, page, path: Path) -> MapPage:
        """Open an HTML file offline (:meth:`blank`) and wait for its maps to start."""
        view = cls.blank(page)
        page.goto(Path(path).resolve().as_uri(), wait_until="load")
        view.wait_ready()
        return view

    def wait_ready(self) -> None:
        """Wait until every map of the page has run its packed program (``data-atlas-ready``)."""
        try:
            self.page.wait_for_function(_STARTED, timeout=15000)
        except Exception as error:  # a map that never starts: say what went wrong
            raise AssertionError(f"a map did not start: {self.errors or error}") from None

    def read_view(self) -> None:
        """Record the map's centre and zoom, which :meth:`close_popup` restores."""
        self.view = self.page.evaluate(_VIEW)

    def assert_clean(self) -> None:
        assert self.requests == [], f"network requests attempted: {self.requests}"
        assert self.errors == [], f"console or page errors: {self.errors}"

    def drawn(self) -> int:
        """Number of interactive SVG paths drawn on the map."""
        return self.page.evaluate(_DRAWN_PATHS)

    def checkbox(self, text: str):
        """The panel's layer toggle whose label contains ``text`` (exactly one)."""
        labels = self.page.locator(".atlas-panel label.atlas-toggle").filter(has_text=text)
        assert labels.count() == 1, f"{labels.count()} layer labels contain {text!r}"
        return labels.locator("input")

    def checkboxes(self):
        return self.page.locator(".atlas-panel input[data-layer]").all()

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
        """Set a layer checkbox by a click event."""
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


def png_size(path: Path) -> tuple[int, int]:
    """(width, height) of a PNG file, from its IHDR chunk."""
    head = Path(path).read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", f"{path}: not a PNG"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def take_screenshots(page, name: str, folder: Path) -> list[Path]:
    """Write ``<folder>/<name>-<width>x<height>.png`` at every size of SCREENSHOT_SIZES.

    The page is resized for each shot it is not already at (the map redraws for the
    new size) and given its own size back afterwards. Returns the files written, in
    SCREENSHOT_SIZES order.
    """
    assert re.fullmatch(r"[\w.-]+", name), f"screenshot name {name!r}: letters, digits, . _ -"
    folder.mkdir(parents=True, exist_ok=True)
    before = page.viewport_size
    written = []
    try:
        for width, height in SCREENSHOT_SIZES:
            if page.viewport_size != {"width": width, "height": height}:
                page.set_viewport_size({"width": width, "height": height})
            page.evaluate(_TWO_FRAMES)
            path = folder / f"{name}-{width}x{height}.png"
            page.screenshot(path=path)
            assert png_size(path) == (width, height), f"{path}: {png_size(path)}"
            written.append(path)
    finally:
        if before and page.viewport_size != before:
            page.set_viewport_size(before)
            page.evaluate(_TWO_FRAMES)
    return written


# --- the map page of issue 9, by its DOM contract ------------------------------------
#
# Every map page (plan map, diff map, national map, fragments) exposes
# ``window.industryAtlasPages``, one controller per map, each with ``.map`` (the
# Leaflet map) and ``.labelPoints()`` ([{place, lat, lng}]). ``ContractPage`` reads a
# page through that contract only (classes, data- attributes, the controllers), so
# the tests of tests/test_page_*.py hold whatever the page's internals are.

CONTRACT = "DOM contract of the map page (issue 9)"

# A short description of an element, for assertion messages.
_DESCRIBE = """const describe = (el) => {
  if (!el) return 'nothing (outside the viewport)';
  const parts = [];
  for (let e = el, i = 0; e && e.nodeType === 1 && i < 4; e = e.parentElement, i++) {
    const cls = typeof e.className === 'string' ? e.className
      : (e.className && e.className.baseVal) || '';
    const place = e.getAttribute('data-place');
    parts.push(e.tagName.toLowerCase() + (cls ? '.' + cls.trim().split(/\\s+/).join('.') : '')
               + (place ? `[data-place=${place}]` : ''));
  }
  return parts.join(' < ');
};"""

_READY = """() => Array.isArray(window.industryAtlasPages) && window.industryAtlasPages.length > 0
  && window.industryAtlasPages.every(c => c && c.map && typeof c.labelPoints === 'function')"""

# Label points of controller ``index`` in viewport (client) coordinates.
_LABEL_POINTS = """(index) => {
  const c = window.industryAtlasPages[index], map = c.map;
  const box = map.getContainer().getBoundingClientRect();
  return c.labelPoints().map(p => {
    const q = map.latLngToContainerPoint([p.lat, p.lng]);
    return {place: String(p.place), lat: p.lat, lng: p.lng,
            x: box.left + q.x, y: box.top + q.y};
  });
}"""

# What is on top at each point: the district's own path or label, or what else.
_HITS = "(points) => {" + _DESCRIBE + """
  return points.map(p => {
    const el = document.elementFromPoint(p.x, p.y);
    const own = !!el && (
      !!el.closest(`.atlas-label[data-place="${p.place}"]`)
      || (el.closest('.atlas-map') !== null && el.closest('svg') !== null
          && el.getAttribute('data-place') === p.place));
    return {place: p.place, x: p.x, y: p.y, own, top: describe(el)};
  });
}"""

# Labels: the box is that of the label's text where it has some (a Leaflet icon's own
# box can be smaller than the text it shows), else the element's.
_LABELS = """() => [...document.querySelectorAll('.atlas-label[data-place]')].map(el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  const t = range.getBoundingClientRect(), e = el.getBoundingClientRect();
  const r = t.width > 0 && t.height > 0 ? t : e, s = getComputedStyle(el);
  const map = el.closest('.atlas-map'), m = map ? map.getBoundingClientRect() : null;
  const cx = (r.left + r.right) / 2, cy = (r.top + r.bottom) / 2;
  const inside = !!m && cx >= m.left && cx <= m.right && cy >= m.top && cy <= m.bottom
    && cx >= 0 && cy >= 0 && cx <= innerWidth && cy <= innerHeight;
  const shown = el.checkVisibility({visibilityProperty: true, opacityProperty: true})
    && s.visibility === 'visible' && r.width > 0 && r.height > 0 && inside;
  return {place: el.dataset.place, text: el.textContent.trim(), shown,
          box: [r.left, r.top, r.right, r.bottom]};
})"""

_ANSWER = """() => {
  const a = document.querySelector('.atlas-answer');
  if (!a) return null;
  const items = {}, unlocated = {};
  // A place's text: its item, then the citations of its group (said once per group).
  a.querySelectorAll('li[data-place]').forEach(li => {
    const group = li.closest('.atlas-answer-group');
    const cites = group && group.querySelector('.atlas-cites');
    items[li.dataset.place] = li.innerText + (cites ? '\\n' + cites.innerText : ''); });
  a.querySelectorAll('li[data-unlocated]').forEach(li => {
    unlocated[li.dataset.unlocated] = li.innerText; });
  return {answer: a.getAttribute('data-atlas-answer'), status: a.getAttribute('data-status'),
          places: a.querySelectorAll('li[data-place]').length, items, unlocated,
          cites: [...a.querySelectorAll('cite')].map(c => c.innerText),
          text: a.innerText, visible: a.checkVisibility()};
}"""

# A swatch's colour: its background, else its border, else its SVG shape's stroke or fill.
_TOGGLES = """() => {
const colour = (sw) => {
  const s = getComputedStyle(sw), bg = s.backgroundColor;
  if (bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
  if (s.backgroundImage && s.backgroundImage !== 'none') return s.backgroundImage;
  if (parseFloat(s.borderTopWidth) > 0 && s.borderTopStyle !== 'none') return s.borderTopColor;
  const shape = sw.querySelector('path, rect, circle, line, polygon');
  if (shape) { const f = getComputedStyle(shape); return f.stroke !== 'none' ? f.stroke : f.fill; }
  return null;
};
return [...document.querySelectorAll('input[type=checkbox][data-layer]')].map(box => {
  const label = box.closest('label')
    || (box.id && document.querySelector(`label[for="${box.id}"]`));
  const swatch = label ? label.querySelector('.atlas-swatch') : null;
  return {layer: box.dataset.layer, checked: box.checked,
          inPanel: !!box.closest('.atlas-panel'), label: label ? label.innerText : null,
          swatches: label ? label.querySelectorAll('.atlas-swatch').length : 0,
          swatch: swatch ? colour(swatch) : null};
});
}"""

# Visible SVG paths in the map panes: [data-place or '', ...]
_PATHS = """() => [...document.querySelectorAll('.atlas-map svg path')].filter(
  p => p.checkVisibility({visibilityProperty: true, opacityProperty: true})
       && p.getAttribute('d') && p.getBoundingClientRect().width > 0
).map(p => p.getAttribute('data-place') || '')"""

_BOX = """(el) => { const r = el.getBoundingClientRect();
  return [r.left, r.top, r.right, r.bottom]; }"""

# Boxes of visible elements matching a selector.
_BOXES = "(selector) => {" + _DESCRIBE + """
  return [...document.querySelectorAll(selector)].filter(
    e => e.checkVisibility({visibilityProperty: true, opacityProperty: true})).map(e => {
      const r = e.getBoundingClientRect();
      return {what: describe(e), box: [r.left, r.top, r.right, r.bottom]};
    }).filter(b => b.box[2] > b.box[0] && b.box[3] > b.box[1]);
}"""

# The open popup: Leaflet fades a closed popup out (inline opacity 0) before removing it.
_OPEN_POPUP = """[...document.querySelectorAll('.leaflet-popup')].filter(
  p => p.style.opacity !== '0' && p.checkVisibility()).pop()"""

# Resolves once the open popup's box has kept still for three frames (pan done).
_POPUP_SETTLED = """() => new Promise(resolve => {
  let last = '', still = 0, frames = 0;
  const step = () => {
    const p = """ + _OPEN_POPUP + """;
    const r = p ? p.getBoundingClientRect() : null;
    const key = r ? [r.left, r.top, r.width, r.height].map(Math.round).join() : '';
    still = key && key === last ? still + 1 : 0;
    last = key;
    if (still >= 3 || ++frames > 120) resolve(key); else requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
})"""

# The open popup: its text, box, the map's box, the controls and panel boxes it
# shares area with, and its close button's centre and what is on top there.
_POPUP = "() => {" + _DESCRIBE + """
  const p = """ + _OPEN_POPUP + """;
  if (!p) return null;
  const box = e => { const r = e.getBoundingClientRect();
                     return [r.left, r.top, r.right, r.bottom]; };
  const content = p.querySelector('.leaflet-popup-content');
  const close = p.querySelector('.leaflet-popup-close-button');
  const map = p.closest('.atlas-map') || document.querySelector('.atlas-map');
  let centre = null;
  if (close) {
    const [l, t, r, b] = box(close), x = (l + r) / 2, y = (t + b) / 2;
    const top = document.elementFromPoint(x, y);
    centre = {x, y, own: !!top && (top === close || close.contains(top)), top: describe(top)};
  }
  const others = [...document.querySelectorAll('.leaflet-control, .atlas-panel')].filter(
    e => e.checkVisibility({visibilityProperty: true, opacityProperty: true})).map(
    e => ({what: describe(e), box: box(e)}));
  return {text: content ? content.innerText : p.innerText, box: box(p),
          map: map ? box(map) : null, close: centre, others};
}"""

def overlap(a, b, tolerance: float = 0.5) -> float:
    """Area shared by two boxes [left, top, right, bottom] (0 when they only touch)."""
    width = min(a[2], b[2]) - max(a[0], b[0]) - tolerance
    height = min(a[3], b[3]) - max(a[1], b[1]) - tolerance
    return width * height if width > 0 and height > 0 else 0.0


def fragment_of(url: str) -> dict[str, str]:
    """``#industry=ic&layers=a,b`` -> {"industry": "ic", "layers": "a,b"} (decoded)."""
    from urllib.parse import unquote

    text = url.split("#", 1)[1] if "#" in url else ""
    pairs = (part.split("=", 1) for part in text.split("&") if part)
    return {unquote(k): unquote(v[0]) if v else "" for k, *v in pairs}


# What a test could have changed of a page: its URL, size, scroll, focus, DOM, form
# values and each map's view. Equal before and after a test: the test only read the page.
_STATE = """() => {
  const body = document.body.innerHTML;
  let h = 0;
  for (let i = 0; i < body.length; i++) h = (h * 31 + body.charCodeAt(i)) | 0;
  const active = document.activeElement;
  return JSON.stringify([location.href, innerWidth, innerHeight, scrollX, scrollY,
    active ? active.tagName + '.' + active.className : '', document.head.children.length,
    body.length, h,
    [...document.querySelectorAll('input, select, textarea')].map(
      e => e.type === 'checkbox' || e.type === 'radio' ? e.checked : e.value),
    (window.industryAtlasPages || []).map(c => {
      const m = c.map, p = m.getCenter(); return [p.lat, p.lng, m.getZoom()]; })]);
}"""

# A page with a district card open: a hash without a district does not close it, so only a
# load gives that hash's state (checked by the page's own state, whatever its URL says).
_CARD_OPEN = """() => (window.industryAtlasPages || []).some(c => c.state && c.state.district)"""

# Sets the URL fragment and resolves once the page has had its hashchange event (an
# empty fragment leaves no bare "#", as a load without one).
_STEP = """(h) => new Promise(resolve => {
  if (location.hash.replace(/^#/, '') === h) { resolve(); return; }
  addEventListener('hashchange', () => {
    if (!h) history.replaceState(null, '', location.pathname + location.search);
    resolve();
  }, {once: true});
  location.hash = h;
})"""


@dataclass
class ContractPage(MapPage):
    """A map page read through the DOM contract of issue 9 (``CONTRACT``).

    ``load(path, fragment)`` gives the page as loaded at ``path#fragment``, offline, and
    waits for its controllers. A page that already shows ``path`` and is as its last
    load left it (``_STATE``: no test clicked, typed or moved it since) is stepped to the
    new fragment by ``hashchange`` instead of being loaded again: many questions of one
    page, one load (``test_stepping_the_hash_gives_the_state_of_a_load`` checks that a
    step and a load give the same page). After a ``district=`` (a card open, the map
    moved) or with ``fresh=True`` the page is loaded afresh, from about:blank.
    Failures say which point of the contract is missing.
    """

    path: Path | None = None
    loads: int = 0  # page loads so far (steps by hashchange not counted)
    _left: str | None = None  # _STATE as the last load or step left the page
    # Files whose controllers never came: later loads of them fail at once.
    NOT_READY: ClassVar[set] = set()

    def load(self, path: Path, fragment: str = "", ready: bool = True,
             fresh: bool = False) -> ContractPage:
        path = Path(path).resolve()
        step = (not fresh and path == self.path and self._left is not None
                and "district=" not in fragment_of(self.page.url)
                and not self.page.evaluate(_CARD_OPEN) and self.state() == self._left)
        self.path, self._left = path, None
        self.requests.clear()
        self.errors.clear()
        if step:
            self.page.evaluate(_STEP, fragment)
        else:
            self.page.goto("about:blank")
            self.page.goto(self.path.as_uri() + (f"#{fragment}" if fragment else ""),
                           wait_until="load")
            self.loads += 1
        if ready:
            self.ready()
            self._left = self.state()
        return self

    def state(self) -> str:
        """What a test could change of the page (``_STATE``), as one string."""
        return self.page.evaluate(_STATE)

    def ready(self, timeout: float = 3000) -> None:
        """Wait for ``window.industryAtlasPages`` and two drawn frames."""
        import pytest
        from playwright.sync_api import Error

        message = (f"{self.path.name}: no window.industryAtlasPages with .map and "
                   f".labelPoints() after {timeout / 1000:.0f} s ({CONTRACT})")
        if self.path in self.NOT_READY:
            pytest.fail(message, pytrace=False)
        try:
            self.page.wait_for_function(_READY, timeout=timeout)
        except Error:
            self.NOT_READY.add(self.path)
            pytest.fail(message, pytrace=False)
        self.page.evaluate(_TWO_FRAMES)

    def expect(self, selector: str, what: str, timeout: float = 3000):
        """The locator of ``selector`` once one is attached; a clear failure otherwise."""
        from playwright.sync_api import Error

        locator = self.page.locator(selector)
        try:
            locator.first.wait_for(state="attached", timeout=timeout)
        except Error:
            import pytest

            pytest.fail(f"{self.path.name if self.path else 'page'}: no {selector} "
                        f"({what}; {CONTRACT})", pytrace=False)
        return locator

    def wait(self, script: str, arg=None, what: str = "", timeout: float = 3000):
        """Wait until ``script(arg)`` is truthy in the page; fail saying ``what`` if not."""
        from playwright.sync_api import Error

        try:
            return self.page.wait_for_function(script, arg=arg, timeout=timeout).json_value()
        except Error:
            import pytest

            pytest.fail(f"{self.path.name if self.path else 'page'}: {what} "
                        f"({CONTRACT})", pytrace=False)

    @property
    def controller(self) -> str:
        """JavaScript: the first page controller."""
        return "window.industryAtlasPages[0]"

    def label_points(self, index: int = 0) -> list[dict]:
        """Label anchors of controller ``index``: place, lat, lng and viewport x, y."""
        return self.page.evaluate(_LABEL_POINTS, index)

    def hits(self, points: list[dict]) -> list[dict]:
        """For each point: ``own`` (the place's path or label is on top) and ``top``."""
        return self.page.evaluate(_HITS, points)

    def labels(self) -> list[dict]:
        return self.page.evaluate(_LABELS)

    def answer(self) -> dict | None:
        return self.page.evaluate(_ANSWER)

    def toggles(self) -> list[dict]:
        return self.page.evaluate(_TOGGLES)

    def paths(self) -> list[str]:
        """data-place of every visible SVG path of the map (``''`` where it has none)."""
        return self.page.evaluate(_PATHS)

    def box(self, selector: str) -> list[float]:
        return self.page.locator(selector).first.evaluate(_BOX)

    def boxes(self, selector: str) -> list[dict]:
        return self.page.evaluate(_BOXES, selector)

    def fragment(self) -> dict[str, str]:
        return fragment_of(self.page.url)

    def save_view(self) -> list[float]:
        return self.page.evaluate(f"""() => {{ const m = {self.controller}.map,
            c = m.getCenter(); return [c.lat, c.lng, m.getZoom()]; }}""")

    def set_view(self, view: list[float], detached: bool = True) -> None:
        """Close any popup and go back to ``view`` (from :meth:`save_view`), unanimated.

        With ``detached`` wait until no popup is left fading out, which would still
        take the clicks at its place.
        """
        self.page.evaluate(f"""(v) => {{ const m = {self.controller}.map;
            m.closePopup(); m.setView([v[0], v[1]], v[2], {{animate: false}}); }}""", view)
        if detached:
            self.page.wait_for_function("() => !document.querySelector('.leaflet-popup')",
                                        timeout=2000)

    def wait_popup(self, timeout: float = 2000) -> bool:
        """Wait for an open popup and for it to stop moving (auto-pan); False if none."""
        from playwright.sync_api import Error

        try:
            self.page.wait_for_function(f"() => !!({_OPEN_POPUP})", timeout=timeout)
        except Error:
            return False
        return bool(self.page.evaluate(_POPUP_SETTLED))

    def wait_no_popup(self, timeout: float = 2000) -> bool:
        """Wait until no popup is open (a closed one may still be fading out)."""
        from playwright.sync_api import Error

        try:
            self.page.wait_for_function(f"() => !({_OPEN_POPUP})", timeout=timeout)
        except Error:
            return False
        return True

    def popup(self) -> dict | None:
        """The open popup: ``text``, ``box``, ``map`` (box), ``close`` (its close button's
        centre x, y, ``own``: the button is on top there, ``top``) and ``others`` (boxes
        of the Leaflet controls and the panel)."""
        return self.page.evaluate(_POPUP)


def contract_page(contexts: Contexts, viewport: dict | None = None, timeout: float = 5000,
                  motion: bool = False) -> ContractPage:
    """A :class:`ContractPage` on a new page of ``contexts`` (close ``view.page``);
    ``motion``: with the map's animations (:data:`MOTION`)."""
    page = contexts.page(viewport, motion=motion)
    page.set_default_timeout(timeout)
    return ContractPage.blank(page)


class Contexts:
    """Browser contexts shared by the tests of one process, one per set of options.

    ``page(viewport=None, motion=False, **options)`` opens a new page in the context of
    that viewport, motion (:data:`MOTION`) and further Playwright context ``options``
    (``has_touch=True``, ...), made on first use. A new page is cheap beside a new
    context (measured in a cgroup: a context, its page and one map load 0.96 CPU s, a
    page in an existing context and the same load 0.53 s). Pages of one context share
    its HTTP cache and storage; the pages under test keep nothing there (no cookie, no
    web storage: test_browser.py's ``test_the_page_keeps_nothing_in_the_browser``).
    """

    def __init__(self, browser):
        self.browser = browser
        self._made: dict[str, object] = {}

    def page(self, viewport: dict | None = None, motion: bool = False, **options):
        size = dict(viewport or VIEWPORT)
        key = repr((sorted(size.items()), bool(motion), sorted(options.items())))
        if key not in self._made:
            self._made[key] = self.browser.new_context(
                viewport=size, reduced_motion=MOTION[bool(motion)], **options)
        return self._made[key].new_page()

    def close(self) -> None:
        for context in self._made.values():
            context.close()
        self._made.clear()
