"""Static figures with matplotlib: plan figures, the diff figure, indicator charts.

- :mod:`.kit`: the public drawing kit (style and CJK font, frame, fills,
  scale bar, north arrow, title and sources, small-multiples grid, encoding);
- :mod:`.plan_figures`: the layout map and the industry small multiples;
- :mod:`.diff`: the diff figure of two plans;
- :mod:`.indicators`: one metric across plans by year, and the small charts
  the map and report embed.

matplotlib is imported only when a figure is made; figures are drawn with the
Agg canvas (no pyplot, no global backend switch) in the WenQuanYi Micro Hei
font (Debian's ``fonts-wqy-microhei``, installed by ``make fonts``), so
Chinese labels render the same on every machine.
"""

from ..show.geometry import distance_label, local_crs, scale_bar_length
from ..vocabulary import LANGS
from .diff import diff_figure
from .indicators import indicator_charts, indicator_figure, indicator_series, shared_metrics
from .kit import FONT_FILE, FORMATS, check_format, data_uri, figure_bytes, save_figure
from .plan_figures import industry_figure, layout_figure, source_line, unlocated_notes

__all__ = [
    "FONT_FILE", "FORMATS", "LANGS", "check_format", "data_uri", "diff_figure",
    "distance_label", "figure_bytes", "indicator_charts", "indicator_figure",
    "indicator_series", "industry_figure", "layout_figure", "local_crs", "save_figure",
    "scale_bar_length", "shared_metrics", "source_line", "unlocated_notes",
]
