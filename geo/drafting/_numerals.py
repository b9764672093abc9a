"""Chinese numerals of counts (三大, 十二个, 两翼): the table the drafting modules share."""

from __future__ import annotations

#: One to ten; 两 and 二 are both two.
ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9, "十": 10}


def zh_number(text: str) -> int:
    """The value of a Chinese numeral up to 99 (三 3, 十二 12, 二十三 23); 0 if not one."""
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + ZH_DIGITS.get(text[1:], 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return ZH_DIGITS.get(tens, 0) * 10 + ZH_DIGITS.get(ones, 0)
    return ZH_DIGITS.get(text, 0)


def count_value(word: str) -> int:
    """The value of a count written in digits (12) or as one numeral (三, 两)."""
    return int(word) if word.isdigit() else ZH_DIGITS[word]
