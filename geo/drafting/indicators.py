"""Indicators: numbers with units (亿元, %, 家, 亩, 倍, billion yuan, percent), ranks and counts,
with their year and whether they are actual values or targets.

The year is the one the number's clause names (到2025年, in 2021, by 2027), else the
nearest in its sentence, else the last one of its paragraph, else the document's. A
number is a target when its year follows 到/至/by, or its clause says 力争/目标/将/预计/
will/aim/expected; otherwise it is an actual value. Units are those of the project's
unit table (``geo.plan.validate.units_table``), which converts them to base units.
"""

from __future__ import annotations

import re

from ._numerals import zh_number
from .facts import IndicatorFact, SentenceInfo, Span

_NUMBER = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_COUNT_NOUNS = (r"(?:enterprises|companies|firms|projects|factories|stations|clusters|nodes|"
                r"institutions|brains|achievements|platforms|parks|bases|scenarios|centres|"
                r"centers|industries|products|startups|start-ups|laboratories|labs|towns)")
#: 多/余 between a number and its unit: a round figure the text states (2000多家, 300余个).
_ABOUT = r"\s*(?:多|余)?\s*"
_AMOUNT = re.compile(r"(?<![A-Za-z0-9.$])" + _NUMBER + _ABOUT + r"(万亿元|亿元|万元|元|万亿|"
                     r"亿(?![人次个件户美港日欧英台])|%|个|家|分|"
                     r"平方公里|平方千米|万平方米|平方米|万亩|亩|倍|台(?![湾州风商资胞])|(?:trillion|billion|million)\s+(?:yuan|RMB|CNY)|yuan|percent|"
                     r"per cent|"
                     r"square kilomet(?:er|re)s|km2|km²)(?![A-Za-z0-9-])")
_WAN_COUNT = re.compile(r"(?<![A-Za-z0-9.$])" + _NUMBER + _ABOUT + r"万" + _ABOUT + r"(家|个|台)")
#: People counted (从业人员达到20多万人, 引进人才300人); not 人民币, 人次, 人均.
_PERSONS = re.compile(r"(?<![A-Za-z0-9.$])" + _NUMBER + _ABOUT + r"(万)?人(?![民次均口])")
#: A population in 万 with no unit after it: 户籍人口1074.4万, 常住人口817.1万人.
_PEOPLE = re.compile(r"人口(?:约|达|为|超过?|突破)?" + _NUMBER + r"\s*万(人)?(?![亿元个家户])")
_RMB = re.compile(r"(?:RMB|CNY|¥|￥)\s*" + _NUMBER + r"(?:\s*(trillion|billion|million))?"
                  r"(?:\s*yuan)?(?![A-Za-z0-9])")
_COUNT = re.compile(r"(?<![A-Za-z0-9.$])(" + r"\d{1,3}(?:,\d{3})+|\d+|" + "|".join(_WORDS) + r")\s+"
                    r"(?:[A-Za-z0-9-]+\s+){0,4}?" + _COUNT_NOUNS + r"\b", re.I)
_HAVE = re.compile(r"(?:^|,\s*|\band\s+|\s)(\d+)\s+(?:have|has|had)\s+(?:achieved|reached|gone|"
                   r"been|become|recorded|exceeded)")
_EN_RANK = re.compile(r"\brank(?:s|ed|ing)?\s+(?:(?:No\.\s*)?(\d+)(?:st|nd|rd|th)?|(" +
                      "|".join(_ORDINALS) + r"))(?:\s+and\s+(\d+)(?:st|nd|rd|th)|\s+and\s+(" +
                      "|".join(_ORDINALS) + r"))?", re.I)
_ZH_RANK = re.compile(r"(?:居|位居|位于|位列|排名|排|列)(?:全[国省市]|[^，。；\d]{0,4}?)?(第|前)"
                      r"([一二两三四五六七八九十\d]+)(?:位|名)?")
_COVERAGE = re.compile(r"full coverage of|全覆盖|全面覆盖", re.I)
#: What a Chinese 全覆盖 can be of: units, settlements, firms, parks (县(市、区)分平台实现全覆盖);
#: "产业全覆盖" (a park covering every line of industry) counts nothing. "full coverage of"
#: names its object.
_COVERED = re.compile(r"[省市县区乡镇村]|街道|社区|企业|园区|学校|医院|网点|基站")
_YEAR = re.compile(r"(?:(到|至|截至|截止|在|于)\s*)?((?:19|20)\d{2})\s*年|"
                   r"\b(by|in|until|till|before|of|since)?\s*((?:19|20)\d{2})\b(?!\s*年)", re.I)
_TARGET = re.compile(r"力争|目标|将|预计|计划|确保|争取|突破|\b(?:will|aim|aims|aiming|expected|"
                     r"plans? to|target|targets|goal|strive|should)\b", re.I)
_UNIT = {"万亿": "万亿元", "亿": "亿元",  # 突破3600亿: the yuan is implied
         "%": "%", "percent": "%", "per cent": "%", "个": "个", "家": "家", "分": "分",
         "平方公里": "平方公里", "平方千米": "平方公里", "km2": "km2", "km²": "km2"}
#: An amount that qualifies the things counted right after it (过100亿元软件企业10家).
_COUNTED_AFTER = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:企业|项目|园区)\s*\d")
_TARGET_PREPS = ("到", "至", "by", "until", "till", "before")


def _unit(word: str) -> str:
    word = " ".join(word.lower().replace("rmb", "yuan").replace("cny", "yuan").split())
    if word.startswith("square kilomet"):
        return "km2"
    return _UNIT.get(word, word)


def _clause(text: str, a: int) -> tuple[int, int]:
    left = max(text.rfind(c, 0, a) for c in ",，;；:：") + 1
    rights = [i for c in ",，;；:：" if (i := text.find(c, a)) >= 0]
    return left, min(rights) if rights else len(text)


def _years(text: str) -> list[tuple[int, int, int, bool]]:
    """(start, end, year, is_deadline) of every year mention."""
    found = []
    for m in _YEAR.finditer(text):
        prep = (m.group(1) or m.group(3) or "").lower()
        year = int(m.group(2) or m.group(4))
        found.append((m.start(), m.end(), year, prep in _TARGET_PREPS))
    return found


class _Context:
    """The year carried along a paragraph."""

    def __init__(self, default_year: int):
        self.default = default_year
        self.paragraph = 0
        self.carried: tuple[int, bool] | None = None


_THIS_YEAR = re.compile(r"今年|本年度|本年|去年")
#: "2017年至2020年，…由13亿元增至328.7亿元": the first figure is the range's start year's.
_RANGE = re.compile(r"((?:19|20)\d{2})\s*年?\s*(?:至|到|—|-|~)\s*((?:19|20)\d{2})\s*年")
_FROM_TO = re.compile(r"(?:由|从)\s*[\d.,]+\s*[\u4e00-\u9fff%]{0,3}?\s*(?:增长|增加|提高|提升|上升|"
                      r"扩大|跃升)?(?:到|至)")


def _span_year(text: str, a: int):
    """(year, "actual") of a figure in "X年至Y年…由A增至B" (A: year X, B: year Y), else None."""
    part_left = max(text.rfind(c, 0, a) for c in ";；。") + 1
    span = next((m for m in _RANGE.finditer(text, part_left) if m.end() <= a), None)
    if not span:
        return None
    for m in _FROM_TO.finditer(text, span.end()):
        if m.start() <= a < m.end():  # the figure after 由/从: the start
            return int(span.group(1)), "actual"
        if m.end() <= a <= m.end() + 2:  # the figure after 到/至: the end
            return int(span.group(2)), "actual"
    return None


def _year_kind(text: str, a: int, ctx: _Context, years) -> tuple[int, str]:
    left, right = _clause(text, a)
    own = [y for y in years if left <= y[0] < right]
    pool = own or years
    part_left = max(text.rfind(c, 0, a) for c in ";；。") + 1
    said = _THIS_YEAR.search(text[part_left:right])
    left_said = part_left if said else left
    if not own and said and ctx.default:  # 今年1-5月, 去年同期: the document's year (or before)
        pool = [(left_said + said.start(), left_said + said.end(),
                 ctx.default - (said.group() == "去年"), False)]
    if pool:
        best = min(pool, key=lambda y: abs(y[0] - a))
        year, deadline = best[2], best[3]
    elif ctx.carried:
        year, deadline = ctx.carried
    else:
        year, deadline = ctx.default, False
    clause = text[left:right]
    target = deadline or bool(_TARGET.search(clause)) or (
        not own and not years and ctx.carried is not None and ctx.carried[1])
    if year and ctx.default and year < ctx.default and not deadline:
        target = bool(_TARGET.search(clause)) and not re.search(r"\bin\s+" + str(year), clause)
    return year, "target" if target else "actual"


def _name(text: str, a: int) -> str:
    """What a figure measures, as worded just before it: the last words of its clause."""
    left, _ = _clause(text, a)
    name = text[left:a].strip(" ，,、：:")
    if name.isascii():
        words = name.split()[-8:]
        while words and words[0].lower() in ("and", "with", "that", "which", "of", "to", "the",
                                             "a", "an", "at", "for", "in", "by"):
            words = words[1:]
        while words and words[-1].lower() in _EN_TRAILING:
            words = words[:-1]
        name = " ".join(words)
    else:
        name = re.sub(_ZH_TRAILING, "", name[-20:])
    if not name:  # "Among the enterprises, 2 have ...": the words of the clause before
        words = re.findall(r"[\w’'-]+", text[:a])[-6:]
        name = " ".join(words) if text[:a].isascii() else text[:a].strip(" ，,、：:")[-16:]
    return name or "figure"


_ZH_TRAILING = r"(?:将|要|力争|预计)?(?:达到|突破|实现|超过|增长到|提高到|提升至|达|为|约|超|在)+$"


_EN_TRAILING = {"of", "to", "reach", "reached", "reaching", "will", "be", "is", "was", "were",
                "are", "at", "about", "over", "than", "more", "exceed", "exceeding", "around",
                "approximately", "achieved", "recorded", "hit", "by"}


def find_indicators(infos: list[SentenceInfo], default_year: int) -> list[IndicatorFact]:
    """Every figure of the document, one fact each."""
    ctx = _Context(default_year)
    found: list[IndicatorFact] = []
    for info in infos:
        s = info.sentence
        if s.paragraph != ctx.paragraph:
            ctx.paragraph, ctx.carried = s.paragraph, None
        text, years = s.text, _years(s.text)
        taken: list[tuple[int, int]] = []

        def add(a, b, value, unit, base="", qualifier="", text=text, s=s, years=years,
                taken=taken):
            if any(x < b and a < y for x, y in taken):
                return
            taken.append((a, b))
            year, kind = _span_year(text, a) or _year_kind(text, a, ctx, years)
            found.append(IndicatorFact(s.index, [Span(s.start + a, s.start + b, "indicator")],
                                       name=_name(text, a), value=value, unit=unit, year=year,
                                       kind=kind, base=base, qualifier=qualifier))

        for m in _AMOUNT.finditer(text):
            if re.match(r"\s*(?:-level|级)", text[m.end():]) or text[max(0, m.start() - 3):
                                                                   m.start()].endswith(("US", "$")):
                continue
            if (m.group(2) in ("个", "家") and re.match(r"\s*(?:[年月]|百分点)", text[m.end():])):
                continue
            if re.match(r"\s*(?:以上|以下)的", text[m.end():]) or _COUNTED_AFTER.match(
                    text, m.end()):
                continue  # 产值5亿元以上的企业, 过100亿元软件企业10家: a threshold, not a figure
            if m.group(2) in ("个", "家") and (_restates_a_list(text, m.start())
                                               or _counts_the_zone_named(text, m.start(),
                                                                         m.end())):
                continue
            unit = _unit(m.group(2))
            value = float(m.group(1).replace(",", ""))
            base = _base(text, m.end()) if unit == "%" else ""
            add(m.start(), m.end(), value, unit, base, _qualifier(text, m.start(), m.end()))
        for m in _PEOPLE.finditer(text):
            add(m.start(1), m.end(), float(m.group(1).replace(",", "")) * 1e4, "count",
                qualifier=_qualifier(text, m.start(1), m.end()))
        for m in _PERSONS.finditer(text):
            scale = 1e4 if m.group(2) else 1.0
            add(m.start(), m.end(), float(m.group(1).replace(",", "")) * scale, "count",
                qualifier=_qualifier(text, m.start(), m.end()))
        for m in _WAN_COUNT.finditer(text):  # 1.5万家: fifteen thousand
            add(m.start(), m.end(), float(m.group(1).replace(",", "")) * 1e4, m.group(2),
                qualifier=_qualifier(text, m.start(), m.end()))
        for m in _RMB.finditer(text):
            scale = {"trillion": 1e12, "billion": 1e9, "million": 1e6}.get(
                (m.group(2) or "").lower(), 1)
            value = float(m.group(1).replace(",", "")) * scale
            add(m.start(), m.end(), value, "yuan", qualifier=_qualifier(text, m.start(), m.end()))
        for m in _EN_RANK.finditer(text):
            for num, word in ((m.group(1), m.group(2)), (m.group(3), m.group(4))):
                value = int(num) if num else _ORDINALS.get((word or "").lower())
                if value:
                    add(m.start() + (0 if num == m.group(1) and word == m.group(2) else 1),
                        m.end(), float(value), "rank")
        for m in _ZH_RANK.finditer(text):
            digits = m.group(2)
            value = int(digits) if digits.isdigit() else zh_number(digits)
            if value:
                add(m.start(), m.end(), float(value), "rank",
                    qualifier="at worst" if m.group(1) == "前" else "")
        for m in _COUNT.finditer(text):
            word = m.group(1).lower().replace(",", "")
            value = int(word) if word.isdigit() else _WORDS.get(word)
            quoted = len(re.findall(r"[“”\"]", text[:m.start()])) % 2 == 1
            if value and not quoted and not (word.isdigit() and 1900 <= value <= 2100):
                add(m.start(1), m.end(), float(value), "个")
        for m in _HAVE.finditer(text):
            add(m.start(1), m.end(1), float(m.group(1)), "个")
        for m in _COVERAGE.finditer(text):
            base = _base(text, m.end(), coverage=True)
            left, right = _clause(text, m.start())
            if not (base or m.group().isascii() or _COVERED.search(text[left:right])):
                continue  # full coverage of nothing countable: no figure
            add(m.start(), m.end(), 100.0, "%", base or "the units the sentence names",
                "full coverage")
        if years:
            last = max(years, key=lambda y: y[0])
            ctx.carried = (last[2], last[3])
    return found


def _restates_a_list(text: str, a: int) -> bool:
    """A count that restates the list before it ("A、B等10个制造业产业") or after it
    ("下辖3个区：A区、B区"), or ends a range ("每个集聚区明确1—2个类别"): no figure."""
    before = text[max(0, a - 4):a]
    after = re.match(r"[\d.]+\s*[个家][\u4e00-\u9fff]{0,5}[：:]", text[a:])  # 3个区：A区、B区
    return before.endswith("等") or bool(re.search(r"\d\s*(?:—|-|~|至|到)\s*$", before)) \
        or bool(after)


#: A kind of zone (with its title) right after a count: 1个国家级经济技术开发区.
_ZONE_KIND = re.compile(r"(?:国家级|省级|市级)?[\u4e00-\u9fff]{0,8}?"
                        r"(?:开发区|高新区|经开区|新区|园区|产业园|工业园|示范区)")


def _counts_the_zone_named(text: str, a: int, b: int) -> bool:
    """A count between a zone's name and its kind ("滨海新区1个国家级经济技术开发区") says
    which kind the zone is: no figure of its own."""
    return text[max(0, a - 2):a].endswith(("区", "园")) and bool(_ZONE_KIND.match(text, b))


def _base(text: str, end: int, coverage: bool = False) -> str:
    m = re.match(r"\s*(?:of|in)\s+((?:[\w’'-]+\s*){1,8}?)(?=[,.;]|\s+(?:and|in|by|for)\b|$)",
                 text[end:])
    if m:
        return m.group(1).strip()
    zh = re.search(r"占([^，。；%\d]{1,12}?)(?:的)?比重", text[:end])
    return zh.group(1) if zh else ""


def _qualifier(text: str, a: int, b: int) -> str:
    before, after = text[max(0, a - 14):a].lower(), text[b:b + 4]
    if re.search(r"more than|over|exceed|at least|超过|超|以上|突破|不低于|不少于|至少",
                 before + after) or re.search(r"\d\s*(?:万\s*)?(?:多|余)", text[a:b]):
        return "at least"
    if re.search(r"about|around|approximately|左右|约", before + after):
        return "about"
    return ""
