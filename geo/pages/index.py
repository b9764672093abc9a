"""The index page: every shipped plan with a thumbnail, its level, its date and its links.

``out/index.html`` sits next to the maps (``<plan>.html``) and reports
(``<plan>-report.html``) that ``make map`` builds, and links to them by
relative URLs (``index.en.html`` links ``<plan>.en.html`` and so on).
Thumbnails are small PNG layout figures embedded as ``data:`` URIs, so the
page is one file. Plan text is escaped by an autoescaped Jinja2
environment.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from .. import vocabulary
from ..figures import data_uri, layout_figure
from ..output import output_name, output_path, write_text
from ..plan.model import Text
from ..vocabulary import BOTH, Lang
from .report import page_template

#: Resolution of the thumbnails (the layout figure is 10 x 7.2 inches: 360 x 259 px).
THUMBNAIL_DPI = 36

def _thumbnail(atlas, lang: Lang) -> str:
    return data_uri(layout_figure(atlas, lang), "png", THUMBNAIL_DPI)


def level_name(atlas, lang: Lang = BOTH) -> str:
    """The level of a plan's region: ``"市 / city"``, ``"country"``, ..."""
    return vocabulary.level_name(atlas.region.level, lang.code)


def _entry(atlas, lang: Lang) -> dict:
    plan, region = atlas.plan, atlas.region
    return {"id": plan.id, "title": lang.pick(plan.title), "date": plan.date,
            "level": level_name(atlas, lang),
            "region": lang.pick(Text(region.name_zh, region.name_en)),
            "map": quote(output_name(plan.id, "map", lang=lang)),
            "report": quote(output_name(plan.id, "report", lang=lang)),
            "thumbnail": _thumbnail(atlas, lang)}


def render_index(atlases, lang: Lang = BOTH) -> str:
    """The index page of some atlases as HTML.

    Parameters
    ----------
    atlases : iterable of Atlas
    lang : geo.vocabulary.Lang

    Returns
    -------
    str
    """
    words = lang.words("index")
    return page_template("index.html").render(
        html_lang="en" if lang.code == "en" else "zh-CN", title=words["heading"], t=words,
        plans=[_entry(a, lang) for a in atlases])


def build_index(atlases, out="out", lang: Lang = BOTH) -> Path:
    """Write ``out/index.html`` listing atlases with thumbnails, levels, dates and links.

    The index of a language variant (``index.en.html``) links the maps and
    reports of that variant (``<plan>.en.html``, ``<plan>-report.en.html``).

    Parameters
    ----------
    atlases : iterable of Atlas
        E.g. every shipped plan, loaded (and so validated) before anything is written.
    out : str or path
        The folder of the maps and reports; the index links to them relatively.
    lang : geo.vocabulary.Lang

    Returns
    -------
    pathlib.Path
        The index written (atomically).
    """
    return write_text(output_path(out, None, "index", lang=lang),
                      render_index(list(atlases), lang))
