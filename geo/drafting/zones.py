"""Place-like spans that resolve to no unit: zones, parks, valleys, hubs, towns, and the
items of counted lists ("four function areas: A, B, C and D"). All are *not located*.
"""

from __future__ import annotations

import re

from .places import Mention

_ZH_ZONE_SUFFIX = ("高新技术产业开发区", "经济技术开发区", "经济开发区", "高新区", "经开区",
                   "开发区", "示范区", "功能区", "集聚区", "先行区", "试验区", "科创区", "新区",
                   "投资区", "片区", "园区", "加工区", "机场",
                   "产业园", "软件园", "科技园", "工业园", "示范园", "创新园", "创新圈",
                   "科学城", "科技城", "新城", "小镇", "基地", "走廊",
                   "数据港", "安全港", "港区", "经济区", "经济带", "产业带", "创新带", "发展带",
                   "制造带",
                   "带", "港", "谷", "湾区", "街道", "镇", "都市区", "都市圈")
_ZH_STOP = ("打造", "建设", "建成", "形成", "推进", "推动", "加快", "依托", "围绕", "成为", "培育",
            "创建", "争创", "布局", "全力", "加强", "提升", "构建", "重点", "包括", "其中",
            "实现", "支持", "鼓励", "引导", "聚焦", "谋划", "建立", "设立", "申报", "入选", "获批",
            "以", "在", "为", "即", "是", "的", "和", "与", "及", "以及", "及其", "串联", "联动",
            "整合", "对接", "带动", "突出", "承载", "占", "被", "授予", "获批", "入选", "荣获",
            "获评", "评为", "认定", "纳入", "通过", "统筹", "累计", "旨在",
            "将", "把", "对", "向", "从",
            "等",
            "个", "了", "并", "或", "由", "至", "到", "于", "有", "这", "该", "其", "各", "中",
            "一批", "若干", "多个", "一个", "两个", "全国", "全省", "全市", "国家级", "省级")
#: Words before a zone's name that are no part of it; (二) numbers a heading (（二）开发区布局).
_ZH_LEAD = re.compile(r"^(?:[即为以在和与及将把对向从等的是其]|[东南西北中][部翼核带廊区片极]"
                      r"|[东南西北][起至到]|[（(][一二三四五六七八九十\d]+[)）])+")
_ZH_VERB_CUT = re.compile(r".*(?:着力|推动|依托|优化|深化|加快|打造|构建|培育|支持|旨在|这是"
                          r"|整合|突出|对接|进一步|现有|拥有)[以在将把]?")
#: Areas a plan places by their kind, each one place of its region (中心城区: the central
#: urban districts): zones with no proper name, yet places, not kinds of place.
_AREA = re.compile(r"(?<![\u4e00-\u9fff]城)(?:中心城区|主城区|老城区)"
                   r"|(?<![城各全县都])市区(?![域县])")
#: A count inside a zone's stem (现代物流三大产业廊带): a counted label of a class, no name.
_COUNTED_STEM = re.compile(r"(?:[一两二三四五六七八九十]|\d+)[大个]")
_MIN_STEM = {"带": 4}  # 沿江智能制造带, but not 沿海地带
_GENERIC_STEM = ("城", "乡", "特色", "各", "全", "小")
_GENERIC_BEFORE = ("多个", "若干", "一批", "各类", "一系列", "系列", "一些", "各", "多",
                   "等")  # "A、B等产业园区": after 等, a class of the places named, not one
_GENERIC_START = ("系列", "一系列", "一批", "若干", "多个", "各类", "一些")  # 系列市级…园区
_EN_ZONE = re.compile(
    r"(?:\b[A-Z][A-Za-z]*\s*\([A-Z][A-Za-z]*\)\s*)?"
    r"\b((?:[A-Z][A-Za-z'’&-]*\s+){1,7}"
    r"(?:Zone|Park|Valley|Hub|Port|Corridor|Town|New City|New Area|Pilot Zone|Base|Bay Area|"
    r"District|County))\b")
_EN_NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                    "ten", "multiple", "several", "double", "dual", "twin", "the", "a", "an"}


#: National or functional titles (国家…试验区, …融合发展示范区): roles, not places.
_DESIGNATION = re.compile(r"^(?:国家|全国|中国|省级|国家级).*(?:试验区|示范区|先行区|先导区|引领区"
                          r"|枢纽节点|名城|示范基地|高地|综试区|综合试验区)$|(?:发展|融合|治理|合作|改革)(?:试验区|示范区|先行区"
                          r"|先导区|引领区)$")


_TITLE_GIVERS = ("全国", "国家", "国家级", "省级", "全省")
_TITLE_SUFFIX = ("试验区", "示范区", "先行区", "先导区", "引领区", "示范城市", "试点城市", "名城")


#: A national or provincial title of a base or park (国家级软件产业基地): a role as well.
_TITLED_BASE = re.compile(r"^(?:国家|全国|国家级|省级)[^（）()]*(?:基地|产业园|示范园|园区)$")
#: Verbs that give a title: what follows them is a designation (获批国家…基地).
_GRANTED = ("获批", "入选", "认定为", "授予", "评为", "创建", "争创", "荣获", "获评")


def is_area(name: str) -> bool:
    """Whether a zone is an area named by its kind (中心城区, 主城区): a place of the region
    with no boundary of its own in the data, never an abolished unit."""
    return bool(_AREA.fullmatch(name))


def is_designation(name: str, before: str = "") -> bool:
    """Whether a zone-like name is a title given to a region (a role), not a place:
    国家…试验区, …融合发展示范区, 国家级…基地, a title right after 全国/国家/省级
    (建成全国…示范区), or one right after a verb granting it (获批…, 入选…)."""
    return bool(_DESIGNATION.search(name) or _TITLED_BASE.search(name)) or (
        name.endswith(_TITLE_SUFFIX) and before.endswith(_TITLE_GIVERS)) or \
        before.endswith(_GRANTED)


def is_generic(name: str) -> bool:
    """Whether a Chinese zone name is a kind of zone, with no proper name in it: every word
    before its suffix is a lexicon or glossary word (电商创业展示基地, 数字经济产业园), or
    there is none (经济技术开发区)."""
    from .glossary import known
    from .lexicon import lexicon

    suffixes = [s for s in lexicon()["zone_suffixes"]["zh"] if not s.startswith("_")]
    suffix = next((s for s in sorted(suffixes, key=len, reverse=True) if name.endswith(s)), "")
    stem = name[:len(name) - len(suffix)]
    if not stem:  # the name is a kind of zone and nothing else (1个国家级经济技术开发区)
        return bool(suffix)
    return not name.isascii() and known(stem)


def find_zones(text: str, lang: str, words: tuple[str, ...] = ()) -> list[Mention]:
    """Named zones, parks, valleys, hubs and corridors in ``text`` (offsets into it)."""
    found = []
    for m in _EN_ZONE.finditer(text):
        start = m.start()
        first = text[m.start(1):m.end(1)].split()[0].lower()
        if first in ("the", "a", "an") and text[m.start():m.start(1)] == "":
            start = m.start(1) + len(text[m.start(1):].split()[0]) + 1
        elif first in _EN_NUMBER_WORDS and text[m.start():m.start(1)] == "":
            continue
        span = text[start:m.end()].strip()
        if len(span.split()) >= 2:
            found.append(Mention(start, m.end(), "zone", span, span))
    if lang == "zh" or re.search(r"[\u4e00-\u9fff]", text):
        found += _zh_zones(text, words)
    return found


def _zh_zones(text: str, words: tuple[str, ...]) -> list[Mention]:
    from .text import segment

    tokens = segment(text, words)
    ends = {b for _, b, _ in tokens}
    starts = {a: (a, b, w) for a, b, w in tokens}
    by_end = {b: (a, b, w) for a, b, w in tokens}
    found: list[Mention] = []
    for suffix in _ZH_ZONE_SUFFIX:
        i = text.find(suffix)
        while i >= 0:
            end = i + len(suffix)
            if end in ends and not any(m.start <= i < m.end for m in found) and \
                    not _NOT_SUFFIX.match(text, max(0, i - 1)):
                start = _zone_start(text, i, by_end, starts)
                lead = _ZH_LEAD.match(text[start:i])  # 即…, 东翼…: not part of the name
                if lead:
                    start += lead.end()
                verb = _ZH_VERB_CUT.match(text[start:i])  # 着力以绍芯谷: the verb is no name
                if verb and i - (start + verb.end()) >= 2:
                    start += verb.end()
                opened = max(text.rfind("(", start, i), text.rfind("（", start, i))
                if opened >= 0 and not re.search(r"[)）]", text[opened:i]):
                    start = opened + 1  # 示范区(广安片区: the name inside the bracket
                name = text[start:end]
                before = text[max(0, start - 3):start]
                stem = name[:len(name) - len(suffix)]
                generic = stem.startswith(_GENERIC_START) or before.endswith(_GENERIC_BEFORE) \
                    or stem.endswith(_GENERIC_STEM) or bool(_COUNTED_STEM.search(stem))
                if len(stem) >= _MIN_STEM.get(suffix, 2) and not generic and \
                        not is_generic(name):
                    found.append(Mention(start, end, "zone", name, name))
            i = text.find(suffix, i + 1)
    for m in _AREA.finditer(text):  # 以中心城区为核心: an area the plan places, no suffix name
        if not any(f.start < m.end() and m.start() < f.end for f in found):
            found.append(Mention(m.start(), m.end(), "zone", m.group(), m.group()))
    return found


#: A suffix that is part of a common word here: 临港 (by the port: 临港产业), 纽带 (a link),
#: 地带 and 一带 (an area, a stretch).
_NOT_SUFFIX = re.compile(r"临港|[纽地一]带")


def _zone_start(text: str, i: int, by_end: dict, starts: dict) -> int:
    """Walk back from the zone suffix at ``i`` over name-like words (at most 16 characters)."""
    start = i
    token = by_end.get(i)
    if token is None:  # the suffix sits inside a token, e.g. 数据安全港: start at that token
        for a, b, _w in by_end.values():
            if a < i < b:
                start, token = a, by_end.get(a)
                break
    while token is not None:
        a, b, word = token
        if word in _RANK and _named_before(by_end.get(a)):
            start, token = a, by_end.get(a)  # 柳东国家级高新区: the rank inside a zone's name
            continue
        if word in _ZH_STOP or not re.fullmatch(r"[\u4e00-\u9fff（）()A-Za-z0-9]+", word) or \
                i - a > 16:
            break
        start = a
        token = by_end.get(a)
    return start


#: Ranks a zone's name may hold after its proper part (柳东国家级高新区, 长沙省级经开区).
_RANK = ("国家级", "省级", "自治区级", "市级")


def _named_before(token) -> bool:
    """Whether ``token`` (before a rank word) is a proper word of a name (a noun by its
    part-of-speech tag: 柳东, 河西), not a verb or a stop word (建有国家级…基地)."""
    from .text import pos_tags

    if token is None or token[2] in _ZH_STOP:
        return False
    lead = _ZH_LEAD.match(token[2])  # 即柳东: the word after the mark
    word = token[2][lead.end():] if lead else token[2]
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,}", word):
        return False
    tags = pos_tags(word)
    return len(tags) == 1 and tags[0][1].startswith("n")


# ---- counted lists: "four major function areas: A, B, C and D" --------------------------

_EN_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
              "nine": 9, "ten": 10}
_ZH_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
              "十": 10}
_EN_COUNTED = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:(?:major|main|key|big)\s+)?"
    r"((?:[a-z-]+\s+){0,2}(?:areas|zones|parks|bases|platforms|districts|towns|hubs|valleys))"
    r"\s*:\s*([^.;]+)", re.I)
_ZH_COUNTED = re.compile(r"([两二三四五六七八九十\d]+)(?:大|个)([\u4e00-\u9fff]{0,6}"
                         r"(?:功能区|片区|板块|基地|平台|小镇|区|园))[：:]([^。；]+)")


#: A quoted counted label defined by a list right after it: “五园”包括A、B、C、D、E;
#: “六组团”包含A、B…等六大组团 (each item an area's name).
_ZH_LABELLED = re.compile(r"[“\"]([两二三四五六七八九十]|\d+)(?:大|个)?([\u4e00-\u9fff]{0,4}"
                          r"(?:组团|片区|板块|基地|平台|小镇|功能区|园区|园|区|湾))[”\"]\s*"
                          r"(?:主要)?(?:包括|包含|涵盖|即|是指|分别是|分别为|：|:)([^。；;]+)")
#: How an area's name ends: an item of a labelled list must end so.
_AREA_END = re.compile(r"(?:组团|片区|板块|基地|小镇|园|区|城|镇|湾)$")


def counted_lists(text: str) -> list[tuple[str, list[Mention]]]:
    """Lists announced with their count ("four function areas: A, B, C and D").

    Returns
    -------
    list of (noun, items)
        ``noun`` names what the items are ("function areas"); each item is a zone
        mention (offsets into ``text``). Only lists with as many items as announced.
    """
    return _counted(text, ((_EN_COUNTED, _EN_COUNTS), (_ZH_COUNTED, _ZH_COUNTS)))


def labelled_areas(text: str) -> list[Mention]:
    """The areas a quoted counted label lists right after it (“五园”包括A、B、C、D、E),
    as zone mentions, when the list has as many items as the label counts and each is an
    area's name. They are places of the text, not a counted list of its own (the label
    is a slogan's part, which :mod:`.layout` reads)."""
    return [m for _, items in _counted(text, ((_ZH_LABELLED, _ZH_COUNTS),)) for m in items]


def _counted(text: str, patterns) -> list[tuple[str, list[Mention]]]:
    found = []
    for pattern, numbers in patterns:
        for m in pattern.finditer(text):
            if re.search(r"(?:辖|代管)$", text[max(0, m.start() - 3):m.start()]):
                continue  # 下辖3个区：A区、B区…: the region's units, no counted areas
            word = m.group(1).lower()
            count = int(word) if word.isdigit() else numbers.get(word, 0)
            body, base = m.group(3), m.start(3)
            if body.isascii():
                from .industries import list_items

                spans = list_items(body)
            else:
                spans = _zh_items(body)
            if pattern is _ZH_LABELLED:
                spans = _named_areas(body, spans)
            items = []
            for a, b in spans:
                piece = body[a:b]
                lead = re.match(r"\s*(?:the\s+)?", piece, re.I).end()
                name = piece[lead:].rstrip()
                if name:
                    items.append(Mention(base + a + lead, base + a + lead + len(name), "zone",
                                         name, name))
            if count and len(items) == count:
                found.append((m.group(2).strip(), items))
    return found


def _named_areas(body: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The items of a labelled list when each is an area's name (its last one cut before
    等: A、B等六大组团), else none."""
    if spans:
        a, b = spans[-1]
        cut = body.find("等", a, b)
        spans = spans[:-1] + [(a, cut if cut > a else b)]
    if all(_AREA_END.search(body[a:b].strip()) and 2 <= len(body[a:b].strip()) <= 20
           for a, b in spans):
        return spans
    return []


def _zh_items(body: str) -> list[tuple[int, int]]:
    """Items of a Chinese list joined by 、 and a last 和/及/以及."""
    items, pos = [], 0
    for m in re.finditer(r"、|以及|和|及|，|,", body):
        items.append((pos, m.start()))
        pos = m.end()
        if m.group() in ("以及", "和", "及"):
            end = re.search(r"[，,、]|$", body[pos:]).start() + pos
            items.append((pos, end))
            return items
        if m.group() in "，,":
            return items[:-1] + [items[-1]]
    items.append((pos, len(body)))
    return items


def english_zone_name(name: str, units=()) -> str:
    """An English name for a Chinese zone or park name: the unit it starts with in its
    English name, the words of its middle from the lexicon and glossary (pinyin only for
    a proper name found in neither), and its suffix's English (高新区: High-tech Zone).

    Examples
    --------
    >>> english_zone_name("南海电子信息产业园")
    'Nanhai Electronic Information Industrial Park'
    """
    from ..places.names import strip_zh_suffix
    from .glossary import english_words
    from .lexicon import lexicon

    suffixes = lexicon()["zone_suffixes"]["zh"]
    suffix = next((s for s in sorted(suffixes, key=len, reverse=True)
                   if s[0] != "_" and name.endswith(s)), "")
    stem, parts = name[:len(name) - len(suffix)], []
    while stem:
        unit = next((u for u in units for form in (u.name_zh, strip_zh_suffix(u.name_zh))
                     if len(form) >= 2 and stem.startswith(form)), None)
        if unit is not None:  # 广东省…, （佛山）: units by their English names
            form = unit.name_zh if stem.startswith(unit.name_zh) else \
                strip_zh_suffix(unit.name_zh)
            parts.append(unit.name_en)
            stem = stem[len(form):]
            continue
        cut = re.search(r"[（）()]", stem)
        piece, stem = (stem[:cut.start()], stem[cut.end():]) if cut else (stem, "")
        if piece:
            words = english_words(piece)[0].split()
            parts.append(" ".join(w if w in ("and", "of") else w[:1].upper() + w[1:]
                                  for w in words))
    if suffix:
        parts.append(suffixes[suffix])
    return " ".join(p for p in parts if p) or english_words(name)[0]
