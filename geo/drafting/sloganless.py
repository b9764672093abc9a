"""Layout elements a text names without a slogan: an area that lists its places
(先进制造业产业区包括A、B、C), places given a role (以A为核心区，以B、C为拓展区) and places
given a quoted role name (明确A为“医药产业合作园区”).
"""

from __future__ import annotations

import functools
import re

from .facts import AssignmentFact, ElementFact, Span, unique_key
from .lexicon import lexicon
from .places import member_key
from .slogans import kind_of_noun, kind_of_zone

#: The kind of element a role word gives (以A为主体: a core; 以B、C为两翼: wings).
ROLE_KINDS = {"主体": "core", "龙头": "core", "引领": "core", "中心": "core", "重点": "core",
              "支撑": "spots", "多点": "spots", "多点支撑": "spots", "节点": "spots",
              "支点": "spots", "极点": "spots", "增长极": "core",
              "纽带": "ring", "两翼": "wing", "主轴": "axis", "轴线": "axis"}


def sloganless_elements(infos, taken: set, claimed: set, preamble: set, used_keys: set):
    """Elements no slogan defines, from places no slogan took.

    Parameters
    ----------
    infos : list of SentenceInfo
    taken : set
        (sentence index, offset) of the role words slogan parts were defined by.
    claimed : set
        (start, end) of the places slogan elements have as members.
    preamble : set
        (start, end) of the places listed before a slogan as its parts.
    used_keys : set
        Element keys given so far (updated).

    Returns
    -------
    (list of ElementFact, list of AssignmentFact)
    """
    elements = _role_elements(infos, taken, claimed | preamble, used_keys)
    elements += _named_roles(infos, claimed, used_keys)
    listed, assignments = _listed_elements(infos, used_keys)
    return elements + listed, assignments


def _whole_item(sentence, place) -> bool:
    """Whether a place is a whole item of a list (A、B和C为…), not the start of a longer
    name (滨海 in 滨海国际机场)."""
    after = sentence.text[place.end - sentence.start:place.end - sentence.start + 2]
    return not after or bool(re.match(r"[、，,；;。和及与等为（(）)]|以及|定位", after))


#: "先进制造业产业区包括A、B、C": an area the sentence opens with lists its places.
_LISTS = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,12}?(?:产业区|功能区|片区|集聚区|产业带|经济带|"
                    r"发展带|组团|板块|园区))(?:主要)?(?:包括|包含|涵盖|覆盖)(?P<places>[^。；;]+)")


def _listed_elements(infos, used_keys: set):
    """Areas that list their places (先进制造业产业区包括A、B、C等): an element each, with the
    industries the rest of its paragraph develops (重点发展…); its members are the items of
    the list that are units or zones of the region."""
    from .zones import english_zone_name

    elements, assignments = [], []
    for n, info in enumerate(infos):
        s = info.sentence
        m = _LISTS.match(s.text)
        if not m:
            continue
        a, b = s.start + m.start("places"), s.start + m.end("places")
        places = [p for p in info.units() if a <= p.start and p.end <= b and _whole_item(s, p)]
        if not places or "、" not in m.group("places"):
            continue
        name = m.group("name")
        key = unique_key(kind_of_zone(name) or "zone", used_keys)
        elements.append(ElementFact(
            s.index, [Span(s.start, s.start + len(name), "element"),
                      *(Span(p.start, p.end, "zone" if p.kind == "zone" else "place")
                        for p in places)],
            key=key, kind=kind_of_zone(name) or "zone", zh=name, en=english_zone_name(name),
            members=list(dict.fromkeys(member_key(p)
                                       for p in places)), extent="", defined_at=s.index))
        for later in infos[n:n + 4]:
            opens = later.units() and later.units()[0].start - later.sentence.start < 3
            if later.sentence.paragraph != s.paragraph or later is not info and opens:
                break  # another paragraph, or a sentence about another place
            inds = [i for i in later.industries if i.start >= (b if later is info else 0)]
            if inds:
                assignments.append(AssignmentFact(
                    later.sentence.index, [Span(i.start, i.end, "industry") for i in inds],
                    element=key, industries=list(dict.fromkeys(i.key for i in inds))))
    return elements, assignments


@functools.cache
def _role_free() -> re.Pattern:
    """"以A为核心区，以B、C为拓展区" and "以A为核心、B为两翼": places named by role, no slogan."""
    roles = "|".join(sorted(lexicon()["layout_roles"]["zh"], key=len, reverse=True))
    return re.compile(r"(?:以|[、，,]\s*)(?P<places>[^以为。；;，,]{2,80}?)为(?P<role>" + roles
                      + r")(?=[，,、；;。）)的]|$)")


def _role_elements(infos, taken: set, claimed: set, used_keys: set) -> list[ElementFact]:
    """Elements a text names only by role (以A为核心区，以B、C为拓展区; 以A、B为重点): one per
    role word, its members the units and zones before it, when no slogan took them."""
    by_role: dict[str, ElementFact] = {}
    for info in infos:
        s = info.sentence
        for m in _role_free().finditer(s.text):
            a, b = s.start + m.start("places"), s.start + m.end("places")
            at = s.start + m.start("role")
            places = [p for p in info.units() if a <= p.start and p.end <= b
                      and _whole_item(s, p)]
            if not places or (s.index, at) in taken or \
                    any((p.start, p.end) in claimed for p in places):
                continue
            role = m.group("role")
            keys = [member_key(p) for p in places]
            spans = [Span(p.start, p.end, "zone" if p.kind == "zone" else "place") for p in places]
            if role in by_role:
                element = by_role[role]
                element.members = list(dict.fromkeys(element.members + keys))
                element.spans += spans
                continue
            kind = ROLE_KINDS.get(role) or kind_of_noun(role, "zh") or "zone"
            by_role[role] = ElementFact(
                s.index, [Span(at, at + len(role), "element"), *spans],
                key=unique_key(kind, used_keys),
                kind=kind, zh=role, en=lexicon()["layout_roles"]["zh"][role],
                members=list(dict.fromkeys(keys)), extent="", defined_at=s.index)
    return list(by_role.values())


#: "明确A为“医药产业合作园区”", "将A、B定位为“…示范区”": places given a quoted role name.
_NAMED_ROLE = re.compile(r"(?:明确|确定|定位|列为|将|把)(?P<places>[^，,。；;“”为]{2,30}?)"
                         r"(?:定位)?为“(?P<name>[^“”，,。]{2,16}?(?:园区|功能区|区|基地|园|带|城))”")


def _named_roles(infos, claimed: set, used_keys: set) -> list[ElementFact]:
    """Elements the text names in quotes as the role of places it lists before them
    (该方案明确A为“医药产业合作园区”): the quoted name is the element, the units and
    zones before 为 its members, when no other rule took them."""
    from .zones import english_zone_name

    out = []
    for info in infos:
        s = info.sentence
        for m in _NAMED_ROLE.finditer(s.text):
            a, b = s.start + m.start("places"), s.start + m.end("places")
            places = [p for p in info.units() if a <= p.start and p.end <= b
                      and _whole_item(s, p) and (p.start, p.end) not in claimed]
            if not places:
                continue
            name = m.group("name")
            at = s.start + m.start("name")
            kind = kind_of_zone(name) or "zone"
            out.append(ElementFact(
                s.index, [Span(at, at + len(name), "element"),
                          *(Span(p.start, p.end, "zone" if p.kind == "zone" else "place")
                            for p in places)],
                key=unique_key(kind, used_keys), kind=kind, zh=name, en=english_zone_name(name),
                members=list(dict.fromkeys(member_key(p)
                                           for p in places)), extent=""))
    return out
