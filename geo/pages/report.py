"""The plan report: one printable, offline HTML page per plan, and its PDF.

In the spirit of the U.S. Cluster Mapping "region dashboard", the page holds
the interactive map (a scoped fragment, :mod:`geo.render.fragment`), the
layout figure, the district x industry matrix, a profile card per district,
the plan's indicators in human units with their charts, and the sources.

Every plan and boundary string goes through an autoescaped Jinja2
environment; only the map fragment (escaped when it was rendered) is placed
as it is. The page prints on A4: the map keeps its height and spans the page's
width on paper, refitted to the region (``report.css`` tells the fragment its
printed size), and figures, cards and table rows are not cut between pages (table
headers repeat). :func:`print_pdf` prints it with headless Chromium.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from importlib import resources
from pathlib import Path

import pandas as pd

from .. import vocabulary
from ..compare import indicators
from ..errors import AtlasError
from ..figures import data_uri, layout_figure
from ..output import atomic_path, make_folder, write_text
from ..plan.model import DIRECT, Text
from ..plan.units import human_value
from ..render.chart import chart_images
from ..render.escape import html_template
from ..render.fragment import render_fragment
from ..show.indicator_series import scope_name
from ..show.layer_specs import build_layers
from .reality import section as reality_section

#: The browser that prints reports (Debian's chromium).
CHROMIUM = "/usr/bin/chromium"
#: Milliseconds of virtual time Chromium gives the page (Leaflet drawing) before printing.
PRINT_BUDGET_MS = 5000
#: Above this many units, the matrix and the cards list only units the plan assigns something.
MAX_LISTED = 40
#: The map's height, on screen and on A4 paper (where it is 186 mm wide, inside 12 mm margins).
MAP_HEIGHT = "440px"

#: The templates of every page industry-atlas writes (report, index), in ``templates/``.
TEMPLATES = resources.files("geo.pages").joinpath("templates")


def page_template(name: str):
    """The page template ``name`` (``"report.html"``, ``"index.html"``), compiled once: the
    shared head up to ``<title>`` (``page_head.html``), then the page's own file."""
    head = TEMPLATES.joinpath("page_head.html").read_text("utf-8")
    return html_template(head + TEMPLATES.joinpath(name).read_text("utf-8"))


# --- the pieces of the page --------------------------------------------------------------


def _listed(atlas):
    """The units the matrix and cards list: all, or those with a role or industry."""
    districts = atlas.districts
    if len(districts) <= MAX_LISTED:
        return districts, []
    busy = (districts["elements"].map(len) > 0) | (districts["industries"].map(len) > 0)
    return districts[busy], list(districts.loc[~busy, "name_zh"])


def _unit_label(row, lang: str) -> str:
    return Text(row.name_zh, row.name_en).pick(lang)


def _lines(text: Text, lang: str) -> list[str]:
    """A bilingual text as the lines of a table heading: ``[zh, en]`` for ``"both"`` (one
    line when they are the same), else the one language: never "中文 / English" run
    together in a narrow column."""
    return list(dict.fromkeys((text.zh, text.en))) if lang == "both" else [text.pick(lang)]


def _industry_key(plan, lang: str) -> list[dict]:
    """The matrix's numbered columns: number, id, full name as lines, and as one string."""
    return [{"n": n, "id": i.id, "lines": _lines(i.name, lang), "label": i.name.pick(lang)}
            for n, i in enumerate(plan.industries, start=1)]


def _print_legend(atlas, lang: str) -> list[dict]:
    """The map's layout elements as a static legend (printed under the map, whose
    layer toggles do not print): name, colour, outline or fill, and a note when the
    element has no place drawn."""
    not_located = vocabulary.word("not_located", lang)
    return [{"label": layer.label, "color": layer.color,
             "shape": "outline" if layer.outline else "fill",
             "note": "" if layer.adcodes or layer.zones else not_located}
            for layer in build_layers(atlas, lang) if layer.kind == "layout"]


def _element_names(plan, lang: str) -> dict[str, str]:
    """Short names of the layout elements and of direct hosting, for matrix cells."""
    short = "en" if lang == "en" else "zh"
    names = {e.id: e.name.pick(short) for e in plan.layout}
    names[DIRECT] = vocabulary.word("direct", short)
    return names


def _facts(atlas) -> dict[str, dict[str, list[str]]]:
    """place key -> industry -> elements (layout element ids or ``"direct"``), from the
    hosting view. Districts and zones are keyed by adcode or zone id; unlocated elements
    by ``"@<element>"``.
    """
    facts: dict = {}
    for r in atlas.hosting.itertuples():
        key = r.place_id if r.place_kind in ("district", "zone") else f"@{r.element}"
        elements = facts.setdefault(key, {}).setdefault(r.industry, [])
        if r.element not in elements:
            elements.append(r.element)
    return facts


def _places(atlas, lang: str) -> tuple[list[dict], list[str]]:
    """Rows of the matrix: listed districts, then zones and unlocated elements with facts."""
    plan = atlas.plan
    listed, unlisted = _listed(atlas)
    places = [{"key": r.adcode, "kind": "district", "label": _unit_label(r, lang),
               "lines": _lines(Text(r.name_zh, r.name_en), lang)}
              for r in listed.itertuples()]
    facts = _facts(atlas)
    not_located = vocabulary.word("not_located", lang)
    places += [{"key": z.id, "kind": "zone", "label": z.name.pick(lang),
                "lines": _lines(z.name, lang)} for z in plan.zones if z.id in facts]
    places += [{"key": f"@{e.id}", "kind": "not located",
                "label": f"{e.name.pick(lang)} ({not_located})",
                "lines": [*_lines(e.name, lang), f"({not_located})"]}
               for e in plan.layout if f"@{e.id}" in facts]
    return places, unlisted


def _matrix(atlas, places: list[dict], lang: str) -> list[dict]:
    facts = _facts(atlas)
    names = _element_names(atlas.plan, lang)
    rows = []
    for place in places:
        hosted = facts.get(place["key"], {})
        cells = [{"industry": i.id, "elements": hosted.get(i.id, []),
                  "text": ", ".join(names[r] for r in hosted.get(i.id, []))}
                 for i in atlas.plan.industries]
        rows.append({**place, "cells": cells})
    return rows


def _cite(plan, source_id: str, where: str, basis: str, lang: str) -> dict:
    """A citation and the id of its source (the report links it to the source list)."""
    return {"source": source_id, "text": plan.cite(source_id, where, basis, lang)}


def _card_rows(atlas, rows, lang: str) -> list[dict]:
    """A card's industries grouped by the element they come through and their citation."""
    plan = atlas.plan
    elements = {e.id: e.name.pick(lang) for e in plan.layout}
    direct = vocabulary.word("direct", lang)
    out: dict = {}
    for r in rows.itertuples():
        cite = _cite(plan, r.source, r.where, r.basis, lang)
        key = (r.element, cite["source"], cite["text"])
        item = out.setdefault(key, {"via": elements.get(r.element, direct), "cite": cite,
                                    "industries": []})
        name = plan.industry(r.industry).name.pick(lang)
        if name not in item["industries"]:
            item["industries"].append(name)
    return list(out.values())


def _cards(atlas, places: list[dict], lang: str) -> list[dict]:
    plan = atlas.plan
    table = atlas.hosting
    by_adcode = atlas.districts.set_index("adcode")
    elements = {e.id: e for e in plan.layout}
    cards = []
    for place in places:
        key, card = place["key"], {"key": place["key"], "label": place["label"], "code": "",
                                   "area": "", "elements": [], "cites": []}
        if place["kind"] == "district":
            row = by_adcode.loc[key]
            card.update(code=key, area=f"{row['area_km2']:,.0f}",
                        elements=[elements[e].name.pick(lang) for e in row["elements"]])
            card["cites"] = [_cite(plan, elements[e].citation.source, elements[e].citation.where,
                                   elements[e].citation.basis, lang) for e in row["elements"]]
            rows = table[(table["place_kind"] == "district") & (table["place_id"] == key)]
        elif place["kind"] == "zone":
            zone = plan.zone(key)
            card.update(code=f"{zone.kind}; {zone.precision}")
            if zone.citation is not None:
                c = zone.citation
                card["cites"] = [_cite(plan, c.source, c.where, c.basis, lang)]
            rows = table[(table["place_kind"] == "zone") & (table["place_id"] == key)]
        else:
            element = elements[key[1:]]
            card.update(code=element.extent)
            rows = table[(table["place_kind"] == "not located") & (table["element"] == key[1:])]
        card["rows"] = _card_rows(atlas, rows, lang)
        cards.append(card)
    return cards


def _indicators(atlas, lang: str) -> list[dict]:
    plan = atlas.plan
    rows = []
    for r in indicators([atlas.plan]).itertuples():
        rows.append({"metric": r.metric, "name": Text(r.name_zh, r.name_en).pick(lang),
                     "scope": scope_name(r.scope, lang, atlas.plan),
                     "year": _year_text(r.year, r.per, lang),
                     "kind": vocabulary.word(r.kind, lang),
                     "value": human_value(r.value, r.unit, lang), "base": r.base,
                     "source": r.source,
                     "cite": _cite(plan, r.source, r.where, r.basis, lang)["text"]})
    return rows


def _roles(plan, lang: str) -> list[dict]:
    """What the plan says of its region as a whole: each role, the industries it concerns
    and where the plan says so."""
    return [{"name": r.name.pick(lang),
             "industries": [plan.industry(i).name.pick(lang) for i in r.industries],
             "cite": _cite(plan, r.citation.source, r.citation.where, r.citation.basis, lang)}
            for r in plan.roles]


def _year_text(year, per: str, lang: str) -> str:
    """``2027``; ``每年 / every year`` for a rate; ``未给出年份 / no year given``."""
    if not pd.isna(year):
        return str(int(year))
    return vocabulary.word("every_year" if per == "year" else "no_year", lang, "report")


def _region_view(atlas, lang: str) -> tuple[str, str]:
    region = atlas.region
    level = vocabulary.level_name(region.level, lang)
    return Text(region.name_zh, region.name_en).pick(lang), level


# --- the page ------------------------------------------------------------------------------


def render_report(atlas, lang: str = "both", reality=None, charts=()) -> str:
    """The report of ``atlas`` as one self-contained, printable HTML page.

    Parameters
    ----------
    atlas : Atlas
    lang : {"zh", "en", "both"}
        Language of the page, the map, the figures and the tables.
    reality : geo.firms.RealityResult, optional
        Adds the section "Plan vs reality" (:mod:`geo.pages.reality`).
    charts : iterable of geo.show.indicator_series.ChartData
        The plan's indicator charts (:meth:`geo.Atlas.charts`), drawn in the map's
        panel and in the indicators section; default none.

    Returns
    -------
    str

    Raises
    ------
    AtlasError
        For an unknown ``lang``, or when the CJK font of the figures is missing.
    """
    from markupsafe import Markup

    vocabulary.check_lang(lang)
    plan = atlas.plan
    if reality is not None and reality.summary.plan != plan.id:
        raise AtlasError(f"the reality result is of plan {reality.summary.plan!r}, "
                         f"not {plan.id!r}")
    places, unlisted = _places(atlas, lang)
    region, level = _region_view(atlas, lang)
    charts = tuple(charts)
    map_html = render_fragment(atlas, lang=lang, key="report", height=MAP_HEIGHT,
                               charts=charts)
    css = TEMPLATES.joinpath("report.css").read_text("utf-8")
    return page_template("report.html").render(
        html_lang="en" if lang == "en" else "zh-CN", css=Markup(css),
        t=vocabulary.words("report", lang),
        heads={key: _lines(vocabulary.text(key, "report"), lang)
               for key in ("district", "name", "scope", "year", "kind", "value", "source")},
        legend_title=vocabulary.word("legend", lang), legend=_print_legend(atlas, lang),
        title=plan.title.pick(lang), plan_id=plan.id, region=region, level=level,
        date=plan.date, notes=plan.notes, roles=_roles(plan, lang), map_html=Markup(map_html),
        layout_src=data_uri(layout_figure(atlas, lang), "png", 110),
        industries=_industry_key(plan, lang),
        matrix=_matrix(atlas, places, lang), unlisted=unlisted,
        cards=_cards(atlas, places, lang), charts=chart_images(charts),
        indicators=_indicators(atlas, lang),
        reality=reality_section(reality, lang) if reality is not None else None,
        sources=[{"id": s.id, "title": s.title.pick(lang), "publisher": s.publisher,
                  "date": s.date, "file": s.file, "url": _safe_url(s.url)}
                 for s in plan.sources])


def _safe_url(url: str) -> str:
    """A source URL as a link target only when it is http(s); else no link."""
    return url if url.lower().startswith(("https://", "http://")) else ""


def write_report(atlas, path, lang: str = "both", reality=None, charts=()) -> Path:
    """Write the report to ``path`` atomically: HTML, or PDF when ``path`` ends in ``.pdf``.

    Parameters
    ----------
    atlas : Atlas
    path : str or path
    lang : {"zh", "en", "both"}
    reality : geo.firms.RealityResult, optional
    charts : iterable of geo.show.indicator_series.ChartData
        As for :func:`render_report`.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    AtlasError
        When a PDF is asked for and Chromium is missing (checked before any work).
    OutputError
        When ``path`` cannot be written; nothing is left behind.
    """
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        return write_text(path, render_report(atlas, lang, reality, charts))
    chromium()
    html = render_report(atlas, lang, reality, charts)
    folder = make_folder(path)
    with tempfile.TemporaryDirectory(prefix=f".{path.name}.", dir=folder) as tmp:
        source = write_text(Path(tmp) / "report.html", html)
        return print_pdf(source, path)


# --- printing --------------------------------------------------------------------------------


def chromium() -> str:
    """The Chromium executable that prints reports.

    Raises
    ------
    AtlasError
        If Debian's chromium is not installed (one line, saying how to install it).
    """
    found = CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")
    if not found:
        raise AtlasError("chromium is missing, so the report cannot be printed to PDF: run "
                         "`make test` (or `apt-get install chromium`)")
    return found


def print_pdf(html_path, pdf_path, timeout: float = 120) -> Path:
    """Print an HTML file to PDF with headless Chromium, atomically.

    Chromium prints into a temporary file in the folder of ``pdf_path``, which
    then replaces ``pdf_path``; on failure nothing is left behind. The page
    gets :data:`PRINT_BUDGET_MS` of virtual time to draw its map first.

    Parameters
    ----------
    html_path, pdf_path : str or path
    timeout : float
        Seconds before Chromium is given up on.

    Returns
    -------
    pathlib.Path
        ``pdf_path``.

    Raises
    ------
    AtlasError
        If Chromium is missing or fails to print.
    OutputError
        If ``pdf_path`` cannot be written.
    """
    browser = chromium()
    with atomic_path(pdf_path) as tmp, \
            tempfile.TemporaryDirectory(prefix="industry-atlas-chromium-") as profile:
        _run_chromium(browser, Path(html_path).resolve().as_uri(), str(tmp), profile, timeout)
        if not tmp.read_bytes()[:5] == b"%PDF-":
            raise AtlasError(f"chromium did not print {html_path} to PDF")
    return Path(pdf_path)


def _run_chromium(browser: str, url: str, out: str, profile: str, timeout: float) -> None:
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-background-networking", "--no-first-run", "--no-pdf-header-footer",
               f"--user-data-dir={profile}", f"--virtual-time-budget={PRINT_BUDGET_MS}",
               f"--print-to-pdf={out}", url]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise AtlasError(f"chromium took longer than {timeout:g} s to print {url}") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise AtlasError(f"chromium failed to print {url}: {last}")
