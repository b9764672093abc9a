"""The JSON Schema of plan files, for editors: completion and checking of keys and kinds.

``geo/data/plan.schema.json`` is shipped in the package and printed by
``industry-atlas schema``. It says what :mod:`geo.plan.validate` checks field by
field (keys, types, ``kind`` and ``basis`` values, units, ids); what needs the
whole plan or the boundaries (names of places and industries, references,
unique ids, the region) only validation checks. A plan file opts in with a
first line ``# yaml-language-server: $schema=<path or URL of the schema>``.

After changing the plan format or ``geo/data/kinds.json``, rewrite the file::

    python -m geo.plan.schema > geo/data/plan.schema.json
"""

from __future__ import annotations

import json
from importlib import resources

from .model import BASES, DATUMS, kinds

SCHEMA_FILE = "data/plan.schema.json"
_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"


def schema_path():
    """The shipped schema file (a path inside the installed package)."""
    return resources.files("geo").joinpath(SCHEMA_FILE)


def schema_text() -> str:
    """The shipped schema, as JSON text."""
    return schema_path().read_text("utf-8")


def _text(description: str, required: bool = True) -> dict:
    if not required:
        return {"type": ["string", "number", "null"], "description": description}
    return {"type": ["string", "number"], "pattern": r"\S", "description": description}


def _ident(description: str) -> dict:
    return {"type": ["string", "number"], "pattern": _ID_PATTERN, "description": description}


def _texts(description: str) -> dict:
    return {"type": ["array", "null"], "items": _text("one entry"), "description": description}


def _object(properties: dict, required: list[str], description: str) -> dict:
    return {"type": "object", "description": description, "properties": properties,
            "required": required, "additionalProperties": False}


def _list(item: dict, description: str, required: bool = False) -> dict:
    out = {"type": "array" if required else ["array", "null"], "items": item,
           "description": description}
    return {**out, "minItems": 1} if required else out


_NAMES = {"id": _ident("stable id: letters, digits, '-', '_', '.'"),
          "zh": _text("Chinese name"), "en": _text("English name")}
_CITED = {"source": _ident("id of the source that says this"),
          "where": _text("where in the source (paragraph, section, page)", False),
          "basis": {"enum": [*BASES, None], "description": "stated: the source says it; "
                    "interpreted: our reading, explained in note"},
          "note": _text("why, for an interpretation", False)}


def _units() -> list[str]:
    from .validate import units_table

    return sorted(units_table())


def build_schema() -> dict:
    """The JSON Schema (draft 7, which editors support) of plan files."""
    kind = {"enum": list(kinds()), "description": "one of: " + "; ".join(
        f"{k}: {v}" for k, v in kinds().items())}
    title = {"oneOf": [_text("the same text in both languages"),
                       {**_object({"zh": _text("Chinese", False), "en": _text("English", False)},
                                  [], "bilingual text"), "minProperties": 1}]}
    percent = [u for u in _units() if _unit_base(u) == "percent"]
    indicator = _object(
        {"metric": _text("metric id, shared across plans"), **{k: _NAMES[k] for k in ("zh", "en")},
         "scope": _text("place the figure is of (default: the region)", False),
         "year": {"type": ["integer", "null"], "minimum": 1900, "maximum": 2100,
                  "description": "year of the figure; null for a target without a year"},
         "per": {"enum": ["year", None], "description": "year: a rate per year"},
         "value": {"type": "number"},
         "unit": {"enum": _units(), "description": "unit of value"},
         "kind": {"enum": ["actual", "target"]},
         "base": _text("what a percentage is a percentage of", False), **_CITED},
        ["metric", "zh", "en", "year", "value", "unit", "kind", "source"], "a figure")
    indicator["allOf"] = [
        {"if": {"properties": {"unit": {"enum": percent}}, "required": ["unit"]},
         "then": {"required": ["base"], "properties": {"base": _text("base")}}},
        {"if": {"properties": {"kind": {"const": "actual"}}, "required": ["kind"]},
         "then": {"properties": {"year": {"type": "integer"}}}}]
    point = {"type": "array", "items": [{"type": "number", "minimum": -180, "maximum": 180},
                                        {"type": "number", "minimum": -90, "maximum": 90}],
             "additionalItems": False, "minItems": 2}
    geometry = {**_object({"point": {**point, "description": "[longitude, latitude], WGS-84"},
                           "file": _text("GeoJSON file in the plan's folder"),
                           "precision": _text("how precise the geometry is")},
                          ["precision"], "where the place is"),
                "oneOf": [{"required": ["point"]}, {"required": ["file"]}]}
    at = _object({"lon": {"type": "number", "minimum": -180, "maximum": 180},
                  "lat": {"type": "number", "minimum": -90, "maximum": 90},
                  "datum": {"enum": list(DATUMS), "description": "datum of lon and lat"},
                  "precision": _text("how precise the point is", False)},
                 ["lon", "lat", "datum"], "the place at a point")
    place = {**_object({**_NAMES, "kind": kind, "within": _texts("districts it lies in"),
                        "part_of": _text("id of the place it belongs to", False), "at": at,
                        "geometry": geometry,
                        "figures": {"type": ["object", "null"],
                                    "additionalProperties": _text("a figure")},
                        **_CITED}, ["id", "zh", "en", "kind"], "a zone, platform or park"),
             "not": {"required": ["at", "geometry"]}}
    layout = _object({**_NAMES, "kind": kind, "members": _texts("districts or places"),
                      "extent": _text("where it is, in words, when not located", False),
                      **_CITED}, ["id", "zh", "en", "kind", "source"], "a layout element")
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://industry-atlas.invalid/plan.schema.json",
        "title": "industry-atlas plan file",
        "description": "A regional industry plan as data; see `industry-atlas new`.",
        **_object({
            "id": _ident("the plan's id, also its file name (<id>.yaml)"),
            "title": title,
            "region": _text("adcode or name of the region (330200, 宁波市, Ningbo)"),
            "date": _text("date of the plan", False),
            "notes": _text("notes on the plan as a whole", False),
            "sources": _list(_object({"id": _NAMES["id"], "title": title,
                                      "publisher": _text("publisher"),
                                      "date": _text("date of the document"),
                                      "file": _text("file name of a kept copy", False),
                                      "url": _text("address", False)},
                                     ["id", "title", "publisher", "date"], "a source"),
                             "documents the facts come from", True),
            "roles": _list(_object({k: _NAMES[k] for k in ("zh", "en")}
                                   | {"industries": _texts("industries it concerns")} | _CITED,
                                   ["zh", "en", "source"], "a role of the whole region"),
                           "what the plan says of its whole region: roles, strengths"),
            "groups": _list(_object(dict(_NAMES), ["id", "zh", "en"], "a group"),
                            "named groups of industries"),
            "industries": _list(_object({**_NAMES, "aliases": _texts("other names"),
                                         "group": _text("group id", False)},
                                        ["id", "zh", "en"], "an industry"),
                                "industries the plan names", True),
            "places": _list(place, "zones, platforms and parks that are not districts"),
            "layout": _list(layout, "the spatial layout", True),
            "assignments": _list(_object({"to": _text("layout element id or place"),
                                          "industries": {**_texts("industries"),
                                                         "type": "array", "minItems": 1},
                                          **_CITED}, ["to", "industries", "source"],
                                         "industries assigned to an element or place"),
                                 "which industries go where"),
            "indicators": _list(indicator, "figures: actual values and targets"),
        }, ["id", "title", "region", "sources", "industries", "layout"], "a plan"),
    }


def _unit_base(unit: str) -> str:
    from .validate import units_table

    return units_table()[unit][0]


if __name__ == "__main__":
    print(json.dumps(build_schema(), ensure_ascii=False, indent=1))
