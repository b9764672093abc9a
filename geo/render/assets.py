"""Leaflet and the atlas' own script and style, read from installed packages.

Nothing is fetched at view time: the map opens with no network.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from importlib import resources
from pathlib import Path

_SOURCE_MAP = re.compile(r"//# sourceMappingURL=\S+")


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as leaflet

    return Path(leaflet.BASE_DIR)


@cache
def leaflet_js() -> str:
    """Leaflet's minified JavaScript, without its source-map reference."""
    return _SOURCE_MAP.sub("", (_leaflet_dir() / "leaflet.js").read_text("utf-8"))


@cache
def leaflet_css() -> str:
    """Leaflet's CSS with its images inlined as data URIs."""
    folder = _leaflet_dir()

    def inline(match: re.Match) -> str:
        image = folder / match.group(1)
        data = base64.b64encode(image.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    css = (folder / "leaflet.css").read_text("utf-8")
    return re.sub(r"url\((images/[\w.-]+\.png)\)", inline, css)


@cache
def atlas_js() -> str:
    """The atlas' own map script (view layers, panels)."""
    return resources.files("geo.render").joinpath("atlas.js").read_text("utf-8")


@cache
def atlas_css() -> str:
    """The atlas' own map style (legend, panels)."""
    return resources.files("geo.render").joinpath("atlas.css").read_text("utf-8")


@cache
def package_text(name: str) -> str:
    """A script or style shipped in ``geo.render`` (e.g. ``"diff.js"``), as text."""
    return resources.files("geo.render").joinpath(name).read_text("utf-8")
