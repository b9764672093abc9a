"""Deprecated: the index page moved to :mod:`geo.pages.index` (this name goes in release 0.3)."""

import warnings

from .pages.index import build_index, level_name, render_index

warnings.warn("geo.index_page is now geo.pages.index; the old name goes in release 0.3",
              DeprecationWarning, stacklevel=2)

__all__ = ["build_index", "level_name", "render_index"]
