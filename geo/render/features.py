"""The folium elements of an atlas map, one per map concept.

Each template receives only values already made safe: names of other
elements, and data or HTML passed through :func:`.escape.script_json`.
"""

from __future__ import annotations

from branca.element import Element, Figure, MacroElement
from jinja2 import Template
from markupsafe import Markup, escape

from ..vocabulary import word
from . import assets
from .escape import script_json
from .packing import packed_script


class Text(Element):
    """Text already rendered (escaped where it had to be), placed in the page as it is."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class OfflinePage(Figure):
    """The page around a map: its language, its title, the viewport, nothing from the
    network; one packed program (:mod:`.packing`) at the end of the body runs the
    libraries (:meth:`add_library`) and then the map's script."""

    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="{{ this.lang }}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>{{ this.page_title }}</title>\n"
        "<style>html, body { height: 100%; margin: 0; padding: 0; }\n"
        "@media print { @page { size: A4 landscape; margin: 8mm; }\n"
        "  html, body { height: auto; } .atlas-app { height: 190mm; } }</style>\n"
        "{{ this.header.render(**kwargs) }}\n"
        "</head>\n"
        "<body>\n"
        "{{ this.html.render(**kwargs) }}\n"
        "{{ this.packed_program(**kwargs) }}\n"
        "</body>\n"
        "</html>\n"
    )

    def __init__(self, lang: str, title: str):
        super().__init__()
        self._name = "OfflinePage"
        self.lang = "en" if lang == "en" else "zh-CN"
        self.page_title = escape(title)
        #: What the map says in a browser that cannot unpack the program.
        self.fail = word("needs_browser", lang, "map")
        self.libraries: dict[str, str] = {}

    def add_library(self, name: str, js: str) -> None:
        """Run ``js`` before the map's script (Leaflet, the atlas script); one per ``name``,
        so that rendering the page again gives the same page."""
        self.libraries[name] = js

    def packed_program(self, **kwargs) -> Markup:
        """The libraries and the map's script as one packed program."""
        program = "\n".join([*self.libraries.values(), self.script.render(**kwargs)])
        return Markup(packed_script(program, self.fail))


class _Verbatim(MacroElement):
    """A MacroElement whose rendered macros are placed in the page as they are.

    branca compiles each rendered macro again as a template: slow for the inlined
    assets and data (hundreds of kB), and it would evaluate any ``{{`` in plan text.
    """

    def render(self, **kwargs):
        figure = self.get_root()
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            if part in macros:
                text = macros[part](self, kwargs)
                # Jinja drops one trailing newline of a template; keep the bytes the same.
                text = text[:-1] if text.endswith("\n") else text
                getattr(figure, part).add_child(Text(text), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class OfflineAssets(_Verbatim):
    """Leaflet and the atlas script and style: the style inlined into the page's head, the
    scripts libraries of its :class:`OfflinePage`.

    ``extra`` names more files of ``geo.render`` to inline (``"diff.js"``, ``"diff.css"``).
    """

    _template = Template(
        """{% macro header(this, kwargs) %}
<style>{{ this.css }}</style>
{% endmacro %}"""
    )

    def __init__(self, extra: tuple[str, ...] = ()):
        super().__init__()
        self._name = "OfflineAssets"
        self.css = assets.leaflet_css() + assets.atlas_css()
        self.js = assets.leaflet_js() + "\n" + assets.atlas_js()
        for name in extra:  # more scripts and styles of geo.render, after the atlas' own
            if name.endswith(".css"):
                self.css += assets.package_text(name)
            else:
                self.js += "\n" + assets.package_text(name)
        if "</style" in self.css.lower():
            raise ValueError("inlined style contains </style>")

    def render(self, **kwargs):
        self.get_root().add_library(self.get_name(), self.js)
        super().render(**kwargs)


class AtlasData(_Verbatim):
    """The district geometry, cards, answers and search index, embedded once; every
    layer views it."""

    _template = Template(
        """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = industryAtlas.decodeData({{ this.data_json }});
{% endmacro %}"""
    )

    def __init__(self, data: dict):
        super().__init__()
        self._name = "AtlasData"
        self.data_json = script_json(data)


class DistrictsLayer(_Verbatim):
    """All districts of the region, with their names and cards."""

    _template = Template(
        """{% macro script(this, kwargs) %}
industryAtlas.districts({{ this.data.get_name() }});
{% endmacro %}"""
    )

    def __init__(self, data: AtlasData):
        super().__init__()
        self._name = "DistrictsLayer"
        self.data = data


class ViewLayer(_Verbatim):
    """One toggleable layer: a layout element or an industry, drawn from the shared data.

    The page's panel toggles it; ``spec["show"]`` says whether it is on at first.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
industryAtlas.view({{ this.data.get_name() }}, {{ this.spec_json }});
{% endmacro %}"""
    )

    def __init__(self, data: AtlasData, spec: dict):
        super().__init__()
        self._name = "ViewLayer"
        self.data = data
        self.spec_json = script_json(spec)


class RealityLayer(ViewLayer):
    """One industry of the "Reality" group: districts filled by LQ class, the plan's hosts
    outlined (``industryAtlas.realityView`` of ``reality.js``)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
industryAtlas.realityView({{ this.data.get_name() }}, {{ this.spec_json }});
{% endmacro %}"""
    )


class PageScript(_Verbatim):
    """Starts the page: panel toggles, the industry question, search, labels, URL fragment."""

    _template = Template(
        """{% macro script(this, kwargs) %}
industryAtlas.page({{ this._parent.get_name() }}, {{ this.data.get_name() }},
    {{ this._parent.get_name() }}.getContainer().closest(".atlas-app")
        .querySelector(".atlas-panel"));
{% endmacro %}"""
    )

    def __init__(self, data: AtlasData):
        super().__init__()
        self._name = "PageScript"
        self.data = data
