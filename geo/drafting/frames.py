"""A structural reader: runs of places bound to the frame around them.

Where :mod:`.layout` and :mod:`.links` read the sentence forms they were written from,
this module reads structure only: a *run* is places (the region's units and named zones)
joined by 、 和 及 与 以及 (perhaps closed by 等), and a run takes its role from the nearest
*frame*:

- a counted label and its definition mark, ``“三区”：A、B和C`` / ``“三个园区”，就是打造A、B和C``
  / ``一核，即A`` (the label's noun a layout kind or a zone word): the run are its members;
- a run closed by a counted label, ``A、B、C等三大平台``, or said to be one, ``以A、B为两翼``
  / ``A是一核``: the same;
- a run that opens a clause and is followed by a development verb, ``A、B重点发展X、Y``,
  ``依托A，重点发展X`` (across the clauses of one sentence part, up to the next place):
  the run's places host the industries after the verb.

Every fact cites the spans of the words it uses (the label, each place, each industry).
"""

from __future__ import annotations

import re

from .facts import (
    RESPECTIVELY,
    AssignmentFact,
    ElementFact,
    SentenceInfo,
    Span,
    place_groups,
    unique_key,
)
from .places import member_key
from .slogans import LINES, kind_of_noun

#: A counted label (三区, 三个园区, 一核, 两大片区) and the mark defining it right after it.
_LABEL = re.compile(r"[“\"]?(?P<label>(?:[一两双二三四五六七八九十多]|\d{1,2})(?:个|大)?"
                    r"(?P<noun>[\u4e00-\u9fff]{1,3}?))[”\"]?\s*[，,]?\s*"
                    r"(?P<mark>[：:]|即|是指|就是|指的是|指|包括|涵盖|——|分别(?:是|为|指)|"
                    r"(?<=[”\"])\s*[为是])")
#: A counted label closing a run: A、B、C等三大平台, A和B两个园区.
_CLOSING = re.compile(r"^\s*等?\s*[“\"]?(?P<label>(?:[一两双二三四五六七八九十]|\d{1,2})(?:个|大)"
                      r"(?P<noun>[\u4e00-\u9fff]{1,4}?))[”\"]?(?=[，,。；;、为]|$)")
#: A counted label a run of places is said to be: A为一核, 以B、C为两翼, D是一核, E作为两翼
#: (the label closing its clause, so 为两翼联动 or 为一个整体 names no element).
_PREDICATE = re.compile(r"^\s*(?:为|是|作为)\s*[“\"]?"
                        r"(?P<label>(?:[一两双二三四五六七八九十多]|\d{1,2})"
                        r"(?:个|大)?(?P<noun>[\u4e00-\u9fff]{1,3}?))[”\"]?(?=[，,。；;、]|$)")
#: A numbered layout (“1+3+N”) and one of its parts defined by a mark (“1”指A区, “3”即B、C、D).
_NUMBERED = re.compile(r"(?<![\d.])\d{1,2}(?:\s*\+\s*(?:\d{1,2}|[A-Z]))+")
_NUMBER_PART = re.compile(r"[“\"](?P<label>\d{1,2}|[A-Z])(?P<noun>)[”\"]\s*[，,]?\s*"
                          r"(?P<mark>是指|指的是|指|即|代表|为|：|:)")
#: A count inside a label's noun: the "label" is a slogan's run of parts (两带三区).
_COUNT_IN = re.compile(r"[一两双二三四五六七八九十多]")
#: Words before a count of units that describe the administration, not a layout (下辖3个区).
_ADMIN = re.compile(r"(?:辖|代管|设有?|共有|拥有)$")
#: Zone words a label may count besides the layout kinds (三个园区, 四大片区).
_ZONE_NOUNS = ("园区", "片区", "板块", "组团", "平台", "基地", "功能区", "产业园", "集聚区",
               "开发区", "产业区", "城区", "新城", "园")
#: What may open a clause before its subject: connectives and the verbs of relying on a place.
_LEAD = re.compile(r"^(?:同时|此外|另外|其中|目前|当前|近年来|未来|今后|下一步)?[，,]?\s*"
                   r"(?:全力|着力|重点|积极|加快)?(?:在|依托|立足|支持|推动|鼓励|引导|围绕|突出)?")
#: A development verb: what follows it is what the subject develops.
_DEVELOP = re.compile(r"(?:重点|主要|着力|加快|大力|优先|积极|聚力)?(?:发展|布局|打造|培育|聚焦|"
                      r"做强|做大|壮大|引进|集聚|承载|带动|构建|形成(?!以))|大力提升|形成了?以|"
                      r"以(?=[^，,。；;]{1,40}?为(?:主导|支撑|重点|特色|支柱|核心|主体))")


def _noun_kind(noun: str) -> str:
    """The element kind a label's noun gives (核 core, 园区 park…), or '' for other nouns."""
    if noun.endswith(_ZONE_NOUNS) or noun in _ZONE_NOUNS:
        return kind_of_noun(noun, "zh") or "zone"
    return kind_of_noun(noun, "zh") if len(noun) == 1 or noun[-1] in "核带廊轴翼极点区园城" \
        else ""


def _names_the_line(place, noun: str) -> bool:
    """Whether a place is a belt, axis or corridor named for a linear label (两带：A带、B带):
    the label's parts themselves, named by route or theme, not its members."""
    return place.kind == "zone" and noun.endswith(LINES) and place.text.endswith(noun[-1])


def _span(m) -> Span:
    return Span(m.start, m.end, "zone" if m.kind == "zone" else "place")


def _same_label(a: str, b: str) -> bool:
    x, y = (re.sub(r"[“”\"\s]", "", s) for s in (a, b))
    return bool(x and y) and (x == y or x in y or y in x)


def counted_members(infos: list[SentenceInfo], text: str, elements: list[ElementFact],
                    used: set[str], claimed: set[tuple[int, int]]) -> list[ElementFact]:
    """Members of counted labels their text defines by a run of places.

    An element of that label already drafted as not located gets them; one with members,
    or whose definition names itself (“一廊”即X走廊: its extent), is left alone; a label no
    element has becomes a new element. Places another element already holds (``claimed``
    spans) are never taken again.
    """
    out = []
    numbered = {p for m in _NUMBERED.finditer(text) for p in m.group().split("+")}
    for info in infos:
        s = info.sentence
        defs = [m for m in _LABEL.finditer(s.text) if _noun_kind(m.group("noun"))
                and not _ADMIN.search(s.text[max(0, m.start() - 4):m.start()])
                and not _COUNT_IN.search(m.group("noun"))]  # 两带三区: a slogan, no label
        defs += [m for m in _NUMBER_PART.finditer(s.text) if m.group("label") in numbered]
        defs.sort(key=lambda m: m.start())
        found = [(m.group("label"), m.group("noun"), s.start + m.start("label"),
                  s.start + m.end("mark"),
                  s.start + (defs[k + 1].start() if k + 1 < len(defs) else len(s.text)))
                 for k, m in enumerate(defs)]
        for group in place_groups(info, text=text):
            after = s.text[group[-1].end - s.start:]
            tail = _CLOSING.match(after) or _PREDICATE.match(after)
            if tail and _noun_kind(tail.group("noun")):
                at = group[-1].end + tail.start("label")
                found.append((tail.group("label"), tail.group("noun"), at, group[0].start,
                              group[-1].end))
        for label, noun, at, a, b in found:
            if label in numbered and not noun:  # “1”: quoted as the text writes it
                at, label, noun = at - 1, f"“{label}”", "区"
            runs = place_groups(info, a, b, text=text)
            if not runs or runs[0][0].start - a > 8:
                continue  # the definition does not open with places
            places = list(runs[0])
            for nxt in runs[1:]:  # “两带”：A、B；C、D: runs set apart by punctuation only
                if re.fullmatch(r"[；;，,、\s]*", text[places[-1].end:nxt[0].start]):
                    places += nxt
                else:
                    break
            places = [p for p in places if (p.start, p.end) not in claimed
                      and not any(q is not p and q.start <= p.start and p.end <= q.end
                                  for q in places)
                      and not _names_the_line(p, noun)]
            if not places:
                continue
            claimed |= {(p.start, p.end) for p in places}
            spans = [Span(at, at + len(label), "element"), *map(_span, places)]
            members = list(dict.fromkeys(map(member_key, places)))
            old = next((e for e in elements + out if _same_label(e.zh, label)), None)
            if old is not None:
                if not old.members and old.extent.startswith("not located"):
                    old.members, old.extent = members, ""  # (not its own name: 一廊即X走廊)
                    old.spans += spans
                continue
            kind = _noun_kind(noun)
            out.append(ElementFact(s.index, spans, key=unique_key(kind, used), kind=kind, zh=label,
                                   en=_english_label(label, kind), members=members, extent="",
                                   defined_at=s.index))
    return out


_COUNT_EN = {"一": "One", "两": "Two", "双": "Two", "二": "Two", "三": "Three", "四": "Four",
             "五": "Five", "六": "Six", "七": "Seven", "八": "Eight", "九": "Nine", "十": "Ten",
             "多": "Multiple"}


def _english_label(label: str, kind: str) -> str:
    """``三个园区`` -> ``Three parks``: the count's English word and the kind; a numbered
    layout's part (“3”) -> ``Part "3"``."""
    if label.startswith("“"):
        return f'Part "{label.strip("“”")}"'
    first = re.match(r"\d+|[一两双二三四五六七八九十多]", label).group()
    count = _COUNT_EN.get(first, first)
    return f"{count} {kind}{'' if count == 'One' else 's'}"


def _subject_parts(sentence: str):
    """Where a subject may open: each part of the sentence up to its ；, and each clause of
    it from a ，, running to the part's end (以产业集群为抓手，铁山港区正加速形成A、B), and
    whether it opens at a ，."""
    for part in re.finditer(r"[^；;]+", sentence):
        yield part, False
        for comma in re.finditer(r"[，,]", part.group()):
            rest = re.compile(r"[^；;]+").match(sentence, part.start() + comma.end())
            if rest:
                yield rest, True


def subject_hosts(infos: list[SentenceInfo], text: str, done: set[tuple[str, str]],
                  skip: set[int] = frozenset()):
    """Industries a clause's subject develops: a run of places opening a part of a
    sentence (up to ；), a development verb after it (in the same clause or a later one),
    and the industries after that verb up to the next place. Pairs already drafted
    (``done``: (place, industry)) are not drafted twice."""
    from .zones import is_designation, is_generic

    out = []
    for info in infos:
        s = info.sentence
        if s.index in skip:
            continue
        for part, at_comma in _subject_parts(s.text):
            a, b = s.start + part.start(), s.start + part.end()
            lead = _LEAD.match(part.group())
            groups = place_groups(info, a, b, text=text)
            if not groups or groups[0][0].start - a > (lead.end() if lead else 0) + 1:
                continue
            run = [p for p in groups[0] if p.kind == "unit" or not (
                is_generic(p.text) or is_designation(p.key, text[max(0, p.start - 4):p.start]))]
            verb = _DEVELOP.search(text, groups[0][-1].end, b)
            if not run or not verb or len(run) > 1 and RESPECTIVELY.match(text, run[-1].end):
                continue  # A、B分别…: paired one to one where the places are assigned
            if at_comma and any(g[0].start < verb.start() for g in groups[1:]):
                continue  # 以A、B为主，…在C、D集中发展X: the places nearer the verb are its subject
            later = [p.start for g in groups[1:] for p in g if p.start > verb.end()]
            stop = min(later, default=b)
            inds = [i for i in info.industries if verb.end() <= i.start < stop]
            for p in run:
                new = [i for i in inds if (member_key(p), i.key) not in done]
                if not new:
                    continue
                done |= {(member_key(p), i.key) for i in new}
                spans = [_span(p), *(Span(i.start, i.end, "industry") for i in new)]
                out.append(AssignmentFact(s.index, spans, place=member_key(p),
                                          industries=list(dict.fromkeys(i.key for i in new))))
    return out
