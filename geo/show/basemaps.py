"""Basemaps: tile layers under the districts, each in its own datum.

The definitions are data (``geo/data/basemaps.json``): a name maps to an
`xyzservices <https://xyzservices.readthedocs.io>`_ provider, or to a URL
template, with its attribution and the datum its tiles are drawn in. The
datum decides the coordinates written to the map: Amap tiles are GCJ-02, so
districts drawn over them must be GCJ-02 too (WGS-84 would sit about 0.5 km
off); every other basemap is WGS-84 (Tianditu's CGCS2000 agrees with WGS-84
to centimetres).
"""

from __future__ import annotations

import difflib
import json
import os
import re
import warnings
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from ..errors import AtlasError, UnknownNameError

#: The default: no tiles at all, so the map opens offline.
NONE = "none"

_KEY = re.compile(r"[A-Za-z0-9_-]{1,128}")


@dataclass(frozen=True)
class Tiles:
    """One tile layer as Leaflet takes it."""

    url: str
    attribution: str
    subdomains: str = "abc"
    max_zoom: int = 18


@dataclass(frozen=True)
class Basemap:
    """A resolved basemap.

    Attributes
    ----------
    name : str
        Canonical name (a key of ``geo/data/basemaps.json``).
    datum : {"wgs84", "gcj02"}
        Datum the tiles are drawn in, and so the datum of the geometry written.
    tiles : tuple of Tiles
        Tile layers, bottom first (empty for ``"none"``).
    key : str or None
        The user's key of a basemap that needs one (``"tianditu"``), already written
        into the tile URLs; None for the others. Key and tiles are left out of the
        ``repr``.
    """

    name: str
    datum: str
    tiles: tuple[Tiles, ...] = field(default=(), repr=False)  # their URLs hold the key
    key: str | None = field(default=None, repr=False)


@cache
def definitions() -> dict[str, dict]:
    """The basemap definitions of ``geo/data/basemaps.json``, by name."""
    text = resources.files("geo").joinpath("data/basemaps.json").read_text("utf-8")
    return json.loads(text)


def names() -> list[str]:
    """Names of the basemaps, ``"none"`` first."""
    return list(definitions())


def canonical(name: str) -> str:
    """The basemap called ``name`` or one of its aliases (any case).

    Raises
    ------
    UnknownNameError
        With the closest names, for an unknown basemap.
    """
    forms = {}
    for key, spec in definitions().items():
        for form in (key, *spec.get("aliases", ())):
            forms[form.lower()] = key
    found = forms.get(str(name).strip().lower())
    if found is None:
        near = difflib.get_close_matches(str(name).lower(), list(forms), n=3, cutoff=0.6)
        hint = " or ".join(dict.fromkeys(forms[f] for f in near))
        raise UnknownNameError("basemap", str(name), f"basemaps ({', '.join(names())})", hint)
    return found


def resolve(name: str | Basemap = NONE, tianditu_key: str | None = None) -> Basemap:
    """The basemap ``name`` with its tile URLs filled in: resolve once, pass the object on.

    Parameters
    ----------
    name : str or Basemap
        A name of :func:`names` or an alias (``"osm"``, ``"gaode"`` ...), any case;
        a :class:`Basemap` is returned as it is.
    tianditu_key : str, optional
        Tianditu's key; default the environment variable ``TIANDITU_KEY``.
        It ends up in the tile URLs of the map (and nowhere else) and rides on the
        returned basemap (``Basemap.key``).

    Returns
    -------
    Basemap

    Raises
    ------
    AtlasError
        Unknown basemap, a missing or malformed key, or a key given with a
        basemap already resolved.
    """
    if isinstance(name, Basemap):
        if tianditu_key is not None:
            raise AtlasError(f"basemap {name.name!r} is already resolved: give its key "
                             "to resolve()")
        return name
    key = canonical(name)
    spec = definitions()[key]
    if "provider" not in spec and "url" not in spec:
        return Basemap(key, spec["datum"])
    values = {}
    if "key" in spec:
        values["key"] = _user_key(key, spec["key"], tianditu_key)
    base = _provider(spec)
    urls = [spec.get("url") or base["url"], *([spec["labels"]] if "labels" in spec else [])]
    tiles = tuple(
        Tiles(url=url.replace("{key}", values.get("key", "")),
              attribution=spec.get("attribution") or base["attribution"],
              subdomains=spec.get("subdomains") or base.get("subdomains", "abc"),
              max_zoom=int(spec.get("max_zoom") or base.get("max_zoom", 18)))
        for url in urls)
    return Basemap(key, spec["datum"], tiles, values.get("key"))


def _provider(spec: dict) -> dict:
    """URL template and attribution of the spec's xyzservices provider (or an empty dict)."""
    if "provider" not in spec:
        return {}
    import xyzservices.providers as xyz

    provider = xyz.query_name(spec["provider"])
    with warnings.catch_warnings():  # "requires an API key" notices of free tiers
        warnings.simplefilter("ignore")
        url = provider.build_url(fill_subdomain=False, scale_factor="")
    return {"url": url, "attribution": provider.html_attribution,
            "subdomains": provider.get("subdomains", "abc"),
            "max_zoom": provider.get("max_zoom", 18)}


def _user_key(basemap: str, where: dict, given: str | None) -> str:
    value = given if given is not None else os.environ.get(where["env"], "")
    value = value.strip()
    if not value:
        raise AtlasError(f"basemap {basemap!r} needs a key: pass {where['option']}=... "
                         f"(CLI --{where['option'].replace('_', '-')}) or set {where['env']}")
    if not _KEY.fullmatch(value):
        raise AtlasError(f"{where['option']} must be letters, digits, '-' or '_' "
                         f"(at most 128)")
    return value
