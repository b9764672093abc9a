"""The elements of an atlas map page, one per map concept; folium only on request.

A page is a small tree: :class:`OfflinePage` at the root, its :class:`OfflineMap`
(the map box beside the panel) under it, every layer under the map. Each element
gives its pieces of the page's head, body and script (:meth:`Element.parts`); the
page numbers its elements in tree order (``atlas_data_0003``), so the same atlas
gives the same bytes, and lays the pieces out as folium did. Building a page
imports neither folium nor branca; :func:`as_folium` hands a page to folium for
the API that returns a ``folium.Map``.

Each script piece receives only values already made safe: names of other elements,
and data or HTML passed through :func:`.escape.script_json`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache

from markupsafe import Markup

from ..vocabulary import Lang
from . import assets
from .escape import script_json
from .packing import packed_script

#: The page shell (``%%`` is a literal ``%``); every value is escaped or already HTML.
_SHELL = Markup(
    "<!DOCTYPE html>\n"
    '<html lang="%(lang)s">\n'
    "<head>\n"
    '<meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    "<title>%(title)s</title>\n"
    "<style>html, body { height: 100%%; margin: 0; padding: 0; }\n"
    "@media print { @page { size: A4 landscape; margin: 8mm; } html, body { height: auto; } }\n"
    "/* the printed sheet inside those margins (atlas.css lays the page out in it) */\n"
    ".atlas-app { --atlas-print-width: 281mm; --atlas-print-height: 192mm;\n"
    "  --atlas-print-legend: 82mm; }</style>\n"
    "%(header)s\n"
    "</head>\n"
    "<body>\n"
    "%(html)s\n"
    "%(program)s\n"
    "</body>\n"
    "</html>"
)

#: The head's first piece, as folium's pages have it.
_META = '<meta http-equiv="content-type" content="text/html; charset=UTF-8" />'


def _snake(kind: str) -> str:
    """``"AtlasData"`` -> ``"atlas_data"``: the stem of an element's script name."""
    return re.sub(r"(?<!^)(?=[A-Z][a-z])", "_", kind).lower()


class Element:
    """One named piece of a map page.

    Subclasses set :attr:`kind` (the stem of the script name) and yield their
    pieces from :meth:`parts`.
    """

    kind = "Element"

    def __init__(self):
        self.children: list[Element] = []
        self.parent: Element | None = None
        self.number = ""

    def get_name(self) -> str:
        """The element's script variable and element id: ``atlas_data_0003``."""
        return f"{_snake(self.kind)}_{self.number}"

    def add_to(self, parent: Element) -> Element:
        """Append this element to ``parent``'s children; return it."""
        parent.children.append(self)
        self.parent = parent
        return self

    def parts(self) -> Iterator[tuple[str, str]]:
        """``(section, text)`` pieces: section ``"header"``, ``"html"``, ``"script"`` or
        ``"library"`` (a script run before the page's own)."""
        return iter(())

    def walk(self) -> Iterator[Element]:
        """This element, then its descendants, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


class OfflinePage(Element):
    """The page around a map: its language, its title, the viewport, nothing from the
    network; one packed program (:mod:`.packing`) at the end of the body runs the
    libraries and then the map's script.

    Parameters
    ----------
    lang : geo.vocabulary.Lang
    title : str
        The page title (escaped here).
    prefix : str
        Prefix of every element's number (a fragment's own names).
    """

    kind = "OfflinePage"

    def __init__(self, lang: Lang, title: str, prefix: str = ""):
        super().__init__()
        self.lang = "en" if lang.code == "en" else "zh-CN"
        self.page_title = title
        self.prefix = prefix
        #: What the map says in a browser that cannot unpack the program.
        self.fail = lang.word("needs_browser", "map")

    @property
    def map(self) -> OfflineMap:
        """The page's map box."""
        return next(e for e in self.children if isinstance(e, OfflineMap))

    def sections(self) -> dict[str, str]:
        """The page's head, body, script and libraries, elements numbered in tree order."""
        pieces: dict[str, list[str]] = {"header": [_META], "html": [], "script": [],
                                        "library": []}
        elements = list(self.walk())
        for number, element in enumerate(elements):
            element.number = f"{self.prefix}{number:04d}"
        for element in elements:
            for section, text in element.parts():
                pieces[section].append(text)
        out = {name: "".join(f"\n    {text}" for text in texts)
               for name, texts in pieces.items() if name != "library"}
        out["library"] = "\n".join(pieces["library"])
        return out

    def render(self) -> str:
        """The whole page."""
        sections = self.sections()
        program = "\n".join([sections["library"], sections["script"]])
        return _SHELL % {"lang": self.lang, "title": self.page_title,
                         "header": Markup(sections["header"]),
                         "html": Markup(sections["html"]),
                         "program": Markup(packed_script(program, self.fail))}


# A reader who asked the system for reduced motion (prefers-reduced-motion, WCAG 2.3.3)
# gets a map that jumps instead of animating: no popup fades, zoom or pan animations,
# no inertia, and popups' auto-pan without its glide.
_STILL_OPTIONS = ("(function (still) { return {fadeAnimation: !still, zoomAnimation: !still, "
                  "markerZoomAnimation: !still, inertia: !still}; })(!!(window.matchMedia && "
                  'window.matchMedia("(prefers-reduced-motion: reduce)").matches))')
_STILL_PAN = ("function (offset, options) { return L.Map.prototype.panBy.call(this, offset, "
              "L.extend({}, options, {animate: false})); }")


class OfflineMap(Element):
    """The map box laid out beside its panel, and the Leaflet map in it.

    Parameters
    ----------
    panel_html : str
        The panel, rendered by :func:`geo.render.content.render` (escaped).
    bounds : tuple of float
        ``(minx, miny, maxx, maxy)`` of the region: the first view fits it into the
        part of the page the panel leaves free.
    fragment : bool
        Part of another page: no ``<main>`` of its own.
    tiles_attribution : bool
        Show Leaflet's attribution control (tile basemaps).
    """

    kind = "OfflineMap"

    def __init__(self, panel_html: str, bounds, fragment: bool = False,
                 tiles_attribution: bool = False):
        super().__init__()
        minx, miny, maxx, maxy = bounds
        self.location = [(miny + maxy) / 2, (minx + maxx) / 2]
        self.panel_html = panel_html
        self.fragment = fragment
        self.attribution = "true" if tiles_attribution else "false"

    def parts(self):
        main = "div" if self.fragment else "main"
        name = self.get_name()
        yield "html", (f'<div class="atlas-app"><div class="atlas-layout">{self.panel_html}'
                       f'<{main} class="atlas-main"><div class="folium-map atlas-map" '
                       f'id="{name}"></div></{main}></div></div>')
        yield "script", (f'var {name} = L.map("{name}", L.extend({{zoomSnap: 0.25,\n'
                         f"    attributionControl: {self.attribution}}}, {_STILL_OPTIONS}));\n"
                         f"if (!{name}.options.fadeAnimation) {{ {name}.panBy = {_STILL_PAN}; }}\n"
                         f'L.control.scale({{position: "bottomleft", imperial: false}})'
                         f".addTo({name});")


def _js_value(value) -> str:
    """JSON safe inside a ``<script>`` (``<``, ``>``, ``&``, ``'`` as escapes)."""
    return (json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("'", "\\u0027"))


class TileLayer(Element):
    """One tile layer of a basemap (:class:`geo.show.basemaps.Tiles`), as Leaflet takes it."""

    kind = "TileLayer"

    def __init__(self, tiles):
        super().__init__()
        self.tiles = tiles

    def parts(self):
        t = self.tiles
        options = {"minZoom": 0, "maxZoom": t.max_zoom, "maxNativeZoom": t.max_zoom,
                   "noWrap": False, "attribution": t.attribution, "subdomains": t.subdomains,
                   "detectRetina": False, "tms": False, "opacity": 1}
        listed = "".join(f'  "{k}": {_js_value(v)},\n' for k, v in options.items())
        name = self.get_name()
        yield "script", (f"\n            var {name} = L.tileLayer(\n"
                         f"                {_js_value(t.url)},\n"
                         f"                {{\n{listed}}}\n\n            );\n        ")
        yield "script", f"\n            {name}.addTo({self.parent.get_name()});\n        "


class OfflineAssets(Element):
    """Leaflet and the atlas script and style: the style inlined into the page's head, the
    scripts run first by its :class:`OfflinePage`.

    ``extra`` names more files of ``geo.render`` to inline (``"diff.js"``, ``"diff.css"``).
    """

    kind = "OfflineAssets"

    def __init__(self, extra: tuple[str, ...] = ()):
        super().__init__()
        self.css = assets.leaflet_css() + assets.atlas_css()
        self.js = assets.leaflet_js() + "\n" + assets.atlas_js()
        for name in extra:  # more scripts and styles of geo.render, after the atlas' own
            if name.endswith(".css"):
                self.css += assets.package_text(name)
            else:
                self.js += "\n" + assets.package_text(name)
        if "</style" in self.css.lower():
            raise ValueError("inlined style contains </style>")

    def parts(self):
        yield "library", self.js
        yield "header", f"\n<style>{self.css}</style>"


class AtlasData(Element):
    """The district geometry, cards, answers and search index, embedded once; every
    layer views it."""

    kind = "AtlasData"

    def __init__(self, data: dict):
        super().__init__()
        self.data_json = script_json(data)

    def parts(self):
        yield "script", f"\nvar {self.get_name()} = industryAtlas.decodeData({self.data_json});"


class DistrictsLayer(Element):
    """All districts of the region, with their names and cards."""

    kind = "DistrictsLayer"

    def __init__(self, data: AtlasData):
        super().__init__()
        self.data = data

    def parts(self):
        yield "script", f"\nindustryAtlas.districts({self.data.get_name()});"


class ViewLayer(Element):
    """One toggleable layer: a layout element or an industry, drawn from the shared data.

    The page's panel toggles it; ``spec["show"]`` says whether it is on at first.
    Subclasses draw with another function of the page script (:attr:`draw`).
    """

    kind = "ViewLayer"
    #: The function of ``industryAtlas`` that draws the layer.
    draw = "view"

    def __init__(self, data: AtlasData, spec: dict):
        super().__init__()
        self.data = data
        self.spec_json = script_json(spec)

    def parts(self):
        yield "script", (f"\nindustryAtlas.{self.draw}({self.data.get_name()}, "
                         f"{self.spec_json});")


class RealityLayer(ViewLayer):
    """One industry of the "Reality" group: districts filled by LQ class, the plan's hosts
    outlined (``industryAtlas.realityView`` of ``reality.js``)."""

    draw = "realityView"


class PageScript(Element):
    """Starts the page: panel toggles, the industry question, search, labels, URL fragment."""

    kind = "PageScript"

    def __init__(self, data: AtlasData):
        super().__init__()
        self.data = data

    def parts(self):
        name = self.parent.get_name()
        yield "script", (f"\nindustryAtlas.page({name}, {self.data.get_name()},\n"
                         f'    {name}.getContainer().closest(".atlas-app")\n'
                         '        .querySelector(".atlas-panel"));')


def as_folium(page: OfflinePage):
    """``page`` as a :class:`folium.Map` (for :meth:`geo.Atlas.map` and
    :func:`geo.diff_map`): its root renders the page, so ``get_root().render()``,
    ``save`` and Jupyter's display give the page's own bytes. Imports folium."""
    import folium

    fmap = folium.Map(location=page.map.location, zoom_start=9, tiles=None)
    _folium_figure()(page).add_child(fmap)
    return fmap


@cache
def _folium_figure():
    """The folium figure class that renders an :class:`OfflinePage` (made once, on use)."""
    import folium

    class PageFigure(folium.Figure):
        def __init__(self, page: OfflinePage):
            super().__init__()
            self._name = "OfflinePage"
            self.page = page

        def render(self, **kwargs) -> str:
            return self.page.render()

    return PageFigure

