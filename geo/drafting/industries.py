"""Industries in a document: lexicon terms, enumerations and numbered groups ("3+5").

Known industries are matched against the lexicon (``geo/data/draft_lexicon.json``). An
item of an enumeration whose other items are mostly known industries is proposed as a
new industry with an id made from its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ._numerals import count_value
from .lexicon import industry_terms, lexicon
from .segments import inside_word


@dataclass(frozen=True)
class IndustryMention:
    """An industry named in a sentence; ``key`` is a lexicon id or ``new:<name>``."""

    start: int  # offsets into the text searched
    end: int
    key: str
    text: str


@cache
def _en_pattern():
    terms = sorted((t for t in industry_terms() if t.isascii()), key=len, reverse=True)
    parts = []
    for term in terms:
        body = re.escape(term).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]?")
        # Acronyms (AI, IoT, VR) keep their case; words fold case and take a plural s.
        parts.append(body if any(c.isupper() for c in term[1:]) or term.isupper()
                     else f"(?i:{body}(?:s|es)?)")
    return re.compile(r"(?<![A-Za-z0-9-])(?:" + "|".join(parts) + r")(?![A-Za-z0-9])")


def _lookup_en(text: str) -> str | None:
    folded = " ".join(text.lower().replace("-", " ").split())
    for term, key in industry_terms().items():
        t = " ".join(term.lower().replace("-", " ").split())
        if folded in (t, t + "s", t + "es"):
            return key
    return None


def find_industries(text: str) -> list[IndustryMention]:
    """Lexicon industries in ``text``, longest match first, not overlapping."""
    found: list[IndustryMention] = []
    for m in _en_pattern().finditer(text):
        key = _lookup_en(m.group())
        if key:
            found.append(IndustryMention(m.start(), m.end(), key, m.group()))
    for term in sorted((t for t in industry_terms() if not t.isascii()), key=len, reverse=True):
        i = text.find(term)
        while i >= 0:
            end = i + len(term)
            if _INSTITUTION.match(text[end:]) and not term.endswith("中心") or \
                    len(term) == 2 and inside_word(text, i, end):
                i = text.find(term, i + 1)
                continue
            if not any(f.start < end and i < f.end for f in found):
                found.append(IndustryMention(i, end, industry_terms()[term], term))
            i = text.find(term, i + 1)
    return sorted(found, key=lambda f: f.start)


def zone_name_industries(name: str) -> list[IndustryMention]:
    """Lexicon industries in a zone's name that say what it hosts: not the broad sectors
    zones are named for as a kind (a source's ``read_in_zone_names``: 化工园区)."""
    from .lexicon import industry

    kinds = {k for k, v in lexicon()["sources"].items()
             if isinstance(v, dict) and v.get("read_in_zone_names") is False}
    return [m for m in find_industries(name) if industry(m.key).get("source") not in kinds]


# ---- enumerations ------------------------------------------------------------------------

_EN_TRIGGER = re.compile(r"^.*\b(?:including|include|includes|such as|like|of|in|on|to|are|is|"
                         r"namely|:)\s+", re.I)
_EN_STRONG = re.compile(r"^.*\b(?:including|include|includes|such as|namely|like)\s+", re.I)
_EN_LEAD = re.compile(r"^(?:and|or|the|as well as)\s+", re.I)
#: A class of industries naming the list right after it (主导产业A、B, 新兴产业如A、B): one of
#: the lexicon's ``industry_classes`` and 产业, perhaps with 如 or 有.
_CLASS_LABEL = "(?:" + "|".join(map(re.escape, sorted(lexicon()["industry_classes"]["zh"],
                                                      key=len, reverse=True))) + \
    ")产业(?!化)(?:如|有|包括)?"
_ZH_LEAD = re.compile(r"^.*(?:重点发展|加快发展|大力发展|培育发展|发展|培育|聚焦|围绕|布局|"
                      r"包括|涵盖|"
                      r"做强|做大|壮大|打造|推动|推进|引进|招引|聚集|集聚|形成|以|即|承载|带动|提升|构建|"
                      r"整合|对接|加快|(?:区|园|县|市)在|"  # 依托甲山高新区在A、B等领域的优势
                      r"(?:产业|行业|领域)[^、]{0,4}?(?:有|是|为)|"  # 主要产业有A、B
                      + _CLASS_LABEL + r")了?")  # 推动主导产业A、B, 培育新兴产业如A、B
#: What 产业 right after a list may do: its growth (A、B产业集聚, A、B产业转型升级).
_GROWTH = r"(?:集聚|聚集|发展|壮大|升级|转型升级|提质升级|改造提升|转型发展)"
#: Where a list's last item ends: 等, 为主导…, 为主 (以A、B为主的产业体系), its noun, or the
#: count of a closing group (A、B、C五大优势产业).
_ZH_COUNT = r"(?:[一两二三四五六七八九十]|\d+)(?:大|个(?=产业|行业))"  # 三大, 三个产业
_ZH_TAIL = re.compile(r"(?:等|为(?:主导|重点|核心|支柱|支撑|主体|特色|首位|主(?![导体要]))|"
                      r"产业$|行业$|领域$|"
                      r"产业(?=" + _GROWTH + r"$)|产业集群$|"
                      r"是(?=[^、，,。；]{0,12}?(?:产业|行业))|"  # 带动A、B产业集聚; A、B是支柱产业
                      + _ZH_COUNT + r"(?=[^、，,。；]{0,6}?(?:产业|行业|领域)))")
#: An industry word that starts an institution's name (大数据管理局, 网络安全中心) is no industry
#: (局 of 布局, 格局, 结局 is no bureau: 新型显示产业重点布局在…).
_INSTITUTION = re.compile(r"^[\u4e00-\u9fff]{0,6}?(?:管理局|(?<![布格结])局|研究院|研究所|实验室|"
                          r"中心|联盟|协会|学院|大学|集团|公司)")


def enumerations(text: str, lang: str, known=()) -> list[list[tuple[int, int]]]:
    """Lists in ``text``: each a list of (start, end) item offsets.

    ``known`` industry mentions are never split (a term holding "and").
    """
    if lang == "zh":
        return _zh_lists(text)
    return _en_lists(text, [(k.start, k.end) for k in known])


def list_items(body: str, protected=()) -> list[tuple[int, int]]:
    """Items of an English list in ``body``: comma-separated pieces from the first one, the
    list ending with the piece joined by "and" ("A, B, C and D"; "A, B, and C").

    ``protected`` (start, end) spans are never split (known terms holding "and").
    """
    def free(i):
        return not any(a <= i < b for a, b in protected)

    items = []
    pieces = []
    for m in re.finditer(r"[^,]+", body):
        pieces.append((m.start(), m.end()))
    for a, b in pieces:
        piece = body[a:b]
        joined = [m for m in re.finditer(r"(?:^|\s)and\s", piece) if free(a + m.start() + 1)]
        if joined and joined[0].start() == 0 and items:
            items.append((a + joined[0].end(), b))
            break
        if joined:
            m = joined[-1]
            items += [(a, a + m.start()), (a + m.end(), b)]
            break
        items.append((a, b))
    return items


def _en_lists(text: str, protected=()) -> list[list[tuple[int, int]]]:
    lists = []
    for clause in re.finditer(r"[^.;:!?()]+", text):
        body, base = clause.group(), clause.start()
        local = [(a - base, b - base) for a, b in protected]
        pieces = [(m.start(), m.end()) for m in re.finditer(r"[^,]+", body)]
        start = 0  # the list starts after its last strong trigger, else its first weak one
        strong = [a + t.end() for a, b in pieces if (t := _EN_STRONG.match(body[a:b]))]
        weak = [a + t.end() for a, b in pieces if (t := _EN_TRIGGER.match(body[a:b]))]
        if strong:
            start = strong[-1]
        elif weak:
            start = weak[0]
        items = []
        for a, b in list_items(body[start:], [(x - start, y - start) for x, y in local]):
            a, b = a + start, b + start
            piece = body[a:b]
            lead = _EN_LEAD.match(piece.strip())
            a += len(piece) - len(piece.lstrip()) + (lead.end() if lead else 0)
            b -= len(body[a:b]) - len(body[a:b].rstrip())
            if b > a:
                items.append((base + a, base + b))
        if len(items) >= 3:
            lists.append(items)
    return lists


def _zh_split(body: str, count: int = 0) -> list[list[int]]:
    """Items of a Chinese list: split at 、; the last piece also at its 和/及/与/以及,
    unless another item holds one (软件与信息服务、计算机及外设: joiners inside items) or the
    text counts the items (``count``, 等2条产业链: A、B及C are two items when 、 makes two)."""
    items, offset = [], 0
    for piece in body.split("、"):
        items.append([offset, offset + len(piece)])
        offset += len(piece) + 1
    inside = count == len(items) or \
        any(re.search(r"以及|和|及|与", body[a:b]) for a, b in items[:-1])
    a, b = items[-1]
    # a joiner followed by a unit suffix is part of a name (太和县, 平和县), no joiner
    m = None if inside else re.search(r"(?:以及|和|及|与)(?![县区市镇乡])", body[a:b])
    if m:
        items[-1:] = [[a, a + m.start()], [a + m.end(), b]]
    return items


#: The 等 that closes a list (not the 等 of 高等, 同等, 中等…).
_ZH_CLOSING = re.compile(r"(?<![高同平中初优上])等")


#: A short gloss in brackets after a list item (电子设计自动化软件(EDA)): part of the item.
_GLOSS = re.compile(r"[（(][^（）()，,。；;、]{1,12}[）)]")
#: A development verb that opens a two-item list without 、 (重点发展A和B).
_ZH_DEVELOP_TWO = re.compile(r"^.*?(?:重点发展|加快发展|大力发展|培育发展|着力发展|培育壮大|"
                             r"聚焦发展|重点布局|优先发展)")


def _zh_lists(text: str) -> list[list[tuple[int, int]]]:
    lists = []
    masked = _GLOSS.sub(lambda m: "\u25a1" * len(m.group()), text)  # same offsets
    for clause in re.finditer(r"[^，。；：:,;！？“”\"（）()]+", masked):
        body, base = clause.group(), clause.start()
        if "、" not in body:
            two = _zh_two(body)
            if two:
                lists.append([(base + a, base + b) for a, b in two])
            continue
        verb = _ZH_DEVELOP_TWO.match(body)
        if verb and "、" not in body[verb.end():] and verb.end() < len(body):
            two = _zh_two(body)  # 瑞安市、平阳县重点发展A和B: the list is after the verb
            if two:
                lists.append([(base + a, base + b) for a, b in two])
            continue
        if verb and "、" in body[:verb.end()]:  # places before the verb, industries after it
            body, base = body[verb.end():], base + verb.end()
            if "、" not in body:
                continue
        closing = _ZH_CLOSING.search(body, body.rindex("、"))
        count = 0
        if closing:  # A、B和C等领域的优势和基础: the list ends at 等, its 和 is beyond it
            counted = _ZH_COUNTED.match(body, closing.end())
            count = count_value(counted.group(1)) if counted else 0
            body = body[:closing.start()]
        items = _zh_split(body, count)
        first = body[items[0][0]:items[0][1]]
        lead = _ZH_LEAD.match(first)
        if lead:
            items[0][0] += lead.end()
        last = body[items[-1][0]:items[-1][1]]
        tail = _ZH_TAIL.search(last)
        if tail:
            items[-1][1] = items[-1][0] + tail.start()
        kept = [(base + a, base + b) for a, b in items if b > a]
        if len(kept) >= 2:
            lists.append(kept)
    return lists


#: The count after a list's 等 (等2条产业链, 等三大产业): how many items the text says it has.
_ZH_COUNTED = re.compile(r"(\d+|[一两二三四五六七八九十])(?:条|个|大|项|类|家)")




def _zh_two(body: str) -> list[tuple[int, int]]:
    """The two items of "重点发展A和B" (a development verb, one 和/及/与, no 、), or []."""
    lead = _ZH_DEVELOP_TWO.match(body)
    if not lead:
        return []
    rest = body[lead.end():]
    closing = _ZH_CLOSING.search(rest)
    if closing:
        rest = rest[:closing.start()]
    parts = re.split(r"以及|和|及|与", rest)
    if len(parts) != 2 or min(len(p.strip()) for p in parts) < 2:
        return []
    a = lead.end()
    b = a + len(parts[0])
    return [(a, b), (body.index(parts[1], b), body.index(parts[1], b) + len(parts[1]))]


#: A Chinese list the text itself calls industries: "以A、B为主导产业", "A、B等新兴产业",
#: "…产业集群，包括A、B", "重点发展A产业、B产业".
_ZH_NAMED_BEFORE = re.compile(r"(?:产业集群|产业|行业|领域|集群)(?![区园带])"  # not 产业区包括
                              r"[^。；]{0,4}(?:包括|涵盖|有)"
                              r"[^、。；]{0,2}$"
                              r"|(?:重点发展|加快发展|大力发展|培育发展|着力发展|培育壮大|主导产业|重点产业)"
                              r"[^、，,。；]{0,3}$|" + _CLASS_LABEL + "$")
#: Industries named by the noun before their list: 主要产业有A、B, 主导产业包括A、B.
_ZH_NAMED_BY_NOUN = re.compile(r"(?:产业|行业|领域)[^。；、]{0,4}(?:包括|涵盖|有|主要是|是|为)"
                               r"[^、。；]{0,2}$|" + _CLASS_LABEL + "$")
_ZH_NAMED_AFTER = re.compile(r"^(?:等|为)?[^、，,。；]{0,6}?(?:产业|行业|领域|产业集群|业态|服务业|"
                             r"制造业)")


def named_as_industries(text: str, items: list[tuple[int, int]]) -> bool:
    """Whether the sentence calls the items of a Chinese list industries."""
    before = text[max(0, items[0][0] - 16):items[0][0]]
    after = text[items[-1][1]:items[-1][1] + 12]
    every = all(text[a:b].endswith(("产业", "行业")) for a, b in items)
    # 以A、B产业为主导: the last item says 产业 and a frame closes the list
    framed = text[items[-1][0]:items[-1][1]].endswith(("产业", "行业")) and \
        re.match(r"(?:等|为(?:主导|支撑|重点|特色|支柱|核心|主体))", after)
    called = re.match(r"是[^、，,。；]{0,12}?(?:产业|行业)", after)  # A、B是…支柱产业
    return bool(every or framed or called or _ZH_NAMED_BEFORE.search(before) or
                _ZH_NAMED_AFTER.match(after))


_DEVELOPED = re.compile(r"(?:(?:重点|大力|加快|培育|积极|着力|优先)?发展|培育|布局|聚焦|引进|"
                        r"做强|壮大|承载|围绕)"
                        r"(?P<name>[\u4e00-\u9fff]{2,8}?)"
                        r"产业(?![区园带基链集群])(?=[，,。；;、和及与]|$)")


def developed_industries(text: str) -> list[IndustryMention]:
    """One industry a Chinese sentence develops by name with no list ("重点发展临空产业",
    "培育软件产业"), never a class of industries (新兴产业, 主导产业: ``industry_classes`` in
    the lexicon), a size (千亿产业) or a phrase that is no noun."""
    from .lexicon import lexicon

    classes = set(lexicon()["industry_classes"]["zh"])
    out = []
    for m in _DEVELOPED.finditer(text):
        name = m.group("name")
        if name in classes or re.search(r"[、，,等]", name) or find_industries(name) or \
                re.search(r"[一二三四五六七八九十百千万亿两]", name) or not is_noun_phrase(name):
            continue  # 打造千亿产业: a size, not an industry
        out.append(IndustryMention(m.start("name"), m.end("name"), "new:" + name, name))
    return out


#: A verb that develops what follows it as industries, right before a list of short names
#: (重点发展A、B, 主攻A、B): the list is of industries even when it names none known.
_ZH_STRONG_LEAD = re.compile(r"(?:(?:重点|大力|着力|加快|优先|积极|突出)(?:发展|培育)|培育壮大|"
                             r"做大做强|主攻|重点打造)$")


def _closed_as_industries(text: str, items: list[tuple[int, int]]) -> bool:
    """"A、B等支柱产业", "A、B、C三大传统产业", "带动A、B产业集聚", "以A、B为主导产业",
    "培育A、B产业。": closed by 等 or a count and an industry noun, by 产业 and its growth or
    the clause's end, or by a frame naming them industries; or a list of short names right
    after a verb that develops them (重点发展A、B、C。); no item a count (三大动力), and not
    a list of qualities (先导性、战略性和支柱性产业, 高端化、智能化)."""
    after = text[items[-1][1]:]
    closed = re.match(r"(?:产业)?(?:等|" + _ZH_COUNT + r")[^、，,。；]{0,6}?"
                      r"(?:产业|行业|领域|业态|服务业|制造业)"
                      r"(?![区园带基]|项目|企业)|产业(?:集群(?![^，,。；;])|" + _GROWTH +
                      r"|(?=[，,。；;]|$))|"
                      r"为(?:主导|支柱|特色|首位|主|支撑|重点|核心|主体)的?[^、，,。；]{0,4}?产业|"
                      r"是[^、，,。；]{0,12}?(?:产业|行业)", after)
    named = _ZH_NAMED_BY_NOUN.search(text[max(0, items[0][0] - 16):items[0][0]])
    lead = _ZH_STRONG_LEAD.search(text[max(0, items[0][0] - 6):items[0][0]]) and \
        all(2 <= b - a <= 8 for a, b in items) and re.match(r"\s*(?:[，,。；;]|$)", after)
    counted = any(re.search(r"\d|[一两二三四五六七八九十]大", text[a:b]) for a, b in items)
    qualities = all(text[a:b].rstrip().endswith(("性", "化")) for a, b in items)  # 先导性、战略性
    return bool(closed or lead or named) and not counted and not qualities


def _has_head(name: str) -> bool:
    from .lexicon import lexicon

    heads = lexicon()["industry_heads"]
    if name.isascii():
        return name.lower().split()[-1] in heads["en"]
    return name.endswith(tuple(heads["zh"]))


def list_tail(text: str, end: int) -> str:
    """The noun phrase after ``等`` closing a Chinese list (its group's name), or ""."""
    m = re.match(r"等((?:(?![的和与及])[\u4e00-\u9fffA-Za-z0-9+]){2,16}?"
                 r"(?:产业链|产业集群|产业|领域|行业|集群|制造业))",
                 text[end:])
    return m.group(1) if m else ""


#: What may follow an industry's term inside its own item (汽车产业, 化工制造): no other industry.
_SAME_INDUSTRY = re.compile(r"(?:产业集群|产业|行业|制造业|制造|工业)?$")


def as_written(item: str, inside: list[IndustryMention], start: int = 0) -> bool:
    """Whether a Chinese list item holding lexicon terms (``inside``, offsets ``start``
    before the item's) is one industry as written: it holds two terms (钢铁建材), a joiner
    outside its term (汽车及零部件, 新能源及节能环保: joined items are one, as the corpus keys
    write them), or words after its one term ending in an industry head (汽车软件)."""
    if len(inside) >= 2:
        return True
    a, b = inside[0].start - start, inside[0].end - start
    rest = item[:a] + "\u25a1" + item[b:]
    if re.search(r"以及|和|及|与", rest):
        return True
    after = _SAME_INDUSTRY.sub("", item[b:].rstrip())
    return len(after) >= 2 and _has_head(after)


def classify_list(text: str, items: list[tuple[int, int]], known: list[IndustryMention]):
    """Industries of one list: known ones, and the rest proposed as new when most are known.

    Returns
    -------
    list of IndustryMention
        One per item naming an industry; empty when the list is not of industries.
    """
    out, unknown = [], []
    for a, b in items:
        inside = [k for k in known if a <= k.start and k.end <= b]
        if inside and not (not text.isascii() and as_written(text[a:b], inside, a)):
            out.extend(inside)
        else:
            unknown.append((a, b))
            out.extend(k for k in inside if k.key.startswith("new:"))
    named = not text.isascii() and named_as_industries(text, items)
    if named and not out and not _closed_as_industries(text, items):
        named = False  # a list with no known industry must itself end in 等…产业
    if not (out or named) or not named and (len(out) < len(unknown) or
                                 (not text.isascii() and len(out) < 2 * len(unknown))):
        return []
    for a, b in unknown:
        name = _GLOSS.sub("", text[a:b]).strip() if not text[a:b].isascii() else \
            text[a:b].strip()
        if not name.isascii():
            name = re.sub(r"(?:产业|行业)$", "", name)
            a += len(text[a:b]) - len(text[a:b].lstrip())
            if not text.startswith(name, a) or not is_noun_phrase(name):
                continue
        words = name.split()
        if 2 <= len(name) and len(words) <= 6 and not re.search(r"\d", name) and \
                (len(name) <= 14 or name.isascii()) and (named or _has_head(name)):
            out.append(IndustryMention(a, a + len(name), "new:" + name, name))
    return sorted(out, key=lambda m: m.start)


#: Heads of phrases that name institutions, facilities or firms, never an industry.
_NOT_INDUSTRY_HEAD = ("研究院", "研究所", "研发中心", "中心", "社区", "平台", "实验室", "机构",
                      "企业", "项目", "园区", "基地", "体系", "工程", "行动", "水平", "能力")
_NOT_FIRST = ("f", "p", "d", "c", "r", "u")  # 第三代半导体 may open with a numeral
#: Action verbs that open a task, not an industry (打造…, 推进…); other verbs may (节能环保).
_ACTIONS = ("打造", "建设", "推进", "推动", "加快", "提升", "加强", "实施", "发展", "培育", "抓好",
            "促进", "深化", "完善", "构建", "形成", "引进", "布局", "支持", "开展", "建立", "新建")
#: Tags that cannot end a name (装备制造, 智能健康: verbs and adjectives may).
_NOT_LAST = ("d", "u", "f", "p", "c", "r")


def is_noun_phrase(name: str) -> bool:
    """Whether a Chinese list item reads as a noun phrase by jieba's part-of-speech tags
    (no verb, preposition or locative first, a noun-like word last) and names no
    institution, facility or firm (研发中心, 开源社区): only such an item can be an industry."""
    if name.endswith(_NOT_INDUSTRY_HEAD):
        return False
    from .text import pos_tags

    words = [(w, t) for w, t in pos_tags(name) if t not in ("x", "w")]
    if not words or words[0][0] in _ACTIONS:
        return False
    first, last = words[0][1], words[-1][1]
    return not first.startswith(_NOT_FIRST) and not last.startswith(_NOT_LAST)


def listed_classes(text: str, known: list[IndustryMention],
                   lists: list[list[tuple[int, int]]]) -> list[IndustryMention]:
    """``known`` without the mentions of class terms (lexicon ``class_terms``: 先进制造业,
    智慧城市, 数据中心…, by id, so 新型智慧城市 too) that the text does not list as
    industries: kept when followed by 产业/行业, or when the item of a list (the item being
    the term, not a task naming it) another of whose items is an industry."""
    from .lexicon import lexicon

    terms = industry_terms()
    classes = {terms[t] for t in lexicon()["class_terms"]["zh"] if t in terms}  # their ids

    def listed(m: IndustryMention) -> bool:
        if re.match(r"产业|行业", text[m.end:]):
            return True
        for items in lists:
            if any(a <= m.start and m.end <= b and b - a <= len(m.text) + 4  # the item is it
                   for a, b in items):  # (推进新型智慧城市运行管理体系建设 is a task)
                others = [k for k in known if k is not m and any(a <= k.start and k.end <= b
                                                                for a, b in items)]
                if any(k.key not in classes for k in others):
                    return True
        return False

    return [m for m in known if m.key not in classes or listed(m)]


def slug(name: str) -> str:
    """An id from an English name: ``smart pumps & valves`` -> ``smart-pumps-valves``."""
    words = re.findall(r"[A-Za-z0-9]+", name.lower())
    text = "-".join(w for w in words if w not in ("and", "the", "of"))[:60].strip("-")
    return text or "industry"
