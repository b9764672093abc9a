"""The index page: every shipped plan with a thumbnail, its level, its date and its links.

``out/index.html`` sits next to the maps (``<plan>.html``) and reports
(``<plan>-report.html``) that ``make map`` builds, and links to them by
relative URLs. Thumbnails are small PNG layout figures embedded as ``data:``
URIs, so the page is one file. Plan text is escaped by an autoescaped Jinja2
environment.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from .output import output_name
from .plan import Text
from .render.escape import html_template
from .report import PAGE_HEAD

#: Resolution of the thumbnails (the layout figure is 10 x 7.2 inches: 360 x 259 px).
THUMBNAIL_DPI = 36

_LEVELS = {"国": Text("国家", "country"), "省": Text("省", "province"),
           "市": Text("市", "city"), "区县": Text("区县", "county")}

_TEMPLATE = PAGE_HEAD + """<style>
body { margin: 0 auto; max-width: 1100px; padding: 16px; color: #222;
  font: 14px/1.5 "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif; }
.plans { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 16px;
  list-style: none; padding: 0; }
.plan { border: 1px solid #ccc; border-radius: 6px; padding: 10px; }
.plan img { display: block; width: 100%; height: auto; border: 1px solid #eee; }
.plan h2 { font-size: 15px; margin: 8px 0 4px; }
.meta { color: #555; font-size: 13px; margin: 0 0 6px; }
.links a { margin-right: 12px; }
</style>
</head>
<body>
<h1>{{ title }}</h1>
<ul class="plans">
{%- for p in plans %}
<li class="plan" id="plan-{{ p.id }}">
<a href="{{ p.map }}"><img src="{{ p.thumbnail }}" alt="{{ p.title }}"></a>
<h2>{{ p.title }}</h2>
<p class="meta"><span class="level">{{ p.level }}</span> · {{ p.region }} ·
 <time>{{ p.date }}</time> · <code>{{ p.id }}</code></p>
<p class="links"><a class="map" href="{{ p.map }}">{{ t.map }}</a>
<a class="report" href="{{ p.report }}">{{ t.report }}</a></p>
</li>
{%- endfor %}
</ul>
</body>
</html>
"""

_WORDS = {"heading": Text("产业规划地图集", "industry-atlas: plans"),
          "map": Text("地图", "Map"), "report": Text("报告", "Report")}


def _thumbnail(atlas, lang: str) -> str:
    from .figures import data_uri, layout_figure

    return data_uri(layout_figure(atlas, lang), "png", THUMBNAIL_DPI)


def level_name(atlas, lang: str = "both") -> str:
    """The level of a plan's region: ``"市 / city"``, ``"country"``, ..."""
    level = atlas.region.level
    return _LEVELS.get(level, Text(level, level)).pick(lang)


def _entry(atlas, lang: str) -> dict:
    plan, region = atlas.plan, atlas.region
    return {"id": plan.id, "title": plan.title.pick(lang), "date": plan.date,
            "level": level_name(atlas, lang),
            "region": Text(region.name_zh, region.name_en).pick(lang),
            "map": quote(output_name(plan.id, "map")),
            "report": quote(output_name(plan.id, "report")),
            "thumbnail": _thumbnail(atlas, lang)}


def render_index(atlases, lang: str = "both") -> str:
    """The index page of some atlases as HTML.

    Parameters
    ----------
    atlases : iterable of Atlas
    lang : {"zh", "en", "both"}

    Returns
    -------
    str
    """
    from .figures import check_lang

    check_lang(lang)
    words = {k: v.pick(lang) for k, v in _WORDS.items()}
    return html_template(_TEMPLATE).render(
        html_lang="en" if lang == "en" else "zh-CN", title=words["heading"], t=words,
        plans=[_entry(a, lang) for a in atlases])


def build_index(out="out", plans=None, lang: str = "both") -> Path:
    """Write ``out/index.html`` listing plans with thumbnails, levels, dates and links.

    Parameters
    ----------
    out : str or path
        The folder of the maps and reports; the index links to them relatively.
    plans : iterable of str, path or Atlas, optional
        Default every shipped plan (:func:`geo.plans`). All are loaded (and so
        validated) before anything is written.
    lang : {"zh", "en", "both"}

    Returns
    -------
    pathlib.Path
        The index written (atomically).
    """
    import geo

    from .compare import as_atlas
    from .output import write_text

    names = geo.plans() if plans is None else list(plans)
    atlases = [as_atlas(p) for p in names]
    return write_text(Path(out) / "index.html", render_index(atlases, lang))
