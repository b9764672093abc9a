"""Where a plan's zone is: ``geometry:`` (a WGS-84 point or a GeoJSON file) or ``at:``
(a point in WGS-84 or GCJ-02), checked by a validation checker and stored in WGS-84.

``check`` is the checker of :mod:`geo.plan.validate`: it has ``mapping``, ``text``,
``problem`` and the plan's ``source``.
"""

from __future__ import annotations

from functools import partial

from ..errors import closest
from .file import inside_folder, read_geometry_file
from .model import DATUMS


def zone_geometry(check, value, path: tuple):
    """A zone's geometry, with its stated precision, or nothing when not located.

    Either ``point: [lon, lat]`` (WGS-84) or ``file:`` a GeoJSON file inside
    the plan's folder.
    """
    if value is None:
        return None, "not located"
    item = check.mapping(value, path, {"point": False, "file": False, "precision": True})
    if item is None:
        return None, "not located"
    precision = check.text(item.get("precision"), path + ("precision",))
    if ("point" in item) == ("file" in item):
        check.problem(path, "expected exactly one of point or file")
        return None, "not located"
    if "file" in item:
        name = check.text(item.get("file"), path + ("file",))
        try:
            return read_geometry_file(inside_folder(check.source.folder, name)), precision
        except ValueError as exc:
            check.problem(path + ("file",), str(exc))
            return None, "not located"
    point = item.get("point")
    ok = (isinstance(point, list) and len(point) == 2
          and all(isinstance(v, int | float) and not isinstance(v, bool) for v in point)
          and -180 <= point[0] <= 180 and -90 <= point[1] <= 90)
    if not ok:
        check.problem(path + ("point",), "expected [longitude, latitude] in WGS-84 degrees")
        return None, "not located"
    import shapely

    return shapely.Point(point), precision


def zone_point(check, value, path: tuple):
    """``at: {lon, lat, datum}``: a zone at a point, stored in WGS-84."""
    item = check.mapping(value, path, {"lon": True, "lat": True, "datum": True,
                                       "precision": False})
    if item is None:
        return None, "not located"
    lon, lat = item.get("lon"), item.get("lat")
    datum = check.text(item.get("datum"), path + ("datum",))
    if datum and datum not in DATUMS:
        check.problem(path + ("datum",), f"unknown datum {datum!r}; expected "
                                         f"{' or '.join(DATUMS)}", partial(closest, datum, DATUMS))
        return None, "not located"
    for key, v, limit in (("lon", lon, 180), ("lat", lat, 90)):
        if key in item and (isinstance(v, bool) or not isinstance(v, int | float)
                            or not -limit <= v <= limit):
            check.problem(path + (key,), f"expected a {'longitude' if key == 'lon' else 'latitude'}"
                                         f" in degrees between -{limit} and {limit}")
            return None, "not located"
    if not ({"lon", "lat"} <= item.keys() and datum):
        return None, "not located"
    import shapely

    from ..places.crs import gcj02_to_wgs84

    if datum == "gcj02":
        lon, lat = (float(c) for c in gcj02_to_wgs84(lon, lat))
    precision = check.text(item.get("precision"), path + ("precision",), False)
    return shapely.Point(lon, lat), precision or "point"
