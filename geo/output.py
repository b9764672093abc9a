"""Where outputs go and how they are written.

:func:`output_name` is the one rule for output file names (the CLI, the
index page and the report use it); :func:`write_bytes`, :func:`write_text`
and :func:`atomic_path` are the one writer: a reader sees the old file or
the new one, never half.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError

#: kind -> (the part after the stem, the fixed extension or None when ``fmt`` gives it).
_KINDS = {
    "map": ("", "html"),
    "embed": ("-embed", "html"),
    "report": ("-report", None),
    "figure": ("-{part}", None),
    "export": ("", None),
    "diff-map": ("", "html"),
    "diff-figure": ("-diff", None),
    "national": ("", "html"),
    "index": ("", "html"),
    "reality": ("-reality", None),
    "rejects": ("-rejects", "csv"),
    "specialisation": ("-specialisation", "csv"),
    "concentration": ("-concentration", "csv"),
    "summary": ("-summary", "json"),
    "reality-map": ("-reality", "html"),
}

#: Kinds whose ``fmt`` may be left out, and what it then is.
_DEFAULT_FORMATS = {"report": "html"}

#: The kinds :func:`output_name` knows.
KINDS = tuple(_KINDS)

#: The variants of an output, in the order of their name parts, and their defaults
#: (a default adds no part).
VARIANTS = {"lang": "both", "basemap": "none", "key": None}


def output_name(stem, kind: str = "map", fmt: str | None = None, *,
                part: str | None = None, lang: str | None = None, basemap=None,
                key: str | None = None) -> str:
    """The file name of an output: the one naming rule of industry-atlas.

    ==================  ==============================  ===========================================
    kind                name                            stem, fmt and part (command)
    ==================  ==============================  ===========================================
    ``map``             ``<plan>.html``                 plan id (``build``)
    ``embed``           ``<plan>-embed.html``           plan id (``embed``)
    ``report``          ``<plan>-report.<fmt>``         plan id; fmt ``html`` (default) or ``pdf``
                                                        (``report``)
    ``figure``          ``<plan>-<part>.<fmt>``         plan id; part ``layout``, ``industries``
                                                        or an industry id; fmt ``png``, ``svg``
                                                        or ``pdf`` (``figure``)
    ``export``          ``<plan>.<fmt>``                plan id; fmt the extension: ``geojson``,
                                                        ``gpkg``, ``parquet``, ``csv`` (``export``)
    ``diff-map``        ``<A>-vs-<B>.html``             the pair of plan ids (A, B) (``diff``)
    ``diff-figure``     ``<A>-vs-<B>-diff.<fmt>``       (A, B); fmt as for figures (``diff``)
    ``national``        ``<name>.html``                 national map name (``national``)
    ``index``           ``index.html``                  stem None (``index``)
    ``reality``         ``<plan>-reality.<fmt>``        plan id; fmt ``csv`` or ``parquet``: the
                                                        plan-vs-reality table (``reality``)
    ``rejects``         ``<plan>-rejects.csv``          plan id: its rejected rows (``reality``)
    ``specialisation``  ``<plan>-specialisation.csv``   plan id: Krugman index per district
                                                        (``reality``)
    ``concentration``   ``<plan>-concentration.csv``    plan id: Hoover index per industry
                                                        (``reality``)
    ``summary``         ``<plan>-summary.json``         plan id: its summary (``reality``)
    ``reality-map``     ``<plan>-reality.html``         plan id: the map with its "Reality" group
                                                        (``reality``)
    ==================  ==============================  ===========================================

    A name is the stem, then the kind's part (``-embed``, ``-report``, ...),
    then the variant parts, then ``.`` and the extension. The variants of one
    output each add a ``.``-separated part, in this fixed order, and only when
    they differ from the default, so the defaults keep the names above:

    ===========  ==========  ==============================================
    variant      default     name (``build``, ``embed``, ``report``, ...)
    ===========  ==========  ==============================================
    ``lang``     ``both``    ``wenzhou-2024.en.html``,
                             ``wenzhou-2024-report.zh.html``
    ``basemap``  ``none``    ``wenzhou-2024.amap.html``,
                             ``wenzhou-2024.en.amap.html``
    ``key``      none        ``wenzhou-2024-embed.appendix.html``
    ===========  ==========  ==============================================

    View presets (``--show``, ``--district``, ``--layers``) are not variants:
    they only choose the opening view, which the URL fragment of the same file
    does too (``wenzhou-2024.html#industry=ic``).

    Parameters
    ----------
    stem : str, tuple of two str, or None
        What the output is of: a plan id, a national map name, the pair
        ``(A, B)`` of a diff, or None for the index.
    kind : str
        One of :data:`KINDS`.
    fmt : str, optional
        The extension, for kinds whose extension varies (not checked against
        the formats the writer supports: the writers check those).
    part : str, optional
        For ``figure`` only: what the figure shows.
    lang : {"zh", "en", "both"}, optional
        The language variant; ``"both"`` (the default) adds no part.
    basemap : geo.show.basemaps.Basemap or str, optional
        The basemap variant: a resolved basemap (its canonical name is the part, so
        ``osm`` and ``openstreetmap`` name one file), or a canonical name;
        ``"none"`` (the default) adds no part.
    key : str, optional
        The key of an embed (letters, digits, ``_`` and ``-``).

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If the kind is unknown, the stem, fmt or part do not fit it, or a
        variant is not a plain name.
    """
    if kind not in _KINDS:
        raise ValueError(f"unknown output kind {kind!r}; expected {', '.join(KINDS)}")
    suffix, extension = _KINDS[kind]
    fmt = fmt or _DEFAULT_FORMATS.get(kind)
    if extension and fmt not in (None, extension):
        raise ValueError(f"{kind} output is always .{extension}, not .{fmt}")
    if not (extension or fmt):
        raise ValueError(f"{kind} output needs a format")
    if kind == "figure" and not part:
        raise ValueError("figure output needs a part: layout, industries or an industry id")
    if kind != "figure" and part is not None:
        raise ValueError(f"a part names figure outputs only, not {kind} outputs")
    if kind == "index":
        if stem is not None:
            raise ValueError("the index output has no stem")
        stem = "index"
    elif kind.startswith("diff-"):
        if not (isinstance(stem, tuple) and len(stem) == 2 and all(stem)):
            raise ValueError(f"{kind} output needs the pair of plan ids (A, B), not {stem!r}")
        stem = "{}-vs-{}".format(*stem)
    elif not isinstance(stem, str) or not stem:
        raise ValueError(f"{kind} output needs a name, not {stem!r}")
    basemap = getattr(basemap, "name", basemap)  # a Basemap names itself
    variants = "".join(f".{v}" for v in _variants(lang=lang, basemap=basemap, key=key))
    return f"{stem}{suffix.format(part=part)}{variants}.{extension or fmt}"


def _variants(**given) -> list[str]:
    """The variant parts of a name, in the order of :data:`VARIANTS`, defaults left out."""
    parts = []
    for name, default in VARIANTS.items():
        value = given[name]
        if value is None or value == default:
            continue
        if not (isinstance(value, str) and re.fullmatch(r"[\w-]+", value)):
            raise ValueError(f"{name} {value!r} cannot be part of a file name: use letters, "
                             "digits, _ and -")
        parts.append(value)
    return parts


def output_path(out, stem, kind: str = "map", fmt: str | None = None, *,
                part: str | None = None, **variants) -> Path:
    """``out / output_name(...)``: an output in folder ``out`` (same arguments)."""
    return Path(out) / output_name(stem, kind, fmt, part=part, **variants)


def make_folder(path) -> Path:
    """Create the folder of ``path`` (and its parents) if needed; return it.

    Raises
    ------
    OutputError
        If the folder cannot be created, naming ``path``.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path.parent


@contextmanager
def atomic_path(path) -> Iterator[Path]:
    """Yield a temporary path in the folder of ``path``; it replaces ``path`` on success.

    The temporary file exists (empty) when the block starts. When the block
    ends normally, the file is flushed to disk, made readable by everyone
    (``0o644``) and renamed over ``path`` in one step. When the block raises,
    or the rename fails, the temporary file is removed and ``path`` is left as
    it was.

    Examples
    --------
    >>> with atomic_path("out/plan-report.pdf") as tmp:  # doctest: +SKIP
    ...     print_to(tmp)

    Raises
    ------
    OutputError
        If the folder cannot be created or written; any other ``OSError``
        raised in the block becomes one too.
    """
    path = Path(path)
    folder = make_folder(path)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    tmp = Path(name)
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise


def write_bytes(path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    Raises
    ------
    OutputError
        If the folder cannot be created or written.
    """
    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return path


def write_text(path, text: str) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically (see :func:`write_bytes`)."""
    return write_bytes(path, text.encode("utf-8"))
