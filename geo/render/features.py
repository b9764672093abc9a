"""The folium elements of an atlas map, one per map concept.

Each template receives only values already made safe: names of other
elements, and data or HTML passed through :func:`.escape.script_json`.
"""

from __future__ import annotations

from branca.element import Element, MacroElement
from folium.map import Layer
from jinja2 import Template

from . import assets
from .escape import script_json


class _Text(Element):
    """Text already rendered, placed in the page as it is."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


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
                getattr(figure, part).add_child(_Text(text), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class OfflineAssets(_Verbatim):
    """Leaflet and the atlas script and style, inlined into the page's head.

    ``extra`` names more files of ``geo.render`` to inline (``"diff.js"``, ``"diff.css"``).
    """

    _template = Template(
        """{% macro header(this, kwargs) %}
<style>{{ this.css }}</style>
<script>{{ this.js }}</script>
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
        for text, end in ((self.css, "</style"), (self.js, "</script")):
            if end in text.lower():
                raise ValueError(f"inlined asset contains {end}>")


class AtlasData(_Verbatim):
    """The district geometry and texts, embedded once; every layer views it."""

    _template = Template(
        """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = industryAtlas.decodeData({{ this.data_json }});
var {{ this.get_name() }}_notes = industryAtlas.notesPanel({{ this._parent.get_name() }});
{% endmacro %}"""
    )

    def __init__(self, data: dict):
        super().__init__()
        self._name = "AtlasData"
        self.data_json = script_json(data)


class DistrictsLayer(Layer, _Verbatim):
    """All districts of the region, with tooltips and popups."""

    _template = Template(
        """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = industryAtlas.districts({{ this.data.get_name() }});
{% endmacro %}"""
    )

    def __init__(self, data: AtlasData, label_html: str):
        super().__init__(name=label_html, overlay=True, control=True, show=True)
        self._name = "DistrictsLayer"
        self.data = data


class ViewLayer(Layer, _Verbatim):
    """One toggleable layer: a layout element or an industry, drawn from the shared data."""

    _template = Template(
        """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = industryAtlas.view({{ this.data.get_name() }},
    {{ this.spec_json }}, {{ this.data.get_name() }}_notes);
{% endmacro %}"""
    )

    def __init__(self, data: AtlasData, spec: dict, label_html: str, show: bool):
        super().__init__(name=label_html, overlay=True, control=True, show=show)
        self._name = "ViewLayer"
        self.data = data
        self.spec_json = script_json(spec)


class Panel(_Verbatim):
    """A fixed box on the map (legend, title and sources) holding escaped HTML."""

    _template = Template(
        """{% macro script(this, kwargs) %}
industryAtlas.panel({{ this._parent.get_name() }}, {{ this.position_json }},
    {{ this.html_json }}, {{ this.class_json }});
{% endmacro %}"""
    )

    def __init__(self, html: str, position: str, class_name: str):
        super().__init__()
        self._name = "Panel"
        self.html_json = script_json(html)
        self.position_json = script_json(position)
        self.class_json = script_json(class_name)
