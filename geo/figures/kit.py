"""The drawing kit of every static figure: style, frame, fills, map furniture, encoding.

Public so that each figure module (and a user's own figure) draws with the
same look:

- style: the CJK font (:data:`FONT_FILE`), :func:`style` (a matplotlib rc
  context), :func:`new_figure` (an Agg canvas, no pyplot);
- the frame of an atlas projected once (:func:`frame`), polygons filled
  (:func:`fill`), the base districts (:func:`draw_base`), located zones
  (:func:`draw_zone`), the extent (:func:`set_extent`);
- map furniture: scale bar (:func:`draw_scale_bar`), north arrow
  (:func:`draw_north_arrow`), title and source line (:func:`title_and_sources`),
  a small-multiples grid (:func:`small_multiples`);
- encoding: :func:`figure_bytes`, :func:`data_uri`, :func:`save_figure`.
"""

from __future__ import annotations

import contextlib
import math
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import vocabulary
from ..errors import AtlasError, OutputError
from ..show import colours
from ..show.geometry import distance_label, local_crs, north_vector, scale_bar_length, simplified

#: The CJK font every figure is drawn in (Debian's fonts-wqy-microhei).
FONT_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

#: Formats :func:`save_figure` writes.
FORMATS = ("png", "svg", "pdf")

#: Fill and edge of the districts under every figure.
BASE_FILL, BASE_EDGE = colours.BASE_FILL, "#444444"

#: Metadata that would change between runs, removed so the same input gives the same bytes.
_METADATA = {"png": {}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}


def term(key: str, lang: str) -> str:
    """A word of the figures' vocabulary (see :mod:`geo.vocabulary`)."""
    return vocabulary.word(key, lang, "figure")


# --- font and matplotlib -------------------------------------------------------------------


@cache
def _font_family() -> str:
    """Register the CJK font file with matplotlib; return its family name."""
    if not FONT_FILE.is_file():
        raise AtlasError(f"CJK font {FONT_FILE} is missing: run `make fonts` (or `make map`) "
                         "to install fonts-wqy-microhei")
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(FONT_FILE))
    return font_manager.FontProperties(fname=str(FONT_FILE)).get_name()


def _rc() -> dict:
    """matplotlib settings of every figure: the CJK font, stable SVG ids, paths for text."""
    return {"font.family": [_font_family(), "DejaVu Sans"], "svg.hashsalt": "industry-atlas",
            "svg.fonttype": "path", "pdf.fonttype": 42, "axes.unicode_minus": False,
            "text.parse_math": False}  # plan text is text: "$" is a dollar, not TeX


@contextlib.contextmanager
def style(**overrides):
    """The matplotlib settings of every figure, with ``overrides``, as a context."""
    import matplotlib

    with matplotlib.rc_context({**_rc(), **overrides}):
        yield


def new_figure(width: float, height: float):
    """A matplotlib Figure of ``width`` x ``height`` inches on its own Agg canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def small_multiples(count: int, extra_height: float, bottom: float):
    """A figure with a grid of ``count`` map panels, up to four a row.

    Parameters
    ----------
    count : int
    extra_height : float
        Inches above and below the panels (title, legend, notes).
    bottom : float
        Inches kept free under the panels.

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : list of matplotlib.axes.Axes
    """
    ncols = min(4, count) or 1
    nrows = max(1, math.ceil(count / ncols))
    width, height = 2.6 * ncols + 0.4, 3.0 * nrows + extra_height
    fig = new_figure(width, height)
    grid = fig.add_gridspec(nrows, ncols, left=0.02, right=0.98, top=1 - 0.75 / height,
                            bottom=bottom / height, wspace=0.05, hspace=0.45)
    return fig, [fig.add_subplot(grid[i // ncols, i % ncols]) for i in range(count)]


def wrap(text: str, width: int) -> str:
    """``text`` wrapped to ``width`` characters (long words broken)."""
    return textwrap.fill(text, width, break_long_words=True)


def rgb(color: str):
    """A colour as an RGB triple of floats."""
    from matplotlib.colors import to_rgb

    return to_rgb(color)


# --- geometry for drawing ------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """An atlas projected once for drawing.

    Attributes
    ----------
    crs : str
        The local equal-area projection (:func:`geo.show.geometry.local_crs`).
    shapes : dict
        adcode -> projected geometry (simplified, polygons oriented).
    zones : dict
        zone id -> projected geometry, for zones the plan locates.
    bounds : tuple of float
    land : shapely geometry
        Union of the districts, to keep furniture off the map.
    """

    crs: str
    shapes: dict
    zones: dict
    bounds: tuple[float, float, float, float]
    land: object


def frame(atlas) -> Frame:
    """Project the districts and located zones of ``atlas`` for drawing."""
    import geopandas as gpd
    import shapely

    geometries = simplified(atlas.districts.geometry.to_numpy())
    crs = local_crs(shapely.total_bounds(geometries))
    projected = gpd.GeoSeries(geometries, crs=atlas.districts.crs).to_crs(crs).to_numpy()
    projected = shapely.orient_polygons(projected)
    located = [z for z in atlas.plan.zones if z.geometry is not None]
    zones = gpd.GeoSeries([z.geometry for z in located], crs="EPSG:4326").to_crs(crs)
    return Frame(crs, dict(zip(atlas.districts["adcode"], projected, strict=True)),
                 dict(zip([z.id for z in located], zones, strict=True)),
                 tuple(shapely.total_bounds(projected)), shapely.union_all(projected))


def _path(geometry):
    """A matplotlib Path of a (multi)polygon, holes included."""
    import shapely
    from matplotlib.path import Path as MplPath

    rings = []
    for polygon in shapely.get_parts(geometry):
        for ring in (polygon.exterior, *polygon.interiors):
            rings.append(MplPath(shapely.get_coordinates(ring), closed=True))
    return MplPath.make_compound_path(*rings)


def fill(ax, geometries, **style) -> None:
    """Fill (multi)polygons on ``ax`` as one collection with matplotlib ``style``."""
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import PathPatch

    patches = [PathPatch(_path(g)) for g in geometries if not g.is_empty]
    if patches:
        ax.add_collection(PatchCollection(patches, **style))


def draw_base(ax, frame: Frame) -> None:
    """Every district of the frame in the base colours."""
    fill(ax, frame.shapes.values(), facecolor=BASE_FILL, edgecolor=BASE_EDGE,
         linewidth=0.4, zorder=1)


def draw_zone(ax, geometry, color: str) -> None:
    """A located zone: a dot for a point, a filled area for a polygon."""
    if geometry.geom_type == "Point":
        ax.plot([geometry.x], [geometry.y], marker="o", markersize=7, color=color,
                markeredgecolor="white", zorder=4)
    else:
        fill(ax, [geometry], facecolor=color, edgecolor=color, alpha=0.8, zorder=4)


# --- map furniture: extent, scale bar, north arrow, title, sources ---------------------------


def set_extent(ax, frame: Frame) -> None:
    """Fit ``ax`` to the frame with a small margin, equal aspect, no axes."""
    minx, miny, maxx, maxy = frame.bounds
    pad = 0.04 * max(maxx - minx, maxy - miny)
    ax.set_xlim(minx - pad, maxx + pad)
    ax.set_ylim(miny - pad, maxy + pad)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()


def _emptiest(ax, frame: Frame, boxes):
    """The box (in axes fractions) that covers the least of the map."""
    import shapely

    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()

    def covered(box):
        left, bottom, right, top = box
        area = shapely.box(x0 + left * (x1 - x0), y0 + bottom * (y1 - y0),
                           x0 + right * (x1 - x0), y0 + top * (y1 - y0))
        return shapely.intersection(area, frame.land).area

    return min(boxes, key=covered)


def draw_scale_bar(ax, frame: Frame, size: float) -> None:
    """A scale bar measured on the ellipsoid, in the emptier bottom corner."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    span, y = 0.3 * (x1 - x0), y0 + 0.05 * (y1 - y0)
    left = _emptiest(ax, frame, [(0.03, 0.02, 0.36, 0.12), (0.64, 0.02, 0.97, 0.12)])[0] < 0.5
    start = x0 + 0.05 * (x1 - x0) if left else x1 - 0.05 * (x1 - x0) - span
    metres, length = scale_bar_length(frame.crs, start, y, span)
    x = start if left else start + span - length
    ax.plot([x, x + length], [y, y], color="black", linewidth=3, solid_capstyle="butt",
            zorder=6)
    ax.plot([x, x + length / 2], [y, y], color="white", linewidth=1.2, solid_capstyle="butt",
            zorder=7)
    ax.text(x + length / 2, y + 0.015 * (y1 - y0), distance_label(metres), ha="center",
            va="bottom", fontsize=size, zorder=7)


def draw_north_arrow(ax, frame: Frame, lang: str, size: float) -> None:
    """An arrow to true north, in the emptier top corner."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    box = _emptiest(ax, frame, [(0.88, 0.78, 0.99, 0.99), (0.01, 0.78, 0.12, 0.99)])
    x, y = x0 + (box[0] + box[2]) / 2 * (x1 - x0), y1 - 0.17 * (y1 - y0)
    dx, dy = north_vector(frame.crs, x, y)
    length = 0.1 * (y1 - y0)
    tip = (x + dx * length, y + dy * length)
    ax.annotate("", xy=tip, xytext=(x, y), zorder=7,
                arrowprops={"arrowstyle": "-|>,head_width=0.35,head_length=0.7",
                            "color": "black", "linewidth": 1.5})
    ax.text(tip[0], tip[1] + 0.01 * (y1 - y0), term("north", lang), ha="center", va="bottom",
            fontsize=size, zorder=7)


def furnish(ax, frame: Frame, lang: str, size: float) -> None:
    """Extent, scale bar and north arrow of a map panel."""
    set_extent(ax, frame)
    draw_scale_bar(ax, frame, size)
    draw_north_arrow(ax, frame, lang, size)


def sources_text(sources, lang: str = "both") -> str:
    """A source line: every source's title, publisher and date, and the boundaries."""
    listed = "; ".join(f"{s.title.pick(lang)} — {s.publisher}, {s.date}" for s in sources)
    return f"{term('sources', lang)}: {listed}. {term('boundaries', lang)}."


def title_and_sources(fig, title: str, sources, lang: str, width_chars: int) -> None:
    """The figure's title on top and its source line (:func:`sources_text`) at the foot."""
    fig.suptitle(title, fontsize=13, y=0.985)
    fig.text(0.01, 0.008, textwrap.fill(sources_text(sources, lang), width_chars), fontsize=7,
             ha="left", va="bottom", color="#333333")


# --- encoding ------------------------------------------------------------------------------


def check_format(fmt: str) -> str:
    """Return the figure format, lower-cased, if :func:`save_figure` writes it.

    Raises
    ------
    OutputError
        For any other format.
    """
    name = str(fmt).lower().lstrip(".")
    if name not in FORMATS:
        raise OutputError(f"unknown figure format {fmt!r}; expected png, svg or pdf")
    return name


def figure_bytes(fig, fmt: str = "png", dpi: float = 150, svg_text: bool = False) -> bytes:
    """The figure encoded as PNG, SVG or PDF; the same figure gives the same bytes.

    ``svg_text=True`` keeps SVG text as text (a fraction of the size; the
    viewer's fonts draw it) instead of glyph outlines.

    Raises
    ------
    OutputError
        For an unknown format.
    """
    import io

    fmt = check_format(fmt)
    buffer = io.BytesIO()
    with style(**({"svg.fonttype": "none"} if svg_text else {})):
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
    return buffer.getvalue()


def data_uri(fig, fmt: str = "png", dpi: float = 150, svg_text: bool = False) -> str:
    """The figure as a base64 ``data:`` URI for ``<img src>`` (see :func:`figure_bytes`)."""
    import base64

    data = base64.b64encode(figure_bytes(fig, fmt, dpi, svg_text)).decode("ascii")
    mime = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}[fmt]
    return f"data:{mime};base64,{data}"


def save_figure(fig, path, fmt: str | None = None, dpi: float = 150) -> Path:
    """Write a figure to ``path`` atomically (temp file, then rename); return the path.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path : str or path
    fmt : {"png", "svg", "pdf"}, optional
        Default: the suffix of ``path``.
    dpi : float
        Resolution of PNG output.

    Raises
    ------
    OutputError
        For an unknown format or an unwritable path; nothing is written.
    """
    from ..output import write_bytes

    path = Path(path)
    return write_bytes(path, figure_bytes(fig, fmt or path.suffix[1:], dpi))
