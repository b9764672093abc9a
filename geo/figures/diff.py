"""The diff figure: small multiples of what changed between two plans of one region.

One panel per layout element and per industry that changed, its districts
filled and hatched by change (added, removed, unchanged) and outlined in the
element's or industry's own colour (:mod:`geo.show.colours`), as on the diff
map; a legend, the title ``"A → B"``, a scale bar and north arrow, and the
sources of both plans. Entries the plans do not locate are listed, never drawn.
Drawn with the public kit of :mod:`geo.figures.kit`, in the same style.
"""

from __future__ import annotations

import math
import textwrap

from ..show.diff_layers import change_styles, comparison
from ..vocabulary import Lang, word
from . import kit
from .kit import term, wrap


def diff_figure(a, b, lang: str = "both"):
    """Small multiples of the changes from atlas ``a`` to atlas ``b``.

    Parameters
    ----------
    a, b : Atlas
        The older and the newer plan, over one region.
    lang : {"zh", "en", "both"} or geo.vocabulary.Lang

    Returns
    -------
    matplotlib.figure.Figure
        Drawn with the Agg canvas; save it with :func:`geo.figures.save_figure`.

    Raises
    ------
    AtlasError
        If the plans cover different regions, for an unknown ``lang``, or when
        the CJK font is not installed.
    """
    lang = Lang.of(lang).code
    compared = comparison(a, b, lang)
    drawn = [s for s in compared.layers if s.entries]
    unlocated = [n for s in compared.layers if not s.entries for n in s.notes]
    note_lines = math.ceil(len(unlocated) / 2) + 1 if unlocated else 0
    bottom = 1.2 + 0.13 * note_lines
    with kit.style():
        frame = kit.frame(compared.b)
        fig, axes = kit.small_multiples(len(drawn), 1.6 + 0.13 * note_lines, bottom)
        width, height = fig.get_figwidth(), fig.get_figheight()
        for ax, spec in zip(axes, drawn, strict=True):
            _panel(ax, frame, spec)
        if axes:
            kit.draw_scale_bar(axes[0], frame, 7)
            kit.draw_north_arrow(axes[0], frame, lang, 7)
        _legend(fig, lang, (bottom - 0.35) / height)
        _unlocated(fig, unlocated, lang, width, (bottom - 0.5) / height)
        sources = {s.id: s for s in (*compared.a.plan.sources, *compared.b.plan.sources)}
        kit.title_and_sources(fig, compared.title, tuple(sources.values()), lang,
                              int(width * 15))
    return fig


def _style(change: str, edge: str = "") -> dict:
    """matplotlib style of the places with one change: fill, hatch and dash by the change,
    the outline in ``edge`` (the layer's colour, as on the diff map) or the change's."""
    s = change_styles()[change]
    dash = tuple(float(x) / 2 for x in s.dash.split()) if s.dash else None
    return {"facecolor": (*kit.rgb(s.color), s.fill_opacity), "edgecolor": edge or s.color,
            "hatch": s.hatch or None, "hatchcolor": s.color, "linewidth": 1.4,
            "linestyle": (0, dash) if dash else "solid"}


def _panel(ax, frame, spec) -> None:
    kit.draw_base(ax, frame)
    for change, places in _by_change(spec).items():
        shapes = [frame.shapes[p] for p in places if p in frame.shapes]
        kit.fill(ax, shapes, zorder=2, **_style(change, spec.color))
        for zone in (p for p in places if p in frame.zones):
            kit.draw_zone(ax, frame.zones[zone], change_styles()[change].color)
    kit.set_extent(ax, frame)
    ax.set_title(f"{wrap(spec.label, 26)}\n{spec.count_text()}", fontsize=9,
                 color="#222222")
    if spec.notes:
        notes = "\n".join(wrap(n, 52) for n in spec.notes)
        ax.text(0.5, -0.02, notes, transform=ax.transAxes, ha="center", va="top",
                fontsize=5.5, color="#555555")


def _by_change(spec) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for entry in spec.entries:
        found.setdefault(entry.change, []).append(entry.place_id)
    return found


def _legend(fig, lang: str, bottom: float) -> None:
    from matplotlib.patches import Patch

    entries = [(Patch(facecolor=kit.BASE_FILL, edgecolor=kit.BASE_EDGE),
                term("districts", lang))]
    entries += [(Patch(**_style(c)), word(c, lang)) for c in change_styles()]
    handles, labels = zip(*entries, strict=True)
    fig.legend(handles, labels, loc="lower center", ncols=len(entries), fontsize=8,
               frameon=False, bbox_to_anchor=(0.5, bottom), handlelength=3, handleheight=1.5)


def _unlocated(fig, notes: list[str], lang: str, width: float, top: float) -> None:
    """The entries neither plan locates, in two columns under the legend."""
    if not notes:
        return
    chars = int(width * 7)
    half = math.ceil(len(notes) / 2)
    fig.text(0.02, top, term("unlocated", lang), fontsize=7, va="top", color="#222222")
    for x, column in ((0.02, notes[:half]), (0.51, notes[half:])):
        text = "\n".join(textwrap.shorten(f"· {n}", chars, placeholder=" …") for n in column)
        fig.text(x, top - 0.14 / fig.get_figheight(), text, fontsize=6, va="top",
                 color="#333333", linespacing=1.25)
