"""HTML pieces of the map, from autoescaped templates: every value is escaped."""

from __future__ import annotations

from .. import vocabulary
from .escape import html_template

_TEMPLATES = {
    "tooltip": """{% if lang == 'en' %}<b>{{ d.name_en }}</b>
{%- elif lang == 'zh' %}<b>{{ d.name_zh }}</b>
{%- else %}<b>{{ d.name_zh }}</b> {{ d.name_en }}{% endif %}
{%- if roles %}<br>{{ roles | join(' · ') }}{% endif %}""",
    "popup": """<div class="atlas-popup">
<h4>{% if lang == 'en' %}{{ d.name_en }}{% elif lang == 'zh' %}{{ d.name_zh }}
{%- else %}{{ d.name_zh }} · {{ d.name_en }}{% endif %} <small>{{ d.adcode }}</small></h4>
<p>{{ area }} km²</p>
{%- if roles %}<p><b>{{ t.roles }}</b>: {{ roles | join(', ') }}</p>{% endif %}
{%- if rows %}<p><b>{{ t.industries }}</b></p><ul>
{%- for r in rows %}<li>{{ r.industry }} <span class="via">({{ r.via }})</span>
<cite>{{ r.source }}{% if r.where %}, {{ r.where }}{% endif %}
{%- if r.basis != 'stated' %} [{{ r.basis }}]{% endif %}</cite></li>{% endfor %}</ul>
{%- else %}<p>{{ t.none }}</p>{% endif %}</div>""",
    "layer_label": """<span class="atlas-swatch" style="background:{{ color }}"></span>{{ label }}
{%- if not drawn %} <i>({{ t.not_located }})</i>{% endif %}""",
    "legend": """<details class="atlas-legend"{% if open %} open{% endif %}>
<summary>{{ t.legend }}</summary><b>{{ t.layout }}</b>
{%- for l in layout %}<div><span class="atlas-swatch" style="background:{{ l.color }}"></span>
{{- l.label }}{% if not l.adcodes %} <i>({{ t.not_located }})</i>{% endif %}</div>{% endfor %}
{%- for g in groups %}<b>{{ g.label }}</b>
{%- for l in g.layers %}<div><span class="atlas-swatch" style="background:{{ l.color }}"></span>
{{- l.label }}{% if not l.adcodes %} <i>({{ t.not_located }})</i>{% endif %}</div>{% endfor %}
{%- endfor %}
{%- if zones %}<b>{{ t.places }}</b>{% for z in zones %}<div>{{ z }}</div>{% endfor %}{% endif %}
</details>""",
    "info": """<details class="atlas-info"><summary><h3>{{ title }}</h3></summary>
<p><b>{{ t.sources }}</b>:</p><ul>{% for s in sources %}<li>{{ s.title }}
— {{ s.publisher }}, {{ s.date }}{% if s.file %} ({{ s.file }}){% endif %}</li>{% endfor %}</ul>
{%- if notes %}<p class="atlas-notes">{{ notes }}</p>{% endif %}
{%- for c in charts %}<img class="atlas-chart" style="display:block;width:100%"
 src="{{ c.src }}" alt="{{ c.alt }}">{% endfor %}</details>""",
    "note": """<div class="atlas-note"><b>{{ label }}</b>
{%- for n in notes %}<div>{{ n }}</div>{% endfor %}</div>""",
    # the diff map (geo.render.diffmap)
    "diff_popup": """<div class="atlas-popup"><h4>{{ heading }} <small>{{ place }}</small></h4>
{%- for r in rows %}<p><b>{{ r.label }}</b>:
<span class="atlas-{{ r.change }}">{{ t[r.change] }}</span>
{%- for side, cite in r.cites %}<cite>{{ side }}: {{ cite }}</cite>{% endfor %}</p>
{%- else %}<p>{{ t.no_change }}</p>{% endfor %}</div>""",
    "diff_legend": """<details class="atlas-legend" open><summary>{{ t.legend }}</summary>
{%- for s in styles %}<div><span class="atlas-swatch" style="background:{{ s.color }};
border:2px {{ s.border }} {{ s.color }}"></span>{{ t[s.change] }}</div>{% endfor %}
{%- if unchanged %}<b>{{ t.unchanged_layers }}</b><div>{{ unchanged | join(', ') }}</div>
{%- endif %}
{%- if notes %}<details><summary>{{ t.not_drawn }} ({{ notes | length }})</summary>
{%- for n in notes %}<div>{{ n }}</div>{% endfor %}</details>{% endif %}</details>""",
    "diff_info": """<details class="atlas-info" open><summary><h3>{{ title }}</h3></summary>
{%- for p in plans %}<p><b>{{ p.id }}</b>: {{ p.title }}</p><ul>{% for s in p.sources %}
<li>{{ s.title }} — {{ s.publisher }}, {{ s.date }}{% if s.file %} ({{ s.file }}){% endif %}</li>
{%- endfor %}</ul>{% endfor %}</details>""",
}

def words(lang: str) -> dict[str, str]:
    """The map's words in ``lang`` (see :mod:`geo.vocabulary`)."""
    return vocabulary.words("map", lang)


# folium and branca compile some rendered pieces (layer names) as Jinja templates again:
# braces as character references keep plan text such as "{{ ... }}" from being evaluated.
_BRACES = {ord("{"): "&#123;", ord("}"): "&#125;"}


def render(name: str, **values) -> str:
    """Render the named template with every value HTML-escaped (braces included).

    Tooltips and popups take ``lang``: names in Chinese, English or both (default).
    """
    values.setdefault("lang", "both")
    return html_template(_TEMPLATES[name]).render(**values).translate(_BRACES)
