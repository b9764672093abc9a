"""Reading a plan document: .txt, .md, .html, .docx and text-layer .pdf, to plain text.

HTML is parsed with the standard library's HTML parser (never regular expressions):
block elements become paragraphs, ``script`` and ``style`` are dropped. Text files
have their encoding detected (UTF-8 first, else charset-normalizer, so GBK works).
Every problem is one :class:`DocumentError` naming the file and what was expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..errors import AtlasError

#: Largest document file accepted, in bytes; larger files are refused unread. Word and
#: PDF files carry images, so they may be larger than text files.
MAX_DOCUMENT_BYTES = 20_000_000
MAX_TEXT_BYTES = 5_000_000

#: Most characters of text a document may have (about 250 pages); drafting time grows
#: with the text, so longer documents are refused with a one-line error.
MAX_DOCUMENT_CHARS = 500_000

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")


class DocumentError(AtlasError, ValueError):
    """A document cannot be drafted from: empty, binary, too large, unreadable or placeless."""


@dataclass(frozen=True)
class RawDocument:
    """A document's plain text, with what its markup states about it."""

    name: str
    text: str
    title: str = ""
    date: str = ""
    publisher: str = ""


_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
           "table", "section", "article", "blockquote", "pre", "header", "footer", "dd", "dt"}
_SKIP = {"script", "style", "template", "noscript", "head"}


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.skip = 0
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif tag == "title":
            self.in_title = True
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag in ("td", "th"):  # cells of a row read as "a | b", like a Markdown table
            self.parts.append(" | ")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "title":
            self.in_title = False
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str]:
    """Plain text and ``<title>`` of an HTML document or fragment.

    Examples
    --------
    >>> html_to_text("<p>a<b>b</b></p><p>c</p>")[0]
    'ab\\n\\nc'
    """
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text, " ".join("".join(parser.title).split())


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_AUTOLINK = re.compile(r"<(?:https?:)?//[^>\s]*>")
_HTML_HINT = re.compile(r"<(p|div|br|span|strong|table|li|h[1-6]|html|body)\b[^>]*>", re.I)


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, {}
    fields = {}
    for line in match.group(1).splitlines():
        key, _, value = line.partition(":")
        if value:
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return text[match.end():], fields


def decode(raw: bytes, name: str) -> str:
    """Text of a document's bytes: UTF-8 (with or without BOM), else detected (GBK, ...)."""
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(f"{name}: binary data, not text; expected a text document "
                            "(.txt, .md, .html) or a .docx or .pdf")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or _garbage(str(best)):
        raise DocumentError(f"{name}: not readable text in any known encoding; expected "
                            "a text document (UTF-8, GBK, ...), .docx or .pdf")
    return str(best)


def _garbage(text: str) -> bool:
    """Mostly control or private-use characters: bytes that are no text."""
    if not text.strip():
        return False
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\n\r\t") or 0xE000 <= ord(c) <= 0xF8FF
              or c == "\ufffd")
    return bad > len(text) * 0.05


def read_document(path: str | Path) -> RawDocument:
    """Read a document file into plain text.

    Parameters
    ----------
    path : str or Path
        A .txt, .md, .html, .docx or .pdf file.

    Raises
    ------
    DocumentError
        One line naming the file, what is wrong and what was expected.
    """
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DocumentError(f"{name}: file not found; expected a plan document") from None
    except OSError as exc:
        raise DocumentError(f"{name}: cannot read ({exc.strerror})") from None
    if path.is_dir():
        raise DocumentError(f"{name}: is a folder; expected a plan document file")
    limit = MAX_DOCUMENT_BYTES if path.suffix.lower() in (".docx", ".pdf") else MAX_TEXT_BYTES
    if size > limit:
        raise DocumentError(f"{name}: file is {size:,} bytes; {path.suffix or 'text'} documents "
                            f"are limited to {limit:,} bytes")
    if size == 0:
        raise DocumentError(f"{name}: file is empty; expected the text of a plan document")
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{name}: cannot read ({exc.strerror})") from None
    if suffix == ".docx":
        return _docx(raw, name)
    if suffix == ".pdf":
        return _pdf(raw, name)
    if raw.startswith((b"PK\x03\x04", b"%PDF")):
        kind = "a .docx (zip)" if raw.startswith(b"PK") else "a PDF"
        raise DocumentError(f"{name}: looks like {kind} file; give it the matching suffix")
    return from_text(decode(raw, name), name, html=True if suffix in (".html", ".htm") else None)


def from_text(text: str, name: str = "<text>", html: bool | None = None) -> RawDocument:
    """A document from text: front matter read, HTML and Markdown markup removed."""
    if len(text) > MAX_DOCUMENT_CHARS * 4:  # even HTML markup would not shrink it enough
        _checked_length(text, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, fields = _front_matter(text)
    title = fields.get("title", "")
    if html or (html is None and len(_HTML_HINT.findall(text)) >= 2):
        text, html_title = html_to_text(text)
        title = title or html_title
    if not html:  # Markdown: links keep their text, headings and bold lose their marks
        text = _MD_AUTOLINK.sub("", _MD_LINK.sub(r"\1", text))
        text = re.sub(r"^#{1,6}\s+", "", text, flags=re.M)
        text = re.sub(r"\*\*(\S.*?)\*\*", r"\1", text)
    if _garbage(text):
        raise DocumentError(f"{name}: binary data, not text; expected a text document")
    if not text.strip():
        raise DocumentError(f"{name}: has no text; expected the text of a plan document")
    return RawDocument(name, _checked_length(text.strip(), name), title, fields.get("date", ""))


def _checked_length(text: str, name: str) -> str:
    if len(text) > MAX_DOCUMENT_CHARS:
        raise DocumentError(f"{name}: has {len(text):,} characters of text; documents are "
                            f"limited to {MAX_DOCUMENT_CHARS:,} (split it into parts)")
    return text


def _docx(raw: bytes, name: str) -> RawDocument:
    import io

    try:
        import docx

        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises many kinds on a damaged file
        raise DocumentError(f"{name}: not a readable .docx file ({type(exc).__name__}); "
                            "expected a Word document") from None
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append(" | ".join(c.text.strip() for c in row.cells if c.text.strip()))
    text = "\n\n".join(p for p in paragraphs if p)
    if not text.strip():
        raise DocumentError(f"{name}: the Word document has no text")
    title = (document.core_properties.title or "").strip()
    return RawDocument(name, _checked_length(text, name), title)


def _pdf(raw: bytes, name: str) -> RawDocument:
    import io
    import logging

    try:
        import pypdf

        logging.getLogger("pypdf").setLevel(logging.ERROR)
        reader = pypdf.PdfReader(io.BytesIO(raw))
        pages = [page.extract_text() or "" for page in reader.pages]
        title = ((reader.metadata or {}).get("/Title") or "") if reader.metadata else ""
    except Exception as exc:  # pypdf raises many kinds on a damaged file
        raise DocumentError(f"{name}: not a readable PDF ({type(exc).__name__}); expected a "
                            "PDF with a text layer") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    # PDF text layers often space Chinese characters apart (乐 清) or break lines mid-word
    cjk = "[\u4e00-\u9fff，。、；：“”（）]"
    text = re.sub(f"(?<={cjk})[ \\t\\n]+(?={cjk})", "",
                  text.replace("\n\n", "\x00")).replace("\x00", "\n\n")
    if len(text.strip()) < 20:
        raise DocumentError(f"{name}: the PDF has no text layer (a scan?); expected a PDF "
                            "with selectable text, or run OCR first")
    return RawDocument(name, _checked_length(text, name), str(title).strip())
