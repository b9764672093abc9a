"""An atlas map as an HTML fragment, to paste into another page.

The fragment is one ``<div class="industry-atlas">`` holding its style, its
map and its scripts; no ``<html>``, ``<head>`` or ``<body>``. It keeps to
itself so that several maps (even two copies of one plan) share a page:

- element ids and script variables carry a prefix derived from the plan id
  and a key (:func:`prefix`), and the map script runs inside a function, so
  nothing it declares is global;
- the map script finds its own container (``document.currentScript``, the script
  its packed program runs as: :mod:`.packing`), so a fragment pasted twice still
  draws twice;
- Leaflet is defined only when the page has none yet (``window.L``), and the
  atlas script is a private copy per fragment;
- every CSS rule, Leaflet's included, is scoped to the fragment's container, and the
  host page's element rules are reverted inside it (``all: revert``; a host rule with
  ``!important`` still reaches in: that would take a Shadow DOM);
- its view is its own: it reads only the URL values named by its key
  (``#<key>:district=330382``), never writes the host page's hash, and shows its
  state as ``data-atlas-*`` attributes of its container.
"""

from __future__ import annotations

import hashlib
import re
from html import escape

from ..show.basemaps import NONE, Basemap, resolve
from ..vocabulary import BOTH, Lang
from . import assets
from .packing import packed_script
from .page import build_page

_NOT_IDENT = re.compile(r"[^A-Za-z0-9]+")
# HTML elements a host page's stylesheet may style (label{display:block}, input{width:100%}):
# inside a fragment they start from the browser's defaults (``all: revert``), below every
# rule of the fragment's own CSS (``:where`` adds no specificity). SVG is left alone: its
# presentation attributes (Leaflet's strokes and fills) would be reverted too, and so are
# images and tables (width, height); ``hidden`` is a presentation hint: restored below.
# On screen only: a printed host (the report) lays its fragments out for paper itself.
_RESET = ("div, span, p, a, ul, ol, li, dl, dt, dd, h1, h2, h3, h4, h5, h6, label, input, "
          "select, option, optgroup, button, textarea, fieldset, legend, details, summary, "
          "section, aside, nav, header, footer, figure, figcaption, strong, em, b, i, small, "
          "code, abbr, output, form")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def prefix(plan_id: str, key: str) -> str:
    """Prefix of a fragment's ids and variables: the plan id and a digest of plan id and key.

    Deterministic (no counter, nothing random) and a valid part of a
    JavaScript identifier and an HTML id.
    """
    digest = hashlib.sha256(f"{plan_id}\0{key}".encode()).hexdigest()[:8]
    return f"{_NOT_IDENT.sub('_', plan_id).strip('_')}_{digest}_"


def render_fragment(atlas, lang: Lang = BOTH, basemap: Basemap | None = None,
                    key: str | None = None, height: str = "600px", **view) -> str:
    """The map of ``atlas`` as a self-contained HTML fragment.

    Parameters
    ----------
    atlas : Atlas
    lang, basemap
        As for :func:`geo.render.page.build_page` (a resolved basemap, default none).
    **view
        ``industry``, ``district``, ``layers``: the view it opens on, and ``charts``,
        as for :func:`geo.render.page.build_page`.
    key : str, optional
        Tells apart maps of one plan on one page; default ``"<lang>-<basemap>"`` (the
        basemap's canonical name).
    height : str
        CSS height of the map.

    Returns
    -------
    str
    """
    if not re.fullmatch(r"\d+(\.\d+)?(px|em|rem|vh|%)", height):
        from ..errors import AtlasError

        raise AtlasError(f"height must be a CSS length such as 600px or 70vh, not {height!r}")
    basemap = basemap if basemap is not None else resolve(NONE)
    key = key if key is not None else f"{lang.code}-{basemap.name}"
    names = prefix(atlas.plan.id, key)
    page = build_page(atlas, lang=lang, basemap=basemap, prefix=names, **view)
    sections = page.sections()
    container = f"industry-atlas-{names.rstrip('_')}"
    map_name = page.map.get_name()
    script = sections["script"]
    own_div = 'container.querySelector(".folium-map"),'
    if script.count(f'"{map_name}",') != 1:
        raise RuntimeError("unexpected map script: cannot scope the fragment")
    script = script.replace(f'"{map_name}",', own_div, 1)
    style = (f"@media screen {{ #{container}, #{container} :where({_RESET}) "
             f"{{ all: revert; }} }}\n"
             f"#{container} [hidden] {{ display: none; }}\n"
             f"#{container} {{ position: relative; width: 100%; height: {height}; }}\n"
             f"#{container} .leaflet-container {{ font-size: 1rem; }}\n"
             + scope_css(assets.leaflet_css() + assets.atlas_css(), f"#{container}"))
    return "".join([
        f'<div class="industry-atlas" id="{container}" data-atlas-key="{escape(key)}">\n',
        f"<style>{style}</style>\n",
        sections["html"].strip(), "\n",
        packed_script("".join([
            _leaflet_once(), "\n",
            "(function () {\n",
            "var here = document.currentScript;\n",
            "var container = (here && here.closest && here.closest(\".industry-atlas\"))\n",
            f"    || document.getElementById(\"{container}\");\n",
            "var industryAtlas = (function (window) {\n", assets.atlas_js(),
            "\nreturn window.industryAtlas;\n})({});\n",
            script.strip(), "\n",
            f"container.industryAtlasMap = {map_name};\n",
            "})();"]), page.fail), "\n</div>\n",
    ])


def _leaflet_once() -> str:
    """Leaflet, run only when the page has no Leaflet yet, always as the global ``L``.

    ``define``, ``exports`` and ``module`` are hidden so that a page with an
    AMD or CommonJS loader still gets ``window.L``.
    """
    return ("if (!(window.L && window.L.version)) {\n"
            "(function (define, exports, module) {\n"
            + assets.leaflet_js() +
            "\n}).call(window);\n}")


def scope_css(css: str, scope: str) -> str:
    """Prefix every selector of ``css`` with ``scope`` (``html``/``body`` become the scope).

    Handles plain rules and nested at-rules such as ``@media``; comments are dropped.
    """
    css = _COMMENT.sub("", css)
    out, i = [], 0
    while True:
        start = css.find("{", i)
        if start < 0:
            break
        head = css[i:start].strip()
        end = _block_end(css, start)
        body = css[start + 1:end]
        if head.startswith("@"):
            inner = scope_css(body, scope) if "{" in body else body
            out.append(f"{head} {{\n{inner}}}\n")
        else:
            out.append(f"{_scope_selectors(head, scope)} {{{body}}}\n")
        i = end + 1
    return "".join(out)


def _block_end(css: str, start: int) -> int:
    depth = 0
    for j in range(start, len(css)):
        if css[j] == "{":
            depth += 1
        elif css[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    raise ValueError("unbalanced braces in CSS")


def _scope_selectors(head: str, scope: str) -> str:
    scoped = []
    for selector in head.split(","):
        selector = " ".join(selector.split())
        if re.fullmatch(r"(html|body|:root)", selector):
            scoped.append(scope)
        else:
            scoped.append(f"{scope} {selector}")
    return ", ".join(scoped)
