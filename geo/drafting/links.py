"""Assignments from the sentences that link industries to places, and the elements such
sentences define: clusters ("the smart voice industry cluster in Hefei", 合肥智能语音产业集群),
clusters named by example ("clusters such as A and B"), places given by example ("in cities
such as A, B and C"), counted lists of areas, and places said to develop industries.
"""

from __future__ import annotations

import re

from .facts import RESPECTIVELY, AssignmentFact, ElementFact, SentenceInfo, Span, place_groups
from .industries import as_written, find_industries, zone_name_industries
from .places import member_key

_EN_CLUSTER_IN = re.compile(r"^\s*(?:industry|industrial)?\s*clusters?\s+(?:in|of|at)\s+$", re.I)
_ZH_CLUSTER = re.compile(r"^(?:产业|行业)?(?:集群|产业集群)")
_EN_SUCH_AS = re.compile(r"clusters?\s+(?:such as|including|like)\s+", re.I)
_EN_PLACES_SUCH_AS = re.compile(r"\b(?:in|across|among)\s+(?:cities|places|regions|provinces|"
                                r"districts|counties|areas)\s+(?:such as|like|including)\s+", re.I)
_ZH_PLACES_SUCH_AS = re.compile(r"等(?:城市|地区|地方|省市|区县)")
_LINK = re.compile(r"(?i:home to|focus(?:es|ing)? on|develop|cultivat|build|promot|host|"
                   r"specialis|specializ|upgrade|foster|strengthen|concentrat|located in)|"
                   r"发展|培育|打造|聚焦|布局|升级|建设|做强|壮大|推动|引导|集聚|向|集中|分布|位于|"
                   r"落户|落地|主导|依托|承载|成为|拥有|作为|的[\u4e00-\u9fff]{2,10}?产业|"
                   # 形成(了)以A、B…为支撑/重点…的体系: the frame links its list to the place
                   r"形成了?以|以[^，,。；;]{1,40}?为(?:支撑|重点|主体|核心|支柱|特色)")


def plan_kind(noun: str) -> str:
    """The plan-file kind (``geo.plan.kinds()``) of a noun naming some places ("function
    areas" -> "function area"); ``"area"`` when none fits."""
    from ..plan.model import kinds

    known = kinds()
    words = noun.lower().split()
    for candidate in (" ".join(words), " ".join(words[-2:]), words[-1] if words else ""):
        for form in (candidate, candidate[:-1] if candidate.endswith("s") else candidate):
            if form in known:
                return form
    return "area"


def _slug(text: str) -> str:
    from ..places.names import english_name

    if not text.isascii():
        text = english_name(text)
    words = re.findall(r"[A-Za-z0-9]+", text.lower())
    return "-".join(words)[:40].strip("-") or "element"


def _english(place) -> str:
    """English name of a unit mention (its adcode's first spelling), else its words."""
    from .places import english_names

    if place.kind == "unit" and place.key.isdigit():
        return (english_names().get(place.key) or [place.text])[0]
    return place.text


def _industry_en(mention) -> str:
    from .lexicon import industry

    if mention.key.startswith("new:"):
        return mention.text
    return industry(mention.key)["en"].lower()


def cluster_elements(infos: list[SentenceInfo], text: str, used: set[str]):
    """Cluster elements and places-by-example elements, with their assignments."""
    elements, assignments = [], []

    def add(info, key, kind, zh, en, members, industries, spans):
        base, n = key, 2
        while key in used:
            key, n = f"{base}-{n}", n + 1
        used.add(key)
        member_keys = list(dict.fromkeys(member_key(m)
                                         for m in members))
        elements.append(ElementFact(info.sentence.index, spans, key=key, kind=kind, zh=zh, en=en,
                                    members=member_keys, extent="" if members else
                                    "not located: the document names no place for it",
                                    defined_at=info.sentence.index))
        if industries:
            inds = list(dict.fromkeys(m.key for m in industries))
            ind_spans = [Span(m.start, m.end, "industry") for m in industries]
            assignments.append(AssignmentFact(info.sentence.index, ind_spans, element=key,
                                              industries=inds))

    for info in infos:
        places = [m for m in info.places if m.kind in ("unit", "zone")]
        for ind in info.industries:
            after = text[ind.end: ind.end + 40]
            # "<industry> industry cluster in <place>"
            for place in places:
                if place.start > ind.end and _EN_CLUSTER_IN.match(text[ind.end:place.start]):
                    spans = [Span(ind.start, ind.end, "industry"),
                             Span(ind.end, place.start, "element"),
                             Span(place.start, place.end, "place")]
                    add(info, _slug(f"{place.text} {ind.key} cluster"), "cluster",
                        f"{place.text}{ind.text}产业集群", f"{place.text} {ind.text} cluster",
                        [place], [ind], spans)
                    break
            # "<place><industry>产业集群"
            m = _ZH_CLUSTER.match(after)
            if m and not ind.text.isascii():
                before = [p for p in places if p.end == ind.start]
                spans = [Span(ind.start, ind.end, "industry"),
                         Span(ind.end, ind.end + m.end(), "element")]
                spans += [Span(p.start, p.end, "place") for p in before]
                name = (before[0].text if before else "") + ind.text + after[:m.end()]
                en = " ".join(w for w in (_english(before[0]) if before else "",
                                          _industry_en(ind), "cluster") if w)
                add(info, _slug(en), "cluster", name, en[:1].upper() + en[1:], before, [ind],
                    spans)
        s = info.sentence
        # "clusters such as A and B": one element per industry named
        for m in _EN_SUCH_AS.finditer(s.text):
            start = s.start + m.end()
            end = s.start + (re.search(r"[,;.](?!\d)|\bso as\b", s.text[m.end():]) or
                             re.search(r"$", s.text[m.end():])).start() + m.end()
            for ind in [i for i in info.industries if start <= i.start < end]:
                add(info, _slug(f"{ind.key} cluster"), "cluster", f"{ind.text}产业集群",
                    f"{ind.text} cluster", [], [ind],
                    [Span(s.start + m.start(), start, "element"),
                     Span(ind.start, ind.end, "industry")])
        # "... in cities such as A, B and C": the places host the sentence's industries
        for m in _EN_PLACES_SUCH_AS.finditer(s.text):
            groups = place_groups(info, s.start + m.end(), text=text)
            if groups and groups[0][0].start - (s.start + m.end()) < 3:
                members = groups[0]
                inds = [i for i in info.industries if i.end <= s.start + m.start()]
                spans = [Span(s.start + m.start(), s.start + m.end(), "element")]
                spans += [Span(p.start, p.end, "place") for p in members]
                spans += [Span(i.start, i.end, "industry") for i in inds]
                add(info, "spots", "spots", "多点", "Places named by example", members, inds,
                    spans)
        for m in _ZH_PLACES_SUCH_AS.finditer(s.text):
            groups = [g for g in place_groups(info, s.start, s.start + m.start(), text=text)
                      if g[-1].end == s.start + m.start()]
            if groups:
                inds = [i for i in info.industries if i.start >= s.start + m.end()]
                spans = [Span(p.start, p.end, "place") for p in groups[0]]
                spans += [Span(i.start, i.end, "industry") for i in inds]
                add(info, "spots", "spots", "多点", "Places named by example", groups[0], inds,
                    spans)
        # counted lists: "four major function areas: A, B, C and D"
        for noun, items in info.counted:
            spans = [Span(i.start, i.end, "zone") for i in items]
            add(info, _slug(noun), plan_kind(noun), noun, noun, items, [], spans)
            for item in items:
                inds = zone_name_industries(item.text)
                if inds:
                    assignments.append(AssignmentFact(
                        info.sentence.index,
                        [Span(item.start + i.start, item.start + i.end, "industry")
                         for i in inds], place=member_key(item),
                        industries=list(dict.fromkeys(i.key for i in inds))))
    return elements, assignments


def place_assignments(infos: list[SentenceInfo], text: str, skip: set[int],
                      single_unit: str = ""):
    """Industries assigned directly to places by the sentences that link them.

    Parameters
    ----------
    skip : set of int
        Sentences already used by element definitions.
    single_unit : str
        The adcode of a region that is one unit: every industry the document names
        outside the sentences in ``skip`` is hosted there.
    """
    assignments = []
    for info in infos:
        s = info.sentence
        if s.index in skip or not info.industries:
            continue
        runs = place_groups(info, text=text)
        groups = [[m for m in g if m.kind == "unit"] for g in runs]
        groups = [g for g in groups if g]
        # a zone's run ends the industries of the unit before it (A区…、B新区…: B's own)
        zone_starts = [g[0].start for g in runs if not any(m.kind == "unit" for m in g)]
        # "滨江区：集成电路、人工智能" and table rows "| 滨江区 | 集成电路 |"
        colon = any(re.match(r"\s*[：:|\t]", text[g[-1].end:g[-1].end + 3]) for g in groups)
        if groups and (colon or _LINK.search(s.text)):
            for g, group in enumerate(groups):
                nxt = groups[g + 1][0].start if g + 1 < len(groups) else s.end
                nxt = min([z for z in zone_starts if group[-1].end < z < nxt], default=nxt)
                inds = [i for i in info.industries if group[-1].end <= i.start < nxt]
                if not inds and len(groups) == 1:
                    inds = list(info.industries)
                kinds = list(dict.fromkeys(i.key for i in inds))
                if len(group) > 1 and len(kinds) == len(group) and \
                        RESPECTIVELY.match(text, group[-1].end):  # A、B分别发展X和Y: A X, B Y
                    firsts = [next(i for i in inds if i.key == k) for k in kinds]
                    for m, i in zip(group, firsts, strict=True):
                        assignments.append(AssignmentFact(
                            s.index, [Span(m.start, m.end, "place"),
                                      Span(i.start, i.end, "industry")],
                            place=m.key, industries=[i.key]))
                elif inds:
                    spans = [Span(m.start, m.end, "place") for m in group]
                    spans += [Span(i.start, i.end, "industry") for i in inds]
                    for m in group:
                        assignments.append(AssignmentFact(
                            s.index, spans, place=m.key, industries=kinds))
        elif single_unit:
            assignments.append(AssignmentFact(
                s.index, [Span(i.start, i.end, "industry") for i in info.industries],
                place=single_unit, industries=list(dict.fromkeys(i.key for i in info.industries))))
    return assignments


_CLAUSE = re.compile(r"[^，,；;。！？!?]+")
_RELY = re.compile(r"依托|依靠|立足|relying on|relies on|based on|backed by", re.I)


def zone_hosts(infos: list[SentenceInfo], text: str, own_names=(), members=()):
    """Industries hosted by zones and parks (never by a designation).

    A park hosts the industries of its name only as a member of a layout element
    (``members``: the poles 南海电子信息产业园…) or in a clause linking it to industries.
    A zone that is a layout element's own name (``own_names``) hosts nothing of its own:
    the element does; a kind of zone with no proper name (电商创业展示基地) hosts nothing.
    Two forms: a park named for its industries hosts them (南海电子信息产业园: 电子信息), and
    a clause linking industries to zones: "新型显示产业依托A工业园" (the industries before
    依托 go to the zones after it), "人工智能产业推动A基地、B园…" (industries ahead of the
    zones go to all of them), "A园区重点发展X、Y" (industries after the zones go to them).
    """
    from .zones import is_designation, is_generic

    out = []
    for info in infos:
        zones = [m for m in info.places if m.kind == "zone"
                 and not is_designation(m.key, text[max(0, m.start - 4):m.start])
                 and not any(n and (n in m.key or m.key in n) for n in own_names)]
        for z in zones:
            if is_generic(z.text):
                continue  # 电商创业展示基地: a kind of base, no proper name, hosts nothing
            own = next((c for c in _CLAUSE.finditer(info.sentence.text)
                        if c.start() <= z.start - info.sentence.start < c.end()), None)
            linked = own is not None and (_LINK.search(own.group()) or _RELY.search(own.group()))
            if z.key not in members and not linked:
                continue  # a park named in passing, not as a layout member or a host
            clause = _CLAUSE.match(text, z.end)
            if re.search(r"投资", text[max(info.sentence.start, z.start - 30):z.start]) or \
                    clause and "项目" in clause.group():
                continue  # a project (总投资…的…基地…等项目), not a park hosting industries
            inds = zone_name_industries(z.text)
            if inds:
                spans = [Span(z.start, z.end, "zone")]
                spans += [Span(z.start + i.start, z.start + i.end, "industry") for i in inds]
                out.append(AssignmentFact(info.sentence.index, spans, place=member_key(z),
                                          industries=list(dict.fromkeys(i.key for i in inds))))
        s = info.sentence
        for clause in _CLAUSE.finditer(s.text):
            a, b = s.start + clause.start(), s.start + clause.end()
            here = [z for z in zones if a <= z.start and z.end <= b]
            inds = [i for i in info.industries if a <= i.start < b]
            if not here or not inds or not _LINK.search(clause.group()) and \
                    not _RELY.search(clause.group()):
                continue
            rely = _RELY.search(clause.group())
            if rely:
                at = a + rely.start()
                hosts = [z for z in here if z.start >= at]
                chosen = [i for i in inds if i.end <= at] or \
                    [i for i in inds if hosts and i.start >= hosts[-1].end]
            else:
                hosts = here
                chosen = [i for i in inds if i.end <= here[0].start] or \
                    [i for i in inds if i.start >= here[-1].end]
            if not hosts or not chosen:
                continue
            spans = [Span(z.start, z.end, "zone") for z in hosts]
            spans += [Span(i.start, i.end, "industry") for i in chosen]
            for z in hosts:
                out.append(AssignmentFact(s.index, spans, place=member_key(z),
                                          industries=list(dict.fromkeys(i.key for i in chosen))))
    return out


_TOPIC_LINK = re.compile(r"包括|支柱产业|主导产业|重点发展|发展|引进|招引|布局")
#: Words that open a sentence before its subject (同时，火炬高新区…): no subject of their own.
_CONNECTIVE = re.compile(r"^(?:同时|此外|另外|目前|当前|近年来|今年以来|今年|未来)[，,]?")
_TOPIC_PRONOUN = re.compile(r"^(?:该区|该县|该市|该园区|该园|该开发区|其(?![他余次]))")


def _opening_place(info):
    """The unit or zone a sentence opens with (its subject), or None."""
    first = info.units()[:1]
    lead = _CONNECTIVE.match(info.sentence.text)
    return first[0] if first and first[0].start - info.sentence.start <= (
        lead.end() if lead else 0) else None


def topic_hosts(infos: list[SentenceInfo], text: str, skip: set[int]):
    """Industries of a paragraph about one place: a paragraph whose heading line or first
    sentence opens with a zone or unit (or, from a later sentence opening with one, that
    place), and whose later sentences name industries with no
    place of their own ("主要包括A、B等支柱产业"), or refer to it (该区…加速引进A、B等产业): the
    place hosts them (a sentence referring to it, those of its clauses naming no place)."""
    from .zones import is_designation, is_generic

    out, topic, paragraph = [], None, None
    for n, info in enumerate(infos):
        s = info.sentence
        if s.paragraph != paragraph:  # a new paragraph: its topic, or its heading's
            previous = infos[n - 1] if n else None
            heading = previous if previous is not None and previous.sentence.number == 1 and \
                previous.sentence.paragraph == s.paragraph - 1 and (
                    n < 2 or infos[n - 2].sentence.paragraph != previous.sentence.paragraph) \
                else None
            paragraph = s.paragraph
            topic = _opening_place(info) or (_opening_place(heading) if heading else None)
            if topic is not None and topic.kind == "zone" and (
                    is_generic(topic.text) or is_designation(topic.key)):
                topic = None
            if _opening_place(info) is not None:
                continue
        elif _opening_place(info) is not None:  # 同时，火炬高新区…: a new subject from here on
            opening = _opening_place(info)
            topic = None if opening.kind == "zone" and (
                is_generic(opening.text) or is_designation(opening.key)) else opening
            continue
        if topic is None or s.index in skip or not info.industries or \
                not _TOPIC_LINK.search(s.text):
            continue
        if _TOPIC_PRONOUN.match(s.text):
            inds = [i for c in _CLAUSE.finditer(s.text)
                    if not any(s.start + c.start() <= p.start < s.start + c.end()
                               for p in info.units())
                    for i in info.industries if s.start + c.start() <= i.start < s.start + c.end()]
        elif not info.units():
            inds = list(info.industries)
        else:
            continue
        if not inds:
            continue
        place = member_key(topic)
        out.append(AssignmentFact(
            s.index, [Span(topic.start, topic.end, "zone" if topic.kind == "zone" else "place"),
                      *(Span(i.start, i.end, "industry") for i in inds)],
            place=place, industries=list(dict.fromkeys(i.key for i in inds))))
    return out


#: What closes a list of clusters or industries: 等9大加工集群, 等特色产业, 等产业基地.
_CLUSTER_CLOSE = re.compile(r"等(?:\d+|[一两二三四五六七八九十]+)?(?:大|个)?[\u4e00-\u9fff]{0,6}?"
                            r"(?:产业集群|集群|产业(?![区园带])|行业|基地)")


def unit_item_hosts(infos: list[SentenceInfo]) -> list[AssignmentFact]:
    """Items of a list of clusters or industries that each open with a unit's or a zone's
    name ("形成颍上稻米加工、颍东食品加工…等9大加工集群", "整合甲高新区精细化工产业、乙新港区
    橡胶产业"): the place hosts the rest of its item, an industry (a lexicon term inside it,
    else a new one by that name). At least two items must open with a place, and the list
    must be closed as clusters or industries (等…集群, or every item ending in 产业). The
    industries are added to their sentence's mentions.
    """
    from .industries import enumerations

    out = []
    for info in infos:
        s = info.sentence
        places = [m for m in info.places if m.kind in ("unit", "zone")]
        for items in enumerations(s.text, "zh"):
            each = all(s.text[a:b].endswith("产业") for a, b in items[:-1]) and \
                s.text.startswith("产业", items[-1][1])  # A区X产业、B区Y产业
            if not each and not _CLUSTER_CLOSE.match(s.text, items[-1][1]):
                continue
            pairs = []
            for a, b in items:
                if each and s.text[a:b].endswith("产业"):
                    b -= 2
                unit = next((u for u in places if u.start == s.start + a), None)
                rest = s.text[a:b][unit.end - unit.start:] if unit else ""
                if unit and 2 <= len(rest) <= 10 and not re.search(r"[\d“”]|[区城园镇]$", rest):
                    pairs.append((unit, s.start + b - len(rest), rest))
            if len(pairs) < 2:
                continue
            for unit, start, rest in pairs:
                mention = _item_industry(info, start, rest, overlapping=False)
                out.append(_place_hosts(s.index, unit, [mention]))
    return out


def _item_industry(info: SentenceInfo, start: int, item: str, overlapping: bool):
    """The industry a list item at ``start`` names: the first lexicon term inside it, else a
    new industry by the item's words. It is added to the sentence's mentions unless one
    there has its span (or, ``overlapping``, shares any of it)."""
    from .industries import IndustryMention

    inside = find_industries(item)
    if inside and as_written(item, inside):  # 石化新材料, 汽车及零部件: one industry,
        inside = []                             # in place of the terms inside it
        info.industries[:] = [i for i in info.industries
                              if not (start <= i.start and i.end <= start + len(item))]
    mention = IndustryMention(start + inside[0].start, start + inside[0].end, inside[0].key,
                              inside[0].text) if inside else \
        IndustryMention(start, start + len(item), "new:" + item, item)
    if not any((i.start < mention.end and mention.start < i.end) if overlapping else
               (i.start == mention.start and i.end == mention.end) for i in info.industries):
        info.industries[:] = sorted([*info.industries, mention], key=lambda i: i.start)
    return mention


def _place_hosts(sentence: int, place, mentions: list) -> AssignmentFact:
    """``place`` (a unit, or a zone) hosts the industries of ``mentions``."""
    return AssignmentFact(
        sentence, [Span(place.start, place.end, "zone" if place.kind == "zone" else "place"),
                   *(Span(i.start, i.end, "industry") for i in mentions)],
        place=member_key(place),
        industries=list(dict.fromkeys(i.key for i in mentions)))


#: 以<place><industries>为核心: a frame whose body opens with a place and goes on with what
#: it develops (以甲高新区炼化一体化和石化新材料为核心).
_FRAMED = re.compile(r"以(?P<body>[^以为，,。；;]{4,40}?)为(?:核心|重点|主导|支撑|主体|特色|支柱)")


def framed_place_hosts(infos: list[SentenceInfo]) -> list[AssignmentFact]:
    """A place hosts the industries written right after it inside 以…为核心/重点/主导: the
    rest of the frame's body, split at 、和及与, each item a short noun phrase (a lexicon term
    inside it, else a new industry by that name). The industries are added to their
    sentence's mentions."""
    from .industries import is_noun_phrase

    out = []
    for info in infos:
        s = info.sentence
        for m in _FRAMED.finditer(s.text):
            a = s.start + m.start("body")
            place = next((p for p in info.units() if p.start == a and p.end < s.start +
                          m.end("body")), None)
            if place is None or any(place.end <= p.start < s.start + m.end("body")
                                    for p in info.places):
                continue  # 以A、B为核心: places only, no industry of theirs
            rest_at = place.end - s.start
            rest = s.text[rest_at:m.end("body")]
            pieces = [(x.start() + rest_at, x.group()) for x in re.finditer(r"[^、和及与]+", rest)]
            if not pieces or not all(2 <= len(t) <= 10 and is_noun_phrase(t) for _, t in pieces):
                continue
            mentions = [_item_industry(info, s.start + at, piece, overlapping=True)
                        for at, piece in pieces]
            out.append(_place_hosts(s.index, place, mentions))
    return out
