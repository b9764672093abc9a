"""The plan model: a plan file (:mod:`.file`) is checked (:mod:`.validate`) into a frozen
:class:`Plan` (:mod:`.model`); :mod:`.schema` is its JSON Schema, :mod:`.skeleton` writes a
new plan file, :mod:`.units` reads figures' units, :mod:`.zones` a zone's geometry.
"""

from .model import (
    BASES,
    DATUMS,
    DIRECT,
    Assignment,
    Citation,
    Group,
    Indicator,
    Industry,
    LayoutElement,
    PlaceRef,
    Plan,
    Role,
    Source,
    Text,
    Zone,
    kinds,
)

__all__ = ["BASES", "DATUMS", "DIRECT", "Assignment", "Citation", "Group", "Indicator",
           "Industry", "LayoutElement", "PlaceRef", "Plan", "Role", "Source", "Text", "Zone",
           "kinds"]
