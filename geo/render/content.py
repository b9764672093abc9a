"""HTML pieces of the map page (panel, cards) from the autoescaped templates in
``templates/``: every value is escaped, braces included."""

from __future__ import annotations

from functools import cache
from importlib import resources

from .escape import html_template

# folium and branca compile some rendered pieces (layer names) as Jinja templates again:
# braces as character references keep plan text such as "{{ ... }}" from being evaluated.
_BRACES = {ord("{"): "&#123;", ord("}"): "&#125;"}


@cache
def _template(name: str) -> str:
    return resources.files("geo.render").joinpath(f"templates/{name}.html").read_text("utf-8")


def render(template: str, **values) -> str:
    """Render ``templates/<template>.html`` with every value HTML-escaped (braces included)."""
    return html_template(_template(template)).render(**values).translate(_BRACES)
