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
  host page's rules cannot reach in, on screen and on paper (:func:`fragment_style`);
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
_RESET = ("div, span, p, a, ul, ol, li, dl, dt, dd, h1, h2, h3, h4, h5, h6, label, input, "
          "select, option, optgroup, button, textarea, fieldset, legend, details, summary, "
          "section, aside, nav, header, footer, figure, figcaption, strong, em, b, i, small, "
          "code, abbr, output, form, cite")
# Where a host rule marked !important is reverted too: the page's frame, the panel and a
# card's text, every element the atlas draws and Leaflet never styles inline (its panes,
# markers and popups it moves by inline style, which an !important revert would undo).
# Swatches keep their inline colours, the panel's SVG chart its presentation attributes.
_GUARDED = (".atlas-app, .atlas-layout, .atlas-main, .atlas-panel, "
            ".atlas-panel :not(.atlas-swatch, svg, svg *), "
            ".leaflet-popup-content :not(.atlas-swatch), .atlas-label, .atlas-link-note, "
            ".leaflet-top, .leaflet-bottom, .leaflet-control, .leaflet-control :not(svg, svg *)")
# Leaflet's controls (zoom buttons, scale bar, attribution) are guarded like the panel: their
# Leaflet rules restated !important in the fragment's own layer, over a base of their own for
# what they would inherit from the host-styled map box. Sizes in px: a host's html font-size
# changes rem. (The scale bar's width, which Leaflet sets inline, atlas.js makes !important.)
_CONTROL_RULES = re.compile(r"\.leaflet-(control|bar|top|bottom|left|right)\b")
_CONTROL_BASE = ('.leaflet-control { font-family: "Helvetica Neue", Arial, Helvetica, '
                 "sans-serif; font-size: 12px; line-height: 1.5; color: #1f1f1f; }\n"
                 ".leaflet-control a { color: #0078a8; }\n")
#: The cascade layers of every fragment's CSS, in order (one set per page, shared by its
#: fragments: their rules are scoped by id). For ``!important`` declarations an earlier
#: layer wins, and any layer wins over a host's unlayered ``!important``: ``host`` is where
#: a host page puts its deliberate changes to a fragment (the report does), ``own`` the
#: fragment's CSS, ``reset`` the revert of everything else.
LAYERS = ("industry-atlas.host", "industry-atlas.own", "industry-atlas.reset")
_DECLARATION = re.compile(r"([^;{}]+?)\s*(?:!\s*important\s*)?(;|$)")
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
    style = fragment_style(f"#{container}", height)
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


def fragment_style(scope: str, height: str) -> str:
    """The CSS of the fragment whose container is ``scope`` (``#id``): its own rules, and
    a reset that keeps the host page's rules out, on screen and in print.

    - The host's plain element rules (``div{padding:40px}``, ``ul{list-style:square}``)
      are reverted to the browser's defaults by an id-scoped ``all: revert`` (it outranks
      any host rule without an id), below the fragment's own id-scoped rules.
    - A host rule marked ``!important`` outranks every normal rule, so in the panel and a
      card the reset and the fragment's own rules are ``!important`` too, in cascade
      :data:`LAYERS`, which outrank the host's unlayered ``!important``. Leaflet's panes,
      markers and popups are not reverted that way (Leaflet moves them by inline styles);
      Leaflet's CSS there keeps its own ``!important`` lines.
    """
    own = _important(scope_css(assets.atlas_css(), scope))
    return "".join([
        f"@layer {', '.join(LAYERS)};\n",
        f"{scope}, {scope} :where({_RESET}) {{ all: revert; }}\n",
        f"{scope} {{ position: relative; width: 100%; height: {height}; }}\n",
        f"{scope} .leaflet-container {{ font-size: 1rem; }}\n",
        scope_css(assets.leaflet_css(), scope),
        f"@layer {LAYERS[1]} {{\n",
        f"{scope} [hidden] {{ display: none !important; }}\n",
        # a card's text inherits from Leaflet's popup box (Leaflet's own values)
        f"{scope} .leaflet-popup-content {{ font-size: 13px !important; "
        "line-height: 1.3 !important; box-sizing: content-box !important; }\n",
        own, _important(scope_css(_CONTROL_BASE + _control_rules(assets.leaflet_css()), scope)),
        "}\n",
        f"@layer {LAYERS[2]} {{\n",
        f"{scope} :where({_GUARDED}) {{ all: revert !important; }}\n",
        f"{scope} :where(.atlas-swatch) {{ font: inherit !important; }}\n}}\n",
    ])


def _control_rules(css: str) -> str:
    """Leaflet's top-level rules for its controls and the map corners that hold them."""
    css, kept, i = _COMMENT.sub("", css), [], 0
    while (start := css.find("{", i)) >= 0:
        head, end = css[i:start].strip(), _block_end(css, start)
        if not head.startswith("@") and _CONTROL_RULES.search(head):
            kept.append(f"{head} {{{css[start + 1:end]}}}\n")
        i = end + 1
    return "".join(kept)


def _important(css: str) -> str:
    """``css`` (as :func:`scope_css` writes it) with every declaration ``!important``."""
    out, i = [], 0
    for match in re.finditer(r"\{([^{}]*)\}", css):
        out.append(css[i:match.start()])
        body = _DECLARATION.sub(
            lambda d: f"{d.group(1)} !important{d.group(2)}" if d.group(1).strip() else d.group(0),
            match.group(1))
        out.append("{" + body + "}")
        i = match.end()
    out.append(css[i:])
    return "".join(out)


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
