"""Compact geometry for pages: quantised, delta-encoded integer coordinates.

A GeoJSON geometry ``{"type": "Polygon", "coordinates": [[[120.12345, 28.1], ...]]}``
is embedded as ``{"type": "Polygon", "d": 5, "q": [[12012345, 2810000, -12, 40, ...]]}``:
each ring or line becomes one flat list of integers, the first vertex in units of
``10**-d`` degrees and every later one as the difference from the one before. This
about halves the bytes of a map's geometry; ``atlas.js`` (``industryAtlas.decode``)
turns it back into GeoJSON in the browser, and :func:`decode` does it in Python.
"""

from __future__ import annotations

import json
import re

import numpy as np
import shapely

from .packing import unpacked

#: How deep the coordinate lists of each geometry type are nested around its lines.
_DEPTH = {"Point": 0, "LineString": 1, "MultiPoint": 1, "Polygon": 2, "MultiLineString": 2,
          "MultiPolygon": 3}


def encode(geometry, digits: int) -> dict:
    """Encode a shapely geometry (see the module docstring)."""
    mapping = shapely.geometry.mapping(geometry)
    kind = mapping["type"]
    if kind not in _DEPTH:
        raise ValueError(f"cannot encode a {kind}")
    scale = 10 ** digits

    def line(coords) -> list[int]:
        ints = np.rint(np.asarray(coords, dtype=float)[:, :2] * scale).astype(np.int64)
        ints[1:] -= ints[:-1].copy()
        return ints.ravel().tolist()

    def walk(value, depth: int):
        return line(value) if depth == 1 else [walk(v, depth - 1) for v in value]

    coords = mapping["coordinates"]
    depth = _DEPTH[kind]
    if depth == 0:
        return {"type": kind, "d": digits, "q": line([coords])}
    return {"type": kind, "d": digits, "q": walk(coords, depth)}


def decode(encoded: dict) -> dict:
    """The GeoJSON geometry of an :func:`encode`-d one."""
    kind, scale = encoded["type"], 10 ** encoded["d"]

    def line(ints) -> list[list[float]]:
        xy = np.cumsum(np.asarray(ints, dtype=np.int64).reshape(-1, 2), axis=0) / scale
        return xy.tolist()

    def walk(value, depth: int):
        return line(value) if depth == 1 else [walk(v, depth - 1) for v in value]

    depth = _DEPTH[kind]
    if depth == 0:
        return {"type": kind, "coordinates": line(encoded["q"])[0]}
    return {"type": kind, "coordinates": walk(encoded["q"], depth)}


def embedded_data(html: str) -> dict:
    """The data block of a built map page, with its geometry decoded to GeoJSON."""
    match = re.search(r"industryAtlas\.decodeData\((\{.*?\})\);\n", unpacked(html))
    if match is None:
        raise ValueError("no atlas data in this page")
    data = json.loads(match.group(1))
    for collection in ("districts", "zones"):
        for feature in data.get(collection, {}).get("features", []):
            feature["geometry"] = decode(feature["geometry"])
    data["outlines"] = {k: decode(v) for k, v in data.get("outlines", {}).items()}
    return data
