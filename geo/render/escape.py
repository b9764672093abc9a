"""Escaping text for the place it lands.

Plan and boundary text reaches the page in two ways only: as HTML built by
:mod:`.content` (autoescaped Jinja templates), and as data inside a
``<script>`` element, written by :func:`script_json`. No text is pasted into
JavaScript source or template literals.
"""

from __future__ import annotations

import json
from functools import cache

#: Characters a ``<script>`` element cannot hold as they are, and their JSON escapes. (A chain
#: of ``str.replace`` is some twenty times faster than ``str.translate`` on a map's data.)
_SCRIPT_UNSAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                  ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def script_json(value) -> str:
    """JSON for a ``<script>`` element: no ``</script>``, no HTML comment, no line separators.

    Keys are sorted so that the same input gives the same bytes.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)
    for unsafe, escaped in _SCRIPT_UNSAFE:
        text = text.replace(unsafe, escaped)
    return text


@cache
def html_template(source: str):
    """``source`` compiled as an autoescaped, strict Jinja template (once per source).

    Every HTML page and piece industry-atlas writes comes from such a template.
    """
    import jinja2

    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return environment.from_string(source)
