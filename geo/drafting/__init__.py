"""Drafting a plan file from a plan's document (``industry-atlas draft``).

:func:`draft` (also ``geo.draft(path_or_text, region=None)``) reads a document
(.txt, .md, .html, .docx, .pdf; Chinese or English), finds its region, places, layout
elements, industries, assignments and indicators, and returns a
:class:`~geo.drafting.pipeline.Draft`: the validated :class:`geo.Plan` and its YAML
text (``plan, text = geo.draft(...)``), with the evidence of every fact for the review
page (:mod:`geo.drafting.review`).

Modules, one concern each: :mod:`.reader` (documents to text), :mod:`.text`
(sentences, language, jieba), :mod:`.places` (units, region, zones), :mod:`.layout`
(slogans and their elements), :mod:`.industries` and :mod:`.lexicon` (industries),
:mod:`.links` (assignments and cluster elements), :mod:`.indicators` (figures),
:mod:`.assemble` (the plan file), :mod:`.review` (the review page).
"""

from __future__ import annotations

from .reader import DocumentError

__all__ = ["Draft", "DocumentError", "draft"]


def __getattr__(name):
    """``Draft`` lives in :mod:`.pipeline`, imported (with jieba) only when asked for."""
    if name == "Draft":
        from .pipeline import Draft

        return Draft
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def draft(path_or_text, region=None, date: str = "", plan_id: str = ""):
    """Draft a plan from a document (``geo.draft``).

    Parameters
    ----------
    path_or_text : str or Path
        A document file (.txt, .md, .html, .docx, .pdf) or the document's text.
    region : str, optional
        The plan's region (name in any form, or adcode); inferred when omitted as the
        unit the document names most.
    date : str, optional
        The document's date when its text states none (``YYYY`` or ``YYYY-MM-DD``).
    plan_id : str, optional
        The drafted plan's id (default: from the region and year).

    Returns
    -------
    Draft
        ``.plan`` (a validated :class:`geo.Plan`), ``.yaml`` (its text), ``.facts``;
        unpacks as ``plan, text``.

    Raises
    ------
    DocumentError
        Empty, binary, too large or unreadable documents, a document naming no place, a
        region the document never names (one line each).
    """
    from .pipeline import draft as _draft

    return _draft(path_or_text, region, date=date, plan_id=plan_id)
