"""The figures of one plan: the layout map and the industry small multiples.

They use the colours and labels of :func:`geo.show.layer_specs.build_layers`, so
a figure matches the HTML map. Maps are drawn in a local equal-area projection
centred on the region (north is up along the central meridian); places the
plan does not locate are listed as "not located", never drawn.
"""

from __future__ import annotations

from ..plan.model import Text
from ..show import colours
from ..vocabulary import check_lang
from . import kit
from .kit import term, wrap

_LAYOUT_ALPHA = colours.FILL_OPACITY["layout"]  # the fill opacities of the HTML map
_INDUSTRY_ALPHA = colours.FILL_OPACITY["industry"]
_MAX_LABELLED = 40  # above this many units only districts in a layout element are labelled


def _draw_spec(ax, frame: kit.Frame, spec, alpha: float) -> None:
    """Draw one layer spec: its districts filled, a corridor's outline, its located zones."""
    import shapely

    shapes = [frame.shapes[a] for a in spec.adcodes]
    kit.fill(ax, shapes, facecolor=spec.color, edgecolor=spec.color, alpha=alpha,
             linewidth=0.8, zorder=2)
    if spec.outline and shapes:
        kit.fill(ax, [shapely.union_all(shapes)], facecolor="none", edgecolor=spec.color,
                 linewidth=2.2, linestyle=(0, (5, 3)), zorder=3)
    for zone in spec.zones:
        kit.draw_zone(ax, frame.zones[zone], spec.color)


def _district_label(row, lang: str) -> str:
    if lang == "both":
        return f"{row.name_zh}\n{row.name_en}"
    return Text(row.name_zh, row.name_en).pick(lang)


def _draw_labels(ax, atlas, frame: kit.Frame, lang: str, size: float) -> None:
    districts = atlas.districts
    if len(districts) > _MAX_LABELLED:
        districts = districts[districts["elements"].map(len) > 0]
    for row in districts.itertuples():
        point = frame.shapes[row.adcode].representative_point()
        ax.text(point.x, point.y, _district_label(row, lang), fontsize=size, ha="center",
                va="center", color="#222222", zorder=5, linespacing=1.0,
                bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "alpha": 0.6,
                      "linewidth": 0})


def source_line(plan, lang: str = "both") -> str:
    """The figure's source line: every source's title, publisher and date, and the boundaries."""
    return kit.sources_text(plan.sources, lang)


# --- the layout figure ---------------------------------------------------------------------


def _layout_handle(spec, lang: str):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if spec.adcodes:
        style = {"linestyle": "--", "linewidth": 2} if spec.outline else {"linewidth": 1}
        fill = (*kit.rgb(spec.color), _LAYOUT_ALPHA)
        return Patch(facecolor=fill, edgecolor=spec.color, **style), spec.label
    if spec.zones:
        return Line2D([], [], marker="o", color=spec.color, linestyle=""), spec.label
    label = f"{spec.label} ({term('not_located', lang)})"
    return Patch(facecolor="none", edgecolor=spec.color, linestyle=":"), label


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
    entries = [(Patch(facecolor=kit.BASE_FILL, edgecolor=kit.BASE_EDGE),
                term("districts", lang))]
    entries += [_layout_handle(s, lang) for s in specs if s.kind == "layout"]
    handles, labels = zip(*entries, strict=True)
    legend = ax.legend(handles, [wrap(t, 34) for t in labels], loc="upper left",
                       fontsize=8, frameon=False, borderaxespad=0)
    elements, places = unlocated_notes(atlas, specs, lang)
    lines = []
    if elements:
        lines += [term("not_drawn", lang)] + [wrap(f"· {n}", 40) for n in elements]
    if places:
        lines += [term("places", lang)] + [wrap(f"· {p}", 40) for p in places]
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
        Drawn with the Agg canvas; save it with :func:`geo.figures.save_figure`.

    Raises
    ------
    AtlasError
        For an unknown ``lang``, or when the CJK font is not installed.
    """
    check_lang(lang)
    specs = atlas.layers(lang)
    with kit.style():
        frame = kit.frame(atlas)
        fig = kit.new_figure(10, 7.2)
        ax = fig.add_axes((0.01, 0.07, 0.63, 0.85))
        kit.draw_base(ax, frame)
        for spec in specs:
            if spec.kind == "layout":
                _draw_spec(ax, frame, spec, _LAYOUT_ALPHA)
        _draw_labels(ax, atlas, frame, lang, 7 if lang == "both" else 8)
        kit.furnish(ax, frame, lang, 8)
        _side_panel(fig, fig.add_axes((0.66, 0.07, 0.33, 0.85)), atlas, specs, lang)
        kit.title_and_sources(fig, atlas.plan.title.pick(lang), atlas.plan.sources, lang, 150)
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
    notes = "\n".join(wrap(n, 30) for n in spec.notes)
    return f"{term('not_located', lang)}\n{notes}".strip()


def _industry_panel(ax, frame: kit.Frame, spec, lang: str) -> None:
    kit.draw_base(ax, frame)
    _draw_spec(ax, frame, spec, _INDUSTRY_ALPHA)
    kit.set_extent(ax, frame)
    ax.set_title(wrap(spec.label, 24), fontsize=9, color="#222222")
    if not spec.adcodes and not spec.zones:
        ax.text(0.5, 0.5, _unlocated_panel_text(spec, lang), transform=ax.transAxes,
                ha="center", va="center", fontsize=7, zorder=8,
                bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": spec.color})
    elif spec.notes:
        notes = "\n".join(wrap(f"{term('not_drawn', lang)}: {n}", 48) for n in spec.notes)
        ax.text(0.5, -0.02, notes, transform=ax.transAxes, ha="center", va="top",
                fontsize=5.5, color="#555555")


def _industry_legend(fig, frame: kit.Frame, lang: str, bottom: float) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    entries = [(Patch(facecolor=kit.BASE_FILL, edgecolor=kit.BASE_EDGE),
                term("districts", lang)),
               (Patch(facecolor="#888888", edgecolor="#555555", alpha=_INDUSTRY_ALPHA),
                term("host", lang))]
    if frame.zones:
        entries.append((Line2D([], [], marker="o", color="#555555", linestyle=""),
                        term("zone", lang)))
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
    with kit.style():
        frame = kit.frame(atlas)
        fig, axes = kit.small_multiples(len(chosen), 1.5, 1.1)
        height = fig.get_figheight()
        for ax, spec in zip(axes, chosen, strict=True):
            _industry_panel(ax, frame, spec, lang)
        if axes:
            kit.draw_scale_bar(axes[0], frame, 7)
            kit.draw_north_arrow(axes[0], frame, lang, 7)
        _industry_legend(fig, frame, lang, 0.45 / height)
        kit.title_and_sources(fig, atlas.plan.title.pick(lang), atlas.plan.sources, lang,
                              int(fig.get_figwidth() * 15))
    return fig
