"""The review page of a draft: the document with the words each fact used highlighted
by kind, the facts beside it, each linked to its sentence both ways. The reviewer
unticks what is wrong (a layout element, a member, an industry...), renames layout
elements and industry groups, drops a group (its industries stay, ungrouped), moves a
place from one layout element to another, and downloads the plan YAML so edited.

The page is one offline file (no CDN). Document text is hostile input: it reaches the
page only through the autoescaped template (:func:`geo.render.escape.html_template`)
and, as data, through :func:`geo.render.escape.script_json`; the page's script builds
the downloaded plan from that data and never inserts text as HTML.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from ..render.escape import html_template, script_json
from .assemble import ReviewFact
from .facts import SPAN_KINDS

KIND_LABELS = {"place": "place (unit)", "zone": "place not located", "element": "layout element",
               "industry": "industry", "indicator": "figure"}
FACT_GROUPS = (("element", "Layout elements"), ("member", "Members of layout elements"),
               ("assignment", "Assignments"), ("industry", "Industries"),
               ("zone", "Places not located"), ("indicator", "Indicators"))


@cache
def _asset(name: str) -> str:
    return resources.files("geo.drafting").joinpath(name).read_text("utf-8")


def _segments(text: str, start: int, spans: list[tuple[int, int, str, str]]):
    """Pieces of one sentence: (text, kind or "", fact ids), split at span edges."""
    end = start + len(text)
    inside = [(max(a, start), min(b, end), k, f) for a, b, k, f in spans if a < end and start < b]
    cuts = sorted({start, end, *(a for a, *_ in inside), *(b for _, b, *_ in inside)})
    pieces = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [(y - x, k, f) for x, y, k, f in inside if x <= a and b <= y]
        kind = min(covering)[1] if covering else ""
        facts = sorted({f for *_, f in covering}, key=lambda f: int(f[1:]))
        pieces.append((text[a - start:b - start], kind, facts))
    return pieces


def page_context(draft) -> dict:
    """What the template shows: paragraphs of sentences of pieces, and the facts."""
    doc = draft.document
    spans = [(s.start, s.end, s.kind, f.id) for f in draft.facts for s in f.spans]
    by_sentence: dict[int, list[ReviewFact]] = {}
    for f in draft.facts:
        by_sentence.setdefault(f.sentence, []).append(f)
    paragraphs: dict[int, list[dict]] = {}
    for s in doc.sentences:
        paragraphs.setdefault(s.paragraph, []).append({
            "index": s.index, "where": s.where,
            "pieces": _segments(s.text, s.start, spans),
            "facts": [f.id for f in by_sentence.get(s.index, [])]})
    layout = draft.data.get("layout", [])
    groups = []
    for kind, title in FACT_GROUPS:
        facts = [f for f in draft.facts if f.kind == kind]
        if facts:
            groups.append({"title": title, "facts": [
                {"id": f.id, "label": f.label, "sentence": f.sentence,
                 "where": doc.sentences[f.sentence].where,
                 "element": layout[f.path[1]] if kind == "element" else None,
                 "member_of": layout[f.path[1]]["id"] if kind == "member" else None,
                 "untranslated": draft.data["industries"][f.path[1]]["id"]
                 if f.untranslated else None}
                for f in facts]})
    plan = draft.plan
    file_name = f"{plan.id}.yaml"
    return {"title": plan.title.pick("both"), "document": doc.name.split("/")[-1],
            "lang": doc.lang, "region_note": draft.region_note,
            "paragraphs": [paragraphs[p] for p in sorted(paragraphs)], "groups": groups,
            "elements": [{"id": e["id"], "label": e["en"]} for e in layout],
            "industry_groups": [
                {**g, "count": sum(i.get("group") == g["id"]
                                   for i in draft.data.get("industries", []))}
                for g in draft.data.get("groups", [])],
            "kinds": [(k, KIND_LABELS[k]) for k in SPAN_KINDS], "count": len(draft.facts),
            "file": file_name}


def _key_order(value, order=None) -> list[str]:
    """Every mapping key of the plan in first-seen order (the page's JSON sorts keys; the
    downloaded YAML puts them back in the plan file's order)."""
    order = [] if order is None else order
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in order:
                order.append(key)
            _key_order(item, order)
    elif isinstance(value, list):
        for item in value:
            _key_order(item, order)
    return order


def review_page(draft) -> str:
    """The review page of a :class:`~geo.drafting.pipeline.Draft`, as HTML text."""
    from markupsafe import Markup

    context = page_context(draft)
    data = {"plan": draft.data, "file": context["file"], "order": _key_order(draft.data),
            "facts": [{"id": f.id, "path": f.path, "kind": f.kind} for f in draft.facts],
            "header": "".join(line + "\n" for line in draft.yaml.splitlines()
                              if line.startswith("#"))}
    return html_template(_asset("review.html.j2")).render(
        **context, css=Markup(_asset("review.css")), js=Markup(_asset("review.js")),
        data=Markup(script_json(data)))
