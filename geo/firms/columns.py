"""Which column of a firm table holds which field: defaults, options, checks."""

from __future__ import annotations

from ..errors import InputError, closest

#: The fields a firm table can have, in the order of the standard frame.
FIELDS = ("name", "industry", "lon", "lat", "address", "adcode", "weight", "date",
          "datum")

#: Column names tried for a field no option maps (first present wins, any case).
DEFAULTS = {
    "name": ("name", "firm", "名称", "企业名称"),
    "industry": ("industry", "行业", "产业"),
    "lon": ("lon", "lng", "longitude", "经度"),
    "lat": ("lat", "latitude", "纬度"),
    "address": ("address", "addr", "地址"),
    "adcode": ("adcode", "区划代码"),
    "weight": ("weight",),
    "date": ("date", "address_date", "日期", "成立日期"),
    "datum": ("datum", "坐标系"),
}


def parse_mapping(items) -> dict[str, str]:
    """``["industry=sector", "lon=x"]`` (command-line form) or a dict -> ``{field: column}``.

    Raises
    ------
    InputError
        For an item without ``=`` or an unknown field.
    """
    if items is None:
        return {}
    pairs = items.items() if isinstance(items, dict) else (_split(i) for i in items)
    mapping = {}
    for field, column in pairs:
        if field not in FIELDS:
            hint = closest(field, FIELDS)
            raise InputError(f"unknown firm field {field!r} in the column mapping; expected "
                             f"one of {', '.join(FIELDS)}"
                             + (f"; did you mean {hint}?" if hint else ""))
        mapping[field] = str(column)
    return mapping


def _split(item: str) -> tuple[str, str]:
    field, sep, column = str(item).partition("=")
    if not sep or not field.strip() or not column.strip():
        raise InputError(f"bad column mapping {item!r}; expected FIELD=COLUMN, e.g. lon=x")
    return field.strip(), column.strip()


def resolve_columns(available, mapping: dict[str, str], file: str,
                    geometry: bool = False) -> dict[str, str]:
    """Map each field to a column of the file.

    Parameters
    ----------
    available : list of str
        The file's column names.
    mapping : dict
        ``{field: column}`` given by the user; each must exist.
    file : str
        Named in error messages.
    geometry : bool
        The file has a point geometry column, which stands in for ``lon``/``lat``.

    Returns
    -------
    dict
        ``{field: column}`` for every field found.

    Raises
    ------
    InputError
        A mapped column is missing ("did you mean"), or the file has no
        industry column, or no location (coordinates, address or adcode).
    """
    available = [str(c) for c in available]
    found = {}
    for field, column in mapping.items():
        if column not in available:
            hint = closest(column, available)
            raise InputError(f"{file}: no column {column!r} (mapped to {field}); the header has "
                             f"{', '.join(available) or 'no columns'}"
                             + (f"; did you mean {hint}?" if hint else ""))
        found[field] = column
    lowered = {c.lower(): c for c in reversed(available)}
    for field in FIELDS:
        if field not in found:
            column = next((lowered[d.lower()] for d in DEFAULTS[field] if d.lower() in lowered),
                          None)
            if column is not None and column not in found.values():
                found[field] = column
    if "industry" not in found:
        hint = closest("industry", available)
        raise InputError(f"{file}: no industry column; expected a column named industry or "
                         f"one mapped with --column industry=NAME"
                         + (f"; did you mean {hint}?" if hint else ""))
    if ("lon" in found) != ("lat" in found):
        have, lack = ("lon", "lat") if "lon" in found else ("lat", "lon")
        raise InputError(f"{file}: a {have} column but no {lack} column; expected both "
                         f"(map them with --column {lack}=NAME)")
    if not ({"lon", "address", "adcode"} & set(found) or geometry):
        raise InputError(f"{file}: no location columns; expected lon and lat, address or "
                         f"adcode (map them with --column FIELD=NAME)")
    return found
