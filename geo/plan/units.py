"""Indicator values in human units: 689.2亿元 / 68.92 billion yuan, 7.9% of a named base.

:func:`geo.indicators` keeps values in base units (yuan, percent, count, ...);
these helpers write them the way a report reads, in Chinese, English or both.
"""

from __future__ import annotations

# (threshold, Chinese unit suffix) and (threshold, English word), largest first.
_YUAN_ZH = ((1e12, "万亿元"), (1e8, "亿元"), (1e4, "万元"), (1, "元"))
_YUAN_EN = ((1e12, "trillion yuan"), (1e9, "billion yuan"), (1e6, "million yuan"), (1, "yuan"))
_PLAIN = {  # unit: (Chinese pattern, English pattern)
    "count": ("{n}", "{n}"),
    "rank": ("第{n}位", "No. {n}"),
    "points": ("{n}分", "{n} points"),
    "km2": ("{n}平方千米", "{n} km²"),
    "percent": ("{n}%", "{n}%"),
    "mu": ("{n}亩", "{n} mu"),  # 1 亩 = 1/15 hectare; kept as the plan states it
    "times": ("{n}倍", "{n} times"),  # a multiple of a stated base (是20年前的500倍)
}


def number(x: float) -> str:
    """``x`` with at most two decimals and thousands separators: ``2,720.8``, ``68.92``."""
    text = f"{x:,.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _scaled(value: float, steps) -> tuple[float, str]:
    for threshold, name in steps:
        if abs(value) >= threshold:
            return value / threshold, name
    return value, steps[-1][1]


def human_value(value: float, unit: str, lang: str = "both") -> str:
    """A value in base units as a reader writes it.

    Parameters
    ----------
    value : float
        In base units: yuan, percent, count, rank, points, km², mu (亩) or times (倍).
    unit : str
        The indicator's unit.
    lang : {"zh", "en", "both"}

    Returns
    -------
    str
        ``"689.2亿元 / 68.92 billion yuan"`` (both), ``"7.9%"``, ``"No. 3"``;
        an unknown unit is written after the number.

    Examples
    --------
    >>> human_value(6.892e10, "yuan")
    '689.2亿元 / 68.92 billion yuan'
    >>> human_value(3, "rank", "en")
    'No. 3'
    >>> human_value(9566, "mu")
    '9,566亩 / 9,566 mu'
    """
    if unit == "yuan":
        zh = "{}{}".format(*_zh_yuan(value))
        en = "{} {}".format(*_en_yuan(value))
    else:
        zh_pattern, en_pattern = _PLAIN.get(unit, ("{n} " + unit, "{n} " + unit))
        zh, en = zh_pattern.format(n=number(value)), en_pattern.format(n=number(value))
    if lang == "zh":
        return zh
    if lang == "en":
        return en
    return zh if zh == en else f"{zh} / {en}"


def _zh_yuan(value: float) -> tuple[str, str]:
    scaled, name = _scaled(value, _YUAN_ZH)
    return number(scaled).replace(",", ""), name


def _en_yuan(value: float) -> tuple[str, str]:
    scaled, name = _scaled(value, _YUAN_EN)
    return number(scaled), name


def scale_of(values, unit: str, lang: str = "both") -> tuple[float, str]:
    """One divisor and axis label for a set of values: ``(1e8, "亿元 / 100 million yuan")``.

    Chosen by the largest value (Chinese steps for ``"zh"`` and ``"both"``); for
    units other than yuan the divisor is 1.
    """
    if unit != "yuan":
        zh_pattern, en_pattern = _PLAIN.get(unit, ("{n} " + unit, "{n} " + unit))
        zh, en = zh_pattern.format(n="").strip(), en_pattern.format(n="").strip()
        return 1.0, _pick(zh or unit, en or unit, lang)
    top = max((abs(v) for v in values), default=1.0)
    steps = _YUAN_EN if lang == "en" else _YUAN_ZH
    divisor, name = next(((t, n) for t, n in steps if top >= t), steps[-1])
    if lang == "en":
        return divisor, name
    return divisor, _pick(name, _ZH_STEP_EN[name], lang)


_ZH_STEP_EN = {"万亿元": "trillion yuan", "亿元": "100 million yuan",
               "万元": "10 thousand yuan", "元": "yuan"}


def _pick(zh: str, en: str, lang: str) -> str:
    if lang == "zh":
        return zh
    if lang == "en":
        return en
    return " / ".join(dict.fromkeys((zh, en)))
