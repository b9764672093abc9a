"""Layout elements from numeric slogans (一廊双核多点, "One Corridor, Two Cores, Multiple
Spots") and the sentences that define them, with their members and industries.

A slogan splits into components (count + noun); the noun gives the element's kind
through the lexicon's ``layout_kinds``. A component's defining sentence ("“一廊”即…",
'"One Corridor" refers to …') and the sentences that continue it give its members
(units and zones) and its industries. A component counted n >= 2 whose definition
holds exactly n groups of places becomes n elements (the two cores).
"""

from __future__ import annotations

import re

from .facts import AssignmentFact, ElementFact, SentenceInfo, Span, place_groups, unique_key
from .lexicon import lexicon
from .places import member_key
from .preceding import parts_before
from .sloganless import ROLE_KINDS, sloganless_elements
from .slogans import LINES, Component, find_slogans, kind_of_zone, slogan_spans, slogan_verbs

#: What defines a slogan's part right after it: a mark (即, 是指, ：) or a verb naming its
#: places (一带串联A、B、C, 一核涵盖A、B).
_ZH_DEFINE = re.compile(r"^[”\"’]?\s*[，,]?\s*(?:即|是指|指的是|指|分别(?:是|为|指)|是|为|主要包括|"
                        r"包括|：|:|——|"
                        r"串联|涵盖|覆盖|连接|包含)")
_EN_DEFINE = re.compile(r"^[”\"’]?\s*,?\s*(?:refers to|refer to|means|mean|is|are|includes|"
                        r"include|consists of|covers|covering|comprises|namely|:)(?=\W)", re.I)
_HEADING = re.compile(r"^[”\"’]?\s*[\u4e00-\u9fffA-Za-z ]{0,8}\s*[。：:.]?\s*$")
#: A sentence referring back to the part just defined (该区…, 其…); 其他/其余 (the others)
#: and 其次 (next) refer to no part.
_PRONOUN = re.compile(r"^(?:It|They|These|Its|Their|This)\b|^(?:该|其(?![他余次])|这)")
_DIRECTIONS = {"北": ("north", "北"), "南": ("south", "南"), "东": ("east", "东"),
               "西": ("west", "西"), "north": ("north", "北"), "south": ("south", "南"),
               "east": ("east", "东"), "west": ("west", "西")}
_KIND_ZH = {"corridor": "廊", "core": "核", "belt": "带", "wing": "翼", "zone": "区",
            "spots": "点", "chain": "链", "valley": "谷", "hub": "港", "axis": "轴",
            "ring": "环", "platform": "平台", "park": "园", "city": "城",
            "network": "网", "base": "基地", "cluster": "集群", "bay": "湾"}
_ZH_COUNT = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九",
             10: "十", 0: "多"}
_EN_COUNT = {1: "One", 2: "Two", 3: "Three", 4: "Four", 5: "Five", 6: "Six", 7: "Seven",
             8: "Eight", 9: "Nine", 10: "Ten", 0: "Multiple"}




def _definition(infos, comp: Component, text: str, slogans):
    """(sentence index, offset where the definition starts, offset of the component's
    words, whether it heads the paragraph that defines it) of a component, or None."""
    for needle in _needles(comp):
        found = _definition_as(infos, comp, text, needle)
        if found:
            return found
    return None


def _needles(comp: Component) -> list[str]:
    """How a part may be written where it is defined: as in the slogan (三板块), or with
    大 or 个 after its count (三大板块, 三个板块)."""
    words = [comp.text.lower()]
    if not comp.text.isascii() and len(comp.text) >= 2 and comp.text[0] in _ZH_COUNT.values():
        words += [comp.text[0] + w + comp.text[1:] for w in ("大", "个")]
    return words


def _definition_as(infos, comp: Component, text: str, needle: str):
    for info in infos:
        s = info.sentence
        folded = s.text.lower()
        i = folded.find(needle)
        if i < 0:
            continue
        whole = slogan_spans(s.text)
        while i >= 0:
            a = s.start + i
            inside = any(x <= i < y for x, y in whole)  # part of a whole slogan, not its own
            rest = text[a + len(needle): s.end]
            skip = 0  # “一核引领”即…: the part's verb comes before its definition
            if not comp.text.isascii():
                skip = next((len(v) for v in slogan_verbs() if rest.startswith(v)), 0)
            rest = rest[skip:]
            define = _ZH_DEFINE if not comp.text.isascii() else _EN_DEFINE
            m = define.match(rest)
            if not inside and m:
                return s.index, a + len(needle) + skip + m.end(), a, False
            nxt = info.sentence.index + 1
            if not inside and _HEADING.match(rest) and nxt < len(infos) and \
                    infos[nxt].sentence.paragraph == s.paragraph:
                # "（一）“一核”引领。以…为核心…": the definition is the rest of the paragraph
                return nxt, infos[nxt].sentence.start, a, True
            i = folded.find(needle, i + 1)
    return None


def _scope(infos, index: int, start: int, end: int, comp: Component,
           defined: set[int], heading: bool = False) -> list[tuple]:
    """(info, start, end) pieces of a definition: its sentence (up to the next component's
    definition in it) and the sentences continuing it."""
    pieces = [(infos[index], start, end)]
    if end < infos[index].sentence.end:  # another component is defined in this sentence
        return pieces
    found = place_groups(infos[index], start)
    groups, places = len(found), sum(len(g) for g in found)
    has_ind = any(m.start >= start for m in infos[index].industries)
    j = index + 1
    while j < len(infos) and len(pieces) < 4:
        nxt = infos[j]
        if nxt.sentence.paragraph != infos[index].sentence.paragraph or j in defined:
            break
        starts_with_place = bool(nxt.units()) and nxt.units()[0].start - nxt.sentence.start < 3
        # a sentence about another place is no continuation, unless places are still owed
        owed = comp.count >= 2 and groups < comp.count and places < comp.count
        wanted = (heading or _PRONOUN.match(nxt.sentence.text)
                  or (not has_ind and nxt.industries and (not starts_with_place or owed))
                  or (owed and starts_with_place))
        if not wanted:
            break
        pieces.append((nxt, nxt.sentence.start, nxt.sentence.end))
        found = place_groups(nxt)
        groups, places = groups + len(found), places + sum(len(g) for g in found)
        has_ind = has_ind or bool(nxt.industries)
        j += 1
    return pieces


def _direction(text: str, a: int, b: int) -> tuple[str, str] | None:
    """The compass word of a place group: English puts it after the places ("Yueqing, a
    northern core"; "Rui'an ... in the south"), Chinese before them (北以乐清为核心)."""
    clause_start = max(text.rfind(c, 0, a) for c in "，；。,;、") + 1
    reach = 40 if text[a:b].isascii() else 12
    after, before = text[a: b + 24].lower(), text[max(clause_start, a - reach): a].lower()
    def nearest_after():
        hits = [(after.find(k), v) for k, v in _DIRECTIONS.items() if k in after]
        return min(hits)[1] if hits else None

    def nearest_before():
        hits = [(before.rfind(k), v) for k, v in _DIRECTIONS.items() if k in before]
        return max(hits)[1] if hits else None

    if text[a:b].isascii():
        return nearest_after() or nearest_before()
    return nearest_before() or nearest_after()


def layout_elements(infos: list[SentenceInfo], text: str, lang: str):
    """Elements and their assignments from the document's slogans.

    Returns
    -------
    (list of ElementFact, list of AssignmentFact)
    """
    slogans = find_slogans(infos)
    elements, assignments, used_keys = [], [], set()
    defs = {}
    for _, _, _, comps in slogans:
        for comp in comps:
            found = _definition(infos, comp, text, slogans)
            if found:
                defs[id(comp)] = found
    defined = {d[0] for d in defs.values()}
    taken: set[tuple[int, int]] = set()
    preamble: set[tuple[int, int]] = set()
    for index, a, b, comps in slogans:
        listed = {} if lang != "zh" or any(id(c) in defs for c in comps) else \
            _listed_before(infos[index], a, comps, text) or \
            parts_before(infos[index], a, comps, text)
        if listed:  # the runs before the slogan are its parts', none a role of its own
            preamble |= {(p.start, p.end) for p in infos[index].units() if p.end <= a}
        for comp in comps:
            span = Span(a, b, "element")
            found = defs.get(id(comp))
            base = _element(comp, lang)
            if id(comp) in listed:  # “A园、B区”等“一园一区”: its parts listed before it
                members = listed[id(comp)]
                elements.append(ElementFact(
                    index, [span, *(Span(m.start, m.end, "zone" if m.kind == "zone" else
                                         "place") for m in members)],
                    key=unique_key(comp.kind, used_keys),
                    members=list(dict.fromkeys(member_key(m)
                                               for m in members)),
                    **base))  # its sentence stays open to other rules (hosts)
                continue
            by_role = None
            if not found and lang == "zh":
                found = by_role = _by_role(infos, index, comp, taken, comps)
                if found:
                    taken.add((found[0], found[2]))
            if not found:
                elements.append(ElementFact(index, [span], key=unique_key(comp.kind, used_keys),
                                            extent="not located: the document names no place "
                                                   "for it", **base))
                continue
            d_index, d_start, named_at, heading = found
            ends = [n for s, _, n, _ in defs.values() if s == d_index and n > d_start]
            if by_role:  # "以A为核心，以B、C为两翼": the core ends where the wings begin
                s = infos[d_index].sentence
                ends += [s.start + r.start() for p in (_ROLE, _ROLE_AS, _ROLE_OPEN)
                         for r in p.finditer(s.text) if s.start + r.start() > d_start]
            end = min(ends, default=infos[d_index].sentence.end)
            pieces = _scope(infos, d_index, d_start, end, comp, defined - {d_index}, heading)
            cut = named_at if by_role and comp.count == 1 else None
            new_elements, new_assignments = _define(comp, base, pieces, text, span, used_keys,
                                                    named_at, cut)
            elements += new_elements
            assignments += new_assignments
    if lang == "zh":
        claimed = {(p.start, p.end) for e in elements for p in e.spans if p.kind != "element"}
        free, free_assignments = sloganless_elements(infos, taken, claimed, preamble, used_keys)
        elements += free
        assignments += free_assignments
    return elements, assignments


#: "以A、B为核心" names the places of a slogan's core: role words and the kind they define.
_ROLE = re.compile(r"以(?![及来后前内外便])(?P<places>[^以为。；;]{2,80}?)为"
                   r"(?:[\u4e00-\u9fff]{0,4}?)"
                   r"(?P<role>核心|核(?![^，,。；;])|主体|龙头|引领|中心|主轴|轴线|轴|两翼|翼|极点|"
                   r"增长极|极|支撑|"
                   r"节点|支点|重点|纽带|带)")
#: "其中，A为核心，B、C为两翼，D、E等为多点": places opening a clause given a role that
#: closes it (no 以); the places run no further back than the clause.
_ROLE_OPEN = re.compile(r"(?:(?<=[，,；;：:])|(?<=其中))(?P<places>[^以为。；;，,：:]{2,40}?)"
                        r"(?:等[\u4e00-\u9fff]{0,3})?为"
                        r"(?P<role>核心|主体|龙头|中心|两翼|翼|增长极|支撑|节点|支点|多点支撑|多点)"
                        r"(?=[，,。；;]|$)")

_ROLE_AS = re.compile(r"(?:串联|包括|涵盖|联动|覆盖)(?P<places>[^。；;]{2,100}?)[，,]?作为"
                      r"[^，,。；;]{0,14}?(?P<role>核心发展带|发展带|产业带|经济带|带|核心区|廊|轴)")


def _role_kind(role: str) -> str:
    """The kind a role word gives: 核心 core, 两翼 wing, 核心发展带 belt (its last noun)."""
    if role in ROLE_KINDS:
        return ROLE_KINDS[role]
    kinds = lexicon()["layout_kinds"]["zh"]
    return next((kinds[role[i:]] for i in range(len(role)) if role[i:] in kinds), "")


def _by_role(infos, index: int, comp: Component, taken: set, comps=()):
    """Where a slogan part without a quoted definition is defined by its role: from the
    slogan's sentence on (six sentences at most), "以<places>为核心" for a core, "以…为两翼"
    for wings, "以…为支撑/节点" for spots, "串联<places>…作为…发展带" for a belt. A role
    written with the part's own noun (核 in 核心) defines that part even when it names no
    unit (then the part is not located); the same definition is never used twice, nor one
    written with another part's noun (以A为核，以B、C为多极: 多极 is not the core's).

    Returns (sentence index, start of the places, offset of the role word, False) or None.
    """
    found = []
    for j in range(index, min(len(infos), index + 6)):
        s = infos[j].sentence
        for pattern in (_ROLE, _ROLE_AS, _ROLE_OPEN):
            for m in pattern.finditer(s.text):
                role = m.group("role")
                kind = _role_kind(role)
                at = s.start + m.start("role")
                if kind != comp.kind or (j, at) in taken or any(
                        c is not comp and c.noun != comp.noun and role.endswith(c.noun)
                        for c in comps):
                    continue
                a, b = s.start + m.start("places"), s.start + m.end("places")
                named = any(a <= p.start and p.end <= b for p in infos[j].units())
                found.append((comp.noun in role, at, j, a, named))
    found.sort(key=lambda f: (not f[0], f[1]))  # its own noun first, then in text order
    for own, at, j, a, named in found:
        if named:
            return j, a, at, False
        if own:
            return None  # 以中心城区为核心: defined, but by no place the draft can draw
    return None


#: A quoted list closed by 等 right before a slogan: 以“A园、B园、C区”等“两园一区”为载体.
_LISTED_BEFORE = re.compile(r"“(?P<items>[^“”。；]{4,200})”等“?$")


def _listed_before(info: SentenceInfo, a: int, comps: list[Component], text: str) -> dict:
    """The parts of a slogan whose places are listed just before it, each item going to the
    part whose noun it ends with (中小企业园 to 三园, 城市综合体片区 to 三区), only when every
    item finds its part and every counted part gets as many items as its count. The items
    become zones of the sentence (they are named places the slogan counts).

    Returns
    -------
    dict
        id(component) -> its zone mentions; {} when the list does not fit the slogan.
    """
    from .places import Mention

    start = info.sentence.start
    m = _LISTED_BEFORE.search(text, start, a)
    if not m:
        return {}
    out: dict[int, list] = {}
    pos = m.start("items")
    for item in m.group("items").split("、"):
        name = item.strip()
        part = next((c for c in sorted(comps, key=lambda c: -len(c.noun))
                     if c.noun and name.endswith(c.noun) and len(name) > len(c.noun) + 1), None)
        if part is None:
            return {}
        i = text.index(name, pos)
        out.setdefault(id(part), []).append(Mention(i, i + len(name), "zone", name, name))
        pos = i + len(name)
    if any(c.count and len(out.get(id(c), [])) != c.count for c in comps):
        return {}
    known = {(p.start, p.end) for p in info.places}
    info.places[:] = sorted([*info.places, *(z for zs in out.values() for z in zs
                                             if (z.start, z.end) not in known)],
                            key=lambda p: p.start)
    return out


def _element(comp: Component, lang: str) -> dict:
    zh_count, en_count = _ZH_COUNT.get(comp.count, str(comp.count)), _EN_COUNT.get(comp.count)
    zh = comp.text if lang == "zh" else f"{zh_count}{_KIND_ZH.get(comp.kind, comp.kind)}"
    en = comp.text if lang == "en" else f"{en_count or comp.count} {comp.kind}"
    return {"kind": comp.kind, "zh": zh, "en": en}


def _define(comp, base, pieces, text, span, used_keys, named_at, places_end=None):
    """Elements and assignments of one slogan part from its definition ``pieces``; a part
    defined by its role (以A为核心，以B为依托) takes its places only from before the role
    word (``places_end``), not the next clause's (沪昆走廊 is what the belt relies on)."""
    first_info, first_start, _ = pieces[0]
    d_index = first_info.sentence.index
    def_span = Span(named_at, named_at + len(comp.text), "element")
    groups, industries, own_name = [], [], ""
    for n, (info, start, end) in enumerate(pieces):
        stop = min(end, places_end) if n == 0 and places_end is not None else end
        for group in place_groups(info, start, stop, text=text):
            kept = []
            for m in group:
                own = m.kind == "zone" and kind_of_zone(m.text) == comp.kind
                if own and not own_name and comp.count == 1:
                    own_name = m.text  # the element's own full name, not a member
                elif own and comp.noun.endswith(LINES):
                    continue  # 两带为沿江产业带和沿海产业带: the belts named, no members
                else:
                    kept.append(m)
            if kept:
                groups.append(kept)
        industries += [m for m in info.industries if start <= m.start < end]
    extent = own_name or ("" if groups else "not located: its definition names no place")
    if comp.count >= 2 and len(groups) == comp.count:
        parts = []
        last = groups[-1][-1].end
        last_end = next(i.sentence.end for i, *_ in pieces if i.sentence.start <= last
                        <= i.sentence.end)
        shared = [m for m in industries if m.start >= last_end]  # after every group: all
        for g, group in enumerate(groups):
            nxt = groups[g + 1][0].start if g + 1 < len(groups) else last_end
            direction = _direction(text, group[0].start, group[-1].end)
            key = f"{direction[0]}-{comp.kind}" if direction else f"{comp.kind}-{g + 1}"
            key = unique_key(key, used_keys)
            zh = f"{base['zh']}（{direction[1]}）" if direction else f"{base['zh']}之{g + 1}"
            en = f"{direction[0].title()}ern {comp.kind}" if direction else \
                f"{base['en']} ({g + 1})"
            inds = [m for m in industries if group[0].start <= m.start < nxt] + shared
            parts.append((key, zh, en, group, inds))
    else:
        key = unique_key(comp.kind, used_keys)
        flat = [m for group in groups for m in group]
        parts = [(key, base["zh"], base["en"], flat, industries)]
    elements, assignments = [], []
    for key, zh, en, members, inds in parts:
        spans = [span, def_span] + [Span(m.start, m.end, "zone" if m.kind == "zone" else "place")
                                    for m in members]
        members_keys = list(dict.fromkeys(member_key(m)
                                          for m in members))
        elements.append(ElementFact(d_index, spans, key=key, kind=comp.kind, zh=zh, en=en,
                                    members=members_keys, extent=extent, defined_at=d_index))
        by_sentence: dict[int, list] = {}
        for m in inds:
            owner = next(i for i, *_ in pieces if i.sentence.start <= m.start < i.sentence.end)
            by_sentence.setdefault(owner.sentence.index, []).append(m)
        for s_index, ms in by_sentence.items():
            assignments.append(AssignmentFact(
                s_index, [Span(m.start, m.end, "industry") for m in ms], element=key,
                industries=list(dict.fromkeys(m.key for m in ms))))
    return elements, assignments
