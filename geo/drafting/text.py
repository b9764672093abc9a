"""A document as numbered paragraphs and sentences, its language, title and date.

Every fact the draft finds cites a sentence by its paragraph and sentence numbers
(both from 1) and keeps the character offsets of the words it used, so the review
page can highlight them. Chinese text is segmented with jieba where word boundaries
matter; its dictionary cache lives in ``geo.settings.cache_dir``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .reader import RawDocument


@dataclass(frozen=True)
class Sentence:
    """One sentence: its numbers and where it starts in :attr:`Document.text`."""

    index: int  # position in Document.sentences
    paragraph: int  # 1-based
    number: int  # 1-based, within its paragraph
    start: int
    text: str

    @property
    def end(self) -> int:
        """Offset just past the sentence in the document text."""
        return self.start + len(self.text)

    @property
    def where(self) -> str:
        """``"paragraph 3, sentence 2"``: how a fact cites it."""
        return f"paragraph {self.paragraph}, sentence {self.number}"


@dataclass
class Document:
    """A document split into sentences, with its language and what it states about itself."""

    name: str
    text: str
    sentences: list[Sentence]
    lang: str
    title: str = ""
    date: str = ""
    publisher: str = ""
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # (start, end) offsets


_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str:
    """``"zh"`` when Chinese characters make up a fifth of the letters, else ``"en"``.

    Examples
    --------
    >>> detect_language("数字经济 plan"), detect_language("A digital plan 数")
    ('zh', 'en')
    """
    sample = text[:20000]
    cjk = len(_CJK.findall(sample))
    latin_words = len(re.findall(r"[A-Za-z]+", sample))
    return "zh" if cjk >= max(1, latin_words) * 0.5 else "en"


_ZH_END = re.compile(r"[。！？；!?;]+[”’」』）)]*")
_EN_END = re.compile(r"(?<=[.!?])[\"”’)]*(?=\s+[\"“(]?[A-Z0-9“]|[\"“][A-Z])")
_ABBREVIATIONS = ("No.", "Mr.", "Ms.", "Dr.", "St.", "Co.", "Ltd.", "U.S.", "Inc.", "vs.",
                  "e.g.", "i.e.", "etc.", "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")


def split_sentences(paragraph: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of one paragraph."""
    cuts = []
    if lang == "zh":
        cuts = [m.end() for m in _ZH_END.finditer(paragraph)]
        cuts += [m.end() for m in _EN_END.finditer(paragraph)
                 if not paragraph[: m.end()].endswith(_ABBREVIATIONS)
                 and not _CJK.search(paragraph[max(0, m.end() - 2): m.end() + 2])]
    else:
        cuts = [m.end() for m in _EN_END.finditer(paragraph)
                if not paragraph[: m.end()].endswith(_ABBREVIATIONS)]
        cuts += [m.end() for m in _ZH_END.finditer(paragraph) if paragraph[m.start()] in "。；！？"]
    spans, start = [], 0
    for cut in sorted(set(cuts)) + [len(paragraph)]:
        piece = paragraph[start:cut]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
        start = cut
    return spans


#: Full-width digits, letters, % and + (２０２５年, ６５％) as ASCII, one character for one.
_FULLWIDTH = {c: c - 0xFEE0 for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                      *range(0xFF41, 0xFF5B), 0xFF05, 0xFF0B)}
#: Control characters become spaces and Unicode line separators newlines, one for one.
_FULLWIDTH.update({c: " " for c in (*range(0, 9), 11, 12, *range(14, 32), 127)})
_FULLWIDTH.update({0x85: "\n", 0x2028: "\n", 0x2029: "\n"})


def build_document(raw: RawDocument) -> Document:
    """Split a read document into paragraphs and sentences."""
    lang = detect_language(raw.text)
    source = raw.text.translate(_FULLWIDTH)
    blocks = [b for b in re.split(r"\n\s*\n", source) if b.strip()]
    joiner = "" if lang == "zh" else " "
    paragraphs_text = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        text = lines[0] if lines else ""
        for line in lines[1:]:
            if _is_heading(text) or _is_heading(line):  # a heading line is a paragraph
                paragraphs_text.append(text)
                text = line
                continue
            glue = "" if (_CJK.match(line[:1]) and _CJK.match(text[-1:])) else joiner or " "
            text += glue + line
        paragraphs_text.append(text)
    text = "\n\n".join(paragraphs_text)
    sentences, paragraphs, offset = [], [], 0
    for p, ptext in enumerate(paragraphs_text, 1):
        paragraphs.append((offset, offset + len(ptext)))
        for n, (a, b) in enumerate(split_sentences(ptext, lang), 1):
            sentences.append(Sentence(len(sentences), p, n, offset + a, ptext[a:b]))
        offset += len(ptext) + 2
    title = raw.title or _first_line_title(paragraphs_text)
    date = find_date(raw.date) or find_date(text)
    return Document(raw.name, text, sentences, lang, title, date,
                    raw.publisher or find_publisher(text), paragraphs)


_PUNCTUATION = re.compile(r"[。，、；：！？,.;:!?|]")


def _is_heading(line: str) -> bool:
    """A short Chinese line with no punctuation (先进制造业产业区): a heading, not a line a
    sentence wrapped onto."""
    return 2 <= len(line) <= 16 and bool(_CJK.match(line[:1])) and not _PUNCTUATION.search(line)


def _first_line_title(paragraphs: list[str]) -> str:
    for p in paragraphs[:3]:
        if 4 <= len(p) <= 120 and not p.rstrip().endswith((".", "。")):
            return p.strip()
    return ""


_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_MONTHS = ("january february march april may june july august september october november "
           "december").split()
_EN_DATE = re.compile(r"\b(" + "|".join(m.title() for m in _MONTHS) + r")\s+(\d{1,2}),?\s+"
                      r"((?:19|20)\d{2})\b")


def find_date(text: str) -> str:
    """The first full date in the document's head, as ``YYYY-MM-DD`` (or "")."""
    head = text[:600]
    if m := _DATE.search(head):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    if m := _EN_DATE.search(head):
        month = _MONTHS.index(m.group(1).lower()) + 1
        return f"{int(m.group(3)):04d}-{month:02d}-{int(m.group(2)):02d}"
    return ""


_PUBLISHER = re.compile(r"(?:来源|文章来源|Source)\s*[:：]\s*([^\s)）|｜]{2,40})", re.I)


def find_publisher(text: str) -> str:
    """Who published the document, where it says so (``来源：...``, ``Source: ...``)."""
    found = _PUBLISHER.search(text)
    return found.group(1).strip() if found else ""


@cache
def tokenizer(words: tuple[str, ...] = ()):
    """A jieba tokenizer whose dictionary cache is kept in ``settings.cache_dir``.

    ``words`` (place names, lexicon terms) are added as user words.
    """
    jieba, base = _import_jieba(), _base_tokenizer()
    tok = jieba.Tokenizer(base.dictionary)
    tok.tmp_dir = base.tmp_dir
    # The dictionary is read once per process (jieba's `initialize`, ~70 ms from its cache);
    # each word list starts from a copy of what it read.
    tok.FREQ, tok.total, tok.initialized = dict(base.FREQ), base.total, True
    for word in words:
        if word and not word.isascii():
            tok.add_word(word, freq=2000)
    return tok


@cache
def _base_tokenizer():
    """jieba's tokenizer on the small dictionary (:func:`_small_dictionary`), its dictionary
    read: the start of every :func:`tokenizer`."""
    import logging

    from .. import settings

    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    folder = settings.cache_dir / "jieba" if settings.cache_dir is not None else None
    dictionary = _small_dictionary(folder) if folder is not None else None
    tok = jieba.Tokenizer(dictionary) if dictionary else jieba.Tokenizer()
    if folder is not None:
        tok.tmp_dir = str(folder)
    tok.initialize()
    return tok


def _import_jieba():
    """jieba, imported without pkg_resources when nothing has imported that yet: jieba
    uses it only to find its own files and falls back to its own folder, and importing
    pkg_resources takes longer than drafting a short document."""
    import sys

    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # `import pkg_resources` raises ImportError
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


#: Words of jieba's dictionary kept, most frequent first: loading them takes a tenth of
#: the time of the full 350,000, and plan vocabulary is among them.
SEGMENTER_WORDS = 60_000


def _small_dictionary(folder):
    """jieba's dictionary cut to its most frequent words, written once into ``folder``."""
    import os

    from ..output import write_text

    jieba = _import_jieba()

    path = folder / f"dict-{SEGMENTER_WORDS}-{jieba.__version__}.txt"
    if path.is_file():
        return str(path)
    source = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    try:
        with open(source, encoding="utf-8") as handle:
            rows = [line.split() for line in handle if line.strip()]
        rows.sort(key=lambda r: -int(r[1]))
        write_text(path, "".join(" ".join(r) + "\n" for r in rows[:SEGMENTER_WORDS]))
    except Exception:  # noqa: BLE001 - an unwritable cache falls back to the full dictionary
        return None
    return str(path)


def segment(text: str, words: tuple[str, ...] = ()) -> list[tuple[int, int, str]]:
    """Chinese words of ``text`` as (start, end, word), jieba's precise mode."""
    return list((a, b, w) for w, a, b in tokenizer(words).tokenize(text))


@cache
def _pos_tokenizer():
    """A part-of-speech tagger on :func:`tokenizer`'s dictionary. Importing jieba.posseg
    builds a module-level tagger from the default tokenizer's dictionary (350,000 lines,
    about 0.3 s); it is pointed at the small dictionary for that import only."""
    jieba, tok = _import_jieba(), tokenizer()
    default = jieba.dt.dictionary
    jieba.dt.dictionary = tok.dictionary
    try:
        import jieba.posseg
    finally:
        jieba.dt.dictionary = default
    return jieba.posseg.POSTokenizer(tok)


def pos_tags(text: str) -> list[tuple[str, str]]:
    """(word, part-of-speech tag) of Chinese ``text`` (jieba.posseg, its own dictionary's
    tags; no model is downloaded)."""
    _import_jieba()
    return [(w.word, w.flag) for w in _pos_tokenizer().cut(text)]


def pinyin(text: str) -> str:
    """Hanyu Pinyin of Chinese ``text``, syllables spaced, no tones (``温州`` -> ``wen zhou``)."""
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(text))
