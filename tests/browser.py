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

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 1600, "height": 1000}
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

# Resolves after the browser has drawn two frames: Leaflet redraws on resize in a frame.
_TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def missing_chromium() -> str | None:
    """Why the browser tests cannot run here, or ``None`` when they can."""
    if CHROMIUM.exists():
        return None
    return (f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium "
            "for the browser tests (Playwright never downloads one)")


@dataclass
class MapPage:
    """An opened page (usually a map) with what went wrong while it was open."""

    MAP: ClassVar[str] = _MAP  # JavaScript: the map object of a standalone map page

    page: object  # playwright.sync_api.Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    view: list[float] = field(default_factory=list)

    @classmethod
    def open(cls, page, path: Path) -> MapPage:
        """Open an HTML file offline: every non-file: request is aborted and recorded."""
        view = cls(page)

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
        return view

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


def png_size(path: Path) -> tuple[int, int]:
    """(width, height) of a PNG file, from its IHDR chunk."""
    head = Path(path).read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", f"{path}: not a PNG"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def take_screenshots(page, name: str, folder: Path) -> list[Path]:
    """Write ``<folder>/<name>-<width>x<height>.png`` at every size of SCREENSHOT_SIZES.

    The page is resized for each shot (the map redraws for the new size) and given
    its own size back afterwards. Returns the files written, in SCREENSHOT_SIZES order.
    """
    assert re.fullmatch(r"[\w.-]+", name), f"screenshot name {name!r}: letters, digits, . _ -"
    folder.mkdir(parents=True, exist_ok=True)
    before = page.viewport_size
    written = []
    try:
        for width, height in SCREENSHOT_SIZES:
            page.set_viewport_size({"width": width, "height": height})
            page.evaluate(_TWO_FRAMES)
            path = folder / f"{name}-{width}x{height}.png"
            page.screenshot(path=path)
            assert png_size(path) == (width, height), f"{path}: {png_size(path)}"
            written.append(path)
    finally:
        if before:
            page.set_viewport_size(before)
            page.evaluate(_TWO_FRAMES)
    return written
