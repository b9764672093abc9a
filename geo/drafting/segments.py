"""Word boundaries around a lexicon term in Chinese text (jieba's segmentation)."""

from __future__ import annotations

from functools import cache

__all__ = ["inside_word"]


@cache
def _segmenter():
    from .text import tokenizer

    return tokenizer()


def inside_word(text: str, start: int, end: int) -> bool:
    """Whether the two-character term at ``text[start:end]`` is part of a longer word by
    jieba's segmentation of the text around it: it starts inside one (优化工业 holds no 化工,
    重化工业 none either) or opens one that goes on (汽车站, 纺织厂), unless only by 业 or 类
    (物流业)."""
    a = max(0, start - 6)
    at = a
    for word in _segmenter().cut(text[a:end + 6]):
        if at < start < at + len(word):
            return True
        if at == start:
            rest = word[end - start:]
            return bool(rest) and rest not in ("业", "类")
        at += len(word)
    return False
